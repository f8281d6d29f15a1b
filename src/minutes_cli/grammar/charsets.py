"""Encodings that strict UTF-8 decoding accepts although the text is not UTF-8.

ISO-2022-JP and UTF-7 are 7-bit: their bytes are ASCII, so ``data.decode("utf-8")``
succeeds and the reader would hand on escape sequences or ``+ZeVnLA-`` as if they were
the text. These sniffers look at such ASCII input before it is taken for UTF-8.
ISO-2022-JP is decoded (its escape sequences say what it is); UTF-7 is only recognised,
and refused unless asked for, since ordinary ASCII (``C++``, ``1+1``, ``+81-3-...``) can
look like it.
"""

from __future__ import annotations

import regex as re

from minutes_cli.errors import SourceError

#: The designations of ISO-2022-JP and its extensions that switch to non-ASCII: ``ESC $
#: @``, ``ESC $ B`` (JIS X 0208), ``ESC $ A`` and ``ESC $ ( C`` (GB 2312, KS C 5601: -2),
#: ``ESC $ ( D`` (JIS X 0212: -1, -2), ``ESC $ ( O/P/Q`` (JIS X 0213: -3, -2004), ``ESC ( I``
#: (half-width katakana), ``ESC . A/F`` (ISO-8859 high halves: -2). ``ESC ( B`` and ``ESC (
#: J`` only switch back to ASCII or JIS Roman: alone, they are a terminal's reset in ASCII
#: text, which stays as it is.
ISO2022_ESCAPE = re.compile(rb"\x1b(?:\$[@AB]|\$\([CDOPQ]|\(I|\.[AF])")

#: Tried in this order; the first that decodes the whole input strictly wins.
ISO2022_CODECS = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_3", "iso2022_jp_2004")

#: A UTF-7 shift sequence: ``+``, modified base64, and the ``-`` that may end it (encoders
#: leave it out before a newline or punctuation).
UTF7_RUN = re.compile(rb"\+[A-Za-z0-9/+]{2,}-?")

#: What a decoded run must be to count: assigned, printable text (``+CPU`` decodes to a
#: lone combining mark, ``+AAA`` to NUL: ASCII, not UTF-7).
PLAUSIBLE = re.compile(r"[^\p{M}\p{C}][^\p{Cc}\p{Cs}\p{Co}\p{Cn}]*")

#: How many ``+...-`` runs that decode to non-ASCII text, and how many characters they
#: decode to, it takes to call input UTF-7 (``+abc +yes`` would be two: ASCII).
UTF7_MIN_RUNS = 2
UTF7_MIN_CHARS = 4


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def iso2022(data: bytes, name: str) -> tuple[str, str] | None:
    """``(text, codec)`` when 7-bit ``data`` is ISO-2022-JP; None when it is not.

    Input that designates such a set but decodes in no variant is refused rather than
    read as ASCII with escape sequences in it.
    """
    found = ISO2022_ESCAPE.search(data)
    if found is None or not data.isascii():
        return None
    for codec in ISO2022_CODECS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    line, column = _position(data, found.start())
    raise SourceError(
        name,
        "looks like ISO-2022-JP (an ESC designation) but decodes as no ISO-2022-JP "
        "variant; name the encoding with --encoding",
        line,
        column,
    )


def refuse_utf7(data: bytes, name: str) -> None:
    """Raise when 7-bit ``data`` reads as UTF-7: several ``+...-`` runs that each decode
    to printable non-ASCII text, and the whole input valid UTF-7 (one ``1+1`` or ``+81``
    and it is not). Said, not guessed: the user confirms with ``--encoding utf-7``."""
    if b"+" not in data or not data.isascii():
        return
    runs = []
    for run in UTF7_RUN.finditer(data):
        try:
            decoded = run[0].decode("utf-7")
        except UnicodeDecodeError:
            continue
        if not decoded.isascii() and PLAUSIBLE.fullmatch(decoded):
            runs.append((run, decoded))
    if len(runs) < UTF7_MIN_RUNS or sum(len(text) for _, text in runs) < UTF7_MIN_CHARS:
        return
    try:
        data.decode("utf-7")
    except UnicodeDecodeError:
        return  # a lone "+81" elsewhere: ASCII with plus signs, not UTF-7
    first, decoded = runs[0]
    line, column = _position(data, first.start())
    shown = _clip(first[0].decode("ascii"), 16)
    decoded = _clip(decoded, 8)
    raise SourceError(
        name,
        f"looks like UTF-7 ({shown} would be {decoded}); if it is, read it with "
        "--encoding utf-7 (or --encoding utf-8 to read it as it is)",
        line,
        column,
    )

"""Fuzz the bytes -> record path: ``minutes_cli.parse_bytes``.

An input may be refused (:class:`minutes_cli.SourceError`: binary, empty, undecodable,
an unreadable PDF); anything else that raises is a crash. A document that parses must
also keep the lossless promise: every non-blank line of the decoded text in exactly
one record (checked when the bytes were read as UTF-8, CP932 or EUC-JP, which this
script can decode the same way).

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=60

Any libFuzzer flag works (``-jobs``, ``-timeout``, ``-artifact_prefix``, corpus
directories); see fuzz/README.md.
"""

from __future__ import annotations

import sys

try:
    import atheris
except ImportError:
    sys.exit(
        "fuzz_parse.py needs atheris, which is not installed: pip install atheris "
        "(see fuzz/README.md)"
    )

with atheris.instrument_imports(include=["minutes_cli"]):
    from minutes_cli import SourceError, parse_bytes
    from minutes_cli.lossless import coverage

#: Encodings (as ``source.encoding`` names them) that decode the whole input as is;
#: a BOM (``utf-8 (BOM)``) is kept by ``bytes.decode`` and skipped by the parser.
CHECKED_ENCODINGS = ("utf-8", "cp932", "euc_jp")


def test_one_input(data: bytes) -> None:
    """One fuzz case: parse, or refuse with SourceError; never anything else."""
    try:
        document = parse_bytes(data)
    except SourceError:
        return
    encoding = (document.source.encoding or "").split(" ")[0]
    if encoding not in CHECKED_ENCODINGS:
        return  # a PDF, UTF-16, or a guess: the decoded text is not ours to rebuild
    text = data.decode(encoding)
    result = coverage(document, text)
    if result.missing or result.doubled:
        raise AssertionError(
            f"lossless broken ({document.source.encoding}): lines in no record "
            f"{result.missing[:10]}, lines in two records {result.doubled[:10]}"
        )
    seqs = [u.seq for u in document.utterances]
    if seqs != list(range(1, len(seqs) + 1)):
        raise AssertionError(f"utterance seq not 1..n: {seqs[:20]}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

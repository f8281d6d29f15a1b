"""The clean stage: raw text to clean lines, with layout noise set aside.

Newlines, the BOM, zero-width characters, full-width ASCII and trailing space are folded
(:func:`clean_lines`, keeping the original 1-based line numbers); page numbers, page
markers and running headers and footers become ``dropped`` records
(:func:`split_artifacts`), so they neither join nor break paragraphs; and the wrap width
and blank-line convention are learnt from what is left (:func:`detect_layout`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import regex

from minutes_cli.grammar import patterns
from minutes_cli.grammar.artifacts import INLINE_FOOTER, artifact_reason, starts_like_noise
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.text import display_width
from minutes_cli.kinds import DropReason, Newline
from minutes_cli.models import Dropped
from minutes_cli.parse.tokens import Layout, Line

# Full-width ASCII letters and digits, and the ideographic space, to half width.
# Deliberately not NFKC: it would also fold （）：～ and ① (which headings and the
# legend rely on), and not jaconv: a three-range table does not need a dependency.
FOLD: dict[int, int | None] = {
    cp: cp - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(r[0], r[1] + 1)
}
FOLD[0x3000] = 0x20  # IDEOGRAPHIC SPACE
# Zero-width characters are invisible: one before or after a marker (○\u200b山田議長) or
# in a label hid the turn from every pattern. U+200B, U+2060 and U+FEFF mean nothing in
# text; the joiners U+200C and U+200D are folded by _fold_joiners, which keeps them where
# they spell something. (Other format characters -- bidi marks, the soft hyphen -- stay.)
FOLD[0xFEFF] = None  # stray BOM / zero-width no-break space inside the text
FOLD[0x200B] = None  # ZERO WIDTH SPACE
FOLD[0x2060] = None  # WORD JOINER
FOLD[0x00A0] = 0x20  # NO-BREAK SPACE
FOLD[0x000C] = None  # form feed: a page break, counted by page_map, not text
# PDF text layers: Kangxi radicals (⽅ U+2F45) for the ideographs they look like (方),
# which NFKC gets right; and vertical presentation forms (︵︶︒) for the full-width
# punctuation they stand for, which NFKC would wrongly make ASCII "(" ")" ".".
for _cp in (*range(0x2F00, 0x2FD6), 0x2E9F, 0x2EF3):
    FOLD[_cp] = ord(unicodedata.normalize("NFKC", chr(_cp)))
FOLD.update(
    {
        ord(a): ord(b)
        for a, b in zip(
            "︐︑︒︓︔︕︖︗︘︙︰︱︲︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄",
            "，、。：；！？〖〗…‥—–（）｛｝〔〕【】《》〈〉「」『』",
            strict=True,
        )
    }
)


def _char_class(codes: Sequence[int]) -> str:
    """A regex character class of ``codes``, runs written as ranges."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    escape = regex.escape
    return (
        "["
        + "".join(
            escape(chr(a)) if a == b else f"{escape(chr(a))}-{escape(chr(b))}" for a, b in runs
        )
        + "]"
    )


#: Any character that FOLD changes (a search in C is cheaper than translating a line);
#: the lines are scanned for these and the joiners, :data:`_TO_FOLD`.
_FOLDABLE = patterns.char_set(_char_class(list(FOLD)))


#: A zero-width (non-)joiner that joins what it must: inside an emoji sequence (👨‍👩‍👧,
#: after a pictograph, skin tone or VS16), or between the letters of the scripts that
#: spell with them (Persian, the Indic scripts). Anywhere else it is folded away.
_JOINER = patterns.compile(r"[\u200c\u200d]")
_EMOJI_BEFORE = patterns.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")
_EMOJI_AFTER = patterns.compile(r"\p{Extended_Pictographic}")
_JOINING_LETTER = patterns.compile(
    r"(?![\p{Han}\p{Hiragana}\p{Katakana}\p{Latin}\p{Common}\p{Greek}\p{Cyrillic}"
    r"\p{Hangul}])[\p{L}\p{M}]"
)


def _fold_joiners(line: str) -> str:
    """``line`` without the joiners that join nothing (see :data:`_JOINER`)."""

    def keep(match: regex.Match[str]) -> str:
        at = match.start()
        before = line[at - 1] if at else ""
        after = line[at + 1 : at + 2]
        emoji = _EMOJI_BEFORE.match(before) and _EMOJI_AFTER.match(after)
        letters = _JOINING_LETTER.match(before) and _JOINING_LETTER.match(after)
        return match[0] if emoji or letters else ""

    return _JOINER.sub(keep, line)


#: Any character :func:`_fold` may change: most lines have none.
_TO_FOLD = patterns.char_set(_FOLDABLE.pattern[:-1] + "\u200c\u200d]")


def _fold(line: str, table: dict[int, int | None]) -> str:
    """One line's characters folded: the table, then the joiners (for a line that has
    something to fold, see :data:`_TO_FOLD`)."""
    line = line.translate(table)
    if "\u200d" in line or "\u200c" in line:
        line = _fold_joiners(line)
    return line


class Lines(NamedTuple):
    """Every non-blank line of a document, cleaned, and the facts about its lines."""

    lines: tuple[Line, ...]
    total_lines: int
    newline: Newline
    #: Page of each line (index = line - 1), counted from form feeds (PDF text layers
    #: and pdftotext separate pages with them); empty when the text has none.
    pages: tuple[int, ...] = ()


class Cleaned(NamedTuple):
    """What the clean stage hands on: the lines that are text, the noise set aside, the
    layout, and the facts about the input's lines that the record keeps."""

    #: Handed over to the split stage, which empties the list: a large document then holds
    #: its lines once (in the split), and not past the reflow.
    lines: list[Line]
    dropped: tuple[Dropped, ...]
    layout: Layout
    total_lines: int
    newline: Newline
    pages: tuple[int, ...]  # page of each line (index = line - 1); empty when not paged
    page_count: int | None  # pages the text spans, for paged input


def run(text: str) -> Cleaned:
    """Clean lines, noise set aside, layout learnt."""
    every = clean_lines(text)
    running = running_lines(every.lines, every.pages)
    lines, dropped = split_artifacts(every.lines, running)
    pages = every.pages
    count = max((pages[line.number - 1] for line in every.lines), default=None) if pages else None
    return Cleaned(
        list(lines), dropped, detect_layout(lines), every.total_lines, every.newline, pages, count
    )


_DIGITS = patterns.compile(r"\d+")


def newline_style(text: str) -> Newline:
    """LF, CRLF, CR, mixed or none: how the input ended its lines."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts: tuple[tuple[Newline, int], ...] = (("CRLF", crlf), ("CR", cr), ("LF", lf))
    kinds = [name for name, n in counts if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def fold(text: str) -> str:
    """The character-level normalisation alone, as text: newlines to LF, BOM and
    zero-width characters dropped, full-width ASCII folded, PDF glyphs repaired, trailing
    blanks cut (form feeds kept).
    ``fold(fold(t)) == fold(t)``; :func:`clean_lines` works on exactly this."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(
        _TRAILING.sub("", _fold(line, _FOLD_TEXT) if _TO_FOLD.search(line) else line)
        for line in lines
    )


#: fold() keeps form feeds: they are the page breaks that clean_lines counts.
_FOLD_TEXT = {**FOLD, 0x0C: 0x0C}
_TRAILING = patterns.compile(r"[^\S\f]+$")


def clean_lines(text: str) -> Lines:
    """Split into lines and fold characters; blank lines are counted, not kept."""
    newline = newline_style(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()  # a final newline ends the last line; it does not open another
    total = len(raw)
    pages = _page_map(raw) if _paged(text) else ()
    # Popped, each raw line is let go of once read: a folded one is not held twice (the
    # peak memory of a large document).
    raw.reverse()
    lines: list[Line] = []
    gap = 0
    for number in range(1, total + 1):
        raw_line = raw.pop()
        if not raw_line or raw_line.isspace():  # the common blank line, without the scans
            gap += 1
            continue
        folded = (_fold(raw_line, FOLD) if _TO_FOLD.search(raw_line) else raw_line).rstrip()
        if not folded:
            gap += 1
            continue
        stripped = folded.lstrip()
        if not stripped:  # only white space that FOLD and rstrip left, e.g. U+2028
            gap += 1
            continue
        lines.append(Line(number, folded, display_width(stripped), gap if lines else 0))
        gap = 0
    return Lines(tuple(lines), total, newline, pages)


def _paged(text: str) -> bool:
    """A form feed before the end of the text (``"\\f" in text.rstrip("\\f\\n\\r ")``,
    without that copy of the whole text)."""
    end = len(text)
    while end and text[end - 1] in "\f\n\r ":
        end -= 1
    return text.find("\f", 0, end) != -1


def _page_map(raw: Sequence[str]) -> tuple[int, ...]:
    """The page of every line, counting form feeds (only for paged input)."""
    pages: list[int] = []
    page = 1
    for raw_line in raw:
        leading = len(raw_line) - len(raw_line.lstrip("\f"))  # "\fFirst line of page 2"
        page += leading
        pages.append(page)
        page += raw_line.count("\f") - leading  # "last line\f": the next line turns over
    return tuple(pages)


def detect_layout(lines: Sequence[Line]) -> Layout:
    """Learn the wrap width and blank-line convention from the lines."""
    widths = sorted(line.width for line in lines)
    wrap: int | None = None
    if len(widths) >= 5:
        p90 = widths[int(0.9 * (len(widths) - 1))]
        near = sum(w >= 0.9 * p90 for w in widths)
        # Hard-wrapped text has a crowd of lines just under the wrap width.
        if p90 >= 20 and near >= 0.3 * len(widths):
            wrap = p90
    gaps = [line.gap for line in lines[1:]]
    n = len(gaps)
    # Doubled newlines: almost no line follows another directly; single blank lines are
    # the soft wraps, and longer runs the real paragraph breaks -- or, where a PDF
    # extractor also collapsed those, hard-wrapped lines all one blank line apart.
    doubled = (
        bool(gaps)
        and sum(g == 0 for g in gaps) < 0.1 * n
        and (
            (sum(g == 1 for g in gaps) >= 0.15 * n and sum(g >= 2 for g in gaps) >= 0.15 * n)
            or (wrap is not None and sum(g == 1 for g in gaps) >= 0.8 * n)
        )
    )
    return Layout(wrap, doubled, widths[-1] if widths else 0)


def running_lines(lines: Sequence[Line], pages: Sequence[int]) -> dict[int, DropReason]:
    """Lines that repeat at the top or bottom of most pages: running headers and footers.

    Digits are ignored when comparing (``議事録 3/12``), so a header with a page number
    in it still counts as the same line on every page. It takes three pages to tell a
    running line from chance, and speaker lines and long lines are never running lines.
    """
    if not pages or max(pages) < 3:
        return {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(pages[line.number - 1], []).append(line)
    needed = max(2, (len(by_page) + 1) // 2)
    found: dict[int, DropReason] = {}
    edges: tuple[tuple[DropReason, slice], ...] = (
        ("running-header", slice(0, 2)),
        ("running-footer", slice(-2, None)),
    )
    for reason, edge in edges:
        seen: dict[str, list[int]] = {}
        for page_lines in by_page.values():
            for line in page_lines[edge]:
                if line.width > 80 or MARKER_START.match(line.text):
                    continue
                key = " ".join(_DIGITS.sub("#", line.text).split())
                seen.setdefault(key, []).append(line.number)
        for numbers in seen.values():
            if len(numbers) >= needed:
                found.update(dict.fromkeys(numbers, reason))
    return found


def split_artifacts(
    lines: tuple[Line, ...], running: dict[int, DropReason]
) -> tuple[tuple[Line, ...], tuple[Dropped, ...]]:
    """Set layout noise (page numbers, running headers) aside so it neither joins nor
    breaks paragraphs."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    carried_gap: int | None = None
    for line in lines:
        footer = INLINE_FOOTER.match(line.text) if starts_like_noise(line.text) else None
        if footer and footer.end() < len(line.text):
            # A running footer glued to the text that follows it: drop just the footer.
            first = line.column + footer.start("footer")
            dropped.append(
                Dropped(
                    reason="page-footer",
                    text=footer["footer"],
                    line_start=line.number,
                    line_end=line.number,
                    column_start=first,
                    column_end=first + len(footer["footer"]) - 1,
                )
            )
            rest = line.text[footer.end() :]
            line = line._replace(text=rest, column=line.column + footer.end())
        reason = artifact_reason(line.text) or running.get(line.number)
        if reason:
            dropped.append(
                Dropped(
                    reason=reason,
                    text=line.text.strip(),
                    line_start=line.number,
                    line_end=line.number,
                )
            )
            carried_gap = line.gap if carried_gap is None else min(carried_gap, line.gap)
            continue
        if carried_gap is not None:
            line = line._replace(gap=min(carried_gap, line.gap))
            carried_gap = None
        kept.append(line)
    return tuple(kept), tuple(dropped)

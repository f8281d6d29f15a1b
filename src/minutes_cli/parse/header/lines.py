"""Header lines into blocks, and the facts the blocks state: title, date, times.

Each header line is read on its own (:func:`minutes_cli.grammar.header.classify_line`),
then grouped: an attendance heading takes the list under it, an agenda heading its items,
and the short plain lines at the very top are the title. Each block becomes one
:class:`~minutes_cli.models.HeaderField`, so every header line is owned by one record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex as re

from minutes_cli.grammar import jpdate, patterns
from minutes_cli.grammar.events import CLOSING, event_kind
from minutes_cli.grammar.header import LineShape, classify_line
from minutes_cli.grammar.headings import heading_shape
from minutes_cli.grammar.text import display_width, ends_sentence
from minutes_cli.kinds import HeaderKey, LineKind
from minutes_cli.models import HeaderField
from minutes_cli.parse.tokens import Line, Paragraph

#: Words that make a short header line a title line.
TITLE_WORDS = patterns.compile(
    r"会議録|議事録|議事要旨|会議要旨|議事概要|会議|議会|委員会|定例会|審議会|Minutes|Meeting", re.I
)
#: Time stamps that open and close the sitting.
OPENING = patterns.compile(r"開会|開議")
OPENING_EN = patterns.compile(
    r"\b(?:called\s+(?:the\s+)?(?:meeting\s+)?to\s+order|came\s+to\s+order|convened"
    r"|was\s+held\s+this\s+\S+\s+day\s+of\s+\w+,?\s+\d{4})[^.]{0,40}?\bat\s+"
    r"|\bdeux\s+mille(?:[\s-][\w-]+)?,?\s+à\s+|\b\d{4},?\s+à\s+"
    r"|\bséance\s+(?:est\s+)?ouverte\s+à\s+",
    re.I,
)
#: "adjourned at 9:56 p.m." or "At 10:31 a.m. Council adjourned."
CLOSING_EN = patterns.compile(
    r"\b(?:adjourned|adjournment)[^.]{0,30}?\bat\s+|séance\s+est\s+levée\s+à\s+"
    r"|\bat\s+(?=[\d:]{3,5}\s*[ap]\.?m\.?,?\s+\w+(?:\s+\w+)?\s+adjourned)",
    re.I,
)


class HeaderLine(NamedTuple):
    """A header line with what it was recognised as."""

    line: Line
    shape: LineShape

    @property
    def kind(self) -> LineKind:
        return self.shape.kind

    @property
    def label(self) -> str | None:
        return self.shape.label

    @property
    def value(self) -> str:
        return self.shape.value

    def states(self, *keys: HeaderKey) -> bool:
        """Whether this is a labelled line whose label states one of ``keys``."""
        return self.shape.kind == "label" and self.shape.key in keys


def classify(lines: Sequence[Line], legend_lines: frozenset[int] = frozenset()) -> list[HeaderLine]:
    """Every header line, read on its own; the lines of the speaker legend (which the
    scheme stage read, over several lines if need be) as legend lines."""
    return [
        HeaderLine(
            line,
            LineShape("legend", None, line.text.strip())
            if line.number in legend_lines
            else classify_line(line.text.strip()),
        )
        for line in lines
    ]


class Block(NamedTuple):
    """Header lines read together: a heading and the list under it, or one line."""

    key: HeaderKey  # what the block states: "title", "date", "attendance", "agenda", …
    label: str | None  # its label as written (spaces removed), e.g. "出席議員"
    items: list[HeaderLine]


#: Line kinds that are a block of their own kind; labels are blocks of what they state.
_OWN_BLOCKS: dict[LineKind, HeaderKey] = {
    "time": "time",
    "separator": "separator",
    "legend": "legend",
    "date": "date",
    "title": "title",
}


def group(classified: Sequence[HeaderLine]) -> list[Block]:
    """Group header lines into blocks: a heading takes the plain lines under it; then
    the title lines are marked."""
    blocks: list[Block] = []
    open_block: HeaderKey | None = None
    for item in classified:
        kind = item.kind
        if kind == "text" and open_block in ("attendance", "agenda") and blocks:
            blocks[-1].items.append(item)
            continue
        if kind == "agenda-item" and blocks and blocks[-1].key == "agenda":
            blocks[-1].items.append(item)
            continue
        if kind == "legend" and blocks and blocks[-1].key == "legend" and open_block == "legend":
            blocks[-1].items.append(item)  # a legend over several lines: one block
            continue
        if kind == "attendance-head" or _lists_below(item, blocks):
            # ``４ 議 題`` or ``出席者`` alone on its line: what it lists follows
            open_block = "agenda" if item.states("agenda") else "attendance"
            blocks.append(Block(open_block, item.label, [item]))
        elif kind in ("agenda-head", "agenda-item"):
            open_block = "agenda"
            blocks.append(Block("agenda", item.label, [item]))
        else:
            key = _OWN_BLOCKS.get(kind, item.shape.key or "other")
            open_block = "legend" if key == "legend" else None
            blocks.append(Block(key, item.label, [item]))
    return _mark_titles(blocks)


def _lists_below(item: HeaderLine, blocks: Sequence[Block]) -> bool:
    """Whether a label alone on its line (``出席者``, ``４ 議 題``) heads the list below it.
    A numbered one does so only where it goes on from the numbered label above it
    (``３ 出席者 …`` / ``４ 議 題``): ``２ 議題`` after ``１ 開会`` is a section, not a list."""
    if not item.states("attendance", "agenda") or item.value:
        return False
    shape = heading_shape(item.line.text.strip())
    if shape is None:
        return True
    if not blocks or blocks[-1].items[0].kind != "label":
        return False
    above = heading_shape(blocks[-1].items[0].line.text.strip())
    return above is not None and above.style == shape.style and above.ordinal == shape.ordinal - 1


def field(block: Block, shared: frozenset[int]) -> HeaderField:
    """The record of one block; ``shared`` lines are cut into pieces (a speaker label glued
    to them), so the field says which columns are its own."""
    first, last = block.items[0].line, block.items[-1].line
    return HeaderField(
        key=block.key,
        label=block.label,
        text="\n".join(item.line.text.strip() for item in block.items),
        line_start=first.number,
        line_end=last.number,
        column_start=first.column + first.indent if first.number in shared else None,
        column_end=last.column + len(last.text.rstrip()) - 1 if last.number in shared else None,
    )


#: A line that names the record, e.g. 目黒区議会会議録 第１号 (not 会議録署名議員の指名).
_NAMES_RECORD = patterns.compile(
    r"(?:会議録|議事録|議事要旨|会議要旨|議事概要)\s*(?:[（(]?第\s*\d+\s*号[）)]?)?$"
)


def _mark_titles(blocks: Sequence[Block]) -> list[Block]:
    """Plain short lines at the very top (before any label, date or list) are the title,
    and so is a Markdown ``# heading``; consecutive title lines form one block."""
    marked: list[Block] = []
    top = True
    for key, label, items in blocks:
        text = " ".join(i.value for i in items)
        short = all(display_width(i.value) <= 80 and "<" not in i.value for i in items)
        plain = key == "other" and label is None  # not a "key: value" line
        if key == "title" or (
            top and short and (plain or (key == "date" and TITLE_WORDS.search(text)))
        ):
            if marked and marked[-1].key == "title" and top:
                marked[-1].items.extend(items)
                continue
            key = "title"
        elif key != "separator":  # front matter rules (---) keep us at the top
            top = False
        marked.append(Block(key, label, list(items)))
    return marked


def title(
    blocks: Sequence[Block], lines: Sequence[HeaderLine], opening: str | None = None
) -> str | None:
    """The title lines; else a line naming the kind of record (…会議録); else 会議名; else
    a title block glued to the text of the ``opening`` paragraph (PDF text)."""
    titles = [
        " ".join(i.value.strip() for i in items) for key, _, items in blocks if key == "title"
    ]
    if not titles:
        titles = [i.value for i in lines if _NAMES_RECORD.search(i.value)][:1]
    if not titles:
        titles = [i.value for i in lines if i.label == "会議名"][:1]
    if not titles and opening is not None:
        titles = [glued] if (glued := glued_title(opening)) else []
    title = " ".join(" ".join(t.split()) for t in titles)
    return title or None


#: White space wide enough to be a gap between blocks that PDF extraction put on one line.
_BLOCK_GAP = patterns.compile(r"\s{2,}")

#: A capitalised run of a title block is at most this wide (columns).
MAX_TITLE_RUN = 40


def glued_title(text: str) -> str | None:
    """The title block at the start of a paragraph that PDF text glued to what follows it:
    ``CITY OF  PORTLAND, OREGON    OFFICIAL MINUTES  A REGULAR MEETING OF THE…``. The
    title is the leading runs, set apart by wide gaps, that are short, capitalised and no
    sentence, when they name a record (``MINUTES``) and something else follows them."""
    runs = _BLOCK_GAP.split(text.strip(), maxsplit=8)
    taken: list[str] = []
    for run in runs:
        if display_width(run) > MAX_TITLE_RUN or not run.isupper() or ends_sentence(run):
            break
        taken.append(run)
    named = " ".join(taken)
    return named if taken and len(taken) < len(runs) and TITLE_WORDS.search(named) else None


#: What after a date makes it a deadline, not the day of the meeting.
DEADLINE = patterns.compile(
    r"\s*(?:まで|迄|締切|締め切り|〆切|期限|必着)|\s*(?:deadline|due)\b", re.IGNORECASE
)


def meeting_date(lines: Sequence[HeaderLine]) -> tuple[Line | None, jpdate.DateMatch | None]:
    """The meeting's date among the header's dates (not the convocation or a fiscal year)."""
    labelled = [i for i in lines if i.states("date", "datetime")]
    for item in labelled:
        found = jpdate.find_date(item.line.text)
        if found:
            return item.line, found
    dated: list[tuple[int, HeaderLine, jpdate.DateMatch]] = []
    for n, item in enumerate(lines):
        found = jpdate.find_date(item.line.text)
        kind = item.kind in ("date", "agenda-head", "text", "title")
        # 意見は…３１日までに提出: a deadline
        if found and kind and not DEADLINE.match(item.line.text[found.end :]):
            dated.append((n, item, found))
    opening = next(
        (n for n, x in enumerate(lines) if x.kind in ("time", "date") and OPENING.search(x.value)),
        None,
    )
    if opening is not None:  # the date closest before the opening time stamp
        before = [(item, found) for n, item, found in dated if n <= opening]
        if before:
            return before[-1][0].line, before[-1][1]
    for _, item, found in dated:
        if found.weekday_stated is not None:
            return item.line, found
    if dated:
        return dated[0][1].line, dated[0][2]
    return None, None


def times(lines: Sequence[HeaderLine], body: Sequence[Paragraph]) -> tuple[str | None, str | None]:
    """Start and end: a ``日時`` label's range, else (or for what it lacks) the opening
    and closing time stamps, else English or French narrative phrases."""
    start: list[jpdate.TimeMatch] = []
    end: list[jpdate.TimeMatch] = []
    for item in lines:
        if item.states("datetime", "time", "date"):
            date = jpdate.find_date(item.value)
            found = jpdate.find_time_range(item.value[date.end :] if date else item.value)
            if found:
                start, end = [found[0]], [found[1]] if found[1] else []
                break
    stamps = [i.line.text.strip() for i in lines if i.kind == "time"]
    stamps += [p.text for p in body if event_kind(p.text) == "time"]
    opening = next((s for s in stamps if OPENING.search(s)), None)
    closing = next((s for s in reversed(stamps) if CLOSING.search(s)), None)
    start = start or (jpdate.find_times(opening) if opening else [])
    end = end or (jpdate.find_times(closing) if closing else [])
    if not start or not end:  # narrative minutes: "called … to order at 6:02 p.m."
        texts = [i.line.text for i in lines] + [p.text for p in body]
        start = start or _time_after(OPENING_EN, texts, first=True)
        end = end or _time_after(CLOSING_EN, texts, first=False)
    return (start[0].hhmm() if start else None, end[0].hhmm() if end else None)


#: A letter of the Latin alphabet, as the English and French phrases use (à, é).
_LATIN_LETTER = patterns.char_set("[A-Za-z\u00c0-\u00ff]")


def _time_after(
    pattern: patterns.Pattern, texts: Sequence[str], first: bool
) -> list[jpdate.TimeMatch]:
    """The time right after the first (or last) phrase that ``pattern`` finds."""
    found = [
        times
        for text in texts
        if _LATIN_LETTER.search(text)  # every phrase has one; most Japanese text has none
        for match in pattern.finditer(text)
        if (times := jpdate.find_times(text[match.end() : match.end() + 16]))
    ]
    return (found[0] if first else found[-1]) if found else []

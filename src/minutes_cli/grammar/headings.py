"""Numbered heading shapes: ``1 …``, ``(1)``, ``①``, ``ア``, ``第1``, ``一、``, ``## …``."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, NamedTuple, get_args

from minutes_cli.grammar import jpdate, patterns
from minutes_cli.grammar.numbers import CIRCLED, KANJI_DIGITS, KATAKANA_ORDER, NUMBER
from minutes_cli.grammar.text import display_width, ends_sentence
from minutes_cli.kinds import HeadingStyleName, OrdinalOf

_TITLE = r"(?P<title>\S.*)"
_SEP = r"(?:[\s.．、]\s*)"


class HeadingStyle(NamedTuple):
    """One way of numbering headings: its name, pattern and how to read its number."""

    name: HeadingStyleName
    pattern: patterns.Pattern
    #: "number" (Arabic or kanji), "katakana" or "circled": how ``num`` becomes 1, 2, 3…; "none" for
    #: unnumbered styles (Markdown ``##``), which need no sequence to be believed.
    ordinal_of: OrdinalOf


#: The Markdown heading styles, ``##`` to ``######``, in that order.
MarkdownStyle = Literal["markdown-h2", "markdown-h3", "markdown-h4", "markdown-h5", "markdown-h6"]

#: Heading numbering styles. Their *levels* are not fixed here: the section splitter
#: assigns levels by order of first appearance in each document, as people do.
HEADING_STYLES: tuple[HeadingStyle, ...] = (
    *(
        HeadingStyle(
            name, patterns.compile(rf"^#{{{n}}}\s+(?P<num>)(?P<title>\S.*?)\s*#*$"), "none"
        )
        for n, name in enumerate(get_args(MarkdownStyle), start=2)
    ),
    HeadingStyle(
        "bold-numbered",
        patterns.compile(r"^\*\*(?P<num>\d{1,2})\\?[.．)]\s*(?P<title>[^*]+?)\s*\*\*$"),
        "number",
    ),
    HeadingStyle("dai", patterns.compile(r"^第(?P<num>" + NUMBER + r")" + _SEP + _TITLE), "number"),
    HeadingStyle(
        "paren-arabic", patterns.compile(r"^[(（](?P<num>\d{1,2})[)）]\s*" + _TITLE), "number"
    ),
    HeadingStyle(
        "paren-kanji",
        patterns.compile(r"^[(（](?P<num>[" + KANJI_DIGITS + r"]{1,3})[)）]\s*" + _TITLE),
        "number",
    ),
    HeadingStyle(
        "paren-katakana",
        patterns.compile(r"^[(（](?P<num>[" + KATAKANA_ORDER + r"])[)）]\s*" + _TITLE),
        "katakana",
    ),
    HeadingStyle(
        "circled", patterns.compile(r"^(?P<num>[" + CIRCLED + r"])\s*" + _TITLE), "circled"
    ),
    HeadingStyle(
        "kanji",
        patterns.compile(r"^(?P<num>[" + KANJI_DIGITS + r"]{1,3})[、.．]\s*" + _TITLE),
        "number",
    ),
    HeadingStyle(
        "arabic", patterns.compile(r"^(?P<num>\d{1,2})(?![\d,]|[.:]\d)" + _SEP + _TITLE), "number"
    ),
    HeadingStyle("arabic-paren", patterns.compile(r"^(?P<num>\d{1,2})[)）]\s*" + _TITLE), "number"),
    HeadingStyle(
        "katakana",
        patterns.compile(r"^(?P<num>[" + KATAKANA_ORDER + r"])" + _SEP + _TITLE),
        "katakana",
    ),
)

#: What a heading can start with, in any style: a cheap test before trying each style.
HEADING_START = patterns.compile(
    r"^(?:#{2,6}\s|\*\*\d|第|[(（]|[" + CIRCLED + KANJI_DIGITS + KATAKANA_ORDER + r"]|\d)"
)

#: Where a heading's title stops and a remark begins: white space, then an opening bracket.
HEADING_REMARK = patterns.compile(
    r"(?<!\s)\s+(?=[＜<【\[［(（《〈〔])"
)  # (?<!\s): linear on long blanks


class HeadingShape(NamedTuple):
    """A line with the shape of a heading, read by the first style that matches it. Whether
    it *is* a heading depends on the headings around it (``parse.split``)."""

    style: HeadingStyle
    ordinal: int  # 1, 2, 3… of the number in its style
    number: str  # as written, e.g. "(2)"; "" for Markdown headings
    title: str
    remark: str | None  # what follows the title in brackets: ``＜以下、質疑応答＞``


def _ordinal(num: str, kind: OrdinalOf) -> int:
    if kind == "none":
        return 1
    if kind == "circled":
        return CIRCLED.index(num) + 1
    if kind == "katakana":
        return KATAKANA_ORDER.index(num) + 1
    return jpdate.parse_int(num) or 0  # arabic or kanji (第一, 十二)


def is_candidate(text: str) -> bool:
    """Whether a line has the shape of a heading (before any sequence check)."""
    return heading_shape(text.strip()) is not None


@lru_cache(maxsize=8192)  # asked per line by the header split and the heading pass
def heading_shape(text: str) -> HeadingShape | None:
    """The first heading style that matches a stripped line, with ordinal, number, title
    and remark."""
    if not HEADING_START.match(text):
        return None
    for style in HEADING_STYLES:
        found = style.pattern.match(text)
        if not found:
            continue
        ordinal = _ordinal(found["num"], style.ordinal_of)
        if ordinal < 1:
            continue
        if style.ordinal_of == "none":
            number = ""  # Markdown headings carry no number
        elif style.name == "bold-numbered":
            number = found["num"]  # **1\. Title**: the number without the markup
        else:
            number = text[: found.start("title")].strip()
        title, remark = _split_remark(found["title"].strip())
        if display_width(title) > 60 and ends_sentence(title):
            return None  # a numbered sentence (a list item), not a heading
        if (
            style.name == "arabic"
            and text[len(found["num"]) :].startswith(". ")
            and (display_width(title) > 40)
        ):
            return None  # "1. The polling place was moved because…": a Markdown list item
        return HeadingShape(style, ordinal, number, title, remark)
    return None


def _split_remark(title: str) -> tuple[str, str | None]:
    parts = HEADING_REMARK.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        return parts[0].strip(), parts[1].strip()
    return title, None

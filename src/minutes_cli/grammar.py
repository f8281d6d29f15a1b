"""The recognisers: every pattern the pipeline matches, compiled once, in one place.

Like mistune's SPECIFICATION or sqlfluff's lexer tables, the stages look patterns
up here by name instead of growing their own if/elif chains, so a new marker or
heading style is one table entry. Patterns run on *normalised* text (full-width
digits and letters already folded to ASCII, see :mod:`minutes_cli.normalize`).
"""

from __future__ import annotations

from typing import NamedTuple

import regex as re

# --- speaker markers -------------------------------------------------------------

#: Marker variants that are the same marker, mapped to the canonical character.
#: ○ (U+25CB WHITE CIRCLE), 〇 (U+3007 IDEOGRAPHIC NUMBER ZERO, typed by IMEs for ○)
#: and ◯ (U+25EF LARGE CIRCLE) all mean "○" in minutes.
MARKER_VARIANTS: dict[str, str] = {"○": "○", "〇": "○", "◯": "○"}

#: Symbols that introduce a speaker's paragraph when a legend or the record says so.
MARKER_SYMBOLS = "○〇◯◎●■□◆◇▲△▼▽★☆◉"

MARKER_CLASS = "[" + re.escape(MARKER_SYMBOLS) + "]"


def canonical_marker(char: str) -> str:
    """The canonical form of a marker character (○ for any circle variant)."""
    return MARKER_VARIANTS.get(char, char)


#: A line or paragraph that opens with a marker; group ``marker`` and ``rest``.
MARKER_START = re.compile(r"^\s*(?P<marker>" + MARKER_CLASS + r")\s*(?P<rest>.*)$", re.DOTALL)

#: The legend: ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】`` or with other
#: separators (``◎：議長``, ``◎=議長``, ``◎…議長、○…委員``) and brackets.
LEGEND_BLOCK = re.compile(
    r"[【\[［(（〔]\s*(?P<body>" + MARKER_CLASS + r"\s*(?:…|‥|:|：|=|＝|・・・|\.\.\.|・|－|-)"
    r"[^】\]］)）〕]*)[】\]］)）〕]"
)
LEGEND_ENTRY = re.compile(
    r"(?P<marker>" + MARKER_CLASS + r")\s*(?:…+|‥+|・・・|\.\.\.|:|：|=|＝|・|－|-)\s*"
    r"(?P<role>[^\s、,，/／】\]］)）〕>＞" + re.escape(MARKER_SYMBOLS) + r"]+)"
)

# --- paragraph openers ---------------------------------------------------------------

#: Bullets that open a note paragraph.
BULLET_START = re.compile(r"^\s*(?P<bullet>[・･•‧])\s*(?P<rest>.*)$", re.DOTALL)

#: A line that is wholly one bracketed remark: ``（質疑応答）``, ``（了）``, ``〔休憩〕``.
BRACKET_LINE = re.compile(r"^\s*[（(〔［\[【<＜][^）)〕］\]】>＞]{1,60}[）)〕］\]】>＞]\s*$")

#: Header labels that start a new paragraph wherever they occur, letter-spaced or not.
HEADER_LABEL = re.compile(
    r"^\s*(?P<label>"
    r"日\s*時|開催日時|開催日|開会日時|期\s*日|日\s*付|時\s*間|場\s*所|会\s*場|開催場所|"
    r"出席者|出席委員|欠席者|欠席委員|事務局|傍聴者|議\s*題|会議名|件\s*名|司\s*会|配布資料"
    r")\s*[:：]\s*(?P<value>.*)$",
    re.DOTALL,
)

#: Text that ends a sentence, possibly followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[。．！？!?.][」』）)\]]*$")

#: Characters across which a reflow joins with a space (Latin text), not directly.
LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)\]'\"%]$")
LATIN_START = re.compile(r"^[A-Za-z0-9(\['\"]")

# --- headings ------------------------------------------------------------------------

KATAKANA_ORDER = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KANJI_DIGITS = "一二三四五六七八九十"

_TITLE = r"(?P<title>\S.*)"
_SEP = r"(?:[\s.．、]\s*)"


class HeadingStyle(NamedTuple):
    """One way of numbering headings: its name, pattern and how to read its number."""

    name: str
    pattern: re.Pattern[str]
    ordinal_of: str  # "int", "kanji", "katakana" or "circled": how ``num`` becomes 1, 2, 3…


#: Heading numbering styles. Their *levels* are not fixed here: the section splitter
#: assigns levels by order of first appearance in each document, as people do.
HEADING_STYLES: tuple[HeadingStyle, ...] = (
    HeadingStyle(
        "dai", re.compile(r"^第(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})" + _SEP + _TITLE), "int"
    ),
    HeadingStyle("paren-arabic", re.compile(r"^[(（](?P<num>\d{1,2})[)）]\s*" + _TITLE), "int"),
    HeadingStyle(
        "paren-kanji",
        re.compile(r"^[(（](?P<num>[一二三四五六七八九十]{1,3})[)）]\s*" + _TITLE),
        "kanji",
    ),
    HeadingStyle(
        "paren-katakana",
        re.compile(r"^[(（](?P<num>[" + KATAKANA_ORDER + r"])[)）]\s*" + _TITLE),
        "katakana",
    ),
    HeadingStyle("circled", re.compile(r"^(?P<num>[" + CIRCLED + r"])\s*" + _TITLE), "circled"),
    HeadingStyle(
        "kanji", re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})[、.．]\s*" + _TITLE), "kanji"
    ),
    HeadingStyle("arabic", re.compile(r"^(?P<num>\d{1,2})(?![\d,]|[.:]\d)" + _SEP + _TITLE), "int"),
    HeadingStyle("arabic-paren", re.compile(r"^(?P<num>\d{1,2})[)）]\s*" + _TITLE), "int"),
    HeadingStyle(
        "katakana", re.compile(r"^(?P<num>[" + KATAKANA_ORDER + r"])" + _SEP + _TITLE), "katakana"
    ),
)

#: Where a heading's title stops and a remark begins: white space, then an opening bracket.
HEADING_REMARK = re.compile(r"\s+(?=[＜<【\[［(（《〈〔])")

#: ``資料１ タイトル`` in a note: the label, and the title up to the closing quote or
#: the next label (``…の概略と資料９ …``); the caller trims a trailing ``と``/``、``.
MATERIAL_REF = re.compile(
    r"(?P<id>資料\s*\d+(?:[-－‐]\d+)?)\s*(?P<title>(?:(?!資料\s*\d)[^」』\n])*)"
)

#: Attendance counts: ``委員 11 名中７名出席``, ``出席者 7 名``, ``委員11名中7名``.
ATTENDANCE = re.compile(
    r"(?P<group>[^\s、。,：:・「」]{1,10}?)?\s*(?P<total>\d{1,4})\s*(?:名|人)\s*中\s*(?P<present>\d{1,4})"
    r"\s*(?:名|人)\s*(?:が\s*)?出席"
    r"|出席(?:者|委員)?\s*[:：]?\s*(?P<present_only>\d{1,4})\s*(?:名|人)"
)

#: Title words that name the kind of record, longest first.
KINDS: tuple[str, ...] = ("議事要旨", "会議要旨", "議事概要", "議事録", "会議録")

# --- artifacts -------------------------------------------------------------------------

#: Lines that are layout noise, not minutes text: name -> pattern. They are kept as
#: ``dropped`` records (with the name as the reason), never mixed into paragraphs.
ARTIFACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("page-number", re.compile(r"^\s*[-－‐–—]\s*\d{1,4}\s*[-－‐–—]\s*$")),
    ("page-number", re.compile(r"^\s*\d{1,4}\s*[/／]\s*\d{1,4}\s*$")),
    ("page-number", re.compile(r"^\s*(?:Page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?\s*$", re.I)),
    ("form-feed", re.compile(r"^\s*\f\s*$")),
)


def artifact_reason(text: str) -> str | None:
    """Why a line is layout noise, or None when it is text."""
    for name, pattern in ARTIFACTS:
        if pattern.match(text):
            return name
    return None

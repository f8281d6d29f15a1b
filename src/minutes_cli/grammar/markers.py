"""Speaker markers (○ ◎ ● ■ …) and the legend that says what each stands for:
``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``, with ``…``, ``：``, ``=`` or ``・・・``."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns

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


#: A line or paragraph that opens with a marker (group ``marker``); what follows is
#: ``text[found.end():]``. (No ``(?P<rest>.*)$``: that would scan every paragraph to its end.)
MARKER_START = patterns.compile(r"^\s*(?P<marker>" + MARKER_CLASS + r")\s*")

#: The legend: ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】`` or with other
#: separators (``◎：議長``, ``◎=議長``, ``◎…議長、○…委員``) and brackets.
LEGEND_BLOCK = patterns.compile(
    r"[【\[［(（〔]\s*(?P<body>" + MARKER_CLASS + r"\s*(?:…|‥|:|：|=|＝|・・・|\.\.\.|・|－|-)"
    r"[^】\]］)）〕]*)[】\]］)）〕]"
)
#: Scanner for the marker characters themselves (stdlib re: see patterns.char_set).
MARKER_CHARS = patterns.char_set(MARKER_CLASS)

#: What a legend entry's separator can start with (``…``, ``‥``, ``・・・``, ``...``, ``:``…).
LEGEND_SEPARATOR_START = frozenset("…‥・.:：=＝－-")


def may_hold_legend_entry(text: str) -> bool:
    """A cheap necessary condition for LEGEND_ENTRY: some marker is followed, after white
    space, by the start of a separator. Most paragraphs fail it without a regex scan.

    Each marker looks at a bounded window after it (a window of nothing but white space
    says yes and leaves the decision to the pattern), so a long line of markers costs
    linear time, not a copy of the rest of the line per marker."""
    for found in MARKER_CHARS.finditer(text):
        after = text[found.end() : found.end() + 32].lstrip()
        if not after or after[0] in LEGEND_SEPARATOR_START:
            return True
    return False


LEGEND_ENTRY = patterns.compile(
    r"(?P<marker>" + MARKER_CLASS + r")\s*(?:…+|‥+|・・・|\.\.\.|:|：|=|＝|・|－|-)\s*"
    r"(?P<role>[^\s、,，/／】\]］)）〕>＞" + re.escape(MARKER_SYMBOLS) + r"]+)"
)


def is_legend_text(text: str) -> bool:
    """True when a paragraph is nothing but a legend (``◎…議長 ○…委員``, bracketed or
    not, one entry or several)."""
    if not may_hold_legend_entry(text):
        return False
    text = text.strip().strip("【】[]［］()（）〔〕<>＜＞")
    entries = list(LEGEND_ENTRY.finditer(text))
    covered = sum(len(m[0]) for m in entries)
    if len(entries) == 1 and not _ELLIPSIS.search(entries[0][0]):
        return False  # ○=HYPERLINK(…) is speech; a lone entry needs the … of a legend
    return covered > 0 and covered >= 0.8 * len(text.replace(" ", ""))


_ELLIPSIS = patterns.compile(r"…|‥|・・・|\.\.\.")

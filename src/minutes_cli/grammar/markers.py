"""Speaker markers (○ ◎ ● ■ …) and the legend that says what each stands for:
``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``, with ``…``, ``：``, ``=`` or ``・・・``."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.offices import looks_like_post

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
#: A circle doubled (``〇〇市``, ``○○委員``) is a name left out (伏せ字), not a marker.
MARKER_START = patterns.compile(r"^\s*(?P<marker>" + MARKER_CLASS + r")(?![○〇◯])\s*")

#: The legend: ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】`` or with other
#: separators (``◎：議長``, ``◎=議長``, ``◎…議長、○…委員``) and brackets.
LEGEND_BLOCK = patterns.compile(
    r"[【\[［(（〔]\s*(?:(?:凡例|発言者|記号)\s*[:：]?\s*)?(?P<body>"
    + MARKER_CLASS
    + r"\s*(?:…|‥|:|：|=|＝|・・・|\.\.\.|・|[－\-―—])[^】\]］)）〕]*)[】\]］)）〕]"
)
#: Scanner for the marker characters themselves (stdlib re: see patterns.char_set).
MARKER_CHARS = patterns.char_set(MARKER_CLASS)

#: What a legend entry's separator can start with (``…``, ``‥``, ``・・・``, ``...``, ``:``…).
LEGEND_SEPARATOR_START = frozenset("…‥・.:：=＝－-―—")


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


#: One entry of a legend: a marker, a separator, a role (``◎…議長``, ``○：委員``); the role
#: may name its department in brackets (``□…事務局（企画課）``).
_ROLE = (
    r"(?P<role>[^\s、,，。．！？/／】\]］)）〕>＞（("
    + re.escape(MARKER_SYMBOLS)
    + r"]+(?:[（(][^）)\s]{1,12}[）)])?)"
)
#: The separators: ``…``, ``……``, ``‥``, ``・・・``, ``...``, ``：``, ``=``, ``・``, ``－``, ``――``.
_SEPARATOR = r"(?P<separator>…+|‥+|・・・|\.\.\.|:|：|=|＝|・|[－\-―—]+)"
LEGEND_ENTRY = patterns.compile(
    r"(?P<marker>" + MARKER_CLASS + r")\s*" + _SEPARATOR + r"\s*" + _ROLE
)
#: An entry without a separator (``◎会長``, ``○ 委員``): read after a legend's
#: introduction (``【凡例】``, ``発言者``), where nothing else can follow a marker, and in a
#: line of such entries whose roles are all posts (``◎会長、○委員``).
LEGEND_ENTRY_BARE = patterns.compile(
    r"(?P<marker>" + MARKER_CLASS + r")\s*" + _SEPARATOR + r"?\s*" + _ROLE
)
#: What introduces a legend: ``【凡例】``, ``（発言者 …``, ``※凡例：``, ``記号の説明``.
LEGEND_INTRO = patterns.compile(
    r"^\s*(?:※\s*)?(?:[【\[［(（〔<＜]\s*)?(?:凡例|発言者(?:の区分|の表示)?|記号(?:の説明)?"
    r"|(?P<note>注)(?=\s*[】\]］)）〕>＞:：]))"
    r"\s*[】\]］)）〕>＞]?\s*[:：]?\s*"
)
#: The words of an introduction, for a cheap test before the pattern.
LEGEND_INTRO_WORDS = ("凡例", "発言者", "記号", "注")


class LegendSpan(NamedTuple):
    """One legend entry found in a text: the marker as written, the role, where it is."""

    marker: str
    role: str
    start: int
    end: int


@lru_cache(maxsize=64)  # asked of a paragraph to classify it, then by the scheme's start
def legend_spans(
    text: str, after_intro: bool = False
) -> tuple[tuple[LegendSpan, ...], bool] | None:
    """The entries of a text that is nothing but (a part of) a legend, and whether it opens
    with an introduction; None when it is not one.

    Forms: ``【◎…議長 ○…委員】``, ``◎：会長　○：委員``, ``（発言者 ◎：会長 ○：委員）``,
    ``【凡例】◎会長、○委員、□事務局（企画課）``, ``※◎…議長、○…委員``, ``（注）◎：会長``,
    ``※◎は会長、○は委員の発言を示す。``. An entry without a separator after an introduction
    (on this line, or, ``after_intro``, on the line above), or in a line of two entries or
    more whose roles are all posts (``◎会長、○委員``: a speech is no list of offices). A
    single entry with a plain separator needs the ``…`` of a legend or an introduction:
    ``○=HYPERLINK(…)`` is speech."""
    sentence = _sentence_spans(text)
    if sentence is not None:
        return tuple(sentence), False
    cheap = may_hold_legend_entry(text) or any(word in text for word in LEGEND_INTRO_WORDS)
    if not cheap and not ((after_intro or _two_markers(text)) and MARKER_CHARS.search(text)):
        return None
    intro = LEGEND_INTRO.match(text)
    body_start = intro.end() if intro else 0
    if intro is None and text.lstrip().startswith("※"):
        body_start = text.index("※") + 1
    body = text[body_start:].rstrip()
    said = intro[0] if intro is not None else ""
    opener = said.lstrip("※ ")[:1]
    if opener in _PAIRS and _PAIRS[opener] not in said and body.endswith(_PAIRS[opener]):
        body = body[:-1].rstrip()  # （発言者 ◎：会長 …）: the bracket opened before the intro
    core, skipped = _unwrapped(body)
    offset = body_start + skipped
    bare = intro is not None or after_intro
    found = _spans(LEGEND_ENTRY_BARE if bare else LEGEND_ENTRY, core, offset)
    length = len(core.replace(" ", "").replace("、", "").replace("，", ""))
    if not bare and _covered(found, core, offset) < 0.8 * length:
        # No separators: a line of posts, each under its own marker, and nothing else.
        found = _spans(LEGEND_ENTRY_BARE, core, offset)
        markers = {canonical_marker(span.marker) for span in found}
        if len(found) < 2 or len(markers) < len(found) or not all(map(names_post, found)):
            return None
        bare = True
    # Entries with separators may leave a little (a closing word); bare ones nothing: a
    # marker and words, then 。, is speech.
    covered = _covered(found, core, offset)
    if not found or covered < (length if bare else 0.8 * length):
        return None
    if len(found) == 1 and not bare and not _ELLIPSIS.search(text[found[0].start : found[0].end]):
        return None  # a lone entry needs the … of a legend
    return tuple(found), intro is not None


def _spans(pattern: patterns.Pattern, core: str, offset: int) -> list[LegendSpan]:
    return [
        LegendSpan(
            m["marker"], m["role"].strip("…‥・:：=＝ "), offset + m.start(), offset + m.end()
        )
        for m in pattern.finditer(core)
    ]


def _covered(found: list[LegendSpan], core: str, offset: int) -> int:
    """How many characters of ``core`` (white space aside) the entries take."""
    return sum(len(core[s.start - offset : s.end - offset].replace(" ", "")) for s in found)


def _two_markers(text: str) -> bool:
    """A cheap test for a line of bare entries: it opens with a marker (in a bracket, or
    not) and has another."""
    head = text.lstrip()[:2]
    return bool(MARKER_CHARS.search(head)) and len(MARKER_CHARS.findall(text, 0, 4096)) >= 2


def names_post(span: LegendSpan) -> bool:
    """A role that names a post (会長, 事務局（企画課）): what an entry without a separator
    must be, outside a legend's introduction."""
    role = span.role.split("（")[0].split("(")[0]
    return looks_like_post(role)


def entry_line(text: str) -> LegendSpan | None:
    """A line that is one legend entry, and nothing else: ``◎：議長``, ``○ 委員``. Alone it
    may be speech (``○ 賛成``); several in a row, each under a new marker, are a legend
    (see :func:`minutes_cli.parse.scheme.legend.read_legend`). Without a separator, the role
    must be a post."""
    stripped = text.strip()
    if not MARKER_CHARS.match(stripped):
        return None
    found = LEGEND_ENTRY_BARE.fullmatch(stripped)
    if found is None:
        return None
    span = LegendSpan(found["marker"], found["role"], found.start(), found.end())
    return span if found["separator"] or names_post(span) else None


#: A legend written as a sentence: ``※◎は会長、○は委員、●は事務局の発言を示す。``.
_SENTENCE_ENTRY = (
    r"(?P<marker>"
    + MARKER_CLASS
    + r")\s*は\s*(?P<role>[^\s、,，。．の"
    + re.escape(MARKER_SYMBOLS)
    + r"]{1,20}?)"
)
_SENTENCE_ENTRY_RE = patterns.compile(_SENTENCE_ENTRY + r"(?=\s*(?:[、,，。．]|の|を|$))")
LEGEND_SENTENCE = patterns.compile(
    r"^\s*(?:※\s*|[（(]\s*注\s*[）)]\s*|注\s*[:：]\s*)?(?:"
    + _SENTENCE_ENTRY.replace("?P<marker>", "?:").replace("?P<role>", "?:")
    + r"\s*[、,，]\s*)*"
    + _SENTENCE_ENTRY.replace("?P<marker>", "?:").replace("?P<role>", "?:")
    + r"\s*(?P<close>(?:の(?:発言者?)?)?\s*を?\s*(?:示|表)(?:す|します|している)|の発言)?"
    r"\s*[。．]?\s*$"
)


def _sentence_spans(text: str) -> list[LegendSpan] | None:
    """The entries of a legend written as a sentence (two entries or more, or one and the
    words that say it is a legend: ``を示す``)."""
    if "は" not in text[:64]:
        return None
    found = LEGEND_SENTENCE.match(text)
    if found is None:
        return None
    spans = [
        LegendSpan(m["marker"], m["role"], m.start(), m.end())
        for m in _SENTENCE_ENTRY_RE.finditer(text)
    ]
    return spans if len(spans) >= 2 or (spans and found["close"]) else None


_PAIRS = {"【": "】", "[": "]", "［": "］", "(": ")", "（": "）", "〔": "〕", "<": ">", "＜": "＞"}


def _unwrapped(text: str) -> tuple[str, int]:
    """``text`` without the bracket pair around all of it (``【…】``, ``（…）``), and how many
    characters went before: brackets inside, as in ``事務局（企画課）``, stay."""
    stripped = text.lstrip()
    skipped = len(text) - len(stripped)
    closer = _PAIRS.get(stripped[:1])
    if closer and stripped.endswith(closer):
        inner = stripped[1:-1]
        return inner.strip(), skipped + 1 + len(inner) - len(inner.lstrip())
    return stripped, skipped


def is_legend_text(text: str) -> bool:
    """True when a paragraph is nothing but a legend (``◎…議長 ○…委員``, bracketed or
    not, introduced or not, one entry or several)."""
    return legend_spans(text) is not None


def is_legend_intro(text: str) -> bool:
    """True when a line only introduces a legend: ``【凡例】``, ``凡例``, ``発言者：``. Not
    ``（注）``: a note says what it is about on its own line."""
    found = LEGEND_INTRO.match(text)
    return found is not None and found["note"] is None and not text[found.end() :].strip()


_ELLIPSIS = patterns.compile(r"…|‥|・・・|\.\.\.")


#: Words that qualify a post in a legend (``○…公募委員``, ``●…学識経験者委員``) and are no
#: one's name: a legend entry reads as a person (``○…鈴木委員``) only when what precedes
#: the post is none of these (the office vocabulary's own departments aside: 市民委員).
ROLE_QUALIFIERS: frozenset[str] = frozenset(
    {
        "公募", "学識", "学識経験者", "有識者", "専門", "臨時", "特別", "外部", "内部", "代表",
        "顧問", "女性", "若手", "青年", "地元", "関係", "団体", "一般", "公益", "利用者",
        "当事者", "保護者", "委嘱", "推薦", "選出", "常任", "非常勤", "常勤", "各", "他", "全",
        "新", "前", "元", "現", "正", "副", "幹事", "構成", "審議", "評価", "検討", "作業",
    }
)  # fmt: skip

#: A name before a post in a legend entry: two to four ideographs (鈴木, 山田太郎).
ENTRY_NAME = patterns.compile(r"^[\p{Han}々]{2,4}$")

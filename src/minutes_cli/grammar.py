"""The recognisers shared by the stages, compiled once, in one place.

Like mistune's SPECIFICATION or sqlfluff's lexer tables, the stages look patterns
up here by name instead of growing their own if/elif chains, so a new marker or
heading style is one table entry. (Patterns only one stage uses, such as the
header's block headings, live in that stage's module.) Patterns run on *normalised* text (full-width
digits and letters already folded to ASCII, see :mod:`minutes_cli.normalize`).
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import NamedTuple

import regex as re

from minutes_cli import patterns

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

# --- paragraph openers ---------------------------------------------------------------

#: Bullets that open a note paragraph.
BULLET_START = patterns.compile(r"^\s*(?:(?P<bullet>[・･•‧])\s*|(?P<md>[-*+])\s+(?=\S))")

#: A line that is wholly one bracketed remark: ``（質疑応答）``, ``（了）``, ``〔休憩〕``.
BRACKET_LINE = patterns.compile(r"^\s*[（(〔［\[【<＜][^）)〕］\]】>＞]{1,60}[）)〕］\]】>＞]\s*$")

#: Header labels that start a new paragraph wherever they occur, letter-spaced or not.
HEADER_LABEL = patterns.compile(
    r"^\s*(?P<label>"
    r"日\s*時|開催日時|開催日|開会日時|期\s*日|日\s*付|時\s*間|場\s*所|会\s*場|開催場所|"
    r"出席者|出席委員|欠席者|欠席委員|事務局|傍聴者|議\s*題|会議名|件\s*名|司\s*会|配布資料"
    r")\s*[:：]\s*(?P<value>.*)$",
    re.DOTALL,
)

#: Text that ends a sentence: one of these, possibly followed by closing quotes or
#: brackets. (Tests at the end of a line are string tests, not ``…$`` patterns: the regex
#: module would try every position of the line first, several times slower.)
SENTENCE_ENDERS = "。．！？!?."
CLOSERS = "」』）)]"


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (``…です。``, ``…か？」``)."""
    body = text.rstrip(CLOSERS)
    return bool(body) and body[-1] in SENTENCE_ENDERS


#: Characters across which a reflow joins with a space (Latin text), not directly.
LATIN_ENDERS = frozenset(string.ascii_letters + string.digits + ",.;:!?)]'\"%")
LATIN_START = patterns.compile(r"^[A-Za-z0-9(\['\"]")

# --- headings ------------------------------------------------------------------------

KATAKANA_ORDER = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KANJI_DIGITS = "一二三四五六七八九十"
#: A heading or agenda number: Arabic digits or kanji numerals (第１, 第十二, （三）).
NUMBER = r"(?:\d{1,3}|[" + KANJI_DIGITS + r"]{1,3})"

_TITLE = r"(?P<title>\S.*)"
_SEP = r"(?:[\s.．、]\s*)"


class HeadingStyle(NamedTuple):
    """One way of numbering headings: its name, pattern and how to read its number."""

    name: str
    pattern: patterns.Pattern
    #: "number" (Arabic or kanji), "katakana" or "circled": how ``num`` becomes 1, 2, 3…; "none" for
    #: unnumbered styles (Markdown ``##``), which need no sequence to be believed.
    ordinal_of: str


#: Heading numbering styles. Their *levels* are not fixed here: the section splitter
#: assigns levels by order of first appearance in each document, as people do.
HEADING_STYLES: tuple[HeadingStyle, ...] = (
    *(
        HeadingStyle(
            f"markdown-h{n}",
            patterns.compile(rf"^#{{{n}}}\s+(?P<num>)(?P<title>\S.*?)\s*#*$"),
            "none",
        )
        for n in range(2, 7)
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

#: ``資料１ タイトル`` in a note: the label, and the title up to the closing quote or
#: the next label (``…の概略と資料９ …``); the caller trims a trailing ``と``/``、``.
MATERIAL_REF = patterns.compile(
    r"(?P<id>資料\s*\d+(?:[-－‐]\d+)?)\s*(?P<title>(?:(?!資料\s*\d)[^」』\n])*)"
)

#: Attendance counts: ``委員 11 名中７名出席``, ``出席者 7 名``, ``委員11名中7名``.
ATTENDANCE = patterns.compile(
    r"(?P<group>[^\s、。,：:・「」]{1,10}?)?\s{0,3}(?P<total>\d{1,4})\s*(?:名|人)\s*中\s*(?P<present>\d{1,4})"
    r"\s*(?:名|人)\s*(?:が\s*)?出席"
    r"|出席(?:者|委員)?\s*[:：]?\s*(?P<present_only>\d{1,4})\s*(?:名|人)"
)

#: Title words that name the kind of record, longest first.
KINDS: tuple[str, ...] = ("議事要旨", "会議要旨", "議事概要", "議事録", "会議録")

# --- artifacts -------------------------------------------------------------------------

#: Lines that are layout noise, not minutes text: name -> pattern. They are kept as
#: ``dropped`` records (with the name as the reason), never mixed into paragraphs.
ARTIFACTS: tuple[tuple[str, patterns.Pattern], ...] = (
    ("page-number", patterns.compile(r"^\s*[-－‐–—]\s*\d{1,4}\s*[-－‐–—]\s*$")),
    ("page-number", patterns.compile(r"^\s*\d{1,4}\s*[/／]\s*\d{1,4}\s*$")),
    ("page-number", patterns.compile(r"^\s*(?:Page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?\s*$", re.I)),
    (
        "page-footer",
        patterns.compile(r"^\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}\s+)?\d{1,4} of \d{1,4}\s*$"),
    ),
    ("page-marker", patterns.compile(r'^\s*<PAGE="?\d{1,4}"?>\s*$', re.I)),
    ("html-tag", patterns.compile(r"^\s*(?:</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>\s*)+$")),
)


_ANY_ARTIFACT, _which_artifact = patterns.union([pattern for _, pattern in ARTIFACTS])


#: What the first visible character of a noise line can be, beyond ASCII and digits.
_ARTIFACT_DASHES = frozenset("－‐–—")


def starts_like_noise(text: str) -> bool:
    """A cheap necessary condition for ARTIFACTS and INLINE_FOOTER: the first visible
    character is ASCII (``-``, a digit, ``Page``, ``<``, a month name), another digit, or
    a dash. Japanese lines start otherwise and skip both scans."""
    first = text.lstrip()[:1]
    return not first or first.isascii() or first.isdigit() or first in _ARTIFACT_DASHES


def artifact_reason(text: str) -> str | None:
    """Why a line is layout noise, or None when it is text."""
    if len(text) > 80 and not text.lstrip().startswith("<"):
        return None  # page numbers and footers are short; only a tag line may be long
    if not starts_like_noise(text):
        return None
    found = _ANY_ARTIFACT.match(text)
    return ARTIFACTS[_which_artifact(found)][0] if found else None


# --- assembly and Diet speaker labels ----------------------------------------------------

#: Role words a speaker label may end with, matched longest first so that 副委員長
#: wins over 委員長 and 委員, and 副議長 over 議長. Old kanji forms (國務大臣) included.
ROLE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "議長", "副議長", "仮議長", "委員長", "副委員長", "小委員長", "仮委員長", "委員",
            "理事", "市長", "副市長", "区長", "副区長", "町長", "副町長", "村長", "副村長",
            "知事", "副知事",
            "教育長", "教育委員", "監査委員", "代表監査委員", "選挙管理委員会委員長",
            "内閣総理大臣", "国務大臣", "國務大臣", "大臣", "副大臣", "大臣政務官", "政務官",
            "政府委員", "政府参考人", "参考人", "公述人", "説明員", "証人",
            "事務局長", "事務局次長", "議会事務局長", "局長", "次長", "部長", "室長", "課長",
            "会計管理者", "管理者", "会長", "副会長", "座長", "副座長", "幹事長",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

#: Honorifics written after a speaker's name; removed from the name and kept apart.
HONORIFICS: tuple[str, ...] = ("議員", "君", "さん", "氏", "様")

_ROLE_ALT = "|".join(re.escape(r) for r in ROLE_SUFFIXES)
_HONORIFIC_ALT = "|".join(re.escape(h) for h in HONORIFICS)

#: The label that follows an assembly marker, up to the white space before the speech.
#: Shapes: 議長（清野一榮議員） / （伊藤よしのり議長） / （井上さくら君） / 22番（筒井議員）
#: / おのせ康裕議長 / 北村経夫君 / 原（侑）委員. The caller splits name, role and honorific.
ASSEMBLY_LABEL = patterns.compile(
    r"^(?P<label>"
    r"(?P<outer>[^\s（(）)]{0,24})[（(](?P<inner>[^）)]{1,24})[）)](?P<after>[^\s（(]{0,8})"
    r"|(?P<bare>[^\s（(）)、。]{1,24})"
    r")(?:\s+|$)(?P<rest>.*)$",
    re.DOTALL,
)
ROLE_AT_END = patterns.compile(r"(?P<role>" + _ROLE_ALT + r")$")
HONORIFIC_AT_END = patterns.compile(r"(?P<honorific>" + _HONORIFIC_ALT + r")$")

#: Endings of posts that are not in ROLE_SUFFIXES (企画部長, 議事調査主査, 書記).
_POST_ENDINGS = ("長", "員", "者", "官", "理事", "主査", "主事", "書記", "参事", "監")


def looks_like_role(text: str) -> bool:
    """Whether ``text`` names a post (議長, 総務常任委員長, 企画部長), not a person."""
    return bool(ROLE_AT_END.search(text)) or text.endswith(_POST_ENDINGS)


def strip_honorific(name: str) -> tuple[str, str | None]:
    """``田中実君`` -> (``田中実``, ``君``); a name that is only an honorific is kept."""
    found = HONORIFIC_AT_END.search(name)
    if found and found.start() > 0:
        return name[: found.start()], found["honorific"]
    return name, None


SEAT = patterns.compile(r"^(?P<seat>\d{1,3})\s*番$")

#: Headings of header blocks that start with ○/〇 but are not speakers
#: (○議事日程, 〇出席議員, ○本日の会議に付した案件, ○小委員長の互選, 〇 第 1 日).
NOT_A_SPEAKER = patterns.compile(
    r"^(?:[…‥:：=＝・]|(?:追加)?議事日程|(?:本日の)?[会會]議に付した|出席|欠席|地方自治法|会議録署名|"
    r"委員の異動|日程第|請願|陳情|第\s*" + NUMBER + r"\s*日|"
    r"(?:説明員|事務局出席職員|(?:区|市)?議会事務局)\s*(?:[（(]\s*\d+\s*[名人]\s*[）)])?\s*$)"
)

# --- non-speech events -------------------------------------------------------------------

_OPEN = r"[（(〔\[［]"
_CLOSE = r"[）)〕\]］]"
_NUM = r"[\d〇零一二三四五六七八九十]{1,3}"
_TIME = r"(?:午前|午後)\s*" + _NUM + r"\s*時(?:\s*" + _NUM + r"\s*分|半)?"
_TIME_WORDS = r"(?:開会・開議|開会|開議|休憩|再開|散会|散會|閉会|閉會|延会|延會|開議|会議中止)"

#: Events recorded in verbatim minutes, checked in order (name -> pattern on a stripped line).
EVENTS: tuple[tuple[str, patterns.Pattern], ...] = (
    (
        "time",
        patterns.compile(
            r"^" + _OPEN + r"?\s*[〇○]?\s*" + _TIME + r"\s*" + _TIME_WORDS + r"\s*" + _CLOSE + r"?$"
        ),
    ),
    (
        "stage-direction",
        patterns.compile(
            r"^"
            + _OPEN
            + r"[^〕）)\]］]{0,40}(?:登壇|降壇|退席|着席|入場|退場|入室|退室|発言席"
            + r"|投票開始|投票終了|開票|速記中止|速記開始)"
            + r"[^〕）)\]］]{0,4}"
            + _CLOSE
            + r"$"
        ),
    ),
    (
        "floor-voice",
        patterns.compile(
            r"^"
            + _OPEN
            + r".{0,60}(?:呼ぶ者|声あり|の声|拍手|起立|発言する者|者あり|議場騒然|笑声)"
            + r"[^〕）)\]］]{0,6}"
            + _CLOSE
            + r"$"
        ),
    ),
    (
        "reading",
        patterns.compile(r"^" + _OPEN + r"[^〕）)\]］]{0,40}(?:朗読|報告)" + _CLOSE + r"$"),
    ),
    ("separator", patterns.compile(r"^[-－―ー─━＝=‐–—◇◆・~〜＊*_＿.…\s]{3,}$")),
)


#: Time stamps and phrases that close the sitting: after them come signatures, not speech.
CLOSING = patterns.compile(r"散会|散會|閉会|閉會|延会|延會|\badjourned\b", re.I)

#: A signature line under the closing time: ``市会議長　鈴木太郎``, ``同　坂本勝司``.
SIGNATURE = patterns.compile(
    r"^(?:\S{0,6}議長|\S{0,6}議員|\S{0,6}委員長|署名\S{0,6}|同)\s+[^\s君。、]{1,6}(?:\s[^\s君。、]{1,6})?$"
)

#: Leftover inline HTML tags (``<span lang="ja">``), removed from record text.
INLINE_TAG = patterns.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


#: What an event can start with (brackets, 午前/午後, 〇 of 〇午後１時開会, rule characters).
_EVENT_START = patterns.compile(r"^[（(〔\[［〇○午\-－―ー─━＝=‐–—◇◆・~〜＊*_＿.…\s]")


_RULE_RUN = patterns.compile(r"[-－―ー─━＝=‐–—_＿*＊]{3}")


@lru_cache(maxsize=8192)  # each line is asked by several stages; bounded, unlike @cache
def event_kind(text: str) -> str | None:
    """The kind of non-speech event a stripped line or paragraph records, if any."""
    if not _EVENT_START.match(text):
        return None  # most lines are speech: one cheap test instead of five patterns
    for name, pattern in EVENTS:
        if pattern.match(text):
            if name == "separator" and not _RULE_RUN.search(text):
                continue  # "・・・" alone is an ellipsis, not a rule
            return name
    return None


# --- prefix speaker labels ---------------------------------------------------------------

#: ``Name: text`` label shapes, checked in order; group ``label`` and ``rest``.
PREFIX_LABELS: tuple[tuple[str, patterns.Pattern], ...] = (
    ("initials", patterns.compile(r"^(?P<label>[A-Z]{2,4}):\s+(?P<rest>\S.*)$", re.DOTALL)),
    ("qa", patterns.compile(r"^(?P<label>問|答|Q|A)\s*[.．:：]\s*(?P<rest>\S.*)$", re.DOTALL)),
    ("bracketed", patterns.compile(
        r"^[【](?P<label>[^】\s]{1,12})[】]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
    ("paren", patterns.compile(
        r"^[（(](?P<label>[^）)\s]{1,8})[）)]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
    ("name", patterns.compile(
        r"^(?P<label>\?{3}|\*{3,5}|[A-Za-z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,3}):"
        r"\s+(?P<rest>\S.*)$",
        re.DOTALL,
    )),
    ("japanese", patterns.compile(
        r"^(?P<label>[^\s:：、。()（）「」]{1,12})[：:]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
)  # fmt: skip

#: Words that end in a colon but are not speakers (``Disposition:``, ``Key:``, ``Note:``).
NOT_SPEAKER_WORDS: frozenset[str] = frozenset((
    "disposition", "key", "note", "notes", "date", "time", "place", "location", "venue",
    "attendees", "attendance", "present", "absent", "agenda", "motion", "action", "actions",
    "vote", "votes", "result", "results", "conclusion", "resolution", "topic", "topics",
    "summary", "subject", "re", "ave", "plan", "item", "items", "lang", "tags", "title",
    "layout", "author", "status", "update", "updates", "decision", "decisions", "question",
    "questions", "answer", "answers", "example", "examples", "see", "source", "link", "links",
    "http", "https", "mailto", "presenter", "presenters", "chair", "minutes", "next", "todo",
    "fyi", "ps", "nb", "cc", "bcc", "from", "to", "comment", "comments", "discussion",
    "proposal", "proposals", "slides", "slide", "consensus", "outcome",
    "public comment", "public comments", "roll call", "call to order", "next steps",
    "action item", "action items", "new business", "old business", "portland plan",
    "日時", "日付", "時間", "場所", "会場", "議題", "件名", "出席者", "欠席者", "資料", "配布資料",
    "備考", "注", "メモ", "結論", "決定", "決定事項",
))  # fmt: skip

#: Initials used as a speaker label (``WH``).
INITIALS = patterns.compile(r"[A-Z]{2,4}")
#: A chat-log nickname (``nurse``, ``ko1``, ``amatsuda``).
NICKNAME = patterns.compile(r"[a-z][a-z0-9_]{1,15}")
#: The label minutes use for a speaker nobody identified (``???``, ``*****``).
UNKNOWN_SPEAKER = patterns.compile(r"\?{3}|\*{3,5}")

#: Any ``Word:`` / ``Two words:`` / ``語：`` at the start of a paragraph (speaker or not).
REMARK_LABEL = patterns.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,20}|[^\s:：]{1,8})\s*[:：]\s")

#: A legend of initials: ``Waldemar Horwat (WH)``.
INITIALS_ENTRY = patterns.compile(
    r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\s*\((?P<initials>[A-Z]{2,4})\)"
)

#: A speaker label glued inside a line of PDF text: ``…Thank you.    Adams: Please…``.
MIDLINE_NAME = patterns.compile(
    r"(?:(?<=\S\s{2,})|(?<=[.?!\]]\s))"
    r"(?P<label>\*{3,5}|[A-Z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,2}):\s"
)
#: A personal name (``Joe Rastatter``): one such label is enough to be a speaker.
PROPER_NAME = patterns.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z'’-]+){1,2}$")

#: A running page footer at the start of a line: ``January 12, 2011  7 of 18``.
INLINE_FOOTER = patterns.compile(
    r"^(?P<indent>\s*)(?P<footer>[A-Z][a-z]+\.? \d{1,2}, \d{4}\s+\d{1,4} of \d{1,4})(?:\s+|$)"
)

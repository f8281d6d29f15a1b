"""The assembly / Diet scheme: the marker is followed by a speaker label.

``○議長（清野一榮議員）　本文``, ``◎市長（櫻田　宏）``, ``◆（井上さくら君）``,
``○（伊藤よしのり議長）``, ``○おのせ康裕議長　　本文``, ``○北村経夫君　本文``,
``○原（侑）委員``, ``○２２番（筒井たかひさ議員）``. The label gives the role and the
name; the honorific (君, 議員, さん) is taken off the name and kept apart. The
marker symbol's own meaning (○ chair and members, ◎ executives, ◆ members) stays
in ``marker``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.jpdate import parse_int
from minutes_cli.grammar.labels import NOT_A_SPEAKER, SEAT, is_marked_heading
from minutes_cli.grammar.markers import MARKER_START, canonical_marker
from minutes_cli.grammar.offices import HEADS, Parts, looks_like_post, split_label
from minutes_cli.grammar.text import INLINE_TAG
from minutes_cli.kinds import LabelShape, SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.prefix import office_prefix
from minutes_cli.parse.tokens import Line, Opened, Start


@dataclass(frozen=True)
class AssemblyScheme:
    """``○議長（名前君）　発言``: a verbatim record (会議録) whose labels name the speaker.

    Verbatim: the header runs to the first speaker, the agenda items are the sections when
    there are no headings, and a marked line that names no speaker (``○議事日程``) is a
    remark, not more of the last speech.

    ``names``: the document sets its labels apart from the speech by white space, so a
    marked line that opens with a short name and white space is that person speaking
    (``○田中太郎　発言します。``) though the label has no office and no honorific.

    ``known``: the labels this document's other lines read, and the names in them, longest
    first: a line glued to its speech that no shape reads alone is read by them
    (``○原議長原案のとおり`` where ``○原議長ただいまから`` was read, ``○木下補足いたします``
    after ``○木下市長…``)."""

    names: bool = False
    known: tuple[Label, ...] = ()

    @classmethod
    def of(cls, labels: Sequence[Label]) -> AssemblyScheme:
        """The scheme for a document whose marked lines read as ``labels``."""
        readings = {label.label: label._replace(rest="") for label in labels}
        for label in labels:
            name = label.speaker
            if name and len(name) >= 2 and not _NOT_IN_NAME.search(name):
                readings.setdefault(name, Label(name, None, name, None, None, "", "name"))
        known = tuple(sorted(readings.values(), key=lambda label: -len(label.label)))
        return cls(names=any(label.spaced for label in labels), known=known)

    name: ClassVar[SchemeName] = "assembly"
    verbatim: ClassVar[bool] = True
    legend: ClassVar[tuple[LegendEntry, ...]] = ()
    legend_lines: ClassVar[frozenset[int]] = frozenset()

    def start(self, text: str) -> Start | None:
        found = MARKER_START.match(text)
        if not found or event_kind(text.strip()):
            return None
        after = text[found.end() :]
        label = parse_label(after)
        if label is None and self.names:
            label = name_label(after)
        if label is None and self.known:
            label = _known_label(after.lstrip(), self.known)
        if label is None:
            return None
        return Start(
            canonical_marker(found["marker"]),
            label.role,
            label.speaker,
            label.honorific,
            label.seat,
            label.label,
            label.rest,
            found.start("marker") + 1,
            "assembly-label",
        )

    def unread(self, text: str) -> Unread | None:
        """A marked line read as no label: a heading when it is one word that ends no
        sentence or a known one (``◎諸般の報告``, ``○議事日程 第九号``), else a label this
        document does not have; so is an office before a colon (``委員長：…``)."""
        found = MARKER_START.match(text)
        if found is None:
            return "label" if office_prefix(text) else None
        return "heading" if is_marked_heading(text[found.end() :]) else "label"

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return lines

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []


class Label(NamedTuple):
    """A parsed speaker label."""

    label: str  # as written, spaces removed
    role: str | None
    speaker: str | None
    honorific: str | None
    seat: int | None
    rest: str  # the speech on the same line, if any
    shape: LabelShape = "bare"  # how the label was written
    spaced: bool = True  # white space (or the end of the line) follows the label


#: The longest label read (characters, spaces removed): longer is speech.
MAX_LABEL = 32
#: The longest name read before or after an office (渡嘉敷優子, 伊藤よしのり).
MAX_NAME = 8
#: The longest name of a label glued to the speech, where the speech could be misread as
#: a name: shorter (``では振興局の地域創生部長が…`` is speech, not 部長 では振興局の地域創生).
MAX_GLUED_NAME = 6
#: How many white-space-separated pieces a spaced label may have (``岡村 俊彰 議長``).
MAX_PIECES = 4

_BRACKETED = patterns.compile(
    r"^(?P<outer>[^\s（(）)]{0,24})[（(](?P<inner>[^）)]{1,24})[）)](?P<after>.*)$", re.DOTALL
)
_PIECE = patterns.compile(r"\S+")
#: Words that may end a label and say what kind of turn follows (``吉田議員質疑``,
#: ``総務課長答弁``): not part of the name or the office.
_TAILS = ("質疑", "質問", "答弁")
#: A character that may start speech glued to a label: kana (``山田議長ただいまから``).
_KANA = patterns.char_set("[\u3041-\u309f\u30a0-\u30ff]")
#: Particles that join a word to what follows and never open a speech: ``小委員長の互選``
#: is a heading (the election of the chair), not the chair speaking.
_PARTICLES = frozenset("のがをにへとでや")
#: Punctuation that goes on a sentence: no speech opens with it.
_CLAUSE_MARKS = frozenset("、。，．,.")
#: What a name cannot hold: sentence and list punctuation, brackets.
_NOT_IN_NAME = patterns.char_set(r"[、。，．,.・：:「」『』（）()【】\s]")


def _person(parts: Parts) -> bool:
    """Whether the parts name someone: an office, a seat, or a name with an honorific,
    and a name (if any) that is short, unpunctuated and holds no office itself."""
    if parts.role is None and parts.seat is None and parts.honorific is None:
        return False
    name = parts.name
    if name is None:
        return True
    return (
        len(name) <= MAX_NAME
        and not _NOT_IN_NAME.search(name)
        and not any(head in name for head in HEADS if len(head) > 1)
    )


def _without_tail(text: str) -> str:
    for tail in _TAILS:
        if text.endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


def _read(label: str, rest: str, shape: LabelShape) -> Label | None:
    # 質問 after a glued label is the speech (三宅議員質問します), not the kind of turn
    parts = split_label(label if shape == "glued" else _without_tail(label))
    if not _person(parts):
        return None
    return Label(label, parts.role, parts.name, parts.honorific, parts.seat, rest.strip(), shape)


def _bracketed(text: str) -> Label | None:
    """``議長（清野一榮議員）``, ``（伊藤よしのり議長）``, ``２２番（筒井議員）``, ``原（侑）委員``;
    the speech may follow the closing bracket at once (``議長（安原賢一）みなさん``)."""
    found = _BRACKETED.match(text)
    if not found:
        return None
    outer, inner, after = found["outer"], "".join(found["inner"].split()), found["after"]
    if outer and event_kind(f"（{inner}）") is not None:
        # 市長（登壇）, １２番（自席から）: the brackets hold what is done, not who: an event
        read = _read(outer, f"（{found['inner']}）{after}", "bracketed")
        return read._replace(label=outer) if read is not None else None
    word = _PIECE.match(after)
    tail = word[0] if word and not after[:1].isspace() else ""
    if tail and (office := split_label(tail)).name is None and (office.role or office.honorific):
        # 原（侑）委員: the brackets are part of the name, the office follows them
        label = f"{outer}（{inner}）{tail}"
        rest = after[len(tail) :]
        name = f"{outer}（{inner}）"
        return Label(label, office.role, name, office.honorific, None, rest.strip(), "bracketed")
    read = _bracketed_label(f"{outer}（{inner}）", outer, inner, after)
    glued = bool(after) and not after[:1].isspace()  # 議長（安原賢一）みなさん
    return read._replace(spaced=False) if read is not None and glued else read


def _bracketed_label(label: str, outer: str, inner: str, after: str) -> Label | None:
    """A bracketed label read: ``outer`` a post, a seat, a kind of turn or nothing."""
    seat = SEAT.match(outer)
    if not outer or seat:  # （伊藤よしのり議長）, ２２番（筒井たかひさ議員）, 議員（９番 松田君）
        parts = split_label(inner)
        if not outer and not _person(parts):
            return None
        number = parse_int(seat["seat"]) if seat else parts.seat
        return Label(
            label, parts.role, parts.name, parts.honorific, number, after.strip(), "bracketed"
        )
    if outer in _TAILS:  # 答弁（村長）: what kind of turn, and the office
        parts = split_label(inner)
        if not _person(parts):
            return None
        return Label(
            label, parts.role, parts.name, parts.honorific, parts.seat, after.strip(), "bracketed"
        )
    outer = _without_tail(outer)
    if not looks_like_post(outer) and not SEAT.match(outer):
        return None
    parts = split_label(inner)
    name = parts.name if parts.name is not None else inner
    if _NOT_IN_NAME.search(name) or len(name) > MAX_NAME:
        return None
    return Label(label, outer, name, parts.honorific, parts.seat, after.strip(), "bracketed")


def _pieces(text: str) -> Label | None:
    """A label up to white space (``おのせ康裕議長　本文``), or written in pieces
    (``岡村 俊彰 議長 本文``, ``議長 辻本 一夫君 本文``): the most pieces that read as one."""
    # str.split with a bound stops after the first pieces: a long line is not cut into
    # every one of its words.
    pieces = text.split(maxsplit=MAX_PIECES)
    for count in range(min(len(pieces) - 1, MAX_PIECES), 0, -1):
        label = "".join(pieces[:count])
        if len(label) > MAX_LABEL or _NOT_IN_NAME.search(label):
            continue
        found = _read(label, text.split(maxsplit=count)[count], "bare" if count == 1 else "spaced")
        if found is not None:
            return found
    if len(pieces) == 1 and not _NOT_IN_NAME.search(pieces[0]):
        return _read(pieces[0], "", "bare")
    return None


def _glued(text: str) -> Label | None:
    """A label glued to the speech (``山田議長ただいまから``, ``田中町長お答えします``): the
    longest label that names someone and is followed by kana, or names a person by name."""
    first = _PIECE.match(text)
    word = first[0] if first else ""
    for end in range(min(len(word), MAX_LABEL), 1, -1):
        label = word[:end]
        if _NOT_IN_NAME.search(label):
            continue
        found = _read(label, text[end:], "glued")
        if found is None:
            continue
        found = found._replace(spaced=False)
        speech = text[end:]
        if speech[:1] in _CLAUSE_MARKS:
            continue  # 村井議員議長、質問します: 議長 is whom the member addresses
        if found.seat is not None and found.role is None and found.honorific is None:
            if found.speaker is None and label[:1].isascii():
                return found  # １２番賛成です: a seat needs no more to stand as the label
            continue  # not 12番賛成 (a seat and a "name" that is the speech)
        # Only the longest reading counts: a shorter one would cut an office in two
        # (小委員 of 小委員長の互選).
        name = found.speaker
        if name is not None and (len(name) > MAX_GLUED_NAME or name[0] in _PARTICLES):
            return None
        named = name is not None and len(name) >= 2
        if named or (_KANA.match(speech) and speech[0] not in _PARTICLES):
            return found
        return None
    return None


#: Words that open procedural lines, never names (``○開会　…``, ``○休憩　…``).
_NOT_NAMES = (
    "開会",
    "閉会",
    "散会",
    "休憩",
    "再開",
    "延会",
    "日程",
    "議題",
    "議案",
    "報告",
    "質問",
    "答弁",
    "討論",
    "採決",
    "表決",
    "選挙",
    "動議",
    "説明",
    "提案",
    "諸般",
    "会議",
)
#: A name standing as a label: two to six ideographs or kana (田中太郎, 太郎, おのせ康裕).
_NAME = patterns.compile(
    r"^(?P<name>[\p{Han}\u3041-\u309f\u30a1-\u30ff々ヶ]{2,6})\s+(?P<rest>\S.*)$", re.DOTALL
)


def name_label(text: str) -> Label | None:
    """A name alone as the label, then white space and a sentence: ``田中太郎　発言します。``.
    Only asked where the document sets its labels apart by white space (``names``)."""
    found = _NAME.match(text.lstrip())
    if not found or found["name"].startswith(_NOT_NAMES) or not _SENTENCE_END.search(found["rest"]):
        return None
    return Label(found["name"], None, found["name"], None, None, found["rest"].strip(), "name")


_SENTENCE_END = patterns.char_set("[。？！?!]")


@lru_cache(maxsize=8192)  # asked per line by detection, the body split and tokenizing
def parse_label(text: str) -> Label | None:
    """Read the speaker label at the start of ``text`` (the marker already removed), by
    the first of its shapes that reads it: bracketed, up to white space (in pieces or
    not), glued to the speech."""
    stripped = text.lstrip()
    if "<" in stripped:  # 〇<b>議長(福嶋尚人君)</b>　…: markup around the label
        stripped = INLINE_TAG.sub("", stripped).lstrip()
    if not stripped or NOT_A_SPEAKER.match(stripped):
        return None
    return _bracketed(_closed_up(stripped)) or _pieces(stripped) or _glued(stripped)


def _known_label(text: str, known: Sequence[Label]) -> Label | None:
    """The longest of the document's labels or names that opens ``text``, where speech,
    not a particle or punctuation, follows it (``木下の意見`` is not 木下 speaking)."""
    for label in known:
        if text.startswith(label.label):
            rest = text[len(label.label) :]
            if rest and rest[0] not in _PARTICLES and not _NOT_IN_NAME.match(rest):
                return label._replace(rest=rest.strip(), spaced=rest[:1].isspace())
    return None


def _closed_up(text: str) -> str:
    """The text with the white space before a label's opening bracket taken out, when the
    label is written in pieces (``議 長（弓仲利博議員）``, ``総務財政課 担当課長（吉田君）``)."""
    bracket = min((i for i in (text.find("（"), text.find("(")) if i >= 0), default=-1)
    if bracket <= 0 or bracket > MAX_LABEL:
        return text
    before = text[:bracket]
    if len(before.split()) > MAX_PIECES or _NOT_IN_NAME.search(before.replace(" ", "")):
        return text
    return "".join(before.split()) + text[bracket:]

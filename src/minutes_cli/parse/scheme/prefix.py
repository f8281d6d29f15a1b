"""The prefix scheme: a speaker label and a colon open the paragraph.

``WH: Which ES language…``, ``nurse: 燃え尽きなかった``, ``委員長：…``, ``【委員】…``,
``（委員）…``, ``問：… / 答：…``. Words such as ``Disposition:`` or ``Note:`` are not
speakers. A legend of initials (``Waldemar Horwat (WH)``) turns initials into names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import ClassVar, NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import BULLET_START, HEADER_LABEL
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.offices import HEADS, looks_like_post
from minutes_cli.grammar.prefixes import (
    EMPHASIS_LABEL,
    INITIALS,
    INITIALS_ENTRY,
    IRC_BOTS,
    IRC_COMMAND,
    IRC_LINE,
    MIDLINE_NAME,
    NAME_LIST,
    NICKNAME,
    NOT_SPEAKER_WORDS,
    PREFIX_LABELS,
    PROPER_NAME,
    UNKNOWN_SPEAKER,
)
from minutes_cli.kinds import Attribution, PrefixShape, SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.trailing import closing, speakers
from minutes_cli.parse.tokens import Line, Opened, Start

#: Label shapes that name an office or a side (``委員長：``, ``【委員】``, ``問：``): the
#: label is the role. The others (``WH:``, ``Joe Rastatter:``, ``nurse:``) name a person.
ROLE_SHAPES: frozenset[PrefixShape] = frozenset({"qa", "bracketed", "paren", "japanese"})


@dataclass(frozen=True)
class PrefixScheme:
    """``Label: text``, for the labels this document uses as speakers."""

    labels: frozenset[str] = frozenset()  # the labels that are speakers here
    initials: dict[str, str] = field(default_factory=dict)  # WH -> Waldemar Horwat
    closers: frozenset[str] = frozenset()  # names that close statements: …した(terada

    name: ClassVar[SchemeName] = "prefix"
    verbatim: ClassVar[bool] = False
    legend: ClassVar[tuple[LegendEntry, ...]] = ()
    legend_lines: ClassVar[frozenset[int]] = frozenset()

    def start(self, text: str) -> Start | None:
        found = find_prefix(text)
        if found is None and self.closers and (closed := closing(text)) is not None:
            if closed.name in self.closers:  # …した(terada: the name closes the statement
                return Start(
                    "",
                    None,
                    closed.name,
                    None,
                    None,
                    closed.name,
                    closed.said,
                    closed.column + 1,
                    "trailing",
                )
            return None
        if found is None or found.label not in self.labels or event_kind(text.strip()):
            return None
        column = len(text) - len(text.lstrip()) + found.lead + 1  # of the label, past a bullet
        if found.shape in ROLE_SHAPES:
            return Start(
                "", found.label, None, None, None, found.label, found.rest, column, "prefix"
            )
        speaker = self.initials.get(found.label, found.label)
        via: Attribution = (
            "irc"
            if found.shape == "irc"
            else "initials"
            if found.label in self.initials
            else "prefix"
        )
        # ``Lucas Pardue (as individual):``: the person, and the capacity as the role
        role = found.qualifier.removeprefix("as ") if found.qualifier else None
        label = f"{found.label} ({found.qualifier})" if found.qualifier else found.label
        return Start("", role, speaker, None, None, label, found.rest, column, via)

    def unread(self, text: str) -> Unread | None:
        """A ``Label: text`` whose label is none of this document's speakers; an IRC line of
        a bot or a queue command, an aside."""
        if find_prefix(text) is not None:
            return "label"
        return "aside" if text.lstrip().startswith("<") and IRC_LINE.match(text.strip()) else None

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """Lines cut where a speaker label is glued inside them (PDF text)."""
        return split_at_labels(lines, self.labels)

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []


def surveyed(texts: Sequence[str]) -> tuple[PrefixScheme, int]:
    """The prefix scheme this document would have, and how many turns it would open."""
    initials = initials_legend("\n".join(texts[:40]))
    labels, turns = survey(texts, initials)
    closers = speakers(texts)
    scheme = PrefixScheme(labels | frozenset(initials), initials, closers)
    closed = sum(1 for text in texts if find_prefix(text) is None and scheme.start(text))
    return scheme, turns + closed


def office_prefix(text: str) -> bool:
    """Whether ``text`` opens with an office and a colon (``委員長：…``, ``【事務局】…``): a
    speaker's label in any document, though a document of markers does not read it."""
    found = (
        find_prefix(text) if "：" in text[:16] or ":" in text[:16] or "】" in text[:16] else None
    )
    return found is not None and looks_like_post(found.label)


class Prefix(NamedTuple):
    """A speaker label found at the start of a paragraph."""

    shape: PrefixShape  # which PREFIX_LABELS entry matched
    label: str
    rest: str
    lead: int = 0  # characters of a list bullet before the label (``- Jack: …``)
    qualifier: str | None = None  # the capacity a name speaks in: ``chair`` of ``Lucas (chair):``


@lru_cache(maxsize=8192)  # asked per line by detection, splitting and tokenizing
def find_prefix(text: str) -> Prefix | None:
    """The speaker label at the start of ``text``, if it has the shape of one; after a list
    bullet too (``- Jack: …``, ``* Mara: …``: minutes kept as a Markdown list)."""
    stripped = text.strip()
    bullet = BULLET_START.match(stripped) if stripped[:1] in _BULLETS else None
    lead = bullet.end() if bullet else 0
    if lead:
        stripped = stripped[lead:]
    emphasis = EMPHASIS_LABEL.match(stripped) if stripped[:2] in ("**", "__") else None
    if emphasis:  # **Mara**: … is Mara: …
        stripped = f"{emphasis['label']}: {stripped[emphasis.end() :]}"
        lead += 2
    head = stripped[:40]
    if (
        ":" not in head
        and "：" not in head
        and not stripped.startswith(("【", "（", "(", "問", "答", "Q", "A", "<"))
    ):
        return None  # every label shape has a colon, a bracket, 問/答/Q/A or < up front
    for shape, pattern in PREFIX_LABELS:
        found = pattern.match(stripped)
        if not found:
            continue
        label, rest = found["label"], found["rest"].strip()
        if label.lower() in NOT_SPEAKER_WORDS or not _could_be_said(label, rest, shape):
            return None
        if shape == "irc" and (label.lower() in IRC_BOTS or IRC_COMMAND.match(rest)):
            return None  # <Zakim> …, <benfrancis> q+: the channel's machinery
        if HEADER_LABEL.match(stripped) and label not in SPEAKING_OFFICES:
            return None
        qualifier = found.groupdict().get("qualifier")
        return Prefix(shape, label, rest, lead, qualifier.strip() if qualifier else None)
    return None


#: What a list bullet starts with (see ``blocks.BULLET_START``).
_BULLETS = frozenset("・･•‧-*+")


#: A word of a label that is only a number or a date (``Issue 47:``, ``2013-12-19:``).
_NUMBERISH = frozenset("0123456789-/.:")
#: Speech has words: a letter, kana or an ideograph (``Wells Fargo Savings:  287,864.39``
#: is a row of a table).
_WORDS = patterns.char_set(r"[^\W\d_]")


def _could_be_said(label: str, rest: str, shape: PrefixShape) -> bool:
    """Whether a label can be a speaker: no number or date, and in brackets only a
    Japanese office (``（委員）``; ``(PMC), to be known as…`` is a parenthesis)."""
    if any(set(word) <= _NUMBERISH for word in label.split()) or label[:1].isdigit():
        return False
    return shape not in ("bracketed", "paren") or (not label.isascii() and bool(_WORDS.match(rest)))


#: Header labels that also speak in minutes (``事務局：ご説明します``).
SPEAKING_OFFICES = frozenset({"事務局", "司会"})


def _labels_in(text: str) -> list[tuple[str, bool]]:
    """Labels at the start of ``text`` and glued inside it (PDF text), each with whether
    words follow it (a number alone may be an answer, or a row of a table)."""
    found = (
        [(p.label, bool(_WORDS.search(p.rest)) and not NAME_LIST.match(p.rest))]
        if (p := find_prefix(text))
        else []
    )
    if ":" in text:  # every glued label ends in one: skip the scan without
        found += [(m["label"], True) for m in MIDLINE_NAME.finditer(text)]
    return [(label, words) for label, words in found if label.lower() not in NOT_SPEAKER_WORDS]


def survey(
    lines: Iterable[str], initials: Iterable[str] = (), minimum: int = 2
) -> tuple[frozenset[str], int]:
    """The labels used often enough to be speakers rather than chance colons, and how
    many turns they open (at line starts and inside lines), from one pass over the lines.

    Some count from their first use: a personal name (``Joe Rastatter``), initials in
    a document that keeps a legend of initials (``RK`` joins late), and a Japanese
    label that names an office (``Ｂ委員``, ``事務局``).
    """
    texts = _outside_action_items(list(lines))
    found = [item for text in texts for item in _labels_in(text)]
    qualified = {p.label for text in texts if (p := find_prefix(text)) and p.qualifier}
    irc = {p.label for text in texts if (p := find_prefix(text)) and p.shape == "irc"}
    # A label never followed by words (``Wells Fargo Savings:   287,864.39``, the rows of a
    # table) is nobody; one that is, may also answer with a number (``Fritz: $237,962.15.``).
    spoken = {label for label, words in found if words}  # (a vote on IRC, <sebastian> +1, counts)
    counts = Counter(label for label, _ in found if label in spoken or label in irc)
    has_legend = bool(set(initials))
    repeated = sum(n for n in counts.values() if n >= minimum)
    # Q and A (問 and 答) are a convention only together, each used more than once: "A."
    # and a lone "Q." are outline letters.
    for pair in (("Q", "A"), ("問", "答")):
        if min(counts[letter] for letter in pair) < minimum:
            for letter in pair:
                counts.pop(letter, None)
    # Names said once count where the document's speakers are people who recur: there,
    # ``Joe Rastatter:`` said once is one more of them; elsewhere (a report with
    # ``Wells Fargo Savings:`` and ``Press Releases:``) a capitalised phrase is no one.
    people = sum(1 for label, n in counts.items() if n >= minimum and _person_like(label))
    # … or where names open the lines: three different people, each ``Robin Marx:`` once,
    # are a record of who spoke, not chance capitals.
    opening = {p.label for text in texts if (p := find_prefix(text)) and PROPER_NAME.match(p.label)}
    named = people >= 1 or len(opening) >= 3
    # A first name said once is the person of a full name that speaks (Robin of Robin
    # Marx); a name said in a capacity (``Matt (as individual):``) is a person.
    accepted = frozenset(
        label
        for label, n in counts.items()
        if n >= minimum
        or (named and PROPER_NAME.match(label))
        or (named and label in qualified and _person_like(label))
        or UNKNOWN_SPEAKER.fullmatch(label)
        or (has_legend and INITIALS.fullmatch(label))
        or (repeated >= 3 and NICKNAME.fullmatch(label))  # a log of nick: turns
        or label in SPEAKING_OFFICES
        or label in irc  # <Ege> …: a chat log says who speaks
        or (not label.isascii() and label.endswith(HEADS))
    )
    firsts = {label.split()[0] for label in accepted if " " in label and PROPER_NAME.match(label)}
    labels = accepted | {label for label in counts if label in firsts}
    return labels, sum(counts[label] for label in labels)


#: A heading over a list of action items (``9. Review Outstanding Action Items``, ``## Action
#: items``): the ``Name: task`` lines under it assign work, nobody speaks.
_ACTION_HEADING = patterns.compile(r"action items?|アクションアイテム|宿題", re.IGNORECASE)
#: A numbered or Markdown heading, where a list of action items ends.
_NEXT_HEADING = patterns.compile(r"^(?:\d{1,2}\.\s|#{1,6}\s|[IVX]{1,5}\.\s)")


def _outside_action_items(texts: list[str]) -> list[str]:
    """The lines that are not under a heading of action items, as label evidence."""
    kept: list[str] = []
    under = False
    for text in texts:
        heading = len(text) <= 60 and find_prefix(text) is None
        if heading and _ACTION_HEADING.search(text):
            under = True
        elif under and heading and _NEXT_HEADING.match(text):
            under = False
        if not under:
            kept.append(text)
    return kept


def _person_like(label: str) -> bool:
    """A label with the shape of a person: a name, a first name, initials, a nickname."""
    return bool(
        PROPER_NAME.match(label)
        or _FIRST_NAME.fullmatch(label)
        or INITIALS.fullmatch(label)
        or NICKNAME.fullmatch(label)
    )


_FIRST_NAME = patterns.compile(r"[A-Z][a-z]+")


def split_at_labels(lines: Sequence[Line], labels: frozenset[str]) -> tuple[Line, ...]:
    """Cut lines where a known speaker label is glued inside them, keeping columns."""
    result: list[Line] = []
    for line in lines:
        cuts = [
            m.start("label")
            for m in (MIDLINE_NAME.finditer(line.text) if ":" in line.text else ())
            if m["label"] in labels
        ]
        if not cuts:
            result.append(line)
            continue
        bounds = [0, *cuts, len(line.text)]
        for index, (start, end) in enumerate(pairwise(bounds)):
            piece = line.text[start:end].rstrip()
            if not piece.strip():
                continue
            # Pieces keep the whole line's width: layout rules ask how full the line was.
            result.append(
                Line(
                    line.number,
                    piece,
                    line.width,
                    line.gap if index == 0 else 0,
                    line.column + start,
                )
            )
    return tuple(result)


def initials_legend(text: str) -> dict[str, str]:
    """``Waldemar Horwat (WH), Brian Terlson (BT)`` -> {"WH": "Waldemar Horwat", …}."""
    legend: dict[str, str] = {}
    for found in INITIALS_ENTRY.finditer(text):
        legend.setdefault(found["initials"], found["name"])
    return legend

"""The exchanges stage: what kind of turn each utterance is, and which question it answers.

Each utterance gets a ``kind`` (see :data:`minutes_cli.kinds.TurnKind`) from who speaks
(:mod:`minutes_cli.grammar.exchanges`): the office of its label, else the office the
roster gives its person (``Adams`` is the Mayor of the roll call). The office that presides
is decided once per document, as the first presiding office to speak; its deputy and a
temporary chair (副議長, 仮議長) preside too. An answer points at the question it answers
(``reply_to``): the last question a member asked, until the chair takes up another item.
"""

from __future__ import annotations

from typing import Literal

from minutes_cli.grammar.exchanges import (
    ASKS,
    MEMBERS,
    OBSERVERS,
    OFFICIALS,
    PRESIDING,
    QUESTIONING,
    REMARKS,
    REPORTING,
)
from minutes_cli.kinds import TurnKind
from minutes_cli.models import Utterance
from minutes_cli.parse.people import Roster

#: What a speaker's office makes of them (see :func:`_standing`).
_Standing = Literal["chair", "report", "member", "official", "observer", "unknown"]


def run(roster: Roster) -> Roster:
    """Each utterance with its kind and the question it answers."""
    offices = {person.id: person.offices for person in roster.people}
    utterances = roster.utterances
    office_of = [_office(u, offices) for u in utterances]
    presiding = next((o for o in office_of if o and _presiding(o)), None)
    standings = [_standing(u, o, presiding) for u, o in zip(utterances, office_of, strict=True)]
    kinds: list[Utterance] = []
    asked: Utterance | None = None  # the question before the meeting
    for index, (utterance, standing) in enumerate(zip(utterances, standings, strict=True)):
        heading = utterance.section_title or ""
        if asked is not None and asked.section != utterance.section:
            asked = None  # another item: its questions are not this one's
        kind: TurnKind
        reply_to = None
        answering = asked is not None and not _same(asked, utterance)
        if standing == "chair":
            kind = "procedure"
        elif standing == "observer" or REMARKS.search(heading):
            kind = "remark"
        elif standing == "report" or (standing != "official" and _reports(utterance.text)):
            kind = "report"
        elif standing in ("official", "unknown") and asked is not None and answering:
            kind, reply_to = "answer", asked.seq
        elif standing == "official":
            kind = "report"
        elif (
            QUESTIONING.search(heading)
            or ASKS.search(utterance.text)
            or (standing == "member" and _answered(index, utterances, standings))
        ):
            kind = "question"
        else:
            kind = "remark"
        if kind == "question":
            asked = utterance
        kinds.append(utterance.replaced(kind=kind, reply_to=reply_to))
    return roster._replace(utterances=tuple(kinds))


def _answered(index: int, utterances: tuple[Utterance, ...], standings: list[_Standing]) -> bool:
    """Whether the next turn but the chair's, on the same item, is an official's: the
    member's turn drew an answer, so it asked."""
    section = utterances[index].section
    for after in range(index + 1, len(utterances)):
        if utterances[after].section != section:
            return False
        if standings[after] != "chair":
            return standings[after] == "official"
    return False


def _reports(text: str) -> bool:
    """Whether a turn opens as a report does (its first two sentences)."""
    opening = "。".join(text.split("。", 2)[:2])
    return REPORTING.search(opening) is not None


def _same(one: Utterance, other: Utterance) -> bool:
    """Whether two turns are one speaker's: one person, or one label (or, in a record
    whose legend gives roles, one role)."""
    if one.person is not None or other.person is not None:
        return one.person == other.person
    return _who(one) == _who(other)


def _who(turn: Utterance) -> str:
    """Who speaks, as the record tells: the label, the name, else the legend's role."""
    return turn.label or turn.speaker or turn.role or turn.marker


def _office(utterance: Utterance, offices: dict[str, list[str]]) -> str | None:
    """The office the label gives, else the first the roster gives the person."""
    if utterance.role:
        return utterance.role
    held = offices.get(utterance.person or "")
    return held[0] if held else None


def _presiding(office: str) -> bool:
    return _matches(office, PRESIDING)


def _matches(office: str, words: tuple[str, ...]) -> bool:
    """Whether an office is one of ``words``: a Japanese office by its ending (総務常任委員長
    is a 委員長), an English one in any case, by its first words (Vice Chair Osei)."""
    folded = office.casefold()
    return any(
        office.endswith(word)
        if not word.isascii()
        else folded == word or folded.startswith(f"{word} ")
        for word in words
    )


def _standing(utterance: Utterance, office: str | None, presiding: str | None) -> _Standing:
    """``chair`` for the office that presides (and its deputy, a temporary chair), ``report``
    for another presiding office (a committee chair in the plenary), ``member``,
    ``observer``, ``official`` or ``unknown``."""
    if office is None:
        # 22番（鈴木議員）, 北村経夫君: a member; a name alone in English minutes: unknown
        honoured = utterance.honorific in ("君", "議員") or utterance.seat is not None
        return "member" if honoured else "unknown"
    if presiding is not None and _chairs(office, presiding):
        return "chair"
    if _matches(office, OBSERVERS):
        return "observer"
    if _matches(office, OFFICIALS):
        return "official"
    if _matches(office, MEMBERS):
        return "member"
    if _presiding(office):
        return "report"
    return "official"


def _chairs(office: str, presiding: str) -> bool:
    """Whether an office presides as ``presiding`` does: the same office, its deputy or a
    temporary one (副議長, 仮議長 for 議長)."""
    base = presiding.removeprefix("副").removeprefix("仮")
    folded = office.casefold().removeprefix("vice ").removeprefix("acting ")
    return office.removeprefix("副").removeprefix("仮") == base or folded == base.casefold()

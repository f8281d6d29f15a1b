"""English offices and courtesy titles in a ``Name:`` label: ``Mayor Wheeler``, ``Vice Chair
Osei``, ``CHAIR SMITH``, ``Ms. Lee``, ``Dr. Patel``, and the job titles after a name
(``Winston Sandino, Capitol Project Manager, Bureau of Transportation``).

As 市長 in an assembly label, the office is the turn's role and the name its speaker; a
courtesy title is the honorific, kept apart as 君 is. Offices are a vocabulary matched at
the start of the label, longest first, in any case (transcripts often set labels in
capitals).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex as re

from minutes_cli.grammar import patterns

#: Offices written before a name (or alone: ``Chair:``, ``Clerk:``).
OFFICES: tuple[str, ...] = (
    "Mayor", "Deputy Mayor", "Vice Mayor", "Lord Mayor", "Mayor Pro Tem",
    "Commissioner", "County Commissioner", "Council Member", "Councilmember", "Councilman",
    "Councilwoman", "Councillor", "Councilor", "Council President", "Alderman",
    "Alderwoman", "Alderperson", "Chair", "Chairman", "Chairwoman", "Chairperson",
    "Vice Chair", "Vice-Chair", "Vice Chairman", "Vice Chairwoman", "Co-Chair", "Acting Chair",
    "President", "Vice President", "Vice-President", "Secretary", "Recording Secretary",
    "Treasurer", "Clerk", "City Clerk", "Town Clerk", "County Clerk", "Deputy Clerk",
    "City Manager", "Town Manager", "County Manager", "City Attorney", "County Attorney",
    "Supervisor", "Director", "Executive Director", "Trustee", "Member", "Board Member",
    "Committee Member", "Senator", "Representative", "Delegate", "Judge", "Justice",
    "Governor", "Lieutenant Governor", "Speaker", "Superintendent", "Selectman",
    "Selectwoman", "Selectperson", "Sheriff", "Comptroller", "Controller", "Auditor",
    "Assessor", "Presiding Officer",
)  # fmt: skip

#: Courtesy titles before a name: the honorific of the turn.
COURTESY: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Rev")

_NAME_WORD = r"[A-Z][\w'’-]*\.?"
_OFFICE = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(OFFICES, key=len)[::-1])
_COURTESY = "|".join(COURTESY)

#: A label: an optional office, an optional courtesy title, a name (or an office alone).
PERSON_LABEL = patterns.compile(
    rf"^(?:(?P<office>(?i:{_OFFICE}))(?:\s+|$))?"
    rf"(?:(?P<courtesy>(?:{_COURTESY})\.?)\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?$"
)

#: The words that head a job title after a name (``…, Purchasing Manager``, ``…, Director of
#: Government Relations``): what tells ``Name, Title:`` from a list of names.
JOB_WORDS: frozenset[str] = frozenset(
    word.lower()
    for office in OFFICES
    for word in office.replace("-", " ").split()
    if word not in ("Vice", "Deputy", "Lord", "Pro", "Tem", "City", "Town", "County", "Acting",
                    "Executive", "Board", "Committee", "Council", "Lieutenant", "Recording")
) | frozenset((
    "manager", "officer", "coordinator", "analyst", "engineer", "planner", "specialist",
    "administrator", "attorney", "counsel", "chief", "head", "lead", "assistant",
    "consultant", "advisor", "adviser", "architect", "inspector", "staff", "principal",
    "deputy", "liaison", "economist", "accountant", "organizer", "organiser", "founder",
    "owner", "resident", "chairman", "commissioner", "representative", "associate",
))  # fmt: skip


class Person(NamedTuple):
    """What a ``Name:`` label says of who speaks."""

    role: str | None  # the office, as written (``Mayor``, ``CHAIR``)
    speaker: str | None  # the name (``Wheeler``); None for an office alone
    honorific: str | None  # a courtesy title (``Ms.``)


@lru_cache(maxsize=4096)  # asked per turn: a document has few labels and many turns
def read_person(label: str) -> Person:
    """Who a label names: the office is the role, a courtesy title the honorific, the rest
    the speaker; a label with neither is the speaker as written."""
    found = PERSON_LABEL.match(label)
    if found is None or not (found["office"] or found["courtesy"]):
        return Person(None, label, None)
    office = " ".join(found["office"].split()) if found["office"] else None
    if found["name"] is None and found["courtesy"]:
        return Person(None, label, None)  # ``Dr.`` alone is nobody's name
    return Person(office, found["name"], found["courtesy"])


@lru_cache(maxsize=4096)
def is_office(label: str) -> bool:
    """An office alone (``Chair``, ``Clerk``, ``VICE CHAIR``)."""
    found = PERSON_LABEL.match(label)
    return bool(found and found["office"] and not found["name"] and not found["courtesy"])


def is_job_title(text: str) -> bool:
    """Whether the words after a name and a comma are a job title (``Capitol Project
    Manager``, ``Director of Government Relations``), not another name."""
    return any(word.lower().strip(".,") in JOB_WORDS for word in text.replace("-", " ").split())

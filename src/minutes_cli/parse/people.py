"""The people stage: the document's roster, and who spoke each utterance.

Everyone the attendance lists and the key of initials name is a person; a speaker no list
names becomes one from the labels. Each utterance is then linked to the one person its
label names, or to nobody:

* a full name, or the name a key of initials gives, is that person (old and new kanji
  forms alike: 清野一榮 is 清野一栄);
* a family name with an office (``○盛山国務大臣``, ``○山田（賢）委員``) is the one listed
  person of that family name (and given name, where the label hints at it) whose office
  fits the label's: a member's office (委員, 理事, 委員長) fits a member's, a minister's a
  minister's (国務大臣 and 文部科学大臣 both end in 大臣), an office the list's heading
  names (政府委員 under 出席政府委員) fits;
* one word of a Latin name (``Mirja:``) is the one listed person with it as a first or
  last name.

Where two people fit, the utterance is linked to neither and a diagnostic says so (M107):
never a guess. A label naming nobody (a role the legend gives many, ``○委員``) has no link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from minutes_cli import codes
from minutes_cli.grammar import patterns
from minutes_cli.grammar.forms import fold_forms
from minutes_cli.grammar.offices import HEADS
from minutes_cli.grammar.prefixes import NAMES_NOBODY
from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models import Attendee, Diagnostic, Person, Utterance
from minutes_cli.parse.header import Header
from minutes_cli.parse.turns import Tokenized


class Roster(NamedTuple):
    """What the people stage found: the roster, and the utterances linked to it."""

    people: tuple[Person, ...]
    utterances: tuple[Utterance, ...]
    diagnostics: tuple[Diagnostic, ...]


#: Offices of an assembly's or a committee's own members: any of them fits any other
#: (a 理事 speaks as ○池田委員, the chair of another committee as ○竹山委員).
MEMBER_OFFICES = frozenset(
    {"委員", "理事", "委員長", "副委員長", "小委員長", "仮委員長", "議員", "議長", "副議長",
     "仮議長", "会長", "副会長", "座長", "副座長", "member", "chair", "vice chair"}
)  # fmt: skip

#: ``原（侑）``: a family name, and the first character of the given name that sets two
#: members of that family name apart.
_HINTED = patterns.compile(r"^(?P<family>.+?)[（(](?P<hint>[^）)]+)[）)]$")
#: What an id may not hold (an XML name: letters, digits, ``-``, ``_``, ``.``).
_NOT_IN_ID = patterns.compile(r"[^\w.-]+")
_LATIN = patterns.compile(r"[A-Za-z]")
#: One capitalised Latin word: a surname alone (``Fish``, ``Moore-Love``).
_LATIN_WORD = patterns.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
#: Labels that name several people (``terada, takanory``): a comma, 、, ``&`` or ``and``
#: between names (not ・, which is inside foreign names: 斎藤・アレックス).
SEVERAL = patterns.compile(r"[,、&]|\band\b")


def key(name: str) -> str:
    """A name as names are compared: old kanji forms folded, spaces and ``_`` removed,
    Latin letters in one case (``Ben_Francis`` is ``Ben Francis``)."""
    return fold_forms("".join(name.replace("_", " ").split())).casefold()


def _head(office: str) -> str:
    """The shortest head an office ends with (文部科学大臣 -> 大臣), or the office."""
    ends = [head for head in HEADS if office.endswith(head)]
    return min(ends, key=len) if ends else office


def _fits(role: str | None, offices: list[str], group: str | None) -> bool:
    """Whether a label's office fits a listed person's offices (or their list's heading)."""
    if role is None:
        return True
    role = fold_forms(role).casefold()
    held = [fold_forms(office).casefold() for office in offices]
    if not held:
        held = [fold_forms(group).casefold()] if group else []
        return not held or role in held[0] or role in MEMBER_OFFICES
    for office in held:
        if office.endswith(role) or role.endswith(office) or _head(office) == _head(role):
            return True
        if role in MEMBER_OFFICES and _head(office) in MEMBER_OFFICES:
            return True
    return group is not None and role in fold_forms(group)


@dataclass
class _Entry:
    """A person while the roster is built."""

    name: str
    full: bool
    family: str | None = None
    reading: str | None = None
    seat: int | None = None
    initials: str | None = None
    status: AttendanceStatus | None = None
    group: str | None = None  # the heading of the list they are in
    offices: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    turns: int = 0

    def hold(self, office: str | None) -> None:
        if office and key(office) not in {key(held) for held in self.offices}:
            self.offices.append(office)


def _listed(attendees: list[Attendee]) -> list[_Entry]:
    """A person for each name the lists give; a name listed twice is one person."""
    entries: dict[str, _Entry] = {}
    for attendee in attendees:
        entry = entries.get(key(attendee.name))
        if entry is None:
            entry = entries[key(attendee.name)] = _Entry(
                attendee.name,
                not _LATIN.search(attendee.name) or len(attendee.name.split()) > 1,
                attendee.family_name,
                attendee.reading,
                attendee.seat,
                attendee.initials,
                attendee.status,
                attendee.group,
            )
        entry.hold(attendee.role)
        entry.lines.extend(range(attendee.line_start, attendee.line_end + 1))
    return list(entries.values())


def _candidates(turn: Utterance, speaker: str, listed: list[_Entry]) -> list[_Entry]:
    """The listed people a label may name, best evidence first (see the module)."""
    wanted = key(speaker)
    exact = [entry for entry in listed if key(entry.name) == wanted]
    if exact:
        return exact
    hinted = _HINTED.match(speaker)
    family, hint = (key(hinted["family"]), key(hinted["hint"])) if hinted else (wanted, "")
    if _LATIN.search(speaker):
        words = speaker.replace("_", " ").split()
        if len(words) != 1:
            return []
        found = [entry for entry in listed if wanted in _given_and_family(entry.name)]
        if not found and wanted.isalpha() and 2 <= len(wanted) <= 8:  # an IRC nick: mk, jthomas
            found = [entry for entry in listed if wanted in _nicks(entry.name)]
    else:
        found = [
            entry
            for entry in listed
            if (key(entry.family) == family if entry.family else key(entry.name) != family)
            and key(entry.name).startswith(family + hint)
        ]
    return [entry for entry in found if _fits(turn.role, entry.offices, entry.group)]


def _given_and_family(name: str) -> set[str]:
    """The first and the last word of a Latin name, as keys (``Ben Francis``: ben, francis)."""
    words = name.replace("_", " ").split()
    return {key(words[0]), key(words[-1])} if words else set()


def _nicks(name: str) -> set[str]:
    """The nicks a scribe writes for a name of two words or more: the initials (``mk`` for
    Michael Koster) and the first initial with the family name (``jthomas``)."""
    words = fold_forms(name.replace("_", " ")).casefold().split()
    if len(words) < 2:
        return set()
    return {"".join(word[0] for word in words), words[0][0] + words[-1]}


def _full(turn: Utterance, speaker: str) -> bool:
    """Whether a label writes the name in full: in brackets after an office (議長（尾辻秀久君）),
    alone before an honorific (○北村経夫君), or as two words or more (``Eric Holk:``)."""
    if _LATIN.search(speaker):
        return len(speaker.replace("_", " ").split()) > 1
    if turn.attribution != "assembly-label":
        return False
    label = turn.label or ""
    bracketed = label.endswith(("）", ")")) and speaker in label.rsplit("（", 1)[-1]
    return bracketed or (turn.role is None and turn.honorific in ("君", "議員"))


def run(header: Header, turns: Tokenized) -> Roster:
    """The roster and the linked utterances."""
    listed = _listed(list(header.meta.attendees))
    spoken: dict[tuple[str, str], _Entry] = {}  # people known from labels, by name (and office)
    links: list[_Entry | None] = []
    diagnostics: list[Diagnostic] = []
    for turn in turns.utterances:
        speaker = turn.speaker
        if not speaker or NAMES_NOBODY.search(speaker) or SEVERAL.search(speaker):
            links.append(None)
            continue
        found = _candidates(turn, speaker, listed)
        if len(found) > 1:
            diagnostics.append(_ambiguous(turn, speaker, found))
            links.append(None)
            continue
        if found:
            links.append(found[0])
            continue
        full = _full(turn, speaker)
        # 山田委員 and 山田部長 are two people; Lucas (chair) and Lucas (IC) are one
        office = "" if full or turn.attribution != "assembly-label" else key(turn.role or "")
        entry = spoken.get((key(speaker), office))
        if entry is None:
            entry = spoken[key(speaker), office] = _Entry(speaker, full, seat=turn.seat)
        links.append(entry)
    links = _merge_short_names(turns.utterances, links, list(spoken.values()), diagnostics)
    order = list(listed)
    seen = {id(entry) for entry in listed}
    for link, turn in zip(links, turns.utterances, strict=True):
        if link is None:
            continue
        link.hold(turn.role)
        link.turns += 1
        if id(link) not in seen:
            seen.add(id(link))
            order.append(link)
    _complete_names(order, [note.text for note in turns.notes])
    ids = _ids(order)
    people = tuple(_person(entry, ids[id(entry)]) for entry in order)
    utterances = tuple(
        turn if link is None else turn.replaced(person=ids[id(link)])
        for turn, link in zip(turns.utterances, links, strict=True)
    )
    return Roster(people, utterances, tuple(diagnostics))


def _complete_names(entries: list[_Entry], texts: list[str]) -> None:
    """A person a roll call names by title and surname only (``Commissioners Fish, …``) has
    the full name the document writes with that title elsewhere (``Commissioner Nick
    Fish`` in the agenda): one given name only, else the surname stays as it is."""
    text = "\n".join(texts)
    for entry in entries:
        if entry.full or not entry.offices or not _LATIN_WORD.fullmatch(entry.name):
            continue
        titles = "|".join(regex.escape(office) for office in entry.offices if office.isascii())
        if not titles:
            continue
        pattern = rf"\b(?:{titles})s?\s+(?P<given>[A-Z][a-z]+)\s+{regex.escape(entry.name)}\b"
        given = {m["given"] for m in patterns.compile(pattern).finditer(text)}
        if len(given) == 1:
            entry.name, entry.full, entry.family = f"{given.pop()} {entry.name}", True, entry.name


def _ambiguous(turn: Utterance, speaker: str, found: list[_Entry]) -> Diagnostic:
    names = ", ".join(entry.name for entry in found)
    message = f"{turn.label or speaker} fits {len(found)} people ({names}): linked to none"
    return codes.diagnostic(codes.AMBIGUOUS_SPEAKER, message, turn.line_start)


def _merge_short_names(
    turns: tuple[Utterance, ...],
    links: list[_Entry | None],
    spoken: list[_Entry],
    diagnostics: list[Diagnostic],
) -> list[_Entry | None]:
    """A speaker the labels name by one name only (``Geason:``, ``山田委員``) is the one
    speaker they name in full whose name has it (``Ron Geason:``, ○山田太郎君), if there is
    exactly one; with two, the turns stay with the short name, and a diagnostic says so."""
    full = [entry for entry in spoken if entry.full]
    merged: dict[int, _Entry | None] = {}
    for entry in spoken:
        if entry.full:
            continue
        wanted = key(entry.name)
        owners = [
            other
            for other in full
            if (
                wanted in {key(word) for word in other.name.replace("_", " ").split()}
                if _LATIN.search(entry.name)
                else key(other.name).startswith(wanted) and key(other.name) != wanted
            )
        ]
        if len(owners) == 1:
            merged[id(entry)] = owners[0]
        elif len(owners) > 1:
            first = next(t for t, link in zip(turns, links, strict=True) if link is entry)
            diagnostics.append(_ambiguous(first, entry.name, owners))
    return [merged.get(id(link), link) if link is not None else None for link in links]


def _ids(entries: list[_Entry]) -> dict[int, str]:
    """Each person's id: the name as an XML name, ``-2``, ``-3`` after the first of a name."""
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for entry in entries:
        base = _NOT_IN_ID.sub("-", fold_forms(entry.name).strip()).strip("-.") or "person"
        if not (base[0].isalpha() or base[0] == "_"):
            base = f"p-{base}"
        chosen, n = base, 1
        while chosen in taken:
            n += 1
            chosen = f"{base}-{n}"
        taken.add(chosen)
        ids[id(entry)] = chosen
    return ids


def _person(entry: _Entry, person_id: str) -> Person:
    return Person(
        id=person_id,
        name=entry.name,
        full_name=entry.full,
        family_name=entry.family,
        reading=entry.reading,
        offices=entry.offices,
        seat=entry.seat,
        initials=entry.initials,
        status=entry.status,
        lines=entry.lines,
        turns=entry.turns,
    )

"""Attendance lists that stand in the body, as notes, before anyone speaks: the lists of
Markdown and plain-text minutes.

``Present: Jerdonek (Chair), Bafundo and Hage`` on one line; a label alone with the names
under it (``Directors Present:`` / one name a line, ``Present`` / ``Ben_Francis,
Daniel_Peintner, …``); ``Council: Carol, Mark`` under an attendance heading or bullet
(``## Attendance``, ``* 参加者``). The label says who the list is (present, absent); under an
attendance heading any ``Label: names`` line is a list of those present.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.text import ends_sentence
from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models import AttendanceGroup, Attendee
from minutes_cli.parse.header.listing import nobody
from minutes_cli.parse.tokens import Paragraph

#: Labels of attendance lists, and the status of the people they list; first match wins.
ROLL_LABELS: tuple[tuple[patterns.Pattern, AttendanceStatus], ...] = (
    (patterns.compile(r"absent|regrets|apologies|missing|欠席", re.I), "absent"),
    (patterns.compile(r"observers?|guests?|visitors?|オブザーバー|傍聴", re.I), "other"),
    (
        patterns.compile(
            r"present|attendees|attendance|attending|participants|members|directors|officers"
            r"|^(?:chairs?|scribes?)$|参加者|出席者",
            re.I,
        ),
        "present",
    ),
)
#: ``Label: names`` (the label short, no sentence).
_LABELLED = patterns.compile(r"^(?P<label>[^:：。.]{1,40}?)\s*[:：]\s*(?P<names>\S.*)?$")
#: What parts the names of a list: commas, semicolons, 、 and ``and``.
_PARTS = patterns.compile(r"\s*(?:[,;、，；]|\band\b)\s*")
#: One name: a few words of letters (``Roy T. Fielding``, ``Ben_Francis``, ``yoshi-tsukamo``).
_NAME = patterns.compile(
    r"^[\p{L}\p{M}][\p{L}\p{M}\p{N}_.'’\-]*(?: [\p{L}\p{M}][\p{L}\p{M}\p{N}_.'’\-]*){0,3}$"
)
#: A leading ``and`` (``…; and Ron Willis, Sergeant at Arms``).
_AND = patterns.compile(r"^and\s+", re.I)
#: A title before a name (``Mayor Adams``), or before several (``Commissioners Fish, Fritz
#: and Saltzman``): the role of each; a courtesy title (``Dr.``, ``Ms``) is no role.
_TITLE = patterns.compile(
    r"^(?:(?P<courtesy>Dr|Mr|Mrs|Ms|Mx|Prof)\.?|(?P<title>Deputy Mayor|Mayor|Vice[- ]Mayor"
    r"|Commissioner|Councillor|Councilor|Councilmember|Council Member|Alderman|Alderwoman"
    r"|Supervisor|Trustee|Director|Vice[- ]Chair|Chair(?:man|woman|person)?|President"
    r"|Secretary|Treasurer)(?P<plural>s)?)\s+(?P<rest>\S.*)$",
    re.I,
)
#: ``THOSE PRESENT WERE: …`` inside a paragraph (PDF text glues it to the title).
_PRESENT_WERE = patterns.compile(r"\b(?:THOSE\s+)?PRESENT\s+WERE\s*:\s*(?P<names>\S.*)$", re.I)
#: The count after a list: ``…, Leonard and Saltzman, 5.``
_COUNT_AFTER = patterns.compile(r",\s*(?P<count>\d{1,3})\s*\.?\s*$")
#: A role in brackets after a name: ``Jerdonek (Chair)``.
_ROLE = patterns.compile(r"\s*\((?P<role>[^)]{1,40})\)\s*$")
#: At most this many paragraphs open the body before the lists are looked for no more.
MAX_PARAGRAPHS = 40


def _status(label: str) -> AttendanceStatus | None:
    return next((status for pattern, status in ROLL_LABELS if pattern.search(label)), None)


def _names(text: str) -> list[tuple[str, str | None]] | None:
    """``(name, role)`` of each name of a list (none for ``-`` or ``none``), or None when the
    text is not a list of names. With semicolons, each entry is ``Name, Role``
    (``Karla Moore-Love, Clerk of the Council; Ben Walters, …``) or titled names
    (``Commissioners Fish, Fritz and Saltzman``); a title gives its role to its names."""
    text = _COUNT_AFTER.sub("", text.strip()).strip().rstrip(".")
    found: list[tuple[str, str | None]] = []
    for entry in text.split(";") if ";" in text else [text]:
        entry = _AND.sub("", entry.strip())
        titled = _TITLE.match(entry)
        if ";" in text and not (titled and titled["plural"]):
            parts = [entry.partition(",")[::2]]
        else:
            parts = [(part, "") for part in _PARTS.split(entry)]
        role: str | None = None
        for part, after in parts:
            part = _AND.sub("", part.strip())
            if not part or nobody(part):
                continue
            titled = _TITLE.match(part)
            if titled:
                part = titled["rest"]
                role = titled["title"].capitalize() if titled["title"] else None
            bracketed = _ROLE.search(part)
            name = _ROLE.sub("", part).strip().replace("_", " ")
            if not _NAME.match(name) or ends_sentence(name) or not _capitalised(name):
                return None
            given = bracketed["role"] if bracketed else after.strip() or None
            found.append((name, given if given and not role else role or given))
    return found


#: Words of a name that are written small: ``Vincent van Gogh``, ``Ursula von der Leyen``.
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "del", "di", "du", "la", "le"})


def _capitalised(name: str) -> bool:
    """A name of several words has them capitalised (not ``note-taking enthusiast``); one
    word may be a nick (``takanory``)."""
    words = name.split()
    return len(words) == 1 or all(
        not word[0].isalpha() or word[0].isupper() or not word.isascii() or word in _PARTICLES
        for word in words
    )


def _lines(paragraph: Paragraph) -> list[tuple[int, str]]:
    """The paragraph's source lines and their text (a list of one name a line)."""
    pieces = paragraph.pieces
    starts = [(pieces[i], pieces[i + 1]) for i in range(0, len(pieces), 3)]
    ends = [start for start, _ in starts[1:]] + [len(paragraph.text)]
    return [
        (line, paragraph.text[start:end].strip())
        for (start, line), end in zip(starts, ends, strict=True)
    ]


def _alone(text: str) -> tuple[str, AttendanceStatus] | None:
    """A list's label alone on its line (``Directors Present:``, ``Present``, ``参加者``)."""
    label = text.rstrip(":：").strip()
    status = _status(label)
    if status is None or len(label.split()) > 3:
        return None
    return label, status


class _List(NamedTuple):
    label: str
    status: AttendanceStatus
    line: int  # of the label
    names: list[tuple[str, str | None, int]]  # name, role, line
    stated: int | None = None  # the count after the names: ``…and Saltzman, 5.``


def read(
    body: Sequence[Paragraph],
    opens_turn: Sequence[bool],
    headed: Sequence[str],
    above: Paragraph | None = None,
) -> tuple[list[AttendanceGroup], list[Attendee]]:
    """The lists among the body's first paragraphs, line by line, up to the first turn
    (past a line that lists nobody, only a list its label names); ``opens_turn`` says which
    paragraphs open
    a turn, ``headed`` is the heading above each (or ``""``); ``above`` is the header's
    last line, which may be a list's label (``Present``)."""
    lists: list[_List] = []
    current: _List | None = None  # the list that the next line may go on with
    chained = False  # in a run of lists, where any ``Label: names`` line is one
    wrapped: tuple[_List, str] | None = None  # a list whose line ends with a comma
    closed = False  # past the first lists: only a labelled list (``Absent: …``) is one
    alone = _alone(above.text) if above is not None else None
    if alone is not None and above is not None:
        current = _List(alone[0], alone[1], above.line_start, [])
        lists.append(current)
        chained = True
    for index, paragraph in enumerate(body[:MAX_PARAGRAPHS]):
        if opens_turn[index]:
            break
        if index and headed[index] != headed[index - 1]:
            chained = False  # a new heading: a new context
        if current is not None and current.names:
            current = None  # a list of names ends with its paragraph
        for number, line in _lines(paragraph):
            text = line.lstrip("*-・ ").strip()
            labelled = _LABELLED.match(text)
            if labelled and labelled["names"]:
                label = labelled["label"].strip()
                under = not closed and (chained or _status(headed[index]) is not None)
                status = _status(label) or ("present" if under else None)
                names = _names(labelled["names"]) if status else None
                if status and names is not None:
                    found = _List(label, status, number, [(*n, number) for n in names])
                    lists.append(found)
                    current = found if text.endswith((",", "、")) else None
                    chained = True
                    continue
            alone = None if closed else _alone(text)
            if alone is not None:
                current = _List(alone[0], alone[1], number, [])
                lists.append(current)
                chained = True
                continue
            if wrapped is not None:  # …Commissioners Fish, Fritz, / Leonard and Saltzman, 5.
                found, head = wrapped
                text, wrapped = f"{head} {text}", None
                names = _names(text)
                if names is not None:
                    stated = _COUNT_AFTER.search(text)
                    found = found._replace(stated=int(stated["count"]) if stated else None)
                    found.names.extend((*name, number) for name in names)
                    lists.append(found)
                    chained = True
                    continue
            embedded = _PRESENT_WERE.search(text)
            if embedded is not None:
                found = _List("Present", "present", number, [])
                if embedded["names"].rstrip().endswith(","):
                    wrapped = (found, embedded["names"])
                    continue
                names = _names(embedded["names"])
                if names:
                    stated = _COUNT_AFTER.search(embedded["names"])
                    found = found._replace(stated=int(stated["count"]) if stated else None)
                    found.names.extend((*name, number) for name in names)
                    lists.append(found)
                    chained = True
                    continue
            names = _names(text) if current is not None else None
            if current is not None and names is not None:
                current.names.extend((*name, number) for name in names)
                continue
            # a line that lists nobody: what follows is a list only where its label says so
            closed = closed or any(found.names for found in lists)
            current, chained = None, False
            lists[:] = [found for found in lists if found.names]
    return _records(lists)


def _records(lists: list[_List]) -> tuple[list[AttendanceGroup], list[Attendee]]:
    groups: list[AttendanceGroup] = []
    attendees: list[Attendee] = []
    for found in lists:
        if not found.names:
            continue
        last = max(line for *_, line in found.names)
        groups.append(
            AttendanceGroup(
                label=found.label,
                status=found.status,
                count=found.stated,
                line_start=found.line,
                line_end=last,
            )
        )
        for name, role, line in found.names:
            words = name.split()
            attendees.append(
                Attendee(
                    name=name,
                    role=role,
                    seat=None,
                    group=found.label,
                    status=found.status,
                    family_name=words[-1] if len(words) > 1 else None,
                    line_start=line,
                    line_end=line,
                )
            )
    return groups, attendees

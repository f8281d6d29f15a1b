"""``minutes stats``: who spoke how much, per document and across all of them.

Counted from utterance rows (path, role, speaker, text), whether they come from parsing
files or from an archive, so both give the same figures. A turn is one utterance; its
size is its characters (the text as recorded, without line breaks): the nearest a
transcript comes to speaking time. Roles are counted in today's kanji forms, so 國務大臣
and 国務大臣 are one role, as ``minutes search --role`` finds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from minutes_cli.grammar.forms import fold_forms

#: The ``path`` of the rows that count every input together.
ALL = "*"
#: What a turn with no role is counted under (one with no speaker's name counts in its
#: role only).
NO_ROLE = "(no role)"

By = Literal["role", "speaker"]


class Turn(NamedTuple):
    """One utterance as stats needs it."""

    path: str
    role: str | None
    speaker: str | None
    characters: int


class Stat(NamedTuple):
    """One row of ``minutes stats``: a role or a speaker of one document (or of all)."""

    path: str  #: the document, or ``*`` for every input together
    by: By  #: what ``name`` is
    name: str  #: the role, or the speaker's name
    role: str  #: the role (for a speaker: the one most of their turns have)
    turns: int
    characters: int
    share: float  #: of the characters of ``path``, 0 to 1

    def as_row(self) -> dict[str, str | int | float]:
        return {**self._asdict(), "share": round(self.share, 4)}


FIELDS: tuple[str, ...] = Stat._fields


@dataclass
class _Count:
    turns: int = 0
    characters: int = 0
    roles: dict[str, int] = field(default_factory=dict)

    def add(self, turn: Turn, role: str) -> None:
        self.turns += 1
        self.characters += turn.characters
        self.roles[role] = self.roles.get(role, 0) + 1

    def role(self) -> str:
        return max(self.roles, key=lambda role: (self.roles[role], role))


def turn(path: str, role: str | None, speaker: str | None, text: str) -> Turn:
    """A turn from an utterance's fields (characters: the text without line breaks)."""
    return Turn(path, role, speaker, len(text) - text.count("\n"))


def statistics(turns: Iterable[Turn], *, overall: bool = True) -> list[Stat]:
    """The rows for each document in the order first seen, each one's roles then its
    speakers, most characters first; then, with *overall* and more than one document,
    the same for all of them together (``path`` ``*``)."""
    per: dict[str, dict[tuple[By, str], _Count]] = {}
    for one in turns:
        role = fold_forms(one.role) if one.role else NO_ROLE
        groups = per.setdefault(one.path, {})
        keys: list[tuple[By, str]] = [("role", role)]
        if one.speaker:  # a turn without a name counts in its role only
            keys.append(("speaker", one.speaker))
        for key in keys:
            groups.setdefault(key, _Count()).add(one, role)
            if overall:
                per.setdefault(ALL, {}).setdefault(key, _Count()).add(one, role)
    if ALL in per and len(per) <= 2:
        del per[ALL]  # one document: its rows already are the total
    return [stat for path, groups in _total_last(per) for stat in _rows(path, groups)]


def _total_last(
    per: dict[str, dict[tuple[By, str], _Count]],
) -> Iterator[tuple[str, dict[tuple[By, str], _Count]]]:
    yield from ((path, groups) for path, groups in per.items() if path != ALL)
    if ALL in per:
        yield ALL, per[ALL]


def _rows(path: str, groups: dict[tuple[By, str], _Count]) -> Iterator[Stat]:
    # every turn has a role row, so the roles' characters are the document's
    total = sum(count.characters for (by, _), count in groups.items() if by == "role") or 1
    for wanted in ("role", "speaker"):
        chosen = [(name, count) for (by, name), count in groups.items() if by == wanted]
        chosen.sort(key=lambda item: (-item[1].characters, -item[1].turns, item[0]))
        for name, count in chosen:
            role = name if wanted == "role" else count.role()
            yield Stat(
                path, wanted, name, role, count.turns, count.characters, count.characters / total
            )

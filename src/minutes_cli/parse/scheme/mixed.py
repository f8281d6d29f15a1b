"""A second speaker convention beside the one a document is read by.

A record marks its speakers one way; when some of its lines follow another way too (``委員長：…``
lines in a record of ``○議長（…）`` labels, ``○`` paragraphs among ``Name:`` lines), the
scheme chosen reads its own lines, the other's lines are kept as notes (never more of the
last speech) with M105 each, and the document says so once with M106, instead of a silent
guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minutes_cli import codes
from minutes_cli.kinds import SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.tokens import Line, Opened, Start

if TYPE_CHECKING:
    from minutes_cli.parse.scheme import Scheme


@dataclass(frozen=True)
class Rival:
    """The convention a document is not read by, though some of its lines follow it."""

    said: str  # what becomes of its lines, for the diagnostic: "3 'Name:' lines are …"
    first: int  # the source line of the first of them
    reads: Callable[[str], bool] | None = None  # a line it would open a turn on, if the
    # scheme read does not already keep such lines as notes


class Delegating:
    """A scheme that answers as ``self.scheme`` does, but where a subclass says otherwise."""

    scheme: Scheme

    @property
    def name(self) -> SchemeName:
        return self.scheme.name

    @property
    def legend(self) -> tuple[LegendEntry, ...]:
        return self.scheme.legend

    @property
    def legend_lines(self) -> frozenset[int]:
        return self.scheme.legend_lines

    @property
    def verbatim(self) -> bool:
        return self.scheme.verbatim

    def start(self, text: str) -> Start | None:
        return self.scheme.start(text)

    def unread(self, text: str) -> Unread | None:
        return self.scheme.unread(text)

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return self.scheme.cut(lines)

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return self.scheme.diagnose(opened)


@dataclass(frozen=True)
class Mixed(Delegating):
    """*scheme*, with the lines of *rival* kept as notes and the mix diagnosed."""

    scheme: Scheme
    rival: Rival
    read_as: str  # what the chosen scheme reads, for the diagnostic

    def unread(self, text: str) -> Unread | None:
        found = self.scheme.unread(text)
        if found is None and self.rival.reads is not None and self.rival.reads(text):
            return "label"
        return found

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        mixed = codes.diagnostic(
            codes.MIXED_CONVENTIONS,
            f"speakers are marked in two ways: read as {self.read_as} "
            f"({len(opened)} turn{'' if len(opened) == 1 else 's'}); "
            f"{self.rival.said}",
            self.rival.first,
        )
        return [mixed, *self.scheme.diagnose(opened)]

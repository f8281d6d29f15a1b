"""The none scheme: narrative minutes, with no speaker turns at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from minutes_cli.kinds import SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.tokens import Line, Opened, Start


@dataclass(frozen=True)
class NoScheme:
    """No paragraph opens a turn: every paragraph is a note."""

    name: ClassVar[SchemeName] = "none"
    verbatim: ClassVar[bool] = False
    legend: ClassVar[tuple[LegendEntry, ...]] = ()
    legend_lines: ClassVar[frozenset[int]] = frozenset()

    def start(self, text: str) -> Start | None:
        return None

    def unread(self, text: str) -> Unread | None:
        return None

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return lines

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []

"""The legend scheme: a key such as ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``
says what each paragraph's marker means; speakers are roles, not names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from minutes_cli import codes
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.markers import (
    LEGEND_BLOCK,
    LEGEND_ENTRY,
    MARKER_START,
    canonical_marker,
    is_legend_text,
)
from minutes_cli.kinds import SchemeName
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.tokens import Line, Opened, Paragraph, Start


@dataclass(frozen=True)
class LegendScheme:
    """``○ 発言`` under a legend: the marker's role from the legend (None if it has none)."""

    legend: tuple[LegendEntry, ...] = ()
    roles: dict[str, str] = field(init=False)  # marker -> role

    name: ClassVar[SchemeName] = "legend"
    verbatim: ClassVar[bool] = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", {entry.marker: entry.role for entry in self.legend})

    def start(self, text: str) -> Start | None:
        # The scheme's own test first: most lines fail it, and then the event test
        # (an event is never an utterance) need not run.
        found = MARKER_START.match(text)
        if not found or event_kind(text.strip()):
            return None
        marker = canonical_marker(found["marker"])
        rest = text[found.end() :].strip()
        return Start(
            marker, self.roles.get(marker), None, None, None, None, rest, found.start("marker") + 1
        )

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return lines

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        """M101 for a marker the legend does not define, M102 for markers without any
        legend, M103 for a legend entry no paragraph uses."""
        found: list[Diagnostic] = []
        if self.legend:
            key = " ".join(f"{entry.marker}…{entry.role}" for entry in self.legend)
            found += [
                codes.diagnostic(
                    codes.UNKNOWN_MARKER,
                    f"marker {start.marker!r} is not in the legend ({key}); kept without a role",
                    line,
                    column,
                )
                for start, line, column, _ in opened
                if start.role is None
            ]
        used = {start.marker for start, _, _, _ in opened}
        if used and not self.legend:
            found.append(
                codes.diagnostic(
                    codes.NO_LEGEND,
                    f"speaker markers ({' '.join(sorted(used))}) are used but there is no legend",
                    opened[0].line_start,
                )
            )
        found += [
            codes.diagnostic(
                codes.UNUSED_LEGEND_ENTRY,
                f"legend entry {entry.marker}…{entry.role} is never used",
                entry.line_start,
            )
            for entry in self.legend
            if entry.marker not in used
        ]
        return found


def legend_entries(
    paragraph: Paragraph, start: int = 0, end: int | None = None
) -> list[LegendEntry]:
    """The ``marker…role`` entries in ``paragraph.text[start:end]``, one per marker."""
    entries: list[LegendEntry] = []
    seen: set[str] = set()
    body = paragraph.text[start:end]
    for found in LEGEND_ENTRY.finditer(body):
        marker = canonical_marker(found["marker"])
        if marker in seen:
            continue
        seen.add(marker)
        line = paragraph.line_at(start + found.start())
        entries.append(
            LegendEntry(
                marker=marker,
                role=found["role"].strip("…‥・:：=＝ "),
                line_start=line,
                line_end=paragraph.line_at(start + found.end() - 1),
            )
        )
    return entries


def read_legend(paragraphs: Iterable[Paragraph]) -> tuple[LegendEntry, ...]:
    """The first legend in the document: a bracketed key anywhere, or a legend-only paragraph."""
    for paragraph in paragraphs:
        found = LEGEND_BLOCK.search(paragraph.text)
        if found:
            entries = legend_entries(paragraph, found.start("body"), found.end("body"))
            if entries:
                return tuple(entries)
        if is_legend_text(paragraph.text):
            return tuple(legend_entries(paragraph))
    return ()

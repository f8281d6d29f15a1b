"""The legend scheme: a key such as ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``
says what each paragraph's marker means; speakers are roles, not names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from minutes_cli import codes
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.markers import (
    LEGEND_BLOCK,
    LEGEND_ENTRY,
    MARKER_START,
    LegendSpan,
    canonical_marker,
    is_legend_intro,
    legend_spans,
    may_hold_legend_entry,
)
from minutes_cli.kinds import Attribution, SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.prefix import office_prefix
from minutes_cli.parse.tokens import Line, Opened, Start


@dataclass(frozen=True)
class LegendScheme:
    """``○ 発言`` under a legend: the marker's role from the legend (None if it has none)."""

    legend: tuple[LegendEntry, ...] = ()
    legend_lines: frozenset[int] = frozenset()  # the source lines the legend stands on
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
        if rest == self.roles.get(marker) or legend_spans(text) is not None:
            return None  # the legend itself (``◎ 会長`` under 【凡例】): no one speaks
        role = self.roles.get(marker)
        via: Attribution = "legend" if role else "marker"
        return Start(marker, role, None, None, None, None, rest, found.start("marker") + 1, via)

    def unread(self, text: str) -> Unread | None:
        """An office before a colon (``事務局：…``) is a label this document does not read."""
        return "label" if office_prefix(text) else None

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


class Legend(NamedTuple):
    """The legend read from a document: its entries and the lines it stands on."""

    entries: tuple[LegendEntry, ...]
    lines: frozenset[int]


def read_legend(lines: Sequence[Line]) -> Legend:
    """The first legend in the document: a line (or a run of lines) that is nothing but a
    legend, introduced (``【凡例】``, ``発言者``) or not; else a bracketed key inside a line
    (a heading's remark: ``３ 議事 ＜以下、質疑応答 【◎…議長 ○…委員】＞``)."""
    for index, line in enumerate(lines):
        text = line.text
        read = legend_spans(text)
        if read is not None or is_legend_intro(text):
            spans = read[0] if read is not None else []
            found = [(line, span) for span in spans]
            intro = frozenset() if spans else frozenset({line.number})
            # Under an introduction alone on its line (【凡例】), entries need no separator;
            # after a legend line, only more legend lines continue it.
            for following in lines[index + 1 :]:
                more = legend_spans(following.text, after_intro=not spans)
                if more is None:
                    break
                found += [(following, span) for span in more[0]]
            if found:
                legend = _legend(found)
                return legend._replace(lines=legend.lines | intro)
            continue
        block = LEGEND_BLOCK.search(text) if may_hold_legend_entry(text) else None
        if block:
            body = text[block.start("body") : block.end("body")]
            found = [
                (line, LegendSpan(m["marker"], m["role"], m.start() + block.start("body"), 0))
                for m in LEGEND_ENTRY.finditer(body)
            ]
            if found:  # the line is more than the legend: it stays what it is
                return _legend(found)._replace(lines=frozenset())
    return Legend((), frozenset())


def _legend(found: Sequence[tuple[Line, LegendSpan]]) -> Legend:
    """The entries, one per marker (the first), and the lines they stand on."""
    entries: list[LegendEntry] = []
    seen: set[str] = set()
    for line, span in found:
        marker = canonical_marker(span.marker)
        if marker in seen:
            continue
        seen.add(marker)
        role = span.role.strip("…‥・:：=＝ ")
        entries.append(
            LegendEntry(marker=marker, role=role, line_start=line.number, line_end=line.number)
        )
    return Legend(tuple(entries), frozenset(line.number for line, _ in found))

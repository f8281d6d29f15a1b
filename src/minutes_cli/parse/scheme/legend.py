"""The legend scheme: a key such as ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``
says what each paragraph's marker means; speakers are roles, not names, unless a marker is
followed by an assembly label that names one (``◎議長（山田太郎君）``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

import regex

from minutes_cli import codes
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.labels import NOT_A_SPEAKER, is_marked_heading
from minutes_cli.grammar.markers import (
    ENTRY_NAME,
    LEGEND_BLOCK,
    LEGEND_ENTRY,
    LEGEND_ENTRY_BARE,
    MARKER_START,
    ROLE_QUALIFIERS,
    LegendSpan,
    canonical_marker,
    entry_line,
    is_legend_intro,
    legend_spans,
    may_hold_legend_entry,
    names_post,
)
from minutes_cli.grammar.offices import split_label
from minutes_cli.grammar.text import SENTENCE_ENDERS
from minutes_cli.kinds import Attribution, SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.assembly import parse_label
from minutes_cli.parse.scheme.prefix import office_prefix
from minutes_cli.parse.tokens import Line, Opened, Start


@dataclass(frozen=True)
class LegendScheme:
    """``○ 発言`` under a legend: the marker's role from the legend (None if it has none).

    ``spaced``: the document sets its speech apart from the marker (``○ 質問です。``), so
    a marked word glued to its marker with no sentence (``○意見交換``) is a heading."""

    legend: tuple[LegendEntry, ...] = ()
    legend_lines: frozenset[int] = frozenset()  # the source lines the legend stands on
    spaced: bool = False
    #: marker -> (role, speaker) for the entries that name a person (``○…鈴木委員``)
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
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
        if self._is_legend(text, marker, rest) or self._heading(text, found, marker):
            return None
        column = found.start("marker") + 1
        label = _bracketed_label(rest, marker, column) if self.legend else None
        if label is not None:  # ◎議長（山田太郎君）　…: the label names the speaker
            return label
        role = self.roles.get(marker)
        via: Attribution = "legend" if role else "marker"
        role, speaker = self.people.get(marker, (role, None))
        return Start(marker, role, speaker, None, None, None, rest, column, via)

    def _is_legend(self, text: str, marker: str, rest: str) -> bool:
        """The legend itself (``◎ 会長`` under 【凡例】, ``◎会長　○委員``): no one speaks. A
        line whose entries all say what this legend says is the legend, bare or not."""
        if rest == self.roles.get(marker) or legend_spans(text) is not None:
            return True
        first = LEGEND_ENTRY_BARE.match(text.lstrip())
        if first is None or self.roles.get(marker) != first["role"].strip("…‥・:：=＝ "):
            return False  # the cheap test: the first entry must be one of this legend's
        read = legend_spans(text, after_intro=True)
        return read is not None and all(
            self.roles.get(canonical_marker(span.marker)) == span.role for span in read[0]
        )

    def _heading(self, text: str, found: regex.Match[str], marker: str) -> bool:
        """A marked heading, no one's turn: a header heading glued to its marker
        (``○出席委員　１０名``), or one word with no sentence glued to it in a document that
        spaces its speech (``○意見交換``) or under a sign the legend does not have
        (``■議事概要``)."""
        if not self.legend:
            return False
        rest = text[found.end() :].strip()
        if not rest or rest[:1] in _SEPARATORS or any(mark in rest for mark in SENTENCE_ENDERS):
            return False  # ◎：議長 is a legend's entry; ○ 質問です。 a sentence
        glued = found.end() == found.end("marker")
        if glued and NOT_A_SPEAKER.match(rest):
            return True
        if not is_marked_heading(rest) or len(rest.split(maxsplit=1)) != 1:
            return False
        return (glued and self.spaced) or marker not in self.roles

    def unread(self, text: str) -> Unread | None:
        """An office before a colon (``事務局：…``) is a label this document does not read;
        a marked heading (``○意見交換``) is nobody's."""
        found = MARKER_START.match(text)
        if found is not None and self._heading(text, found, canonical_marker(found["marker"])):
            return "heading"
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
                if start.via == "marker"  # not ○２２番（小林誠一議員）: a label names them
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


_SEPARATORS = "…‥:：=＝・"


class Legend(NamedTuple):
    """The legend read from a document: its entries and the lines it stands on."""

    entries: tuple[LegendEntry, ...]
    lines: frozenset[int]


def legend_scheme(legend: Legend, lines: Sequence[Line]) -> LegendScheme:
    """The scheme of a document read by its markers: the legend, and whether the marked
    sentences set the speech apart from the marker (``○ 質問です。``) more often than not."""
    spaced = glued = 0
    for line in lines:
        found = MARKER_START.match(line.text)
        if found is None or line.number in legend.lines:
            continue
        if any(mark in line.text for mark in SENTENCE_ENDERS):
            if found.end() > found.end("marker"):
                spaced += 1
            else:
                glued += 1
    people = {
        entry.marker: person
        for entry in legend.entries
        if (person := _person(entry.role, lines, legend.lines)) is not None
    }
    return LegendScheme(legend.entries, legend.lines, spaced > glued, people)


def _person(
    role: str, lines: Sequence[Line], legend_lines: frozenset[int]
) -> tuple[str, str] | None:
    """``(委員, 鈴木)`` for an entry that names a person by name and post (``○…鈴木委員``):
    the name is a few ideographs that qualify no post (not 公募 of 公募委員), and the
    document names them so outside its legend too (``鈴木委員、お願いします。``)."""
    parts = split_label(role)
    name, post = parts.name, parts.role
    if name is None or post is None or parts.seat is not None or parts.honorific is not None:
        return None
    if not ENTRY_NAME.match(name) or name in ROLE_QUALIFIERS:
        return None
    if not any(role in line.text for line in lines if line.number not in legend_lines):
        return None
    return post, name


def read_legend(lines: Sequence[Line]) -> Legend:
    """The first legend in the document: a line (or a run of lines) that is nothing but a
    legend, introduced (``【凡例】``, ``発言者``) or not; else a bracketed key inside a line
    (a heading's remark: ``３ 議事 ＜以下、質疑応答 【◎…議長 ○…委員】＞``). Before the first
    marked line, lines of one entry each (``◎ 会長`` / ``○ 委員``, ``◎：議長`` / ``○：委員``)
    are a legend when they follow one another, each under a new marker, two or more of
    them naming a post."""
    marked = False  # a marked line came before: lone entries are no longer a legend
    for index, line in enumerate(lines):
        text = line.text
        read = legend_spans(text)
        if read is not None or is_legend_intro(text):
            spans = read[0] if read is not None else []
            found = [(line, span) for span in spans]
            intro = frozenset() if spans else frozenset({line.number})
            found += _more(lines[index + 1 :], found, after_intro=not spans)
            if found:
                legend = _legend(found)
                return legend._replace(lines=legend.lines | intro)
            continue
        if not marked and entry_line(text) is not None:
            found = _more(lines[index:], [], after_intro=False)
            # two posts at least: ``○：了解`` / ``◎：はい`` are short turns, not a key
            if sum(names_post(span) for _, span in found) >= 2:
                return _legend(found)
        marked = marked or MARKER_START.match(text) is not None
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


def _more(
    lines: Sequence[Line], found: Sequence[tuple[Line, LegendSpan]], after_intro: bool
) -> list[tuple[Line, LegendSpan]]:
    """The legend lines that follow, up to the first that is none or that names a marker
    already defined (``◎ 異議はありませんか`` after ``◎ 会長``: a turn, not an entry). Under
    an introduction alone on its line (【凡例】), entries need no separator; a line of one
    entry (``○：委員``) continues a legend too."""
    more: list[tuple[Line, LegendSpan]] = []
    seen = {canonical_marker(span.marker) for _, span in found}
    for line in lines:
        read = legend_spans(line.text, after_intro=after_intro)
        lone = entry_line(line.text) if read is None else None
        spans = read[0] if read is not None else [lone] if lone is not None else []
        markers = [canonical_marker(span.marker) for span in spans]
        if not spans or seen.intersection(markers) or len(set(markers)) < len(markers):
            break
        seen.update(markers)
        more += [(line, span) for span in spans]
    return more


def _bracketed_label(rest: str, marker: str, column: int) -> Start | None:
    """A bracketed assembly label after the marker, set apart from the speech
    (``議長（山田太郎君）　開会します。``): the name it gives is the speaker's."""
    bracket = rest.find("（", 0, 24)
    if bracket < 0:
        bracket = rest.find("(", 0, 24)
    if bracket < 0:
        return None
    label = parse_label(rest)
    if label is None or label.shape != "bracketed" or not label.spaced or not label.speaker:
        return None
    speaker, honorific, seat = label.speaker, label.honorific, label.seat
    via: Attribution = "assembly-label"
    return Start(marker, label.role, speaker, honorific, seat, label.label, label.rest, column, via)


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

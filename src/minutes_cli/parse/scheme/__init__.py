"""The scheme stage: how this document marks its speakers, decided once from the lines.

* ``legend``   — a key such as ``【◎…議長 ○…委員】`` maps markers to roles (:mod:`.legend`);
* ``assembly`` — ``○議長（清野一榮議員）　…``: the marker is followed by a label (:mod:`.assembly`);
* ``prefix``   — ``WH: …`` / ``nurse: …`` / ``委員長：…`` (:mod:`.prefix`);
* ``none``     — no speaker turns (:mod:`.none`).

Every scheme is one class behind the small :class:`Scheme` protocol; the later stages ask
it, never its name, what a line is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.labels import NOT_A_SPEAKER
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.text import SENTENCE_ENDERS
from minutes_cli.kinds import SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.assembly import AssemblyScheme, parse_label
from minutes_cli.parse.scheme.legend import LegendScheme, read_legend
from minutes_cli.parse.scheme.none import NoScheme
from minutes_cli.parse.scheme.prefix import PrefixScheme, surveyed
from minutes_cli.parse.tokens import Line, Opened, Start

__all__ = ["AssemblyScheme", "LegendScheme", "NoScheme", "PrefixScheme", "Scheme", "run"]


class Scheme(Protocol):
    """What the stages ask of a speaker scheme."""

    @property
    def name(self) -> SchemeName:
        """The record's ``scheme``."""

    @property
    def legend(self) -> tuple[LegendEntry, ...]:
        """The speaker legend (the record's ``speakers``); empty but for ``legend``."""

    @property
    def legend_lines(self) -> frozenset[int]:
        """The source lines the legend stands on (never a turn; notes of kind ``legend``)."""

    @property
    def verbatim(self) -> bool:
        """A verbatim record (会議録): the header runs to the first speaker, the agenda
        items are the sections when there are no headings, and a marked line that opens
        no turn (``○議事日程``) is a remark, not more of the last speech."""

    def start(self, text: str) -> Start | None:
        """The turn that a line or paragraph opens, if it opens one."""

    def unread(self, text: str) -> Unread | None:
        """For a paragraph that opens no turn: whether it looks as if it did (a marked
        heading, or a label this document does not read); None for plain text."""

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """The lines, cut where a turn begins inside one (PDF text glues turns)."""

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        """What this scheme has to say about the turns it opened (e.g. unknown markers)."""


def run(lines: Sequence[Line], forced: SchemeName | None = None) -> Scheme:
    """The scheme that explains the document's speaker lines best, or the ``forced`` one."""
    if forced == "assembly":
        return AssemblyScheme()
    if forced == "none":
        return NoScheme()

    # Each test only as far as the decision needs it: a legend settles it at once.
    # Only lines where a marker meets a separator can hold a key: the others are not even
    # made into paragraphs.
    legend = read_legend(lines)
    if forced == "legend" or (legend.entries and forced is None):
        return LegendScheme(legend.entries, legend.lines)
    texts = [line.text.strip() for line in lines]
    by_prefix, prefixed = surveyed(texts)
    if forced == "prefix":
        return by_prefix
    marker_lines = [t for t in texts if MARKER_START.match(t) and not event_kind(t)]
    labels = [label for t in marker_lines if (label := parse_label(t[1:])) is not None]
    # The header's marked headings (○出席議員, ○議事日程) say nothing of how speakers are
    # marked: a sitting of two speeches after a long roster is read by its two labels.
    speaking = [t for t in marker_lines if not _marked_heading(t)]
    if labels and len(labels) >= 0.5 * len(speaking):
        return AssemblyScheme(names=any(label.spaced for label in labels))
    if prefixed >= 2 and prefixed > len(marker_lines):
        return by_prefix
    if marker_lines:
        return LegendScheme(legend.entries, legend.lines)  # markers without a key: diagnosed
    return NoScheme()


def _marked_heading(text: str) -> bool:
    """``○出席議員（８名）``, ``○職務のため出席した者の職氏名``: a marked line that is a header
    heading, one word without the end of a sentence, or one of the known ones."""
    after = text[1:].strip()
    if NOT_A_SPEAKER.match(after):
        return True
    return len(after.split(maxsplit=1)) == 1 and not any(mark in after for mark in SENTENCE_ENDERS)

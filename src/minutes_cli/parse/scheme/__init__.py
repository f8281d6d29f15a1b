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
from functools import lru_cache
from typing import Protocol

from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.labels import is_marked_heading
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.kinds import SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.assembly import AssemblyScheme, parse_label
from minutes_cli.parse.scheme.legend import LegendScheme, legend_scheme, read_legend
from minutes_cli.parse.scheme.mixed import Delegating, Mixed, Rival
from minutes_cli.parse.scheme.none import NoScheme
from minutes_cli.parse.scheme.prefix import PrefixScheme, surveyed
from minutes_cli.parse.tokens import Line, Opened, Start

__all__ = [
    "AssemblyScheme",
    "LegendScheme",
    "Mixed",
    "NoScheme",
    "PrefixScheme",
    "Remembered",
    "Scheme",
    "run",
]


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
    return Remembered(_choose(lines, forced))


#: Texts whose ``start`` a :class:`Remembered` scheme keeps: the stages ask of a line, then
#: of the paragraph it begins, then again when the paragraph opens its turn, in a row.
REMEMBERED = 64


class Remembered(Delegating):
    """*scheme*, whose ``start`` is asked once per text: the stages ask it of each line
    and of each paragraph, and the turn stage twice (to classify a paragraph, then to open
    its turn), and it is the costliest question a scheme answers. A bounded cache (a pure
    function of the text: a scheme is decided once, then never changes)."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self._start = lru_cache(maxsize=REMEMBERED)(scheme.start)

    def start(self, text: str) -> Start | None:
        return self._start(text)


def _choose(lines: Sequence[Line], forced: SchemeName | None) -> Scheme:
    if forced == "assembly":
        return AssemblyScheme()
    if forced == "none":
        return NoScheme()

    # Each test only as far as the decision needs it: a legend settles it at once.
    # Only lines where a marker meets a separator can hold a key: the others are not even
    # made into paragraphs.
    legend = read_legend(lines)
    if forced == "legend" or (legend.entries and forced is None):
        return legend_scheme(legend, lines)
    texts = [line.text.strip() for line in lines]
    by_prefix, prefixed = surveyed(texts, [line.gap for line in lines])
    if forced == "prefix":
        return by_prefix
    marked = [i for i, t in enumerate(texts) if MARKER_START.match(t) and not event_kind(t)]
    labelled = [i for i in marked if parse_label(texts[i][1:]) is not None]
    # The header's marked headings (○出席議員, ○議事日程) say nothing of how speakers are
    # marked: a sitting of two speeches after a long roster is read by its two labels.
    speaking = [i for i in marked if not is_marked_heading(texts[i][1:])]
    unlabelled = [i for i in speaking if i not in set(labelled)]
    # Another convention is said to be there when it would open two turns or more: one
    # line of it is a line the scheme chosen keeps as a note with M105 anyway.
    prefix_rival = _prefix_rival(by_prefix, lines, texts) if prefixed >= 2 else None
    if labelled and len(labelled) >= 0.5 * len(speaking):
        chosen: Scheme = AssemblyScheme.of(
            [label for i in labelled if (label := parse_label(texts[i][1:]))]
        )
        unlabelled = [i for i in unlabelled if chosen.start(texts[i]) is None]
        if len(unlabelled) >= 2:
            said = f"{len(unlabelled)} marked lines with no label are kept as notes"
            return Mixed(chosen, Rival(said, lines[unlabelled[0]].number), "assembly labels")
        return _with(chosen, prefix_rival, "assembly labels")
    if prefixed >= 2 and prefixed > len(marked):
        if len(speaking) >= 2:
            said = f"{len(speaking)} marked lines (○ …) are kept as notes"
            rival = Rival(said, lines[speaking[0]].number, _marked_speech)
            return Mixed(by_prefix, rival, "'Name:' labels")
        return by_prefix
    if marked:
        chosen = legend_scheme(legend, lines)  # markers without a key: diagnosed
        if len(labelled) >= 2:
            said = f"{len(labelled)} marked lines have a speaker's label, left in their text"
            return Mixed(chosen, Rival(said, lines[labelled[0]].number), "markers")
        return _with(chosen, prefix_rival, "markers")
    return NoScheme()


def _prefix_rival(by_prefix: PrefixScheme, lines: Sequence[Line], texts: list[str]) -> Rival | None:
    """The ``Name:`` lines of a document read by its markers, if two or more open a turn."""
    opened = [i for i, text in enumerate(texts) if by_prefix.start(text) is not None]
    if len(opened) < 2:
        return None
    said = f"{len(opened)} lines with a 'Name:' label are kept as notes"
    return Rival(said, lines[opened[0]].number, lambda text: by_prefix.start(text) is not None)


def _with(scheme: Scheme, rival: Rival | None, read_as: str) -> Scheme:
    return scheme if rival is None else Mixed(scheme, rival, read_as)


def _marked_speech(text: str) -> bool:
    """A marked paragraph that is no heading: a turn of the marker convention."""
    stripped = text.strip()
    return bool(MARKER_START.match(stripped)) and not is_marked_heading(stripped[1:])

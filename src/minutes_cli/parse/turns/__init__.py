"""The turns stage: body paragraphs into utterances, events and notes.

Each paragraph is classified by the first entry of :data:`PARAGRAPH_KINDS` that holds,
and :class:`Turns` has one method per kind. A turn runs from its speaker's label to the
next speaker, heading or note: plain paragraphs after it are more of the same speech,
and events inside it (a floor voice, a rule line) are kept in the utterance's ``events``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple, TypeVar

from minutes_cli import codes
from minutes_cli.grammar.blocks import (
    BRACKET_LINE,
    BULLET_START,
    END_MARK,
    END_MARK_INDENT,
    LIST_INTRO,
)
from minutes_cli.grammar.events import CLOSING, SIGNATURE, event_kind
from minutes_cli.grammar.markers import is_legend_text
from minutes_cli.grammar.prefixes import is_remark
from minutes_cli.kinds import NoteKind, ParagraphKind
from minutes_cli.models import Diagnostic, Event, Note, Utterance
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.sections import Located, SectionTree
from minutes_cli.parse.tokens import Opened, Paragraph, Start
from minutes_cli.parse.turns.said import clean, event_of, materials, opening_event, voices

T = TypeVar("T")


class Tokenized(NamedTuple):
    """What the turns stage made of the body paragraphs."""

    utterances: tuple[Utterance, ...]
    notes: tuple[Note, ...]
    diagnostics: tuple[Diagnostic, ...]


def run(
    body: list[Paragraph],
    scheme: Scheme,
    tree: SectionTree,
    shared: frozenset[int] = frozenset(),
) -> Tokenized:
    """Turn the body paragraphs (no header, no headings) into utterances and notes.

    ``body`` is emptied as it goes, so each paragraph is freed once its records exist
    (a large document's paragraphs are a good part of its memory). ``shared`` are source
    lines cut into several pieces: records that begin or end on them say at which column.
    """
    turns = Turns(scheme, tree, shared)
    for paragraph in _consume(body):
        turns.feed(paragraph)
    return turns.finish()


def _consume(items: list[T]) -> Iterator[T]:
    """Yield the items of ``items`` in order, emptying it as it goes."""
    items.reverse()
    while items:
        yield items.pop()


#: Paragraph kinds, checked in order; the first predicate that holds names the kind.
PARAGRAPH_KINDS: tuple[tuple[ParagraphKind, Callable[[Paragraph, Scheme], bool]], ...] = (
    ("legend", lambda p, s: p.line_start in s.legend_lines or is_legend_text(p.text)),
    ("event", lambda p, s: event_kind(p.text) is not None),
    ("utterance", lambda p, s: s.start(p.text) is not None),
    ("bullet", lambda p, s: bool(BULLET_START.match(p.text))),
    ("bracket", lambda p, s: bool(BRACKET_LINE.match(p.text))),
    ("remark", lambda p, s: is_remark(p.text) or _end_mark(p)),
    # ○議事日程 in a verbatim record, a label this document does not read: not more of the
    # last speech
    ("marked", lambda p, s: s.unread(p.text) is not None),
    ("text", lambda p, s: True),
)


def _end_mark(paragraph: Paragraph) -> bool:
    """``　　　　以上``: the document's end mark, right-aligned on a line of its own."""
    if paragraph.line_start != paragraph.line_end or not END_MARK.match(paragraph.text):
        return False
    return paragraph.column_start > END_MARK_INDENT + 1  # 1-based: column 1 is no indent


def classify(paragraph: Paragraph, scheme: Scheme) -> ParagraphKind:
    """The kind of a body paragraph (see :data:`PARAGRAPH_KINDS`)."""
    for kind, predicate in PARAGRAPH_KINDS:
        if predicate(paragraph, scheme):
            return kind
    raise AssertionError("the last kind matches everything")  # pragma: no cover


@dataclass
class _Turn:
    """An utterance being built: paragraphs are appended until the turn ends."""

    start: Start
    position: tuple[int, int]  # source line and column of the marker or label
    located: Located | None  # the innermost section it is in
    line_start: int
    line_end: int
    column_start: int | None
    column_end: int | None
    texts: list[str]
    events: list[Event] = field(default_factory=list)
    pending: list[Paragraph] = field(default_factory=list)  # events not yet followed by speech
    listing: bool = False  # the last paragraph is an item of a list the speaker announced

    def record(self, seq: int) -> Utterance:
        return Utterance(
            seq=seq,
            marker=self.start.marker,
            role=self.start.role,
            speaker=self.start.speaker,
            honorific=self.start.honorific,
            seat=self.start.seat,
            label=self.start.label,
            attribution=self.start.via,
            section=self.located.id if self.located else None,
            section_title=self.located.title if self.located else None,
            text="\n".join(t for t in self.texts if t),
            line_start=self.line_start,
            line_end=self.line_end,
            column_start=self.column_start,
            column_end=self.column_end,
            events=self.events,
        )


class Turns:
    """Paragraphs in, records out: the open turn, and one method per paragraph kind."""

    def __init__(self, scheme: Scheme, tree: SectionTree, shared: frozenset[int]) -> None:
        self.scheme, self.tree, self.shared = scheme, tree, shared
        self.utterances: list[Utterance] = []
        self.notes: list[Note] = []
        self.diagnostics: list[Diagnostic] = []
        self.opened: list[Opened] = []
        self.turn: _Turn | None = None
        self.closed = False  # after the closing time stamp come signatures, not speech

    def feed(self, paragraph: Paragraph) -> None:
        """Take the next paragraph: more of the open turn, or a record of its own kind."""
        located = self.tree.locate(paragraph.line_start)
        kind = classify(paragraph, self.scheme)
        closing = (
            kind == "event"
            and event_kind(paragraph.text) == "time"
            and bool(CLOSING.search(paragraph.text))
        )
        turn = self.turn
        # The list the speaker announced (意見は次の二点です。): its bullets are the speech.
        listed = kind == "bullet" and turn is not None and (turn.listing or _announces(turn))
        if (
            turn is not None
            and _id(turn.located) == _id(located)
            and (kind in ("event", "text") or listed)
            and not closing
        ):
            if kind == "event":
                turn.pending.append(paragraph)  # speech may follow: then it is inside the turn
            else:
                turn.events.extend(event_of(p) for p in turn.pending)
                turn.pending.clear()
                said, heard = voices(paragraph, clean(paragraph.text))
                turn.events.extend(heard)
                turn.texts.append(said)
                turn.line_end = paragraph.line_end
                turn.column_end = self._columns(paragraph)[1]
                turn.listing = listed
            return
        self.end_turn()
        self.closed = (self.closed or closing) and kind != "utterance"
        HANDLERS[kind](self, paragraph, located)

    def finish(self) -> Tokenized:
        """Close the last turn; the records, and the scheme's diagnostics about its turns."""
        self.end_turn()
        self.notes.sort(key=lambda n: n.line_start)
        diagnostics = [*self.diagnostics, *self.scheme.diagnose(self.opened)]
        return Tokenized(tuple(self.utterances), tuple(self.notes), tuple(diagnostics))

    # --- one method per paragraph kind ---------------------------------------------------

    def utterance(self, paragraph: Paragraph, located: Located | None) -> None:
        """A speaker's label: a new turn opens."""
        start = self.scheme.start(paragraph.text)
        assert start is not None  # classify said so
        line, column = paragraph.position(start.column - 1)
        self.opened.append(Opened(start, line, column, paragraph.line_start))
        rest, events = start.rest, []
        if (opening := opening_event(rest)) is not None:  # ○２５番（仙波憲一）（登壇）　…
            text, kind, rest = opening
            at = paragraph.line_at(max(paragraph.text.find(text), 0))
            events.append(Event(kind=kind, text=text, line_start=at, line_end=at))
        since = paragraph.text.find(rest) if rest else len(paragraph.text)  # past the label
        said, heard = voices(paragraph, clean(rest), max(since, 0))
        self.turn = _Turn(
            start,
            (line, column),
            located,
            paragraph.line_start,
            paragraph.line_end,
            *self._columns(paragraph),
            [said],
            [*events, *heard],
        )

    def event(self, paragraph: Paragraph, located: Located | None) -> None:
        """A floor voice, time stamp or rule outside any turn: a note of that kind."""
        event = event_of(paragraph)
        self._note(paragraph, event.kind, event.text, located)

    def legend(self, paragraph: Paragraph, located: Located | None) -> None:
        """The legend, its lines kept apart as in the header (``◎…会長⏎○…委員``)."""
        offsets = [*paragraph.pieces[::3], len(paragraph.text)]
        lines = [paragraph.text[a:b].strip() for a, b in pairwise(offsets)]
        self._note(paragraph, "legend", clean("\n".join(lines)), located)

    def bullet(self, paragraph: Paragraph, located: Located | None) -> None:
        body = clean(paragraph.text)
        # Classified on the raw text; the tags _clean removes may have taken what followed
        # the bullet (``- <b>``): then it is a plain note.
        bullet = BULLET_START.match(body)
        if bullet is None:
            self._note(paragraph, "text", body, located)
        else:
            self._note(paragraph, "bullet", body[bullet.end() :].strip(), located)

    def bracket(self, paragraph: Paragraph, located: Located | None) -> None:
        self._note(paragraph, "bracket", clean(paragraph.text), located)

    def remark(self, paragraph: Paragraph, located: Located | None) -> None:
        """``Note: …``, ``○議事日程``, the end mark ``以上``: no speaker's; a plain note."""
        self._note(paragraph, "text", clean(paragraph.text), located)

    def marked(self, paragraph: Paragraph, located: Located | None) -> None:
        """A paragraph that looks as if it opened a turn but does not: a note, credited to
        nobody (never more of the last speech). A label this document does not read is
        said in a diagnostic; a marked heading (◎諸般の報告, ○議事日程 第九号) is not."""
        self._note(paragraph, "text", clean(paragraph.text), located)
        if self.scheme.unread(paragraph.text) != "label":
            return
        line, column = paragraph.position(len(paragraph.text) - len(paragraph.text.lstrip()))
        self.diagnostics.append(
            codes.diagnostic(
                codes.UNREAD_LABEL,
                f"{_words(paragraph.text)!r} looks like a speaker's label but is none of this "
                "document's; kept as a note",
                line,
                column,
            )
        )

    def text(self, paragraph: Paragraph, located: Located | None) -> None:
        """Text outside any turn; after the closing, a block of signatures."""
        body = clean(paragraph.text)
        signed = self.closed and all(SIGNATURE.match(line) for line in body.split("\n"))
        self._note(paragraph, "signature" if signed else "text", body, located)

    # --- records ---------------------------------------------------------------------------

    def end_turn(self) -> None:
        """Close the open turn, if any: its utterance, and the events after its last words
        as notes (they belong to nobody's speech)."""
        turn = self.turn
        if turn is None:
            return
        utterance = turn.record(len(self.utterances) + 1)
        self.utterances.append(utterance)
        if not utterance.text and not utterance.events:
            self.diagnostics.append(
                codes.diagnostic(
                    codes.EMPTY_UTTERANCE,
                    f"{utterance.label or utterance.marker!r} is followed by no text",
                    *turn.position,
                )
            )
        for event in turn.pending:
            kind = event_kind(event.text) or "text"
            self._note(event, kind, event.text.strip(), turn.located)
        self.turn = None

    def _note(
        self, paragraph: Paragraph, kind: NoteKind, text: str, located: Located | None
    ) -> None:
        first, last = self._columns(paragraph)
        self.notes.append(
            Note(
                kind=kind,
                section=_id(located),
                text=text,
                materials=materials(paragraph),
                line_start=paragraph.line_start,
                line_end=paragraph.line_end,
                column_start=first,
                column_end=last,
            )
        )

    def _columns(self, paragraph: Paragraph) -> tuple[int | None, int | None]:
        """The columns where a record begins and ends, on lines it shares with another."""
        return (
            paragraph.column_start if paragraph.line_start in self.shared else None,
            paragraph.column_end if paragraph.line_end in self.shared else None,
        )


#: The method of :class:`Turns` for each paragraph kind. (A table of the class's functions,
#: not of bound methods kept on the instance: those would make every instance a reference
#: cycle, and the cycle collector is paused while a document is parsed.)
HANDLERS: dict[ParagraphKind, Callable[[Turns, Paragraph, Located | None], None]] = {
    "legend": Turns.legend,
    "event": Turns.event,
    "utterance": Turns.utterance,
    "bullet": Turns.bullet,
    "bracket": Turns.bracket,
    "remark": Turns.remark,
    "marked": Turns.marked,
    "text": Turns.text,
}


def _announces(turn: _Turn) -> bool:
    """Whether the turn's last words announce a list (``意見は次の二点です。``)."""
    return not turn.pending and bool(LIST_INTRO.search(turn.texts[-1][-40:]))


def _words(text: str, limit: int = 24) -> str:
    """The start of a paragraph, for a message."""
    first = text.strip().split("\n")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _id(located: Located | None) -> str | None:
    return located.id if located else None

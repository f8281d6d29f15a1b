"""Speaker-marker tokenizer: paragraphs into utterances, events and notes.

A document's speaker *scheme* is detected once (:func:`detect_scheme`), or forced:

* ``legend``   — a key such as ``【◎…議長 ○…委員】`` maps markers to roles (:mod:`.legend`);
* ``assembly`` — ``○議長（清野一榮議員）　…``: the marker is followed by a label (:mod:`.assembly`);
* ``prefix``   — ``WH: …`` / ``nurse: …`` / ``委員長：…`` (:mod:`.prefix`);
* ``none``     — no speaker turns.

Each body paragraph is then classified by the first entry of :data:`PARAGRAPH_KINDS`
that matches. A turn runs from its speaker's label to the next speaker, heading or
note: plain paragraphs after it are more of the same speech, and events inside it
(a floor voice, a rule line) are kept in the utterance's ``events``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from minutes_cli import codes, grammar
from minutes_cli.models import Diagnostic, Event, LegendEntry, Material, Note, Utterance
from minutes_cli.normalize import Line, Paragraph
from minutes_cli.sections import SectionTree
from minutes_cli.speakers import assembly, prefix
from minutes_cli.speakers.legend import is_legend_paragraph, read_legend

__all__ = ["SCHEMES", "Scheme", "Tokenized", "detect_scheme", "read_legend", "tokenize"]

SCHEMES = ("legend", "assembly", "prefix", "none")


class Start(NamedTuple):
    """The opening of an utterance: who speaks, and the first words."""

    marker: str
    role: str | None
    speaker: str | None
    honorific: str | None
    seat: int | None
    label: str | None
    rest: str
    column: int  # 1-based column of the marker or label in the paragraph's first line


@dataclass(frozen=True)
class Scheme:
    """A detected speaker scheme and what it needs to recognise a speaker."""

    name: str
    legend: tuple[LegendEntry, ...] = ()
    labels: frozenset[str] = frozenset()  # prefix scheme: labels used as speakers
    initials: dict[str, str] = field(default_factory=dict)  # prefix scheme: WH -> name
    roles: dict[str, str] = field(init=False)  # legend scheme: marker -> role

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", {entry.marker: entry.role for entry in self.legend})

    def start(self, text: str) -> Start | None:
        """The utterance that ``text`` opens under this scheme, if any."""
        # Each scheme's own test first: most lines fail it, and then the event test
        # (an event is never an utterance) need not run.
        if self.name in ("legend", "assembly"):
            found = grammar.MARKER_START.match(text)
            if not found or grammar.event_kind(text.strip()):
                return None
            marker = grammar.canonical_marker(found["marker"])
            column = found.start("marker") + 1
            if self.name == "assembly":
                label = assembly.parse_label(text[found.end() :])
                if label is None:
                    return None
                return Start(
                    marker,
                    label.role,
                    label.speaker,
                    label.honorific,
                    label.seat,
                    label.label,
                    label.rest,
                    column,
                )
            return Start(
                marker,
                self.roles.get(marker),
                None,
                None,
                None,
                None,
                text[found.end() :].strip(),
                column,
            )
        if self.name == "prefix":
            found_prefix = prefix.find_prefix(text)
            if (
                found_prefix is None
                or found_prefix.label not in self.labels
                or grammar.event_kind(text.strip())
            ):
                return None
            indent = len(text) - len(text.lstrip())
            speaker = self.initials.get(found_prefix.label, found_prefix.label)
            role = (
                found_prefix.label
                if found_prefix.shape in ("qa", "bracketed", "paren", "japanese")
                else None
            )
            return Start(
                "",
                role,
                speaker if role is None else None,
                None,
                None,
                found_prefix.label,
                found_prefix.rest,
                indent + 1,
            )
        return None


def detect_scheme(lines: Sequence[Line], forced: str | None = None) -> Scheme:
    """Pick the speaker scheme that explains the document's speaker lines best."""
    forced = forced or None  # "" is auto, as it always was
    if forced is not None and forced not in SCHEMES:
        raise ValueError(f"unknown speaker scheme {forced!r}; use one of {', '.join(SCHEMES)}")
    if forced in ("assembly", "none"):
        return Scheme(forced)
    # Each test only as far as the decision needs it: a legend settles it at once.
    # Only lines where a marker meets a separator can hold a key: the others are not even
    # made into paragraphs.
    legend = read_legend(
        Paragraph.of_line(line) for line in lines if grammar.may_hold_legend_entry(line.text)
    )
    if forced == "legend" or (legend and forced is None):
        return Scheme("legend", legend)
    texts = [line.text.strip() for line in lines]
    initials = prefix.initials_legend("\n".join(texts[:40]))
    labels, prefixed = prefix.survey(texts, initials)
    by_prefix = Scheme("prefix", labels=labels | frozenset(initials), initials=initials)
    if forced == "prefix":
        return by_prefix
    marker_lines = [t for t in texts if grammar.MARKER_START.match(t) and not grammar.event_kind(t)]
    labelled = [t for t in marker_lines if assembly.parse_label(t[1:]) is not None]
    if labelled and len(labelled) >= 0.5 * len(marker_lines):
        return Scheme("assembly")
    if prefixed >= 3 and prefixed > len(marker_lines):
        return by_prefix
    if marker_lines:
        return Scheme("legend", legend)  # markers without a key: kept, with a diagnostic
    return Scheme("none")


class Tokenized(NamedTuple):
    """What the tokenizer made of the body paragraphs."""

    utterances: tuple[Utterance, ...]
    notes: tuple[Note, ...]
    diagnostics: tuple[Diagnostic, ...]


def classify(paragraph: Paragraph, scheme: Scheme) -> str:
    """The kind of a body paragraph (see :data:`PARAGRAPH_KINDS`)."""
    for kind, predicate in PARAGRAPH_KINDS:
        if predicate(paragraph, scheme):
            return kind
    raise AssertionError("the last kind matches everything")  # pragma: no cover


#: Paragraph kinds, checked in order; the first predicate that holds names the kind.
PARAGRAPH_KINDS: tuple[tuple[str, Callable[[Paragraph, Scheme], bool]], ...] = (
    ("legend", lambda p, s: is_legend_paragraph(p)),
    ("event", lambda p, s: grammar.event_kind(p.text) is not None),
    ("utterance", lambda p, s: s.start(p.text) is not None),
    ("bullet", lambda p, s: bool(grammar.BULLET_START.match(p.text))),
    ("bracket", lambda p, s: bool(grammar.BRACKET_LINE.match(p.text))),
    ("remark", lambda p, s: prefix.is_remark(p.text)),
    # ○議事日程, ○小委員長の互選 in the body: a marked heading, not more of the last speech
    ("remark", lambda p, s: s.name == "assembly" and bool(grammar.MARKER_START.match(p.text))),
    ("text", lambda p, s: True),
)


def materials(paragraph: Paragraph) -> list[Material]:
    """Handouts named in the paragraph: ``資料１ 第２期…の全体像``."""
    found: list[Material] = []
    if "資料" not in paragraph.text:  # what every reference starts with: skip the scan
        return found
    for match in grammar.MATERIAL_REF.finditer(paragraph.text):
        title = match["title"].strip().rstrip("と、，,").strip() or None
        found.append(
            Material(
                id=match["id"].replace(" ", ""), title=title, line=paragraph.line_at(match.start())
            )
        )
    return found


@dataclass
class _Turn:
    """An utterance being built: paragraphs are appended until the turn ends."""

    start: Start
    position: tuple[int, int]  # source line and column of the marker or label
    section: str | None
    section_title: str | None
    line_start: int
    line_end: int
    column_start: int | None
    column_end: int | None
    texts: list[str]
    events: list[Event] = field(default_factory=list)
    pending: list[Paragraph] = field(default_factory=list)  # events not yet followed by speech

    def record(self, seq: int) -> Utterance:
        return Utterance(
            seq=seq,
            marker=self.start.marker,
            role=self.start.role,
            speaker=self.start.speaker,
            honorific=self.start.honorific,
            seat=self.start.seat,
            label=self.start.label,
            section=self.section,
            section_title=self.section_title,
            text="\n".join(t for t in self.texts if t),
            line_start=self.line_start,
            line_end=self.line_end,
            column_start=self.column_start,
            column_end=self.column_end,
            events=self.events,
        )


def _clean(text: str) -> str:
    """Record text: leftover inline HTML tags (``<span lang="ja">``) removed."""
    if "<" not in text:  # every tag starts with one: skip the scan
        return text.strip()
    return grammar.INLINE_TAG.sub("", text).strip()


def _event(paragraph: Paragraph) -> Event:
    return Event(
        kind=grammar.event_kind(paragraph.text),  # type: ignore[arg-type]  # EVENTS names
        text=paragraph.text.strip(),
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
    )


def tokenize(
    paragraphs: Iterable[Paragraph],
    scheme: Scheme,
    tree: SectionTree,
    shared: frozenset[int] = frozenset(),
) -> Tokenized:
    """Turn body paragraphs (no header, no headings) into utterances and notes.

    ``shared`` are source lines cut into several pieces (turns glued together in PDF
    text): records that begin or end on them say at which column.
    """

    def columns(paragraph: Paragraph) -> tuple[int | None, int | None]:
        return (
            paragraph.column_start if paragraph.line_start in shared else None,
            paragraph.column_end if paragraph.line_end in shared else None,
        )

    legend = scheme.legend
    legend_text = " ".join(f"{entry.marker}…{entry.role}" for entry in legend)
    utterances: list[Utterance] = []
    notes: list[Note] = []
    diagnostics: list[Diagnostic] = []
    turn: _Turn | None = None
    used: set[str] = set()
    closed = False  # after the closing time stamp come signatures, not speech

    def note(paragraph: Paragraph, kind: str, text: str, section: str | None) -> None:
        notes.append(
            Note(
                kind=kind,  # type: ignore[arg-type]  # kinds come from PARAGRAPH_KINDS/EVENTS
                section=section,
                text=text,
                materials=materials(paragraph),
                line_start=paragraph.line_start,
                line_end=paragraph.line_end,
                column_start=columns(paragraph)[0],
                column_end=columns(paragraph)[1],
            )
        )

    def end_turn() -> None:
        nonlocal turn
        if turn is None:
            return
        utterance = turn.record(len(utterances) + 1)
        utterances.append(utterance)
        if not utterance.text and not utterance.events:
            diagnostics.append(
                codes.diagnostic(
                    codes.EMPTY_UTTERANCE,
                    f"{utterance.label or utterance.marker!r} is followed by no text",
                    *turn.position,
                )
            )
        for event in turn.pending:  # events after the last words belong to nobody's speech
            note(event, grammar.event_kind(event.text) or "text", event.text.strip(), turn.section)
        turn = None

    for paragraph in paragraphs:
        located = tree.locate(paragraph.line_start)
        section = located.id if located else None
        kind = classify(paragraph, scheme)
        closing = (
            kind == "event"
            and grammar.event_kind(paragraph.text) == "time"
            and bool(grammar.CLOSING.search(paragraph.text))
        )
        if (
            turn is not None
            and turn.section == section
            and kind in ("event", "text")
            and not closing
        ):
            if kind == "event":
                turn.pending.append(paragraph)
            else:
                turn.events.extend(_event(p) for p in turn.pending)
                turn.pending.clear()
                turn.texts.append(_clean(paragraph.text))
                turn.line_end = paragraph.line_end
                turn.column_end = columns(paragraph)[1]
            continue
        end_turn()
        closed = (closed or closing) and kind != "utterance"
        if kind == "utterance":
            start = scheme.start(paragraph.text)
            assert start is not None
            line, column = paragraph.position(start.column - 1)
            used.add(start.marker)
            if scheme.name == "legend" and start.role is None and legend:
                diagnostics.append(
                    codes.diagnostic(
                        codes.UNKNOWN_MARKER,
                        f"marker {start.marker!r} is not in the legend ({legend_text}); "
                        "kept without a role",
                        line,
                        column,
                    )
                )
            turn = _Turn(
                start,
                (line, column),
                section,
                located.title if located else None,
                paragraph.line_start,
                paragraph.line_end,
                *columns(paragraph),
                [_clean(start.rest)],
            )
            if grammar.event_kind(start.rest) == "reading":  # ○事務局長（名前）　（朗読）
                turn.texts = []
                turn.events.append(
                    Event(kind="reading", text=start.rest, line_start=line, line_end=line)
                )
            continue
        if kind == "event":
            event = _event(paragraph)
            note(paragraph, event.kind, event.text, section)
            continue
        body = _clean(paragraph.text)
        if (
            closed
            and kind == "text"
            and all(grammar.SIGNATURE.match(line) for line in body.split("\n"))
        ):
            kind = "signature"
        if kind == "bullet":
            # Classified on the raw text; the tags _clean removes may have taken what
            # followed the bullet (``- <b>``): then it is a plain note.
            bullet = grammar.BULLET_START.match(body)
            if bullet is None:
                kind = "text"
            else:
                body = body[bullet.end() :].strip()
        note(paragraph, "text" if kind == "remark" else kind, body, section)
    end_turn()
    notes.sort(key=lambda n: n.line_start)

    if scheme.name == "legend":
        if used and not legend:
            diagnostics.append(
                codes.diagnostic(
                    codes.NO_LEGEND,
                    f"speaker markers ({' '.join(sorted(used))}) are used but there is no legend",
                    utterances[0].line_start,
                )
            )
        for entry in legend:
            if entry.marker not in used:
                diagnostics.append(
                    codes.diagnostic(
                        codes.UNUSED_LEGEND_ENTRY,
                        f"legend entry {entry.marker}…{entry.role} is never used",
                        entry.line_start,
                    )
                )
    return Tokenized(tuple(utterances), tuple(notes), tuple(diagnostics))

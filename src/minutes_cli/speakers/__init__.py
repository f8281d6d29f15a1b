"""Speaker-marker tokenizer: paragraphs into utterances and notes.

Each paragraph is classified by the first entry of :data:`PARAGRAPH_KINDS` that
matches. A paragraph that opens with a marker is an utterance; plain text right
after an utterance, in the same section, is more of what that speaker said (a
speaker's turn runs until the next marker, heading or note). The speaker schemes
(what a marker means) live one per module: :mod:`.legend` for now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from minutes_cli import codes, grammar
from minutes_cli.models import Diagnostic, LegendEntry, Material, Note, Utterance
from minutes_cli.normalize import Paragraph
from minutes_cli.sections import SectionTree
from minutes_cli.speakers.legend import is_legend_paragraph, read_legend

__all__ = ["PARAGRAPH_KINDS", "Tokenized", "read_legend", "tokenize"]


class Tokenized(NamedTuple):
    """What the tokenizer made of the body paragraphs."""

    utterances: tuple[Utterance, ...]
    notes: tuple[Note, ...]
    diagnostics: tuple[Diagnostic, ...]


#: Paragraph kinds, checked in order; the first predicate that holds names the kind.
PARAGRAPH_KINDS: tuple[tuple[str, Callable[[Paragraph], bool]], ...] = (
    ("legend", is_legend_paragraph),
    ("utterance", lambda p: bool(grammar.MARKER_START.match(p.text))),
    ("bullet", lambda p: bool(grammar.BULLET_START.match(p.text))),
    ("bracket", lambda p: bool(grammar.BRACKET_LINE.match(p.text))),
    ("text", lambda p: True),
)


def classify(paragraph: Paragraph) -> str:
    """The kind of a body paragraph (see :data:`PARAGRAPH_KINDS`)."""
    for kind, predicate in PARAGRAPH_KINDS:
        if predicate(paragraph):
            return kind
    raise AssertionError("the last kind matches everything")  # pragma: no cover


def materials(paragraph: Paragraph) -> list[Material]:
    """Handouts named in the paragraph: ``資料１ 第２期…の全体像``."""
    found: list[Material] = []
    for match in grammar.MATERIAL_REF.finditer(paragraph.text):
        title = match["title"].strip().rstrip("と、，,").strip() or None
        found.append(
            Material(
                id=match["id"].replace(" ", ""), title=title, line=paragraph.line_at(match.start())
            )
        )
    return found


class _Turn:
    """An utterance being built: paragraphs are appended until the turn ends."""

    def __init__(
        self,
        marker: str,
        role: str | None,
        section: str | None,
        title: str | None,
        first: Paragraph,
        text: str,
    ) -> None:
        self.marker, self.role, self.section, self.section_title = marker, role, section, title
        self.line_start, self.line_end = first.line_start, first.line_end
        self.texts = [text]

    def record(self, seq: int) -> Utterance:
        return Utterance(
            seq=seq,
            marker=self.marker,
            role=self.role,
            speaker=None,
            section=self.section,
            section_title=self.section_title,
            text="\n".join(self.texts),
            line_start=self.line_start,
            line_end=self.line_end,
        )


def tokenize(
    paragraphs: Sequence[Paragraph], legend: Sequence[LegendEntry], tree: SectionTree
) -> Tokenized:
    """Turn body paragraphs (no header, no headings) into utterances and notes."""
    roles = {entry.marker: entry.role for entry in legend}
    legend_text = " ".join(f"{entry.marker}…{entry.role}" for entry in legend)
    utterances: list[Utterance] = []
    notes: list[Note] = []
    diagnostics: list[Diagnostic] = []
    turn: _Turn | None = None
    used: set[str] = set()

    def end_turn() -> None:
        nonlocal turn
        if turn is not None:
            utterances.append(turn.record(len(utterances) + 1))
            turn = None

    for paragraph in paragraphs:
        located = tree.locate(paragraph.line_start)
        section = located.id if located else None
        kind = classify(paragraph)
        if kind == "text" and turn is not None and turn.section == section:
            turn.texts.append(paragraph.text)
            turn.line_end = paragraph.line_end
            continue
        end_turn()
        if kind == "utterance":
            found = grammar.MARKER_START.match(paragraph.text)
            assert found is not None
            marker = grammar.canonical_marker(found["marker"])
            text = found["rest"].strip()
            line, column = paragraph.position(found.start("marker"))
            role = roles.get(marker)
            used.add(marker)
            if role is None and legend:
                diagnostics.append(
                    codes.diagnostic(
                        codes.UNKNOWN_MARKER,
                        f"marker {marker!r} is not in the legend ({legend_text}); "
                        "kept without a role",
                        line,
                        column,
                    )
                )
            if not text:
                diagnostics.append(
                    codes.diagnostic(
                        codes.EMPTY_UTTERANCE,
                        f"marker {marker!r} is followed by no text",
                        line,
                        column,
                    )
                )
            turn = _Turn(marker, role, section, located.title if located else None, paragraph, text)
            continue
        body = paragraph.text.strip()
        if kind == "bullet":
            bullet = grammar.BULLET_START.match(body)
            assert bullet is not None
            body = bullet["rest"].strip()
        notes.append(
            Note(
                kind=kind,  # type: ignore[arg-type]  # kinds come from PARAGRAPH_KINDS
                section=section,
                text=body,
                materials=materials(paragraph),
                line_start=paragraph.line_start,
                line_end=paragraph.line_end,
            )
        )
    end_turn()

    if used and not legend:
        first = utterances[0]
        diagnostics.append(
            codes.diagnostic(
                codes.NO_LEGEND,
                f"speaker markers ({' '.join(sorted(used))}) are used but there is no legend",
                first.line_start,
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

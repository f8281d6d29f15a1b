"""The decisions stage: what the meeting decided, read from the body's paragraphs.

The cues (:data:`minutes_cli.grammar.decisions.CUES`) are found in each paragraph, and read
in document order as the chair's procedure runs: an item is put to the meeting, the
question is put (a method), the chair finds (a finding), and announces (a result). A result
makes a decision of the last item, the methods since the last decision, and the finding
just before it; a finding with no result after it before the next turn is a decision of its
own. Counts decide ``passed`` and ``unanimous`` where they are given.

The stage runs before the turns stage, which consumes the paragraphs; which utterance
says each decision is filled in by the record stage, by line, as the pages are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from minutes_cli.grammar.decisions import (
    CUES,
    DECISION_HEADING,
    KIND_OF_NUMBER,
    LEAD,
    METHODS,
    NOT_A_VOTE,
    NUMBERED,
    NUMBERED_PREFIX,
    OUTCOME_NAMES,
    PASSED_WORDS,
    REACH,
    REPORTED,
    SENTENCE_END,
    Cue,
    number,
)
from minutes_cli.kinds import DecisionMethod
from minutes_cli.models import Decision, Section, Votes
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.sections import SectionTree
from minutes_cli.parse.tokens import Paragraph


class Decided(NamedTuple):
    """What the decisions stage found."""

    decisions: tuple[Decision, ...]


#: A block of the body (see :func:`_blocks`): the paragraph, where its label ends, who
#: speaks it, its section.
_Block = tuple[Paragraph, int, str | None, str | None]


class _Found(NamedTuple):
    cue: Cue
    match: regex.Match[str]
    paragraph: int  # index of the block
    floor: int  # where the paragraph's text begins after a speaker's label
    section: str | None  # id of the innermost section it is in
    speaker: str | None  # who speaks the block (its label), None outside a turn


@dataclass
class _Pending:
    """The question before the meeting, while its cues are read."""

    section: str | None = None
    item: str | None = None
    title: str | None = None
    heard: int = 0  # speakers heard since (a question after others spoke is a new one)
    speaker: str | None = None  # the last of them
    once: bool = False  # the item is settled by one decision (see Cue.once)
    cleared: bool = False  # a new question put whose item the text does not number
    method: DecisionMethod | None = None
    unanimous: bool | None = None
    finding: _Found | None = None
    counts: dict[str, int] = field(default_factory=dict)


def run(body: Sequence[Paragraph], tree: SectionTree, scheme: Scheme) -> Decided:
    """The decisions of the body, in document order."""
    blocks = list(_blocks(body, tree, scheme))
    reader = _Reader(blocks, {section.id: section for section in _walk(tree.sections)})
    for index, block in enumerate(blocks):
        reader.begin(block)
        for found in _cues(index, block):
            reader.read(found)
    reader.begin(None)
    return Decided(tuple(reader.decisions))


class _Reader:
    """The chair's procedure, read cue by cue: the question before the meeting, and the
    decisions taken."""

    def __init__(self, blocks: Sequence[_Block], sections: dict[str, Section]) -> None:
        self.blocks = blocks
        self.sections = sections
        self.decisions: list[Decision] = []
        self.pending = _Pending()

    def decide(self, result: _Found | None) -> None:
        seq = len(self.decisions) + 1
        self.decisions.append(_decide(seq, self.pending, result, self.blocks, self.sections))
        self.pending = _after(self.pending)

    def begin(self, block: _Block | None) -> None:
        """A new block: a finding that no result followed in its turn is the decision; a new
        section is a new question; a new speaker is heard."""
        if self.pending.finding is not None:
            self.decide(None)
        if block is None:
            return
        paragraph, _, speaker, section = block
        pending = self.pending
        heading = self.sections.get(section) if section else None
        if heading is not None and speaker is None and DECISION_HEADING.fullmatch(heading.title):
            self.decisions.append(self._concluded(paragraph, heading))
        if section != pending.section:
            pending = self.pending = _Pending(section, speaker=pending.speaker)
        if speaker is not None and speaker != pending.speaker:
            pending.heard, pending.speaker = pending.heard + 1, speaker

    def _concluded(self, paragraph: Paragraph, heading: Section) -> Decision:
        """What stands under a heading of conclusions, as the decision on the item above."""
        parent = self.sections.get(heading.id.rpartition(".")[0]) if "." in heading.id else None
        end_line, _ = paragraph.position(max(len(paragraph.text) - 1, 0))
        text = " ".join(paragraph.text.split())
        return Decision(
            seq=len(self.decisions) + 1,
            item=parent.number or None if parent else None,
            title=parent.title or None if parent else None,
            outcome=heading.title,
            passed=None,
            method=None,
            unanimous=None,
            votes=None,
            text=text if len(text) <= 2 * REACH else text[: 2 * REACH] + "…",
            utterance=None,
            section=heading.id,
            line_start=paragraph.line_start,
            line_end=end_line,
            column_start=None,
            column_end=None,
        )

    def read(self, found: _Found) -> None:
        cue = found.cue
        if self.pending.finding is not None and cue.kind in ("item", "finding"):
            self.decide(None)  # a finding that no result followed is the decision itself
        pending = self.pending
        if cue.kind == "item":
            pending.item, pending.title = _item(found), _title(found)
            pending.cleared, pending.once = False, cue.once
            pending.heard = 1 if found.speaker is not None else 0
        elif cue.kind == "question":
            if pending.heard > 1:  # others spoke since the item was put: a new question
                pending.item = pending.title = None
                pending.cleared = True
        elif cue.kind in ("method", "finding"):
            pending.method = cue.method or pending.method
            pending.unanimous = cue.unanimous or pending.unanimous
            if cue.kind == "finding":
                pending.counts.update(_counts(found))
                pending.finding = found
        else:
            self.decide(found)


def _after(pending: _Pending) -> _Pending:
    """The question once decided: the item stays on the floor (a 修正案 and then the
    原案 are decided on one item), the rest starts afresh."""
    if pending.once:
        return _Pending(pending.section, heard=pending.heard, speaker=pending.speaker, cleared=True)
    return _Pending(
        pending.section,
        pending.item,
        pending.title,
        pending.heard,
        pending.speaker,
        cleared=pending.cleared,
    )


def _walk(sections: Sequence[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.children)


def _blocks(body: Sequence[Paragraph], tree: SectionTree, scheme: Scheme) -> Iterator[_Block]:
    """The body as blocks: a turn with the paragraphs after it up to the next turn, or the
    paragraphs outside any turn, never across a section's start. Each is one paragraph,
    joined, with where the speaker's label ends (0 outside a turn), whether it is a turn,
    and its section: a cue may run across the lines of PDF text (``…the balance of the`` /
    ``Consent Agenda was adopted.``), and a finding and its result across paragraphs
    (``御異議なしと認めます。`` / ``よって、…決しました。``)."""
    run: list[Paragraph] = []
    floor, speaker, section = 0, None, None
    for paragraph in body:
        start = scheme.start(paragraph.text)
        located = tree.locate(paragraph.line_start)
        where = located.id if located else None
        if run and (start is not None or where != section):
            yield Paragraph.joined(run), floor, speaker, section
            run = []
        if not run:
            floor = len(paragraph.text) - len(start.rest) if start is not None else 0
            speaker = (
                (start.label or start.speaker or start.role or start.marker) if start else None
            )
            section = where
        run.append(paragraph)
    if run:
        yield Paragraph.joined(run), floor, speaker, section


def _cues(index: int, block_of: _Block) -> Iterator[_Found]:
    """The cues of a block, in order; of cues that overlap, the first in the table
    (``承認することに決しました`` is 承認, not 決); none in a sentence that reports a
    committee's decision, and narrative results only outside a turn."""
    block, floor, speaker, section = block_of
    if True:
        text = block.text
        found: list[tuple[int, int, Cue, regex.Match[str]]] = []
        for order, cue in enumerate(CUES):
            if cue.narrative and speaker is not None:
                continue
            for match in cue.pattern.finditer(text):
                if match.end() <= floor:
                    continue  # inside the label
                if cue.kind in ("result", "finding", "method") and REPORTED.search(
                    _sentence(text, match, floor)
                ):
                    continue
                found.append((match.start(), order, cue, match))
        found.sort(key=lambda entry: (entry[0], entry[1]))
        taken: list[tuple[int, int]] = []
        for _, _, cue, match in found:
            span = match.span()
            if cue.kind != "method":
                if any(span[0] < end and begin < span[1] for begin, end in taken):
                    continue
                taken.append(span)
            yield _Found(cue, match, index, floor, section, speaker)


def _sentence(text: str, match: regex.Match[str], floor: int = 0) -> str:
    """The sentence around a match, at most :data:`REACH` characters either side, not
    reaching back into the speaker's label."""
    start, end = match.span()
    reach = max(floor, start - REACH)
    ends = [reach + m.end() for m in SENTENCE_END.finditer(text[reach:start])]
    first = ends[-1] if ends else reach
    after = SENTENCE_END.search(text[end : end + REACH])
    last = end + after.end() if after else min(len(text), end + REACH)
    return text[first:last].strip()


def _what(found: _Found) -> str:
    """What an item cue names, without the speaker's label before it."""
    what = found.match.groupdict().get("what") or ""
    cut = found.floor - found.match.start("what") if what else 0
    return what[cut:] if cut > 0 else what


def _item(found: _Found) -> str | None:
    written = found.match.groupdict().get("item")
    if written:
        return str(written)
    numbered = [m[0] for m in NUMBERED.finditer(_what(found))]
    if not numbered:
        return None
    # 日程第二 …、日程第三 … 以上両案: the items taken up together, as one
    kind = KIND_OF_NUMBER.sub("", numbered[0])
    together = [n for n in numbered if KIND_OF_NUMBER.sub("", n) == kind]
    return (
        "・".join(dict.fromkeys(together)) if kind.startswith(("日程", "追加日程")) else numbered[0]
    )


def _title(found: _Found) -> str | None:
    what = LEAD.sub("", _what(found).strip(" 、，,")).strip(" 、，,")
    what = NUMBERED_PREFIX.sub("", what).strip(" 、，,・")
    return " ".join(what.split()) or None


def _counts(found: _Found) -> dict[str, int]:
    counts = dict.fromkeys(found.cue.zero, 0)
    counts.update(
        (key, number(value))
        for key, value in found.match.groupdict().items()
        if key in ("yes", "no", "abstain", "total") and value
    )
    return counts


def _decide(
    seq: int,
    pending: _Pending,
    result: _Found | None,
    blocks: Sequence[_Block],
    sections: dict[str, Section],
) -> Decision:
    """The decision of a result (and the finding before it), or of a finding alone."""
    finding = pending.finding
    first = finding or result
    last = result or finding
    assert first is not None and last is not None
    counts = dict(pending.counts)
    if result is not None:
        counts.update(_counts(result))
    cue = last.cue
    outcome = _outcome(last, counts)
    passed = cue.passed
    if passed is None:
        word = outcome.lower().removeprefix("not ").split()[0]
        passed = PASSED_WORDS.get(word)
        if passed is not None and outcome.lower().startswith("not "):
            passed = not passed
    if "yes" in counts and "no" in counts and cue.passed is None:
        passed = counts["yes"] > counts["no"]
    if outcome.startswith(NOT_A_VOTE):
        passed = None
    unanimous = True if (pending.unanimous or cue.unanimous) else None
    if "no" in counts:  # a count says it, whatever the words
        unanimous = counts["no"] == 0 and not counts.get("abstain")
    method = cue.method or pending.method
    if result is not None:  # … the motion carried unanimously: said after the result
        said = _sentence(blocks[result.paragraph][0].text, result.match, result.floor)
        for other in METHODS:
            if other.pattern.search(said):
                method = method or other.method
                unanimous = True if other.unanimous and unanimous is None else unanimous
    line_start, column_start = blocks[first.paragraph][0].position(first.match.start())
    line_end, column_end = blocks[last.paragraph][0].position(max(last.match.end() - 1, 0))
    item, title = pending.item, pending.title
    section = sections.get(first.section) if first.section else None
    # The agenda item it is under, where nobody but the chair has spoken since it began.
    if section is not None and not pending.cleared and pending.heard <= 1:
        numbered = NUMBERED.search(section.title)
        item = item or section.number or (numbered[0] if numbered else None)
        title = title or section.title or None
    if result is not None and result.match.groupdict().get("what"):
        title = _title(result)  # RESOLUTION: what was resolved
    text = _sentence(blocks[first.paragraph][0].text, first.match, first.floor)
    if result is not None and finding is not None:
        tail = _sentence(blocks[last.paragraph][0].text, last.match, last.floor)
        if tail not in text:
            text = f"{text} {tail}"
    text = " ".join(text.split("\n"))
    return Decision(
        seq=seq,
        item=item,
        title=title,
        outcome=outcome,
        passed=passed,
        method=method,
        unanimous=unanimous,
        votes=Votes(**counts) if counts else None,
        text=text,
        utterance=None,
        section=first.section,
        line_start=line_start,
        line_end=max(line_end, line_start),
        column_start=column_start,
        column_end=column_end,
    )


def _outcome(found: _Found, counts: dict[str, int]) -> str:
    groups = found.match.groupdict()
    written = groups.get("outcome")
    if written:
        written = " ".join(str(written).split())
        return OUTCOME_NAMES.get(written, written)
    if found.cue.kind == "finding":
        return "異議なし" if found.cue.method == "no-objection" else found.match[0]
    if "yes" in counts and "no" in counts:
        return "adopté" if counts["yes"] > counts["no"] else "rejeté"
    return found.match[0]

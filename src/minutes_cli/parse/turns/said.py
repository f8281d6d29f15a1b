"""What a paragraph says, apart from what is recorded in it: its text without leftover
tags and without the floor voices written inside its lines, the event it is or that opens
it, and the handouts it names. Pure functions of a paragraph, for the turns stage."""

from __future__ import annotations

from minutes_cli.grammar.blocks import MATERIAL_REF
from minutes_cli.grammar.events import INLINE_VOICE, event_kind
from minutes_cli.grammar.text import INLINE_TAG
from minutes_cli.kinds import EventKind
from minutes_cli.models import Event, Material
from minutes_cli.parse.tokens import Paragraph


def materials(paragraph: Paragraph) -> list[Material]:
    """Handouts named in the paragraph: ``資料１ 第２期…の全体像``."""
    found: list[Material] = []
    if "資料" not in paragraph.text:  # what every reference starts with: skip the scan
        return found
    for match in MATERIAL_REF.finditer(paragraph.text):
        title = match["title"].strip().rstrip("と、，,").strip() or None
        found.append(
            Material(
                id=match["id"].replace(" ", ""), title=title, line=paragraph.line_at(match.start())
            )
        )
    return found


#: Events that may stand between a label and the speech: ``（登壇）``, ``（朗読）``, ``〔拍手〕``.
_OPENING_EVENTS: frozenset[EventKind] = frozenset({"stage-direction", "reading", "floor-voice"})
_OPEN, _CLOSE = "（(〔［[", "）)〕］]"


def opening_event(rest: str) -> tuple[str, EventKind, str] | None:
    """``(event, kind, speech)`` when the words after a label open with an event."""
    if rest[:1] not in _OPEN:
        return None
    close = next((i for i, char in enumerate(rest) if char in _CLOSE), -1)
    kind = event_kind(rest[: close + 1]) if close > 0 else None
    if kind not in _OPENING_EVENTS:
        return None
    return rest[: close + 1], kind, rest[close + 1 :].strip()


def clean(text: str) -> str:
    """Record text: leftover inline HTML tags (``<span lang="ja">``) removed."""
    if "<" not in text:  # every tag starts with one: skip the scan
        return text.strip()
    return INLINE_TAG.sub("", text).strip()


def voices(paragraph: Paragraph, said: str, since: int = 0) -> tuple[str, list[Event]]:
    """What was said without the floor voices written inside its lines, and those voices
    as events of the turn (``お答えします。〔「具体的に」と呼ぶ者あり〕具体的には…``)."""
    if "〔" not in paragraph.text and "（" not in paragraph.text:
        return said, []
    events: list[Event] = []
    for found in INLINE_VOICE.finditer(paragraph.text):
        if found.start() < since:
            continue  # the label's own event (○８番（木村健二君）（拍手）): taken already
        at = paragraph.line_at(found.start())
        events.append(Event(kind="floor-voice", text=found[0], line_start=at, line_end=at))
        said = said.replace(found[0], "", 1)
    return said.strip(), events


def event_of(paragraph: Paragraph) -> Event:
    """The event a whole paragraph records."""
    kind = event_kind(paragraph.text)
    assert kind is not None  # only event paragraphs are made events
    return Event(
        kind=kind,
        text=paragraph.text.strip(),
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
    )

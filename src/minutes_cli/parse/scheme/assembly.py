"""The assembly / Diet scheme: the marker is followed by a speaker label.

``○議長（清野一榮議員）　本文``, ``◎市長（櫻田　宏）``, ``◆（井上さくら君）``,
``○（伊藤よしのり議長）``, ``○おのせ康裕議長　　本文``, ``○北村経夫君　本文``,
``○原（侑）委員``, ``○２２番（筒井たかひさ議員）``. The label gives the role and the
name; the honorific (君, 議員, さん) is taken off the name and kept apart. The
marker symbol's own meaning (○ chair and members, ◎ executives, ◆ members) stays
in ``marker``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, NamedTuple

from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.labels import (
    ASSEMBLY_LABEL,
    NOT_A_SPEAKER,
    ROLE_AT_END,
    SEAT,
    looks_like_role,
    strip_honorific,
)
from minutes_cli.grammar.markers import MARKER_START, canonical_marker
from minutes_cli.kinds import SchemeName
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.tokens import Line, Opened, Start


@dataclass(frozen=True)
class AssemblyScheme:
    """``○議長（名前君）　発言``: a verbatim record (会議録) whose labels name the speaker.

    Verbatim: the header runs to the first speaker, the agenda items are the sections when
    there are no headings, and a marked line that names no speaker (``○議事日程``) is a
    remark, not more of the last speech."""

    name: ClassVar[SchemeName] = "assembly"
    verbatim: ClassVar[bool] = True
    legend: ClassVar[tuple[LegendEntry, ...]] = ()

    def start(self, text: str) -> Start | None:
        found = MARKER_START.match(text)
        if not found or event_kind(text.strip()):
            return None
        label = parse_label(text[found.end() :])
        if label is None:
            return None
        return Start(
            canonical_marker(found["marker"]),
            label.role,
            label.speaker,
            label.honorific,
            label.seat,
            label.label,
            label.rest,
            found.start("marker") + 1,
        )

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return lines

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []


class Label(NamedTuple):
    """A parsed speaker label."""

    label: str  # as written, spaces removed
    role: str | None
    speaker: str | None
    honorific: str | None
    seat: int | None
    rest: str  # the speech on the same line, if any


def _split_name(text: str) -> tuple[str | None, str | None, str | None]:
    """``伊藤よしのり議長`` -> (name, role, honorific); roles and honorifics come last."""
    text, honorific = strip_honorific(text)
    role = None
    found = ROLE_AT_END.search(text)
    if found:
        role, text = found["role"], text[: found.start()]
    return (text or None), role, honorific


@lru_cache(maxsize=8192)  # asked per line by detection, the body split and tokenizing
def parse_label(text: str) -> Label | None:
    """Read the speaker label at the start of ``text`` (the marker already removed)."""
    stripped = text.lstrip()
    if NOT_A_SPEAKER.match(stripped):
        return None
    found = ASSEMBLY_LABEL.match(stripped)
    if not found:
        return None
    rest = found["rest"].strip()
    if found["bare"] is not None:
        bare = found["bare"]
        name, role, honorific = _split_name(bare)
        if role is None and honorific is None:
            return None
        return Label(bare, role, name, honorific, None, rest)
    outer, inner, after = found["outer"], found["inner"].replace(" ", ""), found["after"]
    label = found["label"].replace(" ", "")
    if after:  # 原（侑）委員: the brackets are part of the name
        name, role, honorific = _split_name(after)
        if role is None and honorific is None:
            return None
        return Label(label, role, f"{outer}（{inner}）{name or ''}", honorific, None, rest)
    seat = SEAT.match(outer)
    if not outer or seat:  # （伊藤よしのり議長）, ２２番（筒井たかひさ議員）
        name, role, honorific = _split_name(inner)
        if not outer and role is None and honorific is None:
            return None
        return Label(label, role, name, honorific, int(seat["seat"]) if seat else None, rest)
    if not looks_like_role(outer):
        return None
    name, honorific = strip_honorific(inner)
    return Label(label, outer, name, honorific, None, rest)

"""The agenda: items of the 議事日程 (第１, 日程第２) or of 本日の会議に付した事件."""

from __future__ import annotations

from collections.abc import Sequence

from minutes_cli.grammar import patterns
from minutes_cli.models import AgendaItem
from minutes_cli.parse.header.lines import Block, HeaderLine

_SPACES = patterns.compile(r"[ ]{2,}")


def read(blocks: Sequence[Block]) -> list[AgendaItem]:
    """Items of the 議事日程 (or, without one, of 本日の会議に付した事件).

    An item is a numbered line (第１, 日程第２) with the indented lines under it
    (a wrapped title, the bills it bundles); under 本日の会議に付した事件 every
    line is an item. Lines such as 議事日程に同じ are no items.
    """
    scheduled: list[AgendaItem] = []
    taken: list[AgendaItem] = []
    for key, label, items in blocks:
        if key != "agenda":
            continue
        unnumbered_items = bool(label and "付した" in label)
        target = taken if unnumbered_items else scheduled
        current: list[HeaderLine] = []
        for item in items:
            indented = bool(current) and item.line.indent > current[0].line.indent
            if item.kind == "agenda-item" or (
                unnumbered_items and item.kind == "text" and not indented
            ):
                if current:
                    target.append(_item(current))
                current = [item]
            elif current and item.kind == "text" and (indented or not current[0].value):
                current.append(item)
        if current:
            target.append(_item(current))
    taken = [i for i in taken if not _SAME_AS.match(i.title)]
    return scheduled or taken


_SAME_AS = patterns.compile(r"^(?:議事日程|日程)(?:に同じ|と同じ|のとおり|の通り)")


def _item(lines: Sequence[HeaderLine]) -> AgendaItem:
    """One agenda item; bundled bills (議案第２号…) go on lines of their own."""
    first = lines[0]
    parts = [first.value.lstrip("○〇 ")] if first.kind == "agenda-item" else [first.value.strip()]
    for item in lines[1:]:
        text = item.value.strip()
        bundled = text.startswith(("議案", "報告", "請願", "陳情")) and parts[-1]
        parts.append(("\n" if bundled else "") + text)
    return AgendaItem(
        number=first.label if first.kind == "agenda-item" else None,
        title=_SPACES.sub(" ", "".join(parts)).strip().lstrip("○〇").strip(),
        line_start=first.line.number,
        line_end=lines[-1].line.number,
    )

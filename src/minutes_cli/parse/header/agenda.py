"""The agenda: items of the 議事日程 (第１, 日程第２) or of 本日の会議に付した事件."""

from __future__ import annotations

from collections.abc import Sequence

from minutes_cli.grammar import patterns
from minutes_cli.grammar.headings import heading_shape
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
        numbered = any(item.kind == "agenda-item" for item in items)
        # 協議事項 alone on its line, its numbered items below it (not 議事日程の通り)
        alone = not items[0].value and not (label and "付した" in label)
        listed = (
            alone
            and len(items) > 1
            and not numbered
            and heading_shape(items[1].line.text.strip()) is not None
        )
        if items[0].kind == "label" or listed:
            # ４ 議 題 / (1) 第３期総合計画について / (2) その他; 協議事項 / (1) …
            scheduled += _listed(items)
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


def _listed(items: Sequence[HeaderLine]) -> list[AgendaItem]:
    """The items under an agenda label (``議題``): its value, if it has one, then each
    numbered line below it (``(1)``, ``①``, ``ア``), a line without a number joining the
    item above it (a wrapped title)."""
    found: list[AgendaItem] = []
    head, below = items[0], items[1:]
    if head.value:
        found.append(_titled(None, head.value, head.line.number, head.line.number))
    for item in below:
        text = item.line.text.strip()
        shape = heading_shape(text)
        if shape is not None or not found:
            number = shape.number if shape else None
            title = shape.title if shape else text
            found.append(_titled(number, title, item.line.number, item.line.number))
        else:
            last = found[-1]
            found[-1] = _titled(last.number, last.title + text, last.line_start, item.line.number)
    return found


def _titled(number: str | None, title: str, first: int, last: int) -> AgendaItem:
    return AgendaItem(
        number=number, title=_SPACES.sub(" ", title).strip(), line_start=first, line_end=last
    )


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

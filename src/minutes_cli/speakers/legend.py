"""The legend scheme: a key such as ``【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】``
says what each paragraph's marker means; speakers are roles, not names."""

from __future__ import annotations

from collections.abc import Iterable

from minutes_cli import grammar, patterns
from minutes_cli.models import LegendEntry
from minutes_cli.normalize import Paragraph


def legend_entries(
    paragraph: Paragraph, start: int = 0, end: int | None = None
) -> list[LegendEntry]:
    """The ``marker…role`` entries in ``paragraph.text[start:end]``, one per marker."""
    entries: list[LegendEntry] = []
    seen: set[str] = set()
    body = paragraph.text[start:end]
    for found in grammar.LEGEND_ENTRY.finditer(body):
        marker = grammar.canonical_marker(found["marker"])
        if marker in seen:
            continue
        seen.add(marker)
        line = paragraph.line_at(start + found.start())
        entries.append(
            LegendEntry(
                marker=marker,
                role=found["role"].strip("…‥・:：=＝ "),
                line_start=line,
                line_end=paragraph.line_at(start + found.end() - 1),
            )
        )
    return entries


def is_legend_paragraph(paragraph: Paragraph) -> bool:
    """True when the paragraph is nothing but a legend (``◎…議長 ○…委員``, bracketed or
    not, one entry or several)."""
    if not grammar.may_hold_legend_entry(paragraph.text):
        return False
    text = paragraph.text.strip().strip("【】[]［］()（）〔〕<>＜＞")
    entries = list(grammar.LEGEND_ENTRY.finditer(text))
    covered = sum(len(m[0]) for m in entries)
    if len(entries) == 1 and not _ELLIPSIS.search(entries[0][0]):
        return False  # ○=HYPERLINK(…) is speech; a lone entry needs the … of a legend
    return covered > 0 and covered >= 0.8 * len(text.replace(" ", ""))


_ELLIPSIS = patterns.compile(r"…|‥|・・・|\.\.\.")


def read_legend(paragraphs: Iterable[Paragraph]) -> tuple[LegendEntry, ...]:
    """The first legend in the document: a bracketed key anywhere, or a legend-only paragraph."""
    for paragraph in paragraphs:
        found = grammar.LEGEND_BLOCK.search(paragraph.text)
        if found:
            entries = legend_entries(paragraph, found.start("body"), found.end("body"))
            if entries:
                return tuple(entries)
        if is_legend_paragraph(paragraph):
            return tuple(legend_entries(paragraph))
    return ()

"""The record stage: pages reach every record that points at source lines."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from minutes_cli import parse_text
from minutes_cli.models import Document, Span

PAGED = (
    "令和7年度第1回推進会議 議事要旨\n"
    "日時：令和7年10月6日（月）10時30分～11時50分\n"
    "出席議員（２名）\n"
    "１番 山田太郎\n"
    "２番 鈴木花子\n"
    "議事日程\n"
    "第１ 会期の決定\n"
    "【◎…議長 ○…委員】\n"
    "\f1 開会\n"
    "- 1 -\n"
    "◎ 開会します。\n"
    "〔「異議なし」と呼ぶ者あり〕\n"
    "続けます。\n"
    "\f2 議事\n"
    "・資料１ 計画の概要\n"
    "○ 質問です。\n"
)


def spans(value: object) -> Iterator[Span]:
    """Every Span anywhere in a record, found by walking its fields (not by name)."""
    if isinstance(value, list):
        for item in value:
            yield from spans(item)
    elif isinstance(value, BaseModel):
        if isinstance(value, Span):
            yield value
        for name in type(value).model_fields:
            yield from spans(getattr(value, name))


def test_every_span_of_a_paged_document_has_its_pages() -> None:
    document = parse_text(PAGED)
    kinds = {type(span).__name__ for span in spans(document)}
    # The sample reaches every kind of Span a Document holds, so none is forgotten.
    assert kinds == {
        "HeaderField",
        "AttendanceGroup",
        "Attendee",
        "AgendaItem",
        "LegendEntry",
        "Section",
        "Utterance",
        "Event",
        "Note",
        "Dropped",
        "Attendance",
    }
    for span in spans(document):
        assert span.page_start is not None and span.page_end is not None, span
        assert span.page_start <= span.page_end
    assert document.source.pages == 3
    assert [s.page_start for s in document.sections] == [2, 3]


def test_a_text_without_form_feeds_has_no_pages() -> None:
    document: Document = parse_text(PAGED.replace("\f", ""))
    assert all(span.page_start is None for span in spans(document))
    assert document.source.pages is None


def test_records_share_the_set_of_given_fields_and_copies_do_not_write_into_it() -> None:
    from minutes_cli import parse_file
    from tests.conftest import SEED

    document = parse_file(SEED)
    first, second = document.utterances[0], document.utterances[1]
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__  # one set, shared
    before = set(first.model_fields_set)
    unset = next(name for name in type(first).model_fields if name not in before)
    copied = first.model_copy(update={unset: getattr(first, unset)})
    assert unset in copied.model_fields_set
    assert first.model_fields_set == before == second.model_fields_set  # the shared set kept
    assert set(first.model_dump(exclude_unset=True)) == before


def test_a_set_handed_to_model_construct_is_not_the_shared_one() -> None:
    from minutes_cli.models import Span

    names = {"line_start", "line_end", "page_start", "page_end"}
    Span.model_construct(_fields_set=names, line_start=1, line_end=1, page_start=1, page_end=1)
    names.discard("page_end")  # the caller's set, changed afterwards
    later = Span(line_start=1, line_end=1, page_start=1, page_end=1)
    assert later.model_fields_set == {"line_start", "line_end", "page_start", "page_end"}

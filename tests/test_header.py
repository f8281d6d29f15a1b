"""Header reader: title, kind, date, times, venue, attendance, weekday check."""

from __future__ import annotations

import pytest

from minutes_cli import parse_text


def meta_of(header: str) -> dict[str, object]:
    return parse_text(header + "\n\n1 開会\n").meta.model_dump()


@pytest.mark.parametrize(
    ("header", "date", "start", "end"),
    [
        ("日時：令和７年 10 月６日（月） 10 時 30 分～11 時 50 分", "2025-10-06", "10:30", "11:50"),
        ("日時：令和元年５月７日（火）午前10時～午後0時30分", "2019-05-07", "10:00", "12:30"),
        (
            "開催日時：平成三十年十二月三日（月） 午後一時三十分から午後三時まで",
            "2018-12-03",
            "13:30",
            "15:00",
        ),
        ("日　　時：昭和６３年２月１日（月）　午後１時～３時", "1988-02-01", "13:00", "15:00"),
        ("期日：２０２４年１月９日（火）", "2024-01-09", None, None),
    ],
)
def test_dates_and_times(header: str, date: str, start: str | None, end: str | None) -> None:
    meta = meta_of("第1回 テスト会議 議事録\n" + header)
    assert (meta["date"], meta["start_time"], meta["end_time"]) == (date, start, end)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("第1回 会議 議事要旨", "議事要旨"),
        ("第1回 会議 議事録", "議事録"),
        ("定例会 会議録", "会議録"),
        ("第1回 懇談会", None),
    ],
)
def test_kind_from_title(title: str, kind: str | None) -> None:
    meta = meta_of(title + "\n日時：令和7年1月6日")
    assert (meta["title"], meta["kind"]) == (title, kind)


def test_venue_and_attendance() -> None:
    meta = meta_of("会議 議事録\n場所：市役所 3階会議室\n出席者：委員 １２名中９名出席")
    assert meta["venue"] == "市役所 3階会議室"
    assert meta["attendance"] == {
        "present": 9,
        "total": 12,
        "group": "委員",
        "line_start": 3,
        "line_end": 3,
    }


def test_weekday_mismatch_is_a_diagnostic_at_the_date() -> None:
    document = parse_text("会議 議事録\n日時：令和6年4月1日（火）\n\n1 開会\n")
    assert document.meta.date == "2024-04-01"
    ((code, line, column),) = [(d.code, d.line, d.column) for d in document.diagnostics]
    assert (code, line, column) == ("M002", 2, 4)


def test_missing_date_is_a_diagnostic() -> None:
    document = parse_text("会議 議事録\n\n1 開会\n")
    assert document.meta.date is None
    assert [d.code for d in document.diagnostics] == ["M001"]


def test_header_stops_at_the_body() -> None:
    document = parse_text("会議 議事録\n日時：令和7年1月6日\n○質問します。\n")
    assert [f.key for f in document.header] == ["title", "datetime"]
    assert len(document.utterances) == 1

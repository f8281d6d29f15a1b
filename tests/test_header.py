"""Header reader: title, kind, date, times, venue, attendance, weekday check."""

from __future__ import annotations

import pytest

from minutes_cli import parse_text
from tests.conftest import assert_lossless


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
        "page_start": None,  # not a paged input
        "page_end": None,
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


VERBATIM = """令和6年第2回 みなと市議会定例会会議録
○議事日程
第1　会議録署名議員の指名
第2　議案第1号　予算について
　　　議案第2号　条例について
―――――――――
出席議員（3名）
　　　1番　山　田　太　郎　議員　　2番　佐　藤　花　子　議員
　　　3番　鈴　木　一　郎　議員
欠席議員（1名）
　　　4番　高　橋　次　郎　議員
地方自治法第121条による出席者
　　市長　　　　　　　田　中　　　実
　　副市長　　　　　　中　村　　　進
―――――――――
令和6年6月3日（月）
午前10時00分　開会
○議長（山田太郎議員）　ただいまから開会します。
〔「異議なし」と呼ぶ者あり〕
○議長（山田太郎議員）　ご異議なしと認めます。
○市長（田中　実）　おはようございます。
午前10時30分　散会
"""


def test_verbatim_header_blocks() -> None:
    document = parse_text(VERBATIM)
    meta = document.meta
    assert document.scheme == "assembly"
    assert (meta.title, meta.kind) == ("令和6年第2回 みなと市議会定例会会議録", "会議録")
    assert (meta.date, meta.weekday, meta.start_time, meta.end_time) == (
        "2024-06-03",
        "月",
        "10:00",
        "10:30",
    )
    assert [(a.number, a.title) for a in meta.agenda] == [
        ("第1", "会議録署名議員の指名"),
        ("第2", "議案第1号 予算について\n議案第2号 条例について"),
    ]
    assert [(g.label, g.status, g.count) for g in meta.attendance_groups] == [
        ("出席議員", "present", 3),
        ("欠席議員", "absent", 1),
        ("地方自治法第121条による出席者", "staff", None),
    ]
    assert [(a.seat, a.name, a.group) for a in meta.attendees[:4]] == [
        (1, "山田太郎", "出席議員"),
        (2, "佐藤花子", "出席議員"),
        (3, "鈴木一郎", "出席議員"),
        (4, "高橋次郎", "欠席議員"),
    ]
    assert [(a.role, a.name) for a in meta.attendees[4:]] == [
        ("市長", "田中実"),
        ("副市長", "中村進"),
    ]
    assert meta.attendance is not None
    assert (meta.attendance.present, meta.attendance.total) == (3, 4)
    assert [(u.role, u.speaker, u.honorific) for u in document.utterances] == [
        ("議長", "山田太郎", "議員"),
        ("議長", "山田太郎", "議員"),
        ("市長", "田中実", None),
    ]
    assert [(n.kind, n.line_start) for n in document.notes] == [("floor-voice", 19), ("time", 22)]
    assert_lossless(document, VERBATIM)


def test_meeting_date_is_the_one_before_the_opening_time() -> None:
    text = (
        "昭和二十二年十一月十三日（木曜日）\n小委員を選定した。\n"
        "昭和二十二年十一月十四日（金曜日）\n午前十一時二十分開会\n○委員長（堀君） 開会します。\n"
    )
    assert parse_text(text).meta.date == "1947-11-14"


def test_english_narrative_times() -> None:
    text = (
        "Meeting Minutes: September 21, 2017\n\n"
        "Chair Lee called the meeting to order at 6:02 p.m.\n\nAdjourned at 9:56 p.m.\n"
    )
    meta = parse_text(text).meta
    assert (meta.title, meta.date, meta.start_time, meta.end_time) == (
        "Meeting Minutes: September 21, 2017",
        "2017-09-21",
        "18:02",
        "21:56",
    )


def test_english_present_and_absent_lists() -> None:
    meta = parse_text(
        "Meeting Minutes: May 2, 2019\nPresent: Lee (Chair), Ortiz, Baker and Wu\nAbsent: Kim\n"
    ).meta
    assert [(g.label, g.status, g.count) for g in meta.attendance_groups] == [
        ("Present", "present", 4),
        ("Absent", "absent", 1),
    ]
    assert [(a.name, a.role, a.group) for a in meta.attendees] == [
        ("Lee", "Chair", "Present"),
        ("Ortiz", None, "Present"),
        ("Baker", None, "Present"),
        ("Wu", None, "Present"),
        ("Kim", None, "Absent"),
    ]


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        # A letterhead glued to the opening sentence by PDF extraction.
        (
            "CITY OF  PORTLAND, OREGON    OFFICIAL MINUTES  A REGULAR MEETING OF THE COUNCIL OF "
            "THE CITY OF PORTLAND, OREGON WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M.  "
            "THOSE PRESENT WERE:  Mayor Adams, Presiding.",
            "CITY OF PORTLAND, OREGON OFFICIAL MINUTES",
        ),
        (
            "BOARD OF EDUCATION   MINUTES OF THE MEETING   " + "The board met at six. " * 8,
            "BOARD OF EDUCATION MINUTES OF THE MEETING",
        ),
        (
            "MEETING MINUTES  " + "The board met at six and discussed the budget. " * 4,
            "MEETING MINUTES",
        ),
        # Capitals that name no record, prose from the start, or nothing glued after.
        ("CITY OF  PORTLAND, OREGON    " + "The council met on Wednesday morning. " * 4, None),
        ("Official minutes  of the council, which met on Wednesday morning. " * 3, None),
        ("本日の会議を開きます。" * 20, None),
    ],
)
def test_a_title_glued_to_the_first_paragraph(first_line: str, title: str | None) -> None:
    document = parse_text(first_line + "\n\nThe meeting was adjourned.\n")
    assert document.meta.title == title
    assert ("M003" in {d.code for d in document.diagnostics}) == (title is None)
    assert_lossless(document, first_line + "\n\nThe meeting was adjourned.\n")


def test_a_glued_title_is_looked_for_only_when_there_is_no_header() -> None:
    text = "Date: 2024-03-19\n\nMEETING MINUTES  " + "The board met at six. " * 8 + "\n"
    assert parse_text(text).meta.title is None


@pytest.mark.parametrize(
    "text",
    [
        # Capitals inside a section, a speaker's first words, a bullet: no title block.
        "1. CALL TO ORDER\nAPPROVAL OF  MINUTES  The minutes of the last meeting were "
        "approved as written.\n2. ADJOURNMENT\nThe meeting ended.\n",
        "WH: THE MEETING  MINUTES  were approved as written.\nBT: OK.\nWH: Next.\nBT: Done.\n",
        "・COUNCIL MEETING  AGENDA  The agenda was adopted without change by all members.\n",
    ],
)
def test_a_glued_title_is_only_the_documents_first_plain_paragraph(text: str) -> None:
    document = parse_text(text)
    assert document.meta.title is None
    assert "M003" in {d.code for d in document.diagnostics}

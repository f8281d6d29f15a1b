"""Tests for minutes_cli.grammar.jpdate: dates, times and numerals as they appear in minutes."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes_cli.grammar.jpdate import (
    WEEKDAYS,
    DateMatch,
    TimeMatch,
    find_date,
    find_dates,
    find_time_range,
    find_times,
    parse_int,
)

D = datetime.date
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI_DIGITS = "〇一二三四五六七八九"


def to_kanji(n: int, *, explicit_one: bool = False) -> str:
    """Positional kanji numeral for 0..9999 (千九百四十七), optionally 一千/一百/一十."""
    if n == 0:
        return "〇"
    out = []
    for unit, char in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, unit)
        if digit:
            out.append(("" if digit == 1 and not explicit_one else KANJI_DIGITS[digit]) + char)
    if n:
        out.append(KANJI_DIGITS[n])
    return "".join(out)


def to_kanji_digits(n: int) -> str:
    """Digit-by-digit kanji (一九四七), the usual way western years are written in kanji."""
    return "".join(KANJI_DIGITS[int(c)] for c in str(n))


# --- parse_int ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("１２", 12),
        (" ７ ", 7),
        ("十二", 12),
        ("二十三", 23),
        ("百五", 105),
        ("百〇五", 105),
        ("千九百四十七", 1947),
        ("一九四七", 1947),
        ("二〇二五", 2025),
        ("元", 1),
        ("零", 0),
        ("〇", 0),
        ("十", 10),
        ("一十", 10),
        ("廿九", 29),
        ("三万二千", 32000),
    ],
)
def test_parse_int(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize("text", ["", " ", "abc", "十百", "二三十", "1二", "元年", "廿十", "〇十"])
def test_parse_int_rejects_non_numerals(text: str) -> None:
    assert parse_int(text) is None


@given(st.integers(min_value=0, max_value=9999), st.booleans())
def test_parse_int_round_trips_kanji(n: int, explicit_one: bool) -> None:
    assert parse_int(to_kanji(n, explicit_one=explicit_one)) == n
    assert parse_int(to_kanji_digits(n)) == n
    assert parse_int(str(n).translate(FULL_WIDTH)) == n


# --- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "era"),
    [
        ("令和7年10月6日", D(2025, 10, 6), "令和"),
        ("令和 5年 2月17日", D(2023, 2, 17), "令和"),
        ("令和７年 10 月６日", D(2025, 10, 6), "令和"),
        ("令和　７年　１０月　６日", D(2025, 10, 6), "令和"),
        ("令和元年5月1日", D(2019, 5, 1), "令和"),
        ("令和五年十一月一日", D(2023, 11, 1), "令和"),
        ("昭和二十二年八月五日", D(1947, 8, 5), "昭和"),
        ("平成31年4月30日", D(2019, 4, 30), "平成"),
        ("平成元年一月八日", D(1989, 1, 8), "平成"),
        ("大正十五年十二月二十五日", D(1926, 12, 25), "大正"),
        ("明治四十五年七月三十日", D(1912, 7, 30), "明治"),
        ("令和三年十月廿日", D(2021, 10, 20), "令和"),
        ("平31年4月30日", D(2019, 4, 30), "平成"),
        ("令 7年10月6日", D(2025, 10, 6), "令和"),
        ("R7.10.6", D(2025, 10, 6), "令和"),
        ("H31/4/30", D(2019, 4, 30), "平成"),
        ("2025年10月6日", D(2025, 10, 6), None),
        ("２０２５年１０月６日", D(2025, 10, 6), None),
        ("二〇二五年十月六日", D(2025, 10, 6), None),
        ("2025（令和７）年10月6日", D(2025, 10, 6), None),
        ("2025/10/06", D(2025, 10, 6), None),
        ("2025-10-06", D(2025, 10, 6), None),
        ("2025.10.6", D(2025, 10, 6), None),
        ("January 12, 2011", D(2011, 1, 12), None),
        ("Jan. 12, 2011", D(2011, 1, 12), None),
        ("Sept 3rd 2011", D(2011, 9, 3), None),
        ("12 January 2011", D(2011, 1, 12), None),
        ("12TH DAY OF JANUARY, 2011", D(2011, 1, 12), None),
        ("1st day of march, 2011", D(2011, 3, 1), None),
        ("2nd of May 2011", D(2011, 5, 2), None),
        ("14 novembre 2023", D(2023, 11, 14), None),
        ("1er décembre 2023", D(2023, 12, 1), None),
        ("15 AOÛT 2023", D(2023, 8, 15), None),
    ],
)
def test_find_date_forms(text: str, expected: datetime.date, era: str | None) -> None:
    found = find_date(f"開催日 {text} 以上")
    assert found is not None
    assert found.date == expected
    assert found.era == era
    assert found.start == len("開催日 ")
    assert found.end == len("開催日 ") + len(text)


def test_find_date_legal_english_starts_at_day() -> None:
    text = "SIGNED THIS 12TH DAY OF JANUARY, 2011."
    assert find_date(text) == DateMatch(D(2011, 1, 12), None, 12, len(text) - 1, None)


def test_find_date_in_minutes_header() -> None:
    text = "日時：令和７年 10 月６日（月） 10 時 30 分～11 時 50 分"
    assert find_date(text) == DateMatch(D(2025, 10, 6), 0, 3, 17, "令和")


@pytest.mark.parametrize(
    ("suffix", "weekday"),
    [
        ("（月）", 0),
        ("(火)", 1),
        (" （ 水 ） ", 2),
        ("（木曜日）", 3),
        ("（金曜）", 4),
        ("(土・祝)", 5),
        ("（日）", 6),
        ("", None),
        ("月曜日", None),  # not in brackets: not a stated weekday
    ],
)
def test_weekday_stated(suffix: str, weekday: int | None) -> None:
    found = find_date(f"令和7年10月6日{suffix}")
    assert found is not None
    assert found.weekday_stated == weekday
    if weekday is not None:
        assert WEEKDAYS[weekday] in suffix
        assert found.end == len(f"令和7年10月6日{suffix}".rstrip())


def test_weekday_is_reported_as_written_not_corrected() -> None:
    found = find_date("2025年10月6日（火）")  # 2025-10-06 is a Monday
    assert found is not None
    assert found.weekday_stated == 1
    assert found.date.weekday() == 0


@pytest.mark.parametrize(
    "text",
    [
        "令和7年2月30日",
        "2023年2月29日",
        "2025/13/01",
        "平成三十年四月三十一日",
        "令和7年度",
        "令和７年度当初予算",
        "5年10月6日",  # a year without era is not read as western year 5
        "R2－６年度",
        "説明3年4月1日",  # 明 inside a word is not the Meiji abbreviation
        "February 30, 2011",
        "",
    ],
)
def test_invalid_or_partial_dates_are_not_found(text: str) -> None:
    assert find_date(text) is None
    assert find_dates(text) == []


def test_invalid_date_is_skipped_and_search_continues() -> None:
    text = "令和7年2月30日は誤記、正しくは令和7年3月1日（土）"
    found = find_dates(text)
    assert [m.date for m in found] == [D(2025, 3, 1)]
    assert found[0].weekday_stated == 5
    assert text[found[0].start : found[0].end] == "令和7年3月1日（土）"
    assert find_date(text) == found[0]


def test_find_dates_in_order_across_forms() -> None:
    text = "令和元年5月1日、2020/02/29 と January 12, 2011 及び 昭和六十四年一月七日"
    found = find_dates(text)
    assert [m.date for m in found] == [
        D(2019, 5, 1),
        D(2020, 2, 29),
        D(2011, 1, 12),
        D(1989, 1, 7),
    ]
    assert [m.era for m in found] == ["令和", None, None, "昭和"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


era_dates = st.one_of(
    st.tuples(st.just("平成"), st.dates(D(1989, 1, 8), D(2019, 4, 30))),
    st.tuples(st.just("令和"), st.dates(D(2019, 5, 1), D(2117, 12, 31))),
)


@given(era_dates, st.sampled_from(["half", "full", "kanji"]), st.sampled_from(["", " ", "　"]))
def test_era_date_round_trip(era_date: tuple[str, datetime.date], style: str, space: str) -> None:
    era, d = era_date
    year = d.year - {"平成": 1989, "令和": 2019}[era] + 1

    def num(n: int) -> str:
        if style == "kanji":
            return to_kanji(n)
        return str(n) if style == "half" else str(n).translate(FULL_WIDTH)

    s = space
    text = f"{era}{s}{num(year)}{s}年{s}{num(d.month)}{s}月{s}{num(d.day)}{s}日"
    found = find_date(f"開催：{text}（{WEEKDAYS[d.weekday()]}）")
    assert found is not None
    assert (found.date, found.era, found.weekday_stated) == (d, era, d.weekday())
    assert found.start == len("開催：")
    if year == 1:
        assert find_date(text.replace(num(1), "元", 1)) == find_date(text)


# --- times --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hhmm"),
    [
        ("10 時 30 分", "10:30"),
        ("10時", "10:00"),
        ("１０時３０分", "10:30"),
        ("10時半", "10:30"),
        ("午前10時28分", "10:28"),
        ("午前 10 時 28 分", "10:28"),
        ("午後1時4分", "13:04"),
        ("午後零時十一分", "12:11"),
        ("午前零時", "00:00"),
        ("午後12時", "12:00"),
        ("正午", "12:00"),
        ("午前十時", "10:00"),
        ("午後三時十五分", "15:15"),
        ("二十三時五十九分", "23:59"),
        ("一時半", "01:30"),
        ("10:30", "10:30"),
        ("9:30 A.M.", "09:30"),
        ("9:30 a.m.", "09:30"),
        ("2 p.m.", "14:00"),
        ("2:05 PM", "14:05"),
        ("12 p.m.", "12:00"),
        ("12 a.m.", "00:00"),
        ("午後2:05", "14:05"),
        ("24時", "24:00"),
    ],
)
def test_find_times_forms(text: str, hhmm: str) -> None:
    found = find_times(f"開始 {text} 予定")
    assert [t.hhmm() for t in found] == [hhmm]
    assert found[0].start == len("開始 ")
    assert found[0].end == len("開始 ") + len(text)


@pytest.mark.parametrize(
    "text",
    [
        "25時",
        "10時60分",
        "13:75",
        "10時間",
        "1時間30分",
        "3時限目",
        "会議を一時中断した",
        "同時に",
        "定時には",
        "there are 2 amendments",
        "13 p.m.",
        "令和７年 10 月６日",
    ],
)
def test_find_times_rejects(text: str) -> None:
    assert find_times(text) == []
    assert find_time_range(text) is None


def test_find_times_returns_each_time_once_in_order() -> None:
    text = "午前10時に開会、10:30 休憩、正午再開、午後1時4分閉会"
    assert [t.hhmm() for t in find_times(text)] == ["10:00", "10:30", "12:00", "13:04"]


def test_meridiem_applies_only_to_its_own_time() -> None:
    assert [t.hhmm() for t in find_times("午後1時～3時")] == ["13:00", "03:00"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10 時 30 分～11 時 50 分", "10:30", "11:50"),
        ("10時30分から11時50分まで", "10:30", "11:50"),
        ("午後1時～3時", "13:00", "15:00"),
        ("午後1時30分〜午後3時", "13:30", "15:00"),
        ("午前11時～午後1時", "11:00", "13:00"),
        ("午前10時 - 正午", "10:00", "12:00"),
        ("11時～1時", "11:00", "13:00"),
        ("22時～2時", "22:00", "02:00"),  # genuine overnight: not shifted
        ("午前9時～11時", "09:00", "11:00"),
        ("9:30 a.m. – 2 p.m.", "09:30", "14:00"),
        ("13:00~15:30", "13:00", "15:30"),
        ("14:00—16:00", "14:00", "16:00"),
        ("午前十時から十一時半まで", "10:00", "11:30"),
    ],
)
def test_find_time_range(text: str, start: str, end: str) -> None:
    found = find_time_range(f"時間：{text}")
    assert found is not None
    first, last = found
    assert last is not None
    assert (first.hhmm(), last.hhmm()) == (start, end)
    assert first.start == len("時間：")
    assert first.end <= last.start


def test_find_time_range_header() -> None:
    text = "日時：令和７年 10 月６日（月） 10 時 30 分～11 時 50 分 "
    first, last = text.index("10 時"), text.index("11 時")
    assert find_time_range(text) == (
        TimeMatch(10, 30, first, first + len("10 時 30 分")),
        TimeMatch(11, 50, last, last + len("11 時 50 分")),
    )


@pytest.mark.parametrize("text", ["開会 10時30分", "10時開会、11時閉会", "10:30 と 11:00"])
def test_find_time_range_without_range(text: str) -> None:
    found = find_time_range(text)
    assert found is not None
    assert found[1] is None
    assert found[0] == find_times(text)[0]


def test_find_time_range_none_without_time() -> None:
    assert find_time_range("議事要旨") is None


def test_hhmm_zero_pads() -> None:
    assert TimeMatch(9, 5, 0, 4).hhmm() == "09:05"

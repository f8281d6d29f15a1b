"""Read Japanese (and some English/French) dates, times and numerals out of minutes text.

Minutes headers are written by hand, so the same date shows up as ``令和７年 10 月６日（月）``,
``令和五年十一月一日`` or ``2025/10/06``. Everything here is a pure function over ``str``;
the only module state is the regex tables, compiled once at import.

Callers usually fold full-width ASCII to half width first, but not all do, so every
recogniser also accepts full-width digits and kanji numerals, with optional half- or
full-width spaces between tokens. Spaces never span line breaks: a date is one line.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple, TypeVar

import regex as re

from minutes_cli.grammar import patterns

__all__ = [
    "WEEKDAYS",
    "DateMatch",
    "TimeMatch",
    "find_date",
    "find_dates",
    "find_time_range",
    "find_times",
    "parse_int",
]

WEEKDAYS: tuple[str, ...] = ("月", "火", "水", "木", "金", "土", "日")

# Year 1 of each era; year N is start + N - 1 (the era boundaries themselves are not checked,
# because minutes printed just after a change of era still use the old one).
_ERA_START: dict[str, int] = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_ALIAS: dict[str, str] = {
    **{name: name for name in _ERA_START},
    **{name[0]: name for name in _ERA_START},
    **dict(zip("MTSHR", _ERA_START, strict=True)),
}

_KANJI_DIGIT: dict[str, int] = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI_UNIT: dict[str, int] = {"十": 10, "百": 100, "千": 1000}

# English, English abbreviations, French (with and without accents).
_MONTH_WORDS: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "janvier"),
    ("february", "feb", "février", "fevrier"),
    ("march", "mar", "mars"),
    ("april", "apr", "avril"),
    ("may", "mai"),
    ("june", "jun", "juin"),
    ("july", "jul", "juillet"),
    ("august", "aug", "août", "aout"),
    ("september", "sep", "sept", "septembre"),
    ("october", "oct", "octobre"),
    ("november", "nov", "novembre"),
    ("december", "dec", "décembre", "decembre"),
)
_MONTH_NAMES: dict[str, int] = {w: i for i, ws in enumerate(_MONTH_WORDS, 1) for w in ws}

# --- regex building blocks ---------------------------------------------------------------
_S = r"[ \t\u00a0\u3000]*"  # optional horizontal space (half- or full-width)
_SP = r"[ \t\u00a0\u3000]+"
_D = "0-9０-９"
_K = "〇一二三四五六七八九十零"  # kanji usable for hours, minutes, months, days
_KALL = _K + "百千廿"
_MD_NUM = rf"[{_D}]{{1,2}}|[{_K}廿]{{1,3}}"  # month or day
_PAREN = rf"(?:{_S}[（(][^()（）\n]{{1,12}}[)）])?"  # e.g. 2025（令和７）年, 令和7年(2025年)
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTH_NAMES), key=len, reverse=True))
_WEEKDAY = (
    rf"(?:{_S}[（(]{_S}(?P<wd>[月火水木金土日]){_S}(?:曜{_S}日?)?"
    rf"(?:{_S}[・･、,][^()（）\n]{{1,4}})?{_S}[)）])?"
)
_JP_MD = rf"{_PAREN}{_S}年{_S}(?P<m>{_MD_NUM}){_S}月{_S}(?P<d>{_MD_NUM}){_S}日"

_DATE_PATTERNS: dict[str, patterns.Pattern] = {
    "era": patterns.compile(
        rf"(?P<era>明治|大正|昭和|平成|令和|(?<![\u3400-\u9fff々])[明大昭平令](?={_S}[{_D}]))"
        rf"{_S}(?P<y>元|[{_D}]{{1,2}}|[{_K}]{{1,3}}){_JP_MD}{_WEEKDAY}"
    ),
    "western_kanji": patterns.compile(
        rf"(?<![{_D}{_KALL}])(?P<y>[{_D}]{{4}}|[{_KALL}]{{2,7}}){_JP_MD}{_WEEKDAY}"
    ),
    "numeric": patterns.compile(
        rf"(?<![{_D}/.\-])(?P<y>[{_D}]{{4}})(?P<sep>[/\-.／－．])(?P<m>[{_D}]{{1,2}})"
        rf"(?P=sep)(?P<d>[{_D}]{{1,2}})(?![{_D}]){_WEEKDAY}"
    ),
    "era_latin": patterns.compile(  # R7.10.6, H31/4/30
        rf"(?<![A-Za-z])(?P<era>[MTSHR])(?P<y>[{_D}]{{1,2}})(?P<sep>[./．／])"
        rf"(?P<m>[{_D}]{{1,2}})(?P=sep)(?P<d>[{_D}]{{1,2}})(?![{_D}]){_WEEKDAY}"
    ),
    "month_day_year": patterns.compile(  # January 12, 2011 / Jan. 12th 2011
        rf"(?<![A-Za-z])(?P<mon>{_MONTH_RE})\.?{_SP}(?P<d>[{_D}]{{1,2}})(?![{_D}])(?:st|nd|rd|th)?"
        rf"{_S},?{_S}(?P<y>[{_D}]{{4}})(?![{_D}]){_WEEKDAY}",
        re.IGNORECASE,
    ),
    # 22.10.2025: dots put the day first (German, Dutch, Nordic and W3C minutes)
    "dotted_day_first": patterns.compile(
        rf"(?<![{_D}./\-])(?P<d>[{_D}]{{1,2}})\.(?P<m>[{_D}]{{1,2}})\.(?P<y>[{_D}]{{4}})"
        rf"(?![{_D}]|\.[{_D}]){_WEEKDAY}"
    ),
    # 02/09/2015: month first, as English text writes it; day first where the first
    # number cannot be a month (25/09/2015); both readable ways is said (``ambiguous``)
    "slashed": patterns.compile(
        rf"(?<![{_D}./\-])(?P<a>[{_D}]{{1,2}})/(?P<b>[{_D}]{{1,2}})/(?P<y>[{_D}]{{4}})"
        rf"(?![{_D}]|/[{_D}]){_WEEKDAY}"
    ),
    # 12 January 2011 / 12TH DAY OF JANUARY, 2011 / 1er décembre
    "day_month_year": patterns.compile(
        rf"(?<![0-9A-Za-z])(?P<d>[{_D}]{{1,2}})(?:st|nd|rd|th|er)?{_SP}(?:(?:day{_SP})?of{_SP})?"
        rf"(?P<mon>{_MONTH_RE})(?![^\W\d_])\.?{_S},?{_S}(?P<y>[{_D}]{{4}})(?![{_D}]){_WEEKDAY}",
        re.IGNORECASE,
    ),
}

_MERIDIEM = rf"(?:(?P<ap>午前|午後){_S})?"
_EN_SUFFIX = r"(?P<sfx>[AaPp]\.?[Mm]\.?)(?![A-Za-z])"
_TIME_PATTERNS: dict[str, patterns.Pattern] = {
    "kanji": patterns.compile(  # 10 時 30 分 / 午後零時十一分 / 10時半
        rf"{_MERIDIEM}(?<![{_D}{_KALL}])(?P<h>[{_D}]{{1,2}}|[{_K}]{{1,3}})"
        rf"{_S}時(?![間限])(?:{_S}(?P<half>半)|{_S}(?P<m>[{_D}]{{1,2}}|[{_K}]{{1,3}}){_S}分)?"
    ),
    "noon": patterns.compile(r"(?P<noon>正午)"),
    "colon": patterns.compile(  # 10:30 / 9:30 A.M. / 午前9:30
        rf"{_MERIDIEM}(?<![{_D}.])(?<![{_D}][:：])(?P<h>[{_D}]{{1,2}})[:：](?P<m>[{_D}]{{2}})"
        rf"(?![{_D}])(?:[:：][{_D}]{{2}}(?![{_D}]))?(?:{_S}{_EN_SUFFIX})?"
    ),
    "english": patterns.compile(  # 2 p.m.
        rf"(?<![{_D}.])(?<![{_D}][:：])(?P<h>[{_D}]{{1,2}}){_S}{_EN_SUFFIX}"
    ),
    "french": patterns.compile(  # 20h30 / 9 h 05 / 22h
        rf"(?<![{_D}.])(?P<h>[{_D}]{{1,2}}){_S}h{_S}(?P<m>[{_D}]{{2}})?(?![A-Za-z{_D}])"
    ),
}
_RANGE_SEP = patterns.compile(rf"{_S}(?:[～〜~\-–—－−‐]|から){_S}")
_ASCII_OR_WIDE_DIGITS = patterns.compile(rf"[{_D}]+")
_KANJI_NUMERAL = patterns.compile(rf"[{_KALL}万]+")


class DateMatch(NamedTuple):
    """A date found in text; ``end`` includes a stated weekday such as ``（月）``."""

    date: datetime.date
    weekday_stated: int | None  # 0=Monday..6=Sunday, as written after the date
    start: int
    end: int
    era: str | None  # "令和", "平成", ... or None for western-calendar dates
    #: Written so that it could be read another way: ``02/09/2015`` is read month first,
    #: as English writes it, but may be 2 September.
    ambiguous: bool = False


class TimeMatch(NamedTuple):
    """A clock time (24-hour) found in text."""

    hour: int
    minute: int
    start: int
    end: int

    def hhmm(self) -> str:
        """Zero-padded ``HH:MM``, the form records store."""
        return f"{self.hour:02d}:{self.minute:02d}"


# --- numerals -----------------------------------------------------------------------------
def _kanji_below_10000(s: str) -> int | None:
    """Positional (千九百四十七) or digit-by-digit (一九四七) kanji, below 10000."""
    if not any(c in _KANJI_UNIT or c == "廿" for c in s):
        if not all(c in _KANJI_DIGIT for c in s):
            return None
        return int("".join(str(_KANJI_DIGIT[c]) for c in s))
    total, digit, ceiling = 0, None, 10_000  # units must strictly decrease: 千 > 百 > 十
    for i, ch in enumerate(s):
        if ch in _KANJI_UNIT or ch == "廿":
            unit = _KANJI_UNIT.get(ch, 10)
            mult = 2 if ch == "廿" else (1 if digit is None else digit)
            if unit >= ceiling or (ch == "廿" and digit is not None):
                return None
            total, digit, ceiling = total + mult * unit, None, unit
        elif ch not in _KANJI_DIGIT or digit is not None:
            return None  # unknown char, or two digits in a row (二三十)
        elif _KANJI_DIGIT[ch] == 0:
            if i == 0:
                return None
            # a zero after a unit is a placeholder: 百〇五 = 105
        else:
            digit = _KANJI_DIGIT[ch]
    return total + (digit or 0)


def parse_int(text: str) -> int | None:
    """Integer from half/full-width digits or kanji (十二, 千九百四十七, 一九四七, 元 = 1).

    Returns None when ``text`` (spaces stripped) is not a numeral at all.
    """
    s = text.strip(" \t\u00a0\u3000")
    if s == "元":  # 元年: first year of an era
        return 1
    if _ASCII_OR_WIDE_DIGITS.fullmatch(s):
        return int(s)  # int() reads full-width digits natively
    if not _KANJI_NUMERAL.fullmatch(s):
        return None
    if "万" in s:
        head, _, tail = s.partition("万")
        high = _kanji_below_10000(head) if head else 1
        low = _kanji_below_10000(tail) if tail else 0
        if high is None or low is None or low >= 10_000 or "万" in tail:
            return None
        return high * 10_000 + low
    return _kanji_below_10000(s)


# --- scanning -----------------------------------------------------------------------------
_T = TypeVar("_T")


def _scan(
    text: str,
    patterns: Sequence[patterns.Pattern],
    convert: Callable[[re.Match[str]], _T | None],
) -> Iterator[_T]:
    """Yield converted, non-overlapping matches of several patterns, leftmost (then longest) first.

    A match that ``convert`` rejects (e.g. 2月30日) is skipped and the search resumes one
    character later, so a valid date right after an invalid one is still found. Each
    pattern's next match is cached so the text is not rescanned for every hit.
    """
    pending = [p.search(text) for p in patterns]
    pos = 0
    while True:
        for i, p in enumerate(patterns):
            found = pending[i]
            if found is not None and found.start() < pos:
                pending[i] = p.search(text, pos)
        live = [m for m in pending if m is not None]
        if not live:
            return
        best = min(live, key=lambda m: (m.start(), -m.end()))
        value = convert(best)
        if value is None:
            pos = best.start() + 1
        else:
            yield value
            pos = max(best.end(), best.start() + 1)


# --- dates --------------------------------------------------------------------------------
def _to_date(m: re.Match[str]) -> DateMatch | None:
    g = m.groupdict()
    ambiguous = False
    month: int | None
    day: int | None
    if g.get("a"):  # 02/09/2015: month first unless the first cannot be a month
        first, second = parse_int(g["a"]) or 0, parse_int(g["b"]) or 0
        month, day = (second, first) if first > 12 else (first, second)
        ambiguous = first <= 12 and second <= 12 and first != second
        year = parse_int(g["y"])
    else:
        year, day = parse_int(g["y"]), parse_int(g["d"])
        month = _MONTH_NAMES.get(g["mon"].lower()) if g.get("mon") else parse_int(g["m"])
    if year is None or month is None or day is None:
        return None
    era = _ERA_ALIAS.get(g.get("era") or "")
    if era is not None:
        if not 1 <= year <= 99:
            return None
        year += _ERA_START[era] - 1
    elif year < 1000:  # "5年3月1日" without an era is not a western year
        return None
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    wd = g.get("wd")
    return DateMatch(date, WEEKDAYS.index(wd) if wd else None, m.start(), m.end(), era, ambiguous)


def find_dates(text: str) -> list[DateMatch]:
    """All valid dates in ``text``, in order; impossible dates such as 2月30日 are skipped."""
    return list(_scan(text, tuple(_DATE_PATTERNS.values()), _to_date))


@lru_cache(maxsize=1024)  # the header asks about the same lines several times; bounded
def find_date(text: str) -> DateMatch | None:
    """The first valid date in ``text`` (see :func:`find_dates` for the forms)."""
    return next(_scan(text, tuple(_DATE_PATTERNS.values()), _to_date), None)


# --- times --------------------------------------------------------------------------------
def _to_time(m: re.Match[str]) -> tuple[TimeMatch, bool] | None:
    """The time and whether it carried its own 午前/午後 or a.m./p.m."""
    g = m.groupdict()
    if g.get("noon"):
        return TimeMatch(12, 0, m.start(), m.end()), True
    hour = parse_int(g["h"])
    minute = 30 if g.get("half") else (parse_int(g["m"]) if g.get("m") else 0)
    ap, sfx = g.get("ap"), (g.get("sfx") or "").lower()
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    if g["h"] == "一" and not (ap or g.get("m") or g.get("half")):
        return None  # bare 一時 almost always means "temporarily" (一時中断), not 1 o'clock
    if sfx:
        if not 1 <= hour <= 12:
            return None
        hour %= 12  # 12 a.m. is midnight, 12 p.m. is noon
    if (ap == "午後" or sfx.startswith("p")) and hour < 12:
        hour += 12  # 午後12時 stays 12: by Japanese convention it already means noon
    return TimeMatch(hour, minute, m.start(), m.end()), bool(ap or sfx)


def _timed(text: str) -> Iterator[tuple[TimeMatch, bool]]:
    return _scan(text, tuple(_TIME_PATTERNS.values()), _to_time)


def find_times(text: str) -> list[TimeMatch]:
    """All clock times in ``text`` in order, each once; a 午前/午後 prefix applies to its time."""
    return [t for t, _ in _timed(text)]


def find_time_range(text: str) -> tuple[TimeMatch, TimeMatch | None] | None:
    """The first time and, if a range separator (～, -, から...) follows, the end time.

    An end time without its own 午前/午後 that would fall before the start is moved 12 hours
    later when that fixes it (午後1時～3時 ends at 15:00); a genuine overnight range such as
    22時～2時 is left alone.
    """
    timed = _timed(text)
    first = next(timed, None)
    if first is None:
        return None
    start = first[0]
    second = next(timed, None)
    if second is None or not _RANGE_SEP.fullmatch(text, start.end, second[0].start):
        return start, None
    end, marked = second
    later = end._replace(hour=end.hour + 12)
    if (
        not marked
        and (end.hour, end.minute) < (start.hour, start.minute)
        and end.hour < 12
        and (later.hour, later.minute) >= (start.hour, start.minute)
    ):
        end = later
    return start, end

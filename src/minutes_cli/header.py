"""Header reader: title, kind, date, times, venue, attendance and agenda.

The header is the run of lines before the body. Its lines are read one by one
with the recognisers in :data:`LINE_KINDS` (labels such as ``日時：``/``１　期日``,
attendance and agenda block headings, agenda items, dates, time stamps, rules)
and grouped into blocks: an attendance heading takes the list under it, an
agenda heading its items. Each block becomes one :class:`HeaderField`, so every
header line is owned by exactly one record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import regex as re

from minutes_cli import codes, grammar, jpdate, patterns
from minutes_cli.models import (
    AgendaItem,
    Attendance,
    AttendanceGroup,
    Attendee,
    Diagnostic,
    HeaderField,
    Meta,
)
from minutes_cli.normalize import Line, Paragraph, display_width

#: Header label (spaces removed) -> what its value states.
LABEL_KEYS: dict[str, str] = {
    "日時": "datetime", "開催日時": "datetime", "開会日時": "datetime",
    "開催日": "date", "期日": "date", "日付": "date", "date": "date",
    "時間": "time", "time": "time",
    "場所": "venue", "会場": "venue", "開催場所": "venue", "place": "venue",
    "location": "venue", "venue": "venue",
    "出席者": "attendance", "出席委員": "attendance", "欠席者": "attendance",
    "欠席委員": "attendance", "attendees": "attendance", "present": "attendance",
    "absent": "attendance",
}  # fmt: skip

#: A paragraph wider than this (columns) is body text, not a title line.
MAX_TITLE_WIDTH = 120

#: Block label word -> status, first match wins: 欠席説明員 is absent, 出席説明員 staff.
_ATTENDANCE_STATUS: tuple[tuple[str, str], ...] = (
    ("欠席", "absent"), ("説明員", "staff"), ("事務局", "staff"), ("局職員", "staff"),
    ("理事者", "staff"), ("地方自治法", "staff"), ("政府", "staff"), ("國務大臣", "staff"),
    ("国務大臣", "staff"), ("出席", "present"),
)  # fmt: skip

#: Attendance block headings: 出席議員（２５名）, 出　席　議　員　（３８名）, ３ 出席議員（32人）,
#: 欠席議員 なし, 説明員, 出席事務局職員, 地方自治法第121条による出席者, 区議会事務局, 出席國務大臣.
ATTENDANCE_HEAD = patterns.compile(
    r"^(?:[○〇]\s*)?(?:\d{1,2}\s*)?(?P<label>"
    r"(?:出席|欠席)\S{0,8}?(?:議員|委員|者|職員|説明員|大臣|政府委員|政府参考人|参考人)"
    r"|説明員|事務局出席職員|出席事務局職員|地方自治法第\d+条による出席者|(?:区|市)?議会事務局"
    r")\s*(?:[（(]\s*(?P<count>\d+)\s*(?:名|人)\s*[）)])?\s*(?P<rest>.*)$"
)
#: Agenda block headings: ○議事日程, 議事日程（第１号）, 本日の会議に付した事件, 追加議事日程.
AGENDA_HEAD = patterns.compile(
    r"^(?:[○〇]\s*)?(?P<label>(?:追加)?議事日程|(?:本日の)?[会會]議に付した(?:事件|案件))"
    r"(?P<rest>.*)$"
)
#: Agenda items: 第１　会期の決定, 日程第１, 日程第 2 議案…, 第一 環太平洋…
AGENDA_ITEM = patterns.compile(
    r"^(?P<number>(?:追加)?(?:日程)?第\s*" + grammar.NUMBER + r")(?:\s+(?P<title>\S.*))?$"
)
#: Header labels with a numbered form and no colon: ``１　期日　令和６年…``.
NUMBERED_LABEL = patterns.compile(
    r"^\d{1,2}\s+(?P<label>日\s*時|期\s*日|場\s*所|会\s*場|開催日時|開催日)\s+(?P<value>\S.*)$"
)
#: English ``Date: …`` style labels (the Japanese ones are in grammar.HEADER_LABEL).
ENGLISH_LABEL = patterns.compile(
    r"^\*?\s*(?P<label>Date|Time|Place|Location|Venue|Attendees|Present|Absent)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: Other ``key: value`` lines in a header (front matter, 会議名：…).
KEY_VALUE = patterns.compile(r"^(?P<label>[\w・]{1,12})\s*[:：]\s*(?P<value>\S.*)$")
#: Words that make a short header line a title line.
TITLE_WORDS = patterns.compile(
    r"会議録|議事録|議事要旨|会議要旨|議事概要|会議|議会|委員会|定例会|審議会|Minutes|Meeting", re.I
)
#: Time stamps that open and close the sitting.
OPENING = patterns.compile(r"開会|開議")
OPENING_EN = patterns.compile(
    r"\b(?:called\s+(?:the\s+)?(?:meeting\s+)?to\s+order|came\s+to\s+order|convened"
    r"|was\s+held\s+this\s+\S+\s+day\s+of\s+\w+,?\s+\d{4})[^.]{0,40}?\bat\s+"
    r"|\bdeux\s+mille(?:[\s-][\w-]+)?,?\s+à\s+|\b\d{4},?\s+à\s+"
    r"|\bséance\s+(?:est\s+)?ouverte\s+à\s+",
    re.I,
)
#: "adjourned at 9:56 p.m." or "At 10:31 a.m. Council adjourned."
CLOSING_EN = patterns.compile(
    r"\b(?:adjourned|adjournment)[^.]{0,30}?\bat\s+|séance\s+est\s+levée\s+à\s+"
    r"|\bat\s+(?=[\d:]{3,5}\s*[ap]\.?m\.?,?\s+\w+(?:\s+\w+)?\s+adjourned)",
    re.I,
)


class HeaderLine(NamedTuple):
    """A header line with what it was recognised as."""

    line: Line
    kind: str
    label: str | None
    value: str


def _label_of(text: str) -> tuple[str, str, str] | None:
    """``(key, label, value)`` for a labelled line in any of its forms."""
    for pattern in (grammar.HEADER_LABEL, NUMBERED_LABEL, ENGLISH_LABEL):
        found = pattern.match(text)
        if found:
            label = found["label"].replace(" ", "")
            return LABEL_KEYS.get(label.lower(), "other"), label, found["value"].strip()
    return None


def classify_line(text: str) -> tuple[str, str | None, str]:
    """What a header line is: ``(kind, label, value)``; kind is one of the block kinds."""
    event = grammar.event_kind(text)
    if event in ("separator", "time"):
        return event, None, text
    labelled = _label_of(text)
    if labelled:
        key, label, value = labelled
        return f"label:{key}", label, value
    compact = text.replace(" ", "")
    found = ATTENDANCE_HEAD.match(compact)
    if found and len(found["rest"]) <= 12:
        return "attendance-head", found["label"], compact
    found = AGENDA_HEAD.match(compact)
    if found:
        return "agenda-head", found["label"], found["rest"].strip()
    found = AGENDA_ITEM.match(text)
    if found:
        return "agenda-item", found["number"].replace(" ", ""), (found["title"] or "").strip()
    if grammar.LEGEND_BLOCK.search(text) and grammar.BRACKET_LINE.match(text):
        return "legend", None, text
    if text.startswith("# "):
        return "title", None, text[2:].strip()
    if len(grammar.INITIALS_ENTRY.findall(text)) >= 3:
        return "attendance-head", "Attendees", text
    found = KEY_VALUE.match(text)
    if found and display_width(text) <= 80 and not grammar.ends_sentence(text):
        return "label:other", found["label"], found["value"]
    date = jpdate.find_date(text)
    if date and display_width(text) <= 80:
        return "date", None, text
    return "text", None, text


class Block(NamedTuple):
    """Header lines read together: a heading and the list under it, or one line."""

    key: str  # what the block states: "title", "date", "attendance", "agenda", …
    label: str | None  # its label as written (spaces removed), e.g. "出席議員"
    items: list[HeaderLine]


class Header(NamedTuple):
    """What the header reader found."""

    meta: Meta
    fields: tuple[HeaderField, ...]
    diagnostics: tuple[Diagnostic, ...]


def find_body_start(
    lines: Sequence[Line],
    is_speaker: Callable[[Line], bool],
    is_heading: Callable[[Line], bool],
    to_first_speaker: bool,
) -> int:
    """Index of the first body line.

    Verbatim records (``to_first_speaker``) keep everything before the first
    speaker in the header, prose and numbered agenda lines included. Other minutes
    end the header at the first heading (one that is not an item of a 議事日程
    block above it) or the first prose paragraph.
    """
    in_agenda = False
    for index, line in enumerate(lines):
        text = line.text.strip()
        if is_speaker(line) or grammar.BULLET_START.match(text):
            return index
        if to_first_speaker:
            continue
        kind, _, _ = classify_line(text)
        in_agenda = kind == "agenda-head" or (in_agenda and kind in ("agenda-item", "text"))
        if (
            is_heading(line)
            and not (in_agenda and kind == "agenda-item")
            and (kind in ("text", "date", "label:other", "agenda-item"))
        ):
            return index
        if kind == "text" and (
            grammar.ends_sentence(text) or display_width(text) > MAX_TITLE_WIDTH
        ):
            return index
    return len(lines)


def _field(
    lines: Sequence[Line], key: str, label: str | None, shared: frozenset[int]
) -> HeaderField:
    first, last = lines[0], lines[-1]
    return HeaderField(
        key=key,  # type: ignore[arg-type]  # keys come from LABEL_KEYS and this module
        label=label,
        text="\n".join(line.text.strip() for line in lines),
        line_start=first.number,
        line_end=last.number,
        # A line cut at a glued speaker label is shared: say which columns are ours.
        column_start=first.column + first.indent if first.number in shared else None,
        column_end=last.column + len(last.text.rstrip()) - 1 if last.number in shared else None,
    )


def _group(classified: Sequence[HeaderLine]) -> list[Block]:
    """Group header lines into blocks: a heading takes the plain lines under it."""
    blocks: list[Block] = []
    open_block: str | None = None
    for item in classified:
        kind = item.kind
        if kind == "text" and open_block in ("attendance", "agenda") and blocks:
            blocks[-1][2].append(item)
            continue
        if kind == "agenda-item" and blocks and blocks[-1][0] == "agenda":
            blocks[-1][2].append(item)
            continue
        if kind == "attendance-head":
            open_block = "attendance"
            blocks.append(Block("attendance", item.label, [item]))
        elif kind in ("agenda-head", "agenda-item"):
            open_block = "agenda"
            blocks.append(Block("agenda", item.label, [item]))
        else:
            open_block = None
            key = {
                "time": "time",
                "separator": "separator",
                "legend": "legend",
                "date": "date",
                "title": "title",
            }.get(kind, kind.removeprefix("label:") if kind.startswith("label:") else "other")
            blocks.append(Block(key, item.label, [item]))
    return blocks


def read_header(
    lines: Sequence[Line], body: Sequence[Paragraph], shared: frozenset[int] = frozenset()
) -> Header:
    """Read the header lines; ``body`` is searched for facts stated later (attendance,
    times); ``shared`` are lines cut into pieces, whose fields say which columns they own."""
    classified = [HeaderLine(line, *classify_line(line.text.strip())) for line in lines]
    blocks = _group(classified)
    titled = _mark_titles(blocks)
    fields = [_field([i.line for i in items], key, label, shared) for key, label, items in titled]

    diagnostics: list[Diagnostic] = []
    title = _title(titled, classified)
    kind = next((k for k in grammar.KINDS if title and k in title), None)
    date_line, found = _meeting_date(classified)
    date = found.date.isoformat() if found else None
    weekday: str | None = None
    if found and found.weekday_stated is not None and date_line is not None:
        weekday = jpdate.WEEKDAYS[found.weekday_stated]
        actual = found.date.weekday()
        if actual != found.weekday_stated:
            column = date_line.column + found.start  # found in the unstripped line
            diagnostics.append(
                codes.diagnostic(
                    codes.WEEKDAY_MISMATCH,
                    f"{date} is a {jpdate.WEEKDAYS[actual]}曜日, but the text says （{weekday}）",
                    date_line.number,
                    column,
                )
            )
    if date is None:
        for paragraph in body[:5]:
            in_body = jpdate.find_date(paragraph.text)
            if in_body:
                date = in_body.date.isoformat()
                break
    if date is None:
        diagnostics.append(codes.diagnostic(codes.NO_DATE, "no meeting date found", None))
    if title is None:
        diagnostics.append(codes.diagnostic(codes.NO_TITLE, "no title found", None))
    start_time, end_time = _times(classified, body)
    venue = next((i.value for i in classified if i.kind == "label:venue"), None)
    groups, attendees = _attendance(titled)
    if not groups:
        groups, attendees = _trailing_attendance(body)
    attendance = _attendance_summary(groups) or find_attendance(
        [Paragraph.of_line(i.line) for i in classified] + list(body)
    )
    meta = Meta(
        title=title,
        kind=kind,  # type: ignore[arg-type]  # one of grammar.KINDS
        date=date,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        attendance=attendance,
        attendance_groups=groups,
        attendees=attendees,
        agenda=_agenda(titled),
    )
    return Header(meta, tuple(fields), tuple(diagnostics))


#: A line that names the record, e.g. 目黒区議会会議録 第１号 (not 会議録署名議員の指名).
_NAMES_RECORD = patterns.compile(
    r"(?:会議録|議事録|議事要旨|会議要旨|議事概要)\s*(?:[（(]?第\s*\d+\s*号[）)]?)?$"
)


def _mark_titles(blocks: Sequence[Block]) -> list[Block]:
    """Plain short lines at the very top (before any label, date or list) are the title,
    and so is a Markdown ``# heading``; consecutive title lines form one block."""
    marked: list[Block] = []
    top = True
    for key, label, items in blocks:
        text = " ".join(i.value for i in items)
        short = all(display_width(i.value) <= 80 and "<" not in i.value for i in items)
        plain = key == "other" and label is None  # not a "key: value" line
        if key == "title" or (
            top and short and (plain or (key == "date" and TITLE_WORDS.search(text)))
        ):
            if marked and marked[-1][0] == "title" and top:
                marked[-1][2].extend(items)
                continue
            key = "title"
        elif key != "separator":  # front matter rules (---) keep us at the top
            top = False
        marked.append(Block(key, label, list(items)))
    return marked


def _title(blocks: Sequence[Block], lines: Sequence[HeaderLine]) -> str | None:
    """The title lines; else a line naming the kind of record (…会議録); else 会議名."""
    titles = [
        " ".join(i.value.strip() for i in items) for key, _, items in blocks if key == "title"
    ]
    if not titles:
        titles = [i.value for i in lines if _NAMES_RECORD.search(i.value)][:1]
    if not titles:
        titles = [i.value for i in lines if i.label == "会議名"][:1]
    title = " ".join(" ".join(t.split()) for t in titles)
    return title or None


def _meeting_date(lines: Sequence[HeaderLine]) -> tuple[Line | None, jpdate.DateMatch | None]:
    """The meeting's date among the header's dates (not the convocation or a fiscal year)."""
    labelled = [i for i in lines if i.kind in ("label:date", "label:datetime")]
    for item in labelled:
        found = jpdate.find_date(item.line.text)
        if found:
            return item.line, found
    dated: list[tuple[int, HeaderLine, jpdate.DateMatch]] = []
    for n, item in enumerate(lines):
        found = jpdate.find_date(item.line.text)
        if found and item.kind in ("date", "agenda-head", "text", "title"):
            dated.append((n, item, found))
    opening = next(
        (n for n, x in enumerate(lines) if x.kind in ("time", "date") and OPENING.search(x.value)),
        None,
    )
    if opening is not None:  # the date closest before the opening time stamp
        before = [(item, found) for n, item, found in dated if n <= opening]
        if before:
            return before[-1][0].line, before[-1][1]
    for _, item, found in dated:
        if found.weekday_stated is not None:
            return item.line, found
    if dated:
        return dated[0][1].line, dated[0][2]
    return None, None


def _times(lines: Sequence[HeaderLine], body: Sequence[Paragraph]) -> tuple[str | None, str | None]:
    """Start and end: a ``日時`` label's range, else (or for what it lacks) the opening
    and closing time stamps, else English or French narrative phrases."""
    start: list[jpdate.TimeMatch] = []
    end: list[jpdate.TimeMatch] = []
    for item in lines:
        if item.kind in ("label:datetime", "label:time", "label:date"):
            date = jpdate.find_date(item.value)
            found = jpdate.find_time_range(item.value[date.end :] if date else item.value)
            if found:
                start, end = [found[0]], [found[1]] if found[1] else []
                break
    stamps = [i.line.text.strip() for i in lines if i.kind == "time"]
    stamps += [p.text for p in body if grammar.event_kind(p.text) == "time"]
    opening = next((s for s in stamps if OPENING.search(s)), None)
    closing = next((s for s in reversed(stamps) if grammar.CLOSING.search(s)), None)
    start = start or (jpdate.find_times(opening) if opening else [])
    end = end or (jpdate.find_times(closing) if closing else [])
    if not start or not end:  # narrative minutes: "called … to order at 6:02 p.m."
        texts = [i.line.text for i in lines] + [p.text for p in body]
        start = start or _time_after(OPENING_EN, texts, first=True)
        end = end or _time_after(CLOSING_EN, texts, first=False)
    return (start[0].hhmm() if start else None, end[0].hhmm() if end else None)


#: A letter of the Latin alphabet, as the English and French phrases use (à, é).
_LATIN_LETTER = patterns.char_set("[A-Za-z\u00c0-\u00ff]")


def _time_after(
    pattern: patterns.Pattern, texts: Sequence[str], first: bool
) -> list[jpdate.TimeMatch]:
    """The time right after the first (or last) phrase that ``pattern`` finds."""
    found = [
        times
        for text in texts
        if _LATIN_LETTER.search(text)  # every phrase has one; most Japanese text has none
        for match in pattern.finditer(text)
        if (times := jpdate.find_times(text[match.end() : match.end() + 16]))
    ]
    return (found[0] if first else found[-1]) if found else []


#: One person in an attendance list line: optional seat or role, then the name.
_SEATED = patterns.compile(r"(?P<seat>\d{1,3})\s*番\s+(?P<name>.+?)(?=\s+\d{1,3}\s*番|$)")


def _people(text: str) -> list[tuple[str | None, str, int | None]]:
    """``(role, name, seat)`` for each person on an attendance line."""
    text = text.strip()
    if not text or text in ("なし", "な し") or grammar.ends_sentence(text):
        return []
    seated = list(_SEATED.finditer(text))
    if seated:
        return [(None, _clean_name(m["name"]), int(m["seat"])) for m in seated]
    if "君" in text:  # 理事　池田　佳隆君　理事　中村　裕之君 / 伊藤　三郎君　加藤　美咲君
        people: list[tuple[str | None, str, int | None]] = []
        for chunk in text.split("君")[:-1]:
            words = chunk.split()
            role = words[0] if len(words) > 1 and grammar.looks_like_role(words[0]) else None
            people.append((role, _clean_name("".join(words[1:] if role else words)), None))
        return people
    cells = _CELL_GAP.split(text)
    if len(cells) >= 2 and grammar.looks_like_role(cells[0].replace(" ", "")):
        return [(role.replace(" ", ""), _clean_name(name), None) for role, name in _pairs(cells)]
    return [(None, _clean_name(text), None)]


def _pairs(cells: list[str]) -> list[tuple[str, str]]:
    """Role/name cells in one or two columns; letter-spaced names may span cells."""
    pairs: list[tuple[str, str]] = []
    role: str | None = None
    name: list[str] = []
    for cell in cells:
        compact = cell.replace(" ", "")
        if grammar.looks_like_role(compact) and (role is None or name):
            if role is not None:
                pairs.append((role, " ".join(name)))
            role, name = compact, []
        else:
            name.append(cell)
    if role is not None and name:
        pairs.append((role, " ".join(name)))
    return pairs


_CELL_GAP = patterns.compile(r"\s{2,}")
_SPACES = patterns.compile(r"[ ]{2,}")


def _clean_name(text: str) -> str:
    return grammar.strip_honorific("".join(text.split()))[0]


_ENGLISH_LIST = patterns.compile(r",|;|\band\b")
_ENGLISH_ROLE = patterns.compile(r"\s*\(([^)]+)\)")


def _attendance(
    blocks: Sequence[Block],
) -> tuple[list[AttendanceGroup], list[Attendee]]:
    groups: list[AttendanceGroup] = []
    attendees: list[Attendee] = []
    for key, label, items in blocks:
        if key == "attendance" and label and label.lower() in ("present", "absent"):
            line = items[0].line  # Present: Jerdonek (Chair), Bafundo, Hage and Wasserman
            names = [n.strip() for n in _ENGLISH_LIST.split(items[0].value.rstrip(". "))]
            names = [n for n in names if n]
            groups.append(
                AttendanceGroup(
                    label=label,
                    status="present" if label.lower() == "present" else "absent",
                    count=len(names),
                    line_start=line.number,
                    line_end=line.number,
                )
            )
            for name in names:
                role = _ENGLISH_ROLE.search(name)
                attendees.append(
                    Attendee(
                        name=_ENGLISH_ROLE.sub("", name).strip(),
                        role=role[1] if role else None,
                        seat=None,
                        group=label,
                        line_start=line.number,
                        line_end=line.number,
                    )
                )
            continue
        if key != "attendance" or items[0].kind != "attendance-head" or not label:
            continue
        head = ATTENDANCE_HEAD.match(items[0].line.text.strip().replace(" ", ""))
        count = int(head["count"]) if head and head["count"] else None
        status = next((s for word, s in _ATTENDANCE_STATUS if word in label), "other")
        groups.append(
            AttendanceGroup(
                label=label,
                status=status,  # type: ignore[arg-type]  # from _ATTENDANCE_STATUS
                count=count,
                line_start=items[0].line.number,
                line_end=items[-1].line.number,
            )
        )
        if label == "Attendees":  # Waldemar Horwat (WH), Brian Terlson (BT), …
            line = items[0].line
            attendees.extend(
                Attendee(
                    name=m["name"],
                    role=None,
                    seat=None,
                    group=label,
                    initials=m["initials"],
                    line_start=line.number,
                    line_end=line.number,
                )
                for m in grammar.INITIALS_ENTRY.finditer(items[0].value)
            )
            continue
        attendees.extend(_listed([i.line for i in items[1:]], label))
    return groups, attendees


def _listed(lines: Sequence[Line], group: str) -> list[Attendee]:
    """The people on attendance list lines; a line that is only a role (``委　員``)
    gives that role to the unlabelled names under it."""
    people: list[Attendee] = []
    heading_role: str | None = None
    for line in lines:
        compact = line.text.replace(" ", "")
        if compact in grammar.ROLE_SUFFIXES:
            heading_role = compact
            continue
        for role, name, seat in _people(line.text):
            if any(c.isalnum() for c in name):  # not a rule of dots or dashes
                people.append(
                    Attendee(
                        name=name,
                        role=role or heading_role,
                        seat=seat,
                        group=group,
                        line_start=line.number,
                        line_end=line.number,
                    )
                )
    return people


#: ``出席者は左の通り。``: an attendance list placed after the closing time.
TRAILING_ATTENDANCE = patterns.compile(r"^出席者は(?:左|次)の(?:通り|とおり)")


def _trailing_attendance(
    body: Sequence[Paragraph],
) -> tuple[list[AttendanceGroup], list[Attendee]]:
    """The list under ``出席者は左の通り。`` at the end of old Diet records."""
    for index, paragraph in enumerate(body):
        if not TRAILING_ATTENDANCE.match(paragraph.text):
            continue
        listed: list[Paragraph] = []
        for after in body[index + 1 :]:
            if "。" in after.text or grammar.MARKER_START.match(after.text):
                break
            listed.append(after)
        lines = [Line(p.line_start, p.text, 0, 0) for p in listed]
        group = AttendanceGroup(
            label="出席者",
            status="present",
            count=None,
            line_start=paragraph.line_start,
            line_end=listed[-1].line_end if listed else paragraph.line_end,
        )
        return [group], _listed(lines, "出席者")
    return [], []


def _attendance_summary(groups: Sequence[AttendanceGroup]) -> Attendance | None:
    present = next((g for g in groups if g.status == "present" and g.count is not None), None)
    if present is None:
        return None
    absent = next((g for g in groups if g.status == "absent"), None)
    total = present.count + (absent.count or 0) if absent is not None and present.count else None
    return Attendance(
        present=present.count,
        total=total,
        group=present.label,
        line_start=present.line_start,
        line_end=present.line_start,
    )


def _agenda(blocks: Sequence[Block]) -> list[AgendaItem]:
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


def find_attendance(paragraphs: Sequence[Paragraph]) -> Attendance | None:
    """The first stated attendance count: ``委員 11 名中７名出席`` or ``出席者 7 名``."""
    for paragraph in paragraphs:
        # Both forms say 出席: a substring test spares the (slow) scan of every paragraph
        # of a document that gives no count.
        found = grammar.ATTENDANCE.search(paragraph.text) if "出席" in paragraph.text else None
        if not found:
            continue
        present = found["present"] or found["present_only"]
        group = (found["group"] or "").strip() or None
        return Attendance(
            present=int(present),
            total=int(found["total"]) if found["total"] else None,
            group=group,
            line_start=paragraph.line_at(found.start()),
            line_end=paragraph.line_at(found.end() - 1),
        )
    return None

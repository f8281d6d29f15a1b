"""Attendance: the blocks that list who was there (出席議員, 欠席議員, 説明員, Present:),
the people in them, and the stated count (``委員 11 名中７名出席``)."""

from __future__ import annotations

from collections.abc import Sequence

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import ATTENDANCE
from minutes_cli.grammar.header import ATTENDANCE_HEAD
from minutes_cli.grammar.labels import strip_honorific
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.offices import HEADS, looks_like_post
from minutes_cli.grammar.prefixes import INITIALS_ENTRY
from minutes_cli.grammar.text import ends_sentence
from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models import Attendance, AttendanceGroup, Attendee
from minutes_cli.parse.header.lines import Block
from minutes_cli.parse.tokens import Line, Paragraph

#: Block label word -> status, first match wins: 欠席説明員 is absent, 出席説明員 staff.
_ATTENDANCE_STATUS: tuple[tuple[str, AttendanceStatus], ...] = (
    ("欠席", "absent"), ("説明員", "staff"), ("事務局", "staff"), ("局職員", "staff"),
    ("理事者", "staff"), ("地方自治法", "staff"), ("政府", "staff"), ("國務大臣", "staff"),
    ("国務大臣", "staff"), ("出席", "present"),
)  # fmt: skip

#: One person in an attendance list line: optional seat or role, then the name.
_SEATED = patterns.compile(r"(?P<seat>\d{1,3})\s*番\s+(?P<name>.+?)(?=\s+\d{1,3}\s*番|$)")


def _people(text: str) -> list[tuple[str | None, str, int | None]]:
    """``(role, name, seat)`` for each person on an attendance line."""
    text = text.strip()
    if not text or text in ("なし", "な し") or ends_sentence(text):
        return []
    seated = list(_SEATED.finditer(text))
    if seated:
        return [(None, _clean_name(m["name"]), int(m["seat"])) for m in seated]
    if "君" in text:  # 理事　池田　佳隆君　理事　中村　裕之君 / 伊藤　三郎君　加藤　美咲君
        people: list[tuple[str | None, str, int | None]] = []
        for chunk in text.split("君")[:-1]:
            words = chunk.split()
            role = words[0] if len(words) > 1 and looks_like_post(words[0]) else None
            people.append((role, _clean_name("".join(words[1:] if role else words)), None))
        return people
    cells = _CELL_GAP.split(text)
    if len(cells) >= 2 and looks_like_post(cells[0].replace(" ", "")):
        return [(role.replace(" ", ""), _clean_name(name), None) for role, name in _pairs(cells)]
    return [(None, _clean_name(text), None)]


def _pairs(cells: list[str]) -> list[tuple[str, str]]:
    """Role/name cells in one or two columns; letter-spaced names may span cells."""
    pairs: list[tuple[str, str]] = []
    role: str | None = None
    name: list[str] = []
    for cell in cells:
        compact = cell.replace(" ", "")
        if looks_like_post(compact) and (role is None or name):
            if role is not None:
                pairs.append((role, " ".join(name)))
            role, name = compact, []
        else:
            name.append(cell)
    if role is not None and name:
        pairs.append((role, " ".join(name)))
    return pairs


_CELL_GAP = patterns.compile(r"\s{2,}")


def _clean_name(text: str) -> str:
    return strip_honorific("".join(text.split()))[0]


_ENGLISH_LIST = patterns.compile(r",|;|\band\b")
_ENGLISH_ROLE = patterns.compile(r"\s*\(([^)]+)\)")


def read(
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
        listed = items[0].kind == "label" and len(items) > 1  # ３ 出席者 / names below it
        if key != "attendance" or not label or (items[0].kind != "attendance-head" and not listed):
            continue
        head = ATTENDANCE_HEAD.match(items[0].line.text.strip().replace(" ", ""))
        count = int(head["count"]) if head and head["count"] else None
        status: AttendanceStatus = next(
            (s for word, s in _ATTENDANCE_STATUS if word in label), "other"
        )
        groups.append(
            AttendanceGroup(
                label=label,
                status=status,
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
                for m in INITIALS_ENTRY.finditer(items[0].value)
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
        if compact in HEADS:
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


def trailing(
    body: Sequence[Paragraph],
) -> tuple[list[AttendanceGroup], list[Attendee]]:
    """The list under ``出席者は左の通り。`` at the end of old Diet records."""
    for index, paragraph in enumerate(body):
        if not TRAILING_ATTENDANCE.match(paragraph.text):
            continue
        listed: list[Paragraph] = []
        for after in body[index + 1 :]:
            if "。" in after.text or MARKER_START.match(after.text):
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


def summary(groups: Sequence[AttendanceGroup]) -> Attendance | None:
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


def find_attendance(paragraphs: Sequence[Paragraph]) -> Attendance | None:
    """The first stated attendance count: ``委員 11 名中７名出席`` or ``出席者 7 名``."""
    for paragraph in paragraphs:
        # Both forms say 出席: a substring test spares the (slow) scan of every paragraph
        # of a document that gives no count.
        found = ATTENDANCE.search(paragraph.text) if "出席" in paragraph.text else None
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

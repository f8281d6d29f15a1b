"""Attendance: the blocks that list who was there (出席議員, 欠席議員, 説明員, Present:),
the people in them, and the stated count (``委員 11 名中７名出席``)."""

from __future__ import annotations

from collections.abc import Sequence

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import ATTENDANCE
from minutes_cli.grammar.header import ATTENDANCE_HEAD
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.prefixes import INITIALS_ENTRY
from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models import Attendance, AttendanceGroup, Attendee
from minutes_cli.parse.header.lines import Block
from minutes_cli.parse.header.listing import listed, nobody
from minutes_cli.parse.tokens import Line, Paragraph

#: Block label word -> status, first match wins: 欠席説明員 is absent, 出席説明員 staff.
_ATTENDANCE_STATUS: tuple[tuple[str, AttendanceStatus], ...] = (
    ("欠席", "absent"), ("説明員", "staff"), ("事務局", "staff"), ("局職員", "staff"),
    ("理事者", "staff"), ("地方自治法", "staff"), ("政府", "staff"), ("國務大臣", "staff"),
    ("国務大臣", "staff"), ("出席", "present"), ("Attendees", "present"),
)  # fmt: skip

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
                bare = _ENGLISH_ROLE.sub("", name).strip().replace("_", " ")  # Ben_Francis
                attendees.append(
                    Attendee(
                        name=bare,
                        family_name=bare.split()[-1] if len(bare.split()) > 1 else None,
                        role=role[1] if role else None,
                        seat=None,
                        group=label,
                        status="present" if label.lower() == "present" else "absent",
                        line_start=line.number,
                        line_end=line.number,
                    )
                )
            continue
        headed = items[0].kind == "label" and len(items) > 1  # ３ 出席者 / names below it
        if key != "attendance" or not label or (items[0].kind != "attendance-head" and not headed):
            continue
        head = ATTENDANCE_HEAD.match(items[0].line.text.strip().replace(" ", ""))
        count = int(head["count"]) if head and head["count"] else None
        if count is None and (
            (head and nobody(head["rest"]))
            or (len(items) > 1 and all(nobody(i.line.text) for i in items[1:]))
        ):
            count = 0  # 欠席委員（な　し）: nobody, stated
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
                    status=status,
                    initials=m["initials"],
                    family_name=m["name"].split()[-1] if len(m["name"].split()) > 1 else None,
                    line_start=line.number,
                    line_end=line.number,
                )
                for m in INITIALS_ENTRY.finditer(items[0].value)
            )
            continue
        rest = head["rest"] if head else ""
        listed_lines = [i.line for i in items[1:]]
        if rest and not nobody(rest):  # 欠席議員　山田太郎: the list begins on the heading's line
            first = items[0].line
            listed_lines.insert(0, first._replace(text=rest))
        attendees.extend(listed(listed_lines, label, status))
    return groups, attendees


#: ``出席者は左の通り。``: an attendance list placed after the closing time.
TRAILING_ATTENDANCE = patterns.compile(r"^出席者は(?:左|次)の(?:通り|とおり)")


def trailing(
    body: Sequence[Paragraph],
) -> tuple[list[AttendanceGroup], list[Attendee]]:
    """The list under ``出席者は左の通り。`` at the end of old Diet records."""
    for index, paragraph in enumerate(body):
        if not TRAILING_ATTENDANCE.match(paragraph.text):
            continue
        below: list[Paragraph] = []
        for after in body[index + 1 :]:
            if "。" in after.text or MARKER_START.match(after.text):
                break
            below.append(after)
        lines = [Line(p.line_start, p.text, 0, 0) for p in below]
        group = AttendanceGroup(
            label="出席者",
            status="present",
            count=None,
            line_start=paragraph.line_start,
            line_end=below[-1].line_end if below else paragraph.line_end,
        )
        return [group], listed(lines, "出席者", "present")
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

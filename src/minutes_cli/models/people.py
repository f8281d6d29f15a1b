"""Records of the people a document lists: attendance counts, blocks and attendees."""

from __future__ import annotations

from pydantic import Field

from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models.base import Span


class Attendance(Span):
    """A stated attendance count, e.g. ``委員 11 名中７名出席`` -> present 7, total 11."""

    present: int | None = Field(ge=0, description="Number of people present.")
    total: int | None = Field(ge=0, description="Number of members in all, when stated.")
    group: str | None = Field(default=None, description="Who is counted, e.g. '委員'.")


class AttendanceGroup(Span):
    """A block of the attendance list, e.g. ``出席議員（２５名）`` and its entries."""

    label: str = Field(description="The block's label, spaces removed, e.g. '出席議員'.")
    status: AttendanceStatus = Field(
        description="'present' for 出席…/Present, 'absent' for 欠席…/Absent, 'staff' for officials "
        "and secretariat (説明員, 事務局), else 'other'."
    )
    count: int | None = Field(
        ge=0, description="The count the block states, e.g. 25 of （２５名）."
    )


class Attendee(Span):
    """One person in an attendance block."""

    name: str = Field(description="Name, inner spaces removed, honorific removed.")
    role: str | None = Field(description="Role or post, e.g. '市長', '理事', 'Chair'.")
    seat: int | None = Field(ge=0, description="Seat number, e.g. 12 of '12番'.")
    group: str = Field(description="Label of the block the person is listed in.")
    status: AttendanceStatus = Field(
        default="other",
        description="'present', 'absent', 'staff' (an official or the secretariat: 説明員, "
        "理事者, the ministers under a Diet committee's members) or 'other', from the block "
        "and where the person stands in it.",
    )
    initials: str | None = Field(
        default=None, description="Initials the minutes use for the person, e.g. 'WH'."
    )
    note: str | None = Field(
        default=None, description="A remark the list adds in brackets, e.g. '代理出席'."
    )

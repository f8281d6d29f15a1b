"""Records of the people a document lists: attendance counts, blocks and attendees."""

from __future__ import annotations

from pydantic import Field

from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models.base import Record, Span


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
    family_name: str | None = Field(
        default=None,
        description="The family name, where the list sets it apart from the given name "
        "('池田　佳隆' -> '池田'; 'Waldemar Horwat' -> 'Horwat'); else null.",
    )
    reading: str | None = Field(
        default=None, description="The reading of the name, where the list gives it in kana."
    )


class Person(Record):
    """Someone who attends or speaks: one entry of the document's roster (``people``).

    A person comes from an attendance list or a key of initials, or, where no list names
    them, from the speaker labels themselves. Utterances point at a person by ``id``.
    """

    id: str = Field(
        description="Stable id within the document: the name with spaces removed and old "
        "kanji forms folded ('盛山正仁', 'Daniel-Ehrenberg'), '-2' after a second person of "
        "the same name; an XML name, so TEI can use it."
    )
    name: str = Field(description="The fullest name the document gives the person.")
    full_name: bool = Field(
        description="Whether ``name`` is known to be a full name: listed in attendance or in "
        "a key of initials, or written in full in a label (議長（尾辻秀久君）, ○北村経夫君, "
        "'Eric Holk:'); false for a family name alone ('田野瀬', 'Adams')."
    )
    family_name: str | None = Field(description="The family name, when the document tells it.")
    reading: str | None = Field(description="Reading of the name, when the document gives it.")
    offices: list[str] = Field(
        default_factory=list,
        description="Offices the person holds in this meeting, as written, in order first "
        "seen (the attendance list's, then the labels': '文部科学大臣', '国務大臣').",
    )
    seat: int | None = Field(default=None, ge=0, description="Seat number, when given.")
    party: str | None = Field(
        default=None, description="Party or parliamentary group, when the document gives it."
    )
    initials: str | None = Field(
        default=None, description="Initials the minutes use for the person, e.g. 'WH'."
    )
    status: AttendanceStatus | None = Field(
        default=None,
        description="How the attendance list has the person ('present', 'absent', 'staff', "
        "'other'); null for one known only from the labels.",
    )
    lines: list[int] = Field(
        default_factory=list,
        description="Source lines where the document lists the person (attendance, key of "
        "initials); empty for one known only from the labels.",
    )
    turns: int = Field(default=0, ge=0, description="How many utterances are linked to them.")

"""Attendance: the blocks that list who was there (出席議員, 欠席議員, 説明員, Present:),
the people in them, and the stated count (``委員 11 名中７名出席``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import ATTENDANCE
from minutes_cli.grammar.header import ATTENDANCE_HEAD
from minutes_cli.grammar.labels import strip_honorific
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.offices import HEADS, is_office, looks_like_post
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
    ("国務大臣", "staff"), ("出席", "present"), ("Attendees", "present"),
)  # fmt: skip

#: One person in an attendance list line: optional seat or role, then the name.
_SEATED = patterns.compile(r"(?P<seat>\d{1,3})\s*番\s+(?P<name>.+?)(?=\s+\d{1,3}\s*番|$)")

#: A word of a list line: a bracketed remark (``（代理出席）``) or a run without spaces.
_WORD = patterns.compile(r"(?P<note>[（(〔［][^）)〕］]*[）)〕］])|(?P<word>[^\s（(〔［]+)")

#: What a list writes for "nobody" (``欠席委員 な　し``, ``（なし）``), spaces and brackets
#: removed.
NOBODY = frozenset({"なし", "無し", "該当なし", "該当者なし", "ありません", "0名", "0人", "none"})

#: White space between two words that always parts two names (a letter-spaced name
#: padded to a column, ``森　　　　　樹``, has at most five spaces inside it).
_COLUMN_GAP = 6


def nobody(text: str) -> bool:
    """Whether a list line (or a heading's rest) says that nobody is listed."""
    return "".join(text.split()).strip("（）()〔〕").lower() in NOBODY


def _post(word: str) -> bool:
    """Whether a word of a list line is an office: one of the vocabulary, or a longer word
    ending as posts end (``競輪事業部長``). One or two characters that merely end so
    (``長``, ``信長``) are part of a (letter-spaced) name."""
    return len(word) >= 2 and (is_office(word) or (len(word) >= 3 and looks_like_post(word)))


#: Where an organisational unit ends (``選挙管理委員会``, ``市民生活部``): such a word alone on
#: its line is the first part of an office that a table cell wrapped, not a name.
_UNIT_FRAGMENT = patterns.compile(
    r"(?:委員会|事務局|センター|本部|支所|出張所)$|^\S{3,}[局部課室]$"
)


class _Word(NamedTuple):
    text: str
    first: int  # source line
    last: int  # source line (a role wrapped onto the next line spans two)
    gap: int  # white space before it on its line; -1 for a line's first word
    ends_line: bool
    note: bool  # a bracketed remark
    closed: bool  # names on this line end with 君: no gap parts them


def _words(lines: Sequence[Line]) -> list[_Word]:
    """The words of list lines; a role wrapped onto the next line (``市民生活部`` /
    ``長　山崎　七``) is one word again."""
    words: list[_Word] = []
    for line in lines:
        found = list(_WORD.finditer(line.text))
        closed = "君" in line.text
        for index, match in enumerate(found):
            gap = match.start() - found[index - 1].end() if index else -1
            last = index == len(found) - 1
            note = bool(match["note"])
            words.append(_Word(match[0], line.number, line.number, gap, last, note, closed))
    joined: list[_Word] = []
    for word in words:
        if joined and _wraps(joined[-1], word):
            before = joined.pop()
            word = word._replace(text=before.text + word.text, first=before.first, gap=before.gap)
        joined.append(word)
    return joined


def _wraps(before: _Word, word: _Word) -> bool:
    """Whether ``word``, opening a line, ends the office that closes the line above."""
    return (
        before.ends_line
        and word.gap < 0
        and not (before.note or word.note)
        and (len(word.text) <= 2 or _UNIT_FRAGMENT.search(before.text) is not None)
        and strip_honorific(before.text)[1] is None
        and not _post(before.text)
        and not _post(word.text)
        and _post(before.text + word.text)
    )


def _bare(word: _Word) -> str:
    return strip_honorific(word.text)[0]


def _parts_names(name: Sequence[_Word], word: _Word) -> bool:
    """Whether the gap before ``word`` parts two names rather than a letter-spaced one."""
    if not name or word.gap < 2 or word.closed:
        return False
    longest = max(len(_bare(w)) for w in name)
    return word.gap >= _COLUMN_GAP or (len(_bare(word)) >= 2 and longest >= 2)


def _cells(
    lines: Sequence[Line], group: str, status: AttendanceStatus, heading_role: str | None
) -> list[Attendee]:
    """People written as offices and names: ``委員長　山田　太郎　　副委員長　佐藤　花子``,
    ``理事　池田　佳隆君　理事　中村　裕之君``, ``国　務　大　臣　米窪　滿亮君``. A role on its
    own at a line's end names the person on the next line (a two-column table whose name
    did not fit); two roles in a row are one person's posts (兼); a unit alone on its line
    (``選挙管理委員会``) opens an office that a lone word after the name may end
    (``事務局長``); a bracketed remark is the note of the person before it."""
    people: list[Attendee] = []
    role: list[_Word] = []
    name: list[_Word] = []

    def flush() -> None:
        if not name:
            return
        cut = next(
            (n for n in range(len(name), 0, -1) if _post("".join(w.text for w in name[:n]))), 0
        )
        if cut:  # 国　務　大　臣 (a letter-spaced office), then the name, if any
            office = "".join(w.text for w in name[:cut])
            role.append(name[0]._replace(text=office, last=name[cut - 1].last))
            del name[:cut]
            if not name:
                return
        first = (role or name)[0].first
        people.append(
            Attendee(
                name=_clean_name("".join(w.text for w in name)),
                role="兼".join(w.text for w in role) or heading_role,
                seat=None,
                group=group,
                status=status,
                line_start=first,
                line_end=name[-1].last,
            )
        )
        role.clear()
        name.clear()

    for word in _words(lines):
        alone = word.gap < 0 and word.ends_line
        if word.note:
            flush()
            if people and people[-1].note is None:
                people[-1] = people[-1].model_copy(
                    update={"note": word.text[1:-1].strip(), "line_end": word.last}
                )
            continue
        if _post(word.text):
            flush()
            if alone and not role and people and _ends_office(people[-1], word.text):
                people[-1] = people[-1].model_copy(
                    update={"role": f"{people[-1].role}{word.text}", "line_end": word.last}
                )
                continue
            role.append(word)
            continue
        if alone and not name and _UNIT_FRAGMENT.search(word.text):
            role.append(word)
            continue
        if _parts_names(name, word):
            flush()
        name.append(word)
        if word.ends_line or strip_honorific(word.text)[1]:
            flush()
    flush()
    return people


def _ends_office(person: Attendee, word: str) -> bool:
    """Whether ``word`` ends the office that a person's role (a unit) began."""
    opened = person.role is not None and not _post(person.role)
    return opened and _post(f"{person.role}{word}")


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
                        status="present" if label.lower() == "present" else "absent",
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
        attendees.extend(_listed(listed_lines, label, status))
    return groups, attendees


def _listed(lines: Sequence[Line], group: str, status: AttendanceStatus) -> list[Attendee]:
    """The people on attendance list lines. A line that is only a role (``委　員``) gives
    that role to the unlabelled names under it; a rule inside a list of members present
    (the Diet's ``…………``) sets the officials who attend apart from the members."""
    people: list[Attendee] = []
    heading_role: str | None = None
    run: list[Line] = []  # lines of offices and names, read together

    def cells() -> None:
        people.extend(_cells(run, group, status, heading_role))
        run.clear()

    for line in lines:
        text = line.text.strip()
        compact = "".join(text.split())
        if compact in HEADS:
            cells()
            if people and _ends_office(people[-1], compact):  # 選挙管理委員会 / name / 事務局長
                people[-1] = people[-1].model_copy(
                    update={"role": f"{people[-1].role}{compact}", "line_end": line.number}
                )
            else:
                heading_role = compact
            continue
        if not any(c.isalnum() for c in compact):  # a rule of dots or dashes
            cells()
            if status == "present" and people:
                status = "staff"
            continue
        if not text or nobody(text) or ends_sentence(text):
            continue
        seated = list(_SEATED.finditer(text))
        if seated:
            cells()
            people.extend(
                Attendee(
                    name=_clean_name(m["name"]),
                    role=heading_role,
                    seat=int(m["seat"]),
                    group=group,
                    status=status,
                    line_start=line.number,
                    line_end=line.number,
                )
                for m in seated
                if any(c.isalnum() for c in m["name"])
            )
            continue
        run.append(line)
    cells()
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
        return [group], _listed(lines, "出席者", "present")
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

"""Attendance list lines into people: offices told from names by the office vocabulary.

A list writes each person as an office and a name (``委員長　山田　太郎``), a seat and a
name (``１番　山　田　太　郎``), or a name alone under a role heading (``委　員``); the
offices wrap and the names are letter-spaced as a table's columns make them. See
``tests/spec/attendance.md`` for every form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from minutes_cli.grammar import patterns
from minutes_cli.grammar.labels import strip_honorific
from minutes_cli.grammar.offices import HEADS, is_office, looks_like_post
from minutes_cli.grammar.text import ends_sentence
from minutes_cli.kinds import AttendanceStatus
from minutes_cli.models import Attendee
from minutes_cli.parse.tokens import Line

#: One person in an attendance list line: optional seat or role, then the name.
_SEATED = patterns.compile(r"(?P<seat>\d{1,3})\s*番\s+(?P<name>.+?)(?=\s+\d{1,3}\s*番|$)")

#: A word of a list line: a bracketed remark (``（代理出席）``) or a run without spaces.
_WORD = patterns.compile(r"(?P<note>[（(〔［][^）)〕］]*[）)〕］])|(?P<word>[^\s（(〔［]+)")

#: What a list writes for "nobody" (``欠席委員 な　し``, ``（なし）``, ``Absent: none``),
#: spaces and brackets removed, case folded.
NOBODY = frozenset(
    {
        "なし",
        "無し",
        "該当なし",
        "該当者なし",
        "ありません",
        "0名",
        "0人",
        "none",
        "-",
        "n/a",
        "nobody",
    }
)

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
                family_name=family_name([w.text for w in name]),
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
            remark = word.text[1:-1].strip()
            field = "reading" if _KANA.match(remark) else "note"
            if people and getattr(people[-1], field) is None:
                people[-1] = people[-1].model_copy(update={field: remark, "line_end": word.last})
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


#: A bracketed remark that is a reading: kana only (``（やまだ　たろう）``).
_KANA = patterns.compile(r"^[\p{Hiragana}\p{Katakana}ー・\s]+$")


def family_name(words: Sequence[str]) -> str | None:
    """The family name of a name written in two words, the family name first
    (``池田　佳隆君``, ``勝目　　康君``); None for one word, or a letter-spaced name
    (``青　木　克　德``: every word one character)."""
    words = [strip_honorific(word)[0] for word in words]
    if len(words) != 2 or all(len(word) == 1 for word in words):
        return None
    return words[0]


def _ends_office(person: Attendee, word: str) -> bool:
    """Whether ``word`` ends the office that a person's role (a unit) began."""
    opened = person.role is not None and not _post(person.role)
    return opened and _post(f"{person.role}{word}")


def _clean_name(text: str) -> str:
    return strip_honorific("".join(text.split()))[0]


def listed(lines: Sequence[Line], group: str, status: AttendanceStatus) -> list[Attendee]:
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
                    family_name=family_name(m["name"].split()),
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

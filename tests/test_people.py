"""People: the attendance lists of the real corpus, read block by block.

Every count a block states (``出席議員（２５名）``, ``欠席議員 なし``) is the number of people
read from it, and what EXPECTED.md says of the officials' blocks holds. Skips cleanly when
``../shared/corpus`` is absent; the conventions themselves are in ``tests/spec/attendance.md``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from minutes_cli import parse_file
from minutes_cli.grammar.offices import looks_like_post
from minutes_cli.models import Utterance
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")

#: People in blocks that state no count: B01's from EXPECTED.md, the others counted by hand
#: in the source (a wrapped office and its name, on two lines, are one person).
COUNTED = {
    "B01_hirosaki_plenary_kensakusystem.txt": {
        "地方自治法第121条による出席者": 27,
        "出席事務局職員": 7,
    },
    "B02_sumida_emergency_session.txt": {"出席理事者": 27, "欠席理事者": 1, "出席事務局職員": 5},
    "B03_hakodate_plenary.txt": {"説明員": 29, "事務局出席職員": 3},
    "B06_katsushika_plenary_kensakusystem.txt": {"区議会事務局": 7},
    "D03_sangiin_subcommittee_1947.txt": {"出席者": 5},
    "F02_shugiin_joint_committee_1947_old_kanji.txt": {"出席國務大臣": 1, "出席政府委員": 1},
}

#: What is never a person's name: a list's "nobody", an agenda heading, a remark.
NOT_NAMES = ("なし", "な し", "協議事項", "議事日程", "（", "(", "兼")


def documents() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.exists() else []


@pytest.mark.parametrize("name", documents())
def test_each_stated_count_is_the_people_read(name: str) -> None:
    document = parse_file(CORPUS / name)
    read = Counter(
        (group.label, group.line_start)
        for person in document.meta.attendees
        for group in document.meta.attendance_groups
        if person.group == group.label and group.line_start <= person.line_start <= group.line_end
    )
    for group in document.meta.attendance_groups:
        counted = group.count if group.count is not None else COUNTED.get(name, {}).get(group.label)
        if counted is not None:
            assert read[group.label, group.line_start] == counted, group.label
    for person in document.meta.attendees:
        assert person.name and not any(word in person.name for word in NOT_NAMES), person
        assert not looks_like_post(person.name) or len(person.name) <= 2, person


def test_a_diet_committee_lists_its_members_then_the_officials() -> None:
    document = parse_file(CORPUS / "D01_shugiin_monkasho_committee_2023.txt")
    status = Counter(person.status for person in document.meta.attendees)
    assert status == {"present": 41, "staff": 6}  # 委員長 1, 理事 12, 28 members; 6 below the rule
    minister = next(p for p in document.meta.attendees if p.name == "盛山正仁")
    assert (minister.role, minister.status, minister.line_start) == ("文部科学大臣", "staff", 51)


def test_wrapped_offices_are_one_office() -> None:
    document = parse_file(CORPUS / "B03_hakodate_plenary.txt")
    offices = {p.name: p.role for p in document.meta.attendees}
    assert offices["宿村篤由"] == "子ども未来部長"  # the office on line 79, the name on 80
    assert offices["川村真一"] == "教育委員会生涯学習部長"
    document = parse_file(CORPUS / "B04_yokohama_plenary.txt")
    offices = {p.name: p.role for p in document.meta.attendees}
    assert offices["武島和仁"] == "選挙管理委員会事務局長"  # lines 141-143, the name between
    assert offices["堀田和宏"] == "脱炭素・GREEN×EXPO推進局長"  # lines 112-113


def _checked_links() -> list[tuple[str, int, str, str | None]]:
    rows = []
    for line in (Path(__file__).parent / "people_links.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            doc, start, label, name = line.split("\t")
            rows.append((doc, int(start), label, None if name == "—" else name))
    return rows


CHECKED = _checked_links()


def test_the_hand_checked_sample_is_large_enough() -> None:
    linked = [row for row in CHECKED if row[3] is not None]
    assert len(linked) >= 100 and len({row[0] for row in CHECKED}) >= 10


@pytest.mark.parametrize("doc", sorted({row[0] for row in CHECKED}))
def test_each_hand_checked_label_links_to_its_person(doc: str) -> None:
    (path,) = CORPUS.glob(f"{doc}_*.txt")
    document = parse_file(path)
    names = {person.id: person.name for person in document.people}
    by_line: dict[tuple[int, str | None], Utterance] = {}
    for utterance in document.utterances:
        by_line.setdefault((utterance.line_start, utterance.label or utterance.speaker), utterance)
    for _, start, label, name in (row for row in CHECKED if row[0] == doc):
        utterance = by_line[start, label]
        assert names.get(utterance.person or "") == name, (start, label)


#: Share of utterances linked to a roster person with a full name, by kind of record.
LINK_GOALS = {
    ("D01", "D02", "D03", "F02"): 0.95,
    ("B01", "B02", "B03", "B04", "B06", "B07"): 0.90,
    ("E01", "E02", "G02"): 0.80,
}


@pytest.mark.parametrize(("docs", "goal"), list(LINK_GOALS.items()))
def test_utterances_link_to_full_named_people(docs: tuple[str, ...], goal: float) -> None:
    for doc in docs:
        (path,) = CORPUS.glob(f"{doc}_*.txt")
        document = parse_file(path)
        full = {person.id for person in document.people if person.full_name}
        linked = sum(utterance.person in full for utterance in document.utterances)
        assert document.utterances and linked / len(document.utterances) >= goal, doc

"""The reference document: the facts issue #2 states about the Kushiro seed."""

from __future__ import annotations

from collections import Counter

import pytest

from minutes_cli import parse_file
from minutes_cli.models import Document
from tests.conftest import SEED, SHARED, assert_lossless


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_file(SEED)


def test_meta(seed: Document) -> None:
    meta = seed.meta
    assert meta.kind == "議事要旨"
    assert meta.title is not None and meta.title.endswith("創生推進会議 議事要旨")
    assert (meta.date, meta.weekday) == ("2025-10-06", "月")
    assert (meta.start_time, meta.end_time) == ("10:30", "11:50")
    assert meta.venue == "釧路市役所本庁舎2階第3委員会室"
    assert meta.attendance is not None
    assert (meta.attendance.present, meta.attendance.total) == (7, 11)
    assert meta.attendance.line_start == 11


def test_sections(seed: Document) -> None:
    top = [(s.id, s.title) for s in seed.sections]
    assert top == [("1", "開会"), ("2", "鶴間市長あいさつ"), ("3", "議事"), ("4", "閉会")]
    agenda = seed.sections[2]
    assert [s.id for s in agenda.children] == ["3.1", "3.2", "3.3"]
    assert all(s.level == 2 for s in agenda.children)
    assert agenda.remark is not None and agenda.remark.startswith("＜以下、質疑応答")
    assert (agenda.heading_line_start, agenda.line_end) == (21, 223)


def test_legend(seed: Document) -> None:
    assert [(e.marker, e.role) for e in seed.speakers] == [
        ("◎", "議長"),
        ("○", "委員"),
        ("●", "オブザーバー"),
        ("■", "釧路市"),
    ]


def test_utterances(seed: Document) -> None:
    utterances = seed.utterances
    assert len(utterances) == 16
    assert Counter(u.role for u in utterances) == {
        "議長": 4,
        "委員": 6,
        "釧路市": 5,
        "オブザーバー": 1,
    }
    assert Counter(u.section for u in utterances) == {"3.2": 12, "3.3": 4}
    first = utterances[0]
    assert (first.line_start, first.line_end) == (45, 53)
    assert first.text.startswith("令和7年度予算に「工業用地調査事業」")
    assert first.text.endswith("調査するということか。")
    assert [u.seq for u in utterances] == list(range(1, 17))
    # 〇 (U+3007) in the text is the legend's ○ (U+25CB)
    assert utterances[2].marker == "○" and utterances[2].role == "委員"


def test_reflow_joins_wraps_and_leading_space_continuations(seed: Document) -> None:
    fourth = seed.utterances[3]  # lines 73-78; line 76 starts with " 働推進課では"
    assert (fourth.line_start, fourth.line_end) == (73, 78)
    assert "市民協働推進課では" in fourth.text
    assert "\n" not in fourth.text
    assert "1,500人を超える" in seed.utterances[5].text


def test_notes_and_materials(seed: Document) -> None:
    kinds = [(n.kind, n.section, n.text) for n in seed.notes]
    assert ("bracket", "3.2", "（質疑応答）") in kinds
    assert ("bracket", "4", "（了）") in kinds
    materials = [m for n in seed.notes for m in n.materials]
    assert [m.id for m in materials] == [f"資料{i}" for i in range(1, 10)]
    assert (
        materials[4].title
        == "第3期釧路市まち・ひと・しごと総合戦略の体系図について（第2期と第3期との比較）"
    )


def test_no_diagnostics(seed: Document) -> None:
    assert seed.diagnostics == []


def test_lossless(seed: Document) -> None:
    assert_lossless(seed, SEED.read_text(encoding="utf-8"))


def test_shared_seed_is_the_bundled_one() -> None:
    shared = SHARED / "seed" / "000_5f72961db3b05a05.txt"
    if not shared.exists():
        pytest.skip("../shared is not present")
    assert shared.read_bytes() == SEED.read_bytes()

"""Section splitter: styles, levels by first appearance, sequence checks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minutes_cli.parse.clean import clean_lines, detect_layout
from minutes_cli.parse.sections import build_tree
from minutes_cli.parse.split import find_headings


def headings(text: str) -> list[tuple[int, str, int, str, str, str | None]]:
    cleaned = clean_lines(text)
    found, _ = find_headings(cleaned.lines, detect_layout(cleaned.lines))
    return [(h.line, h.style, h.level, h.number, h.title, h.remark) for h in found]


def test_levels_follow_first_appearance() -> None:
    text = "１ 開会\n２ 議事\n（１）報告\n（２）審議\n① 予算\n３ 閉会"
    assert [(line, level, title) for line, _, level, _, title, _ in headings(text)] == [
        (1, 1, "開会"),
        (2, 1, "議事"),
        (3, 2, "報告"),
        (4, 2, "審議"),
        (5, 3, "予算"),
        (6, 1, "閉会"),
    ]


def test_other_styles() -> None:
    text = "第１ 総則\n一、目的\n（一）趣旨\nア 概要\n(ア) 細目\n二、範囲\n第２ 附則"
    styles = [(style, level) for _, style, level, *_ in headings(text)]
    assert styles == [
        ("dai", 1),
        ("kanji", 2),
        ("paren-kanji", 3),
        ("katakana", 4),
        ("paren-katakana", 5),
        ("kanji", 2),
        ("dai", 1),
    ]


def test_remark_after_title_is_kept_apart() -> None:
    ((_, _, _, number, title, remark),) = headings(
        "３ 議事 ＜以下、質疑応答 【◎…議長】＞".replace("３", "1")
    )
    assert (number, title, remark) == ("1", "議事", "＜以下、質疑応答 【◎…議長】＞")


def test_numbers_out_of_sequence_are_text_not_headings() -> None:
    text = "1 開会\n15 万人の人がいる\n2 議事\n2 重複\n(2) 親のない二番"
    assert [title for *_, title, _ in headings(text)] == ["開会", "議事"]


def test_a_skipped_number_is_accepted_with_a_diagnostic() -> None:
    cleaned = clean_lines("1 開会\n2 議事\n4 閉会")
    found, diagnostics = find_headings(cleaned.lines, detect_layout(cleaned.lines))
    assert [h.ordinal for h in found] == [1, 2, 4]
    assert [(d.code, d.line) for d in diagnostics] == [("M201", 3)]


def test_nested_numbering_restarts_under_a_new_parent() -> None:
    text = "1 A\n(1) a\n(2) b\n2 B\n(1) c"
    assert [title for *_, title, _ in headings(text)] == ["A", "a", "b", "B", "c"]


def test_wrapped_line_starting_with_a_number_is_not_a_heading() -> None:
    full = "あ" * 50
    text = "\n".join([full] * 8 + ["1 名の委員が欠席した。"])
    assert headings(text) == []


def test_tree_ids_and_spans() -> None:
    text = "1 開会\nあ\n\n2 議事\n(1) 報告\nい\n(2) 審議\nう\n\n\n3 閉会"
    cleaned = clean_lines(text)
    found, _ = find_headings(cleaned.lines, detect_layout(cleaned.lines))
    tree = build_tree(found, [line.number for line in cleaned.lines])
    spans = [(s.id, s.line_start, s.line_end) for s in tree.sections]
    assert spans == [("1", 1, 2), ("2", 4, 8), ("3", 11, 11)]
    assert [(c.id, c.line_start, c.line_end) for c in tree.sections[1].children] == [
        ("2.1", 5, 6),
        ("2.2", 7, 8),
    ]
    located = tree.locate(6)
    assert located is not None and (located.id, located.title) == ("2.1", "報告")
    assert tree.locate(9) is None  # trailing blank lines belong to no section
    assert tree.locate(0) is None


def test_arabic_with_a_dot_but_not_decimals_or_times() -> None:
    assert [title for *_, title, _ in headings("1. 開会\n2．議事")] == ["開会", "議事"]
    assert headings("1.5 倍になった\n10:30 開会") == []


def test_dai_with_kanji_numbers() -> None:
    assert [(style, title) for _, style, _, _, title, _ in headings("第一 総則\n第二 附則")] == [
        ("dai", "総則"),
        ("dai", "附則"),
    ]


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=3), st.integers(min_value=1, max_value=3)),
        max_size=25,
    ),
    st.booleans(),
)
def test_locate_is_the_innermost_section_of_every_line(
    steps: list[tuple[int, int]], shared_lines: bool
) -> None:
    # Headings at non-decreasing lines (agenda sections may share a line), random levels;
    # locate must agree with the definition: the last section in document order (so the
    # innermost) whose lines contain the line.
    from minutes_cli.parse.split import Heading

    headings, line = [], 1
    for gap, level in steps:
        line += gap if shared_lines else gap + 1
        headings.append(Heading(line, "arabic", level, 1, "1", "t", None, "t"))
    content = list(range(1, line + 5))
    tree = build_tree(headings, content)
    # Each section runs to the line before the next heading of its level or above.
    for (_, end, _), heading, i in zip(tree.ranges, headings, range(len(headings)), strict=True):
        stop = next((h.line for h in headings[i + 1 :] if h.level <= heading.level), None)
        assert end == (max(heading.line, stop - 1) if stop else content[-1])
    for probe in range(0, line + 7):
        expected = None
        for start, end, located in tree.ranges:
            if start <= probe <= end:
                expected = located
        assert tree.locate(probe) == expected, probe

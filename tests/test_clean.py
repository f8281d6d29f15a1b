"""The clean, split and reflow stages on lines: cleaning, layout detection, where a
paragraph breaks (the boundary table) and how lines are joined."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from minutes_cli.grammar.text import display_width
from minutes_cli.parse.clean import clean_lines, detect_layout
from minutes_cli.parse.reflow import join
from minutes_cli.parse.split import Context, breaks
from minutes_cli.parse.tokens import Layout, Line, Paragraph


def reflow(
    lines: Sequence[Line], layout: Layout, alone: frozenset[tuple[int, int]] = frozenset()
) -> tuple[Paragraph, ...]:
    """The lines joined where the boundary table breaks them (``alone``: blocks of their own)."""
    return join(lines, breaks(lines, Context(layout, alone)))


def paragraphs(text: str) -> list[tuple[str, int, int]]:
    cleaned = clean_lines(text)
    layout = detect_layout(cleaned.lines)
    return [(p.text, p.line_start, p.line_end) for p in reflow(cleaned.lines, layout)]


def test_newlines_bom_and_trailing_space() -> None:
    cleaned = clean_lines("\ufeffa  \r\nb\t\r\n\r\nc")
    assert [(line.number, line.text) for line in cleaned.lines] == [(1, "a"), (2, "b"), (4, "c")]
    assert cleaned.newline == "CRLF"
    assert cleaned.total_lines == 4
    assert clean_lines("a\rb\r").newline == "CR"
    assert clean_lines("a\r\nb\nc").newline == "mixed"
    assert clean_lines("a").newline == "none"


def test_full_width_ascii_folds_but_japanese_punctuation_stays() -> None:
    (line,) = clean_lines("ＫＰＩ　１２３　（１）：～、「」①").lines
    assert line.text == "KPI 123 （1）：～、「」①"


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("ab議事") == 6


def test_gap_counts_blank_lines() -> None:
    lines = clean_lines("a\n\n\nb\nc").lines
    assert [line.gap for line in lines] == [0, 2, 0]


WRAPPED = "\n".join(
    [
        "○" + "あ" * 48 + "い",
        "う" * 30 + "。",  # short and ends a sentence: the paragraph ends here
        "え" * 49 + "お",
        " か" + "き" * 47,  # a continuation line may start with a space
        "く。",
        "・事務局より説明",
        "■" + "け" * 49,
    ]
)


def test_reflow_joins_hard_wraps_without_space() -> None:
    result = paragraphs(WRAPPED)
    assert result[0] == ("○" + "あ" * 48 + "い" + "う" * 30 + "。", 1, 2)
    assert result[1] == ("え" * 49 + "お" + "か" + "き" * 47 + "く。", 3, 5)
    assert result[2] == ("・事務局より説明", 6, 6)
    assert result[3][1:] == (7, 7)


def test_reflow_breaks_at_markers_even_mid_wrap() -> None:
    text = "\n".join(["あ" * 50] * 6 + ["◎" + "い" * 49, "う" * 50])
    result = paragraphs(text)
    assert [(start, end) for _, start, end in result] == [(1, 6), (7, 8)]


def test_latin_words_join_with_a_space() -> None:
    text = "\n".join(
        ["The committee met at nine and discussed the budget for the", "coming year."] * 3
    )
    result = paragraphs(text)
    assert result[0][0] == "The committee met at nine and discussed the budget for the coming year."


def test_doubled_blank_lines_are_soft_and_longer_runs_break() -> None:
    body = ["あ" * 50, "い" * 20 + "、", "う" * 50, "え" * 10]
    text = f"{body[0]}\n\n{body[1]}\n\n\n\n{body[2]}\n\n{body[3]}\n"
    cleaned = clean_lines(text)
    layout = detect_layout(cleaned.lines)
    assert layout.doubled
    result = [(p.line_start, p.line_end) for p in reflow(cleaned.lines, layout)]
    assert result == [(1, 3), (7, 9)]


def test_single_blank_line_breaks_in_ordinary_text() -> None:
    assert [(s, e) for _, s, e in paragraphs("あいう\n\nえお\nかき\n\nく")] == [
        (1, 1),
        (3, 4),
        (6, 6),
    ]


def test_headings_passed_as_boundaries_are_their_own_paragraphs() -> None:
    cleaned = clean_lines("あ\n1 開会\nい\nう")
    layout = Layout(wrap_width=None, doubled=False)
    result = reflow(cleaned.lines, layout, frozenset({(2, 1)}))
    assert [(p.text, p.line_start) for p in result] == [("あ", 1), ("1 開会", 2), ("いう", 3)]


def test_paragraph_positions_map_back_to_source_columns() -> None:
    cleaned = clean_lines("○" + "あ" * 49 + "\n  いう。")
    (paragraph,) = reflow(cleaned.lines, Layout(wrap_width=100, doubled=False))
    offset = paragraph.text.index("い")
    assert paragraph.position(offset) == (2, 3)
    assert paragraph.position(0) == (1, 1)


def test_display_width_shortcut_agrees_with_unicodedata_everywhere() -> None:
    import unicodedata

    for cp in range(0x20, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        char = chr(cp)
        expected = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        assert display_width(char) == expected, hex(cp)
    assert display_width("議事録 abc é ｱ") == 6 + 5 + 1 + 1 + 1


def test_the_foldable_class_is_exactly_the_fold_table() -> None:
    # clean_lines skips translating lines the class does not match: it must not miss one.
    from minutes_cli.parse.clean import _FOLDABLE, FOLD

    matched = {cp for cp in range(0x110000) if _FOLDABLE.match(chr(cp))}
    assert matched == set(FOLD)


@given(st.text(alphabet="\f\n\r a　", max_size=12))
def test_paged_is_a_form_feed_before_the_trailing_blanks(text: str) -> None:
    from minutes_cli.parse.clean import _paged

    assert _paged(text) == ("\f" in text.rstrip("\f\n\r "))

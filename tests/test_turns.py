"""The turns stage and the legend scheme, through the library API: paragraphs into
utterances, events and notes."""

from __future__ import annotations

import pytest

from minutes_cli import parse_text
from tests.conftest import assert_lossless

BODY = "1 議事\n{legend}\n◎議長の発言。\n{circle}委員の発言。\n■市の回答。\n"


@pytest.mark.parametrize(
    "legend",
    [
        "【◎…議長 ○…委員 ■…市】",
        "【◎：議長、○：委員、■：市】",
        "[◎=議長 ○=委員 ■=市]",
        "（◎・・・議長 ○・・・委員 ■・・・市）",
        "◎…議長 ○…委員 ■…市",
    ],
)
@pytest.mark.parametrize("circle", ["○", "〇", "◯"])
def test_legend_separators_and_circle_variants(legend: str, circle: str) -> None:
    text = BODY.format(legend=legend, circle=circle)
    document = parse_text(text)
    assert [(e.marker, e.role) for e in document.speakers] == [
        ("◎", "議長"),
        ("○", "委員"),
        ("■", "市"),
    ]
    assert [(u.marker, u.role, u.text) for u in document.utterances] == [
        ("◎", "議長", "議長の発言。"),
        ("○", "委員", "委員の発言。"),
        ("■", "市", "市の回答。"),
    ]
    assert [d for d in document.diagnostics if d.code.startswith("M1")] == []
    assert_lossless(document, text)


def test_unknown_marker_is_kept_with_a_diagnostic() -> None:
    document = parse_text("【◎…議長 ○…委員】\n◎はじめます。\n  ●オブザーバーの発言。\n○質問。\n")
    unknown = document.utterances[1]
    assert (unknown.marker, unknown.role, unknown.text) == ("●", None, "オブザーバーの発言。")
    (diagnostic,) = [d for d in document.diagnostics if d.code == "M101"]
    assert (diagnostic.line, diagnostic.column) == (3, 3)


def test_markers_without_a_legend() -> None:
    document = parse_text("○開会します。\n■説明します。\n")
    assert [(u.marker, u.role) for u in document.utterances] == [("○", None), ("■", None)]
    assert [(d.code, d.line) for d in document.diagnostics if d.code.startswith("M1")] == [
        ("M102", 1)
    ]


def test_unused_legend_entry_and_empty_utterance() -> None:
    document = parse_text("【◎…議長 ○…委員 ●…オブザーバー】\n◎\n○質問。\n")
    codes = sorted((d.code, d.line) for d in document.diagnostics)
    # ● never used, ◎ with no text, and no date or title (M001, M003)
    assert codes == [("M001", None), ("M003", None), ("M103", 1), ("M301", 2)]


def test_plain_paragraphs_after_an_utterance_continue_it() -> None:
    text = (
        "1 議事\n【◎…議長 ○…委員】\n○一つ目の段落です。\n\n二つ目の段落です。\n\n"
        "・事務局より説明\n\nその後の文。\n"
    )
    document = parse_text(text)
    (utterance,) = document.utterances
    assert utterance.text == "一つ目の段落です。\n二つ目の段落です。"
    assert (utterance.line_start, utterance.line_end) == (3, 5)
    assert [(n.kind, n.text) for n in document.notes] == [
        ("legend", "【◎…議長 ○…委員】"),
        ("bullet", "事務局より説明"),
        ("text", "その後の文。"),
    ]
    assert_lossless(document, text)


def test_a_turn_ends_at_a_new_section() -> None:
    text = "1 議事\n【◎…議長】\n◎発言。\n2 閉会\n閉会後の文。\n"
    document = parse_text(text)
    assert document.utterances[0].line_end == 3
    assert [(n.section, n.text) for n in document.notes if n.kind == "text"] == [
        ("2", "閉会後の文。")
    ]


def test_closing_time_ends_the_turn_and_signatures_follow() -> None:
    text = (
        "○議長（山田太郎君）　これをもって散会いたします。\n"
        "　　　午前11時21分散会\n"
        "　　　　市会議長　　山田太郎\n"
        "　　　　同　　　　　佐藤花子\n"
    )
    document = parse_text(text)
    (utterance,) = document.utterances
    assert (utterance.line_end, utterance.events) == (1, [])
    assert [(n.kind, n.text) for n in document.notes] == [
        ("time", "午前11時21分散会"),
        ("signature", "市会議長  山田太郎"),  # full-width spaces folded, kept as laid out
        ("signature", "同     佐藤花子"),
    ]
    assert_lossless(document, text)


def test_reading_and_events_inside_a_turn() -> None:
    text = (
        "○議長（山田太郎君）　事務局長に報告させます。\n"
        "○事務局長（鈴木一郎）　（朗読）\n"
        "――――――――\n"
        '　諸般の報告 <span lang="ja">一</span> 議案の送付\n'
        "――――――――\n"
        "○議長（山田太郎君）　以上です。\n"
    )
    document = parse_text(text)
    reading = document.utterances[1]
    assert (reading.role, reading.text) == ("事務局長", "諸般の報告 一 議案の送付")
    assert [e.kind for e in reading.events] == ["reading", "separator"]
    assert [(n.kind, n.line_start) for n in document.notes] == [("separator", 5)]
    assert_lossless(document, text)


def test_marked_heading_in_the_body_ends_the_turn() -> None:
    text = "○議長（山田君）　開会します。\n○小委員長の互選\n○議長（山田君）　互選を行います。\n"
    document = parse_text(text)
    assert [u.text for u in document.utterances] == ["開会します。", "互選を行います。"]
    assert [(n.kind, n.text) for n in document.notes] == [("text", "○小委員長の互選")]


def test_one_entry_legend_line() -> None:
    document = parse_text("◎…議長\n◎開会します。\n")
    assert document.scheme == "legend"
    assert [(u.role, u.text) for u in document.utterances] == [("議長", "開会します。")]


def test_unknown_scheme_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown speaker scheme 'foo'"):
        parse_text("x", scheme="foo")


@pytest.mark.parametrize(
    "text",
    [
        "City Council Minutes    Adams: Hello there.\nAdams: Again.\nBaker: Yes.\nAdams: ok.\n",
        "Adams: Hello.\n（拍手）    Baker: Yes.\nAdams: ok.\nBaker: ok.\n",
    ],
)
def test_lines_cut_at_glued_labels_stay_lossless(text: str) -> None:
    assert_lossless(parse_text(text), text)


@pytest.mark.parametrize(
    ("text", "kind"), [("- <b>\n", "text"), ("-\u2003<b>\n", "text"), ("・<span>\n", "bullet")]
)
def test_a_bullet_followed_only_by_tags_is_still_a_note(text: str, kind: str) -> None:
    # Classified as a bullet on the raw text; removing the tags left nothing after a
    # Markdown bullet, which once failed an assertion (exit 70, and a whole batch with it).
    document = parse_text(text)
    assert [(n.kind, n.line_start) for n in document.notes] == [(kind, 1)]
    assert_lossless(document, text)

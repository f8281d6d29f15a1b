"""Property tests: the parser never raises and never loses a line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_cli import parse_text
from tests.conftest import assert_lossless

# Pieces that exercise every recogniser: markers, headings, bullets, brackets,
# legends, labels, dates, page numbers, wide and narrow text, odd white space.
PIECES = st.sampled_from(
    [
        "○",
        "〇",
        "◯",
        "◎",
        "●",
        "■",
        "◆",
        "・",
        "1 開会",
        "2 議事",
        "（1）",
        "(2)",
        "①",
        "ア ",
        "第1 ",
        "一、",
        "【◎…議長 ○…委員】",
        "日時：令和7年10月6日（月）",
        "場所：",
        "（了）",
        "- 3 -",
        "1/12",
        "資料1 概要",
        "委員 11 名中7名出席",
        "。",
        "、",
        "あいうえお" * 10,
        "The council met.",
        " ",
        "\u3000",
        "\t",
        "\r\n",
        "\r",
        "\n",
        "\n\n",
        "\n\n\n",
        "\ufeff",
        "１２３",
        "ＡＢＣ",
        "＜",
        "＞",
        "】",
        "【",
        # speaker labels, glued turns, events, page breaks and footers, header blocks
        "Adams: ",
        "    Baker: ",
        "WH: ",
        "（拍手）",
        "\f",
        "◎…議長",
        "○議長（山田君） ",
        "〔「異議なし」と呼ぶ者あり〕",
        "午後1時開会",
        "散会",
        "January 3, 2011  2 of 9 ",
        '<PAGE="2">',
        "出席議員（3名）",
        "日程第1",
        "第1 ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_never_raises_and_covers_every_line(text: str) -> None:
    document = parse_text(text)
    assert_lossless(document, text)
    for utterance in document.utterances:
        assert 1 <= utterance.line_start <= utterance.line_end
    assert [u.seq for u in document.utterances] == list(range(1, len(document.utterances) + 1))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text: str) -> None:
    assert_lossless(parse_text(text), text)

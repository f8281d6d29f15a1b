"""The office vocabulary of Japanese labels: a label split into seat, name, office and
honorific, the office matched over the whole label, longest first."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from minutes_cli.grammar.offices import (
    AFTER_HEAD,
    HEADS,
    SINGLE_STEMS,
    STEMS,
    UNIT_ENDS,
    Parts,
    is_office,
    looks_like_post,
    split_label,
)


@pytest.mark.parametrize(
    ("label", "parts"),
    [
        ("鈴木副教育長", Parts(None, "鈴木", "副教育長", None)),  # not 鈴木副 + 教育長
        ("竹内議会事務局議事課長", Parts(None, "竹内", "議会事務局議事課長", None)),
        ("天川市長付参事", Parts(None, "天川", "市長付参事", None)),
        ("谷村理事兼総務課長", Parts(None, "谷村", "理事兼総務課長", None)),
        ("森田博二企画財政課長", Parts(None, "森田博二", "企画財政課長", None)),  # 博二 a name
        ("中原智浩農地整備課長補佐兼係長", Parts(None, "中原智浩", "農地整備課長補佐兼係長", None)),
        ("中村教育長", Parts(None, "中村", "教育長", None)),  # not 中 + 村教育長
        ("木村町長", Parts(None, "木村", "町長", None)),
        ("渡嘉敷優子副議長", Parts(None, "渡嘉敷優子", "副議長", None)),
        ("伊藤よしのり議長", Parts(None, "伊藤よしのり", "議長", None)),
        ("小林事務局長", Parts(None, "小林", "事務局長", None)),
        ("議長辻本一夫君", Parts(None, "辻本一夫", "議長", "君")),  # the office first
        ("議員8番松岡泉君", Parts(8, "松岡泉", "議員", "君")),
        ("3番玉城保弘議員", Parts(3, "玉城保弘", None, "議員")),
        ("9番松田悦郎君", Parts(9, "松田悦郎", None, "君")),
        ("山本一郎議員", Parts(None, "山本一郎", None, "議員")),
        ("会計管理者兼総務課長", Parts(None, None, "会計管理者兼総務課長", None)),
        ("議長", Parts(None, None, "議長", None)),
        ("事務局", Parts(None, None, "事務局", None)),
        ("田中太郎", Parts(None, "田中太郎", None, None)),  # a name alone
        ("区長所信表明", Parts(None, "区長所信表明", None, None)),  # no honorific: no office first
        ("君", Parts(None, None, None, None)),
    ],
)
def test_split_label(label: str, parts: Parts) -> None:
    assert split_label(label) == parts


@pytest.mark.parametrize(
    ("text", "office", "post"),
    [
        ("総務課長", True, True),
        ("議会運営委員長", True, True),  # the steering committee's chair
        ("創出推進委員長", False, True),  # no known department: a post all the same
        ("にぎわい創出課長", False, True),
        ("保育園長", True, True),  # 保育 + 園 + 長
        ("議事課長補佐", True, True),
        ("田中", False, False),
        ("所信表明", False, False),
    ],
)
def test_offices_and_posts(text: str, office: bool, post: bool) -> None:
    assert is_office(text) is office
    assert looks_like_post(text) is post


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


#: The office grammar as the pattern it was (backtracking, exponential on some inputs):
#: the oracle the automaton must agree with.
_HEAD = f"(?:{_alternation(HEADS)})(?:{_alternation(AFTER_HEAD)})?"
_UNIT = f"(?:(?:{_alternation(STEMS)})+(?:{_alternation(UNIT_ENDS)})|(?:{_alternation(HEADS)})付)"
_ONE = (
    f"(?:(?:{_UNIT})*(?:(?:{_alternation(STEMS)})*{_HEAD}"
    f"|(?:{_alternation(STEMS)})+(?:{_alternation(UNIT_ENDS)})長(?:{_alternation(AFTER_HEAD)})?))"
)
_ORACLE = regex.compile(f"(?:{_ONE})(?:兼(?:{_ONE}))*")
_WORDS = st.sampled_from([*STEMS, *HEADS, *UNIT_ENDS, *AFTER_HEAD, "兼", "長", "付", "鈴木", "x"])


@settings(max_examples=600)
@given(st.lists(_WORDS, max_size=6), st.integers(min_value=0, max_value=40))
@example(["農地", "整備", "課長", "補佐", "兼", "係長"], 1)  # a deputy, then 兼
@example(["議事", "課", "長", "代理", "兼", "市長", "付", "参事"], 1)  # a unit's 長, then 付
@example(["危機", "管理", "危機管理", "x"], 1)  # ambiguous stems, not an office
@example(["地域", "支所", "長"], 1)  # only as a unit's 長
def test_the_office_automaton_is_the_office_pattern(words: list[str], cut: int) -> None:
    text = "".join(words)
    text = text[:cut] + text[cut + 1 :] if cut % 3 == 0 else text  # and broken words
    pattern = bool(text) and _ORACLE.fullmatch(text) is not None
    two_single = text[:1] in SINGLE_STEMS and text[1:2] in SINGLE_STEMS
    assert is_office(text) == (pattern and not two_single)

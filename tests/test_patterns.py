"""No hang: recognisers run under a timeout on long input, and pathological documents of
the sizes named in the hardening issue parse in linear time, losslessly."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from minutes_cli import parse_text
from minutes_cli.checks import check
from minutes_cli.grammar import artifacts, markers, patterns
from minutes_cli.grammar.text import ends_sentence
from tests.conftest import SEED, assert_lossless


def test_a_timeout_gives_a_line_by_line_record_and_a_diagnostic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(patterns, "TIMEOUT", 1e-9)  # every guarded match times out
    monkeypatch.setattr(patterns, "GUARD_FROM", 0)  # and every match is guarded
    text = SEED.read_text(encoding="utf-8")
    document = parse_text(text)
    assert (document.scheme, document.utterances) == ("none", [])
    assert len(document.notes) == sum(1 for line in text.split("\n") if line.strip())
    assert [d.code for d in document.diagnostics] == ["M901"]
    assert [f.code for f in check(document, "seed.txt")] == ["M901"]
    monkeypatch.undo()  # the coverage check cleans lines with the recognisers too
    assert_lossless(document, text)


def test_guarded_patterns_behave_like_regex() -> None:
    # The same answers as the regex module's own, below the guard's threshold and above it.
    pattern = patterns.compile(r"(?P<word>[a-z]+)")
    plain = regex.compile(r"(?P<word>[a-z]+)")
    long = "ab cd " * 500  # long enough to be guarded
    assert len(long) >= patterns.GUARD_FROM
    for text in ("ab cd", long):
        found = pattern.match(text)
        assert found is not None and found["word"] == "ab"
        searched = pattern.search(" " + text)
        assert searched is not None and searched.span() == (1, 3)
        assert pattern.findall(text) == plain.findall(text)
        assert pattern.findall(text)[:2] == ["ab", "cd"]
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        assert pattern.sub("x", text) == plain.sub("x", text)
        assert pattern.sub("x", text).startswith("x x")
        assert pattern.split(text) == plain.split(text)
        assert pattern.fullmatch("abc") is not None and pattern.fullmatch(text) is None


PATHOLOGICAL = {
    "5 MB line, no newline": "議事録の本文です。" * 200_000,
    "100,000 marker-only lines": "○\n" * 100_000,
    "10,000 nested brackets": "○" + "【（［〔" * 2_500 + "議事" + "〕］）】" * 2_500 + "\n",
    "legend of 10,000 entries": "【" + " ".join(f"◎…役{i}" for i in range(10_000)) + "】\n◎発言\n",
    # an office of stems that are also pairs of stems (危機管理 = 危機 + 管理), then not an
    # office: the backtracking pattern it replaced took 4 s at 18 of them, 2^n steps
    "a role of 25 ambiguous stems": "【◎…議長 ○…" + "危機管理" * 25 + "x】\n◎議長　はい。\n",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_documents_parse(name: str) -> None:
    text = PATHOLOGICAL[name]
    document = parse_text(text)
    assert not [d for d in document.diagnostics if d.code == "M901"]
    assert_lossless(document, text)


def test_union_tells_which_alternative_matched_and_keeps_each_ones_flags() -> None:
    import regex

    first = patterns.compile(r"^page (?P<n>\d+)$", regex.IGNORECASE)
    second = patterns.compile(r"^(?P<n>\d+)/\d+$")
    third = patterns.compile(r"^a.b$", regex.DOTALL)
    combined, which = patterns.union([first, second, third])
    found = combined.match("PAGE 3")
    assert found is not None and which(found) == 0 and found["n"] == "3"
    found = combined.match("3/12")
    assert found is not None and which(found) == 1
    found = combined.match("a\nb")
    assert found is not None and which(found) == 2
    # Flags stay with their alternative: the second is case-sensitive, the first is
    # not DOTALL.
    assert combined.match("x/12") is None
    assert patterns.union([second])[0].match("PAGE 3") is None


def test_union_agrees_with_trying_each_pattern_in_turn() -> None:
    samples = ["- 3 -", "3 / 12", "Page 2 of 9", "<PAGE=4>", "<br/>", "本文です。", "p. 12", ""]
    for text in samples:
        expected = next((name for name, p in artifacts.ARTIFACTS if p.match(text)), None)
        assert artifacts.artifact_reason(text) == expected, text


def test_flags_that_cannot_be_scoped_are_refused() -> None:
    import pytest
    import regex

    with pytest.raises(ValueError, match="scoped"):
        patterns.union([patterns.compile("a", regex.ASCII)])


@given(st.text(alphabet="。．！？!?.」』）)]a あ \n", max_size=12))
def test_ends_sentence_is_the_pattern_it_replaces(text: str) -> None:
    import regex

    spec = regex.compile(r"[。．！？!?.][」』）)\]]*\Z")  # the former SENTENCE_END
    assert ends_sentence(text) == bool(spec.search(text))


def test_char_set_takes_only_a_character_class() -> None:
    assert patterns.char_set("[a-c]").findall("xaybz") == ["a", "b"]
    with pytest.raises(ValueError, match="character class"):
        patterns.char_set("a+b")


@given(st.text(alphabet="○〇◎●…‥・.:：=＝－- 　議長委員a", max_size=14))
def test_the_legend_prefilter_never_rejects_an_entry(text: str) -> None:
    if markers.LEGEND_ENTRY.search(text):
        assert markers.may_hold_legend_entry(text)


def test_patterns_pickle_and_copy_before_and_after_first_use() -> None:
    import copy
    import pickle

    fresh, used = patterns.compile(r"a(b)"), patterns.compile(r"c(d)")
    assert used.match("cd") is not None
    for pattern in (fresh, used):
        for clone in (pickle.loads(pickle.dumps(pattern)), copy.copy(pattern)):
            assert (clone.pattern, clone.flags) == (pattern.pattern, pattern.flags)
            assert clone.match(pattern.pattern.replace("(", "").replace(")", "")) is not None


def test_the_legend_prefilter_lets_long_white_space_through() -> None:
    text = "【○" + " " * 40 + "…議長】"
    assert markers.LEGEND_ENTRY.search(text) is not None
    assert markers.may_hold_legend_entry(text)
    assert not markers.may_hold_legend_entry("○委員　質問がありました。" * 50)


@given(st.text(alphabet=" \u2003\u3000-－‐–—0123456789١Pp.<>/aZ議事of ,", max_size=14))
def test_the_noise_prefilter_never_rejects_an_artifact(text: str) -> None:
    if any(p.match(text) for _, p in artifacts.ARTIFACTS) or artifacts.INLINE_FOOTER.match(text):
        assert artifacts.starts_like_noise(text)

"""Speaker labels (assembly and prefix schemes) and non-speech events, unit by unit."""

from __future__ import annotations

import pytest

from minutes_cli.grammar import events
from minutes_cli.parse.clean import clean_lines
from minutes_cli.parse.scheme import assembly, prefix


@pytest.mark.parametrize(
    ("text", "role", "speaker", "honorific", "seat", "rest"),
    [
        ("議長（清野一榮議員） これより", "議長", "清野一榮", "議員", None, "これより"),
        ("市長（櫻田 宏）", "市長", "櫻田宏", None, None, ""),
        ("総務常任委員長（島昌之） 報告", "総務常任委員長", "島昌之", None, None, "報告"),
        ("（井上さくら君） 質問", None, "井上さくら", "君", None, "質問"),
        ("（伊藤よしのり議長） 本文", "議長", "伊藤よしのり", None, None, "本文"),
        ("（植竹 貴副区長） 本文", "副区長", "植竹貴", None, None, "本文"),
        ("おのせ康裕議長  ただいまから", "議長", "おのせ康裕", None, None, "ただいまから"),
        ("北村経夫君 ただいま", None, "北村経夫", "君", None, "ただいま"),
        ("原（侑）委員 質問", "委員", "原（侑）", None, None, "質問"),
        ("22番（筒井たかひさ議員） 質問", None, "筒井たかひさ", "議員", 22, "質問"),
        ("田野瀬副委員長 これより", "副委員長", "田野瀬", None, None, "これより"),
        ("米窪國務大臣 勞働", "國務大臣", "米窪", None, None, "勞働"),
        ("本田大臣政務官 お答え", "大臣政務官", "本田", None, None, "お答え"),
    ],
)
def test_assembly_labels(
    text: str,
    role: str | None,
    speaker: str | None,
    honorific: str | None,
    seat: int | None,
    rest: str,
) -> None:
    label = assembly.parse_label(text)
    assert label is not None
    assert (label.role, label.speaker, label.honorific, label.seat, label.rest) == (
        role,
        speaker,
        honorific,
        seat,
        rest,
    )


@pytest.mark.parametrize(
    "text",
    [
        "議事日程 第九号",
        "出席議員",
        "本日の会議に付した案件",
        "小委員長の互選",
        "第 1 日",
        "MOO ワークスペース等は",
        "令和7年度予算に「調査事業」として、",
        "午後1時開会",
    ],
)
def test_not_speaker_labels(text: str) -> None:
    assert assembly.parse_label(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("〔｢異議なし」と呼ぶ者あり〕", "floor-voice"),
        ("〔「異議なし」と呼ぶ者あり。〕", "floor-voice"),
        ("〔賛成者起立〕", "floor-voice"),
        ("（市長 都倉達殊君 登壇）", "stage-direction"),
        ("（午前10時28分 休憩）", "time"),
        ("午後2時12分休憩", "time"),
        ("〇午後1時開会", "time"),
        ("午後三時十一分散會", "time"),
        ("――――◇―――◇――――", "separator"),
        ("－－－－－－", "separator"),
        ("─────・─────", "separator"),
        ("（朗読）", "reading"),
        ("〔巻末諸報告の部参照〕", None),
        ("・・・", None),
        ("○議長（名前君） 開会します。", None),
    ],
)
def test_events(text: str, kind: str | None) -> None:
    assert events.event_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("WH: Which ES language?", "WH", "Which ES language?"),
        ("nurse: 燃え尽きなかった", "nurse", "燃え尽きなかった"),
        ("???: 管理を誰が", "???", "管理を誰が"),
        ("委員長：ただいまから", "委員長", "ただいまから"),
        ("【委員】質問です", "委員", "質問です"),
        ("問：いつですか", "問", "いつですか"),
        ("Disposition: placed on file", None, None),
        ("Key: ***** means unidentified", None, None),
        ("日時：令和7年1月6日", None, None),
    ],
)
def test_prefix_labels(text: str, label: str | None, rest: str | None) -> None:
    found = prefix.find_prefix(text)
    got = (found.label, found.rest) if found else (None, None)
    assert got == (label, rest)


def test_speaker_labels_need_repetition_or_a_personal_name() -> None:
    lines = ["Adams: one.", "Adams: two.", "Mayor: three.", "Joe Rastatter: four."]
    assert prefix.survey(lines) == (frozenset({"Adams", "Joe Rastatter"}), 3)  # labels, turns


def test_glued_turns_are_cut_with_their_columns() -> None:
    (line,) = clean_lines("Adams: Welcome.    Fish: Thank you.  Adams: Next.").lines
    pieces = prefix.split_at_labels([line], frozenset({"Adams", "Fish"}))
    assert [(p.text.strip(), p.column) for p in pieces] == [
        ("Adams: Welcome.", 1),
        ("Fish: Thank you.", 20),
        ("Adams: Next.", 38),
    ]


def test_initials_legend() -> None:
    text = "Allen Wirfs-Brock (AWB), Waldemar Horwat (WH), Kent C. Dodds (KCD)"
    assert prefix.initials_legend(text) == {
        "AWB": "Allen Wirfs-Brock",
        "WH": "Waldemar Horwat",
        "KCD": "Kent C. Dodds",
    }


def test_qa_labels_with_a_full_stop() -> None:
    found = prefix.find_prefix("Q. When is the next meeting?")
    assert found is not None and (found.label, found.rest) == ("Q", "When is the next meeting?")


def test_the_label_table_scores_at_least_98_percent() -> None:
    """``../shared/labels/score.py``: 1,489 label lines as 197 municipalities write them."""
    import re
    import subprocess
    import sys

    from tests.conftest import SHARED

    scorer = SHARED / "labels" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/labels is not present")
    result = subprocess.run(
        [sys.executable, str(scorer)], capture_output=True, text=True, check=True, timeout=300
    )
    found = re.search(r"labels: (\d+)/(\d+) right", result.stdout)
    assert found is not None, result.stdout[-500:]
    right, total = int(found[1]), int(found[2])
    assert right / total >= 0.98, result.stdout[-2000:]

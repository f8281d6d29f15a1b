"""``minutes stats``: turns and characters per role and speaker, per document and for all,
the same from files as from an archive."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.stats import ALL, FIELDS, Stat, statistics, turn

runner = CliRunner()

ONE = """\
第1回 委員会 会議録
令和6年5月1日（水）

○委員長（山田一郎君） 開会します。
○國務大臣（鈴木花子君） 御説明申し上げます。長くなります。
○委員（伊藤五郎君） 質問です。
○国務大臣（鈴木花子君） お答えします。
"""
TWO = """\
第2回 委員会 会議録
令和6年5月8日（水）

○委員長（山田一郎君） 再開します。
○委員（佐藤次郎君） 伺います。
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TWO, encoding="utf-8")
    return tmp_path


def test_roles_then_speakers_most_characters_first_with_shares() -> None:
    rows = statistics(
        [
            turn("a", "委員長", "山田", "開会します。"),
            turn("a", "國務大臣", "鈴木", "御説明申し\n上げます。"),  # 10 characters
            turn("a", "国務大臣", "鈴木", "はい。"),
            turn("a", None, None, "（拍手）"),
        ]
    )
    assert [(r.by, r.name, r.role, r.turns, r.characters) for r in rows] == [
        ("role", "国務大臣", "国務大臣", 2, 13),
        ("role", "委員長", "委員長", 1, 6),
        ("role", "(no role)", "(no role)", 1, 4),
        ("speaker", "鈴木", "国務大臣", 2, 13),
        ("speaker", "山田", "委員長", 1, 6),
    ]
    assert sum(r.share for r in rows if r.by == "role") == pytest.approx(1)
    assert ALL not in {r.path for r in rows}  # one document: no total rows


def test_several_documents_end_with_their_total() -> None:
    rows = statistics([turn("a", "委員", "x", "ab"), turn("b", "委員", "y", "abcd")])
    assert [(r.path, r.by, r.name, r.characters) for r in rows][-3:] == [
        (ALL, "role", "委員", 6),
        (ALL, "speaker", "y", 4),
        (ALL, "speaker", "x", 2),
    ]


def test_files_and_their_archive_count_the_same(folder: Path) -> None:
    code, from_files, _ = run("stats", str(folder), "-f", "csv", "-q")
    assert code == 0
    database = folder / "m.db"
    assert run("parse", str(folder), "-f", "sqlite", "-o", str(database), "-q")[0] == 0
    code, from_archive, _ = run("stats", str(database), "-f", "csv")
    assert code == 0 and from_files == from_archive
    rows = list(csv.DictReader(io.StringIO(from_files)))
    assert tuple(rows[0]) == FIELDS
    total = [r for r in rows if r["path"] == ALL and r["by"] == "role"]
    assert [(r["name"], r["turns"]) for r in total] == [
        ("国務大臣", "2"),
        ("委員長", "2"),
        ("委員", "2"),
    ]


def test_json_rows_and_a_chart(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)  # a short path: the chart's titles do not wrap
    _, out, _ = run("stats", "a.txt", "-f", "json")
    rows = [Stat(**row) for row in json.loads(out)]
    assert rows[0].name == "国務大臣" and rows[0].share == pytest.approx(24 / 35, abs=1e-4)
    _, chart, _ = run("stats", "a.txt", "-f", "chart")
    assert "by role" in chart and "by speaker" in chart and "█" in chart and "69%" in chart


def test_an_unreadable_input_is_reported_and_the_others_counted(folder: Path) -> None:
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    code, out, err = run("stats", str(folder), "-f", "csv", "-q")
    assert code == 1 and "bad.txt" in err
    assert {row["path"] for row in csv.DictReader(io.StringIO(out))} == {
        str(folder / "a.txt"), str(folder / "b.txt"), ALL
    }  # fmt: skip


def test_an_archive_is_counted_alone(folder: Path) -> None:
    database = folder / "m.db"
    run("parse", str(folder / "a.txt"), "-f", "sqlite", "-o", str(database), "-q")
    code, _, err = run("stats", str(database), str(folder / "a.txt"))
    assert code == 2 and "an archive is counted alone" in err

"""``minutes search`` as people write: old and today's kanji forms find each other, a role
finds its family, and the output fits a pipe (plain lines) or a terminal (colour, table)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli.archive import Hit
from minutes_cli.cli import app
from minutes_cli.cli.common import ColorChoice, use_color
from minutes_cli.grammar import forms, kanji_forms
from minutes_cli.search_output import matches, write_lines

runner = CliRunner()

#: A Diet-style record: roles and text in old forms and today's.
DIET = """\
第二百十三回国会 予算委員会議録 第三號
令和六年二月五日（月曜日）

○委員長（山田一郎君） これより會議を開きます。
○國務大臣（鈴木花子君） 國民の皆様に御説明申し上げます。
○国務大臣（佐藤次郎君） 国民の生活を守ります。
○文部科学大臣（田中三郎君） 学校の予算について答えます。
○大臣政務官（高橋四郎君） 補足いたします。
○委員（伊藤五郎君） 國民健康保険について伺います。
"""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def diet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("diet")
    (folder / "diet.txt").write_text(DIET, encoding="utf-8")
    target = folder / "diet.db"
    code, _, err = run("parse", str(folder / "diet.txt"), "-f", "sqlite", "-o", str(target))
    assert code == 0, err
    return target


def speakers(database: Path, *args: str) -> list[str]:
    code, out, err = run("search", str(database), *args, "-f", "json", "-n", "0")
    assert code in (0, 1), err
    return [hit["speaker"] for hit in json.loads(out)]


# --- the table of forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("國", "国"),
        ("會", "会"),
        ("號", "号"),
        ("體", "体"),
        ("辯", "弁"),
        ("齋", "斎"),
        ("濱", "浜"),
    ],
)
def test_old_forms_fold_to_todays(old: str, new: str) -> None:
    assert forms.fold_forms(old) == new
    assert forms.fold_forms(new) == new


def test_the_table_is_one_to_one_and_today_is_a_fixed_point() -> None:
    assert len(kanji_forms.OLD) == len(kanji_forms.NEW) == len(set(kanji_forms.OLD))
    assert forms.fold_forms(kanji_forms.NEW) == kanji_forms.NEW  # no chains: 国 stays 国
    assert not set(kanji_forms.OLD) & set(kanji_forms.NEW)


def test_the_table_is_what_yosina_gives() -> None:
    pytest.importorskip("yosina")
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "kanji_forms.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_spellings_list_every_form_and_stop_at_the_limit() -> None:
    assert forms.spellings("国民") == ["国民", "國民"]
    assert forms.spellings("國民") == ["国民", "國民"]
    assert forms.spellings("議長") == ["議長"]
    assert forms.spellings("国" * 7) is None  # 2**7 > MAX_SPELLINGS


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["国民", "國民", "国民の", "國民の"])
def test_text_in_old_forms_and_todays_find_each_other(diet: Path, query: str) -> None:
    found = speakers(diet, query)
    assert set(found) >= {"鈴木花子", "佐藤次郎"}


def test_a_long_query_with_many_forms_is_still_found(diet: Path) -> None:
    assert speakers(diet, "國民健康保險について") == speakers(diet, "国民健康保険について")
    assert speakers(diet, "國民健康保險について") == ["伊藤五郎"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("大臣", {"鈴木花子", "佐藤次郎", "田中三郎"}),  # not 大臣政務官: it does not end so
        ("国務大臣", {"鈴木花子", "佐藤次郎"}),
        ("國務大臣", {"鈴木花子", "佐藤次郎"}),
        ("委員", {"伊藤五郎"}),  # not 委員長
        ("委員長", {"山田一郎"}),
    ],
)
def test_a_role_finds_its_family(diet: Path, role: str, expected: set[str]) -> None:
    assert set(speakers(diet, "。", "--role", role)) == expected


# --- output ------------------------------------------------------------------------------


def hit(text: str, line_end: int = 7, role: str | None = "國務大臣") -> Hit:
    return Hit(
        document_id=1, path="a b.txt", title=None, date="2024-02-05", seq=0, section=None,
        section_title=None, marker="○", role=role, speaker="鈴木花子", text=text,
        line_start=5, line_end=line_end, page_start=None, page_end=None,
    )  # fmt: skip


def test_lines_are_path_lines_date_speaker_text() -> None:
    out = io.StringIO()
    write_lines(
        [hit("國民の\n皆様に\tどうぞ"), hit("一行", line_end=5, role=None)], "国民", out, False
    )
    assert out.getvalue() == (
        "a b.txt:5-7\t2024-02-05\t國務大臣 鈴木花子\t國民の 皆様に どうぞ\n"
        "a b.txt:5\t2024-02-05\t鈴木花子\t一行\n"
    )


def test_coloured_lines_mark_the_match_in_any_form() -> None:
    out = io.StringIO()
    write_lines([hit("國民の皆様")], "国民", out, True)
    assert "\x1b[1;31m國民\x1b[0mの皆様" in out.getvalue()
    assert matches("國民と国民", "国民") == [(0, 2), (3, 5)]


def test_piped_output_is_plain_lines_and_a_table_when_asked(diet: Path) -> None:
    code, out, _ = run("search", str(diet), "国民")
    assert code == 0 and all(line.count("\t") == 3 for line in out.splitlines())
    assert "\x1b[" not in out
    _, table, _ = run("search", str(diet), "国民", "-f", "table")
    assert "utterances" in table and "\t" not in table


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        (ColorChoice.AUTO, {}, True, True),
        (ColorChoice.AUTO, {}, False, False),
        (ColorChoice.AUTO, {"NO_COLOR": "1"}, True, False),
        (ColorChoice.AUTO, {"FORCE_COLOR": "1"}, False, True),
        (ColorChoice.AUTO, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        (ColorChoice.AUTO, {"NO_COLOR": ""}, True, True),  # empty means unset (no-color.org)
        (ColorChoice.AUTO, {"TERM": "dumb"}, True, False),
        (ColorChoice.ALWAYS, {"NO_COLOR": "1"}, False, True),
        (ColorChoice.NEVER, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_flag_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    choice: ColorChoice,
    env: dict[str, str],
    tty: bool,
    expected: bool,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert use_color(choice, Stream()) is expected


def test_force_color_colours_piped_lines(diet: Path) -> None:
    _, out, _ = run("search", str(diet), "国民", env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31m國民\x1b[0m" in out


def test_one_row_vocabulary_for_jsonl_csv_the_view_and_search(diet: Path) -> None:
    """The same names in the same order: parse -f jsonl keys, CSV columns, the archive's
    utterance_rows view and search's fields (which add the document id)."""
    import csv
    import sqlite3
    from contextlib import closing

    from minutes_cli.archive import HIT_FIELDS
    from minutes_cli.writers.rows import ROW_FIELDS

    source = diet.with_name("diet.txt")
    _, jsonl, _ = run("parse", str(source), "-f", "jsonl")
    _, table, _ = run("parse", str(source), "-f", "csv")
    _, found, _ = run("search", str(diet), "国民", "-f", "json")
    assert tuple(json.loads(jsonl.splitlines()[0])) == ROW_FIELDS
    assert tuple(next(csv.reader(io.StringIO(table)))) == ROW_FIELDS
    assert tuple(json.loads(found)[0]) == HIT_FIELDS == (*ROW_FIELDS, "document_id")
    with closing(sqlite3.connect(diet)) as connection:
        view = connection.execute("SELECT * FROM utterance_rows LIMIT 1").description
    assert tuple(column[0] for column in view) == (*ROW_FIELDS, "id", "document_id")


def test_fields_choose_what_json_and_csv_carry(diet: Path) -> None:
    _, out, _ = run("search", str(diet), "国民", "-f", "json", "--fields", "speaker,path")
    assert {tuple(hit) for hit in json.loads(out)} == {("speaker", "path")}
    _, out, _ = run("search", str(diet), "国民", "-f", "csv", "--fields", "document_id,text")
    assert out.splitlines()[0] == "document_id,text"
    code, _, err = run("search", str(diet), "国民", "--fields", "source")
    assert code == 2 and "unknown field 'source'" in err

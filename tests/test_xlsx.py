"""``-f xlsx``: a workbook a clerk opens: the CSV's columns, dates as dates, numbers as
numbers, text wrapped, the header frozen and filterable, Japanese intact, no formulas."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.writers.rows import ROW_FIELDS

openpyxl = pytest.importorskip("openpyxl")

runner = CliRunner()

HOSTILE = (
    "令和6年 第1回 検討会 議事録\n日時：令和6年5月1日（水）\n\n【○…委員 ◎…座長】\n\n1 議題\n"
    '○=HYPERLINK("http://x.example","押して")\n'
    "◎座長です。制御\x1b[2J文字と國民。\n"
)


def run(*args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def book(tmp_path: Path) -> Path:
    source = tmp_path / "m.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "m.xlsx"
    code, _, err = run("parse", str(source), str(source), "-f", "xlsx", "-o", str(target))
    assert code == 0, err
    return target


def test_the_sheet_has_the_rows_of_jsonl(book: Path, tmp_path: Path) -> None:
    import json

    sheet = openpyxl.load_workbook(book)["utterances"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ROW_FIELDS
    source = str(tmp_path / "m.txt")
    _, out, _ = run("parse", source, source, "-f", "jsonl")
    expected = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert len(rows) - 1 == len(expected) == 4
    for got, want in zip(rows[1:], expected, strict=True):
        assert got[ROW_FIELDS.index("text")] == want["text"].replace("\x1b", "\ufffd")
        assert got[ROW_FIELDS.index("speaker")] == want["speaker"]
        assert got[ROW_FIELDS.index("line_end")] == want["line_end"]


def test_cells_are_typed_for_a_spreadsheet(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["utterances"]
    column = {name: index + 1 for index, name in enumerate(ROW_FIELDS)}
    first = 2
    assert sheet.cell(first, column["date"]).value == datetime(2024, 5, 1)
    assert sheet.cell(first, column["date"]).number_format == "yyyy-mm-dd"
    assert isinstance(sheet.cell(first, column["line_start"]).value, int)
    assert sheet.cell(first, column["text"]).alignment.wrap_text
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{sheet.max_row}"
    assert sheet.cell(1, 1).font.bold


def test_text_is_never_a_formula_and_controls_are_replaced(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["utterances"]
    texts = [row[ROW_FIELDS.index("text")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts[0] == '=HYPERLINK("http://x.example","押して")'
    assert sheet.cell(2, ROW_FIELDS.index("text") + 1).data_type == "s"
    assert texts[1] == "座長です。制御\ufffd[2J文字と國民。"


def test_fields_choose_the_columns(tmp_path: Path, book: Path) -> None:
    target = tmp_path / "few.xlsx"
    code, _, _ = run(
        "parse",
        str(tmp_path / "m.txt"),
        "-f",
        "xlsx",
        "-o",
        str(target),
        "--fields",
        "speaker,text",
    )
    sheet = openpyxl.load_workbook(target)["utterances"]
    assert code == 0 and next(sheet.iter_rows(values_only=True)) == ("speaker", "text")


def test_a_piped_stdout_gets_the_workbook(tmp_path: Path, book: Path) -> None:
    code, out, _ = run("parse", str(tmp_path / "m.txt"), "-f", "xlsx")
    assert code == 0 and out.startswith(b"PK")
    assert openpyxl.load_workbook(io.BytesIO(out))["utterances"].max_row == 3


def test_without_the_extra_it_says_how_to_install(
    tmp_path: Path, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "openpyxl" else found(name, *a),
    )
    code, _, err = run(
        "parse", str(tmp_path / "m.txt"), "-f", "xlsx", "-o", str(tmp_path / "x.xlsx")
    )
    assert code == 2 and "pip install 'minutes-records[xlsx]'" in err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_japanese_and_the_dates(book: Path, tmp_path: Path) -> None:
    """LibreOffice headless turns the workbook into CSV (UTF-8: filter option 76) with
    the Japanese as written and the dates as dates."""
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(book)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO((out / "m.csv").read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == ROW_FIELDS
    assert rows[1][ROW_FIELDS.index("date")] == "2024-05-01"
    assert rows[2][ROW_FIELDS.index("text")] == "座長です。制御\ufffd[2J文字と國民。"
    assert rows[1][ROW_FIELDS.index("title")] == "令和6年 第1回 検討会 議事録"

"""The CLI through typer's runner: formats, output files, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli import __version__
from minutes_cli.cli import app
from minutes_cli.errors import ExitCode
from minutes_cli.models import Document
from tests.conftest import SEED

runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_is_the_whole_document() -> None:
    code, out, err = run("parse", str(SEED))
    assert (code, err) == (0, "")
    document = Document.model_validate_json(out)
    assert len(document.utterances) == 16
    assert document.source.path == str(SEED)


def test_jsonl_has_one_utterance_per_line() -> None:
    code, out, _ = run("parse", str(SEED), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 16
    assert rows[0]["date"] == "2025-10-06" and rows[0]["section"] == "3.2"
    assert rows[0]["section_title"].startswith("第3期") and rows[0]["path"] == str(SEED)
    assert (rows[0]["line_start"], rows[0]["line_end"]) == (45, 53)


def test_csv_has_a_header_and_one_row_per_utterance() -> None:
    code, out, _ = run("parse", str(SEED), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 16
    assert rows[0]["role"] == "議長" and rows[0]["line_start"] == "45"
    assert not out.startswith("\ufeff")


def test_csv_bom_and_formula_safety(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text('【○…委員】\n○=HYPERLINK("http://x")\n', encoding="utf-8")
    code, out, _ = run("parse", str(source), "-f", "csv", "--bom")
    assert code == 0 and out.startswith("\ufeff")
    (row,) = csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))
    assert row["text"] == '\'=HYPERLINK("http://x")'


def test_markdown_is_readable() -> None:
    code, out, _ = run("parse", str(SEED), "-f", "md")
    assert code == 0
    assert out.startswith("# 令和7年度第1回釧路市")
    assert "議事" in out and "**議長**" in out and "**オブザーバー**" in out


def test_stdin() -> None:
    code, out, _ = run("parse", "-", "-f", "jsonl", stdin=SEED.read_bytes())
    assert code == 0 and len(out.splitlines()) == 16
    assert json.loads(out.splitlines()[0])["path"] == "-"


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "seed.json"
    code, out, _ = run("parse", str(SEED), "-o", str(target))
    assert (code, out) == (0, "")
    assert (
        Document.model_validate_json(target.read_text(encoding="utf-8")).meta.date == "2025-10-06"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["seed.json"]  # no temp files left


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: _write(d / "empty.txt", b""), "empty file"),
        (lambda d: _write(d / "blank.txt", b" \n\n"), "no text"),
        (
            lambda d: _write(d / "bad.txt", "議事録\n日時".encode() + b"\x80\xff\x80"),
            "cannot decode",
        ),
        (lambda d: _write(d / "bin.txt", b"PK\x03\x04\x00\x00"), "binary file"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output_file(
    make: Callable[[Path], Path], message: str, tmp_path: Path
) -> None:
    path = make(tmp_path)
    target = tmp_path / "out.json"
    code, out, err = run("parse", str(path), "-o", str(target))
    assert code == ExitCode.INPUT_ERROR
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"minutes: {path}")
    assert message in err and "Traceback" not in err
    assert not target.exists()


def test_undecodable_input_names_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.txt", "一行目\n二行".encode() + b"\xff\n")
    _, _, err = run("parse", str(path))
    assert err.startswith(f"minutes: {path}:2:7: cannot decode: not UTF-8 (byte 0xff at offset 16)")


def test_too_big(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "あ".encode() * 100)
    code, _, err = run("parse", str(path), "--max-bytes", "10")
    assert code == 2 and "over the limit of 10" in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, _ = run("parse", str(SEED), "-f", "xml")
    assert code == 2


def test_schema_matches_the_models() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == Document.model_json_schema()


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"minutes {__version__}\n")


def test_python_m_runs_main_and_an_error_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    command = [sys.executable, "-m", "minutes_cli.cli", "parse", str(missing)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (ExitCode.INPUT_ERROR, "")
    assert result.stderr == f"minutes: {missing}: no such file\n"


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ([], "minutes parse minutes.txt --format json"),
        (["parse"], "minutes parse minutes.txt -f csv --bom -o out.csv"),
        (["schema"], "minutes schema > minutes.schema.json"),
    ],
)
def test_help_has_an_example(command: list[str], example: str) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert example in " ".join(out.split())  # rich may re-wrap the help text


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_encoding_option(tmp_path: Path) -> None:
    path = _write(tmp_path / "euc.txt", "会議録\n\n【○…委員】\n○質問します。\n".encode("euc_jp"))
    code, out, err = run("parse", str(path), "-f", "jsonl", "--encoding", "euc-jp")
    assert (code, err) == (0, "")
    assert json.loads(out)["text"] == "質問します。"
    code, _, err = run("parse", str(path), "--encoding", "utf-8")
    assert code == 2 and err.startswith(f"minutes: {path}:1:1: not valid utf-8")


def test_pdf_input_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(10, 10, 100, 100, fill=1)
    pdf.save()
    code, out, err = run("parse", str(path), "-o", str(tmp_path / "out.json"))
    assert (code, out) == (2, "")
    expected = "PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf, then parse"
    assert err == f"minutes: {path}: {expected}\n"


def test_error_line_keeps_a_path_with_a_colon(tmp_path: Path) -> None:
    path = _write(tmp_path / "a: b.txt", b"\xff")
    code, _, err = run("parse", str(path), "--encoding", "utf-8")
    assert code == 2
    assert err == f"minutes: {path}:1:1: not valid utf-8: byte 0xff at offset 0\n"


def test_a_directory_without_minutes_is_reported(tmp_path: Path) -> None:
    code, out, err = run("parse", str(tmp_path), "-f", "jsonl")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"minutes: {tmp_path}: no files matching *.txt or *.pdf"


def test_the_scheme_choices_are_auto_and_the_schemes() -> None:
    from minutes_cli.cli.common import SchemeChoice
    from minutes_cli.kinds import SCHEMES

    assert [choice.value for choice in SchemeChoice] == ["auto", *SCHEMES]


@pytest.mark.parametrize("command", ["parse", "search", "check", "rules", "schema"])
def test_help_has_no_type_noise_and_keeps_brackets(command: str) -> None:
    """Help a person reads: metavars, not typer's types (``<bool>``, ``TEXT``, ``INTEGER
    RANGE``), bracketed text kept as written, and example lines never rewrapped."""
    code, out, _ = run(command, "--help")
    assert code == 0
    for noise in ("<bool>", "<list", "<str>", "<int", "INTEGER", "╭"):
        assert noise not in out, noise
    options = [line for line in out.splitlines() if line.lstrip().startswith("-")]
    assert not [line for line in options if " TEXT" in line]
    examples = out.split("Examples:")[1].splitlines()
    assert all(line.startswith("    ") or not line.strip() for line in examples)
    if command == "check":
        assert "[tool.minutes] in pyproject.toml" in " ".join(out.split())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("minutes pa", ["parse"]),
        ("minutes parse -f ", ["json", "jsonl", "csv", "md", "tei", "xlsx", "sqlite"]),
    ],
)
def test_shell_completion_completes_commands_and_choices(words: str, expected: list[str]) -> None:
    import os

    env = {
        **os.environ,
        "_MINUTES_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    command = [sys.executable, "-c", "import sys; sys.argv = ['minutes']\n"
               "from minutes_cli.cli import main; main()"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected


def test_completion_scripts_are_offered() -> None:
    code, out, _ = run("--show-completion", "bash")
    assert code == 0 and "_MINUTES_COMPLETE=complete_bash" in out


def test_fields_choose_the_row_and_its_order() -> None:
    code, out, _ = run("parse", str(SEED), "-f", "jsonl", "--fields", "speaker,role,line_start")
    assert code == 0
    assert list(json.loads(out.splitlines()[0])) == ["speaker", "role", "line_start"]
    _, out, _ = run("parse", str(SEED), "-f", "csv", "--fields", "path, text")
    assert out.splitlines()[0] == "path,text"
    code, _, err = run("parse", str(SEED), "-f", "csv", "--fields", "path,source")
    assert code == 2 and "unknown field 'source'; the fields are path,title," in err


def test_compact_json_is_one_line_without_nulls_and_reads_back() -> None:
    _, pretty, _ = run("parse", str(SEED))
    code, out, _ = run("parse", str(SEED), "--compact")
    assert code == 0 and out.count("\n") == 1 and ": " not in out[:200]
    assert out.startswith('{"schema_version":"1.3",')
    assert out.count("null") < pretty.count("null") / 3 and len(out) < len(pretty) * 0.6
    assert Document.model_validate_json(out) == Document.model_validate_json(pretty)
    code, out, _ = run("parse", str(SEED), str(SEED), "--compact")
    documents = json.loads(out)
    assert code == 0 and len(documents) == 2 and out.count("\n") == 1

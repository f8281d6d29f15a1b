"""Batch runs of ``minutes parse``: many inputs, one stream or one file each, bad files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.engines.batch import Missing, Target, discover
from minutes_cli.engines.local import ordered_map
from tests.conftest import FIXTURES, SEED

runner = CliRunner()
NAMES = ["diagnostics_styles", "no_legend_kanji_date", "reiwa_gannen_crlf", "seed_kushiro_2025"]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive tree: two files at the top, two in a sub-folder, one bad, one ignored."""
    root = tmp_path / "archive"
    (root / "2024").mkdir(parents=True)
    for name, folder in zip(NAMES, ["", "", "2024", "2024"], strict=True):
        (root / folder / f"{name}.txt").write_bytes((FIXTURES / f"{name}.txt").read_bytes())
    (root / "2024" / "zz_broken.txt").write_bytes(b"\x00\x01binary")
    (root / "notes.docx").write_bytes(b"not read: no matching glob")
    return root


def test_discover_is_sorted_and_mirrors_the_tree(archive: Path) -> None:
    found = list(discover([str(archive), str(archive / "missing.txt")], []))
    targets = [t.relative.as_posix() for t in found if isinstance(t, Target)]
    assert targets == [
        "2024/reiwa_gannen_crlf.txt",
        "2024/seed_kushiro_2025.txt",
        "2024/zz_broken.txt",
        "diagnostics_styles.txt",
        "no_legend_kanji_date.txt",
    ]
    assert [m.path for m in found if isinstance(m, Missing)] == [str(archive / "missing.txt")]


def test_jsonl_streams_every_document_and_goes_on_past_a_bad_file(archive: Path) -> None:
    code, out, err = run("parse", str(archive), "-f", "jsonl", "-j", "1")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    sources = list(dict.fromkeys(row["path"] for row in rows))
    assert [Path(s).stem for s in sources] == [
        "reiwa_gannen_crlf",
        "seed_kushiro_2025",
        "diagnostics_styles",
        "no_legend_kanji_date",
    ]
    lines = err.splitlines()
    assert lines[0].startswith(f"minutes: {archive / '2024' / 'zz_broken.txt'}:1:1: binary file")
    assert lines[-1].startswith("minutes: 5 inputs: 4 ok, 1 failed, 0 skipped;")


def test_csv_has_one_header_and_json_is_an_array(archive: Path) -> None:
    _, out, _ = run(
        "parse",
        str(archive / "2024"),
        str(archive / "diagnostics_styles.txt"),
        "-f",
        "csv",
        "--bom",
        "-q",
    )
    assert out.startswith("\ufeff") and out.count("path,title,date") == 1
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 5 + 16 + 3
    _, out, _ = run("parse", str(archive / "2024"), "-f", "json", "-q")
    documents = json.loads(out)
    assert [len(d["utterances"]) for d in documents] == [5, 16]


def test_jobs_do_not_change_the_output(archive: Path) -> None:
    one = run("parse", str(archive), "-f", "jsonl", "-j", "1", "-q")
    two = run("parse", str(archive), "-f", "jsonl", "-j", "2", "-q")
    assert one == two and one[1]


def test_out_dir_mirrors_the_tree_and_skip_existing_resumes(archive: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run("parse", str(archive), "--out-dir", str(out_dir), "-f", "csv", "-j", "2")
    assert (code, out) == (1, "")
    written = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*"))
    assert written == [
        "2024",
        "2024/reiwa_gannen_crlf.csv",
        "2024/seed_kushiro_2025.csv",
        "diagnostics_styles.csv",
        "no_legend_kanji_date.csv",
    ]  # nothing for the broken input, and no temporary files left behind
    seed_csv = out_dir / "2024" / "seed_kushiro_2025.csv"
    assert seed_csv.read_text(encoding="utf-8").startswith("path,title,date")
    seed_csv.write_text("kept", encoding="utf-8")
    code, _, err = run(
        "parse", str(archive), "--out-dir", str(out_dir), "-f", "csv", "--skip-existing"
    )
    assert seed_csv.read_text(encoding="utf-8") == "kept"
    assert "0 ok, 1 failed, 4 skipped" in err.splitlines()[-1]


def test_output_takes_the_one_stream_of_several_inputs(archive: Path, tmp_path: Path) -> None:
    """-o with several inputs is what stdout would have been, written through a temporary
    file and renamed at the end (a bad input is reported and left out, exit 1)."""
    target = tmp_path / "out" / "all.jsonl"
    target.parent.mkdir()
    code, out, _ = run("parse", str(archive), "-f", "jsonl", "-o", str(target), "-j", "1")
    _, piped, _ = run("parse", str(archive), "-f", "jsonl", "-j", "1")
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8") == piped
    assert [p.name for p in target.parent.iterdir()] == ["all.jsonl"]  # no temporary file
    code, _, err = run("parse", str(archive), "-o", str(target), "--out-dir", str(tmp_path))
    assert code == 2 and "--output" in err


def test_quiet_and_no_progress_off_a_terminal(archive: Path) -> None:
    broken = f"minutes: {archive / '2024' / 'zz_broken.txt'}:1:1: binary file (NUL byte), not text"
    _, _, err = run("parse", str(archive / "2024"), "-f", "jsonl")
    assert err.splitlines()[0] == broken  # no progress bar off a terminal: error, summary
    assert err.splitlines()[1].startswith("minutes: 3 inputs: 2 ok, 1 failed")
    assert len(err.splitlines()) == 2
    _, _, err = run("parse", str(archive / "2024"), "-f", "jsonl", "-q")
    assert err == broken + "\n"  # quiet drops the summary, never the errors


def _square(n: int) -> int:
    return n * n


def test_ordered_map_keeps_order_with_a_small_window() -> None:
    assert list(ordered_map(_square, range(50), jobs=2, window=3)) == [n * n for n in range(50)]
    assert list(ordered_map(_square, range(5), jobs=1)) == [0, 1, 4, 9, 16]
    for batch in (2, 3, 8):  # batches of several inputs a task, the last one short
        got = list(ordered_map(_square, range(50), jobs=2, window=3, batch=batch))
        assert got == [n * n for n in range(50)]


def test_a_batch_spreads_a_short_run_over_every_worker() -> None:
    from minutes_cli.engines.local import MAX_BATCH, batch_size

    assert batch_size(20, 2) == 1  # 20 tasks for 2 workers: no batching
    assert batch_size(1000, 2) == MAX_BATCH
    assert all(items // batch_size(items, 2) >= 16 * 2 for items in range(32, 2000, 37))


def test_parse_or_error_takes_paths_and_never_raises(tmp_path: Path) -> None:
    # What a Dask, Ray or Spark user passes: str, pathlib.Path (rglob results), or junk.
    import pickle

    from minutes_cli import Document, ParseFailure, parse_or_error

    document = parse_or_error(SEED)  # a pathlib.Path
    assert isinstance(document, Document) and document.utterances
    assert parse_or_error(str(SEED)) == document
    missing = parse_or_error(tmp_path / "nope.txt")
    assert isinstance(missing, ParseFailure) and missing.code == "E001"
    assert str(missing).endswith("nope.txt: no such file")
    for junk in (None, 3, b"bytes.txt"):
        failure = parse_or_error(cast(Any, junk))  # what a caller without mypy may pass
        assert isinstance(failure, ParseFailure) and failure.code == "usage"
    wrong = parse_or_error(SEED, scheme="nonsense")
    assert isinstance(wrong, ParseFailure) and wrong.code == "usage"
    assert "unknown speaker scheme 'nonsense'" in wrong.message
    assert pickle.loads(pickle.dumps(wrong)) == wrong

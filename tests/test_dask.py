"""The Dask engine: the same output as the local engine, file for file, on a real cluster of
worker processes; bad inputs, bad addresses and a missing extra are one line on stderr;
the per-document function pickles and never raises."""

from __future__ import annotations

import logging
import operator
import pickle
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

import dask.bag as db
from distributed import Client
from typer.testing import CliRunner

from minutes_cli import Document, ParseFailure, parse_or_error
from minutes_cli.cli import app
from minutes_cli.engines import dask_engine
from minutes_cli.engines.driver import BatchOptions, Engine
from minutes_cli.engines.driver import run as run_batch
from minutes_cli.engines.local import DIED
from tests.conftest import FIXTURES, SEED
from tests.test_signals import _deadly_job, _deadly_task  # the workers import them too

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One cluster of two worker processes for the whole module (starting one takes ~1 s)."""
    with dask_engine.local_cluster(2, logging.ERROR) as cluster:  # LocalCluster, processes
        yield str(cluster.scheduler_address)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture, some in a sub-folder, plus a binary and an empty file among them."""
    root = tmp_path_factory.mktemp("dask") / "archive"
    for n, source in enumerate(sorted(FIXTURES.glob("*.txt"))):
        folder = root / ("later" if n % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / source.name).write_bytes(source.read_bytes())
    (root / "later" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "empty.txt").write_bytes(b"")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_out_dir_is_byte_identical_to_the_local_engine(
    archive: Path, scheduler: str, tmp_path: Path, fmt: str
) -> None:
    local = run("parse", str(archive), "--out-dir", str(tmp_path / "local"), "-f", fmt, "-j", "2")
    dask = run(
        "parse",
        str(archive),
        "--out-dir",
        str(tmp_path / "dask"),
        "-f",
        fmt,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    expected, got = tree(tmp_path / "local"), tree(tmp_path / "dask")
    assert len(expected) == len(list(FIXTURES.glob("*.txt")))
    assert sorted(got) == sorted(expected)
    assert got == expected
    assert local[0] == dask[0] == 1  # the two bad files
    # the same error lines, in the same order; the summary differs only in its timing
    assert dask[2].splitlines()[:-1] == local[2].splitlines()[:-1]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "md"])
def test_one_stream_to_stdout_is_in_input_order(archive: Path, scheduler: str, fmt: str) -> None:
    _, expected, _ = run("parse", str(archive), "-f", fmt, "--bom", "-q", "-j", "2")
    code, got, err = run(
        "parse",
        str(archive),
        "-f",
        fmt,
        "--bom",
        "-q",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert code == 1
    assert got == expected
    assert len(err.splitlines()) == 2  # the two bad files, nothing from Dask


def test_a_bad_file_is_reported_and_the_rest_is_written(
    archive: Path, scheduler: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = run(
        "parse", str(archive), "--out-dir", str(out), "--engine", "dask", "--scheduler", scheduler
    )
    assert code == 1
    lines = err.splitlines()
    assert lines[:2] == [
        f"minutes: {archive / 'empty.txt'}: empty file (no text)",
        f"minutes: {archive / 'later' / 'image.txt'}:3:1: binary file (NUL byte), not text",
    ]
    good = len(list(FIXTURES.glob("*.txt")))
    assert lines[2].startswith(f"minutes: {good + 2} inputs: {good} ok, 2 failed, 0 skipped;")
    assert len(lines) == 3
    assert len(tree(out)) == good
    assert not (out / "empty.json").exists() and not (out / "later" / "image.json").exists()
    assert not list(out.rglob("*.tmp"))  # nothing half-written


def test_skip_existing_keeps_outputs_already_there(scheduler: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "seed_kushiro_2025.json").write_text("kept", encoding="utf-8")
    code, _, err = run(
        "parse",
        str(SEED),
        str(FIXTURES / "diet_kanji.txt"),
        "--out-dir",
        str(out),
        "--skip-existing",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert code == 0, err
    assert (out / "seed_kushiro_2025.json").read_text(encoding="utf-8") == "kept"
    assert "1 ok, 0 failed, 1 skipped" in err


def test_without_scheduler_a_local_cluster_is_started(archive: Path, tmp_path: Path) -> None:
    run("parse", str(archive), "--out-dir", str(tmp_path / "local"), "-f", "md", "-j", "1")
    code, _, err = run(
        "parse",
        str(archive),
        "--out-dir",
        str(tmp_path / "dask"),
        "-f",
        "md",
        "--engine",
        "dask",
        "-j",
        "2",
    )
    assert code == 1
    assert len(err.splitlines()) == 3  # two bad files and the summary: Dask's logs stay quiet
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_one_line_after_a_timeout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{closed_port()}"
    started = time.perf_counter()
    code, out, err = run(
        "parse", str(SEED), "--out-dir", str(tmp_path), "--engine", "dask", "--scheduler", address
    )
    assert time.perf_counter() - started < 8
    assert code == 69
    assert out == ""
    assert err.startswith(f"minutes: {address}: cannot reach the Dask scheduler: ")
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("address", ["foo://head:8786", "head", "tcp://:::1", "inproc://x"])
def test_a_bad_scheduler_address_is_a_usage_error(address: str, tmp_path: Path) -> None:
    code, _, err = run(
        "parse", str(SEED), "--out-dir", str(tmp_path), "--engine", "dask", "--scheduler", address
    )
    assert code == 2
    assert err.startswith("minutes: --scheduler: ") and len(err.splitlines()) == 1


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    code, _, err = run("parse", str(SEED), "--out-dir", str(tmp_path), "--scheduler", "h:1")
    assert (code, err) == (2, "minutes: --scheduler: needs --engine dask\n")


def test_a_bad_address_is_refused_for_one_input_too() -> None:
    # One file is parsed in this process, but a --scheduler that could never work is
    # still an error, not silently ignored.
    code, out, err = run("parse", str(SEED), "--engine", "dask", "--scheduler", "host:::1")
    assert (code, out) == (2, "")
    assert err.startswith("minutes: --scheduler: invalid address 'host:::1'")


def test_without_the_extra_the_error_names_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    code, out, err = run("parse", str(FIXTURES), "--out-dir", str(tmp_path), "--engine", "dask")
    assert code == 2
    assert out == ""
    assert err == (
        "minutes: --engine: dask needs the dask extra (distributed is missing): "
        "pip install 'minutes-records[dask]'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_engine_yields_in_input_order_with_a_small_window(scheduler: str) -> None:
    with Client(scheduler, set_as_default=False) as client:
        engine = dask_engine.DaskEngine(client, scheduler)
        items = list(range(100))
        got = list(engine.map(operator.neg, items, partition_size=3, window=2))
        assert got == [-n for n in items]
        with pytest.raises(ValueError):  # a bug in a job reaches the caller
            list(engine.map(int, ["1", "x"]))


def _deadly(n: int) -> int:
    """Kills its own worker on 13, as the OOM killer would."""
    import os
    import signal

    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_an_input_that_kills_its_workers_fails_alone() -> None:
    import dask

    # Dask gives a task up (KilledWorker) after its workers died allowed-failures + 1
    # times; at 0 this test kills two workers, not eight.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        dask_engine.local_cluster(2, logging.CRITICAL + 1) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        engine = dask_engine.DaskEngine(client, str(cluster.scheduler_address))
        got = list(engine.map(_deadly, range(30), partition_size=4, died=lambda i, n: -i))
        assert got == [-13 if n == 13 else n * n for n in range(30)]
        from distributed import KilledWorker

        with pytest.raises(KilledWorker):  # without died, as before
            list(engine.map(_deadly, range(12, 16), partition_size=4))


def test_the_driver_reports_the_input_that_killed_its_dask_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import dask

    for name in "abcd":
        (tmp_path / f"{name}.txt").write_text("x")
    options = BatchOptions(jobs=2, engine=Engine.DASK, quiet=True)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        tally = run_batch([str(tmp_path)], options, _deadly_job, _deadly_task)
    assert (tally.ok, tally.failed) == (3, 1)
    assert capsys.readouterr().err == f"minutes: {tmp_path / 'b.txt'}: {DIED}\n"


def test_losing_the_scheduler_is_unavailable_not_a_bug(scheduler: str) -> None:
    with Client(scheduler, set_as_default=False) as client:
        engine = dask_engine.DaskEngine(client, scheduler)
        nowhere = ["tcp://127.0.0.1:1"]  # no such worker: the task waits, and never runs
        future = client.submit(time.sleep, 30, pure=False, workers=nowhere)
        future.cancel()  # what the client does to every pending future when the scheduler goes
        with pytest.raises(dask_engine.Unavailable) as raised:
            engine._result(future)
    assert str(raised.value).startswith(f"{scheduler}: lost the Dask scheduler: ")


# --- the per-document function ---------------------------------------------------------


def test_parse_or_error_pickles_and_returns_records(tmp_path: Path) -> None:
    job = pickle.loads(pickle.dumps(parse_or_error))
    assert job is parse_or_error  # by reference: importable on every worker
    document = job(str(SEED))
    assert isinstance(document, Document) and document.utterances
    assert pickle.loads(pickle.dumps(document)) == document

    missing = job(str(tmp_path / "missing.txt"))
    assert missing == ParseFailure(path=str(tmp_path / "missing.txt"), message="no such file")
    assert pickle.loads(pickle.dumps(missing)) == missing

    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    failure = job(str(binary))
    assert isinstance(failure, ParseFailure)
    assert (failure.line, failure.column, failure.code) == (3, 1, "E001")
    assert str(failure) == f"{binary}:3:1: binary file (NUL byte), not text"
    assert ParseFailure.model_validate_json(failure.model_dump_json()) == failure


def test_parse_or_error_turns_a_bug_into_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> Document:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("minutes_cli.jobs.parse_file", broken)
    failure = parse_or_error(str(SEED))
    assert isinstance(failure, ParseFailure) and failure.code == "internal"
    assert failure.message == "internal error: RuntimeError: boom second line (please report it)"
    with pytest.raises(RuntimeError):
        parse_or_error(str(SEED), raise_bugs=True)


def test_parse_or_error_reads_given_bytes() -> None:
    document = parse_or_error("-", data=SEED.read_bytes())
    assert isinstance(document, Document) and document.source.path is None
    failure = parse_or_error("-", data=b"")
    assert isinstance(failure, ParseFailure) and failure.message == "empty file (no text)"


def test_the_readme_example_runs_on_a_cluster(archive: Path, scheduler: str) -> None:
    paths = sorted(str(p) for p in archive.rglob("*.txt"))
    with Client(scheduler, set_as_default=False) as client:
        results = (
            db.from_sequence(paths, partition_size=4).map(parse_or_error).compute(scheduler=client)
        )
    failures = [r for r in results if isinstance(r, ParseFailure)]
    assert [Path(f.path).name for f in failures] == ["empty.txt", "image.txt"]
    documents = [r for r in results if isinstance(r, Document)]
    assert [d.source.path for d in documents] == [
        p for p in paths if not p.endswith(("empty.txt", "image.txt"))
    ]

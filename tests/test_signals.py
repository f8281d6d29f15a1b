"""Ctrl-C, SIGTERM, ``kill -9`` and dying workers (issue 13, point 1).

The CLI runs as a subprocess in its own process group, as a shell runs a job: SIGINT
goes to the whole group (what Ctrl-C at a terminal does), SIGTERM to the parent alone
(what ``kill`` does). Each run is on enough inputs to be stopped mid-run. The only
timings are generous guards against a hang.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from minutes_cli.engines import signals
from minutes_cli.engines.batch import Outcome, ReadOptions, Target
from minutes_cli.engines.driver import BatchOptions, run
from minutes_cli.engines.local import DIED, ordered_map
from minutes_cli.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
COPIES = 100  # of each fixture: some 1,500 inputs, seconds of work for two workers
HANG = 60  # seconds: a guard, not a measure
SUMMARY = re.compile(r"^minutes: (interrupted|terminated): \d+ of \d+ inputs done: ", re.M)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(COPIES):
        for fixture in sorted((ROOT / "fixtures").glob("*.txt")):
            shutil.copyfile(fixture, folder / f"c{n:03}_{fixture.name}")
    return folder


def _default_sigint() -> None:
    # A shell starts background jobs with SIGINT ignored, and the ignore is inherited;
    # a terminal's foreground job has the default, which is what is tested here.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(*args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("MINUTES_DEBUG", None)
    return subprocess.Popen(
        [sys.executable, "-m", "minutes_cli.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job
        preexec_fn=_default_sigint,
        env=env,
    )


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper is dead)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + HANG
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def _workers(process: subprocess.Popen[bytes], count: int) -> set[int]:
    _until(lambda: len(_children(process.pid)) >= count, "the workers")
    return _children(process.pid)


def _finish(process: subprocess.Popen[bytes]) -> tuple[bytes, str]:
    try:
        out, err = process.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:  # pragma: no cover - the bug this file is about
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the interrupted run hung")
    return out, err.decode()


def _gone(pids: set[int]) -> None:
    _until(lambda: not any(_alive(pid) for pid in pids), f"workers {sorted(pids)} to end")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _count(folder: Path) -> int:
    return len(list(folder.iterdir())) if folder.exists() else 0


def _send(process: subprocess.Popen[bytes], how: str) -> None:
    if how == "group":  # Ctrl-C at a terminal
        os.killpg(process.pid, signal.SIGINT)
    else:  # kill PID
        os.kill(process.pid, signal.SIGTERM)


CODE = {"group": ExitCode.INTERRUPTED, "parent": ExitCode.TERMINATED}


def _assert_stopped(code: int, err: str, how: str) -> None:
    assert code == CODE[how], err
    assert "Traceback" not in err
    assert SUMMARY.search(err), err
    assert err.count("\n") == 1, err  # the summary is the one line


@pytest.mark.parametrize("how", ["group", "parent"])
def test_out_dir_stops_cleanly_and_resumes_byte_identical(
    inputs: Path, tmp_path: Path, how: str
) -> None:
    out = tmp_path / "out"
    process = _start("parse", str(inputs), "--out-dir", str(out), "-j", "2")
    workers = _workers(process, 2)
    _until(lambda: _count(out) > 20, "the first outputs")
    _send(process, how)
    _, err = _finish(process)
    _assert_stopped(process.returncode, err, how)
    _gone(workers)
    assert not list(out.rglob("*.tmp"))
    assert 0 < _count(out) < len(list(inputs.iterdir()))  # stopped mid-run

    resumed = _start("parse", str(inputs), "--out-dir", str(out), "-j", "2", "--skip-existing")
    _finish(resumed)
    assert resumed.returncode == 0
    whole = tmp_path / "whole"
    uninterrupted = _start("parse", str(inputs), "--out-dir", str(whole), "-j", "2", "-q")
    _finish(uninterrupted)
    assert uninterrupted.returncode == 0
    assert _tree(out) == _tree(whole)


@pytest.mark.parametrize("how", ["group", "parent"])
def test_a_stream_to_stdout_stops_cleanly(inputs: Path, how: str) -> None:
    process = _start("parse", str(inputs), "-f", "jsonl", "-j", "2")
    workers = _workers(process, 2)
    assert process.stdout is not None
    first = os.read(process.stdout.fileno(), 1)  # output has begun (unbuffered: all is kept)
    _send(process, how)
    out, err = _finish(process)
    _assert_stopped(process.returncode, err, how)
    _gone(workers)
    *whole, _ = (first + out).split(b"\n")  # the last may be cut short
    assert whole
    for line in whole:  # every whole line is a record
        json.loads(line)


@pytest.mark.parametrize("how", ["group", "parent"])
def test_an_archive_stops_cleanly_and_keeps_whole_documents(
    inputs: Path, tmp_path: Path, how: str
) -> None:
    database = tmp_path / "x.db"
    process = _start("parse", str(inputs), "-f", "sqlite", "-o", str(database), "-j", "2")
    workers = _workers(process, 2)
    _until(database.exists, "the database")
    time.sleep(0.3)  # some documents stored (not asserted: any count is right)
    _send(process, how)
    _, err = _finish(process)
    _assert_stopped(process.returncode, err, how)
    _gone(workers)
    if database.exists():  # what was stored is readable: the integrity check passes
        import sqlite3

        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("how", ["group", "parent"])
def test_check_stops_cleanly(inputs: Path, how: str) -> None:
    process = _start("check", str(inputs), "-j", "2")
    workers = _workers(process, 2)
    _send(process, how)
    _, err = _finish(process)
    assert process.returncode == CODE[how], err
    assert "Traceback" not in err
    assert re.search(r"^minutes: (interrupted|terminated)", err, re.M), err
    _gone(workers)


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="no dask extra")
@pytest.mark.parametrize("how", ["group", "parent"])
def test_the_dask_engine_stops_cleanly(inputs: Path, tmp_path: Path, how: str) -> None:
    out = tmp_path / "out"
    process = _start("parse", str(inputs), "--out-dir", str(out), "-j", "2", "--engine", "dask")
    _until(lambda: _count(out) > 20, "the first outputs")
    workers = {pid for child in _children(process.pid) for pid in {child, *_children(child)}}
    _send(process, how)
    _, err = _finish(process)
    _assert_stopped(process.returncode, err, how)
    _gone(workers)


def test_kill_9_of_the_parent_takes_the_workers_with_it(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start("parse", str(inputs), "--out-dir", str(out), "-j", "2")
    workers = _workers(process, 2)
    _until(lambda: _count(out) > 20, "the first outputs")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=HANG)
    _gone(workers)
    assert process.stdout is not None
    assert process.stdout.read() == b""  # EOF: no worker holds the caller's pipe open
    assert not list(out.rglob("*.tmp"))  # the workers removed theirs as they went


def test_a_killed_worker_does_not_end_the_run(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start("parse", str(inputs), "--out-dir", str(out), "-j", "2")
    workers = _workers(process, 2)
    _until(lambda: _count(out) > 20, "the first outputs")
    os.kill(min(workers), signal.SIGKILL)
    _, err = _finish(process)
    assert "Traceback" not in err
    # The inputs that were in flight are run again one at a time: an input that was only
    # in the wrong pool is parsed, so the run ends whole.
    assert process.returncode == 0, err
    assert len(list(out.rglob("*.json"))) == len(list(inputs.iterdir()))


# --- the engine and the driver, in this process --------------------------------------


def _deadly(n: int) -> int:
    """A job that kills its own worker on 13, as the OOM killer would."""
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_an_input_that_kills_its_worker_fails_alone() -> None:
    results = list(ordered_map(_deadly, range(40), jobs=2, window=6, died=lambda i, n: -i))
    assert results == [-13 if n == 13 else n * n for n in range(40)]


def test_in_batches_an_input_that_kills_its_worker_fails_alone_at_its_position() -> None:
    results = list(ordered_map(_deadly, range(40), jobs=2, window=3, died=lambda i, n: -i, batch=4))
    assert results == [-13 if n == 13 else n * n for n in range(40)]


def test_in_batches_without_died_a_dead_worker_is_raised() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_deadly, range(20), jobs=2, batch=4))


def test_without_died_a_dead_worker_is_raised() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_deadly, range(20), jobs=2))


def _deadly_task(target: Target, options: ReadOptions) -> str:
    return target.path


def _deadly_job(path: str) -> Outcome:
    if path.endswith("b.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return Outcome(path, utterances=1)


def test_the_driver_reports_the_input_that_killed_its_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in "abcd":
        (tmp_path / f"{name}.txt").write_text("x")
    tally = run([str(tmp_path)], BatchOptions(jobs=2, quiet=True), _deadly_job, _deadly_task)
    assert (tally.ok, tally.failed) == (3, 1)
    assert capsys.readouterr().err == f"minutes: {tmp_path / 'b.txt'}: {DIED}\n"


def test_interrupted_says_what_and_exits_as_a_shell_would() -> None:
    assert signals.Interrupted(signal.SIGINT).exit_code == 130
    assert signals.Interrupted(signal.SIGTERM).exit_code == 143
    assert str(signals.Interrupted(signal.SIGTERM, "3 of 9 inputs done")) == (
        "terminated: 3 of 9 inputs done"
    )
    assert not issubclass(signals.Interrupted, Exception)  # no `except Exception` eats it


def test_a_signal_in_a_deferred_step_is_raised_at_its_end() -> None:
    previous = signal.signal(signal.SIGTERM, signals._raise)
    try:
        reached = []
        with pytest.raises(signals.Interrupted) as raised, signals.deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler runs here, and holds the signal
            reached.append(True)
        assert reached == [True]
        assert raised.value.signum == signal.SIGTERM
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, previous)


def _worker_state(parent: int) -> tuple[object, object]:
    signals.worker_init(parent)
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


def test_workers_ignore_ctrl_c_and_stop_on_sigterm() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        sigint, sigterm = pool.submit(_worker_state, os.getpid()).result(timeout=HANG)
    assert sigint == signal.SIG_IGN
    assert sigterm not in (signal.SIG_DFL, signal.SIG_IGN)


class _DiesInterrupted:
    def __del__(self) -> None:  # a signal handler that ran inside a finalizer
        raise signals.Interrupted(signal.SIGTERM)


def test_a_signal_swallowed_by_a_finalizer_is_delivered_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hook, previous = sys.unraisablehook, signal.getsignal(signal.SIGTERM)
    sys.unraisablehook = signals._unraisable(hook)
    try:
        with pytest.raises(signals.Interrupted) as raised:
            _DiesInterrupted()  # finalized at once: Python cannot raise from there
            time.sleep(0.05)  # the signal sent again lands here
        assert raised.value.signum == signal.SIGTERM
        assert "Exception ignored" not in capsys.readouterr().err
    finally:
        sys.unraisablehook = hook
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, previous)

"""The batch driver on its own: counts, order, missing inputs, failures, the sink."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from minutes_cli.engines.batch import Outcome, ReadOptions, Target
from minutes_cli.engines.driver import BatchOptions, Engine, Keep, check_engine, run
from minutes_cli.errors import MinutesError, OutputError, UsageError


def sized(target: Target) -> Outcome:
    """A job: the input's size, or an error for an empty file, or skipped for *.skip."""
    path = Path(target.path)
    if path.suffix == ".skip":
        return Outcome(target.path, skipped=True)
    size = path.stat().st_size
    if not size:
        return Outcome(target.path, error=f"{target.path}: empty")
    return Outcome(target.path, utterances=1, size=size)


def as_task(target: Target, read: ReadOptions) -> Target:
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in [("a.txt", "aa"), ("b.txt", ""), ("c.txt", "cccc"), ("d.skip", "")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_counts_order_and_failures(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept: list[str] = []

    def keep(outcome: Outcome) -> MinutesError | None:
        kept.append(Path(outcome.path).name)
        return OutputError(outcome.path, "refused") if outcome.path.endswith("c.txt") else None

    @contextmanager
    def sink() -> Iterator[Keep[Outcome]]:
        kept.append("open")
        yield keep
        kept.append("closed")

    options = BatchOptions(globs=("*.txt", "*.skip"), quiet=True)
    inputs = [str(folder), str(folder / "nope.txt")]
    tally = run(inputs, options, sized, as_task, sink())
    assert kept == ["open", "a.txt", "c.txt", "closed"]
    assert (tally.inputs, tally.missing, tally.targets) == (5, 1, 4)
    assert (tally.ok, tally.failed, tally.skipped, tally.size) == (1, 3, 1, 2)
    assert capsys.readouterr().err.splitlines() == [
        f"minutes: {folder / 'nope.txt'}: no such file",
        f"minutes: {folder / 'b.txt'}: empty",
        f"minutes: {folder / 'c.txt'}: refused",
    ]


def test_missing_inputs_can_go_elsewhere(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[str] = []
    tally = run(
        ["nope.txt"], BatchOptions(), sized, as_task, on_missing=lambda m: seen.append(m.path)
    )
    assert seen == ["nope.txt"] and tally.failed == 1
    assert capsys.readouterr().err == ""


def test_the_scheduler_needs_dask() -> None:
    with pytest.raises(UsageError, match="needs --engine dask"):
        check_engine(BatchOptions(scheduler="tcp://h:1"))
    check_engine(BatchOptions(engine=Engine.LOCAL))


def test_the_driver_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys\n"
        "import minutes_cli.engines.driver\n"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

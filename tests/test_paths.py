"""Paths and output files (issue 13, point 5): ``-o`` writes into devices, FIFOs and
``/dev/stdout`` and through symlinks; outputs stay inside ``--out-dir``; colliding outputs
are an error; environment faults (a full disk, a closed stdout, a tree past PATH_MAX) are
one line and exit 2; a closed pipe ends quietly with 141."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.engines.batch import discover
from minutes_cli.errors import ExitCode, SourceError, UsageError
from minutes_cli.files import atomic_writer, write_target
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()
GOOD = FIXTURES / "diagnostics_styles.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def minutes(
    *args: str, stdout: IO[bytes] | int = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """The CLI in its own process (for real stdout file descriptors); stderr captured."""
    command = [sys.executable, "-m", "minutes_cli.cli", *args]
    return subprocess.run(
        command, env=ENV, stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False
    )


def expected_json() -> str:
    code, out, _ = run("parse", str(GOOD))
    assert code == 0
    return out


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# --- -o into FIFOs, devices, symlinks ---------------------------------------------------


def test_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run("parse", str(GOOD), "-o", str(fifo))
    reader.join(timeout=60)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received == [expected_json().encode()]
    assert leftovers(tmp_path) == []


def test_symlink_is_followed_and_stays_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.json"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o600)
    link = tmp_path / "out.json"
    link.symlink_to(Path("real") / "out.json")
    code, _, _ = run("parse", str(GOOD), "-o", str(link))
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.json")
    assert target.read_text(encoding="utf-8") == expected_json()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the replaced file's mode is kept
    assert leftovers(tmp_path) == []


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to("made.json")
    assert run("parse", str(GOOD), "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text(encoding="utf-8") == expected_json()


def test_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    code, _, err = run("parse", str(GOOD), "-o", str(tmp_path / "a"))
    assert code == ExitCode.INPUT_ERROR
    assert err == f"minutes: {tmp_path / 'a'}: Too many levels of symbolic links\n"


def test_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old\n")
    inode = out.stat().st_ino
    assert run("parse", str(GOOD), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == expected_json()
    assert out.stat().st_ino != inode  # renamed over, not rewritten in place


def test_what_is_written_into() -> None:
    """The decision itself, checked before any test lets the CLI near a real device."""
    for device in ("/dev/null", "/dev/full", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"):
        if os.path.exists(device):
            assert write_target(Path(device)) is None, device


def _device(tmp_path: Path, name: str, real: str) -> Path:
    """A copy of a character device (``mknod``, as root), else the real one if writable."""
    node = tmp_path / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.stat(real).st_rdev)
        return node
    except (OSError, AttributeError):
        if os.access(real, os.W_OK):
            return Path(real)
    pytest.skip(f"no {real} to write to")


def test_dev_null_stays_a_device(tmp_path: Path) -> None:
    for null in (_device(tmp_path, "null", "/dev/null"), Path("/dev/null")):
        assert write_target(null) is None  # guard: never let a regression replace it
        code, out, err = run("parse", str(GOOD), "-o", str(null))
        assert (code, out, err) == (0, "", "")
        assert stat.S_ISCHR(null.lstat().st_mode)


def test_dev_full_is_no_space_left(tmp_path: Path) -> None:
    full = _device(tmp_path, "full", "/dev/full")
    assert write_target(full) is None
    code, _, err = run("parse", str(GOOD), "-o", str(full))
    assert code == ExitCode.INPUT_ERROR
    assert err == f"minutes: {full}: No space left on device\n"
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_dev_stdout_writes_into_stdout_and_appends_to_a_file(tmp_path: Path) -> None:
    assert write_target(Path("/dev/stdout")) is None
    was_link = Path("/dev/stdout").is_symlink()
    done = minutes("parse", str(GOOD), "-o", "/dev/stdout")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == expected_json().encode()
    assert Path("/dev/stdout").is_symlink() == was_link
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    with log.open("ab") as handle:  # minutes ... -o /dev/stdout >> log.txt
        assert minutes("parse", str(GOOD), "-o", "/dev/stdout", stdout=handle).returncode == 0
    assert log.read_bytes() == b"before\n" + expected_json().encode()


# --- full disk, closed stdout, closed pipe ----------------------------------------------


def _enospc(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_for_o_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old\n")
    monkeypatch.setattr("minutes_cli.cli.parse_cmd.write", _enospc)
    code, _, err = run("parse", str(GOOD), "-o", str(out))
    assert (code, err) == (ExitCode.INPUT_ERROR, f"minutes: {out}: No space left on device\n")
    assert out.read_text() == "old\n"
    assert leftovers(tmp_path) == []


def test_full_disk_in_out_dir_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every input after the first would fail the same way: one line, exit 2, nothing left.
    monkeypatch.setattr("minutes_cli.engines.batch.write", _enospc)
    out = tmp_path / "out"
    code, _, err = run("parse", str(GOOD), str(FIXTURES / "diet_kanji.txt"), "--out-dir", str(out))
    assert code == ExitCode.INPUT_ERROR
    assert err == (
        f"minutes: {out / 'diagnostics_styles.json'}: No space left on device;"
        " the run stopped, 0 of 2 inputs done\n"
    )
    assert list(out.iterdir()) == []


def _eacces(*args: object) -> None:
    raise OSError(errno.EACCES, os.strerror(errno.EACCES))


def test_an_output_error_of_one_input_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("minutes_cli.engines.batch.write", _eacces)
    out = tmp_path / "out"
    code, _, err = run(
        "parse", str(GOOD), str(FIXTURES / "diet_kanji.txt"), "--out-dir", str(out), "-q"
    )
    assert code == ExitCode.FINDINGS
    assert err.count("Permission denied") == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stream_to_a_full_stdout_is_one_line(tmp_path: Path) -> None:
    for args in ([str(GOOD)], [str(FIXTURES), "-f", "jsonl", "-q"]):
        with open("/dev/full", "wb") as full:
            done = minutes("parse", *args, stdout=full)
        assert done.returncode == ExitCode.INPUT_ERROR, args  # was 0: 2 ok, output lost
        assert done.stderr == b"minutes: <stdout>: No space left on device\n"


def test_closed_stdout_is_one_line() -> None:
    for args in ([str(GOOD)], [str(FIXTURES), "-f", "jsonl", "-q"]):
        command = [sys.executable, "-m", "minutes_cli.cli", "parse", *args]
        done = subprocess.run(  # fd 1 closed, as by `minutes parse x >&-`
            ["sh", "-c", 'exec "$@" >&-', "sh", *command],
            env=ENV,
            capture_output=False,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        assert done.returncode == ExitCode.INPUT_ERROR, args  # was 70
        assert done.stderr == b"minutes: <stdout>: standard output is closed\n"


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["parse", "missing.txt"], ExitCode.INPUT_ERROR),
        (["check", str(GOOD)], ExitCode.FINDINGS),
        (["parse", "--bogus"], ExitCode.INPUT_ERROR),  # a usage error click prints itself
    ],
)
def test_a_closed_or_full_stderr_keeps_the_exit_code(
    stderr: str, args: list[str], code: ExitCode
) -> None:
    """Nothing can be said, but the exit code still tells what happened (was 1)."""
    command = [sys.executable, "-m", "minutes_cli.cli", *args]
    done = subprocess.run(
        ["sh", "-c", f'exec "$@" {stderr}', "sh", *command],
        env=ENV,
        stdout=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert done.returncode == code


@pytest.mark.parametrize("args", [["one"], ["many", "-f", "jsonl", "-j", "2"]])
def test_closed_pipe_is_quiet_and_141(tmp_path: Path, args: list[str]) -> None:
    """``minutes parse big | head -c1``: the reader goes away after one byte."""
    text = GOOD.read_bytes()
    if args[0] == "one":
        (tmp_path / "big.txt").write_bytes(text * 300)  # far more than a pipe holds
        inputs = [str(tmp_path / "big.txt")]
    else:
        for i in range(150):
            (tmp_path / f"m{i:03}.txt").write_bytes(text)
        inputs = [str(tmp_path)]
    command = [sys.executable, "-m", "minutes_cli.cli", "parse", *inputs, *args[1:]]
    with subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(1) == b"{"  # a JSON document, a JSON Lines record
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    assert (code, err) == (ExitCode.BROKEN_PIPE, b"")


# --- --out-dir containment --------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """in/a.txt, a sibling folder sib/b.txt, and in/link -> ../sib (a symlinked folder)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "sib").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "sib" / "b.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "in" / "link").symlink_to(Path("..") / "sib")
    return tmp_path


@pytest.mark.parametrize(
    ("glob", "message"),
    [
        ("../sib/*.txt", "'../sib/*.txt' reaches outside the directory searched ('..')"),
        ("../*.txt", "'../*.txt' reaches outside the directory searched ('..')"),
        ("*/../../sib/*", "'*/../../sib/*' reaches outside the directory searched ('..')"),
        ("/etc/*", "'/etc/*' is absolute; a glob picks files inside the directories given"),
    ],
)
def test_glob_cannot_leave_the_directory(tree: Path, glob: str, message: str) -> None:
    out = tree / "out"
    for command in ("parse", "check"):
        extra = ["--out-dir", str(out)] if command == "parse" else []
        code, _, err = run(command, str(tree / "in"), "--glob", glob, *extra)
        assert code == ExitCode.INPUT_ERROR
        assert err.startswith(f"minutes: --glob: {message}") and err.count("\n") == 1
    assert not out.exists()
    assert sorted(p.name for p in tree.rglob("*.json")) == []
    with pytest.raises(UsageError):
        list(discover([str(tree / "in")], [glob]))


def test_outputs_stay_inside_out_dir(tree: Path) -> None:
    out = tree / "out"
    code, _, _ = run("parse", str(tree / "in"), "--glob", "**/*.txt", "--out-dir", str(out), "-q")
    assert code == 0
    written = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.json"))
    assert written == ["out/a.json"]  # the symlinked folder is not searched (pathlib)


# --- colliding outputs --------------------------------------------------------------------


def test_two_inputs_one_output_is_an_error_naming_both(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(GOOD.read_bytes())
    out = tmp_path / "o"
    a, b = str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")
    for extra in ([], ["--skip-existing"]):
        code, _, err = run("parse", a, b, "--out-dir", str(out), *extra)
        assert code == ExitCode.INPUT_ERROR  # was: one o/x.json, "2 ok", exit 0
        assert err == (
            f"minutes: {out / 'x.json'}: would be written for both {a} and {b}; "
            f"give their common folder ({tmp_path}) instead: it is mirrored\n"
        )
        assert not out.exists()  # nothing written
    assert run("parse", str(tmp_path), "--out-dir", str(out), "-q")[0] == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "a/x.json",
        "b/x.json",
    ]


def test_text_and_pdf_of_one_name_collide(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_bytes(GOOD.read_bytes())
    (folder / "x.pdf").write_bytes(b"%PDF-1.4 not read")
    out = tmp_path / "o"
    code, _, err = run("parse", str(folder), "--out-dir", str(out))
    assert code == ExitCode.INPUT_ERROR
    assert err == (
        f"minutes: {out / 'x.json'}: would be written for both {folder / 'x.pdf'} and "
        f"{folder / 'x.txt'}; rename one, or leave one out with --glob\n"
    )
    assert not out.exists()
    assert run("parse", str(folder), "--glob", "*.txt", "--out-dir", str(out), "-q")[0] == 0


def test_one_file_named_twice_is_not_a_collision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, _, _ = run("parse", GOOD.name, f"./{GOOD.name}", "--out-dir", str(tmp_path), "-q")
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["diagnostics_styles.json"]


# --- a tree deeper than PATH_MAX ------------------------------------------------------------


def test_tree_deeper_than_path_max_is_one_line(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    (root / "top.txt").write_bytes(GOOD.read_bytes())
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 x 201 characters > PATH_MAX (4096)
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
            f.write(GOOD.read_bytes())
    finally:
        os.close(fd)
    out = tmp_path / "out"
    for args in (["parse", str(root), "--out-dir", str(out)], ["check", str(root)]):
        code, _, err = run(*args)
        assert code == ExitCode.INPUT_ERROR, args  # was 70, "please report it"
        assert err.startswith(f"minutes: {root}/ddd") and err.count("\n") == 1
        assert err.endswith(": cannot search: file name too long\n")
    assert not out.exists()
    with pytest.raises(SourceError):
        list(discover([str(root)], []))


def test_atomic_writer_leaves_nothing_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with pytest.raises(OSError, match="No space"), atomic_writer(out) as handle:
        handle.write("half")
        _enospc()
    assert list(tmp_path.iterdir()) == []


# --- -f sqlite -o ---------------------------------------------------------------------------


def test_sqlite_refuses_a_fifo_or_device_and_leaves_no_journal(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for node in (fifo, Path(os.devnull)):
        code, _, err = run("parse", str(GOOD), "-f", "sqlite", "-o", str(node))
        assert code == ExitCode.INPUT_ERROR  # was: "disk I/O error" and NAME-journal left
        assert err == f"minutes: {node}: not a regular file; a database must be a file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
    assert not Path(f"{os.devnull}-journal").exists()


def test_sqlite_through_a_symlink(tmp_path: Path) -> None:
    link = tmp_path / "m.db"
    link.symlink_to("real.db")
    missing = str(tmp_path / "nope.txt")
    assert run("parse", missing, "-f", "sqlite", "-o", str(link), "-q")[0] == ExitCode.INPUT_ERROR
    assert link.is_symlink() and not (tmp_path / "real.db").exists()  # nothing stored: removed
    assert run("parse", str(GOOD), "-f", "sqlite", "-o", str(link), "-q")[0] == 0
    assert link.is_symlink() and (tmp_path / "real.db").stat().st_size > 0

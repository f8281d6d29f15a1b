"""The ratios of issue 14, each measured in one run: ``minutes`` against its own floor.

    python bench/ratios.py            # every row, a few minutes on 2 cores
    python bench/ratios.py --quick    # smaller inputs, fewer repeats
    python bench/ratios.py --startup  # where the start-up goes, step by step

Times are CPU time (user + system) of the whole child process, best of several runs,
read from ``os.wait4``; memory is the child's peak RSS. Each row compares two commands run
in the same session, so that a busy machine moves both sides. The floors: ``python -c``
importing typer and regex and using one pydantic model (start-up), ``python -c pass``
(``--version``), and ``bench/lean.py`` (the lean line pipeline: throughput).

Run by hand and record the figures in bench/RESULTS.md; tests never time anything.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "seed_kushiro_2025.txt").read_text(encoding="utf-8")
MINUTES = str(Path(sys.executable).with_name("minutes"))
PYTHON = sys.executable
FLOOR = (
    "import typer, regex\nfrom pydantic import BaseModel\n"
    "class M(BaseModel):\n    a: int\nM(a=1).model_dump_json()\n"
)


def compiled() -> None:
    """Write the package's bytecode, as ``pip install`` does for the dependencies: with
    ``PYTHONDONTWRITEBYTECODE`` set (as on the project's machines) an editable install
    would otherwise compile its 65 modules from source on every run, about 0.2x of the
    start-up row that no user's install pays."""
    compileall.compile_dir(ROOT / "src" / "minutes_cli", quiet=1)


def startup(repeats: int) -> None:
    """Where the start-up goes: the floor, then the floor plus one more of our steps each,
    interleaved so that a busy machine moves every line alike. With valgrind on the PATH
    each step's instructions are counted too: the same on every run, where CPU time on a
    shared machine varies by a fifth."""
    seed = ROOT / "fixtures" / "seed_kushiro_2025.txt"
    parse = f"import minutes_cli.parse as p\np.parse_file({str(seed)!r})\n"
    steps = {
        "floor (typer, regex, one pydantic model)": "",
        "+ import minutes_cli.models (21 records)": "import minutes_cli.models\n",
        "+ import minutes_cli.parse (the stages)": "import minutes_cli.parse\n",
        "+ parse the seed (first compiles)": parse,
        "+ import the parse command": parse + "import minutes_cli.cli.parse_cmd\n",
    }
    whole = [MINUTES, "parse", str(seed), "-f", "json"]
    times: dict[str, list[float]] = {step: [] for step in [*steps, "`minutes parse -f json`"]}
    for _ in range(repeats * 2):
        for step, code in steps.items():
            times[step].append(run([PYTHON, "-c", FLOOR + code])[0])
        times["`minutes parse -f json`"].append(run(whole)[0])
    counts = {step: instructions([PYTHON, "-c", FLOOR + code]) for step, code in steps.items()}
    counts["`minutes parse -f json`"] = instructions(whole)
    floor, floor_count = min(times[next(iter(steps))]), counts[next(iter(steps))]
    print("| step | CPU ms | vs floor | instructions (M) | vs floor |\n|---|---|---|---|---|")
    for step, spent in times.items():
        count = counts[step]
        counted = f"{count / 1e6:.0f} | {count / floor_count:.2f}x" if count else "– | –"
        print(f"| {step} | {min(spent) * 1000:.0f} | {min(spent) / floor:.2f}x | {counted} |")


CACHEGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")


def instructions(command: list[str]) -> int:
    """Instructions one run of ``command`` executes (valgrind's cachegrind), 0 without it."""
    if shutil.which("valgrind") is None:
        return 0
    done = subprocess.run(
        [*CACHEGRIND, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else 0


def run(command: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """CPU seconds and peak RSS (bytes) of one run of ``command``, output discarded."""
    with open(stdin or os.devnull, "rb") as source:
        child = subprocess.Popen(command, stdin=source, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"{command} exited with status {status}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def best(command: list[str], repeats: int) -> float:
    return min(run(command)[0] for _ in range(repeats))


def wall(command: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def row(what: str, ours: float, floor: float, unit: str, goal: str) -> None:
    print(
        f"| {what} | {ours / floor:.2f}x "
        f"({ours * 1000:.0f} vs {floor * 1000:.0f} {unit}) | {goal} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument(
        "--startup", action="store_true", help="only where the start-up goes, step by step"
    )
    options = parser.parse_args()
    quick = options.quick
    repeats = 3 if quick else 7
    compiled()
    if options.startup:
        startup(repeats)
        return
    scale = 85 if quick else 850  # the seed x850 is about 10 MB
    work = Path(tempfile.mkdtemp(prefix="minutes-ratios-"))
    seed = work / "seed.txt"
    seed.write_text(SEED, encoding="utf-8")
    big = work / "big.txt"
    big.write_text(SEED * scale, encoding="utf-8")
    print("| what | now | goal |\n|---|---|---|")

    ours = best([MINUTES, "parse", str(seed), "-f", "json"], repeats)
    row(
        "`parse seed.txt -f json` vs typer+regex+pydantic",
        ours,
        best([PYTHON, "-c", FLOOR], repeats),
        "ms",
        "≤ 1.1x",
    )
    ours = best([MINUTES, "--version"], repeats)
    row(
        "`minutes --version` vs `python -c pass`",
        ours,
        best([PYTHON, "-c", "pass"], repeats),
        "ms",
        "≤ 1.5x",
    )

    size = big.stat().st_size
    lean = best([PYTHON, str(ROOT / "bench" / "lean.py"), str(big)], max(repeats // 2, 2))
    for fmt, goal in (("jsonl", "≤ 2.0x"), ("json", "≤ 2.2x")):
        ours = best([MINUTES, "parse", str(big), "-f", fmt], max(repeats // 2, 2))
        row(f"{size / 1e6:.0f} MB to `-f {fmt}` vs the lean pipeline", ours, lean, "ms", goal)

    lines = 10_000 if quick else 100_000
    markers = work / "markers.txt"
    markers.write_text("◎\n" * lines, encoding="utf-8")
    seed_lines = SEED.splitlines()
    text = work / "text.txt"
    text.write_text("\n".join(seed_lines * (lines // len(seed_lines) + 1)) + "\n", encoding="utf-8")
    start = best([MINUTES, "parse", str(seed), "-f", "jsonl"], repeats)
    per_marker = (best([MINUTES, "parse", str(markers), "-f", "jsonl"], 2) - start) / lines
    per_line = (best([MINUTES, "parse", str(text), "-f", "jsonl"], 2) - start) / (
        len(seed_lines) * (lines // len(seed_lines) + 1)
    )
    print(
        f"| {lines:,} lines of `◎`: a line vs a seed line | {per_marker / per_line:.1f}x "
        f"({per_marker * 1e6:.0f} vs {per_line * 1e6:.0f} µs) | ≤ 2x |"
    )

    twenty = work / "twenty.txt"
    twenty.write_text(SEED * scale * 2, encoding="utf-8")
    _, peak = run([MINUTES, "parse", str(twenty), "-f", "json"])
    print(
        f"| peak memory, {twenty.stat().st_size / 1e6:.0f} MB to `-f json`, vs its size | "
        f"{peak / twenty.stat().st_size:.1f}x ({peak / 2**20:.0f} MiB) | ≤ 6x |"
    )

    archive = work / "archive"
    archive.mkdir()
    for number in range(100 if quick else 1000):
        (archive / f"{number:04}.txt").write_text(SEED, encoding="utf-8")
    times = {}
    for jobs in ("1", "2"):
        out = work / f"out{jobs}"
        times[jobs] = wall(
            [MINUTES, "parse", str(archive), "--out-dir", str(out), "-q", "-j", jobs], 2
        )
    print(
        f"| {len(list(archive.iterdir())):,} seed files `--out-dir -j 2` vs `-j 1` | "
        f"{times['1'] / times['2']:.2f}x faster | ≥ 1.6x |"
    )

    cases: dict[str, Callable[[int], str]] = {
        "one 2 MB line": lambda n: "あ" * (700_000 * n),
        "50k marker lines": lambda n: "○\n" * (50_000 * n),
        "1M brackets": lambda n: "○" + "（" * (1_000_000 * n) + "）" * (1_000_000 * n) + "\n",
        "20k headings": lambda n: "".join(f"{i % 9 + 1} 見出し\n" for i in range(20_000 * n)),
    }
    ratios = []
    for name, make in cases.items():
        one, two = work / "one.txt", work / "two.txt"
        one.write_text(make(1), encoding="utf-8")
        two.write_text(make(2), encoding="utf-8")
        t1 = best([MINUTES, "parse", str(one), "-f", "jsonl"], 2) - start
        t2 = best([MINUTES, "parse", str(two), "-f", "jsonl"], 2) - start
        ratios.append(f"{name} {t2 / t1:.2f}x")
    print(f"| time for 2x input | {', '.join(ratios)} | ≤ 2.2x |")


if __name__ == "__main__":
    main()

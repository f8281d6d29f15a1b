"""Performance benchmark: start-up, throughput, scaling and memory.

    python bench/perf.py            # all measurements, a few minutes on 2 cores
    python bench/perf.py --quick    # smaller inputs

(a) start-up: ``minutes parse seed.txt`` against ``python -c "import typer, pydantic,
    regex"`` (best of 5 each);
(b) throughput to JSONL: one ~20 MB document, in-process and through the CLI;
(c) scaling: time for 2x the input over time for 1x, for text and pathological inputs;
(d) peak memory (RSS) parsing the ~20 MB document.

Run by hand and record the figures in bench/RESULTS.md; tests never time anything.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "seed_kushiro_2025.txt").read_text(encoding="utf-8")


def best_of(runs: int, command: list[str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def in_process(text: str) -> float:
    """Seconds to parse ``text`` and write it as JSON Lines, in this process."""
    from minutes_cli import parse_text
    from minutes_cli.writers import Format, write

    started = time.perf_counter()
    document = parse_text(text)
    write(document, Format.JSONL, io.StringIO())
    return time.perf_counter() - started


#: Inputs for the scaling test, at the sizes the hardening issue names as 1x: ~5 MB of
#: real text, a 5 MB line with no newline, 100,000 marker-only lines, 10,000 nested
#: brackets, a legend of 10,000 entries, and long runs of blank lines. 2x doubles each.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "seed text (5 MB)": lambda n: SEED * 400 * n,
    "one 5 MB line, no newline": lambda n: "議事録の本文です。" * 185_000 * n,
    "100k marker-only lines": lambda n: "○\n" * 100_000 * n,
    "10k nested brackets": lambda n: "（" * 10_000 * n + "議事" + "）" * 10_000 * n,
    "legend of 10k entries": lambda n: (
        "【" + " ".join(f"◎…役{i}" for i in range(10_000 * n)) + "】\n◎発言\n"
    ),
    "blank runs (500k lines)": lambda n: "議事録\n" + "\n" * 500_000 * n + "○発言\n",
    "one line of 300k markers": lambda n: "○あい" * 300_000 * n + "\n",
    "10k sections": lambda n: (
        "【○…委員】\n"
        + "".join(f"## 議題{i}\n○委員から意見があった。\n" for i in range(10_000 * n))
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    python = sys.executable
    seed_file = ROOT / "fixtures" / "seed_kushiro_2025.txt"

    baseline = best_of(5, [python, "-c", "import typer, pydantic, regex"])
    startup = best_of(5, [python, "-m", "minutes_cli.cli", "parse", str(seed_file)])
    print(
        f"(a) start-up: minutes parse seed {startup * 1000:.0f} ms; "
        f"import typer, pydantic, regex {baseline * 1000:.0f} ms; ratio {startup / baseline:.2f}x"
    )

    copies = 400 if args.quick else 1650  # 1650 copies of the seed: about 20 MB
    big = SEED * copies
    size = len(big.encode("utf-8"))
    seconds = in_process(big)
    print(
        f"(b) throughput, one {size / 1e6:.1f} MB document to JSONL in-process: "
        f"{seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s on one core"
    )
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "big.txt"
        path.write_text(big, encoding="utf-8")
        wrapper = (
            "import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(time.perf_counter() - t, peak)\n"
        )
        out = subprocess.run(
            [
                python,
                "-c",
                wrapper,
                python,
                "-m",
                "minutes_cli.cli",
                "parse",
                str(path),
                "-f",
                "jsonl",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        cli_seconds, rss_kib = float(out[0]), int(out[1])
        print(f"    through the CLI: {cli_seconds:.1f} s, {size / 1e6 / cli_seconds:.2f} MB/s")
        print(
            f"(d) peak memory for the {size / 1e6:.1f} MB document: {rss_kib / 1024:.0f} MiB, "
            f"{rss_kib * 1024 / size:.1f}x its size"
        )

    print("(c) scaling, time(2x) / time(1x):")
    for name, make in PATHOLOGICAL.items():
        scale = 0.1 if args.quick else 1.0
        one, two = make(1), make(2)
        if args.quick:  # a tenth of each, for a run in seconds
            one, two = one[: int(len(one) * scale)], two[: int(len(two) * scale)]
        t1 = min(in_process(one) for _ in range(3))
        t2 = min(in_process(two) for _ in range(3))
        print(
            f"    {name:28s} {len(one.encode()) / 1e6:6.2f} MB: {t1:6.2f} s -> {t2:6.2f} s, "
            f"{t2 / max(t1, 1e-9):.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

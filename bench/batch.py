"""Batch benchmark: one ``minutes parse DIR --out-dir`` run against a shell loop.

Builds an archive of N seed-sized files (the seed with its date and a few words
varied), then times:

* one batch run over the whole archive, for each ``--jobs`` value given;
* a shell loop that starts ``minutes parse`` once per file, on a sample of the
  archive (the loop is slow by design; its per-file cost is extrapolated);

and prints files/s, MB/s and the peak memory (RSS) of the batch process, plus the
peak memory for growing archive sizes, which should stay flat.

    python bench/batch.py                # 1,000 files, jobs 1 and all cores
    python bench/batch.py --files 200 --loop-sample 20

Run by hand; never part of the test suite (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed_kushiro_2025.txt"
MINUTES = [sys.executable, "-m", "minutes_cli.cli"]


def build_archive(directory: Path, files: int) -> int:
    """``files`` variants of the seed in 10 sub-folders; returns the total size in bytes."""
    seed = SEED.read_text(encoding="utf-8")
    total = 0
    for n in range(files):
        folder = directory / f"{n % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = seed.replace("10 月６日", f"{n % 12 + 1} 月{n % 28 + 1}日").replace(
            "鶴間市長", f"第{n}回 鶴間市長"
        )
        data = text.encode("utf-8")
        (folder / f"minutes_{n:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time of ``command`` and the peak RSS (KiB) of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def peak_rss(command: list[str]) -> int:
    """Peak RSS (KiB) of one fresh process running ``command`` (via /usr/bin/time -v or
    a Python wrapper that reports its own children)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--loop-sample",
        type=int,
        default=30,
        help="files the shell loop runs on (its cost is extrapolated)",
    )
    parser.add_argument("--jobs", type=int, nargs="*", default=None)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    jobs = args.jobs or sorted({1, cores})
    env_note = f"python {sys.version.split()[0]}, {cores} cores"
    work = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    try:
        archive = work / "archive"
        size = build_archive(archive, args.files)
        print(f"archive: {args.files} files, {size / 1e6:.2f} MB ({env_note})")
        results: dict[int, float] = {}
        for j in jobs:
            out = work / f"out-{j}"
            elapsed, _ = timed(
                [
                    *MINUTES,
                    "parse",
                    str(archive),
                    "--out-dir",
                    str(out),
                    "-f",
                    "jsonl",
                    "-q",
                    "-j",
                    str(j),
                ]
            )
            results[j] = elapsed
            rss = peak_rss(
                [
                    *MINUTES,
                    "parse",
                    str(archive),
                    "--out-dir",
                    str(work / f"m-{j}"),
                    "-f",
                    "jsonl",
                    "-q",
                    "-j",
                    str(j),
                ]
            )
            print(
                f"batch --jobs {j}: {elapsed:.2f} s, {args.files / elapsed:,.0f} files/s, "
                f"{size / 1e6 / elapsed:.2f} MB/s, peak RSS {rss / 1024:.0f} MiB (largest process)"
            )
        sample = sorted(archive.rglob("*.txt"))[: args.loop_sample]
        started = time.perf_counter()
        for file in sample:
            subprocess.run(
                [*MINUTES, "parse", str(file), "-f", "jsonl", "-o", str(work / "loop.jsonl")],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        per_file = (time.perf_counter() - started) / len(sample)
        loop_total = per_file * args.files
        best = min(results.values())
        print(
            f"shell loop: {per_file * 1000:.0f} ms per file -> {loop_total:.0f} s for "
            f"{args.files} files (measured on {len(sample)})"
        )
        print(f"speed-up of the batch run over the loop: {loop_total / best:.0f}x")
        print("peak RSS by archive size (should stay flat):")
        for count in (args.files // 4, args.files // 2, args.files):
            part = work / f"part-{count}"
            for file in sorted(archive.rglob("*.txt"))[:count]:
                target = part / file.relative_to(archive)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
            rss = peak_rss([*MINUTES, "parse", str(part), "-f", "jsonl", "-q", "-j", "1"])
            print(f"  {count:5d} files -> stdout: {rss / 1024:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

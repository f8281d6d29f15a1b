"""Engine benchmark: ``minutes parse DIR`` with ``--engine local`` against ``--engine dask``.

Builds the archive of ``bench/batch.py`` (N seed-sized files), then times, best of
``--repeat`` rounds (each round runs every configuration once, so that other load on the
machine weighs on all of them alike):

* ``--out-dir`` with the local engine (``--jobs`` 1 and all cores);
* ``--out-dir`` with the Dask engine starting its own local cluster (the cluster's
  start-up and shut-down included, as a user running it once would see);
* ``--out-dir`` with the Dask engine on a cluster that is already running
  (``--scheduler``), which is what a long-lived cluster costs per run;
* one JSONL stream to stdout, local and Dask (``--scheduler``);

checks that every Dask output is byte-identical to the local engine's, and prints
files/s. Needs the dask extra (``pip install -e '.[dask]'``).

    python bench/engines.py              # 1,000 files
    python bench/engines.py --files 200 --repeat 1

Run by hand; never part of the test suite (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import build_archive  # bench/ is not a package

MINUTES = [sys.executable, "-m", "minutes_cli.cli", "parse"]


class Run:
    """One configuration: its command, where its stdout goes, and its best time so far."""

    def __init__(self, name: str, command: list[str], stdout: Path | None = None) -> None:
        self.name, self.command, self.stdout = name, command, stdout
        self.best = float("inf")

    def once(self) -> None:
        with open(self.stdout or os.devnull, "wb") as sink:
            started = time.perf_counter()
            subprocess.run(self.command, check=False, stdout=sink, stderr=subprocess.DEVNULL)
            self.best = min(self.best, time.perf_counter() - started)


def same_tree(left: Path, right: Path) -> bool:
    """The same files with the same bytes under both folders."""
    names = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    other = sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    return names == other and all(
        filecmp.cmp(left / name, right / name, shallow=False) for name in names
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from minutes_cli.engines import dask_engine  # needs the dask extra

    cores = len(os.sched_getaffinity(0))
    work = Path(tempfile.mkdtemp(prefix="minutes-engines-"))
    try:
        archive = work / "archive"
        size = build_archive(archive, args.files)
        print(
            f"archive: {args.files} files, {size / 1e6:.2f} MB "
            f"(python {sys.version.split()[0]}, {cores} cores)"
        )
        stream = [*MINUTES, str(archive), "-f", "jsonl", "-q"]

        def out_dir(name: str, *options: str) -> Run:
            command = [*MINUTES, str(archive), "--out-dir", str(work / name), "-f", "jsonl", "-q"]
            shown = " ".join("ADDR" if o.startswith("tcp://") else o for o in options)
            return Run(f"--out-dir {shown}", [*command, *options])

        with dask_engine.local_cluster(cores, logging.ERROR) as cluster:
            address = str(cluster.scheduler_address)
            runs = {
                "local-1": out_dir("local-1", "--engine", "local", "-j", "1"),
                "local": out_dir("local", "--engine", "local", "-j", str(cores)),
                "dask-own": out_dir("dask-own", "--engine", "dask", "-j", str(cores)),
                "dask": out_dir("dask", "--engine", "dask", "--scheduler", address),
                "local.jsonl": Run(
                    f"stdout -f jsonl -j {cores}", [*stream, "-j", str(cores)], work / "l.jsonl"
                ),
                "dask.jsonl": Run(
                    "stdout -f jsonl --engine dask --scheduler ADDR",
                    [*stream, "--engine", "dask", "--scheduler", address],
                    work / "d.jsonl",
                ),
            }
            # Round after round, every configuration once: a machine shared with other work
            # (or a change to the code between runs) then weighs on all of them alike.
            for _ in range(args.repeat):
                for run in runs.values():
                    run.once()
        same = {
            "local": same_tree(work / "local-1", work / "local"),
            "dask-own": same_tree(work / "local-1", work / "dask-own"),
            "dask": same_tree(work / "local-1", work / "dask"),
            "dask.jsonl": filecmp.cmp(work / "l.jsonl", work / "d.jsonl", shallow=False),
        }
        for key, run in runs.items():
            check = "" if key not in same else ("  byte-identical" if same[key] else "  DIFFERENT")
            print(
                f"{run.name:50s} {run.best:6.2f} s {args.files / run.best:6.0f} files/s "
                f"{size / 1e6 / run.best:5.2f} MB/s{check}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m minutes_cli.cli``: the ``minutes`` command (the benchmarks run it so)."""

from minutes_cli.cli import main

main()

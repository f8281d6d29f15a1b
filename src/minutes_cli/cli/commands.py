"""The app with every command registered: importing a command module registers it, in
the order ``minutes --help`` lists them."""

from __future__ import annotations

from minutes_cli.cli.common import app, main

# isort: off
from minutes_cli.cli.parse_cmd import ParseFormat, parse
from minutes_cli.cli.search_cmd import SearchFormat, search
from minutes_cli.cli.check_cmd import FailOn, check
from minutes_cli.cli.stats_cmd import stats
from minutes_cli.cli.view_cmd import view
from minutes_cli.cli.info_cmd import rules, schema

# isort: on

__all__ = [
    "FailOn",
    "ParseFormat",
    "SearchFormat",
    "app",
    "check",
    "main",
    "parse",
    "rules",
    "schema",
    "search",
    "stats",
    "view",
]

"""Settings for ``minutes check`` from ``[tool.minutes]`` in ``pyproject.toml`` or from
``minutes.toml``, found in the working directory or the nearest parent that has one.

Command-line options win over the file; the file wins over the defaults. A file that
cannot be used raises :class:`~minutes_cli.errors.ConfigError` naming the file, and so
does a rule code in ``select`` or ``ignore`` that chooses no rule (``select = ["m1"]``),
even when an option overrides it: a CI setting that checks nothing must not pass.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from minutes_cli.checks import selector_error
from minutes_cli.errors import ConfigError


@dataclass(frozen=True)
class Config:
    """What a configuration file may set."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    format: str | None = None
    source: Path | None = None  # the file the settings came from

    KEYS = frozenset({"select", "ignore", "fail-on", "format"})


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(str(path), f"cannot read configuration: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("minutes")
        return table if isinstance(table, dict) else None
    table = data.get("tool", {}).get("minutes", data)
    return table if isinstance(table, dict) else None


def find_config(start: Path) -> Config:
    """The settings that apply in ``start``: the nearest minutes.toml or pyproject.toml
    with a ``[tool.minutes]`` table; defaults when there is none."""
    for directory in (start, *start.parents):
        for name in ("minutes.toml", "pyproject.toml"):
            path = directory / name
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return _config(table, path)
    return Config()


def _config(table: dict[str, Any], path: Path) -> Config:
    unknown = set(table) - Config.KEYS
    if unknown:
        raise ConfigError(str(path), f"unknown setting(s) {', '.join(sorted(unknown))}")

    def codes(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(str(path), f"{key} must be a list of rule codes")
        for selector in value:
            problem = selector_error(selector)
            if problem is not None:
                raise ConfigError(str(path), f"{key}: {problem}")
        return tuple(value)

    def text(key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(str(path), f"{key} must be a string")
        return value

    return Config(codes("select"), codes("ignore"), text("fail-on"), text("format"), path)


__all__ = ["Config", "ConfigError", "find_config"]

"""Arrows point one way: the pipeline never imports the CLI, writers or typer;
models import nothing of the pipeline; writers import only models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "minutes_cli"
PIPELINE = [
    "sources",
    "normalize",
    "grammar",
    "header",
    "sections",
    "speakers",
    "pipeline",
    "jpdate",
    "codes",
    "lossless",
]


#: What the pipeline must never import: the CLI, the outputs, the engines, and the CLI's
#: libraries.
EDGES = (
    "minutes_cli.cli",
    "minutes_cli.writers",
    "minutes_cli.reporters",
    "minutes_cli.engines",
    "minutes_cli.checks",
    "minutes_cli.config",
    "minutes_cli.files",
    "typer",
    "rich",
)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, ``from a import b`` counted as ``a`` and ``a.b``, with
    relative imports resolved against the file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_imports_of_sees_every_form(tmp_path: Path) -> None:
    probe = PACKAGE / "speakers" / "_probe_for_test.py"
    probe.write_text("from minutes_cli import cli, writers\nfrom .. import typer_shim\n")
    try:
        assert {"minutes_cli.cli", "minutes_cli.writers", "minutes_cli.typer_shim"} <= imports_of(
            probe
        )
    finally:
        probe.unlink()


def module_files(name: str) -> list[Path]:
    target = PACKAGE / name
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


@pytest.mark.parametrize("name", PIPELINE)
def test_pipeline_does_not_import_the_edges(name: str) -> None:
    for path in module_files(name):
        for module in imports_of(path):
            assert not module.startswith(EDGES), f"{path.name} imports {module}"


def test_models_import_nothing_of_the_pipeline() -> None:
    for module in imports_of(PACKAGE / "models.py"):
        assert not module.startswith("minutes_cli"), module


def test_writers_import_only_models() -> None:
    for path in module_files("writers"):
        for module in imports_of(path):
            if module.startswith("minutes_cli"):
                assert module.startswith(("minutes_cli.models", "minutes_cli.writers")), module


def test_library_api_works_without_typer() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['typer'] = None; sys.modules['rich'] = None\n"
        "from minutes_cli import parse_text\n"
        "print(len(parse_text('【○…委員】\\n○発言。\\n').utterances))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"

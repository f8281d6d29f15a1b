"""Diagnostic codes: one table, stable codes, each documented.

A code never changes meaning once released; retired codes are not reused.
``M0xx`` header, ``M1xx`` speakers, ``M2xx`` sections, ``M3xx`` text.
"""

from __future__ import annotations

from typing import NamedTuple

from minutes_cli.models import Diagnostic, Severity

#: The page that explains every code, one heading each (``docs/rules.md``, written by
#: ``minutes rules --format markdown``), where SARIF's ``helpUri`` points.
RULES_URL = "https://github.com/minutes-records/minutes/blob/main/docs/rules.md"


class Code(NamedTuple):
    """A diagnostic kind: stable code, short name, default severity, what it means."""

    code: str
    name: str
    severity: Severity
    summary: str


NO_DATE = Code("M001", "no-date", Severity.WARNING, "No meeting date was found in the header.")
WEEKDAY_MISMATCH = Code(
    "M002", "weekday-mismatch", Severity.WARNING, "The stated weekday does not match the date."
)
NO_TITLE = Code(
    "M003", "no-title", Severity.INFO, "No title line was found before the first section."
)
AMBIGUOUS_DATE = Code(
    "M004",
    "ambiguous-date",
    Severity.WARNING,
    "The meeting date could be read month first or day first (02/09/2015); it is read month first.",
)
UNKNOWN_MARKER = Code(
    "M101", "unknown-marker", Severity.WARNING, "A speaker marker is not defined by the legend."
)
NO_LEGEND = Code(
    "M102",
    "no-legend",
    Severity.WARNING,
    "Speaker markers are used but the document has no legend.",
)
UNUSED_LEGEND_ENTRY = Code(
    "M103", "unused-legend-entry", Severity.INFO, "A legend entry is never used by any paragraph."
)
UNREAD_LABEL = Code(
    "M105",
    "unread-label",
    Severity.INFO,
    "A line opens with a speaker marker but reads as no speaker's label: it is kept as a "
    "note, credited to nobody.",
)
MIXED_CONVENTIONS = Code(
    "M106",
    "mixed-conventions",
    Severity.WARNING,
    "Speakers are marked in two ways (○議長（…） labels and Name: lines, say): the document is "
    "read by one, and the message says what became of the other's lines.",
)
AMBIGUOUS_SPEAKER = Code(
    "M107",
    "ambiguous-speaker",
    Severity.INFO,
    "A speaker label fits several people of the roster (two listed members named 山田, say): "
    "the utterance is linked to none of them.",
)
HEADING_SKIPPED = Code(
    "M201", "heading-skipped", Severity.WARNING, "A section number was skipped (１, ２, ４)."
)
EMPTY_UTTERANCE = Code(
    "M301", "empty-utterance", Severity.WARNING, "A speaker marker is followed by no text."
)
UNKNOWN_ROLE = Code(
    "M104",
    "unknown-role",
    Severity.WARNING,
    "An utterance has neither a role nor a speaker name: who spoke cannot be told.",
)
HEADING_OUT_OF_ORDER = Code(
    "M202",
    "heading-out-of-order",
    Severity.WARNING,
    "A line looks like a numbered heading but its number goes back (１, ２, ２ or ３, １).",
)
TEXT_BEFORE_FIRST_SECTION = Code(
    "M203",
    "text-before-first-section",
    Severity.INFO,
    "Body text comes before the first numbered section.",
)
UNBALANCED_HEADING_BRACKETS = Code(
    "M204",
    "unbalanced-heading-brackets",
    Severity.WARNING,
    "A heading opens a bracket it does not close, or closes one it did not open.",
)
UNPLACED_LINE = Code(
    "M302",
    "unplaced-line",
    Severity.INFO,
    "Plain text outside any speech, list or heading: the parser kept it as a loose note.",
)
SUSPICIOUS_REFLOW = Code(
    "M303",
    "suspicious-reflow",
    Severity.WARNING,
    "A paragraph runs over 400 characters with no sentence end: lines were probably joined "
    "that should not have been.",
)
CONTROL_CHARACTER = Code(
    "M304",
    "control-character",
    Severity.WARNING,
    "The text holds a control character (ESC, NUL, a C1 control or a bidi override; not tab, "
    "newline or the form feed of a page break): the record keeps it, terminal output shows "
    "it escaped.",
)
PATTERN_TIMEOUT = Code(
    "M901",
    "pattern-timeout",
    Severity.ERROR,
    "A recogniser took too long on this input; the document is kept line by line as notes.",
)
INPUT_ERROR = Code(
    "E001",
    "input-error",
    Severity.ERROR,
    "The file cannot be read as minutes (missing, binary, undecodable, empty, too big).",
)

#: Every code, in code order; the README lists them.
ALL_CODES: tuple[Code, ...] = (
    INPUT_ERROR,
    NO_DATE,
    WEEKDAY_MISMATCH,
    NO_TITLE,
    AMBIGUOUS_DATE,
    UNKNOWN_MARKER,
    NO_LEGEND,
    UNUSED_LEGEND_ENTRY,
    UNKNOWN_ROLE,
    UNREAD_LABEL,
    MIXED_CONVENTIONS,
    AMBIGUOUS_SPEAKER,
    HEADING_SKIPPED,
    HEADING_OUT_OF_ORDER,
    TEXT_BEFORE_FIRST_SECTION,
    UNBALANCED_HEADING_BRACKETS,
    EMPTY_UTTERANCE,
    UNPLACED_LINE,
    SUSPICIOUS_REFLOW,
    CONTROL_CHARACTER,
    PATTERN_TIMEOUT,
)


def diagnostic(code: Code, message: str, line: int | None, column: int | None = None) -> Diagnostic:
    """A diagnostic record of ``code`` at a source position."""
    return Diagnostic(
        code=code.code, severity=code.severity, message=message, line=line, column=column
    )


def help_url(code: Code) -> str:
    """Where *code* is explained: its heading on the rules page (GitHub's anchor for
    ``## M302 unplaced-line`` is ``#m302-unplaced-line``)."""
    return f"{RULES_URL}#{code.code.lower()}-{code.name}"


def rules_page() -> str:
    """``docs/rules.md``: every code under a heading of its own, the anchors of
    :func:`help_url` (a test keeps the file equal to this)."""
    parts = [
        "# The rules of `minutes check`\n\n"
        "Written by `minutes rules --format markdown`; SARIF's `helpUri` points at each "
        "heading. Codes are stable: `M0xx` header, `M1xx` speakers, `M2xx` sections, "
        "`M3xx` text, `M9xx` the parser itself, `E001` an input that cannot be read.\n"
    ]
    for code in ALL_CODES:
        parts.append(
            f"\n## {code.code} {code.name}\n\nDefault severity: {code.severity.value}.\n\n"
            f"{code.summary}\n"
        )
    return "".join(parts)

"""``minutes check``: rules over a parsed document, one table entry per rule.

Most rules forward what the parser already noticed (its diagnostics carry the same
stable codes); the rest look at the finished record. Every rule has a code, a name,
a default severity and a summary in :mod:`minutes_cli.codes`, and a function here
that yields ``(line, column, message)`` for each finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import NamedTuple

from minutes_cli import codes
from minutes_cli.errors import UsageError, display_path
from minutes_cli.grammar.text import ends_sentence, excerpt
from minutes_cli.models import Document, Finding, Note, Severity, Utterance

#: A paragraph longer than this with no sentence end is a suspicious reflow (M303).
REFLOW_LIMIT = 400

Hit = tuple[int | None, int | None, str]  # line, column, message


class Rule(NamedTuple):
    """A check: its code (with name, severity, summary) and how to find it."""

    code: codes.Code
    find: Callable[[Document], Iterable[Hit]]


def _forward(code: codes.Code) -> Callable[[Document], Iterator[Hit]]:
    """A rule that reports the parser's own diagnostics with this code."""

    def find(document: Document) -> Iterator[Hit]:
        for diagnostic in document.diagnostics:
            if diagnostic.code == code.code:
                yield diagnostic.line, diagnostic.column, diagnostic.message

    return find


def _records(document: Document) -> list[Utterance | Note]:
    return [*document.utterances, *document.notes]


def _unknown_role(document: Document) -> Iterator[Hit]:
    explained = {s.marker for s in document.speakers}  # a legend exists: M101 says it
    for u in document.utterances:
        if document.speakers and u.marker not in explained:
            continue
        if u.role is None and u.speaker is None:
            who = u.marker or u.label
            yield u.line_start, u.column_start, f"who says this ({who!r}) is unknown"


def _text_before_first_section(document: Document) -> Iterator[Hit]:
    if not document.sections:
        return
    first = min(s.line_start for s in document.sections)
    for record in _records(document):
        if record.section is None and record.line_start < first:
            yield record.line_start, None, f"text before the first section (line {first})"
            return


_OPENERS, _CLOSERS = "（(「『【〔［[＜<《〈", "）)」』】〕］]＞>》〉"


def _unbalanced_heading_brackets(document: Document) -> Iterator[Hit]:
    for section in document.iter_sections():
        text = section.title + (section.remark or "")
        depth = 0
        for char in text:
            if char in _OPENERS:
                depth += 1
            elif char in _CLOSERS:
                depth -= 1
                if depth < 0:
                    break
        if depth != 0:
            line = section.heading_line_start or section.line_start
            yield line, None, f"heading {section.number} {section.title!r} has unbalanced brackets"


def _unplaced_lines(document: Document) -> Iterator[Hit]:
    if document.scheme == "none":
        return  # narrative minutes are all loose text by design
    for note in document.notes:
        if note.kind == "text":
            yield note.line_start, note.column_start, f"loose text: {excerpt(note.text)!r}"


def _suspicious_reflow(document: Document) -> Iterator[Hit]:
    for record in _records(document):
        for paragraph in record.text.split("\n"):
            if len(paragraph) > REFLOW_LIMIT and not ends_sentence(paragraph):
                yield (
                    record.line_start,
                    None,
                    f"{len(paragraph)} characters with no sentence end: were lines joined "
                    "that should not be?",
                )
                break


#: Every rule of ``minutes check``, in code order.
RULES: tuple[Rule, ...] = (
    Rule(codes.NO_DATE, _forward(codes.NO_DATE)),
    Rule(codes.WEEKDAY_MISMATCH, _forward(codes.WEEKDAY_MISMATCH)),
    Rule(codes.NO_TITLE, _forward(codes.NO_TITLE)),
    Rule(codes.AMBIGUOUS_DATE, _forward(codes.AMBIGUOUS_DATE)),
    Rule(codes.UNKNOWN_MARKER, _forward(codes.UNKNOWN_MARKER)),
    Rule(codes.NO_LEGEND, _forward(codes.NO_LEGEND)),
    Rule(codes.UNUSED_LEGEND_ENTRY, _forward(codes.UNUSED_LEGEND_ENTRY)),
    Rule(codes.UNKNOWN_ROLE, _unknown_role),
    Rule(codes.UNREAD_LABEL, _forward(codes.UNREAD_LABEL)),
    Rule(codes.MIXED_CONVENTIONS, _forward(codes.MIXED_CONVENTIONS)),
    Rule(codes.HEADING_SKIPPED, _forward(codes.HEADING_SKIPPED)),
    Rule(codes.HEADING_OUT_OF_ORDER, _forward(codes.HEADING_OUT_OF_ORDER)),
    Rule(codes.TEXT_BEFORE_FIRST_SECTION, _text_before_first_section),
    Rule(codes.UNBALANCED_HEADING_BRACKETS, _unbalanced_heading_brackets),
    Rule(codes.EMPTY_UTTERANCE, _forward(codes.EMPTY_UTTERANCE)),
    Rule(codes.UNPLACED_LINE, _unplaced_lines),
    Rule(codes.SUSPICIOUS_REFLOW, _suspicious_reflow),
    Rule(codes.CONTROL_CHARACTER, _forward(codes.CONTROL_CHARACTER)),
    Rule(codes.PATTERN_TIMEOUT, _forward(codes.PATTERN_TIMEOUT)),
)

SEVERITY_ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


#: The codes ``--select`` and ``--ignore`` choose among (E001 is not a rule: an input that
#: cannot be read is always reported).
RULE_CODES: tuple[str, ...] = tuple(rule.code.code for rule in RULES)
_BY_NAME = {rule.code.name: rule.code.code for rule in RULES}
#: What a misspelt selector is compared with: every code and every family prefix (M0, M1…).
_SUGGESTIONS = sorted({*RULE_CODES, *(code[:2] for code in RULE_CODES)})


def selector_error(selector: str) -> str | None:
    """Why *selector* (a ``--select``/``--ignore`` value) chooses no rule, with the likely
    meant one; None for a code or a prefix of codes (``M1``, ``M10``, ``M``).

    As in ruff, codes are case-sensitive, and a selector that matches nothing is an
    error: ``--select X1`` must not check nothing and pass a CI run."""
    if selector and any(code.startswith(selector) for code in RULE_CODES):
        return None
    if selector and codes.INPUT_ERROR.code.startswith(selector):
        return f"{selector!r} cannot be selected or ignored: an unreadable input is always reported"
    problem = f"unknown rule code {selector!r}"
    if selector.upper() != selector and selector_error(selector.upper()) is None:
        return f"{problem}; did you mean {selector.upper()!r}? (codes are upper case)"
    lower = selector.lower()
    names = [name for name in _BY_NAME if lower and name.startswith(lower)]
    names = names or get_close_matches(lower, _BY_NAME, n=1)  # a rule's name, misspelt
    meant = _BY_NAME[names[0]] if names else None
    if meant is None and selector:
        meant = next(iter(get_close_matches(selector.upper(), _SUGGESTIONS, n=1, cutoff=0.5)), None)
    if meant is None:
        return f"{problem}; `minutes rules` lists the codes"
    named = next((f" ({name})" for name, code in _BY_NAME.items() if code == meant), "")
    return f"{problem}; did you mean {meant!r}{named}?"


def check_selectors(selectors: Iterable[str], where: str) -> None:
    """Raise a :class:`UsageError` at *where* for the first selector that chooses no rule."""
    for selector in selectors:
        problem = selector_error(selector)
        if problem is not None:
            raise UsageError(where, problem)


@dataclass(frozen=True)
class Selection:
    """Which rules run: ``select`` (codes or prefixes such as ``M1``; empty = all) minus
    ``ignore``. A selector that chooses no rule is a :class:`UsageError`."""

    select: frozenset[str] = field(default_factory=frozenset)
    ignore: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        check_selectors(sorted(self.select), "select")
        check_selectors(sorted(self.ignore), "ignore")

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        chosen = not self.select or any(code.startswith(s) for s in self.select)
        return chosen and not any(code.startswith(i) for i in self.ignore)

    def named(self, code: str) -> bool:
        """Whether ``select`` asks for *code* by name or prefix (not merely by default)."""
        return any(code.startswith(s) for s in self.select) and code in self


def shown(
    findings: Sequence[Finding], selection: Selection, show_info: bool
) -> tuple[list[Finding], int]:
    """The findings a person reads (text and GitHub output), and how many were held back.

    Info findings are off by default there: on real archives they are most of the output
    (145 of 167 on the project's corpus were M302) and bury the warnings that fail a run.
    ``--show-info``, a ``--fail-on info`` (what fails a run is always shown) or selecting a
    rule by its code or prefix (``--select M302``, ``--select M3``) brings them back."""
    kept = [
        f
        for f in findings
        if f.severity is not Severity.INFO or show_info or selection.named(f.code)
    ]
    return kept, len(findings) - len(kept)


@dataclass(frozen=True)
class Statistic:
    """One line of ``minutes check --statistics``: a rule and how often it was found."""

    count: int
    code: str
    rule: str
    severity: Severity


def statistics(findings: Sequence[Finding]) -> list[Statistic]:
    """Findings counted per rule, the most frequent first (then by code), as ``ruff check
    --statistics`` lists them."""
    counts: dict[str, Statistic] = {}
    for f in findings:
        seen = counts.get(f.code)
        counts[f.code] = Statistic((seen.count if seen else 0) + 1, f.code, f.rule, f.severity)
    return sorted(counts.values(), key=lambda s: (-s.count, s.code))


def check(document: Document, path: str, selection: Selection = Selection()) -> list[Finding]:
    """The findings for one document, sorted by position."""
    findings = [
        Finding(
            path=display_path(path),
            code=rule.code.code,
            rule=rule.code.name,
            severity=rule.code.severity,
            message=message,
            line=line,
            column=column,
        )
        for rule in RULES
        if rule.code.code in selection
        for line, column, message in rule.find(document)
    ]
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.code))


def input_error(path: str, message: str, line: int | None, column: int | None) -> Finding:
    """A file that could not be read at all, as a finding (rule E001)."""
    code = codes.INPUT_ERROR
    return Finding(
        path=display_path(path),
        code=code.code,
        rule=code.name,
        severity=code.severity,
        message=message,
        line=line,
        column=column,
    )


def fails(findings: Sequence[Finding], fail_on: Severity) -> bool:
    """Whether any finding is at or above the ``--fail-on`` severity."""
    return any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[fail_on] for f in findings)

"""The closed vocabularies (``kinds.py``) are exactly what their tables and stages use."""

from __future__ import annotations

from typing import get_args

from minutes_cli.grammar.artifacts import ARTIFACTS
from minutes_cli.grammar.headings import HEADING_STYLES
from minutes_cli.kinds import (
    SCHEMES,
    BreakReason,
    DropReason,
    HeadingStyleName,
    ParagraphKind,
    SchemeName,
)
from minutes_cli.models import Document
from minutes_cli.parse.split import BOUNDARIES
from minutes_cli.parse.turns import HANDLERS, PARAGRAPH_KINDS


def test_heading_styles_are_the_table_and_the_agenda() -> None:
    assert {style.name for style in HEADING_STYLES} | {"agenda"} == set(get_args(HeadingStyleName))


def test_drop_reasons_are_the_artifacts_and_the_running_lines() -> None:
    reasons = {name for name, _ in ARTIFACTS} | {"running-header", "running-footer"}
    assert reasons == set(get_args(DropReason))


def test_every_paragraph_kind_is_classified_and_handled() -> None:
    kinds = set(get_args(ParagraphKind))
    assert {kind for kind, _ in PARAGRAPH_KINDS} == kinds
    assert set(HANDLERS) == kinds


def test_every_break_reason_but_the_first_is_a_boundary_rule() -> None:
    assert [name for name, _ in BOUNDARIES] == [r for r in get_args(BreakReason) if r != "first"]


def test_the_schemes_are_the_records() -> None:
    assert get_args(SchemeName) == SCHEMES
    schema = Document.model_json_schema()
    assert tuple(schema["properties"]["scheme"]["enum"]) == SCHEMES

"""The spec suite (``tests/spec/*.md``): every example's input gives exactly its records.

See :mod:`tests.spec` for the format. A failure prints the example's title, its input and
the lines that differ.
"""

from __future__ import annotations

import difflib

import pytest

from minutes_cli import parse_text
from tests.conftest import assert_lossless
from tests.spec import SPEC, Example, examples, meta, project, wanted_meta

EXAMPLES = list(examples())
#: What minutes does not read right yet (``tests/spec/known/``): strict expected failures.
KNOWN = list(examples(SPEC / "known"))
STRICT_XFAIL = pytest.mark.xfail(strict=True, reason="tests/spec/known: not read right yet")


@pytest.mark.parametrize(
    "example",
    [
        *EXAMPLES,
        *(pytest.param(known, marks=STRICT_XFAIL, id=known.id) for known in KNOWN),
    ],
    ids=lambda example: example.id,
)
def test_example(example: Example) -> None:
    document = parse_text(example.source)
    expected = [line for line in example.expected if not line.startswith("meta ")]
    got = project(document)
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "expected", "parsed", lineterm=""))
        pytest.fail(f"{example.id} {example.title}\n--- input\n{example.source}{diff}")
    facts = meta(document)
    wanted = wanted_meta(example.expected)
    assert {key: facts.get(key) for key in wanted} == wanted, example.id
    assert_lossless(document, example.source)


def test_the_suite_is_there() -> None:
    assert len(EXAMPLES) >= 200  # every convention and trap minutes reads (issue 12)
    assert len({example.id for example in EXAMPLES}) == len(EXAMPLES)
    assert {example.id for example in KNOWN}.isdisjoint(example.id for example in EXAMPLES)

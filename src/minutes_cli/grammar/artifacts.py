"""Layout noise that is not minutes text: page numbers, page markers, running footers,
leftover HTML tag lines."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.text import INLINE_TAG
from minutes_cli.kinds import DropReason

#: Lines that are layout noise, not minutes text: name -> pattern. They are kept as
#: ``dropped`` records (with the name as the reason), never mixed into paragraphs.
ARTIFACTS: tuple[tuple[DropReason, patterns.Pattern], ...] = (
    ("page-number", patterns.compile(r"^\s*[-－‐–—]\s*\d{1,4}\s*[-－‐–—]\s*$")),
    ("page-number", patterns.compile(r"^\s*\d{1,4}\s*[/／]\s*\d{1,4}\s*$")),
    ("page-number", patterns.compile(r"^\s*(?:Page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?\s*$", re.I)),
    (
        "page-footer",
        patterns.compile(r"^\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}\s+)?\d{1,4} of \d{1,4}\s*$"),
    ),
    ("page-marker", patterns.compile(r'^\s*<PAGE="?\d{1,4}"?>\s*$', re.I)),
    ("html-tag", patterns.compile(rf"^\s*(?:{INLINE_TAG.pattern}\s*)+$")),
)


_ANY_ARTIFACT, _which_artifact = patterns.union([pattern for _, pattern in ARTIFACTS])


#: What the first visible character of a noise line can be, beyond ASCII and digits.
_ARTIFACT_DASHES = frozenset("－‐–—")


def starts_like_noise(text: str) -> bool:
    """A cheap necessary condition for ARTIFACTS and INLINE_FOOTER: the first visible
    character is ASCII (``-``, a digit, ``Page``, ``<``, a month name), another digit, or
    a dash. Japanese lines start otherwise and skip both scans."""
    first = text.lstrip()[:1]
    return not first or first.isascii() or first.isdigit() or first in _ARTIFACT_DASHES


def artifact_reason(text: str) -> DropReason | None:
    """Why a line is layout noise, or None when it is text."""
    if len(text) > 80 and not text.lstrip().startswith("<"):
        return None  # page numbers and footers are short; only a tag line may be long
    if not starts_like_noise(text):
        return None
    found = _ANY_ARTIFACT.match(text)
    return ARTIFACTS[_which_artifact(found)][0] if found else None


#: A running page footer at the start of a line: ``January 12, 2011  7 of 18``.
INLINE_FOOTER = patterns.compile(
    r"^(?P<indent>\s*)(?P<footer>[A-Z][a-z]+\.? \d{1,2}, \d{4}\s+\d{1,4} of \d{1,4})(?:\s+|$)"
)

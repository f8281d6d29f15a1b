"""JSON Lines: one compact object per utterance, for ``jq``, pandas and log tools.

A JSON string escapes newlines, so each record is exactly one line even when the
utterance text spans paragraphs; concatenating the output of many documents is
still valid JSON Lines, which is what a batch run does. Text stays readable
(``ensure_ascii=False``) except U+0085, U+2028 and U+2029, which are escaped too:
they are legal raw in JSON, but ``str.splitlines`` and some JavaScript parsers
treat them as line breaks and would split a record.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from minutes_cli.models import Document
from minutes_cli.writers.rows import ROWS

if TYPE_CHECKING:
    from minutes_cli.writers import WriteOptions

# Only ever inside JSON strings (the syntax around them is ASCII), where the
# \uXXXX escape means the same character.
_LINE_BREAKERS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(document: Document, out: TextIO, options: WriteOptions) -> None:
    """Write one line per utterance (or decision, or person: ``options.records``); a
    document without them writes nothing."""
    fields = options.columns
    every = options.fields is None
    for row in ROWS[options.records].rows(document):
        chosen = row if every else {field: row[field] for field in fields}
        line = json.dumps(chosen, ensure_ascii=False, separators=(",", ":"))
        if "\u2028" in line or "\u2029" in line or "\x85" in line:  # rare: test first
            line = line.translate(_LINE_BREAKERS)
        out.write(line)
        out.write("\n")

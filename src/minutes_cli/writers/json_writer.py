"""JSON: the whole document, exactly as the schema (``minutes schema``) describes it.

Named ``json_writer`` rather than ``json`` so the module never shadows the
standard library for tools that put this directory on ``sys.path``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from minutes_cli.models import Document

if TYPE_CHECKING:
    from minutes_cli.writers import WriteOptions


def write_json(document: Document, out: TextIO, options: WriteOptions) -> None:
    """Dump the document with real (not ``\\uXXXX``-escaped) Japanese and a final newline.

    Indented, pydantic's serializer (Rust) writes the same bytes as ``json.dump`` of
    ``model_dump`` about five times faster and without the dict in between (every document
    of ``scripts/snapshot.py`` compared); on one line, ``json.dump``'s ``", "``/``": "``
    separators are kept."""
    if options.indent is not None:
        out.write(document.model_dump_json(indent=options.indent))
    else:
        json.dump(document.model_dump(mode="json"), out, ensure_ascii=False)
    out.write("\n")

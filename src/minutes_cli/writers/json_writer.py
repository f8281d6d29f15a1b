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


#: The document's lists, written one item at a time (see :func:`_write_indented`).
STREAMED = ("header", "sections", "utterances", "notes", "dropped", "diagnostics")


def write_json(document: Document, out: TextIO, options: WriteOptions) -> None:
    """Dump the document with real (not ``\\uXXXX``-escaped) Japanese and a final newline.

    Indented, pydantic's serializer (Rust) writes the same bytes as ``json.dump`` of
    ``model_dump`` about five times faster and without the dict in between (every document
    of ``scripts/snapshot.py`` compared); on one line, ``json.dump``'s ``", "``/``": "``
    separators are kept."""
    if options.compact:  # the version is a default too, but a reader needs it first
        data = document.model_dump(mode="json", exclude_defaults=True)
        data = {"schema_version": document.schema_version, **data}
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    elif options.indent is not None:
        _write_indented(document, out, options.indent)
    else:
        json.dump(document.model_dump(mode="json"), out, ensure_ascii=False)
    out.write("\n")


def _write_indented(document: Document, out: TextIO, indent: int) -> None:
    """``document.model_dump_json(indent=indent)``, byte for byte, but with the long lists
    dumped one item at a time: the whole text of a big document at once (a str, and the
    bytes pydantic builds it from) more than doubled the peak memory of ``-f json``.

    The document is dumped with those lists empty; each ``"key": []`` of the top level
    (the only lines indented by exactly ``indent`` that start so: JSON strings escape
    their newlines) is then filled with its items, each dumped on its own and indented one
    level deeper."""
    skeleton = document.model_copy(update={key: [] for key in STREAMED}).model_dump_json(
        indent=indent
    )
    pad, inner = " " * indent, "\n" + " " * (2 * indent)
    done = 0
    for key in STREAMED:
        items = getattr(document, key)
        if not items:
            continue
        empty = f'\n{pad}"{key}": []'
        at = skeleton.index(empty, done) + len(empty) - 1  # at the ]
        out.write(skeleton[done:at])
        for n, item in enumerate(items):
            out.write(("," if n else "") + inner)
            out.write(item.model_dump_json(indent=indent).replace("\n", inner))
        out.write("\n" + pad)
        done = at
    out.write(skeleton[done:])

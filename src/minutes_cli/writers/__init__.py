"""Output writers: one function per format, all behind one registry.

The CLI never branches on the format: it looks the writer up in :data:`WRITERS`
(or calls :func:`write`), so adding a format means adding one module and one
registry entry. Writers stream to the text stream they are given and never open
files or print, which keeps them testable with :class:`io.StringIO` and lets a
batch run append many documents to one stream. They depend only on
:mod:`minutes_cli.models`, never on the parser or the CLI.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from types import MappingProxyType
from typing import TextIO

from minutes_cli.models import Document

# The writer modules import WriteOptions for type checking only, so importing them
# before it is defined is not a cycle at run time.
from minutes_cli.writers.csv_writer import write_csv, write_header
from minutes_cli.writers.json_writer import write_json
from minutes_cli.writers.jsonl import write_jsonl
from minutes_cli.writers.markdown import write_markdown
from minutes_cli.writers.rows import ROWS, Records
from minutes_cli.writers.tei import CORPUS_END, CORPUS_START, write_tei


class Format(str, Enum):
    """Output formats; the value is what the user types after ``--format``."""

    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MD = "md"
    TEI = "tei"


@dataclass(frozen=True)
class WriteOptions:
    """Knobs that only some formats use; the others ignore them."""

    bom: bool = False
    """CSV only: write a UTF-8 BOM first, so Excel detects UTF-8."""
    header: bool = True
    """CSV only: write the header row (a batch run writes it for the first file only)."""
    indent: int | None = 2
    """JSON only: indentation, or ``None`` for one line (``json.dump``'s separators)."""
    compact: bool = False
    """JSON only (``--compact``): one line per document, no spaces, and the keys whose value
    is their default (null, false, an empty list) left out: the record reads back the same."""
    fields: tuple[str, ...] | None = None
    """JSON Lines and CSV (``--fields``): the row's fields, in this order; None for all."""
    records: Records = Records.UTTERANCES
    """JSON Lines and CSV (``--records``): what has a row each: utterances, decisions or
    the people of the roster."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The fields of each row: those asked for, else all of the records'."""
        return self.fields if self.fields is not None else ROWS[self.records].fields


Writer = Callable[[Document, TextIO, WriteOptions], None]

WRITERS: Mapping[Format, Writer] = MappingProxyType(
    {
        Format.JSON: write_json,
        Format.JSONL: write_jsonl,
        Format.CSV: write_csv,
        Format.MD: write_markdown,
        Format.TEI: write_tei,
    }
)
"""The one registry of writers, keyed by format."""

EXTENSIONS: Mapping[Format, str] = MappingProxyType(
    {
        Format.JSON: ".json",
        Format.JSONL: ".jsonl",
        Format.CSV: ".csv",
        Format.MD: ".md",
        Format.TEI: ".xml",
    }
)
"""File name extension for each format, for ``--output-dir`` style batch runs."""


def write(
    document: Document, fmt: Format, out: TextIO, options: WriteOptions = WriteOptions()
) -> None:
    """Write *document* to *out* in format *fmt*.

    *fmt* is normalised with ``Format(fmt)`` so a plain ``"json"`` works too: a
    ``str`` enum compares equal to its value but does not hash like it.
    """
    WRITERS[Format(fmt)](document, out, options)


class Stream:
    """Many documents in one output: one CSV header, one JSON array, one JSONL stream.

    Each document is rendered on its own (in a worker process, say) with
    :meth:`render`, and :meth:`add` frames it; :meth:`end` closes the output.
    """

    def __init__(self, fmt: Format, out: TextIO, options: WriteOptions = WriteOptions()) -> None:
        self.format, self.out, self.count = Format(fmt), out, 0
        self.compact = options.compact
        if self.format is Format.CSV:
            write_header(out, options.bom, options.columns)
        elif self.format is Format.JSON:
            out.write("[" if self.compact else "[\n")
        elif self.format is Format.TEI:
            out.write(CORPUS_START)

    @staticmethod
    def render(document: Document, fmt: Format, options: WriteOptions = WriteOptions()) -> str:
        """One document, as :meth:`add` expects it (no CSV header, no BOM)."""
        buffer = io.StringIO(newline="")
        write(document, fmt, buffer, replace(options, header=False, bom=False))
        return buffer.getvalue()

    def add(self, rendered: str) -> None:
        if self.format is Format.JSON:
            comma = ("," if self.compact else ",\n") if self.count else ""
            self.out.write(comma + rendered.rstrip("\n"))
        elif self.format is Format.MD and self.count:
            self.out.write("\n---\n\n" + rendered)
        else:
            self.out.write(rendered)
        self.count += 1

    def end(self) -> None:
        if self.format is Format.TEI:
            self.out.write(CORPUS_END)
        if self.format is Format.JSON:
            self.out.write("\n]\n" if self.count and not self.compact else "]\n")


__all__ = ["EXTENSIONS", "WRITERS", "Format", "Stream", "WriteOptions", "Writer", "write"]

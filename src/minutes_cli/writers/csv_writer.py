"""CSV: the flat utterance rows, safe to open in a spreadsheet.

Choices, and why:

* Records end with ``"\\r\\n"`` as RFC 4180 says (and Excel expects). Newlines
  *inside* a text cell stay ``"\\n"`` and the cell is quoted, so they round-trip
  through any conforming reader. As for every :mod:`csv` writer, a file stream
  must be opened with ``newline=""`` or the platform may rewrite line ends.
* Formula injection (OWASP "CSV Injection"): a text cell starting with ``=``,
  ``+``, ``-``, ``@``, TAB or CR is prefixed with ``'`` so a spreadsheet shows it
  as text instead of evaluating it. Integer cells (``seq``, line numbers) are
  written as plain numbers. The prefix is the only change to the data.
* ``None`` becomes an empty cell; a flag (``passed``, ``full_name``) ``true`` or ``false``.
* ``bom`` writes U+FEFF first so Excel picks UTF-8 instead of the ANSI code page;
  ``header=False`` lets a batch run append documents under one header. Both are
  the caller's to set per call (a batch passes them for its first document only).

Named ``csv_writer`` rather than ``csv`` so the module never shadows the standard
library.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from minutes_cli.models import Document
from minutes_cli.writers.rows import ROW_FIELDS, ROWS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from minutes_cli.writers import WriteOptions

BOM = "\ufeff"
LINE_TERMINATOR = "\r\n"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet treat a cell as a formula."""


def safe_cell(value: str | int | bool | None) -> str | int:
    """Return *value* as a CSV cell that a spreadsheet will not evaluate (a flag as
    ``true``/``false``, as JSON writes it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and "\x00" in value:
        # CSV has no portable NUL (Python 3.10's csv refuses it): U+FFFD marks where it was.
        value = value.replace("\x00", "\ufffd")
    # A lone "-" (the stdin source) is no formula; anything longer that starts so may be.
    if isinstance(value, str) and value != "-" and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_header(out: TextIO, bom: bool, fields: Sequence[str] = ROW_FIELDS) -> None:
    """The BOM (for Excel) and the header row: once per CSV stream."""
    if bom:
        out.write(BOM)
    csv.writer(out, lineterminator=LINE_TERMINATOR).writerow(fields)


def write_csv(document: Document, out: TextIO, options: WriteOptions) -> None:
    """Write a header row (unless disabled) and one row per utterance (or decision, or
    person: ``options.records``)."""
    fields = options.columns
    if options.header:
        write_header(out, options.bom, fields)
    elif options.bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR)
    for row in ROWS[options.records].rows(document):
        writer.writerow([safe_cell(row[field]) for field in fields])

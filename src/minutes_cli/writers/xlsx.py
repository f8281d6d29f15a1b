"""``-f xlsx``: one workbook, one sheet of utterances with the columns of ``-f csv``.

A workbook is a zip file, not a text stream, so this is not one of the registry's
streaming writers: the CLI hands it every row and a binary file (as it hands the SQLite
archive its documents). openpyxl (the ``xlsx`` extra) writes it in write-only mode, a row
at a time, so memory does not grow with the archive.

What a clerk gets: the header row bold, frozen and filterable; dates as date cells
(sortable, shown ``yyyy-mm-dd``), line and page numbers as numbers, the text column wide
and wrapped; every text cell a string, never a formula (``=HYPERLINK(…)`` in a speech stays
text). Characters a workbook cannot hold (C0 controls but tab and newline) become U+FFFD.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, BinaryIO
from unicodedata import east_asian_width

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: Column widths (in characters) by field; the others get :data:`_WIDTH`.
_WIDTHS: Mapping[str, int] = {
    "path": 28, "title": 30, "date": 11, "seq": 6, "section": 8, "section_title": 24,
    "marker": 7, "role": 14, "speaker": 14, "text": 80,
}  # fmt: skip
_WIDTH = 11
_NUMBERS = frozenset({"seq", "line_start", "line_end", "page_start", "page_end"})
_WRAPPED = frozenset({"text", "title", "section_title"})
#: Points a wrapped line takes (the default font), and the most a row may be (Excel's).
_LINE_HEIGHT, _MAX_HEIGHT = 15, 409


def _lines(value: object, width: int) -> int:
    """How many lines *value* wraps to in a column *width* characters wide (a wide
    character, as kanji and kana are, takes two)."""
    if not isinstance(value, str):
        return 1
    total = 0
    for paragraph in value.split("\n"):
        columns = sum(2 if east_asian_width(char) in "WF" else 1 for char in paragraph)
        total += max(1, -(-columns // width))
    return total


Row = Mapping[str, object]


def write_workbook(rows: Iterable[Row], fields: Sequence[str], out: BinaryIO) -> int:
    """Write a workbook of *rows* (the ``-f jsonl`` row, *fields* in this order) to *out*;
    returns how many rows were written."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("utterances")
    for index, name in enumerate(fields, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, _WIDTH)
    sheet.freeze_panes = "A2"
    styles = _Styles()
    sheet.append([styles.header(sheet, name) for name in fields])
    wrapped = [name for name in fields if name in _WRAPPED]
    count = 0
    for row in rows:
        lines = max((_lines(row.get(name), _WIDTHS[name]) for name in wrapped), default=1)
        if lines > 1:  # set before the row is written: spreadsheets do not fit it on opening
            sheet.row_dimensions[count + 2].height = min(_LINE_HEIGHT * lines, _MAX_HEIGHT)
        sheet.append([styles.cell(sheet, name, row.get(name)) for name in fields])
        count += 1
    last = get_column_letter(max(len(fields), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(out)
    return count


class _Styles:
    """The few cell styles, made once (openpyxl shares a style object between cells)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font

        self.bold = Font(bold=True)
        self.wrapped = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")

    def header(self, sheet: WriteOnlyWorksheet, name: str) -> Cell:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=name)
        cell.font = self.bold
        return cell

    def cell(self, sheet: WriteOnlyWorksheet, name: str, value: object) -> Cell:
        from openpyxl.cell import WriteOnlyCell

        if value is None:
            return WriteOnlyCell(sheet, value=None)
        if name == "date" and isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                pass  # not a full date: kept as the text it is
            else:
                # a datetime at midnight: what a spreadsheet's date is (openpyxl's types)
                cell = WriteOnlyCell(sheet, value=datetime(day.year, day.month, day.day))
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = self.top
                return cell
        if name in _NUMBERS and isinstance(value, int):
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = self.top
            return cell
        cell = WriteOnlyCell(sheet, value=_storable(str(value)))
        cell.data_type = "s"  # a string, even when it starts with "=": never a formula
        cell.alignment = self.wrapped if name in _WRAPPED else self.top
        return cell


def _storable(text: str) -> str:
    """*text* with the characters a workbook cannot hold as U+FFFD (openpyxl refuses
    them: the C0 controls but tab, newline and carriage return)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))

"""XLSX workbooks of the list exports (openpyxl, write-only: rows are streamed into the file).

Text cells are neutralised like the CSV's (`core.files.csv_cell`: a leading apostrophe before
`=`, `+`, `-`, `@`, tab or carriage return) and written as text cells, so nothing in the data
becomes a formula; numbers and dates stay numbers and dates."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from twinning.core.files import csv_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31  # Excel's limit


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, bool):
        return WriteOnlyCell(sheet, value=str(value))
    if isinstance(value, int | float | dt.date):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=str(csv_cell(str(value))))
    cell.data_type = "s"  # text, whatever it starts with: openpyxl would store "=…" as a formula
    return cell


def workbook_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet named `title`: a bold-free header row and the rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:MAX_SHEET_TITLE] or "Sheet")
    sheet.append([_cell(sheet, name) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""XLSX workbooks of the list exports (openpyxl, write-only: rows are streamed into the file).

Text cells are neutralised like the CSV's (`core.files.csv_cell`: a leading apostrophe before
`=`, `+`, `-`, `@`, tab or carriage return), so no text becomes a formula (openpyxl makes one of a
text starting with "="); numbers and dates stay numbers and dates."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook

from twinning.core.files import csv_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31  # Excel's limit


def _value(value: Any) -> Any:
    """Numbers and dates as they are; text neutralised (openpyxl stores a text starting with "="
    as a formula: after `csv_cell` none does)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | dt.date):
        return value
    return csv_cell(str(value))


def workbook_bytes(*, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet named `title`: a header row and the rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:MAX_SHEET_TITLE] or "Sheet")
    sheet.append([_value(name) for name in header])
    for row in rows:
        sheet.append([_value(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""A survey report as CSV and as an XLSX workbook (openpyxl, imported only when a workbook is made).

CSV: one file with one section per view (report_views.py), in this order: summary, questions,
distribution, response rates, free text, themes, and for a survey that is not anonymous the
responses. A section is its title on a line of its own, its header row, its rows, then an empty
line. RFC 4180 (comma, quotes where needed), UTF-8 with a byte-order mark so that spreadsheet
programs read æ, ø and å; numbers are written with a decimal point, dates as ISO 8601.

XLSX: one sheet per view with the same rows; numbers and dates are number cells, the header row is
bold and frozen, percentages are shown with one decimal.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from handlers.surveys.report import SurveyReport
from handlers.surveys.report_views import Cell, Table, report_tables
from messages.formatting import DEFAULT_TZ

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_MAX_COLUMN_WIDTH = 80


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return str(value)


def report_csv(report: SurveyReport, lang: str, tz: str = DEFAULT_TZ) -> str:
    """The CSV text (without the byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in report_tables(report, lang, tz):
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([_csv_cell(c) for c in row] for row in table.rows)
        writer.writerow([])
    return out.getvalue()


def write_csv(report: SurveyReport, path: Path | str, lang: str, tz: str = DEFAULT_TZ) -> Path:
    target = Path(path)
    target.write_text(report_csv(report, lang, tz), encoding="utf-8-sig", newline="")
    return target


def report_xlsx(report: SurveyReport, lang: str, tz: str = DEFAULT_TZ) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for table in report_tables(report, lang, tz):
        _fill(workbook.create_sheet(_sheet_title(table.title)), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(report: SurveyReport, path: Path | str, lang: str, tz: str = DEFAULT_TZ) -> Path:
    target = Path(path)
    target.write_bytes(report_xlsx(report, lang, tz))
    return target


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet"


def _fill(sheet: Worksheet, table: Table) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for col, header in enumerate(table.headers, start=1):
        sheet.cell(row=1, column=col, value=header).font = bold
    widths = [len(h) for h in table.headers]
    for r, row in enumerate(table.rows, start=2):
        for col, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=r, column=col, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # an answer is data, never a formula
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, float):
                cell.number_format = "0.0#"
            widths[col - 1] = max(widths[col - 1], len(_csv_cell(value)))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(XLSX_MAX_COLUMN_WIDTH, width + 2)
    sheet.freeze_panes = "A2"

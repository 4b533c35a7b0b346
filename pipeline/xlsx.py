"""`events.xlsx`: events.csv as a spreadsheet, with a `documents` sheet.

- `events`: the columns and rows of events.csv (each row carries its document's `doc_title`
  and `doc_date`); `documents`: those of documents.csv (title, date and its source, path, counts
  and status of each document). Both have a frozen header row and filters on every column.
- Cells are typed by `schema.COLUMN_TYPES`: offsets and counts are numbers; `date_start`,
  `date_end` are real Excel dates shown `yyyy-mm-dd` (they sort and filter as dates); a document
  date that names only a year or a month (`2024`, `2024-03`) is the date of its first day shown
  as `yyyy` or `yyyy-mm`; a date Excel cannot hold (before 1900) stays text. Every other cell is
  written as text (never as a formula, so the CSV's `'` escape is not needed and is undone).
- `sentence` (and the title) are wrapped in a wide column; other widths follow the content (a
  CJK character counts two), capped at MAX_WIDTH.

The file is byte-identical for the same CSVs (fixed creation date; xlsxwriter fixes the zip
timestamps). Excel holds at most 1,048,576 rows: beyond MAX_ROWS rows a sheet is cut and its
last row says so.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime
from pathlib import Path

from .schema import DATE, INT, PARTIAL_DATE, column_type, partial_date, to_date
from .table_io import atomic_write_bytes, read_csv_rows

MAX_WIDTH = 30
WRAPPED = {"sentence": 70, "title": 50}  # wrapped columns and their widths
DATE_WIDTH = 11
MAX_ROWS = 1_048_574  # data rows (header and a truncation note take the other two)
MAX_CELL = 32_767  # Excel's limit on characters in a cell
FIXED_CREATED = datetime(2000, 1, 1)
EXCEL_FIRST_DAY = date(1900, 1, 1)
DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "yyyy-mm", "year": "yyyy"}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(columns: list[str], rows: list[dict]) -> list[int]:
    widths = []
    for c in columns:
        if c in WRAPPED:
            widths.append(WRAPPED[c])
        elif column_type(c) in (DATE, PARTIAL_DATE):
            widths.append(max(DATE_WIDTH, len(c) + 3))
        else:
            longest = max((display_width(r.get(c, "")) for r in rows[:5000]), default=0)
            widths.append(min(MAX_WIDTH, max(len(c) + 3, longest + 2)))
    return widths


def _excel_date(column: str, value: str) -> tuple[date | None, str]:
    """(the date, its precision) of a date cell Excel can hold; (None, "") otherwise."""
    if column_type(column) == DATE:
        d, precision = to_date(value), "day"
    elif column_type(column) == PARTIAL_DATE:
        d, precision = partial_date(value)
    else:
        return None, ""
    return (d, precision) if d is not None and d >= EXCEL_FIRST_DAY else (None, "")


def _write_sheet(wb, name: str, columns: list[str], rows: list[dict], formats: dict) -> None:
    ws = wb.add_worksheet(name)
    for j, c in enumerate(columns):
        ws.write_string(0, j, c, formats["head"])
    shown = rows[:MAX_ROWS]
    for i, r in enumerate(shown, start=1):
        for j, c in enumerate(columns):
            v = r.get(c, "")
            if not v:
                continue
            d, precision = _excel_date(c, v)
            if d is not None:
                ws.write_datetime(i, j, d, formats[precision])
            elif column_type(c) == INT and v.isdigit():
                ws.write_number(i, j, int(v), formats["top"])
            else:
                ws.write_string(i, j, v[:MAX_CELL], formats["wrap" if c in WRAPPED else "top"])
    if len(rows) > len(shown):
        ws.write_string(len(shown) + 1, 0, f"cut: {len(rows) - len(shown)} more rows in {name}.csv")
    for j, w in enumerate(column_widths(columns, rows)):
        ws.set_column(j, j, w, formats["wrap" if columns[j] in WRAPPED else "top"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(shown), max(0, len(columns) - 1))


def events_xlsx_bytes(columns: list[str], rows: list[dict], doc_columns: list[str] | None = None,
                      documents: list[dict] | None = None) -> bytes:
    """The workbook: the `events` sheet, and a `documents` sheet when doc_columns are given."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "events", "created": FIXED_CREATED})
    formats = {
        "head": wb.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1}),
        "top": wb.add_format({"valign": "top"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        **{p: wb.add_format({"num_format": f, "align": "left", "valign": "top"}) for p, f in DATE_FORMATS.items()},
    }
    _write_sheet(wb, "events", columns, rows, formats)
    if doc_columns:
        _write_sheet(wb, "documents", doc_columns, documents or [], formats)
    wb.close()
    return buf.getvalue()


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh), [])


def write_events_xlsx(out_dir: Path) -> Path | None:
    """out_dir/events.xlsx from out_dir/events.csv (and documents.csv when there is one); None
    when there is no events.csv."""
    src, docs = out_dir / "events.csv", out_dir / "documents.csv"
    if not src.is_file():
        return None
    doc_columns, documents = (_header(docs), read_csv_rows(docs)) if docs.is_file() else (None, None)
    path = out_dir / "events.xlsx"
    atomic_write_bytes(path, events_xlsx_bytes(_header(src), read_csv_rows(src), doc_columns, documents))
    return path

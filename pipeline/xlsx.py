"""`events.xlsx`: events.csv as a spreadsheet with a frozen header row and filters.

Same columns and rows as events.csv; offsets are numbers, every other cell is written as
text (never as a formula, so the CSV's `'` escape is not needed and is undone). Column
widths follow the content (a CJK character counts two), capped at MAX_WIDTH. The file is
byte-identical for the same events.csv (fixed creation date; xlsxwriter fixes the zip
timestamps). Excel holds at most 1,048,576 rows: beyond MAX_ROWS events the sheet is cut and
its last row says so.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import datetime
from pathlib import Path

from .table_io import atomic_write_bytes, read_csv_rows

MAX_WIDTH = 60
MAX_ROWS = 1_048_574  # data rows (header and a truncation note take the other two)
MAX_CELL = 32_767  # Excel's limit on characters in a cell
NUMERIC = {"char_start", "char_end", "sentence_start", "sentence_end"}
FIXED_CREATED = datetime(2000, 1, 1)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(columns: list[str], rows: list[dict]) -> list[int]:
    widths = []
    for c in columns:
        longest = max((display_width(r.get(c, "")) for r in rows[:5000]), default=0)
        widths.append(min(MAX_WIDTH, max(len(c) + 3, longest + 2)))
    return widths


def events_xlsx_bytes(columns: list[str], rows: list[dict]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "events", "created": FIXED_CREATED})
    ws = wb.add_worksheet("events")
    bold = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1})
    for j, c in enumerate(columns):
        ws.write_string(0, j, c, bold)
    shown = rows[:MAX_ROWS]
    for i, r in enumerate(shown, start=1):
        for j, c in enumerate(columns):
            v = r.get(c, "")
            if c in NUMERIC and v.isdigit():
                ws.write_number(i, j, int(v))
            elif v:
                ws.write_string(i, j, v[:MAX_CELL])
    if len(rows) > len(shown):
        ws.write_string(len(shown) + 1, 0, f"cut: {len(rows) - len(shown)} more events in events.csv")
    for j, w in enumerate(column_widths(columns, rows)):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(shown), max(0, len(columns) - 1))
    wb.close()
    return buf.getvalue()


def write_events_xlsx(out_dir: Path) -> Path | None:
    """out_dir/events.xlsx from out_dir/events.csv; None when there is no events.csv."""
    src = out_dir / "events.csv"
    if not src.is_file():
        return None
    with src.open(encoding="utf-8-sig", newline="") as fh:
        columns = next(csv.reader(fh), [])
    rows = read_csv_rows(src)
    path = out_dir / "events.xlsx"
    atomic_write_bytes(path, events_xlsx_bytes(columns, rows))
    return path

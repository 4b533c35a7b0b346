"""`show DOC_ID`: one document's events as a table in the terminal (rich), or as CSV or JSON.

load_document(out_dir, doc_id) reads documents.csv and events.csv of an `extract` output
folder and raises ShowError with a one-line message (missing outputs, unknown id with the
closest ids, a document that failed extraction); events_table() builds the rich Table,
events_csv() and events_json() the text of `--format csv|json`.
"""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

from rich import box
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .htmlkit import type_color
from .report import lane_of, place_label
from .table_io import read_csv_rows


FORMATS = ("table", "csv", "json")


class ShowError(Exception):
    """One line for the user."""


def load_document(out_dir: Path, doc_id: str) -> tuple[dict, list[dict]]:
    """(documents.csv row, its events in text order) or ShowError."""
    docs_path, events_path = out_dir / "documents.csv", out_dir / "events.csv"
    for path in (docs_path, events_path):
        if not path.is_file():
            raise ShowError(f"{path} not found: run `make extract` (or `python -m pipeline extract corpus --out {out_dir}`) first")
    try:
        documents = read_csv_rows(docs_path)
        events = [e for e in read_csv_rows(events_path) if e.get("doc_id") == doc_id]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ShowError(f"cannot read {out_dir}: {exc}") from None
    ids = [d.get("doc_id", "") for d in documents]
    if doc_id not in ids:
        close = difflib.get_close_matches(doc_id, ids, n=3, cutoff=0.6)
        close += [i for i in ids if doc_id and doc_id.lower() in i.lower() and i not in close][: 3 - len(close)]
        hint = f"; did you mean {', '.join(close)}?" if close else f"; {len(ids)} documents are listed there"
        raise ShowError(f"unknown document {doc_id!r} in {docs_path}{hint}")
    doc = documents[ids.index(doc_id)]
    if doc.get("status") == "error":
        raise ShowError(f"{doc_id}: extraction failed: {doc.get('error', '')}")
    events.sort(key=lambda e: (int(e.get("char_start") or 0), e.get("event_id", "")))
    return doc, events


def short_date(start: str, end: str) -> str:
    """`2024` / `1960–1979` for whole years, `2024-03` / `2024-01–2024-03` for whole months,
    `a –b` for other ranges (breakable), `a–` for an open end, `undated`."""
    if not start:
        return "undated"
    if not end:
        return f"{start}–"
    if start == end:
        return start
    if start[4:] == "-01-01" and end[4:] == "-12-31":
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}–{end[:4]}"
    if start[8:] == "01" and _month_end(end):
        return start[:7] if start[:7] == end[:7] else f"{start[:7]} –{end[:7]}"
    return f"{start} –{end}"


def _month_end(iso: str) -> bool:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(iso) + timedelta(days=1)).day == 1
    except ValueError:
        return False


def actors(e: dict) -> str:
    a1, a2 = e.get("actor1", ""), e.get("actor2", "")
    return f"{a1}→{a2}" if a1 and a2 else a1 or a2 or lane_of(e)


def events_table(doc: dict, events: list[dict], sentences: bool = False) -> Table:
    # every cell is data: escaped, so `[/bold]` or `[link=…]` in a title or sentence is printed as written
    title = escape(f"{doc.get('doc_id', '')} — {doc.get('title', '')}".rstrip(" —"))
    caption = escape(f"{len(events)} events · document date {doc.get('doc_date') or 'unknown'} · modality shown when not asserted")
    table = Table(title=title, caption=caption, show_lines=sentences, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("date", min_width=10, max_width=12, overflow="fold")
    table.add_column("type", no_wrap=True)
    table.add_column("actors", no_wrap=True)
    table.add_column("where", max_width=14, overflow="fold")
    table.add_column("trigger", max_width=12, overflow="fold")
    table.add_column("modality", min_width=8, overflow="fold")
    if sentences:
        table.add_column("sentence", ratio=1, overflow="fold")
    for e in events:
        typ = e.get("event_type", "")
        mod = e.get("modality", "")
        cells = [
            Text(e.get("event_id", "")), Text(short_date(e.get("date_start", ""), e.get("date_end", ""))),
            Text(typ, style=type_color(typ)), Text(actors(e)), Text(place_label(e)), Text(e.get("trigger", "")),
            Text("" if mod == "asserted" else mod, style="bold red"),
        ]
        if sentences:
            cells.append(Text(" ".join(e.get("sentence", "").split())))
        table.add_row(*cells)
    return table


def events_csv(events: list[dict]) -> str:
    """`--format csv`: the document's rows of events.csv, its columns, in text order (UTF-8
    without BOM for a pipe; cells spreadsheet-safe as in the file)."""
    import io

    from .extract import EVENT_COLUMNS
    from .table_io import spreadsheet_safe

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EVENT_COLUMNS)
    for e in events:
        writer.writerow([spreadsheet_safe(e.get(c, "")) for c in EVENT_COLUMNS])
    return buf.getvalue()


def events_json(doc: dict, events: list[dict]) -> str:
    """`--format json`: {"document": its documents.csv row, "events": its events.csv rows in
    text order}, every cell the string of the CSV (escapes undone)."""
    import json

    from .extract import EVENT_COLUMNS

    body = {"document": doc, "events": [{c: e.get(c, "") for c in EVENT_COLUMNS} for e in events]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

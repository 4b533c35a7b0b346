"""The copies of the tables that fit other tools (issue 19 item 3): JSON Lines (`--jsonl`), typed
Parquet (events_dedup included) and events.xlsx with real dates and a documents sheet. The
types come from one place, pipeline/schema.py."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date

import pytest
from report_fixtures import make_outputs

from pipeline.jsonl_out import write_jsonl
from pipeline.parquet_out import ParquetTables
from pipeline.schema import ALL_TABLES, COLUMN_TYPES, DATE, INT, LIST, PARTIAL_DATE, column_type, partial_date
from pipeline.table_io import read_csv_rows, write_csv
from pipeline.xlsx import write_events_xlsx


def test_one_home_for_columns_and_types():
    from pipeline import dedup, extract

    assert extract.TABLE_COLUMNS.items() <= ALL_TABLES.items() and dedup.DEDUP_COLUMNS is ALL_TABLES["events_dedup"]
    every = {c for cols in ALL_TABLES.values() for c in cols}
    assert set(COLUMN_TYPES) <= every  # no type for a column no table has
    assert column_type("participants") == LIST and column_type("date_start") == DATE
    assert column_type("doc_date") == PARTIAL_DATE and column_type("char_start") == INT
    assert column_type("published") == "string"  # free text as the manifest gives it
    assert {"doc_title", "doc_date"} <= set(ALL_TABLES["events"])  # each event carries its document's


def test_partial_dates():
    assert partial_date("2024") == (date(2024, 1, 1), "year")
    assert partial_date("2024-03") == (date(2024, 3, 1), "month")
    assert partial_date("2024-03-05") == (date(2024, 3, 5), "day")
    assert partial_date("") == (None, "") and partial_date("2024-13") == (None, "")


@pytest.fixture()
def outputs(tmp_path):
    out = make_outputs(tmp_path)
    rows = read_csv_rows(out / "events.csv")
    rows[0].update(trigger="=首脳会談", rules="trigger:会談/MEET;date:same_clause", doc_title="露朝 <首脳>", doc_date="2024")
    rows[1].update(doc_date="2024-06")
    rows[3].update(date_start="1850-01-01", date_end="1850-12-31")  # before Excel's first day
    write_csv(out / "events.csv", ALL_TABLES["events"], rows)
    write_csv(out / "events_dedup.csv", ALL_TABLES["events_dedup"],
              [{"cluster_id": "C1", "event_type": "MEET", "participants": "PRK;RUS", "date_start": "2024-06-19",
                "date_end": "2024-06-19", "n_mentions": 2, "n_documents": 1, "doc_ids": "a", "event_ids": "a:V1;a:V2"}])
    return out


def read_jsonl(path):
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and (data.endswith(b"\n") or not data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_jsonl_copies_every_table_typed(outputs):
    written = write_jsonl(outputs)
    assert [p.name for p in written] == ["documents.jsonl", "sentences.jsonl", "timex.jsonl", "entities.jsonl",
                                         "events.jsonl", "events_dedup.jsonl"]  # no events_rejected.csv here
    events = read_jsonl(outputs / "jsonl" / "events.jsonl")
    assert len(events) == len(read_csv_rows(outputs / "events.csv"))
    first = events[0]
    assert list(first) == list(ALL_TABLES["events"])  # the CSV's columns, in its order
    assert first["trigger"] == "=首脳会談"  # the CSV's escape undone
    assert first["participants"] == ["PRK", "RUS"] and first["rules"] == ["trigger:会談/MEET", "date:same_clause"]
    assert isinstance(first["char_start"], int) and first["page"] is None
    assert first["date_start"] == "2024-06-19" and first["doc_date"] == "2024"  # ISO strings, as written
    undated = next(e for e in events if e["event_id"] == "V3")
    assert undated["date_start"] is None and undated["actor2_entity"] == []
    assert "首脳会談".encode() in (outputs / "jsonl" / "events.jsonl").read_bytes()  # UTF-8, not \\u escapes
    dedup = read_jsonl(outputs / "jsonl" / "events_dedup.jsonl")
    assert dedup[0]["event_ids"] == ["a:V1", "a:V2"] and dedup[0]["n_mentions"] == 2
    docs = read_jsonl(outputs / "jsonl" / "documents.jsonl")
    assert [d["doc_date"] for d in docs] == ["2024-06", "2025-01-01", None] and docs[0]["n_events"] == 4
    before = {p.name: p.read_bytes() for p in written}
    assert {p.name: p.read_bytes() for p in write_jsonl(outputs)} == before  # deterministic


def test_parquet_columns_are_typed(tmp_path, outputs):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    def write(folder):
        pq_out = ParquetTables(folder, ALL_TABLES)
        for table in ALL_TABLES:
            src = outputs / f"{table}.csv"
            pq_out.write(table, read_csv_rows(src) if src.is_file() else [])
        pq_out.commit()
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.parquet"))}

    first = write(tmp_path / "pq")
    assert len(first) == len(ALL_TABLES) and write(tmp_path / "again") == first  # byte-identical
    events = pq.read_table(tmp_path / "pq" / "parquet" / "events")
    schema = events.schema
    assert schema.field("date_start").type == pa.date32() and schema.field("date_end").type == pa.date32()
    assert schema.field("char_start").type == pa.int64() and schema.field("sentence_start").type == pa.int64()
    assert schema.field("participants").type == pa.list_(pa.string())
    assert schema.field("doc_date").type == pa.date32() and schema.field("doc_date_precision").type == pa.string()
    rows = events.to_pylist()
    assert rows[0]["date_start"] == date(2024, 6, 19) and rows[0]["participants"] == ["PRK", "RUS"]
    assert (rows[0]["doc_date"], rows[0]["doc_date_precision"]) == (date(2024, 1, 1), "year")
    assert (rows[1]["doc_date"], rows[1]["doc_date_precision"]) == (date(2024, 6, 1), "month")
    assert rows[2]["date_start"] is None and rows[0]["trigger"] == "=首脳会談"
    dedup = pq.read_table(tmp_path / "pq" / "parquet" / "events_dedup").to_pylist()
    assert dedup[0]["event_ids"] == ["a:V1", "a:V2"] and dedup[0]["date_end"] == date(2024, 6, 19)
    docs = pq.read_table(tmp_path / "pq" / "parquet" / "documents")
    assert docs.schema.field("n_events").type == pa.int64()
    assert docs.column("doc_date_precision").to_pylist() == ["month", "day", None]


def _sheet_cells(z, n):
    sheet = z.read(f"xl/worksheets/sheet{n}.xml").decode()
    return sheet, {m.group(1): m.group(0) for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', sheet)}


def test_events_xlsx_dates_documents_sheet_wrapping(outputs):
    path = write_events_xlsx(outputs)
    cols = list(ALL_TABLES["events"])
    letter = {c: chr(ord("A") + i) if i < 26 else "A" + chr(ord("A") + i - 26) for i, c in enumerate(cols)}
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
        sheet, cells = _sheet_cells(z, 1)
        doc_sheet, doc_cells = _sheet_cells(z, 2)
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == ["events", "documents"]
    formats = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]+)"/>', styles))
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", styles.split("<cellXfs")[1])

    def shown_as(cell):
        style = int(re.search(r' s="(\d+)"', cell).group(1))
        fmt = re.search(r'numFmtId="(\d+)"', xfs[style]).group(1)
        return formats.get(fmt, fmt)

    # a real date: a serial number (2024-06-19 is day 45462 since 1899-12-30) shown yyyy-mm-dd
    start = cells[f"{letter['date_start']}2"]
    assert "<v>45462</v>" in start and ' t="s"' not in start and shown_as(start) == "yyyy-mm-dd"
    # a year-only and a month-only document date: the first day, shown as the year / the month
    assert "<v>45292</v>" in cells[f"{letter['doc_date']}2"] and shown_as(cells[f"{letter['doc_date']}2"]) == "yyyy"
    assert "<v>45444</v>" in cells[f"{letter['doc_date']}3"] and shown_as(cells[f"{letter['doc_date']}3"]) == "yyyy-mm"
    # before 1900 Excel has no date: the ISO text stays
    assert ' t="s"' in cells[f"{letter['date_start']}5"] and "<t>1850-01-01</t>" in strings
    # the sentence column is wrapped and wide; the others fit their content within MAX_WIDTH
    assert 'wrapText="1"' in xfs[int(re.search(r' s="(\d+)"', cells[f"{letter['sentence']}2"]).group(1))]
    widths = {int(a): float(w) for a, _, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet)}
    assert widths[cols.index("sentence") + 1] > 60 and widths[cols.index("event_id") + 1] < 15
    assert max(widths.values()) <= 71
    # the documents sheet: title, date and its source, one row per document, frozen and filtered
    assert '<autoFilter ref="A1:N4"/>' in doc_sheet and 'state="frozen"' in doc_sheet
    assert "<t>露朝 &lt;首脳&gt;</t>" in strings and "<t>manifest</t>" in strings
    assert "<v>45444</v>" in doc_cells["E2"] and shown_as(doc_cells["E2"]) == "yyyy-mm"
    assert shown_as(doc_cells["E3"]) == "yyyy-mm-dd" and "E4" not in doc_cells  # no date: an empty cell
    assert write_events_xlsx(outputs).read_bytes() == path.read_bytes()


def test_extract_writes_jsonl_and_typed_parquet(tmp_path):
    """One real run of the command (GiNZA): `--jsonl` gives every table a JSON Lines copy with as
    many rows as its CSV, and the Parquet copies hold events_dedup."""
    pytest.importorskip("pyarrow")
    import subprocess
    import sys

    import pyarrow.parquet as pq

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2024年6月19日、プーチン大統領は平壌を訪問し、金正恩総書記と会談した。", encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--doc-date", "2024",
                    "--no-progress", "--no-cache", "--parquet", "--jsonl"], check=True, capture_output=True)
    for table in ALL_TABLES:
        n_csv = len(read_csv_rows(out / f"{table}.csv"))
        assert len(read_jsonl(out / "jsonl" / f"{table}.jsonl")) == n_csv, table
        assert pq.read_table(out / "parquet" / table).num_rows == n_csv, table
    events = read_jsonl(out / "jsonl" / "events.jsonl")
    assert events and events[0]["doc_date"] == "2024" and isinstance(events[0]["participants"], list)
    dedup = pq.read_table(out / "parquet" / "events_dedup").to_pylist()
    assert dedup and isinstance(dedup[0]["date_start"], date)

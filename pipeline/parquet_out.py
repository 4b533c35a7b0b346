"""Partitioned Parquet copies of the output tables (SPEC §3: CSV is the contract, Parquet copies
are welcome): `<out>/parquet/<table>/part-NNNNN.parquet` for every table of `schema.ALL_TABLES`
(events_dedup included), rows in the CSV's order, typed by `schema.COLUMN_TYPES`: int columns as
int64, dates as date32, `;`-joined lists as list<string>, a document date that may be partial
(`2024`, `2024-03`) as the date32 of its first day plus a `<name>_precision` column
(`year|month|day`), the rest as strings (as in the CSV, spreadsheet escape undone). The folder
is built beside the old one and swapped in at the end, so a failed run leaves the previous copy
whole."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .schema import DATE, INT, LIST, PARTIAL_DATE, column_type, partial_date, to_date, to_int, to_list

PART_ROWS = 200_000


def arrow_schema(columns: Sequence[str]):
    import pyarrow as pa

    kinds = {INT: pa.int64(), DATE: pa.date32(), PARTIAL_DATE: pa.date32(), LIST: pa.list_(pa.string())}
    fields = []
    for c in columns:
        fields.append((c, kinds.get(column_type(c), pa.string())))
        if column_type(c) == PARTIAL_DATE:
            fields.append((f"{c}_precision", pa.string()))
    return pa.schema(fields)


def arrow_columns(schema, rows: Sequence[Mapping[str, object]]) -> dict[str, list]:
    """The rows' cells by column, each converted to the column's type."""
    cols: dict[str, list] = {}
    for f in schema:
        c = f.name
        kind = column_type(c)
        if kind == INT:
            cols[c] = [to_int(r.get(c)) for r in rows]
        elif kind == DATE:
            cols[c] = [to_date(r.get(c)) for r in rows]
        elif kind == PARTIAL_DATE:
            cols[c] = [partial_date(r.get(c))[0] for r in rows]
        elif kind == LIST:
            cols[c] = [to_list(r.get(c)) for r in rows]
        elif c.endswith("_precision") and column_type(c[:-len("_precision")]) == PARTIAL_DATE:
            cols[c] = [partial_date(r.get(c[:-len("_precision")]))[1] or None for r in rows]
        else:
            cols[c] = [None if r.get(c) is None else str(r[c]) for r in rows]
    return cols


class ParquetTables:
    def __init__(self, out: Path, tables: Mapping[str, Sequence[str]], part_rows: int = PART_ROWS) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.final = out / "parquet"
        self.tmp = Path(tempfile.mkdtemp(dir=out, prefix=".parquet."))
        self.part_rows = part_rows
        self.schemas = {t: arrow_schema(cols) for t, cols in tables.items()}
        self.buffers: dict[str, list] = {t: [] for t in tables}
        self.parts = {t: 0 for t in tables}

    def write(self, table: str, rows: Iterable[Mapping[str, object]]) -> None:
        buf = self.buffers[table]
        buf.extend(rows)
        if len(buf) >= self.part_rows:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema, rows = self.schemas[table], self.buffers[table]
        cols = arrow_columns(schema, rows)
        folder = self.tmp / table
        folder.mkdir(exist_ok=True)
        pq.write_table(pa.table(cols, schema=schema), folder / f"part-{self.parts[table]:05d}.parquet")
        self.parts[table] += 1
        self.buffers[table] = []

    def commit(self) -> None:
        for table in self.schemas:
            if self.buffers[table] or self.parts[table] == 0:
                self._flush(table)
        if self.final.exists():
            shutil.rmtree(self.final)
        self.tmp.rename(self.final)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

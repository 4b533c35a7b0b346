"""Partitioned Parquet copies of the output tables (SPEC §3: CSV is the contract, Parquet copies
are welcome): `<out>/parquet/<table>/part-NNNNN.parquet`, rows in the CSV's order, integer
columns as int64 and the rest as strings. The folder is built beside the old one and swapped in
at the end, so a failed run leaves the previous copy whole."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

INT_COLUMNS = {"char_start", "char_end", "page", "sent_id", "sentence_start", "sentence_end", "n_chars",
               "n_sentences", "n_timex", "n_entities", "n_events", "n_mentions", "n_documents"}
PART_ROWS = 200_000


class ParquetTables:
    def __init__(self, out: Path, tables: Mapping[str, Sequence[str]], part_rows: int = PART_ROWS) -> None:
        import pyarrow as pa

        out.mkdir(parents=True, exist_ok=True)
        self.final = out / "parquet"
        self.tmp = Path(tempfile.mkdtemp(dir=out, prefix=".parquet."))
        self.part_rows = part_rows
        self.schemas = {
            t: pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in cols])
            for t, cols in tables.items()
        }
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
        cols = {}
        for f in schema:
            if f.type == pa.int64():
                cols[f.name] = [None if r.get(f.name) in (None, "") else int(r[f.name]) for r in rows]
            else:
                cols[f.name] = [None if r.get(f.name) is None else str(r[f.name]) for r in rows]
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

"""JSON Lines copies of the output tables (`extract --jsonl`; SPEC §3: CSV is the contract, JSON
Lines copies are welcome): `<out>/jsonl/<table>.jsonl` for every table of `schema.ALL_TABLES`.

One JSON object a line, keys in the CSV's column order, UTF-8 (no BOM, characters not escaped),
`\\n` line ends, rows in the CSV's order, byte-identical for the same CSVs. Each is made from its
CSV once that is complete, so the values are the CSV's (the spreadsheet escape undone), typed by
`schema.COLUMN_TYPES`: ints as numbers, `;`-joined lists as lists, dates as the CSV's ISO strings
(a partial document date stays `2024` or `2024-03`), empty int and date cells as null.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .schema import ALL_TABLES, json_value
from .table_io import unescape

FOLDER = "jsonl"


def csv_to_jsonl(src: Path, dest: Path) -> int:
    """dest from the CSV src, row by row; the number of rows."""
    n = 0
    tmp = dest.with_name(f".{dest.name}.tmp")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with src.open(encoding="utf-8-sig", newline="") as fh, tmp.open("w", encoding="utf-8", newline="\n") as out:
        for row in csv.DictReader(fh):
            obj = {k: json_value(k, unescape(v or "")) for k, v in row.items() if k is not None}
            out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    tmp.replace(dest)
    return n


def write_jsonl(out_dir: Path) -> list[Path]:
    """out_dir/jsonl/<table>.jsonl for each table whose CSV is in out_dir."""
    written = []
    for table in ALL_TABLES:
        src = out_dir / f"{table}.csv"
        if src.is_file():
            dest = out_dir / FOLDER / f"{table}.jsonl"
            csv_to_jsonl(src, dest)
            written.append(dest)
    return written


"""Merge one document's labelled files into the gold set.

    python scripts/add_gold.py DIR DOC_ID [--gold corpus/gold]

DIR holds `DOC_ID.timex.csv`, `DOC_ID.entities.csv`, `DOC_ID.events.csv` (the per-document
layout annotators write, docs/annotation.md §4).  Any rows of DOC_ID already in the gold files
are replaced; rows are sorted by document, start, end; files are written UTF-8 with a header.
Run `make gold-check` afterwards.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

KINDS = ("timex", "entities", "events")


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("doc_id")
    ap.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    a = ap.parse_args(argv)
    for kind in KINDS:
        src = a.dir / f"{a.doc_id}.{kind}.csv"
        if not src.is_file():
            print(f"error: {src}: file not found", file=sys.stderr)
            return 2
        cols, new = read(src)
        bad = [i for i, r in enumerate(new, start=2) if None in r]
        if bad:
            print(f"error: {src}:{bad[0]}: more cells than the header has columns (quote cells holding a comma)",
                  file=sys.stderr)
            return 2
        if any(r["doc_id"] != a.doc_id for r in new):
            print(f"error: {src}: rows of another document", file=sys.stderr)
            return 2
        dst = a.gold / f"{kind}.csv"
        rows = [r for r in read(dst)[1] if r["doc_id"] != a.doc_id] if dst.is_file() else []
        rows += new
        rows.sort(key=lambda r: (r["doc_id"], int(r["char_start"]), int(r["char_end"])))
        a.gold.mkdir(parents=True, exist_ok=True)
        with dst.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        print(f"{dst}: {len(new)} rows of {a.doc_id}, {len(rows)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())

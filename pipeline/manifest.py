"""`corpus/manifest.csv`: per-document metadata (SPEC §1)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("doc_id", "path", "title", "author", "published", "source")
_PARTIAL_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ManifestError(Exception):
    pass


@dataclass(frozen=True)
class ManifestRow:
    doc_id: str
    path: Path  # resolved
    title: str
    author: str
    published: str
    source: str


def load_manifest(path: Path) -> dict[Path, ManifestRow]:
    """Rows keyed by the resolved article path. Raise ManifestError naming file and line."""
    rows: dict[Path, ManifestRow] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("doc_id", "path") if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(f"{path}: missing column(s) {', '.join(missing)}")
        for line_no, rec in enumerate(reader, start=2):
            published = (rec.get("published") or "").strip()
            if published and not _PARTIAL_ISO.match(published):
                raise ManifestError(f"{path}:{line_no}: published {published!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")
            doc_path = (path.parent / rec["path"].strip()).resolve()
            rows[doc_path] = ManifestRow(
                doc_id=rec["doc_id"].strip(),
                path=doc_path,
                title=(rec.get("title") or "").strip(),
                author=(rec.get("author") or "").strip(),
                published=published,
                source=(rec.get("source") or "").strip(),
            )
    return rows

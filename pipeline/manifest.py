"""`corpus/manifest.csv`: per-document metadata (SPEC §1)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("doc_id", "path", "title", "author", "published", "source")
_PARTIAL_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# a datetime with an optional zone: its calendar date as written is the document date (SPEC §1)
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


class ManifestError(Exception):
    pass


@dataclass(frozen=True)
class ManifestRow:
    doc_id: str
    path: Path  # resolved
    title: str
    author: str
    published: str  # as written in the manifest
    source: str

    @property
    def doc_date(self) -> str:
        """The document date: `published`, or the calendar date of a datetime as written."""
        return published_date(self.published)


def published_date(published: str) -> str:
    """`2024-11-01T09:18:00+09:00` -> `2024-11-01`; partial ISO dates unchanged."""
    m = _ISO_DATETIME.match(published)
    return m.group(1) if m else published


def _valid_published(published: str) -> bool:
    import datetime as dt

    date = published_date(published)
    if not _PARTIAL_ISO.match(date) or (date != published and not _ISO_DATETIME.match(published)):
        return False
    parts = [int(x) for x in date.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


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
            if published and not _valid_published(published):
                raise ManifestError(f"{path}:{line_no}: published {published!r} is not an ISO date "
                                    "(YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][zone])")
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

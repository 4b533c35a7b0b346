"""`corpus/manifest.csv`: per-document metadata (SPEC §1)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
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


def valid_published(published: str) -> bool:
    """A real calendar date: `2024`, `2024-03`, `2024-03-08` or a datetime with a zone
    (`2024-13-45`, `2024-02-30` are not)."""
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


def _warn_stderr(message: str) -> None:
    import sys

    print(f"warning: {message}", file=sys.stderr)


def load_manifest(path: Path, warn: Callable[[str], None] | None = None) -> dict[Path, ManifestRow]:
    """Rows keyed by the resolved article path. A bad row never ends the run (SPEC §1): each is
    a `manifest.csv:LINE: …` warning and is skipped (a short row, no doc_id or path, a doc_id or
    path listed before) or loses only its bad cell (a `published` that is no date: the document
    date then comes from the text). The file is decoded like an article (UTF-8 with or without
    BOM, CP932 as Japanese Excel saves it, EUC-JP); a file that cannot be read or lacks the
    doc_id/path columns is one warning and no rows."""
    from .ingest import IngestError, decode_bytes

    warn = warn or _warn_stderr
    try:
        text, _ = decode_bytes(path.read_bytes())
    except (OSError, IngestError) as exc:
        warn(f"{path}: manifest not read ({exc}); its articles run without metadata")
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
    missing = [c for c in ("doc_id", "path") if c not in header]
    if missing:
        warn(f"{path}: missing column(s) {', '.join(missing)}; its articles run without metadata")
        return {}
    rows: dict[Path, ManifestRow] = {}
    ids: dict[str, int] = {}
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
            if not cells[header.index("doc_id")].strip() or not cells[header.index("path")].strip():
                warn(f"{path}:{line_no}: short row ({len([c for c in cells if c])} of {len(header)} cells); skipped")
                continue
        rec = dict(zip(header, cells))
        doc_id, rel = rec["doc_id"].strip(), rec["path"].strip()
        if not doc_id or not rel:
            warn(f"{path}:{line_no}: no {'doc_id' if not doc_id else 'path'}; skipped")
            continue
        if doc_id in ids:
            warn(f"{path}:{line_no}: doc_id {doc_id!r} is listed on line {ids[doc_id]} already; skipped")
            continue
        try:
            doc_path = (path.parent / rel).resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop
            warn(f"{path}:{line_no}: path {rel!r} cannot be resolved ({exc}); skipped")
            continue
        if doc_path in rows:
            warn(f"{path}:{line_no}: path {rel!r} is listed for {rows[doc_path].doc_id!r} already; skipped")
            continue
        published = (rec.get("published") or "").strip()
        if published and not valid_published(published):
            warn(f"{path}:{line_no}: published {published!r} is not an ISO date "
                 "(YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][zone]); the date comes from the text")
            published = ""
        ids[doc_id] = line_no
        rows[doc_path] = ManifestRow(
            doc_id=doc_id,
            path=doc_path,
            title=(rec.get("title") or "").strip(),
            author=(rec.get("author") or "").strip(),
            published=published,
            source=(rec.get("source") or "").strip(),
        )
    return rows

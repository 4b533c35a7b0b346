"""Result cache of `extract`: a document whose text, metadata, code and model are unchanged is
not parsed again.

One JSON file per document under the cache folder (`<out>/.cache/` by default), named by a
SHA-256 key over the document's bytes, its doc_id, path and manifest row, the `--doc-date`
option, the code version (every file of the `pipeline` package, its resource lists included),
and the model version (spaCy, GiNZA, ja_ginza, SudachiPy and its dictionary, the NER mode).
Any change to one of these gives a new key, so a stale entry is never read; `make clean`
removes the folder. Only documents that were processed without error are stored.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .table_io import atomic_write_bytes

PACKAGE = Path(__file__).resolve().parent
MODEL_PACKAGES = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "thinc")


@lru_cache(maxsize=None)
def code_version() -> str:
    """Hash of the package's source and resource files (sorted paths and contents)."""
    h = hashlib.sha256()
    for p in sorted(PACKAGE.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".csv") and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=None)
def model_version(ner_mode: str = "gaps") -> str:
    parts = []
    for name in MODEL_PACKAGES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=-")
    return ";".join(parts) + f";ner={ner_mode}"


def job_key(job, ner_mode: str = "gaps") -> str:
    h = hashlib.sha256()
    m = job.manifest
    manifest = [m.doc_id, m.title, m.author, m.published, m.source] if m else []
    meta = [job.doc_id, job.path, job.doc_date or "", job.error, manifest, code_version(), model_version(ner_mode)]
    h.update(json.dumps(meta, ensure_ascii=False).encode())
    h.update(job.data)
    return h.hexdigest()


RESULT_TABLES = ("sentences", "timex", "entities", "events", "events_rejected")


def _valid(entry) -> bool:
    """A cache entry has the shape process_jobs writes: a document row and a list of rows per result table."""
    return (isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("document"), dict)
            and all(isinstance(entry.get(t), list) and all(isinstance(r, dict) for r in entry[t]) for t in RESULT_TABLES))


class ResultCache:
    """Per-document results stored as JSON, keyed by job_key; `folder=None` disables it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self.folder is not None and self._path(key).is_file()

    def get(self, key: str) -> dict | None:
        if self.folder is None:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if _valid(entry) else None  # a damaged entry is recomputed, never trusted

    def put(self, key: str, result: dict) -> None:
        if self.folder is None or result["document"]["status"] != "ok":
            return
        data = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self._path(key), data)

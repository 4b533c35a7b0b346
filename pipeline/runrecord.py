"""The run record `<out>/run.json` (issue 19): what made the tables of an `extract` run.

    {"tool": "jp-events", "distribution": "jp-security-events", "version": "0.1.0",
     "python": "3.11.7", "options": {...}, "code": "<hash of the package's files>",
     "name_lists": {"countries.csv": "<sha256>", ..., "events/triggers.csv": "<sha256>"},
     "model": {"name": "ja_ginza", "version": "5.3.0", "sha256": "<sha256>", "packages": {...}},
     "documents": {"total": 5, "ok": 5, "error": 0, "no_date": 0}}

It holds no time stamp and no output path, so that, like the tables, it is byte-identical across
runs on the same input with the same options and installation (the time of a run is the file's
modification time). `name_lists` has the SHA-256 of every CSV under pipeline/resources/;
`model.sha256` is a SHA-256 over the model package's files, each named with its own SHA-256 as
pip recorded it at install (RECORD), or as read from the file when pip recorded none.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .table_io import atomic_write_bytes

DISTRIBUTION = "jp-security-events"  # the name on the package index; the import package is `pipeline`
TOOL = "jp-events"  # the console script
RUN_RECORD = "run.json"
RESOURCES = Path(__file__).resolve().parent / "resources"
MODEL = "ja-ginza"
MODEL_STACK = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "thinc")


def version() -> str:
    """The installed distribution's version (the package's own when it is not installed)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        from . import __version__

        return __version__


def name_list_hashes() -> dict[str, str]:
    """SHA-256 of every name list (CSV under pipeline/resources/), by its path there."""
    return {p.relative_to(RESOURCES).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(RESOURCES.rglob("*.csv"))}


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=None)
def model_record() -> dict:
    """The GiNZA model: its package name, version and a SHA-256 over its files; the versions of
    the packages it runs on."""
    record = {"name": MODEL.replace("-", "_"), "version": _version(MODEL), "sha256": None,
              "packages": {name: _version(name) for name in MODEL_STACK}}
    try:
        files = metadata.distribution(MODEL).files or []
    except metadata.PackageNotFoundError:
        return record
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.as_posix()):
        if "__pycache__" in f.parts or f.parts[0].endswith(".dist-info"):  # the model's files only
            continue
        if f.hash is not None:
            digest = f"{f.hash.mode}={f.hash.value}"
        else:
            path = Path(f.locate())
            if not path.is_file():
                continue
            digest = "sha256=" + hashlib.sha256(path.read_bytes()).hexdigest()
        h.update(f"{f.as_posix()} {digest}\n".encode())
    record["sha256"] = h.hexdigest()
    return record


def run_record(options: dict, documents: list[dict]) -> dict:
    from .cache import code_version

    return {
        "tool": TOOL,
        "distribution": DISTRIBUTION,
        "version": version(),
        "python": platform.python_version(),
        "options": options,
        "code": code_version(),
        "name_lists": name_list_hashes(),
        "model": model_record(),
        "documents": {
            "total": len(documents),
            "ok": sum(d["status"] == "ok" for d in documents),
            "error": sum(d["status"] == "error" for d in documents),
            "no_date": sum(d["status"] == "ok" and d["doc_date_source"] == "none" for d in documents),
        },
    }


def write_run_record(folder: Path, options: dict, documents: list[dict]) -> Path:
    path = folder / RUN_RECORD
    text = json.dumps(run_record(options, documents), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path

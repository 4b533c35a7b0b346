"""The project's corpora (`corpus/corpora.csv`) and the genre of a document.

One home for which corpora exist, where their texts and gold live and which of them the
regression guard runs on; `corpus/quiet_documents.csv` lists the texts that are mostly about
economics or natural disasters, on which the tool should stay quiet.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CORPORA_FILE = Path("corpus/corpora.csv")
QUIET_FILE = Path("corpus/quiet_documents.csv")
# the genre is the doc_id's prefix (file names keep it); anything else is an essay (the seed)
GENRES = ("wire", "broadcast", "press", "transcript", "chronology", "editorial", "analysis", "encyclopedia")
DEFAULT_GENRE = "essay"


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    gold: Path
    regression_guard: bool
    purpose: str


def genre_of(doc_id: str) -> str:
    prefix = doc_id.split("-", 1)[0]
    return prefix if prefix in GENRES else DEFAULT_GENRE


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_corpora(path: Path = CORPORA_FILE, root: Path | None = None) -> list[Corpus]:
    """The corpora in file order; folders are relative to `root` (default: the file's repo root)."""
    root = root if root is not None else path.resolve().parent.parent
    return [
        Corpus(r["corpus"], root / r["folder"], root / r["gold"], r["regression_guard"].strip().lower() == "yes",
               r.get("purpose", ""))
        for r in _rows(path)
    ]


def load_quiet(path: Path = QUIET_FILE) -> dict[str, str]:
    """doc_id -> topic of the texts the tool should stay quiet on (none if the file is absent)."""
    return {r["doc_id"]: r["topic"] for r in _rows(path)} if path.is_file() else {}

"""The event rules' word lists (`resources/events/words.csv`: `list, word, note`), each read as
a tuple in file order. Edit the file to change a list; a list the code asks for and the file
lacks is an error naming it."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

WORDS_CSV = Path(__file__).resolve().parent.parent / "resources" / "events" / "words.csv"


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    with open(WORDS_CSV, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["list"].strip(), []).append(r["word"].strip())
    return {k: tuple(v) for k, v in out.items()}


def words(name: str) -> tuple[str, ...]:
    """The words of one list (`words("light_verbs")`)."""
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"{WORDS_CSV.name} has no list {name!r}") from None

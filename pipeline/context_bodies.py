"""Bodies named bare whose organisation the document gives (`総会` in a text about the UN is
the General Assembly): `resources/context_bodies.csv` (`word, code, context, note`), a word
standing as a name of its own (not after another kanji: `株主総会`), in a document whose text
matches the row's `context` pattern anywhere. Offsets stay those of the paragraph."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from .entities import KANJI
from .gazetteer import RESOURCES, fold, load_gazetteer
from .records import Entity

@lru_cache(maxsize=2)
def load_context_bodies(path: Path = RESOURCES / "context_bodies.csv") -> tuple[tuple[str, str, re.Pattern], ...]:
    with open(path, encoding="utf-8", newline="") as f:
        return tuple((fold(r["word"]), r["code"], re.compile(r["context"])) for r in csv.DictReader(f) if r["word"])


@lru_cache(maxsize=1)
def _org_names() -> dict[str, tuple[str, str]]:
    """code -> (the name shown, the English name) of the organisations of the name lists."""
    g = load_gazetteer()
    out: dict[str, tuple[str, str]] = {}
    for entry in g.names.values():
        if entry.label == "ORG" and entry.actor_id and not entry.country:
            # the English name of the code's own row (`UNSC` -> UN Security Council) before any other
            own = g.names.get(fold(entry.actor_id), entry)
            out.setdefault(entry.actor_id, (g.display.get(entry.actor_id, entry.name), own.name_en or entry.name_en))
    return out


def bodies_in(document: str) -> tuple[tuple[str, str], ...]:
    """(word, code) of the rows whose context the `document` text holds: looked for once per
    document, not once per paragraph (a long document has many)."""
    return tuple((word, code) for word, code, context in load_context_bodies() if context.search(document))


def context_bodies(document: str, paragraph: str, actors: list[Entity],
                   bodies: tuple[tuple[str, str], ...] | None = None) -> list[Entity]:
    """The bare bodies of `paragraph` (not inside an actor already found) whose row's context
    the `document` text holds (`bodies`: bodies_in(document), when the caller has it)."""
    names = _org_names()
    out: list[Entity] = []
    for word, code in bodies_in(document) if bodies is None else bodies:
        for m in re.finditer(re.escape(word), paragraph):
            s, e = m.start(), m.end()
            if (s and KANJI.match(paragraph, s - 1)) or any(a.start < e and s < a.end for a in actors + out):
                continue
            name, name_en = names.get(code, (code, ""))
            out.append(Entity(s, e, paragraph[s:e], "ORG", code, "", name, name_en))
    return sorted(out, key=lambda x: x.start)

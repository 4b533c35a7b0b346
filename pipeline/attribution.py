"""Who the text says reports an event (SPEC §3 `attribution`).

Two grammatical shapes, with their words in `resources/attribution_markers.csv`:

- `source_before`: a source noun phrase followed by a marker (`朝鮮中央通信によると、…`,
  `防衛省の発表では、…`) — the source reports what the sentence says after the marker;
- `reporter_verb`: a clause quoted by a reporting verb whose subject is the source
  (`…と朝鮮中央通信が伝えた`, `朝鮮中央通信は…と伝えた`) — the source reports what the
  sentence says before the verb, its own name left out.

Hedges with no source (`…とみられる`, `…とされる`) name no one and leave the cell empty.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .gazetteer import RESOURCES

MARKERS_CSV = RESOURCES / "attribution_markers.csv"
NOUNISH = ("NOUN", "PROPN", "NUM")


@dataclass(frozen=True)
class Attribution:
    source: str  # the reporter as written
    start: int  # the span of text it reports (paragraph offsets, end exclusive)
    end: int
    source_start: int  # the reporter's own span (an event there is not reported by it)
    source_end: int
    rule: str  # `attribution:source_before` or `attribution:reporter_verb`


@lru_cache(maxsize=2)
def load_markers(path: Path = MARKERS_CSV) -> dict[str, tuple[str, ...]]:
    """kind -> markers (longest first)."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if (r.get("marker") or "").strip():
                out.setdefault(r["kind"].strip(), []).append(r["marker"].strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _phrase_before(doc, k: int, floor: int) -> int | None:
    """The first token of the noun phrase that ends right before token k: a run of nouns,
    with one `の` link inside (`米国防総省の報道官`); None when there is none."""
    j = k
    while j > 0 and doc[j - 1].idx >= floor and (doc[j - 1].pos_ in NOUNISH or doc[j - 1].text == "・"):
        j -= 1
    if j == k:
        return None
    if j > 1 and doc[j - 1].text == "の" and doc[j - 2].idx >= floor and doc[j - 2].pos_ in NOUNISH:
        i = j - 1
        while i > 0 and doc[i - 1].idx >= floor and (doc[i - 1].pos_ in NOUNISH or doc[i - 1].text == "・"):
            i -= 1
        j = i
    return j


def _quoted(text: str, start: int, pos: int) -> bool:
    span = text[start:pos]
    return span.count("「") > span.count("」") or span.count("『") > span.count("』")


def _token_starting_at(doc, char: int) -> int | None:
    return next((t.i for t in doc if t.idx == char), None)


def find_attributions(doc, sent: tuple[int, int], markers: dict | None = None) -> list[Attribution]:
    """The attributions of one sentence of a paragraph Doc (paragraph offsets)."""
    markers = markers or load_markers()
    text = doc.text
    out = []
    before = markers.get("source_before", ())
    if before:
        for m in re.finditer("|".join(map(re.escape, before)), text[sent[0]:sent[1]]):
            pos = sent[0] + m.start()
            k = _token_starting_at(doc, pos)
            j = _phrase_before(doc, k, sent[0]) if k is not None else None
            if j is not None:
                out.append(Attribution(text[doc[j].idx:pos], sent[0] + m.end(), sent[1], doc[j].idx, pos,
                                       "attribution:source_before"))
    verbs = set(markers.get("reporter_verb", ()))
    for tok in doc:
        if not sent[0] <= tok.idx < sent[1] or tok.lemma_ not in verbs or _quoted(text, sent[0], tok.idx):
            continue  # a reporting verb inside a quote reports nothing of this sentence
        for c in reversed(list(tok.children)):  # the subject nearest the verb
            case = next((x.text for x in c.children if x.dep_ == "case"), "")
            if c.i < tok.i and case in ("が", "は") and c.pos_ in NOUNISH:
                j = _phrase_before(doc, c.i + 1, sent[0])
                s, e = doc[j].idx, c.idx + len(c.text)
                out.append(Attribution(text[s:e], sent[0], tok.idx, s, e, "attribution:reporter_verb"))
                break
    return out


def attribution_for(found: list[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution whose reported span holds the trigger at [start, end)."""
    for a in found:
        if a.start <= start and end <= a.end and not (a.source_start <= start < a.source_end):
            return a
    return None

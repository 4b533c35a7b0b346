"""The trigger lexicon (resources/events/triggers.csv) and the longest-match trigger finder."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
import csv

from ..event_types import EVENT_TYPES
from ..gazetteer import RESOURCES, fold
from .syntax import doc_text, no_spaces, token_arrays


@dataclass(frozen=True)
class Trigger:
    surface: str
    event_type: str
    mode: str
    cameo: str
    plover: str
    needs: str
    implied_actor2: str = ""  # the side the word itself names (`拒否権`: a veto is cast in the UNSC)
    entry: str = field(default="", compare=False)  # the rule id of its lexicon entry (`trigger:会談/MEET`)


# what a joint declaration to no addressee is typed as (see build_event)
JOINT_DECLARATION = Trigger("", "AGREE_COOPERATE", "", "030", "AGREE", "", "", "type:joint_declaration")


class LexiconError(Exception):
    pass


def entry_id(t: Trigger) -> str:
    """The rule id of a lexicon entry: its surface, type and constraint (unique per row)."""
    return f"trigger:{t.surface}/{t.event_type}" + (f"/{t.needs}" if t.needs else "")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = RESOURCES / "events" / "triggers.csv") -> dict[str, tuple[Trigger, ...]]:
    """trigger -> its readings (a word listed under several types, told apart by `needs`)."""
    out: dict[str, tuple[Trigger, ...]] = {}
    if not Path(path).is_file():
        return out
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            key = fold((r.get("trigger") or "").strip())
            if not key or not r.get("event_type"):
                raise LexiconError(f"{path}:{i}: empty trigger or event_type")
            if r["event_type"].strip() not in EVENT_TYPES:
                raise LexiconError(f"{path}:{i}: event_type {r['event_type']!r} is not in resources/events/types.csv")
            t = Trigger(key, r["event_type"].strip(), (r.get("mode") or "").strip(),
                        (r.get("cameo") or "").strip(), (r.get("plover") or "").strip(), (r.get("needs") or "").strip(),
                        (r.get("implied_actor2") or "").strip())
            t = replace(t, entry=entry_id(t))
            # readings with a constraint are tried before the unconstrained one
            out[key] = tuple(sorted(out.get(key, ()) + (t,), key=lambda x: (not x.needs.startswith("obj:"), x.event_type)))
    return out


def match_trigger(doc, i: int, lexicon, max_len: int) -> tuple[int, tuple[Trigger, ...]] | None:
    """Longest entry starting at token i and ending at a token end -> (last token index, entry)."""
    text = doc_text(doc)
    starts, ends, lemmas, pos = token_arrays(doc)
    begin = starts[i]
    if not text[begin:ends[i]].strip():
        return None  # a word starts on a letter, not on a space (`　採択　`: the match is `採択`)
    j = i
    while j < len(starts) and ends[j] - begin <= max_len:
        j += 1
    for j in range(j - 1, i - 1, -1):
        # the surface as written, or with its last word in dictionary form (`明らかにした` ->
        # `明らかにする`, `拒否権を行使した` -> `拒否権を行使する`)
        # (spaces and line breaks left inside a word by PDF conversion do not count: `首脳会 談`)
        if not text[starts[j]:ends[j]].strip():
            continue  # ... and ends on one
        for key in (no_spaces(fold(text[begin:ends[j]])), no_spaces(fold(text[begin:starts[j]] + lemmas[j]))):
            if key in lexicon:
                return j, lexicon[key]
    if pos[i] in ("VERB", "AUX") and fold(lemmas[i]) in lexicon:
        return i, lexicon[fold(lemmas[i])]
    return None

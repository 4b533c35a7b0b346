"""The trigger lexicon (resources/events/triggers.csv) and the longest-match trigger finder
(spaCy's `Matcher`, built from the lexicon; run as the `event_triggers` component)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
import csv

from spacy.matcher import Matcher
from spacy.tokens import Token

from ..event_types import EVENT_TYPES
from ..gazetteer import RESOURCES, fold
from .syntax import doc_text, no_spaces


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
# what a saying whose content condemns an act is typed as (see build_event)
CONDEMNING = Trigger("", "CRITICIZE", "", "111", "ACCUSE", "", "", "type:condemning_content")
# what a launch at another state is typed as (see build_event)
LAUNCH_AT = Trigger("", "ATTACK", "", "195", "ASSAULT", "", "", "type:launch_at_state")


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


# Token attributes the matcher compares: the text and the lemma folded as the lexicon's keys are
if not Token.has_extension("fold"):
    Token.set_extension("fold", default="")
if not Token.has_extension("fold_lemma"):
    Token.set_extension("fold_lemma", default="")

SPACES = {"IS_SPACE": True, "OP": "*"}  # a space or line break left inside a word by conversion


def entry_patterns(tokens) -> list[list[dict]]:
    """Matcher patterns of one entry, tokenized as GiNZA tokenizes it: as written, and with its
    last word in any inflection (`明らかにする` matches `明らかにした`, `結ぶ` matches `結んだ`)."""
    words = [{"_": {"fold": fold(t.text)}} for t in tokens]
    lemma = words[:-1] + [{"_": {"fold_lemma": fold(tokens[-1].lemma_)}}]
    return [_with_spaces(words), _with_spaces(lemma)]


def _with_spaces(pattern: list[dict]) -> list[dict]:
    out: list[dict] = []
    for k, p in enumerate(pattern):
        out += ([SPACES] if k else []) + [p]
    return out


class TriggerMatcher:
    """spaCy's `Matcher` over the lexicon: the entries of a Doc, leftmost first and the longest
    at each token (ending at a token end), with no overlap. `tokenizer` must be the one that made the
    Docs (GiNZA's), so an entry is cut into words as the text is."""

    def __init__(self, vocab, tokenizer, lexicon: dict[str, tuple[Trigger, ...]]) -> None:
        self.lexicon = lexicon
        self.max_len = max((len(k) for k in lexicon), default=0)
        self.matcher = Matcher(vocab)
        for key in lexicon:
            self.matcher.add(key, entry_patterns(tokenizer(key)))

    def __call__(self, doc) -> dict[int, tuple[int, str]]:
        for t in doc:
            t._.fold, t._.fold_lemma = fold(t.text), fold(t.lemma_)
        best: dict[int, tuple[int, str]] = {}
        for match_id, start, end in self.matcher(doc):
            key, last = doc.vocab.strings[match_id], end - 1
            if doc[last].is_space:
                continue
            old = best.get(start)
            # the longest; of two entries over the same words, the one written as in the text
            if old is None or last > old[0] or (last == old[0] and key == _as_written(doc, start, last)):
                best[start] = (last, key)
        for i, hit in self._across_breaks(doc):
            if i not in best or hit[0] > best[i][0]:
                best[i] = hit
        kept, end = {}, -1  # leftmost first, no overlap (`首脳会談`, not also `会談` inside it)
        for i in sorted(best):
            if i > end:
                kept[i] = best[i]
                end = best[i][0]
        return kept

    def _across_breaks(self, doc):
        """A word that a line break or space left by conversion splits (`首脳会\n談`) is cut by
        GiNZA into other words than the entry: there the entries are looked up in the
        characters, spaces left out, from each word shortly before the break."""
        words = [t for t in doc if not t.is_space]
        text = doc_text(doc)
        for a, b in zip(words, words[1:]):
            if not text[a.idx + len(a.text):b.idx].isspace():
                continue
            for i in range(a.i, -1, -1):
                if doc[i].is_space or b.idx - doc[i].idx > self.max_len:
                    break
                hit = self._in_characters(doc, i, b.i)
                if hit is not None:
                    yield i, hit

    def _in_characters(self, doc, i: int, after: int) -> tuple[int, str] | None:
        """The longest entry from token i ending at a token end past `after`, the last word also
        in its dictionary form."""
        text, begin = doc_text(doc), doc[i].idx
        j = after
        while j + 1 < len(doc) and doc[j + 1].idx + len(doc[j + 1].text) - begin <= self.max_len + 2:
            j += 1
        for k in range(j, after - 1, -1):
            t = doc[k]
            if t.is_space:
                continue
            for key in (_as_written(doc, i, k), no_spaces(fold(text[begin:t.idx] + t.lemma_))):
                if key in self.lexicon:
                    return k, key
        return None


def _as_written(doc, first: int, last: int) -> str:
    """Tokens first..last as a lexicon key: folded, spaces left out."""
    return no_spaces(fold(doc_text(doc)[doc[first].idx:doc[last].idx + len(doc[last].text)]))


_MATCHERS: dict[int, tuple[dict, TriggerMatcher]] = {}


def trigger_matches(doc, lexicon: dict[str, tuple[Trigger, ...]]) -> dict[int, tuple[int, tuple[Trigger, ...]]]:
    """token index -> (last token, readings) of every trigger of `doc`: from the `event_triggers`
    component's spans when the pipeline ran it with this lexicon, else matched here."""
    spans = doc.spans.get(TRIGGER_SPANS)
    if spans is not None and all(sp.label_ in lexicon for sp in spans):
        return {sp.start: (sp.end - 1, lexicon[sp.label_]) for sp in spans}
    return {i: (last, lexicon[key]) for i, (last, key) in matcher_for(doc.vocab, lexicon)(doc).items()}


def matcher_for(vocab, lexicon, tokenizer=None) -> TriggerMatcher:
    cached = _MATCHERS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon or cached[1].matcher.vocab is not vocab:
        if tokenizer is None:
            from ..nlp import load_nlp

            tokenizer = load_nlp().tokenizer
        cached = _MATCHERS[id(lexicon)] = (lexicon, TriggerMatcher(vocab, tokenizer, lexicon))
    return cached[1]


TRIGGER_SPANS = "event_triggers"  # doc.spans key the component writes (label: the lexicon entry)

"""spaCy components of the pipeline, so that one `nlp` object runs every stage on a Doc.

- `actor_finder`: sets `doc._.actors` (list[records.Entity], offsets into doc.text) from the
  resource lists and the model's NER spans (pipeline/entities.py).
- `event_triggers`: puts the event trigger matches into `doc.spans["event_triggers"]` (label:
  the lexicon entry; spaCy's `Matcher` over `resources/events/triggers.csv`, the longest entry
  at each token), which the event stage reads (pipeline/events/lexicon.py).

GiNZA's `ner` is the most expensive component of `ja_ginza` (about two thirds of its time) and
the actors it adds are a fallback for names the lists do not hold. With `ner_mode="gaps"` (the
default; `load_nlp` then disables `ner` in the pipeline) the finder first matches the lists,
then runs `ner` only on the sentences that leave a gap — a token SudachiPy tags as a proper noun
(名詞-固有名詞-*) that no listed name covers — reusing the tok2vec tensor already computed for
the paragraph. `ner_mode="all"` uses the entities of an enabled `ner` on every sentence,
`"none"` uses no model entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .entities import DICTIONARY_AREA, DICTIONARY_PLACE, find_entities
from .gazetteer import RESOURCES, load_gazetteer
from .nlp import NER_MODES

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)

PROPER_NOUN_TAG = "名詞-固有名詞"


def gap_sentences(doc: Doc, covered: set[int]) -> list[Span]:
    """Sentences of `doc` holding a proper-noun token not covered (char offsets) by a listed name."""
    out = []
    for sent in doc.sents:
        for t in sent:
            if _is_proper_noun(t.tag, doc.vocab.strings) and not all(i in covered for i in range(t.idx, t.idx + len(t))):
                out.append(sent)
                break
    return out


PLACE_NAME_TAG = "名詞-固有名詞-地名-一般"  # not 地名-国: states are on the lists


def place_names(doc: Doc) -> list[tuple[int, int, str]]:
    """The words SudachiPy's dictionary tags as place names (`輪島`, `敦賀`, `奥能登`), as spans
    for the entity finder's last pass: places the lists and the model miss."""
    strings, out = doc.vocab.strings, []
    for t in doc:
        if len(t.text) < 2 or not strings[t.tag].startswith(PLACE_NAME_TAG):
            continue
        if t.i and KATAKANA_END.search(doc[t.i - 1].text) and not doc[t.i - 1].whitespace_:
            continue  # `ヤルツァンポ川下流`: the tail of a longer katakana name, cut wrongly
        first = t.i - 1 if t.i and doc[t.i - 1].text in PLACE_PREFIXES else t.i  # `奥能登`
        last = t.i + 1 if t.i + 1 < len(doc) and doc[t.i + 1].text in PLACE_SUFFIXES else t.i  # `能登地方`
        label = DICTIONARY_AREA if last > t.i else DICTIONARY_PLACE  # `能登地方`: an area, LOC
        out.append((doc[first].idx, doc[last].idx + len(doc[last].text), label))
    return out


def words_of(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, part-of-speech tag) of the doc's words, for the entity finder."""
    strings = doc.vocab.strings
    return [(t.idx, t.idx + len(t.text), strings[t.tag]) for t in doc if not t.is_space]


# the words that join a place name into the name of a larger or nearer area
PLACE_PREFIXES = frozenset({"奥", "東", "西", "南", "北"})
PLACE_SUFFIXES = frozenset({"地方", "地域", "地区", "半島", "諸島", "列島", "海峡", "高原", "盆地", "平野", "沖"})
KATAKANA_END = re.compile(r"[\u30a1-\u30fa\u30fc]$")


_PROPER: dict[int, bool] = {}  # tag hash -> proper-noun tag (spaCy's string hashes are fixed)


def _is_proper_noun(tag: int, strings) -> bool:
    """Compares the tag's hash, so that the tag string is looked up once per tag, not per token."""
    hit = _PROPER.get(tag)
    if hit is None:
        hit = _PROPER[tag] = strings[tag].startswith(PROPER_NOUN_TAG)
    return hit


class ActorFinder:
    def __init__(self, nlp: Language, resources: str = "", ner_mode: str = "gaps", ner_pipe: str = "ner") -> None:
        if ner_mode not in NER_MODES:
            raise ValueError(f"ner_mode must be one of {NER_MODES}, not {ner_mode!r}")
        self.nlp = nlp
        self.gazetteer = load_gazetteer(Path(resources) if resources else RESOURCES)
        self.ner_mode = ner_mode
        self.ner_pipe = ner_pipe

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._batch(list(batch))

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        if self.ner_mode != "gaps":
            for doc in docs:
                ner = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if self.ner_mode == "all" else []
                doc._.actors = find_entities(doc.text, self.gazetteer, ner + place_names(doc), words_of(doc))
            return docs
        gaps: list[tuple[int, Span]] = []
        words = [words_of(doc) for doc in docs]  # read once: the finder may run twice on a doc
        for k, doc in enumerate(docs):
            doc._.actors = find_entities(doc.text, self.gazetteer, (), words[k])
            covered = {i for e in doc._.actors for i in range(e.start, e.end)}
            gaps += [(k, s) for s in gap_sentences(doc, covered)]
        spans: dict[int, list[tuple[int, int, str]]] = {}
        if gaps:
            ner = self.nlp.get_pipe(self.ner_pipe)
            subs = ner.pipe([s.as_doc() for _, s in gaps], batch_size=len(gaps))
            for (k, sent), sub in zip(gaps, subs):
                spans.setdefault(k, []).extend(
                    (sent.start_char + e.start_char, sent.start_char + e.end_char, e.label_) for e in sub.ents
                )
        for k, doc in enumerate(docs):
            found = spans.get(k, []) + place_names(doc)  # the model's spans first, then the dictionary's
            if found:
                doc._.actors = find_entities(doc.text, self.gazetteer, found, words[k])
        return docs


@Language.factory("actor_finder", default_config={"resources": "", "ner_mode": "gaps", "ner_pipe": "ner"})
def make_actor_finder(nlp: Language, name: str, resources: str, ner_mode: str, ner_pipe: str) -> ActorFinder:
    return ActorFinder(nlp, resources, ner_mode, ner_pipe)


class EventTriggers:
    def __init__(self, nlp: Language, triggers: str = "") -> None:
        from .events.lexicon import TRIGGER_SPANS, load_lexicon, matcher_for

        lexicon = load_lexicon(Path(triggers)) if triggers else load_lexicon()
        self.matcher = matcher_for(nlp.vocab, lexicon, nlp.tokenizer)
        self.key = TRIGGER_SPANS

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.key] = [Span(doc, start, last + 1, label=key) for start, (last, key) in sorted(self.matcher(doc).items())]
        return doc


@Language.factory("event_triggers", default_config={"triggers": ""})
def make_event_triggers(nlp: Language, name: str, triggers: str) -> EventTriggers:
    return EventTriggers(nlp, triggers)

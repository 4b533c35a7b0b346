"""spaCy components of the pipeline, so that one `nlp` object runs every stage on a Doc.

- `actor_finder`: sets `doc._.actors` (list[records.Entity], offsets into doc.text) from the
  resource lists and the model's NER spans (pipeline/entities.py).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .entities import find_entities
from .gazetteer import RESOURCES, load_gazetteer

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


class ActorFinder:
    def __init__(self, resources: str = "") -> None:
        self.gazetteer = load_gazetteer(Path(resources) if resources else RESOURCES)

    def __call__(self, doc: Doc) -> Doc:
        ner = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        doc._.actors = find_entities(doc.text, self.gazetteer, ner)
        return doc


@Language.factory("actor_finder", default_config={"resources": ""})
def make_actor_finder(nlp: Language, name: str, resources: str) -> ActorFinder:
    return ActorFinder(resources)

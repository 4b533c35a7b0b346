"""Sentence spans of a cleaned document, from GiNZA's parse of each paragraph."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int  # cleaned-text offsets
    end: int


def sentences_from_docs(paragraph_spans, docs) -> list[Sentence]:
    """Sentences of a document given its paragraph spans and their parsed spaCy Docs."""
    out: list[Sentence] = []
    for (p_start, _), doc in zip(paragraph_spans, docs):
        for sent in doc.sents:
            text = sent.text
            lead = len(text) - len(text.lstrip())
            stripped = text.strip()
            if not stripped:
                continue
            start = p_start + sent.start_char + lead
            out.append(Sentence(start, start + len(stripped)))
    return out

"""Sentence spans of a cleaned document, from GiNZA's parse of each paragraph.

GiNZA sometimes splits a long sentence before its end; a sentence here ends only at a
sentence-final mark (。！？…) outside a quotation, or at the end of its paragraph, so such pieces
are merged.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_FINAL = "。．！？!?"
CLOSERS = "」』）)】"


@dataclass(frozen=True)
class Sentence:
    start: int  # cleaned-text offsets
    end: int


def _ends_sentence(text: str) -> bool:
    text = text.rstrip().rstrip(CLOSERS)
    return bool(text) and text[-1] in SENTENCE_FINAL


def _inside_quote(text: str) -> bool:
    """A 「…」 or 『…』 opened and not closed: a `。` inside a quotation does not end the sentence
    that quotes it (`「…履行されなければならない。失敗は許されない」と投稿した。`)."""
    return text.count("「") > text.count("」") or text.count("『") > text.count("』")


def sentences_from_docs(paragraph_spans, docs) -> list[Sentence]:
    """Sentences of a document given its paragraph spans and their parsed spaCy Docs."""
    out: list[Sentence] = []
    for (p_start, _), doc in zip(paragraph_spans, docs):
        open_start = None
        sents = [s for s in doc.sents if s.text.strip()]
        for k, sent in enumerate(sents):
            text = sent.text
            start = p_start + sent.start_char + (len(text) - len(text.lstrip()))
            end = p_start + sent.start_char + len(text.rstrip())
            if open_start is None:
                open_start = start
            so_far = doc.text[open_start - p_start:end - p_start]
            if (_ends_sentence(text) and not _inside_quote(so_far)) or k == len(sents) - 1:
                out.append(Sentence(open_start, end))
                open_start = None
    return out

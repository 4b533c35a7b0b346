"""Sentence spans (pipeline.sentences) on composed paragraphs: a sentence ends at a sentence-final
mark outside a quotation, or at its paragraph's end."""

from __future__ import annotations

import pytest

from pipeline.nlp import load_nlp
from pipeline.sentences import sentences_from_docs


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("text,expected", [
    ("首相は会見した。外相も発言した。", ["首相は会見した。", "外相も発言した。"]),
    # a `。` inside 「…」 does not end the sentence that quotes it
    ("外相は、記者団に「対話の扉は開いている。決断を求める」と語った。次の会合は来月だ。",
     ["外相は、記者団に「対話の扉は開いている。決断を求める」と語った。", "次の会合は来月だ。"]),
    ("大統領は声明で「われわれは攻撃を受けた。必ず報復する」と述べた。",
     ["大統領は声明で「われわれは攻撃を受けた。必ず報復する」と述べた。"]),
    # a quotation left open runs to the paragraph's end
    ("報道官は「協議を続ける。合意は近い。", ["報道官は「協議を続ける。合意は近い。"]),
])
def test_sentence_spans(nlp, text, expected):
    sents = sentences_from_docs([(0, len(text))], [nlp(text)])
    assert [text[s.start:s.end] for s in sents] == expected

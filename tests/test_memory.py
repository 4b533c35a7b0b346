"""Memory bounded by a paragraph, not by a document (issue 18, item 2).

A document's paragraphs stream through GiNZA and each Doc is reduced to rows before the next
is parsed: no Doc of a document is kept until the document ends. Checked with weak references
to every Doc the model makes (no timing or RSS here: `make bench` measures those).
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from pipeline.extract import TABLES, analyse_articles, make_job, prepare, process_jobs
from pipeline.nlp import load_nlp

# cross-paragraph links: `両国` refers back to the meeting of the first paragraph, entity and
# timex ids are numbered over the whole document
PARAGRAPHS = [
    "2024年6月19日、ロシアのプーチン大統領は北朝鮮を訪問し、金正恩総書記と会談した。",
    "両国は包括的戦略パートナーシップ条約に署名した。",
    "同年11月、北朝鮮はロシアに兵士を派遣した。",
    "米国と日本はこれを強く非難した。",
    "2023年9月13日、両首脳はボストーチヌイ宇宙基地で会談した。",
    "中国は2024年5月16日、ロシアと共同声明を発表した。",
    "韓国政府は同日、北朝鮮に対する独自制裁を発表した。",
    "その後、国連安全保障理事会は緊急会合を開いた。",
    "2024年7月、NATOはワシントンで首脳会議を開催した。",
    "日本の岸田首相は2024年7月11日、ドイツを訪問した。",
]
TEXT = "2024年12月1日\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
OTHER = "2023年8月18日、米国と韓国と日本はキャンプ・デービッドで首脳会談を行った。\n\n三か国は協力を確認した。\n"


class WatchedNlp:
    """The real model, recording a weak reference to every Doc it yields and, each time it
    makes one, how many of those it yielded before are still alive."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.refs: list[weakref.ref] = []
        self.most_alive = 0

    def alive(self) -> int:
        gc.collect()
        return sum(r() is not None for r in self.refs)

    def pipe(self, texts, batch_size: int = 64):
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            self.most_alive = max(self.most_alive, self.alive())
            self.refs.append(weakref.ref(doc))
            yield doc


def _article(tmp_path: Path, name: str, text: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return prepare(make_job(path, name))


def test_no_paragraph_doc_outlives_its_paragraph(tmp_path: Path):
    art = _article(tmp_path, "a", TEXT)
    assert len(art.paragraphs) == len(PARAGRAPHS) + 1
    nlp = WatchedNlp(load_nlp())
    analyse_articles([art], nlp, batch_size=1)
    assert len(nlp.refs) == len(art.paragraphs)  # one GiNZA call per paragraph, through the stream
    # while a paragraph is parsed, at most the one before it is still referenced (the old
    # code kept every Doc of the document until its end: 10 of them here)
    assert nlp.most_alive <= 1
    assert nlp.alive() == 0  # and none is left once the document's rows are made
    assert art.tables["events"] and not art.error


def test_rows_do_not_depend_on_the_stream_they_were_parsed_in(tmp_path: Path):
    """A multi-paragraph document gives the same rows alone, with another document before it
    in one GiNZA stream, and in batches of any size (each document takes its own Docs)."""
    specs = [(tmp_path / "a.txt", "a"), (tmp_path / "b.txt", "b")]
    specs[0][0].write_text(TEXT, encoding="utf-8")
    specs[1][0].write_text(OTHER, encoding="utf-8")
    alone = process_jobs([specs[0]])[0]
    after_other = process_jobs([specs[1], specs[0]], batch_size=3)[1]
    for table in ("document", *TABLES):
        assert after_other[table] == alone[table], table
    # the document-level links are made when the document ends: ids of this document's rows
    entity_ids = {r["entity_id"] for r in alone["entities"]}
    timex_ids = {r["timex_id"] for r in alone["timex"]}
    assert all(i in entity_ids for r in alone["events"] for i in r["actor1_entity"].split(";") if i)
    assert any(r["actor1_entity"] for r in alone["events"])
    assert all(r["date_timex"] in timex_ids for r in alone["events"] if r["date_timex"])
    assert any(r["date_timex"] for r in alone["events"])


def test_a_batch_is_bounded_by_paragraphs_and_by_characters():
    from pipeline.extract import _batches

    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e" * 5, "f" * 5, "g" * 5]
    batches = list(_batches(iter(texts), 3, 20))
    assert [t for b in batches for t in b] == texts  # every text, in order
    # at most 3 texts and 20 characters; a longer text is a batch of its own
    assert batches == [["a" * 10, "b" * 10], ["c" * 25], ["d" * 5, "e" * 5, "f" * 5], ["g" * 5]]

"""What happens when… (issue 18): inputs analysts really have must not stop a run.

Each test drives the real pipeline on a composed input and asserts the documented outcome.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.extract import run_extract


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_one_line_article_over_the_tokenizer_limit_is_processed(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = "2024年6月19日、ロシアと北朝鮮は条約に署名した。"
    (corpus / "long.txt").write_text(sentence * 1500, encoding="utf-8")  # ~100 KB on one line
    (corpus / "short.txt").write_text("米国は2023年8月18日に日本と会談した。", encoding="utf-8")
    out = tmp_path / "out"
    docs = run_extract([corpus], out, progress=False, cache=False)
    assert sorted((d["doc_id"], d["status"]) for d in docs) == [("long", "ok"), ("short", "ok")]
    timex = [r for r in read_rows(out / "timex.csv") if r["doc_id"] == "long"]
    assert len(timex) == 1500  # every sentence's date, across the cuts

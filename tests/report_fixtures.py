"""A tiny composed `extract` output folder (no GiNZA): an article, its CSV tables, offsets
computed from the text, for the report, xlsx and show tests."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract import DOCUMENT_COLUMNS, ENTITY_COLUMNS, EVENT_COLUMNS, SENTENCE_COLUMNS, TIMEX_COLUMNS
from pipeline.table_io import write_csv

ARTICLE = (
    "露朝首脳会談\n\n"
    "2024年6月19日、ロシアと北朝鮮は平壌で首脳会談を行い、条約に署名した。\n"
    "両国は<script>alert(1)</script>と\"書いた\" & 非難した。\n"
    "1960年代に韓国はベトナムに派兵した。\n"
)
OTHER = "中国は2025年3月に会談する予定だ。\n"


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    k = -1
    for _ in range(nth + 1):
        k = text.index(needle, k + 1)
    return k, k + len(needle)


def sentence_rows(doc_id: str, text: str) -> list[dict]:
    rows, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            rows.append({"doc_id": doc_id, "sent_id": len(rows) + 1, "char_start": pos, "char_end": pos + len(line), "text": line, "clean_text": line})
        pos += len(line) + 1
    return rows


def event(doc_id: str, text: str, eid: str, trigger: str, typ: str, parts: str, ds: str = "", de: str = "", modality: str = "asserted",
          a1: str = "", a2: str = "", nth: int = 0) -> dict:
    s, e = span(text, trigger, nth)
    sents = [r for r in sentence_rows(doc_id, text) if r["char_start"] <= s < r["char_end"]]
    sent = sents[0]
    return {
        "event_id": eid, "doc_id": doc_id, "char_start": s, "char_end": e, "trigger": trigger, "event_type": typ, "mode": "",
        "cameo": "", "plover": "", "modality": modality, "actor1": a1, "actor1_name": "", "actor1_text": "", "actor2": a2,
        "actor2_name": "", "actor2_text": "", "participants": parts, "location": "", "location_text": "", "date_text": "",
        "date_start": ds, "date_end": de, "date_precision": "day" if ds else "", "date_source": "explicit" if ds else "none",
        "sentence_start": sent["char_start"], "sentence_end": sent["char_end"], "sentence": sent["text"],
    }


def make_outputs(root: Path) -> Path:
    """root/corpus/{a,b}.txt and root/outputs/*.csv; returns the outputs folder."""
    corpus, out = root / "corpus", root / "outputs"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8", newline="")
    (corpus / "b.txt").write_text(OTHER, encoding="utf-8", newline="")
    a, b = ARTICLE, OTHER
    events = [
        event("a", a, "V1", "首脳会談", "MEET", "PRK;RUS", "2024-06-19", "2024-06-19", a1="RUS", a2="PRK", nth=1),
        event("a", a, "V2", "署名", "SIGN_AGREEMENT", "PRK;RUS", "2024-06-19", "2024-06-19", a1="RUS", a2="PRK"),
        event("a", a, "V3", "非難", "CRITICIZE", "PRK;RUS", modality="hypothetical", a1="PRK"),
        event("a", a, "V4", "派兵", "DEPLOY_TROOPS", "KOR;VNM", "1960-01-01", "1969-12-31", a1="KOR", a2="VNM"),
        event("b", b, "V1", "会談", "MEET", "CHN", "2025-03-01", "2025-03-31", modality="planned", a1="CHN"),
    ]
    timex = []
    for doc, text, needles in (("a", a, ("2024年6月19日", "1960年代")), ("b", b, ("2025年3月",))):
        for k, n in enumerate(needles, start=1):
            s, e = span(text, n)
            timex.append({"doc_id": doc, "timex_id": f"T{k}", "char_start": s, "char_end": e, "text": n, "type": "DATE", "value": "",
                          "date_start": "", "date_end": "", "precision": "", "anchor": "absolute"})
    entities = []
    for doc, text, items in (
        ("a", a, (("露", "COUNTRY", "RUS", 0), ("朝", "COUNTRY", "PRK", 0), ("ロシア", "COUNTRY", "RUS", 0), ("北朝鮮", "COUNTRY", "PRK", 0),
                  ("平壌", "GPE", "PRK", 0), ("<script>", "ORG", "", 0), ("首脳", "PERSON", "", 1))),
        ("b", b, (("中国", "COUNTRY", "CHN", 0),)),
    ):
        for k, (n, label, actor, nth) in enumerate(items, start=1):
            s, e = span(text, n, nth)
            entities.append({"doc_id": doc, "entity_id": f"E{k}", "char_start": s, "char_end": e, "text": n, "label": label,
                             "actor_id": actor, "country": actor, "name": ""})
    entities.sort(key=lambda r: (r["doc_id"], r["char_start"]))
    docs = [
        {"doc_id": "a", "path": (corpus / "a.txt").as_posix(), "title": "露朝 <首脳>", "published": "2024-06", "doc_date": "2024-06",
         "doc_date_source": "manifest", "encoding": "utf-8", "n_chars": len(a), "n_sentences": len(sentence_rows("a", a)),
         "n_timex": 2, "n_entities": 7, "n_events": 4, "status": "ok", "error": ""},
        {"doc_id": "b", "path": (corpus / "b.txt").as_posix(), "title": "", "published": "", "doc_date": "2025-01-01",
         "doc_date_source": "option", "encoding": "utf-8", "n_chars": len(b), "n_sentences": 1, "n_timex": 1, "n_entities": 1,
         "n_events": 1, "status": "ok", "error": ""},
        {"doc_id": "bad", "path": (corpus / "bad.txt").as_posix(), "title": "", "published": "", "doc_date": "", "doc_date_source": "none",
         "encoding": "", "n_chars": 0, "n_sentences": 0, "n_timex": 0, "n_entities": 0, "n_events": 0, "status": "error", "error": "empty file"},
    ]
    write_csv(out / "documents.csv", DOCUMENT_COLUMNS, docs)
    write_csv(out / "sentences.csv", SENTENCE_COLUMNS, sentence_rows("a", a) + sentence_rows("b", b))
    write_csv(out / "timex.csv", TIMEX_COLUMNS, timex)
    write_csv(out / "entities.csv", ENTITY_COLUMNS, entities)
    write_csv(out / "events.csv", EVENT_COLUMNS, events)
    return out

"""PERSON strict F1 of our entities.csv against raw GiNZA's NER, on the same texts (issue 16).

    python scripts/person_vs_ginza.py [dev] [--pred outputs]

Raw GiNZA: `ja_ginza` with its own NER on every paragraph of the cleaned text (the text our
pipeline parses), its `Person` spans mapped back to raw offsets. Ours: the PERSON rows of
`<pred>/entities.csv`. Both scored against the corpus's gold PERSON rows by exact span
(strict F1; gold spans include an attached title, `プーチン大統領`, GiNZA's do not) and by overlap
(partial F1). Run `make extract` first. Never run it on the test corpus while writing rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pipeline.clean import clean, paragraphs  # noqa: E402
from pipeline.corpora import load_corpora  # noqa: E402
from pipeline.extract import _doc_ids, collect_inputs  # noqa: E402
from pipeline.ingest import read_document  # noqa: E402


def overlap_f1(pred: set, gold: set) -> tuple[float, float, float]:
    """Partial match: a predicted span overlapping a gold span of the same document (one-to-one)."""
    used: set = set()
    tp = 0
    for d, s, e in sorted(pred):
        hit = next((g for g in sorted(gold) if g not in used and g[0] == d and g[1] < e and s < g[2]), None)
        if hit:
            used.add(hit)
            tp += 1
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def f1(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ginza_people(folder: Path, docs: set[str]) -> set[tuple[str, int, int]]:
    import spacy

    nlp = spacy.load("ja_ginza")
    files, manifests = collect_inputs([folder])
    out = set()
    for f, doc_id in zip(files, _doc_ids(files, manifests)):
        if doc_id not in docs:
            continue
        cleaned = clean(read_document(f).text)
        spans = paragraphs(cleaned)
        for (s, e), doc in zip(spans, nlp.pipe(cleaned.text[s:e] for s, e in spans)):
            for ent in doc.ents:
                if ent.label_ == "Person":
                    rs, re_ = cleaned.to_raw(s + ent.start_char, s + ent.end_char)
                    out.add((doc_id, rs, re_))
    return out


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")] or ["dev"]
    pred_dir = Path(argv[argv.index("--pred") + 1]) if "--pred" in argv else ROOT / "outputs"
    for corpus in load_corpora(ROOT / "corpus" / "corpora.csv", ROOT):
        if corpus.name not in names:
            continue
        gold = pd.read_csv(corpus.gold / "entities.csv", dtype=str, keep_default_na=False)
        gold = gold[gold["label"] == "PERSON"]
        docs = set(gold["doc_id"])
        g = {(r.doc_id, int(r.char_start), int(r.char_end)) for r in gold.itertuples()}
        ours_df = pd.read_csv(pred_dir / "entities.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        ours_df = ours_df[(ours_df["label"] == "PERSON") & ours_df["doc_id"].isin(docs)]
        ours = {(r.doc_id, int(r.char_start), int(r.char_end)) for r in ours_df.itertuples()}
        raw = ginza_people(corpus.folder, docs)
        for who, pred in (("ours", ours), ("raw GiNZA", raw)):
            p, r, f = f1(pred, g)
            pp, pr, pf = overlap_f1(pred, g)
            print(f"{corpus.name} PERSON {who:10} strict P {p:.3f} R {r:.3f} F1 {f:.3f} | partial P {pp:.3f} R {pr:.3f} "
                  f"F1 {pf:.3f}  (pred {len(pred)}, gold {len(g)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

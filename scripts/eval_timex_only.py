"""Score the date stage alone, without parsing, for fast iteration on the date grammar.

    python scripts/eval_timex_only.py [seed dev ...] [--diff]

Runs cleaning, the document date and `extract_timex` exactly as `extract` does (no GiNZA:
the date stage does not use the parse), then scores timex.csv against each corpus's gold with
the contract's scorer. `--diff` prints the misses (FN, FP, wrong values). Never run it on the
test corpus while writing rules (README: the test corpus is for measuring only).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pipeline.byline import byline_ranges  # noqa: E402
from pipeline.corpora import load_corpora  # noqa: E402
from pipeline.evaluate import load_table, score_timex  # noqa: E402
from pipeline.extract import _doc_ids, _timexes, collect_inputs, make_job, prepare, timex_rows  # noqa: E402


def predict(folder: Path, docs: set[str]) -> pd.DataFrame:
    if folder.resolve() == (ROOT / "corpus").resolve():
        inputs = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"})
    else:
        inputs = [folder]
    files, manifests = collect_inputs(inputs)
    rows = []
    for f, doc_id in zip(files, _doc_ids(files, manifests)):
        if doc_id not in docs:
            continue
        art = prepare(make_job(f, doc_id, manifests.get(f.resolve())))
        if art.error:
            continue
        rows += timex_rows(art, _timexes(art, byline_ranges(art.cleaned.text, art.author)))
    df = pd.DataFrame(rows)
    for c in ("char_start", "char_end"):
        df[c] = df[c].astype(int)
    return df.fillna("").astype({c: str for c in df.columns if c not in ("char_start", "char_end")})


def main(argv: list[str]) -> int:
    show = "--diff" in argv
    names = [a for a in argv if not a.startswith("--")] or ["seed", "dev"]
    for corpus in load_corpora(ROOT / "corpus" / "corpora.csv", ROOT):
        if corpus.name not in names or not (corpus.gold / "timex.csv").is_file():
            continue
        gold = load_table(corpus.gold / "timex.csv", "timex")
        pred = predict(corpus.folder, set(gold["doc_id"]))
        m, diff = score_timex(gold, pred)
        print(f"{corpus.name}: relaxed F1 {m['relaxed']['f1']:.3f}  strict F1 {m['strict']['f1']:.3f}  "
              f"value F1 {m['value']['f1']:.3f}  (gold {m['relaxed']['n_gold']}, pred {m['relaxed']['n_pred']})")
        if show:
            for r in diff:
                if r["status"] != "TP":
                    print(f"  {r['status']:20} {r['doc_id'][:28]:28} {r.get('gold_char_start', '')!s:>5} "
                          f"gold {r.get('gold_text', '')!r} {r.get('gold_date_start', '')}..{r.get('gold_date_end', '')} | "
                          f"pred {r.get('pred_text', '')!r} {r.get('pred_date_start', '')}..{r.get('pred_date_end', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

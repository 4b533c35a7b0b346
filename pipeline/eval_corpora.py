"""`eval-all`: score each corpus (seed, dev, test) separately and per genre (issue 14).

For each corpus of `corpus/corpora.csv` whose gold is labelled, the predictions of its documents
are scored into `<out>/<corpus>/` (metrics.json with `per_genre` and `quiet_documents`,
report.md, diff files, report.html); `<out>/summary.md` and `summary.json` hold one table of all
corpora and one of their genres.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .corpora import Corpus, genre_of, load_quiet
from .evaluate import (REQUIRED, headline, labelled_docs, load_gold, load_predictions, scorable, subset,
                       write_eval)
from .table_io import atomic_write_bytes

SUMMARY_COLUMNS = (
    ("n_docs", "docs", "{}"), ("timex_relaxed_f1", "timex relaxed F1", "{:.3f}"),
    ("timex_value_f1", "timex value F1", "{:.3f}"), ("entity_partial_f1", "entities partial F1", "{:.3f}"),
    ("entity_strict_f1", "entities strict F1", "{:.3f}"), ("actor_id_accuracy", "actor_id acc.", "{:.3f}"),
    ("event_relaxed_f1", "events relaxed F1", "{:.3f}"), ("event_strict_f1", "events strict F1", "{:.3f}"),
    ("event_n_gold", "gold events", "{}"), ("event_n_pred", "pred. events", "{}"),
)


def has_gold(corpus: Corpus) -> bool:
    return all((corpus.gold / f"{k}.csv").is_file() for k in REQUIRED)


def per_genre(gold: dict[str, pd.DataFrame], pred: dict[str, pd.DataFrame]) -> dict[str, dict]:
    docs = labelled_docs(gold)
    genres = sorted({genre_of(d) for d in docs})
    return {g: headline(subset(gold, {d for d in docs if genre_of(d) == g}),
                        subset(pred, {d for d in docs if genre_of(d) == g})) for g in genres}


def quiet_report(gold: dict[str, pd.DataFrame], pred: dict[str, pd.DataFrame], quiet: dict[str, str]) -> dict[str, dict]:
    """Events predicted (all, and asserted+dated) beside the gold's on the quiet texts."""
    out = {}
    for doc in sorted(labelled_docs(gold) & set(quiet)):
        g, p = gold["events"][gold["events"]["doc_id"] == doc], pred["events"][pred["events"]["doc_id"] == doc]
        out[doc] = {"topic": quiet[doc], "pred_events": len(p), "pred_scored": int(scorable(p).sum()),
                    "gold_events": len(g), "gold_scored": int(scorable(g).sum()),
                    "pred_types": ";".join(sorted(p["event_type"].unique()))}
    return out


def score_corpus(corpus: Corpus, pred_dir: Path, out: Path, quiet: dict[str, str]) -> dict:
    gold = load_gold(corpus.gold)
    pred, missing = load_predictions(pred_dir, labelled_docs(gold))
    extra = {"corpus": corpus.name, "summary": headline(gold, pred), "per_genre": per_genre(gold, pred),
             "quiet_documents": quiet_report(gold, pred, quiet)}
    return write_eval(gold, pred, pred_dir, out / corpus.name, missing, extra)


def _row(name: str, figures: dict) -> str:
    return "| " + name + " | " + " | ".join(fmt.format(figures[k]) for k, _, fmt in SUMMARY_COLUMNS) + " |"


def summary_markdown(results: dict[str, dict]) -> str:
    head = [c for _, c, _ in SUMMARY_COLUMNS]
    lines = ["| corpus | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]
    lines += [_row(name, m["summary"]) for name, m in results.items()]
    lines += ["", "| corpus / genre | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]
    lines += [_row(f"{name} / {g}", fig) for name, m in results.items() for g, fig in m["per_genre"].items()]
    quiet = [(name, d, q) for name, m in results.items() for d, q in m["quiet_documents"].items()]
    if quiet:
        lines += ["", "Events on the texts mostly about economics or disasters (the tool should stay quiet):", "",
                  "| corpus | document | topic | predicted (asserted, dated) | gold (asserted, dated) | predicted types |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {n} | {d} | {q['topic']} | {q['pred_events']} ({q['pred_scored']}) | "
                  f"{q['gold_events']} ({q['gold_scored']}) | {q['pred_types']} |" for n, d, q in quiet]
    return "\n".join(lines) + "\n"


def run_eval_all(corpora: list[Corpus], pred_dir: Path, out: Path, quiet_file: Path | None = None) -> dict[str, dict]:
    """Score every labelled corpus; write the summary files; return metrics by corpus name."""
    quiet = load_quiet(quiet_file) if quiet_file else {}
    results = {c.name: score_corpus(c, pred_dir, out, quiet) for c in corpora if has_gold(c)}
    out.mkdir(parents=True, exist_ok=True)
    summary = {n: {"summary": m["summary"], "per_genre": m["per_genre"], "quiet_documents": m["quiet_documents"]}
               for n, m in results.items()}
    atomic_write_bytes(out / "summary.json", (json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    atomic_write_bytes(out / "summary.md", ("# Accuracy by corpus and genre\n\n" + summary_markdown(results)).encode("utf-8"))
    return results

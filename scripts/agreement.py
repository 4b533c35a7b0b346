"""Inter-annotator agreement on the dev and test corpora, per corpus and genre (issue 14).

    python scripts/agreement.py [--corpora corpus/corpora.csv] [--corpus dev] [--a A --b B] [--out FILE]

For each corpus, the per-document files of annotators A and B
(`<gold>/annotators/{A,B}/DOC.{timex,entities,events}.csv`) are scored with the contract's scorer,
A as gold and B as prediction, on the documents both labelled. Prints (and with --out writes) a
Markdown table per corpus and genre; a genre whose event relaxed agreement is below 0.85 is
flagged: the guideline needs a rule there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.corpora import genre_of, load_corpora  # noqa: E402
from pipeline.eval_corpora import SUMMARY_COLUMNS  # noqa: E402
from pipeline.evaluate import REQUIRED, headline, load_table, subset  # noqa: E402

THRESHOLD = 0.85


def load_annotator(folder: Path, docs: set[str]) -> dict[str, pd.DataFrame]:
    tables = {}
    for kind in REQUIRED:
        frames = [load_table(folder / f"{d}.{kind}.csv", kind) for d in sorted(docs)]
        tables[kind] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return tables


def docs_of(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    found: dict[str, int] = {}
    for p in folder.glob("*.csv"):
        stem, _, kind = p.name[:-4].rpartition(".")
        if kind in REQUIRED:
            found[stem] = found.get(stem, 0) + 1
    return {d for d, n in found.items() if n == len(REQUIRED)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=Path("corpus/corpora.csv"))
    ap.add_argument("--a", default="A")
    ap.add_argument("--b", default="B")
    ap.add_argument("--corpus", action="append", help="corpus name(s) to measure (default: dev and test; the seed's pairs are in docs/annotation.md §5)")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)
    rename = {"gold events": f"{a.a}'s events", "pred. events": f"{a.b}'s events"}  # A as gold, B as prediction
    head = [rename.get(c, c) for _, c, _ in SUMMARY_COLUMNS]
    lines = [f"| corpus / genre | {' | '.join(head)} | flag |", "|---" * (len(head) + 2) + "|"]
    names = a.corpus or ["dev", "test"]
    for corpus in (c for c in load_corpora(a.corpora) if c.name in names):
        ann = corpus.gold / "annotators"
        docs = docs_of(ann / a.a) & docs_of(ann / a.b)
        if not docs:
            continue
        ga, gb = load_annotator(ann / a.a, docs), load_annotator(ann / a.b, docs)
        groups = [("all", docs)] + [(g, {d for d in docs if genre_of(d) == g}) for g in sorted({genre_of(d) for d in docs})]
        for name, ds in groups:
            fig = headline(subset(ga, ds), subset(gb, ds))
            flag = "guideline needs a rule" if fig["event_relaxed_f1"] < THRESHOLD else ""
            cells = " | ".join(fmt.format(fig[k]) for k, _, fmt in SUMMARY_COLUMNS)
            lines.append(f"| {corpus.name} / {name} | {cells} | {flag} |")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput, cache and memory benchmark (issue 9). Run with `make bench`.

Builds synthetic corpora by mixing the seed essays' paragraphs (a fixed seed, so every run sees
the same text), then measures in one run, on the same text:

1. raw GiNZA: the full `ja_ginza` pipeline, `nlp.pipe` over the sample's paragraphs, chars/s,
   on 1 and 2 processes;
2. our end-to-end extraction (`run_extract`, cache off: read, clean, parse, timex, actors,
   events, CSV writing) on the same sample, on 1 and 2 processes, and the ratios to (1);
3. cold vs warm `python -m pipeline extract` (the command users run; the second run reads the
   cache), wall time of the whole command;
4. peak RSS of the whole process tree of `extract` for each corpus size;
5. peak RSS and wall time of `python -m pipeline extract --n-process 1` on one article of
   0.1, 1, 5 and 20 MB, and of 1 MB with no line break (issue 18: memory bounded by a
   paragraph, not by a document; target: the 5 MB figure within 1.3 × the 0.1 MB one).

Every measurement runs in a fresh subprocess. Results go to bench/results.md (and .json);
`--only-articles --article-mb 20` measures (again) only the article sizes given and keeps the
other figures of the last run.
No timed assertion anywhere: the targets are ratios printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
PARAS_PER_ARTICLE = (4, 12)


def seed_paragraphs() -> list[str]:
    """The seed essays' paragraphs (as the cleaner sees them), without the very short ones."""
    sys.path.insert(0, str(ROOT))
    from pipeline.clean import clean, paragraphs
    from pipeline.ingest import read_document

    out = []
    for p in sorted(SEED_CORPUS.glob("*.txt")):
        c = clean(read_document(p).text)
        out += [c.text[s:e] for s, e in paragraphs(c) if e - s >= 20]
    return out


def build_corpus(folder: Path, n_articles: int, paras: list[str], seed: int = 13) -> int:
    """n_articles files of 4–12 paragraphs drawn from the essays, each with a dateline; returns chars."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_articles):
        k = rng.randint(*PARAS_PER_ARTICLE)
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        text = f"{year}年{month}月{day}日\n\n" + "\n\n".join(rng.choice(paras) for _ in range(k)) + "\n"
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def build_article(path: Path, megabytes: float, paras: list[str], one_line: bool = False) -> int:
    """One article of about `megabytes` MB of UTF-8: a dateline, then the essays' paragraphs in
    order, over and over (`one_line`: with no line break between them, as a scraped page);
    returns its characters."""
    target = int(megabytes * 1_000_000)
    parts, size, k = [], 0, 0
    while size < target:
        parts.append(paras[k % len(paras)])
        size += len(parts[-1].encode("utf-8")) + 2
        k += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "2024年6月19日\n\n" + ("" if one_line else "\n\n").join(parts) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text)


def article_memory(work: Path, sizes: list[tuple[float, bool]], paras: list[str], py: list[str], command: str) -> dict:
    """Peak RSS and wall time of one `extract` process (no cache, one process) per article
    (size in MB, on one line or not)."""
    out = {}
    for mb, one_line in sizes:
        name = f"{mb:g} MB" + (", one line" if one_line else "")
        folder = work / ("article-" + name.replace(" ", "").replace(",", "-"))
        chars = build_article(folder / "article.txt", mb, paras, one_line)
        wall, peak, _ = run_measured(py + ["extract", str(folder / "article.txt"), "--out", str(folder / "out"),
                                           "--no-progress", "--no-cache", "--n-process", "1"])
        out[name] = {"megabytes": (folder / "article.txt").stat().st_size / 1e6, "chars": chars, "seconds": wall,
                     "peak_rss_mb": peak / 2**20, "command": command, "one_line": one_line}
        print(f"article {name}: {wall:.0f}s rss {peak / 2**20:.0f} MB", file=sys.stderr)
    return out


def run_measured(cmd: list[str], env=None) -> tuple[float, int, str]:
    """Run cmd; return (wall seconds, peak RSS of its process tree in bytes, stdout)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return wall, peak, out


RAW_GINZA = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import spacy
from pipeline.clean import clean, paragraphs
from pipeline.ingest import read_document
texts = []
for p in sorted(Path({corpus!r}).glob("*.txt")):
    c = clean(read_document(p).text)
    texts += [c.text[s:e] for s, e in paragraphs(c)]
nlp = spacy.load("ja_ginza")
n = sum(map(len, texts))
t0 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64, n_process={n_process}):
    pass
print(json.dumps({{"chars": n, "seconds": time.perf_counter() - t0}}))
"""

OURS = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from pipeline.extract import run_extract
from pipeline.nlp import load_nlp
if {n_process} == 1:
    load_nlp()  # the model load is outside the timer, as for raw GiNZA (workers of 2 load inside it)
t0 = time.perf_counter()
rows = run_extract([Path({corpus!r})], Path({out!r}), n_process={n_process}, progress=False, cache=False, views=False)
n = sum(int(r["n_chars"]) for r in rows)
print(json.dumps({{"chars": n, "seconds": time.perf_counter() - t0, "events": sum(int(r["n_events"]) for r in rows)}}))
"""


def python_json(code: str) -> tuple[dict, int]:
    wall, peak, out = run_measured([sys.executable, "-c", code])
    return json.loads(out.strip().splitlines()[-1]), peak


def machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, Python {platform.python_version()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes in articles")
    ap.add_argument("--sample", type=int, default=100, help="articles of the throughput sample (drawn from the largest corpus)")
    ap.add_argument("--rss-max", type=int, default=1000, help="largest corpus run in full for RSS and cold/warm")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    ap.add_argument("--article-mb", default="0.1,1,5,20", help="sizes (MB) of the one-article memory runs")
    ap.add_argument("--one-line-mb", default="1", help="sizes (MB) of the one-article runs with no line break ('' for none)")
    ap.add_argument("--only-articles", action="store_true",
                    help="run only the one-article memory measurement (5); the rest is kept from the last results.json")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    paras = seed_paragraphs()
    py = [sys.executable, "-m", "pipeline"]
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    if args.only_articles:  # the other figures stay those of the last full run; sizes measured again replace theirs
        res = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        res["throughput"] = {int(k): v for k, v in res["throughput"].items()}  # JSON made the keys strings
    else:
        res = {"machine": machine(), "sizes": {}, "command": command}
        corpus_runs(res, args, sizes, work, paras, py)
    res["articles"] = {(k if k.endswith(("MB", "line")) else f"{k} MB"): a  # keys of older runs: "5"
                       for k, a in res.get("articles", {}).items()}
    for a in res["articles"].values():  # runs recorded before each size kept its command
        a.setdefault("command", res.get("articles_command", res["command"]))
    res.pop("articles_command", None)
    res.setdefault("articles", {}).update(
        article_memory(work, article_sizes(args.article_mb, args.one_line_mb), paras, py, command))
    args.out.with_suffix(".json").write_text(json.dumps(res, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    args.out.write_text(render(res, args), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


def article_sizes(sizes: str, one_line: str) -> list[tuple[float, bool]]:
    """(MB, on one line) of the one-article runs, from the comma-separated options."""
    return [(float(x), False) for x in sizes.split(",") if x] + [(float(x), True) for x in one_line.split(",") if x]


def corpus_runs(res: dict, args, sizes: list[int], work: Path, paras: list[str], py: list[str]) -> None:
    """Measurements 1-4: throughput on a sample, cold vs warm and peak RSS per corpus size."""
    corpora = {}
    for n in sizes:
        folder = work / f"corpus-{n}"
        corpora[n] = (folder, build_corpus(folder, n, paras))
        print(f"corpus {n}: {corpora[n][1]:,} chars", file=sys.stderr)

    # 1-2: throughput on one sample, drawn from the largest corpus
    largest = corpora[max(sizes)][0]
    sample = work / "sample"
    sample.mkdir(exist_ok=True)
    files = sorted(largest.glob("*.txt"))
    step = max(1, len(files) // args.sample)
    for f in files[::step][:args.sample]:
        (sample / f.name).write_bytes(f.read_bytes())
    tp = {}
    for n_process in (1, 2):
        raw, _ = python_json(RAW_GINZA.format(root=str(ROOT), corpus=str(sample), n_process=n_process))
        ours, _ = python_json(OURS.format(root=str(ROOT), corpus=str(sample), out=str(work / f"out-tp{n_process}"), n_process=n_process))
        tp[n_process] = {"raw_chars_per_s": raw["chars"] / raw["seconds"], "ours_chars_per_s": ours["chars"] / ours["seconds"],
                         "raw_seconds": raw["seconds"], "ours_seconds": ours["seconds"], "chars": ours["chars"], "raw_chars": raw["chars"]}
        print(f"throughput n_process={n_process}: raw {tp[n_process]['raw_chars_per_s']:,.0f} ours {tp[n_process]['ours_chars_per_s']:,.0f} chars/s", file=sys.stderr)
    res["throughput"] = tp
    base = tp[1]["raw_chars_per_s"]
    res["ratios"] = {
        "ours_1proc_over_raw_1proc": tp[1]["ours_chars_per_s"] / base,
        "ours_2proc_over_raw_1proc": tp[2]["ours_chars_per_s"] / base,
        "raw_2proc_over_raw_1proc": tp[2]["raw_chars_per_s"] / base,
        "ours_2proc_over_ours_1proc": tp[2]["ours_chars_per_s"] / tp[1]["ours_chars_per_s"],
    }

    # 3-4: cold vs warm, peak RSS per size (the command users run, 2 processes)
    for n in sizes:
        folder, chars = corpora[n]
        if n > args.rss_max:
            res["sizes"][n] = {"chars": chars, "skipped": f"larger than --rss-max {args.rss_max}"}
            continue
        out = work / f"out-{n}"
        cold, cold_rss, _ = run_measured(py + ["extract", str(folder), "--out", str(out), "--no-progress", "--n-process", "2"])
        warm, warm_rss, _ = run_measured(py + ["extract", str(folder), "--out", str(out), "--no-progress", "--n-process", "2"])
        res["sizes"][n] = {"chars": chars, "cold_s": cold, "warm_s": warm, "cold_over_warm": cold / warm,
                           "peak_rss_mb": cold_rss / 2**20, "warm_peak_rss_mb": warm_rss / 2**20}
        print(f"size {n}: cold {cold:.1f}s warm {warm:.2f}s rss {cold_rss / 2**20:.0f} MB", file=sys.stderr)


def render(res: dict, args) -> str:
    tp, r = res["throughput"], res["ratios"]
    ok = lambda v, t: "met" if v >= t else "NOT met"  # noqa: E731
    lines = [
        "# Benchmark results", "",
        f"Machine: {res['machine']}.", "",
        f"Command: `{res['command']}` (what `make bench` runs).", "",
        "Corpora: the seed essays' paragraphs mixed into articles of "
        f"{PARAS_PER_ARTICLE[0]}–{PARAS_PER_ARTICLE[1]} paragraphs with a dateline (fixed random seed). "
        f"Throughput is measured on a sample of {args.sample} articles drawn evenly from the largest corpus "
        f"({tp[1]['chars']:,} characters), the same text for both pipelines, in one run.", "",
        "## Throughput (chars/s, model load excluded for one process; two-process figures include the workers' start)", "",
        "| processes | raw GiNZA (`ja_ginza`, `nlp.pipe`) | ours end to end | ours / raw GiNZA on 1 process |",
        "|---|---|---|---|",
        f"| 1 | {tp[1]['raw_chars_per_s']:,.0f} | {tp[1]['ours_chars_per_s']:,.0f} | {r['ours_1proc_over_raw_1proc']:.2f} × |",
        f"| 2 | {tp[2]['raw_chars_per_s']:,.0f} | {tp[2]['ours_chars_per_s']:,.0f} | {r['ours_2proc_over_raw_1proc']:.2f} × |",
        "",
        f"Scaling 1 → 2 processes: raw GiNZA {r['raw_2proc_over_raw_1proc']:.2f} ×, ours {r['ours_2proc_over_ours_1proc']:.2f} ×.", "",
        "## Cold vs warm `python -m pipeline extract --n-process 2`, peak RSS of the process tree", "",
        "| articles | characters | cold (s) | warm (s) | cold / warm | peak RSS cold (MB) | peak RSS warm (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, s in sorted(res["sizes"].items(), key=lambda kv: int(kv[0])):
        if "skipped" in s:
            lines.append(f"| {n} | {s['chars']:,} | — | — | — | — | — ({s['skipped']}) |")
        else:
            lines.append(f"| {n} | {s['chars']:,} | {s['cold_s']:.1f} | {s['warm_s']:.2f} | {s['cold_over_warm']:.0f} × | "
                         f"{s['peak_rss_mb']:.0f} | {s['warm_peak_rss_mb']:.0f} |")
    full = [s for s in res["sizes"].values() if "skipped" not in s]
    lines += ["", "## Targets (issue 9)", "",
              f"- end-to-end ≥ 1.5 × raw GiNZA on one process: {r['ours_1proc_over_raw_1proc']:.2f} × — {ok(r['ours_1proc_over_raw_1proc'], 1.5)}",
              f"- ≥ 2.7 × raw GiNZA (one process) on two: {r['ours_2proc_over_raw_1proc']:.2f} × — {ok(r['ours_2proc_over_raw_1proc'], 2.7)}"]
    if full:
        big = max(full, key=lambda s: s["chars"])
        small = min(full, key=lambda s: s["chars"])
        lines += [f"- second run ≥ 20 × faster (largest full corpus): {big['cold_over_warm']:.0f} × — {ok(big['cold_over_warm'], 20)}",
                  f"- peak RSS flat in corpus size: {small['peak_rss_mb']:.0f} MB at {small['chars']:,} chars, "
                  f"{big['peak_rss_mb']:.0f} MB at {big['chars']:,} chars ({big['chars'] / small['chars']:.0f} × the text, "
                  f"{big['peak_rss_mb'] / small['peak_rss_mb']:.2f} × the memory)"]
    return "\n".join(lines + render_articles(res)) + "\n"


ARTICLE_TARGET = 1.3  # issue 18: peak RSS at 5 MB within 1.3 × that at 0.1 MB


def render_articles(res: dict) -> list[str]:
    arts = res.get("articles") or {}
    if not arts:
        return []
    lines = ["", "## One article of growing size: peak RSS of `python -m pipeline extract FILE --n-process 1 --no-cache`",
             "", "Command: " + ", ".join(f"`{c}`" for c in sorted({a["command"] for a in arts.values()}))
             + ". The article: a dateline, then the seed essays' paragraphs in order, over and over.", "",
             "| article | bytes | characters | wall (s) | peak RSS (MB) | × the smallest |", "|---|---|---|---|---|---|"]
    base = min(arts.values(), key=lambda a: a["megabytes"])
    for name, a in sorted(arts.items(), key=lambda kv: (kv[1].get("one_line", False), kv[1]["megabytes"])):
        lines.append(f"| {name} | {a['megabytes'] * 1e6:,.0f} | {a['chars']:,} | {a['seconds']:.0f} | "
                     f"{a['peak_rss_mb']:.0f} | {a['peak_rss_mb'] / base['peak_rss_mb']:.2f} × |")
    if "5 MB" in arts and "0.1 MB" in arts:
        ratio = arts["5 MB"]["peak_rss_mb"] / arts["0.1 MB"]["peak_rss_mb"]
        lines += ["", f"- peak RSS at 5 MB / at 0.1 MB (issue 18, ≤ {ARTICLE_TARGET}): {ratio:.2f} × — "
                  f"{'met' if ratio <= ARTICLE_TARGET else 'NOT met'}"]
    return lines


if __name__ == "__main__":
    main()

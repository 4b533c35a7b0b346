"""Command line: `python -m pipeline extract|eval|gold-check|show ...`.

Errors are one line on stderr with a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Japanese security writing -> dated event tables.")

_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _print_version(value: bool) -> None:
    if value:
        from .runrecord import DISTRIBUTION, TOOL, version

        print(f"{TOOL} {version()} ({DISTRIBUTION})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Japanese security writing -> dated event tables (see README.md)."""


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (.txt/.md/.pdf/.html/.htm/.docx); a manifest.csv for the articles it lists; - for one article on standard input."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output folder."),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help="Document date (YYYY[-MM[-DD]]) for articles with no manifest row or dateline."),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes (local engine) or local Dask workers."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Paragraphs per GiNZA batch."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse results of unchanged documents (<out>/.cache)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache folder (default <out>/.cache)."),
    parquet: Optional[bool] = typer.Option(None, "--parquet/--no-parquet", help="Also write <out>/parquet/<table>/part-*.parquet (default: with --engine dask)."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Also write a JSON Lines copy of each table: <out>/jsonl/<table>.jsonl."),
    ner: str = typer.Option("gaps", "--ner", help="GiNZA NER: gaps (only sentences the name lists leave a gap in), all, none."),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Exit 0 even when some documents failed (their error rows are written)."),
) -> None:
    """Extract documents, sentences, temporal expressions, actors and events into --out."""
    from .engines import ENGINES, EngineError
    from .extract import run_extract
    from .manifest import ManifestError, valid_published
    from .nlp import NER_MODES, ModelError

    if doc_date and not (_ISO_PARTIAL.match(doc_date) and valid_published(doc_date)):
        fail(f"--doc-date {doc_date!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if sum(p == Path("-") for p in inputs) > 1:
        fail("- (standard input) can be named once")
    if engine not in ENGINES:
        fail(f"--engine {engine!r}: choose from {', '.join(ENGINES)}")
    if ner not in NER_MODES:
        fail(f"--ner {ner!r}: choose from {', '.join(NER_MODES)}")
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    from .outdir import OutputBusy
    from .report import ReportError

    try:
        rows = run_extract(inputs, out, doc_date=doc_date, n_process=n_process, batch_size=batch_size,
                           progress=progress, engine=engine, scheduler=scheduler, cache=cache,
                           cache_dir=cache_dir, parquet=parquet, ner_mode=ner, jsonl=jsonl)
    except (FileNotFoundError, ManifestError, ModelError, EngineError, OutputBusy) as exc:
        fail(str(exc))
    except (OSError, ReportError) as exc:
        fail(f"writing {out}: {exc} (the previous outputs are unchanged)")
    if not rows:
        fail(f"no article (.txt/.md/.pdf/.html/.htm/.docx) found under {', '.join(map(str, inputs))}")
    n_err = sum(r["status"] == "error" for r in rows)
    print(f"{len(rows)} documents ({len(rows) - n_err} ok, {n_err} error) -> {out}", file=sys.stderr)
    print(f"report: {out / 'report.html'}", file=sys.stderr)
    if n_err and not allow_errors:
        print(f"error: {n_err} of {len(rows)} document(s) failed (their error rows are in {out / 'documents.csv'}); "
              "--allow-errors exits 0 anyway", file=sys.stderr)
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(Path("corpus/gold"), "--gold", help="Gold folder (timex.csv, entities.csv, events.csv)."),
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Folder written by `extract`."),
    out: Path = typer.Option(Path("outputs/eval"), "--out", help="Where metrics.json, report.md and diff_*.csv go."),
) -> None:
    """Score predictions against the gold set; print the headline figures."""
    from .evaluate import EvalError, run_eval

    try:
        m = run_eval(gold, pred, out)
    except EvalError as exc:
        fail(str(exc))
    t, e, v = m["timex"], m["entities"], m["events"]
    print(f"timex    relaxed span F1 {t['relaxed']['f1']:.3f}  strict span F1 {t['strict']['f1']:.3f}  value F1 {t['value']['f1']:.3f}")
    print(f"entities partial F1 {e.get('partial', {}).get('f1', 0):.3f}  strict F1 {e.get('strict', {}).get('f1', 0):.3f}  actor_id accuracy {e['actor_id_accuracy']:.3f}")
    print(f"events   relaxed F1 {v['relaxed']['f1']:.3f}  strict F1 {v['strict']['f1']:.3f}")
    if m["missing_predictions"]:
        print(f"(no predictions yet: {', '.join(m['missing_predictions'])})")
    from .eval_report import write_eval_report

    try:
        html = write_eval_report(out, pred)
    except (OSError, ValueError) as exc:
        fail(f"eval report: {exc}")
    print(f"report: {out / 'report.md'}, {html}")


@app.command("eval-all")
def eval_all_cmd(
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Folder written by `extract` (over all corpora)."),
    out: Path = typer.Option(Path("outputs/eval"), "--out", help="Where <corpus>/ folders and summary.md go."),
    corpora: Path = typer.Option(Path("corpus/corpora.csv"), "--corpora", help="The table of corpora (name, folder, gold)."),
    quiet: Path = typer.Option(Path("corpus/quiet_documents.csv"), "--quiet", help="Texts the tool should stay quiet on."),
) -> None:
    """Score each corpus (seed, dev, test) separately and per genre; print one summary table."""
    from .corpora import load_corpora
    from .eval_corpora import run_eval_all, summary_markdown
    from .eval_report import write_eval_report
    from .evaluate import EvalError

    if not corpora.is_file():
        fail(f"corpora table not found: {corpora}")
    try:
        results = run_eval_all(load_corpora(corpora), pred, out, quiet)
        for name in results:
            write_eval_report(out / name, pred)
    except EvalError as exc:
        fail(str(exc))
    except (OSError, ValueError) as exc:
        fail(f"eval report: {exc}")
    if not results:
        fail("no corpus has gold labels yet")
    print(summary_markdown(results), end="")
    print(f"report: {out / 'summary.md'}; per corpus: {', '.join(str(out / n / 'report.md') for n in results)}")


@app.command("gold-check")
def gold_check(
    gold: Path = typer.Argument(Path("corpus/gold"), help="Folder of timex.csv, entities.csv, events.csv (or DOC.timex.csv ...)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder with manifest.csv (default: nearest above GOLD)."),
) -> None:
    """Validate gold files: offsets slice the text, codes and types from the contract, ISO dates, no duplicates."""
    from .gold_check import check_gold
    from .manifest import ManifestError

    if not gold.is_dir():
        fail(f"gold folder not found: {gold}")
    try:
        problems, n = check_gold(gold, corpus)
    except (FileNotFoundError, ManifestError) as exc:
        fail(str(exc))
    for p in problems:
        print(p, file=sys.stderr)
    if n == 0:
        fail(f"no gold files (timex.csv, entities.csv, events.csv) in {gold}")
    if problems:
        fail(f"{len(problems)} problem(s) in {n} gold file(s)", code=1)
    print(f"gold ok: {n} file(s) in {gold}")


# ---------------------------------------------------------------- annotation tools (issue 19 item 2)

@app.command("export-annotations")
def export_annotations_cmd(
    doc_ids: Optional[list[str]] = typer.Argument(None, help="Documents to export (default: every article of the manifest)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder with manifest.csv."),
    out: Path = typer.Option(Path("outputs/annotation"), "--out", help="Folder for the task files."),
    tool: str = typer.Option("both", "--tool", help="doccano, label-studio or both."),
    prefill: Optional[Path] = typer.Option(None, "--prefill", help="Pre-fill from an extractor output folder. NEVER for a gold set meant to measure the tool."),
    from_gold: Optional[Path] = typer.Option(None, "--from-gold", help="Pre-fill from a gold folder (to review or adjudicate labels in the tool)."),
) -> None:
    """Write annotation tasks (one per document) for doccano and/or Label Studio; blank by default."""
    from .annotations import TOOLS, AnnotationError, export_annotations
    from .manifest import ManifestError

    tools = TOOLS if tool == "both" else (tool,)
    if any(t not in TOOLS for t in tools):
        fail(f"--tool {tool!r}: choose from {', '.join(TOOLS)}, both")
    if prefill and from_gold:
        fail("--prefill and --from-gold exclude each other")
    source = prefill or from_gold
    if source is not None and not source.is_dir():
        fail(f"folder not found: {source}")
    if not (corpus / "manifest.csv").is_file():
        fail(f"no manifest.csv in {corpus}")
    version = f"extractor output {prefill}" if prefill else f"gold {from_gold}" if from_gold else ""
    try:
        written, n = export_annotations(corpus, out, tools, doc_ids or (), source, version)
    except (AnnotationError, ManifestError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"writing {out}: {exc}")
    if prefill:
        print(f"warning: {n} region(s) pre-filled from the extractor's output {prefill}: labels made from these "
              "must never be used as a gold set that measures the tool", file=sys.stderr)
    elif from_gold:
        print(f"{n} region(s) pre-filled from {from_gold}", file=sys.stderr)
    for path in written:
        print(path)


@app.command("import-annotations")
def import_annotations_cmd(
    export: Path = typer.Argument(..., help="The tool's export: doccano JSONL or Label Studio JSON."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder with manifest.csv (the articles exported)."),
    out: Path = typer.Option(..., "--out", help="Folder for the gold CSVs (e.g. corpus/gold/annotators/A)."),
    tool: Optional[str] = typer.Option(None, "--tool", help="doccano or label-studio (default: from the file)."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Label Studio: the annotation of this user (id or e-mail) when a task has several."),
    per_document: bool = typer.Option(True, "--per-document/--combined", help="DOC.timex.csv … per document (default) or timex.csv, entities.csv, events.csv."),
    force: bool = typer.Option(False, "--force", help="Replace gold files that exist."),
) -> None:
    """Read a doccano or Label Studio export into gold CSVs, checked as gold-check checks them."""
    from .annotations import TOOLS, AnnotationError, import_annotations
    from .manifest import ManifestError

    if tool is not None and tool not in TOOLS:
        fail(f"--tool {tool!r}: choose from {', '.join(TOOLS)}")
    if not export.is_file():
        fail(f"file not found: {export}")
    if not (corpus / "manifest.csv").is_file():
        fail(f"no manifest.csv in {corpus}")
    try:
        written, warnings = import_annotations(export, corpus, out, tool, annotator, per_document, force)
    except (AnnotationError, ManifestError) as exc:
        lines = str(exc).splitlines()
        for line in lines[:-1]:
            print(line, file=sys.stderr)
        fail(lines[-1], code=1)
    except OSError as exc:
        fail(f"writing {out}: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for path in written:
        print(path)
    print(f"gold ok: {len(written)} file(s) in {out}", file=sys.stderr)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (doc_id column of documents.csv)."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Folder written by `extract`."),
    sentences: bool = typer.Option(False, "--sentences", "-s", help="Add each event's sentence."),
    fmt: str = typer.Option("table", "--format", help="table (in the terminal), csv (events.csv's columns) or json."),
) -> None:
    """Print one document's events as a table (or as CSV or JSON on standard output)."""
    from rich.console import Console

    from .show import FORMATS, ShowError, events_csv, events_json, events_table, load_document

    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose from {', '.join(FORMATS)}")
    try:
        doc, events = load_document(out, doc_id)
    except ShowError as exc:
        fail(str(exc))
    if fmt == "table":
        Console().print(events_table(doc, events, sentences))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write((events_csv(events) if fmt == "csv" else events_json(doc, events)).encode("utf-8"))
        sys.stdout.buffer.flush()


def main() -> None:
    """Entry point: an unexpected failure is one line too (PIPELINE_DEBUG=1 shows the traceback)."""
    import os

    try:
        app()
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last guard of the command line
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc} (PIPELINE_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(1)

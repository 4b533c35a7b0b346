"""`outputs/eval/report.html`: the scores of `eval` and every error, each in its sentence.

write_eval_report(eval_dir, pred_dir) reads metrics.json and diff_{timex,entities,events}.csv
that `run_eval` wrote into eval_dir, and the predictions' sentences.csv (raw sentence text and
offsets) from pred_dir, and writes eval_dir/report.html: the headline scores, events per type,
field accuracy, per-document scores, then per layer a sortable, filterable table of every row
that is not a clean true positive (FN, FP, and matches with a wrong value, actor or span
boundary), gold and predicted fields side by side (differing ones marked) and the sentence
with the gold span (green) and the predicted span (red, dashed) marked. Without sentences.csv
the diff's cleaned sentence is shown and the span's text is looked up in it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from html import escape
from pathlib import Path

from .htmlkit import Span, badge, filter_controls, highlight, page
from .table_io import atomic_write_bytes, read_csv_rows

LAYERS = {
    "timex": ("text", "value", "date_start", "date_end"),
    "entities": ("text", "label", "actor_id"),
    "events": ("trigger", "event_type", "participants", "date_start", "date_end", "actor1", "actor2", "location"),
}
STATUS_NOTES = {
    "FN": "missed (gold only)", "FP": "spurious (prediction only)", "TP_span_wrong_value": "span found, wrong date",
    "TP_partial": "span boundaries differ", "TP_wrong_actor": "span found, wrong actor_id",
}


def _int(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def read_sentences(pred_dir: Path | None) -> dict[str, list[tuple[int, int, str]]]:
    """Raw sentences by document: (char_start, char_end, text), sorted."""
    path = pred_dir / "sentences.csv" if pred_dir else None
    if path is None or not path.is_file():
        return {}
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in read_csv_rows(path):
        s, e = _int(r.get("char_start")), _int(r.get("char_end"))
        if s is not None and e is not None:
            by_doc[r.get("doc_id", "")].append((s, e, r.get("text", "")))
    return {d: sorted(v) for d, v in by_doc.items()}


def write_eval_report(eval_dir: Path, pred_dir: Path | None = None) -> Path:
    metrics = json.loads((eval_dir / "metrics.json").read_text(encoding="utf-8"))
    diffs = {layer: read_csv_rows(eval_dir / f"diff_{layer}.csv") if (eval_dir / f"diff_{layer}.csv").is_file() else [] for layer in LAYERS}
    html = build_eval_report(metrics, diffs, read_sentences(pred_dir))
    path = eval_dir / "report.html"
    atomic_write_bytes(path, html.encode("utf-8"))
    return path


# ---------------------------------------------------------------- pieces

def _f(x) -> str:
    return f"{x:.3f}" if isinstance(x, (int, float)) else ""


def scores_table(metrics: dict) -> str:
    rows = []
    t, e, v = metrics.get("timex", {}), metrics.get("entities", {}), metrics.get("events", {})
    for layer, name, m in (
        ("timex", "strict span", t.get("strict")), ("timex", "relaxed span", t.get("relaxed")), ("timex", "value", t.get("value")),
        ("entities", "strict", e.get("strict")), ("entities", "partial", e.get("partial")),
        ("events (asserted, dated)", "relaxed", v.get("relaxed")), ("events (asserted, dated)", "strict", v.get("strict")),
    ):
        if not m:
            continue
        rows.append(f'<tr><td>{escape(layer)}</td><td>{escape(name)}</td><td class="num">{_f(m.get("precision"))}</td>'
                    f'<td class="num">{_f(m.get("recall"))}</td><td class="num"><b>{_f(m.get("f1"))}</b></td>'
                    f'<td class="num">{escape(str(m.get("n_gold", "")))}</td><td class="num">{escape(str(m.get("n_pred", "")))}</td></tr>')
    notes = []
    if "value_accuracy" in t:
        notes.append(f"timex value accuracy on relaxed matches {_f(t['value_accuracy'])}")
    if "actor_id_accuracy" in e:
        notes.append(f"entity actor_id accuracy on matches {_f(e['actor_id_accuracy'])} ({e.get('actor_id_matched', 0)} matches)")
    if v.get("field_accuracy"):
        notes.append("event field accuracy on relaxed matches: " + ", ".join(f"{k} {_f(x)}" for k, x in v["field_accuracy"].items()))
    if "unscored_predictions" in v:
        notes.append(f"{v['unscored_predictions']} predicted and {v.get('unscored_gold', 0)} gold events not scored (not asserted or not dated; unscored_events.csv)")
    if metrics.get("missing_predictions"):
        notes.append("no predictions: " + ", ".join(metrics["missing_predictions"]))
    head = '<tr><th>layer</th><th>match</th><th class="num">P</th><th class="num">R</th><th class="num">F1</th><th class="num">gold</th><th class="num">pred</th></tr>'
    return (f'<table class="data sortable compact"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
            + "".join(f'<p class="note">{escape(n)}.</p>' for n in notes))


def _breakdown(title: str, first: str, items: dict, fields: tuple[tuple[str, str], ...], label=escape) -> str:
    """A small sortable table: one row per key of `items` (sorted), a numeric cell per field."""
    if not items:
        return ""
    head = f"<tr><th>{escape(first)}</th>" + "".join(f'<th class="num">{escape(h)}</th>' for _, h in fields) + "</tr>"
    rows = "".join(
        f'<tr><td data-sort="{escape(k)}">{label(k)}</td>'
        + "".join(f'<td class="num">{_f(m.get(f)) if isinstance(m.get(f), float) else escape(str(m.get(f, "")))}</td>' for f, _ in fields)
        + "</tr>"
        for k, m in sorted(items.items())
    )
    return f'<h3>{escape(title)}</h3><table class="data sortable compact"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def per_type_table(metrics: dict) -> str:
    fields = (("n_gold", "gold"), ("n_pred", "pred"), ("relaxed", "relaxed F1"), ("strict", "strict F1"))
    return _breakdown("Events per type", "type", metrics.get("events", {}).get("per_type", {}), fields, badge)


def per_document_table(metrics: dict) -> str:
    fields = (("timex_value_f1", "timex value F1"), ("entity_partial_f1", "entity partial F1"), ("event_relaxed_f1", "event relaxed F1"))
    return _breakdown("Per document", "document", metrics.get("per_document", {}), fields)


def sentence_html(row: dict, sentences: dict[str, list[tuple[int, int, str]]]) -> str:
    """The row's sentence with its gold and predicted spans marked."""
    spans = []
    for side, kind in (("gold", "gold"), ("pred", "pred")):
        s, e = _int(row.get(f"{side}_char_start")), _int(row.get(f"{side}_char_end"))
        if s is not None and e is not None and e > s:
            spans.append(Span(s, e, kind, title=f"{side} {s}-{e}"))
    pos = min((sp.start for sp in spans), default=None)
    doc_sents = sentences.get(row.get("doc_id", ""), [])
    if pos is not None and doc_sents:
        i = bisect_right([s for s, _, _ in doc_sents], pos) - 1
        if i >= 0 and doc_sents[i][0] <= pos < doc_sents[i][1]:
            start, _, text = doc_sents[i]
            return highlight(text, start, spans)
    # fallback: the cleaned sentence of the diff, the span's text looked up in it
    text = row.get("sentence", "")
    found = []
    for side, kind in (("gold", "gold"), ("pred", "pred")):
        needle = row.get(f"{side}_text") or row.get(f"{side}_trigger") or ""
        k = text.find(needle) if needle else -1
        if k >= 0:
            found.append(Span(k, k + len(needle), kind, title=side))
    return highlight(text, 0, found)


def _fields(row: dict, side: str, cols: tuple[str, ...]) -> str:
    if not any(row.get(f"{side}_{c}") for c in cols):
        return '<span class="muted">—</span>'
    other = "pred" if side == "gold" else "gold"
    both = any(row.get(f"{other}_{c}") for c in cols)
    out = []
    for c in cols:
        v = row.get(f"{side}_{c}", "")
        if not v:
            continue
        differs = both and v != row.get(f"{other}_{c}", "")
        cls = ' class="differs"' if differs else ""
        out.append(f'<span{cls}><i>{escape(c)}</i> {escape(v)}</span>')
    return "<br>".join(out)


def errors_section(layer: str, rows: list[dict], sentences: dict[str, list[tuple[int, int, str]]]) -> str:
    cols = LAYERS[layer]
    errors = [r for r in rows if r.get("status") != "TP"]
    counts = defaultdict(int)
    for r in errors:
        counts[r.get("status", "")] += 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none"
    tid = f"err-{layer}"
    body = []
    for r in errors:
        status = r.get("status", "")
        pos = r.get("gold_char_start") or r.get("pred_char_start") or ""
        body.append(
            f'<tr data-status="{escape(status)}" data-doc="{escape(r.get("doc_id", ""))}">'
            f'<td class="st st-{escape(status)}" title="{escape(STATUS_NOTES.get(status, ""))}">{escape(status)}</td>'
            f'<td>{escape(r.get("doc_id", ""))}</td><td class="num">{escape(pos)}</td>'
            f'<td>{_fields(r, "gold", cols)}</td><td>{_fields(r, "pred", cols)}</td>'
            f'<td class="sent">{sentence_html(r, sentences)}</td></tr>'
        )
    head = '<tr><th>status</th><th>document</th><th class="num">offset</th><th>gold</th><th>predicted</th><th>sentence</th></tr>'
    return (
        f'<section id="{escape(layer)}"><h2>{escape(layer)}: {escape(summary)}</h2>'
        + filter_controls(tid, len(errors), [("status", "status", sorted(counts)), ("doc", "document", sorted({r.get("doc_id", "") for r in errors}))])
        + f'<table id="{tid}" class="data sortable errors"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table></section>'
    )


EVAL_CSS = """
.gold{background:#c8f0c8;border-bottom:2px solid #1a8f1a}
.pred{outline:2px dashed #d62728;outline-offset:1px}
td.sent{white-space:pre-wrap;line-height:1.9;max-width:48em}
.differs{background:#ffe08a}
table.data.compact{width:auto;min-width:40%}
td.st{font-weight:bold;white-space:nowrap} .st-FN{color:#1a8f1a} .st-FP{color:#d62728}
"""


def build_eval_report(metrics: dict, diffs: dict[str, list[dict]], sentences: dict[str, list[tuple[int, int, str]]]) -> str:
    """The page, from metrics.json, the diff rows by layer and the raw sentences by document."""
    nav = "".join(f'<a href="#{layer}">{layer}</a>' for layer in LAYERS)
    key = ('<p class="note"><span class="gold">gold span</span> · <span class="pred">predicted span</span> · '
           '<span class="differs">field that differs</span> · FN = missed, FP = spurious, TP_* = matched with an error. '
           'Events: only asserted, dated ones are scored.</p>')
    body = (
        f'<header class="top"><h1>Evaluation</h1><nav><a href="#scores">Scores</a>{nav}</nav></header>'
        '<section id="scores"><h2>Scores</h2>' + scores_table(metrics) + per_type_table(metrics) + per_document_table(metrics) + "</section>"
        + key + "".join(errors_section(layer, diffs.get(layer, []), sentences) for layer in LAYERS)
    )
    return page("Evaluation report", body, EVAL_CSS)

"""`eval`: score predicted tables against the gold set (SPEC §5).

Matching rules (each a small pure function, pinned by tests/test_evaluate.py):
- timex: strict = same doc and offsets; relaxed = overlapping spans, one-to-one (largest
  overlap first); value correct = same date_start and date_end (for DURATION/SET: same value).
- entities: nervaluate (strict, partial) on spans with inclusive ends; actor_id accuracy on
  strict-or-partial span matches.
- events: one-to-one within a document; relaxed = same type, overlapping date ranges and
  participant Jaccard >= 0.5; strict = same type, same dates, same participants. Only
  asserted, dated predictions (and gold rows) are scored; the others are listed apart.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from .event_types import types_with
from .table_io import atomic_write_bytes, unescape, write_csv

SYMMETRIC = types_with("symmetric")  # resources/events/types.csv
OPEN_END = "9999-12-31"


class EvalError(Exception):
    """A malformed input file; the message names file, row and column."""


# ---------------------------------------------------------------- loading and validation

REQUIRED = {
    "timex": {"doc_id": str, "char_start": int, "char_end": int, "text": str, "type": str, "value": str, "date_start": str, "date_end": str},
    "entities": {"doc_id": str, "char_start": int, "char_end": int, "text": str, "label": str, "actor_id": str},
    "events": {"doc_id": str, "event_type": str, "modality": str, "participants": str, "date_start": str, "date_end": str},
}


def load_table(path: Path, kind: str) -> pd.DataFrame:
    """Read a gold or predicted CSV as strings/ints, checking columns and integer offsets."""
    import pandera.pandas as pa

    if not path.is_file():
        raise EvalError(f"{path}: file not found")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in REQUIRED[kind] if c not in df.columns]
    if missing:
        raise EvalError(f"{path}: missing column(s) {', '.join(missing)}")
    schema = pa.DataFrameSchema(
        {c: pa.Column(str, nullable=False, required=True) for c in REQUIRED[kind]}, strict=False
    )
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        first = exc.failure_cases.iloc[0]
        where = f"row {int(first['index']) + 2}: " if pd.notna(first["index"]) else ""
        raise EvalError(f"{path}: {where}column {first['column']!r}: {first['check']} ({first['failure_case']!r})") from None
    for col, typ in REQUIRED[kind].items():
        if typ is int:
            bad = ~df[col].str.fullmatch(r"\d+")
            if bad.any():
                row = int(bad.idxmax())
                raise EvalError(f"{path}: row {row + 2}: column {col!r}: {df[col][row]!r} is not a non-negative integer")
            df[col] = df[col].astype(int)
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(unescape)
    return df


# ---------------------------------------------------------------- generic scoring helpers

def prf(tp: float, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def one_to_one(gold: Sequence, pred: Sequence, score: Callable[[object, object], float | None]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: pairs with a score (None = no match), best first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                cands.append((-s, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _by_doc(df: pd.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in df.to_dict("records"):
        out[rec["doc_id"]].append(rec)
    return out


# ---------------------------------------------------------------- timex

def span_overlap(a: dict, b: dict) -> int:
    return max(0, min(a["char_end"], b["char_end"]) - max(a["char_start"], b["char_start"]))


def timex_value_ok(g: dict, p: dict) -> bool:
    if g["type"] in ("DURATION", "SET"):
        return g["value"] == p["value"]
    return (g["date_start"], g["date_end"]) == (p["date_start"], p["date_end"])


def score_timex(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[dict, list[dict]]:
    g_docs, p_docs = _by_doc(gold), _by_doc(pred)
    strict_tp = relaxed_tp = value_tp = 0
    diff = []
    for doc in sorted(set(g_docs) | set(p_docs)):
        gs, ps = g_docs.get(doc, []), p_docs.get(doc, [])
        strict = one_to_one(gs, ps, lambda g, p: 1.0 if (g["char_start"], g["char_end"]) == (p["char_start"], p["char_end"]) else None)
        relaxed = one_to_one(gs, ps, lambda g, p: span_overlap(g, p) or None)
        strict_tp += len(strict)
        relaxed_tp += len(relaxed)
        for i, j in relaxed:
            ok = timex_value_ok(gs[i], ps[j])
            value_tp += ok
            diff.append(_diff_row("TP" if ok else "TP_span_wrong_value", doc, gs[i], ps[j], ("text", "value", "date_start", "date_end")))
        mg, mp = {i for i, _ in relaxed}, {j for _, j in relaxed}
        diff += [_diff_row("FN", doc, g, None, ("text", "value", "date_start", "date_end")) for i, g in enumerate(gs) if i not in mg]
        diff += [_diff_row("FP", doc, None, p, ("text", "value", "date_start", "date_end")) for j, p in enumerate(ps) if j not in mp]
    ng, np_ = len(gold), len(pred)
    metrics = {
        "strict": prf(strict_tp, np_, ng),
        "relaxed": prf(relaxed_tp, np_, ng),
        "value_accuracy": round(value_tp / relaxed_tp, 4) if relaxed_tp else 0.0,
        "value": prf(value_tp, np_, ng),
    }
    return metrics, diff


# ---------------------------------------------------------------- entities

def score_entities(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[dict, list[dict]]:
    from nervaluate import Evaluator

    docs = sorted(set(gold["doc_id"]) | set(pred["doc_id"]))
    g_docs, p_docs = _by_doc(gold), _by_doc(pred)

    def spans(recs):  # nervaluate ends are inclusive, ours exclusive
        return [{"label": r["label"], "start": r["char_start"], "end": r["char_end"] - 1} for r in recs]

    labels = sorted(set(gold["label"]) | set(pred["label"]))
    metrics: dict = {}
    if labels:
        res = Evaluator([spans(g_docs.get(d, [])) for d in docs], [spans(p_docs.get(d, [])) for d in docs], tags=labels, loader="default").evaluate()
        for mode in ("strict", "partial"):
            r = res["overall"][mode]
            metrics[mode] = {"precision": round(r.precision, 4), "recall": round(r.recall, 4), "f1": round(r.f1, 4), "n_pred": r.actual, "n_gold": r.possible}
        metrics["per_label"] = {
            lab: {m: round(res["entities"][lab][m].f1, 4) for m in ("strict", "partial")} for lab in labels if lab in res["entities"]
        }
    matched = correct = 0
    diff = []
    cols = ("text", "label", "actor_id")
    for doc in docs:
        gs, ps = g_docs.get(doc, []), p_docs.get(doc, [])
        pairs = one_to_one(gs, ps, lambda g, p: span_overlap(g, p) or None)
        for i, j in pairs:
            matched += 1
            ok = gs[i]["actor_id"] == ps[j]["actor_id"]
            correct += ok
            exact = (gs[i]["char_start"], gs[i]["char_end"], gs[i]["label"]) == (ps[j]["char_start"], ps[j]["char_end"], ps[j]["label"])
            diff.append(_diff_row("TP" if exact and ok else "TP_partial" if ok else "TP_wrong_actor", doc, gs[i], ps[j], cols))
        mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
        diff += [_diff_row("FN", doc, g, None, cols) for i, g in enumerate(gs) if i not in mg]
        diff += [_diff_row("FP", doc, None, p, cols) for j, p in enumerate(ps) if j not in mp]
    metrics["actor_id_accuracy"] = round(correct / matched, 4) if matched else 0.0
    metrics["actor_id_matched"] = matched
    return metrics, diff


# ---------------------------------------------------------------- events

def participants(rec: dict) -> frozenset[str]:
    return frozenset(p for p in str(rec.get("participants", "")).split(";") if p)


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def dates_overlap(g: dict, p: dict) -> bool:
    gs, ge = g["date_start"], g["date_end"] or OPEN_END
    ps, pe = p["date_start"], p["date_end"] or OPEN_END
    return gs <= pe and ps <= ge


def relaxed_event_score(g: dict, p: dict) -> float | None:
    if g["event_type"] != p["event_type"] or not dates_overlap(g, p):
        return None
    j = jaccard(participants(g), participants(p))
    if j < 0.5:
        return None
    same_dates = (g["date_start"], g["date_end"]) == (p["date_start"], p["date_end"])
    return j + 0.5 * same_dates


def strict_event_score(g: dict, p: dict) -> float | None:
    same = (
        g["event_type"] == p["event_type"]
        and (g["date_start"], g["date_end"]) == (p["date_start"], p["date_end"])
        and participants(g) == participants(p)
    )
    return 1.0 if same else None


def scorable(df: pd.DataFrame) -> pd.Series:
    return (df["modality"] == "asserted") & (df["date_start"] != "")


def event_fields_ok(g: dict, p: dict) -> dict[str, bool]:
    if g["event_type"] in SYMMETRIC:
        actors_ok = {g.get("actor1", ""), g.get("actor2", "")} == {p.get("actor1", ""), p.get("actor2", "")}
        a1 = a2 = actors_ok
    else:
        a1, a2 = g.get("actor1", "") == p.get("actor1", ""), g.get("actor2", "") == p.get("actor2", "")
    return {
        "date": (g["date_start"], g["date_end"]) == (p["date_start"], p["date_end"]),
        "actor1": a1, "actor2": a2,
        "participants": participants(g) == participants(p),
        "location": g.get("location", "") == p.get("location", ""),
    }


def score_events(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[dict, list[dict], list[dict]]:
    gold_s, pred_s = gold[scorable(gold)], pred[scorable(pred)]
    unscored = pred[~scorable(pred)].to_dict("records")
    g_docs, p_docs = _by_doc(gold_s), _by_doc(pred_s)
    types = sorted(set(gold_s["event_type"]) | set(pred_s["event_type"]))
    tp = {"relaxed": defaultdict(int), "strict": defaultdict(int)}
    fields = defaultdict(int)
    n_matched = 0
    diff = []
    cols = ("trigger", "event_type", "participants", "date_start", "date_end", "actor1", "actor2", "location", "rules")
    for doc in sorted(set(g_docs) | set(p_docs)):
        gs, ps = g_docs.get(doc, []), p_docs.get(doc, [])
        for i, _ in one_to_one(gs, ps, strict_event_score):
            tp["strict"][gs[i]["event_type"]] += 1
        pairs = one_to_one(gs, ps, relaxed_event_score)
        for i, j in pairs:
            tp["relaxed"][gs[i]["event_type"]] += 1
            n_matched += 1
            for k, ok in event_fields_ok(gs[i], ps[j]).items():
                fields[k] += ok
            diff.append(_diff_row("TP", doc, gs[i], ps[j], cols))
        mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
        diff += [_diff_row("FN", doc, g, None, cols) for i, g in enumerate(gs) if i not in mg]
        diff += [_diff_row("FP", doc, None, p, cols) for j, p in enumerate(ps) if j not in mp]
    n_gold = gold_s["event_type"].value_counts().to_dict()
    n_pred = pred_s["event_type"].value_counts().to_dict()
    metrics = {mode: prf(sum(tp[mode].values()), len(pred_s), len(gold_s)) for mode in ("relaxed", "strict")}
    metrics["per_type"] = {
        t: {mode: prf(tp[mode][t], int(n_pred.get(t, 0)), int(n_gold.get(t, 0)))["f1"] for mode in ("relaxed", "strict")}
        | {"n_gold": int(n_gold.get(t, 0)), "n_pred": int(n_pred.get(t, 0))}
        for t in types
    }
    metrics["field_accuracy"] = {k: round(fields[k] / n_matched, 4) if n_matched else 0.0 for k in ("date", "actor1", "actor2", "participants", "location")}
    metrics["unscored_predictions"] = len(unscored)
    metrics["unscored_gold"] = int((~scorable(gold)).sum())
    return metrics, diff, unscored


# ---------------------------------------------------------------- what decided each miss

def _rejected(pred_dir: Path, docs: set[str]) -> pd.DataFrame:
    """events_rejected.csv (trigger matches that made no row, with the deciding rule), if written."""
    path = pred_dir / "events_rejected.csv"
    if not path.is_file():
        return pd.DataFrame(columns=["doc_id", "char_start", "char_end", "event_type", "reason"])
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return df[df["doc_id"].isin(docs)]


def _overlapping(rows: list[dict], g: dict) -> list[dict]:
    gs, ge = int(g["gold_char_start"]), int(g["gold_char_end"])
    return [r for r in rows if int(r["char_start"]) < ge and gs < int(r["char_end"])]


def miss_reason(g: dict, found: list[dict], rejected: list[dict]) -> str:
    """Why a gold event has no match: the prediction at its trigger and the test it failed, or
    the rule that rejected the trigger match there, or `no trigger` when no lexicon word matched."""
    gold = {"event_type": g["gold_event_type"], "date_start": g["gold_date_start"], "date_end": g["gold_date_end"],
            "participants": g["gold_participants"]}
    for p in found:
        if p["modality"] != "asserted":
            return f"found, not asserted: {p['modality']}"
        if p["date_start"] == "":
            return "found, undated"
        if p["event_type"] != gold["event_type"]:
            return f"found, other type: {p['event_type']}"
        if not dates_overlap(gold, p):
            return "found, other date"
        if jaccard(participants(gold), participants(p)) < 0.5:
            return "found, other participants"
        return "found, matched to another gold row"
    if rejected:
        return f"rejected: {rejected[0]['reason']}"
    return "no trigger"


def explain_events(diff: list[dict], pred: pd.DataFrame, rejected: pd.DataFrame) -> list[dict]:
    """Each diff row gains `decided_by`: the rules of a prediction (TP, FP), or for a miss (FN)
    what decided it (see miss_reason), followed by the rules of the prediction at its trigger."""
    by_doc = _by_doc(pred) if len(pred) else {}
    rej_doc = _by_doc(rejected) if len(rejected) else {}
    for r in diff:
        r.pop("gold_rules", None)  # gold rows have no rules; a prediction's go into decided_by
        rules = r.pop("pred_rules", "")
        if r["status"] != "FN":
            r["decided_by"] = rules
            continue
        found = _overlapping(by_doc.get(r["doc_id"], []), r)
        reason = miss_reason(r, found, _overlapping(rej_doc.get(r["doc_id"], []), r))
        r["decided_by"] = reason + (f" [{found[0].get('rules', '')}]" if found and found[0].get("rules") else "")
    return diff


# ---------------------------------------------------------------- diff rows, report, run

def _diff_row(status: str, doc: str, g: dict | None, p: dict | None, cols: Sequence[str]) -> dict:
    row = {"status": status, "doc_id": doc}
    for side, rec in (("gold", g), ("pred", p)):
        row[f"{side}_char_start"] = "" if rec is None else rec.get("char_start", "")
        row[f"{side}_char_end"] = "" if rec is None else rec.get("char_end", "")
        for c in cols:
            row[f"{side}_{c}"] = "" if rec is None else rec.get(c, "")
    return row


def _sentence_lookup(pred_dir: Path) -> Callable[[str, object], str]:
    path = pred_dir / "sentences.csv"
    if not path.is_file():
        return lambda doc, pos: ""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    by_doc = defaultdict(list)
    for r in df.itertuples():
        by_doc[r.doc_id].append((int(r.char_start), int(r.char_end), r.clean_text))

    def find(doc: str, pos) -> str:
        if pos == "" or pos is None:
            return ""
        for s, e, t in by_doc.get(doc, []):
            if s <= int(pos) < e:
                return t
        return ""

    return find


def _with_sentences(rows: list[dict], find) -> list[dict]:
    for r in rows:
        pos = r["gold_char_start"] if r["gold_char_start"] != "" else r["pred_char_start"]
        r["sentence"] = find(r["doc_id"], pos)
    return sorted(rows, key=lambda r: (r["doc_id"], int(r["gold_char_start"] if r["gold_char_start"] != "" else r["pred_char_start"] or 0), r["status"]))


def _fmt(m: dict) -> str:
    return f"{m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f}"


def render_report(metrics: dict, diffs: dict[str, list[dict]]) -> str:
    lines = ["# Evaluation report", "", "| layer | match | P | R | F1 |", "|---|---|---|---|---|"]
    t, e, v = metrics["timex"], metrics["entities"], metrics["events"]
    lines += [f"| timex | strict span | {_fmt(t['strict'])} |", f"| timex | relaxed span | {_fmt(t['relaxed'])} |", f"| timex | value | {_fmt(t['value'])} |"]
    for mode in ("strict", "partial"):
        if mode in e:
            lines.append(f"| entities | {mode} | {_fmt(e[mode])} |")
    lines += [f"| events | relaxed | {_fmt(v['relaxed'])} |", f"| events | strict | {_fmt(v['strict'])} |", ""]
    lines += [f"Timex value accuracy on relaxed matches: {t['value_accuracy']:.3f}. Entity actor_id accuracy on matches: {e['actor_id_accuracy']:.3f} ({e['actor_id_matched']} matches).", ""]
    lines += ["## Events per type", "", "| type | gold | pred | relaxed F1 | strict F1 |", "|---|---|---|---|---|"]
    for typ, m in v["per_type"].items():
        lines.append(f"| {typ} | {m['n_gold']} | {m['n_pred']} | {m['relaxed']:.3f} | {m['strict']:.3f} |")
    lines += ["", "Event field accuracy on relaxed matches: " + ", ".join(f"{k} {x:.3f}" for k, x in v["field_accuracy"].items()), ""]
    lines += ["## Per document", "", "| doc_id | timex value F1 | entity F1 (partial) | event F1 (relaxed) |", "|---|---|---|---|"]
    for doc, m in metrics["per_document"].items():
        lines.append(f"| {doc} | {m['timex_value_f1']:.3f} | {m['entity_partial_f1']:.3f} | {m['event_relaxed_f1']:.3f} |")
    lines += _miss_table(diffs.get("events", []))
    lines += _rule_table(diffs.get("events", []))
    lines += ["", "## Worst misses (first 10 false negatives per layer)", ""]
    for layer, rows in diffs.items():
        fns = [r for r in rows if r["status"] == "FN"][:10]
        lines.append(f"### {layer} ({sum(r['status'] == 'FN' for r in rows)} FN, {sum(r['status'] == 'FP' for r in rows)} FP)")
        for r in fns:
            label = r.get("gold_text") or r.get("gold_trigger", "")
            lines.append(f"- `{r['doc_id']}` {label!s} — {r['sentence'][:80]}")
        lines.append("")
    return "\n".join(lines)


def _miss_table(rows: list[dict]) -> list[str]:
    """Missed gold events counted by what decided them (`decided_by` without its rule list)."""
    counts = Counter(r["decided_by"].split(" [")[0] for r in rows if r["status"] == "FN" and "decided_by" in r)
    if not counts:
        return []
    lines = ["", "## What decided the missed events", "", "| decided by | missed |", "|---|---|"]
    return lines + [f"| {why} | {n} |" for why, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def rule_precision(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """rule id -> (true, false) scored predictions whose `rules` hold it (the trigger entries left out)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["status"] in ("TP", "FP"):
            for rule in filter(None, r.get("decided_by", "").split(";")):
                if not rule.startswith("trigger:"):
                    counts[rule][r["status"] == "FP"] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _rule_table(rows: list[dict]) -> list[str]:
    """How often the predictions each rule helped make were right (lowest precision first)."""
    counts = rule_precision(rows)
    if not counts:
        return []
    lines = ["", "## Precision of each rule (scored predictions whose `rules` hold it)", "",
             "| rule | right | wrong | precision |", "|---|---|---|---|"]
    order = sorted(counts.items(), key=lambda kv: (kv[1][0] / sum(kv[1]), kv[0]))
    return lines + [f"| {rule} | {tp} | {fp} | {tp / (tp + fp):.2f} |" for rule, (tp, fp) in order]


def _per_document(gold: dict[str, pd.DataFrame], pred: dict[str, pd.DataFrame]) -> dict:
    keys = ("timex_value_f1", "entity_partial_f1", "event_relaxed_f1")
    return {d: {k: v for k, v in headline(subset(gold, {d}), subset(pred, {d})).items() if k in keys}
            for d in sorted(labelled_docs(gold))}


def _empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=int if t is int else str) for c, t in REQUIRED[kind].items()})


def load_gold(gold_dir: Path) -> dict[str, pd.DataFrame]:
    """The three gold tables, refused with the first problem gold-check finds (one code path:
    offsets, codes, dates, encodings, ragged rows and unbalanced quotes are checked the same)."""
    from .gold_check import check_gold

    for k in REQUIRED:
        if not (gold_dir / f"{k}.csv").is_file():
            raise EvalError(f"{gold_dir / f'{k}.csv'}: file not found")
    problems, _ = check_gold(gold_dir, require_texts=False)
    if problems:
        more = f" (and {len(problems) - 1} more: run gold-check)" if len(problems) > 1 else ""
        raise EvalError(problems[0] + more)
    return {k: load_table(gold_dir / f"{k}.csv", k) for k in REQUIRED}


def load_predictions(pred_dir: Path, docs: set[str] | None = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The predicted tables (only rows of `docs` when given) and the names of missing files."""
    pred, missing = {}, []
    for k in REQUIRED:
        path = pred_dir / f"{k}.csv"
        if path.is_file():
            pred[k] = load_table(path, k)
        else:
            pred[k], _ = _empty(k), missing.append(path.name)
        if docs is not None:
            pred[k] = pred[k][pred[k]["doc_id"].isin(docs)]
    return pred, missing


def labelled_docs(gold: dict[str, pd.DataFrame]) -> set[str]:
    return set().union(*(set(g["doc_id"]) for g in gold.values()))


def headline(gold: dict[str, pd.DataFrame], pred: dict[str, pd.DataFrame]) -> dict:
    """The headline figures of one set of documents (a corpus or one genre of it)."""
    t, _ = score_timex(gold["timex"], pred["timex"])
    e, _ = score_entities(gold["entities"], pred["entities"])
    v, _, _ = score_events(gold["events"], pred["events"])
    return {
        "n_docs": len(labelled_docs(gold)),
        "timex_relaxed_f1": t["relaxed"]["f1"], "timex_strict_f1": t["strict"]["f1"], "timex_value_f1": t["value"]["f1"],
        "entity_partial_f1": e.get("partial", {}).get("f1", 0.0), "entity_strict_f1": e.get("strict", {}).get("f1", 0.0),
        "actor_id_accuracy": e["actor_id_accuracy"],
        "event_relaxed_f1": v["relaxed"]["f1"], "event_strict_f1": v["strict"]["f1"],
        "event_n_gold": v["relaxed"]["n_gold"], "event_n_pred": v["relaxed"]["n_pred"],
    }


def subset(tables: dict[str, pd.DataFrame], docs: set[str]) -> dict[str, pd.DataFrame]:
    return {k: df[df["doc_id"].isin(docs)] for k, df in tables.items()}


def run_eval(gold_dir: Path, pred_dir: Path, out: Path) -> dict:
    gold = load_gold(gold_dir)
    pred, missing = load_predictions(pred_dir, labelled_docs(gold))  # unlabelled documents are not scored
    return write_eval(gold, pred, pred_dir, out, missing)


def write_eval(gold: dict[str, pd.DataFrame], pred: dict[str, pd.DataFrame], pred_dir: Path, out: Path,
               missing: list[str], extra: dict | None = None) -> dict:
    """Score, then write metrics.json, report.md and the diff files into `out`."""
    t, dt_ = score_timex(gold["timex"], pred["timex"])
    e, de = score_entities(gold["entities"], pred["entities"])
    v, dv, unscored = score_events(gold["events"], pred["events"])
    metrics = {"timex": t, "entities": e, "events": v, "per_document": _per_document(gold, pred), "missing_predictions": missing}
    metrics.update(extra or {})
    find = _sentence_lookup(pred_dir)
    dv = explain_events(dv, pred["events"], _rejected(pred_dir, set(gold["events"]["doc_id"])))
    diffs = {"timex": _with_sentences(dt_, find), "entities": _with_sentences(de, find), "events": _with_sentences(dv, find)}
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out / "metrics.json", (json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    atomic_write_bytes(out / "report.md", render_report(metrics, diffs).encode("utf-8"))
    for layer, rows in diffs.items():
        cols = list(rows[0].keys()) if rows else ["status", "doc_id", "sentence"]
        write_csv(out / f"diff_{layer}.csv", cols, rows)
    if unscored:
        cols = list(unscored[0].keys())
        write_csv(out / "unscored_events.csv", cols, unscored)
    return metrics

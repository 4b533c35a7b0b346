import json

import pandas as pd
import pytest

from pipeline.evaluate import (
    EvalError, explain_events, load_table, relaxed_event_score, run_eval, score_entities, score_events, score_timex,
    strict_event_score,
)


def T(s, e, ds="2024-06-19", de="2024-06-19", typ="DATE", value="", doc="d"):
    return {"doc_id": doc, "char_start": s, "char_end": e, "text": "x" * (e - s), "type": typ, "value": value, "date_start": ds, "date_end": de}


def E(s, e, label="COUNTRY", actor="RUS", doc="d"):
    return {"doc_id": doc, "char_start": s, "char_end": e, "text": "x" * (e - s), "label": label, "actor_id": actor}


def V(typ="MEET", parts="PRK;RUS", ds="2024-06-19", de="2024-06-19", modality="asserted", a1="RUS", a2="PRK", doc="d", loc=""):
    return {"doc_id": doc, "char_start": 0, "char_end": 2, "trigger": "会談", "event_type": typ, "modality": modality, "actor1": a1, "actor2": a2,
            "participants": parts, "location": loc, "date_start": ds, "date_end": de, "note": ""}


df = pd.DataFrame

# (name, gold, pred, strict tp, relaxed tp, value tp) — hand-computed
TIMEX_SCENARIOS = [
    ("perfect", [T(0, 10)], [T(0, 10)], 1, 1, 1),
    ("wrong boundary", [T(0, 10)], [T(0, 8)], 0, 1, 1),
    ("shifted boundary", [T(0, 10)], [T(5, 15)], 0, 1, 1),
    ("wrong value", [T(0, 10)], [T(0, 10, ds="2024-06-20", de="2024-06-20")], 1, 1, 0),
    ("missing", [T(0, 10)], [], 0, 0, 0),
    ("spurious", [], [T(0, 10)], 0, 0, 0),
    ("one gold, two preds", [T(0, 10)], [T(0, 4), T(5, 10)], 0, 1, 1),
    ("duration by value", [T(0, 4, "", "", "DURATION", "P4Y6M")], [T(0, 4, "", "", "DURATION", "P4Y")], 1, 1, 0),
]


@pytest.mark.parametrize("name,gold,pred,strict,relaxed,value", TIMEX_SCENARIOS)
def test_timex_matching(name, gold, pred, strict, relaxed, value):
    m, diff = score_timex(df(gold, columns=T(0, 1).keys()), df(pred, columns=T(0, 1).keys()))
    assert (m["strict"]["tp"], m["relaxed"]["tp"], m["value"]["tp"]) == (strict, relaxed, value)
    assert sum(r["status"] == "FN" for r in diff) == len(gold) - relaxed
    assert sum(r["status"] == "FP" for r in diff) == len(pred) - relaxed


def test_timex_prf_two_preds():
    m, _ = score_timex(df([T(0, 10)]), df([T(0, 4), T(5, 10)]))
    assert m["relaxed"]["precision"] == 0.5 and m["relaxed"]["recall"] == 1.0 and m["relaxed"]["f1"] == pytest.approx(0.6667, abs=1e-4)


# (name, gold, pred, strict f1, partial f1, actor accuracy)
ENTITY_SCENARIOS = [
    ("perfect", [E(0, 3)], [E(0, 3)], 1.0, 1.0, 1.0),
    ("wrong boundary", [E(0, 6, "PERSON")], [E(0, 3, "PERSON")], 0.0, 0.5, 1.0),
    ("wrong type", [E(0, 3, "COUNTRY")], [E(0, 3, "GPE")], 0.0, 1.0, 1.0),
    ("missing", [E(0, 3), E(5, 8)], [E(0, 3)], 0.6667, 0.6667, 1.0),
    ("spurious", [E(0, 3)], [E(0, 3), E(5, 8)], 0.6667, 0.6667, 1.0),
    ("wrong actor", [E(0, 3, actor="RUS")], [E(0, 3, actor="PRK")], 1.0, 1.0, 0.0),
    ("adjacent one-char spans", [E(0, 1), E(1, 2, actor="PRK")], [E(0, 1), E(1, 2, actor="PRK")], 1.0, 1.0, 1.0),
]


@pytest.mark.parametrize("name,gold,pred,strict,partial,acc", ENTITY_SCENARIOS)
def test_entity_matching(name, gold, pred, strict, partial, acc):
    m, _ = score_entities(df(gold), df(pred))
    assert m["strict"]["f1"] == pytest.approx(strict, abs=1e-4)
    assert m["partial"]["f1"] == pytest.approx(partial, abs=1e-4)
    assert m["actor_id_accuracy"] == acc


# (name, gold, pred, relaxed tp, strict tp)
EVENT_SCENARIOS = [
    ("perfect", [V()], [V()], 1, 1),
    ("wrong type", [V()], [V(typ="VISIT")], 0, 0),
    ("dates overlap, not equal", [V(ds="2024-06-01", de="2024-06-30")], [V()], 1, 0),
    ("dates apart", [V()], [V(ds="2024-07-01", de="2024-07-01")], 0, 0),
    ("participants differ by one (2/3)", [V(parts="CHN;PRK;RUS")], [V()], 1, 0),
    ("participants jaccard 1/3", [V(parts="CHN;PRK;RUS")], [V(parts="RUS")], 0, 0),
    ("one gold, two preds", [V()], [V(), V()], 1, 1),
    ("not asserted is not scored", [V()], [V(modality="planned")], 0, 0),
    ("undated is not scored", [V()], [V(ds="", de="")], 0, 0),
    ("open-ended gold overlaps", [V(ds="2022-02-01", de="")], [V(ds="2024-06-19")], 1, 0),
]


@pytest.mark.parametrize("name,gold,pred,relaxed,strict", EVENT_SCENARIOS)
def test_event_matching(name, gold, pred, relaxed, strict):
    m, _, unscored = score_events(df(gold), df(pred, columns=V().keys()))
    assert m["relaxed"]["tp"] == relaxed
    assert m["strict"]["tp"] == strict
    assert len(unscored) == sum(1 for p in pred if p["modality"] != "asserted" or not p["date_start"])


def test_event_field_accuracy_symmetric_meet():
    m, _, _ = score_events(df([V(a1="RUS", a2="PRK")]), df([V(a1="PRK", a2="RUS")]))
    assert m["field_accuracy"]["actor1"] == 1.0 and m["field_accuracy"]["location"] == 1.0


def test_event_scores_are_pure():
    assert relaxed_event_score(V(), V()) is not None and strict_event_score(V(), V(parts="RUS")) is None


def _write(path, rows, columns):
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False, encoding="utf-8-sig")


def test_end_to_end(tmp_path):
    gold, pred, out = tmp_path / "gold", tmp_path / "pred", tmp_path / "out"
    gold.mkdir(), pred.mkdir()
    _write(gold / "timex.csv", [T(0, 10), T(20, 25)], T(0, 1).keys())
    _write(gold / "entities.csv", [E(0, 3), E(5, 8, "PERSON")], E(0, 1).keys())
    _write(gold / "events.csv", [V(), V(typ="VISIT")], V().keys())
    _write(pred / "timex.csv", [T(0, 10)], T(0, 1).keys())
    _write(pred / "entities.csv", [E(0, 3)], E(0, 1).keys())
    _write(pred / "events.csv", [V(), V(typ="ATTACK")], V().keys())
    m = run_eval(gold, pred, out)
    assert m["timex"]["relaxed"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert m["events"]["relaxed"]["precision"] == 0.5 and m["events"]["relaxed"]["recall"] == 0.5
    for name in ("metrics.json", "report.md", "diff_timex.csv", "diff_entities.csv", "diff_events.csv"):
        assert (out / name).is_file()
    assert json.loads((out / "metrics.json").read_text())["events"]["per_type"]["MEET"]["relaxed"] == 1.0


def test_malformed_file_names_row_and_column(tmp_path):
    p = tmp_path / "timex.csv"
    rows = [T(0, 10)]
    rows[0]["char_start"] = "abc"
    _write(p, rows, T(0, 1).keys())
    with pytest.raises(EvalError, match=r"row 2: column 'char_start'"):
        load_table(p, "timex")
    _write(p, [{"doc_id": "d"}], ["doc_id"])
    with pytest.raises(EvalError, match="char_start"):
        load_table(p, "timex")


def _miss(trigger_at=(0, 2), **gold):
    g = V(**gold)
    row = {"status": "FN", "doc_id": "d", "gold_char_start": str(trigger_at[0]), "gold_char_end": str(trigger_at[1])}
    row.update({f"gold_{k}": g[k] for k in ("event_type", "participants", "date_start", "date_end")})
    return row


def _rejected(*rows):
    return df([{"doc_id": "d", "char_start": str(s), "char_end": str(e), "event_type": "MEET", "reason": r}
               for s, e, r in rows], columns=["doc_id", "char_start", "char_end", "event_type", "reason"])


def P(**kw):
    rec = V(**kw)
    rec.update({"char_start": "0", "char_end": "2", "rules": "trigger:会談/MEET;date:carried"})
    return rec


# (name, predictions, rejected matches, what decided the miss) — one gold MEET at 0..2
MISS_SCENARIOS = [
    ("no lexicon word", [], _rejected(), "no trigger"),
    ("a filter rejected it", [], _rejected((0, 2, "filter:back_reference")), "rejected: filter:back_reference"),
    ("rejection elsewhere", [], _rejected((5, 7, "roles:no_actor")), "no trigger"),
    ("found, planned", [P(modality="planned")], _rejected(), "found, not asserted: planned [trigger:会談/MEET;date:carried]"),
    ("found, undated", [P(ds="", de="")], _rejected(), "found, undated [trigger:会談/MEET;date:carried]"),
    ("found, other type", [P(typ="VISIT")], _rejected(), "found, other type: VISIT [trigger:会談/MEET;date:carried]"),
    ("found, other date", [P(ds="2023-01-01", de="2023-01-01")], _rejected(),
     "found, other date [trigger:会談/MEET;date:carried]"),
    ("found, other sides", [P(parts="CHN;JPN;USA")], _rejected(), "found, other participants [trigger:会談/MEET;date:carried]"),
]


@pytest.mark.parametrize("name,preds,rejected,expected", MISS_SCENARIOS)
def test_what_decided_a_miss(name, preds, rejected, expected):
    row = explain_events([_miss()], df(preds, columns=list(P().keys())), rejected)[0]
    assert row["decided_by"] == expected


def test_decided_by_of_a_prediction_is_its_rules():
    row = {"status": "FP", "doc_id": "d", "gold_rules": "", "pred_rules": "trigger:会談/MEET;date:same_clause"}
    out = explain_events([row], df(), _rejected())[0]
    assert out["decided_by"] == "trigger:会談/MEET;date:same_clause" and "pred_rules" not in out and "gold_rules" not in out


def test_rule_precision_counts_scored_predictions():
    from pipeline.evaluate import rule_precision

    rows = [{"status": "TP", "decided_by": "trigger:会談/MEET;actor1:case;date:carried"},
            {"status": "FP", "decided_by": "trigger:会談/MEET;actor1:case;date:same_clause"},
            {"status": "FN", "decided_by": "no trigger"}]
    assert rule_precision(rows) == {"actor1:case": (1, 1), "date:carried": (1, 0), "date:same_clause": (0, 1)}

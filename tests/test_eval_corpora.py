"""`eval-all`: each corpus scored apart, per genre, with the quiet texts' events listed."""

import csv
import json
from pathlib import Path

from pipeline.corpora import genre_of, load_corpora, load_quiet
from pipeline.eval_corpora import run_eval_all, summary_markdown

TIMEX = ("doc_id", "char_start", "char_end", "text", "type", "value", "date_start", "date_end")
ENTS = ("doc_id", "char_start", "char_end", "text", "label", "actor_id")
EVENTS = ("doc_id", "char_start", "char_end", "trigger", "event_type", "modality", "actor1", "actor2",
          "participants", "location", "date_start", "date_end", "note")


def write(path: Path, cols, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)


def ev(doc, start, etype, parts, date, modality="asserted"):
    a = parts.split(";")
    return (doc, start, start + 2, "会談", etype, modality, a[0], a[-1] if len(a) > 1 else "", parts, "", date, date, "")


def make(tmp: Path) -> Path:
    write(tmp / "corpus" / "corpora.csv", ("corpus", "folder", "gold", "regression_guard", "purpose"), [
        ("seed", "corpus", "corpus/gold", "yes", ""), ("dev", "corpus/dev", "corpus/dev/gold", "yes", ""),
        ("test", "corpus/test", "corpus/test/gold", "no", "")])
    write(tmp / "corpus" / "quiet_documents.csv", ("doc_id", "topic"), [("broadcast-09-flood", "disaster")])
    gold_dev = tmp / "corpus" / "dev" / "gold"
    write(gold_dev / "timex.csv", TIMEX, [("wire-09-x", 0, 5, "2024年", "DATE", "2024", "2024-01-01", "2024-12-31"),
                                          ("broadcast-09-flood", 0, 3, "1日", "DATE", "2024-07-01", "2024-07-01", "2024-07-01")])
    write(gold_dev / "entities.csv", ENTS, [("wire-09-x", 6, 8, "日本", "COUNTRY", "JPN"),
                                            ("broadcast-09-flood", 4, 6, "タイ", "COUNTRY", "THA")])
    write(gold_dev / "events.csv", EVENTS, [ev("wire-09-x", 10, "MEET", "CHN;JPN", "2024-05-01")])
    gold_seed = tmp / "corpus" / "gold"
    write(gold_seed / "timex.csv", TIMEX, [("essay", 0, 5, "2022年", "DATE", "2022", "2022-01-01", "2022-12-31")])
    write(gold_seed / "entities.csv", ENTS, [])
    write(gold_seed / "events.csv", EVENTS, [])
    pred = tmp / "outputs"
    write(pred / "timex.csv", TIMEX, [("wire-09-x", 0, 5, "2024年", "DATE", "2024", "2024-01-01", "2024-12-31"),
                                      ("essay", 0, 5, "2022年", "DATE", "2022", "2022-01-01", "2022-12-31"),
                                      ("test-doc", 0, 5, "2020年", "DATE", "2020", "2020-01-01", "2020-12-31")])
    write(pred / "entities.csv", ENTS, [("wire-09-x", 6, 8, "日本", "COUNTRY", "JPN")])
    write(pred / "events.csv", EVENTS, [ev("wire-09-x", 10, "MEET", "CHN;JPN", "2024-05-01"),
                                        ev("broadcast-09-flood", 8, "PROVIDE_AID", "THA;MMR", "2024-07-01"),
                                        ev("broadcast-09-flood", 12, "STATEMENT", "THA", "", "planned")])
    return tmp


def test_genre_is_the_file_name_prefix_else_essay():
    assert [genre_of(d) for d in ("wire-01-x", "analysis-03-y.cp932", "kato-russia", "wirefoo-1")] == [
        "wire", "analysis", "essay", "essay"]


def test_each_labelled_corpus_is_scored_apart_and_per_genre(tmp_path: Path):
    root = make(tmp_path)
    corpora = load_corpora(root / "corpus" / "corpora.csv", root)
    results = run_eval_all(corpora, root / "outputs", root / "outputs" / "eval", root / "corpus" / "quiet_documents.csv")
    assert sorted(results) == ["dev", "seed"]  # test has no gold: not scored, and not an error
    dev = results["dev"]
    assert dev["summary"]["n_docs"] == 2 and dev["summary"]["event_n_gold"] == 1 and dev["summary"]["event_n_pred"] == 2
    assert sorted(dev["per_genre"]) == ["broadcast", "wire"]
    assert dev["per_genre"]["wire"]["event_relaxed_f1"] == 1.0
    assert dev["per_genre"]["broadcast"]["timex_relaxed_f1"] == 0.0  # its date was not found
    assert results["seed"]["per_genre"] == {"essay": results["seed"]["summary"]}
    assert results["seed"]["summary"]["n_docs"] == 1  # predictions of unlabelled documents are not scored
    assert dev["quiet_documents"] == {"broadcast-09-flood": {
        "topic": "disaster", "pred_events": 2, "pred_scored": 1, "gold_events": 0, "gold_scored": 0,
        "pred_types": "PROVIDE_AID;STATEMENT"}}
    summary = json.loads((root / "outputs" / "eval" / "summary.json").read_text(encoding="utf-8"))
    assert sorted(summary) == ["dev", "seed"]
    assert (root / "outputs" / "eval" / "dev" / "diff_events.csv").is_file()
    md = summary_markdown(results)
    assert "| dev / wire | 1 |" in md and "| dev | broadcast-09-flood | disaster | 2 (1) | 0 (0) |" in md


def test_no_quiet_file_means_no_quiet_list(tmp_path: Path):
    assert load_quiet(tmp_path / "absent.csv") == {}

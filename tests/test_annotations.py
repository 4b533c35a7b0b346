"""The annotation-tool round trip (issue 19 item 2): export-annotations -> doccano / Label Studio ->
import-annotations gives the gold rows back exactly, with CRLF line ends and characters outside
the BMP (Label Studio counts UTF-16 code units) before and inside the spans."""

from __future__ import annotations

import json
from xml.etree import ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import annotations as ann
from pipeline.cli import app
from pipeline.gold_check import ENTITY_COLUMNS, EVENT_COLUMNS, TIMEX_COLUMNS, check_gold
from pipeline.table_io import read_csv_rows, write_csv

runner = CliRunner()

# composed news-style texts: CRLF line ends, 𠮟 (U+20B9F) and emoji before the spans, a date
# broken over a line end
TEXT_A = ("【速報】𠮟責の応酬😀\r\n"
          "2024年5月1日、日本と中国の外相は北京で会談した。\r\n"
          "同日、中国外務省は日本を非難した。\r\n"
          "両国は2024年\r\n6月19日と20日に再び会談する予定だ。\r\n")
TEXT_B = "🇯🇵日本と𠮟国の首脳は2025年3月に東京で会談した。\n"


def _at(text: str, s: str, nth: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = text.index(s, i + 1)
    return i, i + len(s)


def _t(doc, text, s, typ, value, ds, de, nth=1):
    a, b = _at(text, s, nth)
    return {"doc_id": doc, "char_start": a, "char_end": b, "text": s, "type": typ, "value": value,
            "date_start": ds, "date_end": de}


def _e(doc, text, s, label, code, nth=1):
    a, b = _at(text, s, nth)
    return {"doc_id": doc, "char_start": a, "char_end": b, "text": s, "label": label, "actor_id": code}


def _v(doc, text, s, typ, nth=1, **kw):
    a, b = _at(text, s, nth)
    row = {"doc_id": doc, "char_start": a, "char_end": b, "trigger": s, "event_type": typ, "modality": "asserted",
           "actor1": "", "actor2": "", "participants": "", "location": "", "date_start": "", "date_end": "", "note": ""}
    row.update(kw)
    return row


GOLD = {
    "timex": [
        _t("a", TEXT_A, "2024年5月1日", "DATE", "2024-05-01", "2024-05-01", "2024-05-01"),
        _t("a", TEXT_A, "同日", "DATE", "2024-05-01", "2024-05-01", "2024-05-01"),
        _t("a", TEXT_A, "2024年\r\n6月19日", "DATE", "2024-06-19", "2024-06-19", "2024-06-19"),
        _t("a", TEXT_A, "20日", "DATE", "2024-06-20", "2024-06-20", "2024-06-20"),
        _t("b", TEXT_B, "2025年3月", "DATE", "2025-03", "2025-03-01", "2025-03-31"),
    ],
    "entities": [
        _e("a", TEXT_A, "日本", "COUNTRY", "JPN"),
        _e("a", TEXT_A, "中国", "COUNTRY", "CHN"),
        _e("a", TEXT_A, "北京", "GPE", "CHN"),
        _e("a", TEXT_A, "中国外務省", "ORG", "CHN"),
        _e("a", TEXT_A, "日本", "COUNTRY", "JPN", nth=2),
        _e("b", TEXT_B, "🇯🇵", "COUNTRY", "JPN"),
        _e("b", TEXT_B, "日本", "COUNTRY", "JPN"),
        _e("b", TEXT_B, "東京", "GPE", "JPN"),
    ],
    "events": [
        _v("a", TEXT_A, "会談", "MEET", participants="CHN;JPN", location="CHN", date_start="2024-05-01",
           date_end="2024-05-01", note="外相会談, 北京"),
        _v("a", TEXT_A, "非難", "CRITICIZE", actor1="CHN", actor2="JPN", participants="CHN;JPN",
           date_start="2024-05-01", date_end="2024-05-01", note="=spreadsheet-escaped note\nover two lines"),
        # coordinated dates: one row each on one trigger (guideline §6.9)
        _v("a", TEXT_A, "会談", "MEET", nth=2, modality="planned", participants="CHN;JPN",
           date_start="2024-06-19", date_end="2024-06-19"),
        _v("a", TEXT_A, "会談", "MEET", nth=2, modality="planned", participants="CHN;JPN",
           date_start="2024-06-20", date_end="2024-06-20"),
        _v("b", TEXT_B, "会談", "MEET", participants="JPN", location="JPN", date_start="2025-03-01",
           date_end="2025-03-31"),
    ],
}
COLUMNS = {"timex": TIMEX_COLUMNS, "entities": ENTITY_COLUMNS, "events": EVENT_COLUMNS}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes(TEXT_A.encode("utf-8"))
    (root / "b.txt").write_bytes(TEXT_B.encode("utf-8"))
    (root / "manifest.csv").write_text("doc_id,path,title,author,published,source\n"
                                       "a,a.txt,,,2024-05-02,\nb,b.txt,,,2025-04-01,\n", encoding="utf-8")
    gold = root / "gold"
    for layer, rows in GOLD.items():
        write_csv(gold / f"{layer}.csv", COLUMNS[layer],
                  sorted(rows, key=lambda r: (r["doc_id"], r["char_start"], r["char_end"])))
    return root


def test_composed_gold_is_valid_and_has_what_the_test_is_about(corpus):
    assert check_gold(corpus / "gold") == ([], 3)
    assert "\r\n" in TEXT_A and any(ord(c) > 0xFFFF for c in TEXT_A[:10])
    assert any("\r\n" in r["text"] for r in GOLD["timex"])


def test_utf16_offsets():
    text = "a𠮟😀b"
    assert ann.utf16_offsets(text) == [0, 1, 3, 5, 6]
    u = ann.utf16_offsets(text)
    assert ann.from_utf16(u, 5) == 3 and ann.from_utf16(u, 2) is None and ann.from_utf16(u, 9) is None


# ---------------------------------------------------------------- what the tools do with a task


def label_studio_labels(tasks: list[dict]) -> list[dict]:
    """Label Studio's JSON export after an annotator accepted every pre-annotation: the result
    moves into `annotations`, with new region ids."""
    out = []
    for n, task in enumerate(tasks, start=1):
        result = json.loads(json.dumps(task.get("predictions", [{"result": []}])[0]["result"]))
        for item in result:
            item["id"] = f"Xy{item['id']}z"
            item["origin"] = "prediction"
        out.append({"id": n, "data": task["data"], "annotations": [
            {"id": 900 + n, "completed_by": 1, "was_cancelled": False, "result": result}], "predictions": []})
    return out


def doccano_labels(lines: list[dict], nested: bool = False) -> list[dict]:
    """doccano's JSONL export of a relation project: new example and span ids, the metadata keys
    at the top level (or, `nested`, under `meta` with the text as `data`), a `Comments` list."""
    out = []
    for n, task in enumerate(lines, start=1):
        task = json.loads(json.dumps(task))
        if nested:
            task = {"data": task.pop("text"), "entities": task.pop("entities"), "relations": task.pop("relations"),
                    "meta": task}
        task["id"] = n
        for e in task["entities"]:
            e["id"] += 700
        task["Comments"] = []
        out.append(task)
    return out


def _export(corpus, out, *extra):
    result = runner.invoke(app, ["export-annotations", "--corpus", str(corpus), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def _import(corpus, export, out, *extra, code=0):
    result = runner.invoke(app, ["import-annotations", str(export), "--corpus", str(corpus), "--out", str(out), *extra])
    assert result.exit_code == code, result.output
    return result


def _same_files(a: Path, b: Path) -> None:
    for layer in COLUMNS:
        assert read_csv_rows(a / f"{layer}.csv") == read_csv_rows(b / f"{layer}.csv"), layer
        assert (a / f"{layer}.csv").read_bytes() == (b / f"{layer}.csv").read_bytes(), layer


def test_round_trip_label_studio(corpus, tmp_path):
    _export(corpus, tmp_path / "tasks", "--tool", "label-studio", "--from-gold", str(corpus / "gold"))
    tasks = json.loads((tmp_path / "tasks/label-studio.json").read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == ["a", "b"]
    assert tasks[0]["data"]["text"] == TEXT_A  # CRLF and 𠮟 kept
    # offsets are UTF-16 code units: two more than the code points after 𠮟 and 😀
    region = next(r for r in tasks[0]["predictions"][0]["result"] if r["value"].get("labels") == ["DATE"])
    start = TEXT_A.index("2024年5月1日")
    assert (region["value"]["start"], region["value"]["text"]) == (start + 2, "2024年5月1日")
    flag = next(r for r in tasks[1]["predictions"][0]["result"] if r["value"].get("text") == "🇯🇵")
    assert (flag["value"]["start"], flag["value"]["end"]) == (0, 4)
    export = tmp_path / "project-1-at-2026.json"
    export.write_text(json.dumps(label_studio_labels(tasks), ensure_ascii=False, indent=2), encoding="utf-8")
    result = _import(corpus, export, tmp_path / "imported", "--combined")
    assert "gold ok" in result.output
    _same_files(corpus / "gold", tmp_path / "imported")


@pytest.mark.parametrize("nested", [False, True])
def test_round_trip_doccano(corpus, tmp_path, nested):
    _export(corpus, tmp_path / "tasks", "--tool", "doccano", "--from-gold", str(corpus / "gold"))
    lines = [json.loads(x) for x in (tmp_path / "tasks/doccano.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["text"] == TEXT_A
    date = next(e for e in lines[0]["entities"] if e["label"] == "DATE")
    assert date["start_offset"] == TEXT_A.index("2024年5月1日")  # doccano counts code points
    assert "会談@" in lines[0]["fields"] and "#2 modality=planned" in lines[0]["fields"]
    export = tmp_path / "all.jsonl"
    export.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in doccano_labels(lines, nested)), encoding="utf-8")
    _import(corpus, export, tmp_path / "imported", "--combined")
    _same_files(corpus / "gold", tmp_path / "imported")


def test_round_trip_per_document_files(corpus, tmp_path):
    _export(corpus, tmp_path / "tasks", "--tool", "label-studio", "--from-gold", str(corpus / "gold"), "b")
    tasks = json.loads((tmp_path / "tasks/label-studio.json").read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == ["b"]
    export = tmp_path / "ls.json"
    export.write_text(json.dumps(label_studio_labels(tasks), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "annotators" / "A"
    _import(corpus, export, out)
    assert sorted(p.name for p in out.iterdir()) == ["b.entities.csv", "b.events.csv", "b.timex.csv"]
    for layer in COLUMNS:
        want = [r for r in read_csv_rows(corpus / "gold" / f"{layer}.csv") if r["doc_id"] == "b"]
        assert read_csv_rows(out / f"b.{layer}.csv") == want
    assert check_gold(out, corpus) == ([], 3)
    # a second import does not overwrite without --force
    result = _import(corpus, export, out, code=1)
    assert "would overwrite" in result.output
    _import(corpus, export, out, "--force")


# ---------------------------------------------------------------- blank and pre-filled exports


def test_blank_export_has_no_regions(corpus, tmp_path):
    _export(corpus, tmp_path / "tasks")
    tasks = json.loads((tmp_path / "tasks/label-studio.json").read_text(encoding="utf-8"))
    assert len(tasks) == 2 and all("predictions" not in t and "annotations" not in t for t in tasks)
    lines = [json.loads(x) for x in (tmp_path / "tasks/doccano.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["doc_id"], d["entities"], d["relations"], d["fields"]) for d in lines] == [("a", [], [], ""), ("b", [], [], "")]
    config = (tmp_path / "tasks/label-studio-config.xml").read_text(encoding="utf-8")
    ElementTree.fromstring(config)  # well-formed
    for word in ('name="timex"', 'value="COUNTRY"', 'value="SHOW_OF_FORCE"', 'perRegion="true"', 'value="negated"'):
        assert word in config
    spans = json.loads((tmp_path / "tasks/doccano-span-labels.json").read_text(encoding="utf-8"))
    assert {s["text"] for s in spans} == set(ann.label_layers())


def _outputs(folder: Path) -> Path:
    """An extractor output folder (more columns than the gold) for document a."""
    t = GOLD["timex"][0]
    write_csv(folder / "timex.csv", ("doc_id", "timex_id", "char_start", "char_end", "text", "type", "value",
                                      "date_start", "date_end", "precision", "anchor"),
              [{**t, "timex_id": "T1", "precision": "day", "anchor": "absolute"}])
    e = GOLD["entities"][1]
    write_csv(folder / "entities.csv", ("doc_id", "entity_id", "char_start", "char_end", "text", "label", "actor_id",
                                         "country", "name", "name_en"), [{**e, "entity_id": "E1", "country": "CHN"}])
    v = GOLD["events"][0]
    write_csv(folder / "events.csv", ("event_id", *EVENT_COLUMNS[:-1], "rules"), [{**v, "event_id": "V1", "rules": "x"}])
    return folder


def test_prefill_from_the_extractor_output(corpus, tmp_path):
    outputs = _outputs(tmp_path / "outputs")
    result = _export(corpus, tmp_path / "tasks", "--prefill", str(outputs))
    assert "must never be used as a gold set" in result.output
    tasks = json.loads((tmp_path / "tasks/label-studio.json").read_text(encoding="utf-8"))
    labels = [r["value"]["labels"][0] for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels"]
    assert sorted(labels) == ["COUNTRY", "DATE", "MEET"]
    assert tasks[0]["predictions"][0]["model_version"].startswith("extractor output")
    assert "predictions" not in tasks[1]
    lines = [json.loads(x) for x in (tmp_path / "tasks/doccano.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines[0]["entities"]) == 3 and "actor_id=CHN" in lines[0]["fields"]
    # predictions alone are never imported: a task nobody labelled is not written
    export = tmp_path / "untouched.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    result = _import(corpus, export, tmp_path / "imported")
    assert "no annotation" in result.output and not any((tmp_path / "imported").glob("*.csv"))


# ---------------------------------------------------------------- what the analyst does in the tools


def test_doccano_spans_comment_and_relations(corpus, tmp_path):
    """An analyst labels document b in doccano: spans, relations from the trigger and a comment
    with the fields; offsets are code points after the flag emoji and 𠮟."""
    def span(i, s, label):
        a, b = _at(TEXT_B, s)
        return {"id": i, "label": label, "start_offset": a, "end_offset": b}

    task = {"id": 7, "text": TEXT_B, "doc_id": "b", "text_sha256": ann.text_sha256(TEXT_B), "fields": "",
            "entities": [span(1, "日本", "COUNTRY"), span(2, "2025年3月", "DATE"), span(3, "東京", "GPE"),
                         span(4, "会談", "MEET")],
            "relations": [{"id": 1, "from_id": 4, "to_id": 1, "type": "actor1"},
                          {"id": 2, "from_id": 4, "to_id": 3, "type": "location"},
                          {"id": 3, "from_id": 4, "to_id": 2, "type": "date"}],
            "Comments": ["日本 actor_id=JPN\n東京 actor_id=JPN\n2025年3月 value=2025-03 date_start=2025-03-01 "
                         "date_end=2025-03-31\n会談 note=首脳会談 (leader-level)"]}
    export = tmp_path / "doccano.jsonl"
    export.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    _import(corpus, export, tmp_path / "A")
    events = read_csv_rows(tmp_path / "A/b.events.csv")
    assert [(e["trigger"], e["actor1"], e["participants"], e["location"], e["date_start"], e["date_end"],
             e["modality"], e["note"]) for e in events] == [
        ("会談", "JPN", "JPN", "JPN", "2025-03-01", "2025-03-31", "asserted", "首脳会談 (leader-level)")]
    entities = read_csv_rows(tmp_path / "A/b.entities.csv")
    assert [(e["char_start"], e["text"], e["actor_id"]) for e in entities] == [(str(TEXT_B.index("日本")), "日本", "JPN"),
                                                                                 (str(TEXT_B.index("東京")), "東京", "JPN")]


def test_doccano_sequence_labelling_list_and_repeated_spans(corpus, tmp_path):
    """doccano's plain sequence-labelling export (`label: [[start, end, LABEL]]`): two events on one
    trigger (coordinated dates) told apart by `#N` in the order doccano made them — spans 9 and 10,
    so that span `#10` must sort after `#9`."""
    a, b = _at(TEXT_A, "会談", 2)
    dates = ["2024年5月1日", "同日", "20日", "5月1日", "1日", "2024年", "6月19日", "5月"]
    spans = [[*_at(TEXT_A, d), "DATE"] for d in dates] + [[a, b, "MEET"], [a, b, "MEET"]]
    comment = ("// the second meeting, one row per date\n"
               f"会談@{a} modality=planned date_start=2024-06-19 date_end=2024-06-19\n"
               f"会談@{a}#2 modality=planned date_start=2024-06-20 date_end=2024-06-20")
    task = {"id": 1, "text": TEXT_A, "doc_id": "a", "label": spans, "Comments": [{"text": comment}]}
    export = tmp_path / "seq.jsonl"
    export.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    _import(corpus, export, tmp_path / "A")
    ev = read_csv_rows(tmp_path / "A/a.events.csv")
    assert [(int(e["char_start"]), e["modality"], e["date_start"]) for e in ev] == [(a, "planned", "2024-06-19"),
                                                                                   (a, "planned", "2024-06-20")]
    assert len(read_csv_rows(tmp_path / "A/a.timex.csv")) == 8
    # a third one is not there
    task["Comments"] = [comment.replace("会談@%d#2" % a, "会談#3")]
    export.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    result = _import(corpus, export, tmp_path / "B", code=1)
    assert "no labelled span '会談' #3 (there are 2)" in result.output


def test_label_studio_code_point_offsets_and_lf_text_are_read(corpus, tmp_path):
    """A front end that counts code points, or a tool that turned CRLF into LF: the region's
    text says which, and the offsets land on the raw text."""
    lf = TEXT_A.replace("\r\n", "\n")
    s = lf.index("非難")
    task = {"id": 1, "data": {"text": lf, "doc_id": "a"}, "annotations": [{"completed_by": 1, "result": [
        {"id": "k1", "from_name": "event", "to_name": "text", "type": "labels",
         "value": {"start": s, "end": s + 2, "text": "非難", "labels": ["CRITICIZE"]}},
        {"id": "k2", "from_name": "timex", "to_name": "text", "type": "labels",
         "value": {"start": lf.index("2024年\n6月"), "end": lf.index("2024年\n6月") + len("2024年\n6月19日"),
                   "text": "2024年\n6月19日", "labels": ["DATE"]}},
        {"id": "k2", "from_name": "timex_value", "to_name": "text", "type": "textarea",
         "value": {"start": 0, "end": 0, "text": ["2024-06-19"]}},
        {"id": "k3", "from_name": "entity", "to_name": "text", "type": "labels",
         "value": {"start": lf.index("中国外務省"), "end": lf.index("中国外務省") + 5, "text": "中国外務省",
                   "labels": ["ORG"]}},
        {"id": "k3", "from_name": "actor_id", "to_name": "text", "type": "textarea", "value": {"text": ["CHN"]}},
        {"from_id": "k1", "to_id": "k3", "type": "relation", "direction": "right", "labels": ["actor1"]},
    ]}]}
    export = tmp_path / "ls.json"
    export.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    _import(corpus, export, tmp_path / "A")
    ev = read_csv_rows(tmp_path / "A/a.events.csv")
    assert [(int(e["char_start"]), e["trigger"], e["modality"], e["actor1"], e["participants"]) for e in ev] == [
        (TEXT_A.index("非難"), "非難", "asserted", "CHN", "CHN")]
    ent = read_csv_rows(tmp_path / "A/a.entities.csv")
    assert [(int(e["char_start"]), e["text"], e["actor_id"]) for e in ent] == [(TEXT_A.index("中国外務省"), "中国外務省", "CHN")]
    tx = read_csv_rows(tmp_path / "A/a.timex.csv")
    assert [(int(t["char_start"]), t["text"], t["value"]) for t in tx] == [
        (TEXT_A.index("2024年\r\n6月"), "2024年\r\n6月19日", "2024-06-19")]


# ---------------------------------------------------------------- bad exports


def _ls_task(result, doc="a", text=TEXT_A, **extra):
    return {"id": 3, "data": {"text": text, "doc_id": doc}, "annotations": [{"completed_by": 1, "result": result}], **extra}


def _region(rid, control, label, s, text=TEXT_A):
    a, b = _at(text, s)
    u = ann.utf16_offsets(text)
    return {"id": rid, "from_name": control, "to_name": "text", "type": "labels",
            "value": {"start": u[a], "end": u[b], "text": s, "labels": [label]}}


@pytest.mark.parametrize("content,name,fragment", [
    ('[\n {"id": 1, "data": {"text": "x", "doc_id": "a"}},\n {"id": 2, "data": oops}\n]', "ls.json", ":3: not JSON"),
    ("not json at all", "ls.json", ":1: not JSON"),
    (json.dumps([_ls_task([_region("r1", "entity", "NATION", "日本")])]), "ls.json", "r1: labels ['NATION']"),
    (json.dumps([_ls_task([_region("r1", "entity", "COUNTRY", "日本"),
                           {"id": "r1", "from_name": "actor_id", "to_name": "text", "type": "textarea",
                            "value": {"start": 0, "end": 0, "text": ["JP"]}}])]),
     "ls.json", f"region r1 COUNTRY [{TEXT_A.index('日本')},{TEXT_A.index('日本') + 2}): actor_id: 'JP' is not an ISO 3166-1 alpha-3"),
    (json.dumps([_ls_task([_region("r1", "event", "MEET", "会談"),
                           {"id": "r1", "from_name": "actor_id", "to_name": "text", "type": "textarea",
                            "value": {"text": ["JPN"]}}])]), "ls.json", "actor_id belongs to an actor or place span, not to an event trigger span"),
    (json.dumps([_ls_task([_region("r1", "timex", "DATE", "同日")], doc="zz")]), "ls.json", "'zz' is not in the corpus"),
    (json.dumps([_ls_task([_region("r1", "timex", "DATE", "同日", "別の記事、同日")], text="別の記事、同日")]), "ls.json",
     "is not the text of a"),
    (json.dumps([{**_ls_task([]), "annotations": [{"completed_by": 1, "result": []},
                                                    {"completed_by": 2, "result": []}]}]), "ls.json", "--annotator"),
    ('{"text": "x", "doc_id": "a"}\n{"text": "x", "doc_id": "a", "entities": [[0, 99, "DATE"]]}\n', "d.jsonl",
     "d.jsonl:2: span #1 'DATE' [0,99): offsets outside the text"),
    (json.dumps({"text": TEXT_B, "doc_id": "b", "entities": [[0, 2, "COUNTRY"]], "Comments": ["東京 actor_id=JPN"]}),
     "d.jsonl", "no labelled span '東京'"),
    (json.dumps({"text": TEXT_B, "doc_id": "b", "entities": [[2, 4, "COUNTRY"]], "Comments": ["日本 date_start=2024-01-01"]}),
     "d.jsonl", "'date_start' is no field of an actor or place span"),
    (json.dumps({"text": TEXT_B, "doc_id": "b", "entities": [[2, 4, "COUNTRY"]], "relations": [
        {"from_id": 1, "to_id": 2, "type": "enemy"}]}), "d.jsonl", "type must be one of"),
])
def test_malformed_export_is_refused_with_its_place(corpus, tmp_path, content, name, fragment):
    export = tmp_path / name
    export.write_text(content, encoding="utf-8")
    result = _import(corpus, export, tmp_path / "A", code=1)
    assert fragment in result.output, result.output
    assert str(export) in result.output
    assert not (tmp_path / "A").exists()


def test_duplicate_rows_are_refused_by_gold_check(corpus, tmp_path):
    """What only the written file shows (a duplicate row) is found by gold-check's own pass and
    named by the CSV file and line; nothing is written."""
    r = _region("r1", "timex", "DATE", "同日")
    r2 = {**r, "id": "r2"}
    export = tmp_path / "ls.json"
    export.write_text(json.dumps([_ls_task([r, r2])], ensure_ascii=False), encoding="utf-8")
    result = _import(corpus, export, tmp_path / "A", code=1)
    assert f"{tmp_path / 'A' / 'a.timex.csv'}:3: row: duplicate of line 2" in result.output
    assert not (tmp_path / "A").exists()


def test_cli_refuses_bad_options(corpus, tmp_path):
    result = runner.invoke(app, ["export-annotations", "--corpus", str(corpus), "--out", str(tmp_path), "--tool", "brat"])
    assert result.exit_code == 2 and "--tool 'brat'" in result.output
    result = runner.invoke(app, ["export-annotations", "zz", "--corpus", str(corpus), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "zz" in result.output
    result = runner.invoke(app, ["import-annotations", str(tmp_path / "none.json"), "--corpus", str(corpus),
                                 "--out", str(tmp_path / "A")])
    assert result.exit_code == 2 and "file not found" in result.output
    result = runner.invoke(app, ["--help"])
    assert "export-annotations" in result.stdout and "import-annotations" in result.stdout


def test_imported_files_merge_with_add_gold(corpus, tmp_path):
    """The per-document files are what scripts/add_gold.py merges into a gold set."""
    import subprocess
    import sys

    _export(corpus, tmp_path / "tasks", "--tool", "label-studio", "--from-gold", str(corpus / "gold"))
    tasks = json.loads((tmp_path / "tasks/label-studio.json").read_text(encoding="utf-8"))
    export = tmp_path / "ls.json"
    export.write_text(json.dumps(label_studio_labels(tasks), ensure_ascii=False), encoding="utf-8")
    _import(corpus, export, corpus / "adjudicated")
    merged = corpus / "merged"
    script = Path(__file__).resolve().parents[1] / "scripts" / "add_gold.py"
    for doc in ("a", "b"):
        proc = subprocess.run([sys.executable, str(script), str(corpus / "adjudicated"), doc, "--gold", str(merged)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    assert check_gold(merged, corpus) == ([], 3)
    for layer in COLUMNS:
        assert read_csv_rows(merged / f"{layer}.csv") == read_csv_rows(corpus / "gold" / f"{layer}.csv")

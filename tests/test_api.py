"""The Python API (issue 19): the same tables as the CSVs, for a string or files; a spaCy face."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.extract import TABLE_COLUMNS, run_extract

TEXT = "2024年6月19日、ロシアのプーチン大統領は平壌を訪問し、北朝鮮と条約に署名した。20日には帰国した。"


@pytest.fixture(scope="module")
def tables():
    return pipeline.extract_text(TEXT, doc_date="2024-06-21", title="露朝条約")


def test_tables_have_the_csv_columns_and_dates_as_datetimes(tables):
    assert sorted(tables) == ["documents", "entities", "events", "sentences", "timex"]
    for name, df in tables.items():
        assert list(df.columns) == list(TABLE_COLUMNS[name])
    assert str(tables["events"]["date_start"].dtype).startswith("datetime64")
    assert tables["documents"].loc[0, "title"] == "露朝条約" and tables["documents"].loc[0, "doc_date"] == "2024-06-21"


def test_offsets_point_into_the_text_given(tables):
    for name in ("timex", "entities", "events", "sentences"):
        df = tables[name]
        col = {"events": "trigger"}.get(name, "text")
        assert all(TEXT[s:e] == t for s, e, t in zip(df["char_start"], df["char_end"], df[col]))


def test_same_rows_as_the_csvs(tables, tmp_path: Path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c" / "manifest.csv").write_text(
        "doc_id,path,title,author,published,source\ntext,text.txt,露朝条約,,2024-06-21,api\n", encoding="utf-8")
    run_extract([tmp_path / "c"], tmp_path / "out", progress=False, cache=False)
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8-sig", newline="") as fh:
        csv_events = [(r["trigger"], r["event_type"], r["participants"], r["date_start"]) for r in csv.DictReader(fh)]
    api = tables["events"]
    api_events = [(t, e, p, d.strftime("%Y-%m-%d") if not pd.isna(d) else "")
                  for t, e, p, d in zip(api["trigger"], api["event_type"], api["participants"], api["date_start"])]
    assert api_events == csv_events and api_events


def test_extract_files_reads_folders_with_their_manifests(tmp_path: Path):
    (tmp_path / "a.txt").write_text("2023年9月13日、ロシアと北朝鮮の首脳が会談した。", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    got = pipeline.extract_files([tmp_path])
    assert sorted(zip(got["documents"]["doc_id"], got["documents"]["status"])) == [("a", "ok"), ("empty", "error")]
    assert list(got["events"]["event_type"]) == ["MEET"]


def test_parse_gives_a_doc_with_spans_and_events():
    doc = pipeline.parse(TEXT)
    assert {s.label_ for s in doc.spans["actors"]} >= {"COUNTRY", "PERSON"}
    for key in ("actors", "timex"):
        for span in doc.spans[key]:
            start, end = span._.raw
            assert TEXT[start:end] == span.text
    assert [e["event_type"] for e in doc._.events][:1] == ["VISIT"]


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError):
        pipeline.extract_text(b"bytes")
    with pytest.raises(ValueError, match="empty"):
        pipeline.extract_text("   ")


def test_console_script_runs():
    import subprocess
    import sys

    script = Path(sys.executable).parent / "jp-events"
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "extract" in proc.stdout

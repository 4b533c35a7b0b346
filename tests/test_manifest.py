"""Manifest reading (SPEC §1): ISO datetimes in `published`, one manifest per corpus folder."""

import re
from pathlib import Path

import pytest

from pipeline.extract import collect_inputs
from pipeline.manifest import load_manifest, published_date

HEADER = "doc_id,path,title,author,published,source\n"


@pytest.mark.parametrize("published, doc_date", [
    ("2024-11-01T09:18:00+09:00", "2024-11-01"),   # the calendar date as written, not UTC
    ("2024-04-15T00:34:00+09:00", "2024-04-15"),   # would be the 14th in UTC
    ("2023-11-17T13:05Z", "2023-11-17"),
    ("2024-03-08 05:10:00", "2024-03-08"),
    ("2024-03-26", "2024-03-26"),
    ("2024-12", "2024-12"),
    ("2025", "2025"),
    ("", ""),
])
def test_published_gives_the_calendar_date_as_written(tmp_path: Path, published: str, doc_date: str):
    (tmp_path / "a.txt").write_text("本文。", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(HEADER + f"a,a.txt,T,,{published},x\n", encoding="utf-8")
    row = next(iter(load_manifest(tmp_path / "manifest.csv").values()))
    assert row.published == published
    assert row.doc_date == doc_date == published_date(published)


@pytest.mark.parametrize("published", ["2024-13-01", "2024-02-30", "2024/11/01", "2024-11-01T25", "昨日"])
def test_a_published_value_that_is_no_date_is_a_warning_and_the_row_stays(tmp_path: Path, published: str):
    (tmp_path / "manifest.csv").write_text(HEADER + f"a,a.txt,T,,{published},x\n", encoding="utf-8")
    said: list[str] = []
    rows = load_manifest(tmp_path / "manifest.csv", said.append)
    assert [(r.doc_id, r.title, r.published) for r in rows.values()] == [("a", "T", "")]
    assert len(said) == 1 and re.search(r"manifest\.csv:2: published", said[0])


def test_bad_rows_are_warnings_naming_file_and_line(tmp_path: Path):
    text = HEADER + "a,a.txt,A,,2024,x\nb\n,c.txt,C,,,\na,d.txt,D,,,\ne,a.txt,E,,,\nf,f.txt,F,,,\n"
    (tmp_path / "manifest.csv").write_bytes(text.replace("A", "日本").encode("cp932"))  # as Japanese Excel saves it
    said: list[str] = []
    rows = load_manifest(tmp_path / "manifest.csv", said.append)
    assert sorted((r.doc_id, r.title) for r in rows.values()) == [("a", "日本"), ("f", "F")]
    assert [re.search(r"manifest\.csv:(\d+):", m).group(1) for m in said] == ["3", "4", "5", "6"]


def test_a_manifest_without_its_columns_is_one_warning(tmp_path: Path):
    (tmp_path / "manifest.csv").write_text("name,file\na,a.txt\n", encoding="utf-8")
    said: list[str] = []
    assert load_manifest(tmp_path / "manifest.csv", said.append) == {}
    assert len(said) == 1 and "missing column(s) doc_id, path" in said[0]


def test_a_row_whose_file_is_missing_is_an_error_document(tmp_path: Path):
    from pipeline.extract import run_extract

    (tmp_path / "a.txt").write_text("2024年に会談した。", encoding="utf-8")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "manifest.csv").write_text(HEADER + "a,a.txt,A,,2024,x\ngone,gone.txt,G,,,x\nd,dir.txt,D,,,x\n",
                                           encoding="utf-8")
    docs = run_extract([tmp_path], tmp_path / "out", progress=False, cache=False)
    status = {d["doc_id"]: (d["status"], d["error"][:16]) for d in docs}
    assert status["a"][0] == "ok"
    assert status["gone"][0] == "error" and status["d"][0] == "error"


def test_each_corpus_folder_reads_its_own_manifest(tmp_path: Path):
    (tmp_path / "seed.txt").write_text("本文。", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(HEADER + "seed-1,seed.txt,S,,2024,x\n", encoding="utf-8")
    for part in ("dev", "test"):
        (tmp_path / part).mkdir()
        (tmp_path / part / f"wire-{part}.txt").write_text("本文。", encoding="utf-8")
        (tmp_path / part / "manifest.csv").write_text(
            HEADER + f"{part}-doc,wire-{part}.txt,{part.upper()},,2024-11-01T09:18:00+09:00,x\n", encoding="utf-8")
        (tmp_path / part / "gold").mkdir()
        (tmp_path / part / "gold" / "notes.txt").write_text("gold is not an article", encoding="utf-8")
    files, manifests = collect_inputs([tmp_path])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in files) == ["dev/wire-dev.txt", "seed.txt", "test/wire-test.txt"]
    assert {m.doc_id: m.doc_date for m in manifests.values()} == {
        "seed-1": "2024", "dev-doc": "2024-11-01", "test-doc": "2024-11-01"}

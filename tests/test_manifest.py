"""Manifest reading (SPEC §1): ISO datetimes in `published`, one manifest per corpus folder."""

from pathlib import Path

import pytest

from pipeline.extract import collect_inputs
from pipeline.manifest import ManifestError, load_manifest, published_date

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
def test_a_published_value_that_is_no_date_names_file_and_line(tmp_path: Path, published: str):
    (tmp_path / "manifest.csv").write_text(HEADER + f"a,a.txt,T,,{published},x\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest\.csv:2: published"):
        load_manifest(tmp_path / "manifest.csv")


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

"""The engines, the result cache, streaming writes and NER on gaps (issue 9).

Composed articles; rows of every engine must be identical to the local one-process run."""

import shutil

import pytest

from pipeline.extract import TABLE_COLUMNS, run_extract

ARTICLES = {
    "a.txt": "2024年6月19日、プーチン大統領は平壌を訪問し、金正恩総書記と会談した。両首脳は包括的戦略パートナーシップ条約に署名した。",
    "b.txt": "2023年9月13日、ロシアと北朝鮮の首脳会談が行われた。翌日、北朝鮮は弾道ミサイルを発射した。",
    "c.txt": "中国外務省の報道官は同日、日米の共同声明を批判した。\n\n2025年1月、韓国は国連安保理で新たな制裁に賛成した。",
    "d.txt": "ウクライナのゼレンスキー大統領は2024年8月、クルスク州への越境攻撃を認めた。",
    "e.txt": "",  # an error row
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _tables(out):
    return {t: (out / f"{t}.csv").read_bytes() for t in TABLE_COLUMNS}


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    run_extract([corpus], out, progress=False, cache=False, chunk_docs=2)
    return _tables(out)


def test_reference_run_has_rows(reference):
    assert reference["events"].count(b"\r\n") > 3
    assert b",error," in reference["documents"]


def test_chunk_size_does_not_change_rows(corpus, reference, tmp_path):
    run_extract([corpus], tmp_path, progress=False, cache=False, chunk_docs=16)
    assert _tables(tmp_path) == reference


def test_warm_run_reads_the_cache_and_gives_the_same_bytes(corpus, reference, tmp_path, capsys):
    run_extract([corpus], tmp_path, progress=True, chunk_docs=2)
    assert _tables(tmp_path) == reference
    capsys.readouterr()
    run_extract([corpus], tmp_path, progress=True, chunk_docs=2)
    assert "cache: 4 of 5 document(s) unchanged" in capsys.readouterr().err  # the error row is not cached
    assert _tables(tmp_path) == reference


def test_a_changed_document_is_processed_again(corpus, tmp_path, capsys):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    run_extract([folder], tmp_path / "out", progress=True)
    (folder / "d.txt").write_text(ARTICLES["d.txt"].replace("2024年8月", "2024年9月"), encoding="utf-8")
    capsys.readouterr()
    run_extract([folder], tmp_path / "out", progress=True)
    assert "3 of 5 document(s) unchanged, 2 processed" in capsys.readouterr().err
    assert b"2024-09" in (tmp_path / "out" / "timex.csv").read_bytes()


def test_code_version_is_part_of_the_key(monkeypatch):
    from pipeline import cache
    from pipeline.extract import Job

    job = Job("x", "x.txt", "本文。".encode())
    before = cache.job_key(job)
    monkeypatch.setattr(cache, "code_version", lambda: "another")
    assert cache.job_key(job) != before
    assert cache.job_key(job, "all") != cache.job_key(job, "gaps")


def test_process_pool_gives_identical_rows(corpus, reference, tmp_path):
    run_extract([corpus], tmp_path, progress=False, cache=False, n_process=2, chunk_docs=2)
    assert _tables(tmp_path) == reference


def test_dask_engine_gives_identical_rows_and_parquet(corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    import pyarrow.parquet as pq

    run_extract([corpus], tmp_path, progress=False, cache=False, engine="dask", n_process=2, chunk_docs=2)
    assert _tables(tmp_path) == reference
    events = pq.read_table(tmp_path / "parquet" / "events").to_pylist()
    assert len(events) == reference["events"].count(b"\r\n") - 1
    assert all(isinstance(r["char_start"], int) for r in events)
    assert all(isinstance(r["participants"], list) for r in events)  # typed (pipeline/schema.py)
    dedup = pq.read_table(tmp_path / "parquet" / "events_dedup").to_pylist()
    assert len(dedup) == (tmp_path / "events_dedup.csv").read_bytes().count(b"\r\n") - 1

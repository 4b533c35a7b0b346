"""What happens when… (issue 18): inputs analysts really have must not stop a run.

Each test drives the real pipeline on a composed input and asserts the documented outcome.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipeline.extract import run_extract


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_one_line_article_over_the_tokenizer_limit_is_processed(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = "2024年6月19日、ロシアと北朝鮮は条約に署名した。"
    (corpus / "long.txt").write_text(sentence * 1500, encoding="utf-8")  # ~100 KB on one line
    (corpus / "short.txt").write_text("米国は2023年8月18日に日本と会談した。", encoding="utf-8")
    out = tmp_path / "out"
    docs = run_extract([corpus], out, progress=False, cache=False)
    assert sorted((d["doc_id"], d["status"]) for d in docs) == [("long", "ok"), ("short", "ok")]
    timex = [r for r in read_rows(out / "timex.csv") if r["doc_id"] == "long"]
    assert len(timex) == 1500  # every sentence's date, across the cuts


def test_a_file_over_the_size_limit_is_an_error_row_and_the_run_goes_on(tmp_path: Path):
    from pipeline.ingest import MAX_BYTES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "huge.txt").open("wb") as fh:  # sparse: over the limit without writing it
        fh.truncate(MAX_BYTES + 1)
    (corpus / "short.txt").write_text("米国は2023年8月18日に日本と会談した。", encoding="utf-8")
    docs = {d["doc_id"]: d for d in run_extract([corpus], tmp_path / "out", progress=False, cache=False)}
    assert docs["short"]["status"] == "ok"
    assert docs["huge"]["status"] == "error"
    assert docs["huge"]["error"] == ("file too large: 20.1 MiB > limit 20 MiB (20,971,521 bytes): "
                                     "split the article into files under the limit")
    rows = read_rows(tmp_path / "out" / "documents.csv")
    assert [r["error"].split(":")[0] for r in rows if r["doc_id"] == "huge"] == ["file too large"]


def _run_cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True)


def test_failed_documents_give_a_non_zero_exit_unless_allowed(tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("2024年に会談した。", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    failed = _run_cli("extract", str(corpus), "--out", str(tmp_path / "o1"), "--no-progress", "--no-cache")
    allowed = _run_cli("extract", str(corpus), "--out", str(tmp_path / "o2"), "--no-progress", "--no-cache",
                       "--allow-errors")
    assert failed.returncode == 1 and "1 of 2 document(s) failed" in failed.stderr
    assert allowed.returncode == 0
    assert (tmp_path / "o1" / "documents.csv").is_file()  # the tables are written either way


def test_no_article_found_is_an_error(tmp_path: Path):
    (tmp_path / "c").mkdir()
    proc = _run_cli("extract", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--no-progress")
    assert proc.returncode == 2 and proc.stderr.startswith("error: no article")


def test_show_prints_markup_in_the_data_as_written():
    from rich.console import Console

    from pipeline.show import events_table

    doc = {"doc_id": "d", "title": "[/bold] 題名 [link=http://x]x[/link]", "doc_date": "2024"}
    event = {"event_id": "V1", "event_type": "MEET", "modality": "asserted", "trigger": "[/]",
             "sentence": "本文 [/] と [bold]", "date_start": "2024-01-01", "date_end": "2024-12-31"}
    console = Console(record=True, width=200)
    console.print(events_table(doc, [event], sentences=True))
    text = console.export_text()
    assert "[/bold] 題名 [link=http://x]x[/link]" in text and "本文 [/] と [bold]" in text


def test_a_damaged_cache_entry_is_recomputed(tmp_path: Path):
    from pipeline.cache import RESULT_TABLES, ResultCache

    store = ResultCache(tmp_path)
    store.put("ab" * 8, {"key": "k", "document": {"status": "ok"}, **{t: [] for t in RESULT_TABLES}})
    assert store.get("ab" * 8) is not None
    path = tmp_path / "ab" / f"{'ab' * 8}.json"
    for damaged in ('{"key": "k", "document": {"status": "ok"}, "timex": 3}', "[]", '{"a":'):
        path.write_text(damaged, encoding="utf-8")
        assert store.get("ab" * 8) is None


GOLD_TIMEX = "doc_id,char_start,char_end,text,type,value,date_start,date_end\n"
GOLD_ENTS = "doc_id,char_start,char_end,text,label,actor_id\n"
GOLD_EVENTS = ("doc_id,char_start,char_end,trigger,event_type,modality,actor1,actor2,participants,location,"
               "date_start,date_end,note\n")


def _gold_corpus(tmp_path: Path, timex_bytes: bytes) -> Path:
    (tmp_path / "a.txt").write_text("2024年に会談した。", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("doc_id,path,title,author,published,source\na,a.txt,,,2024,\n",
                                           encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "timex.csv").write_bytes(timex_bytes)
    (gold / "entities.csv").write_text(GOLD_ENTS, encoding="utf-8")
    (gold / "events.csv").write_text(GOLD_EVENTS, encoding="utf-8")
    return gold


BAD_GOLD = [
    (GOLD_TIMEX + 'a,0,5,"2024年,DATE,2024,2024-01-01,2024-12-31\na,0,5,2024年,DATE,2024,2024-01-01,2024-12-31\n',
     "timex.csv:2: row: an unbalanced quote"),
    ((GOLD_TIMEX + "a,0,500,2024年,DATE,2024,2024-01-01,2024-12-31\n"), "timex.csv:2: char_start: span [0,500) outside"),
    ((GOLD_TIMEX + "a,5,0,2024年,DATE,2024,2024-01-01,2024-12-31\n"), "timex.csv:2: char_start: span [5,0)"),
    ((GOLD_TIMEX + "a,0,5,2024年,DATE,2024,2024-13-01,2024-12-31\n"), "timex.csv:2: date_start: '2024-13-01' is not"),
    ((GOLD_TIMEX + "zz,0,5,2024年,DATE,2024,2024-01-01,2024-12-31\n"), "timex.csv:2: doc_id: unknown doc_id 'zz'"),
    ((GOLD_TIMEX + "a,0,5,2024年,DATE,2024,2024-01-01,2024-12-31,extra\n"), "timex.csv:2: row: more cells"),
    ((GOLD_TIMEX + "a,0,5,2024年\n"), "timex.csv:2: row: fewer cells"),
    ((GOLD_TIMEX + "a,0,5,2024年,DATE,2024,2024-01-01,2024-12-31\n"), None),
]


import pytest  # noqa: E402


@pytest.mark.parametrize("text,problem", BAD_GOLD)
def test_gold_check_and_eval_refuse_the_same_bad_gold(tmp_path: Path, text: str, problem):
    from pipeline.evaluate import EvalError, load_gold
    from pipeline.gold_check import check_gold

    gold = _gold_corpus(tmp_path, text.encode("utf-8"))
    problems, _ = check_gold(gold)
    if problem is None:
        assert problems == []
        assert len(load_gold(gold)["timex"]) == 1
        return
    assert problem in problems[0]
    with pytest.raises(EvalError, match=re.escape(problem)):
        load_gold(gold)


@pytest.mark.parametrize("data,problem", [
    (("\ufeff" + GOLD_TIMEX).encode("utf-16"), "file: UTF-16"),
    ((GOLD_TIMEX + "a,0,5,２０２４年,DATE,2024,2024-01-01,2024-12-31\n").encode("cp932"), "not UTF-8"),
    (b"", "file: empty"),
])
def test_gold_in_another_encoding_or_empty_is_named(tmp_path: Path, data: bytes, problem: str):
    from pipeline.evaluate import EvalError, load_gold

    gold = _gold_corpus(tmp_path, data)
    with pytest.raises(EvalError, match=problem):
        load_gold(gold)


def test_a_killed_worker_fails_its_documents_and_the_run_finishes():
    import fault_helpers

    from pipeline.engines import map_chunks

    chunks = [["a"], ["kill"], ["b"], ["c"]]
    got = [r for chunk in map_chunks(fault_helpers.die_on_marker, chunks, n_process=2, on_fail=fault_helpers.failed)
           for r in chunk]
    assert got[0] == "done a" and got[2:] == ["done b", "done c"]
    assert got[1].startswith("failed kill: worker process died")


def test_a_second_run_into_a_busy_folder_stops_with_a_clear_message(tmp_path: Path):
    import os

    from pipeline.outdir import OutputBusy, OutputFolder

    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text(str(os.getppid()))  # a live process (our parent) holds the folder
    with pytest.raises(OutputBusy, match="another extract"):
        with OutputFolder(out):
            pass
    assert (out / ".lock").read_text() == str(os.getppid())  # the other run's lock is left alone


def test_a_stale_lock_and_leftovers_of_a_killed_run_are_cleared(tmp_path: Path):
    from pipeline.outdir import OutputFolder

    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text("999999999")  # no such process
    (out / ".timex.csv.abc.tmp").write_text("half")
    (out / ".staging.12345").mkdir()
    (out / "eval").mkdir()
    with OutputFolder(out) as folder:
        (folder.stage / "timex.csv").write_text("new", encoding="utf-8")
        folder.commit()
    assert sorted(p.name for p in out.iterdir()) == ["eval", "timex.csv"]


def test_a_failed_write_leaves_the_previous_outputs_as_they_were(tmp_path: Path, monkeypatch):
    import errno

    import pipeline.extract as extract

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2024年6月19日、ロシアと北朝鮮は条約に署名した。", encoding="utf-8")
    out = tmp_path / "out"
    run_extract([corpus], out, progress=False, cache=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (corpus / "a.txt").write_text("2025年1月1日、中国とロシアは会談した。", encoding="utf-8")

    def no_space(stage):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(extract, "_write_views", no_space)
    with pytest.raises(OSError, match="No space"):
        run_extract([corpus], out, progress=False, cache=False)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # nothing half-written, the report and tables still agree
    assert not [p for p in out.iterdir() if p.name.startswith(".")]

import codecs
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest


def _read(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "a.txt").write_text("2024年7月12日\n\nロシアと北朝鮮は首脳会\n談を行った。両国は条約に署名した 1。\n", encoding="utf-8")
    (corpus / "b.txt").write_bytes("中国は=反対した。\n".encode("cp932"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bin.md").write_bytes(b"\x00\x01\x02binary")
    (corpus / "manifest.csv").write_text("doc_id,path,title,author,published,source\nalpha,a.txt,A,,,x\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--doc-date", "2025-01-01"],
        capture_output=True, text=True,
    )
    return corpus, out, proc


def test_documents_rows(run):
    corpus, out, proc = run
    assert proc.returncode == 1, proc.stderr  # two documents failed (issue 18: exit non-zero, say how many)
    assert "2 of 4 document(s) failed" in proc.stderr
    docs = {r["doc_id"]: r for r in _read(out / "documents.csv")}
    assert set(docs) == {"alpha", "b", "empty", "bin"}
    assert docs["alpha"]["status"] == "ok" and docs["alpha"]["doc_date"] == "2024-07-12"
    assert docs["alpha"]["doc_date_source"] == "dateline"
    assert docs["b"]["encoding"] == "cp932" and docs["b"]["doc_date_source"] == "option"
    assert docs["empty"]["status"] == "error" and "empty" in docs["empty"]["error"]
    assert docs["bin"]["status"] == "error" and "binary" in docs["bin"]["error"]
    assert proc.stderr.count("error:") == 3  # one line per failed document, one summary


def test_sentences_slice_raw_text(run):
    corpus, out, _ = run
    rows = _read(out / "sentences.csv")
    raw = (corpus / "a.txt").read_text(encoding="utf-8")
    alpha = [r for r in rows if r["doc_id"] == "alpha"]
    for r in alpha:
        assert raw[int(r["char_start"]):int(r["char_end"])] == r["text"]
    assert any("首脳会談を行った。" == r["clean_text"] or "首脳会談を行った" in r["clean_text"] for r in alpha)
    assert [r["doc_id"] for r in rows] == sorted(r["doc_id"] for r in rows)


def test_formula_cells_escaped(run):
    _, out, _ = run
    text = (out / "sentences.csv").read_bytes().decode("utf-8-sig")
    assert "中国は=反対した。" in text  # not at cell start: left alone


def test_deterministic(run, tmp_path):
    corpus, out, _ = run
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(tmp_path), "--doc-date", "2025-01-01", "--no-progress", "--allow-errors"], check=True, capture_output=True)
    for name in ("documents.csv", "sentences.csv", "report.html", "events.xlsx"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_report_and_xlsx_written(run):
    _, out, proc = run
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<section id="timeline">' in page and 'id="event-table"' in page
    n_events = len(_read(out / "events.csv"))
    assert page.count('<tr id="row-') == n_events
    assert (out / "events.xlsx").read_bytes()[:2] == b"PK"
    assert "report: " in proc.stderr


def test_bad_option_is_one_line_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "nope")], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "error:" in proc.stderr


def test_timex_rows_slice_raw_text(run):
    corpus, out, _ = run
    rows = _read(out / "timex.csv")
    raw = (corpus / "a.txt").read_text(encoding="utf-8")
    alpha = [r for r in rows if r["doc_id"] == "alpha"]
    assert alpha and alpha[0]["date_start"] == "2024-07-12"
    for r in alpha:
        assert raw[int(r["char_start"]):int(r["char_end"])] == r["text"]


def test_a_failing_stage_gives_an_error_row_not_a_crash(tmp_path, monkeypatch):
    from pipeline import extract

    (tmp_path / "a.txt").write_text("2024年6月19日、ロシアと北朝鮮が会談した。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年9月13日、両首脳が会談した。", encoding="utf-8")
    real = extract.DocumentPass.add

    def flaky(self, doc):
        if self.art.doc_id == "a":
            raise ValueError("boom")
        return real(self, doc)

    monkeypatch.setattr(extract.DocumentPass, "add", flaky)
    rows = extract.run_extract([tmp_path], tmp_path / "out", progress=False)
    status = {r["doc_id"]: (r["status"], r["error"]) for r in rows}
    assert status["a"] == ("error", "analysis failed: ValueError: boom")
    assert status["b"][0] == "ok"


def test_entities_and_events_slice_raw_text(run):
    from pipeline.ingest import read_document

    corpus, out, _ = run
    paths = {d["doc_id"]: d["path"] for d in _read(out / "documents.csv")}
    n = 0
    for name, col in (("entities.csv", "text"), ("events.csv", "trigger")):
        for r in _read(out / name):
            raw = read_document(Path(paths[r["doc_id"]])).text
            assert raw[int(r["char_start"]):int(r["char_end"])] == r[col]
            n += 1
    assert n > 0


def test_an_unexpected_failure_is_one_line_not_a_traceback(tmp_path):
    # an unreadable output folder (a file where the folder should be) fails deep inside extract
    (tmp_path / "a.txt").write_text("2024年6月19日、両首脳が会談した。", encoding="utf-8")
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "a.txt"), "--out",
                           str(tmp_path / "out"), "--no-progress", "--no-cache"], capture_output=True, text=True)
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr

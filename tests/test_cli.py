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
    for name in ("documents.csv", "sentences.csv", "report.html", "events.xlsx", "run.json"):
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


# ---- issue 19 item 4: the command line ----------------------------------------------------

STDIN_TEXT = "2024年1月5日\n\n米国は同日、北朝鮮に対する制裁を発表した。\n"


@pytest.fixture(scope="module")
def run_stdin_manifest(tmp_path_factory):
    """`extract - corpus/manifest.csv`: one article from standard input, and the one article a
    manifest named as input lists (undated, untitled); a file beside it that it does not list."""
    corpus = tmp_path_factory.mktemp("corpus2")
    (corpus / "n.txt").write_text("## 露朝首脳会談について\n\nロシアと北朝鮮は19日、首脳会談を行った。\n", encoding="utf-8")
    (corpus / "unlisted.txt").write_text("2024年7月12日\n\n中国は反対した。\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,path,title,author,published,source\nlisted,n.txt,,,,x\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out2")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "-", str(corpus / "manifest.csv"), "--out", str(out), "--no-progress"],
        input=STDIN_TEXT.encode("utf-8"), capture_output=True,
    )
    return corpus, out, proc.returncode, proc.stderr.decode("utf-8")


def test_named_manifest_is_no_article_but_its_articles_run(run_stdin_manifest):
    _, out, code, err = run_stdin_manifest
    assert code == 0, err
    docs = {r["doc_id"]: r for r in _read(out / "documents.csv")}
    assert set(docs) == {"listed", "stdin"}  # no `manifest` document; unlisted.txt not named
    assert docs["listed"]["path"].endswith("n.txt") and docs["listed"]["status"] == "ok"


def test_stdin_article(run_stdin_manifest):
    _, out, _, _ = run_stdin_manifest
    doc = next(r for r in _read(out / "documents.csv") if r["doc_id"] == "stdin")
    assert (doc["path"], doc["status"], doc["doc_date"], doc["doc_date_source"]) == ("<stdin>", "ok", "2024-01-05", "dateline")
    text = (out / "texts" / "stdin.txt").read_text(encoding="utf-8")
    assert text == STDIN_TEXT  # the offsets of every table index this file
    events = [r for r in _read(out / "events.csv") if r["doc_id"] == "stdin"]
    assert events and all(text[int(r["char_start"]):int(r["char_end"])] == r["trigger"] for r in events)
    assert any(r["event_type"] == "IMPOSE_SANCTIONS" and r["date_start"] == "2024-01-05" for r in events)


def test_title_from_the_first_line(run_stdin_manifest):
    _, out, _, _ = run_stdin_manifest
    titles = {r["doc_id"]: r["title"] for r in _read(out / "documents.csv")}
    # heading marks dropped; a dateline is not a title
    assert titles == {"listed": "露朝首脳会談について", "stdin": "米国は同日、北朝鮮に対する制裁を発表した。"}
    assert {r["doc_title"] for r in _read(out / "events.csv") if r["doc_id"] == "listed"} == {"露朝首脳会談について"}


def test_first_line_title_cut_and_skipping_datelines():
    from pipeline.extract import TITLE_MAX, first_line_title

    assert first_line_title("\n\n  2024年6月19日(水)  \n**北朝鮮が発射**\n本文") == "北朝鮮が発射"
    long = first_line_title("あ" * 500)
    assert len(long) == TITLE_MAX and long.endswith("…")
    assert first_line_title("\n \n") == ""


def test_a_warning_for_each_document_without_a_date(run_stdin_manifest):
    _, _, _, err = run_stdin_manifest
    warnings = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1, err
    assert "n.txt: no document date" in warnings[0]


def test_run_record(run_stdin_manifest):
    import hashlib
    import json
    from importlib import metadata

    import pipeline

    corpus, out, _, _ = run_stdin_manifest
    rec = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert rec["version"] == metadata.version("jp-security-events") == pipeline.__version__
    assert rec["distribution"] == "jp-security-events" and rec["tool"] == "jp-events"
    assert rec["options"]["inputs"] == ["-", (corpus / "manifest.csv").as_posix()]
    assert rec["options"]["doc_date"] is None and rec["options"]["ner"] == "gaps"
    resources = Path(pipeline.__file__).parent / "resources"
    lists = {p.relative_to(resources).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in resources.rglob("*.csv")}
    assert rec["name_lists"] == lists and "countries.csv" in lists and "events/triggers.csv" in lists
    model = rec["model"]
    assert (model["name"], model["version"]) == ("ja_ginza", metadata.version("ja-ginza"))
    assert len(model["sha256"]) == 64 and model["packages"]["spacy"] == metadata.version("spacy")
    assert rec["documents"] == {"total": 2, "ok": 2, "error": 0, "no_date": 1}
    assert "time" not in json.dumps(rec)  # nothing that changes from run to run


def test_version(tmp_path):
    from importlib import metadata

    proc = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"jp-events {metadata.version('jp-security-events')} (jp-security-events)"
    script = Path(sys.executable).parent / "jp-events"
    assert subprocess.run([str(script), "--version"], capture_output=True, text=True).stdout == proc.stdout


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "2024-00", "24-01-01", "2024/01/01", "yesterday"])
def test_doc_date_not_a_date_is_refused(tmp_path, value):
    from typer.testing import CliRunner

    from pipeline.cli import app

    (tmp_path / "a.txt").write_text("北朝鮮は1日、ミサイルを発射した。", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--doc-date", value])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: --doc-date {value!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD"]
    assert not (tmp_path / "out").exists()


def test_progress_advances_per_document(tmp_path, monkeypatch):
    """The bar moves as each document is analysed, not once per chunk of CHUNK_DOCS."""
    import tqdm as tqdm_module

    from pipeline import extract

    for k in range(3):
        (tmp_path / f"d{k}.txt").write_text(f"2024年6月{k + 1}日、ロシアと北朝鮮が会談した。", encoding="utf-8")
    analysed: list[str] = []
    seen_at_update: list[int] = []
    real = extract.DocumentPass.finish

    def counting(self):
        analysed.append(self.art.doc_id)
        return real(self)

    class FakeBar:
        write = staticmethod(tqdm_module.tqdm.write)

        def __init__(self, *args, **kwargs):
            self.total = kwargs.get("total")

        def update(self, n=1):
            seen_at_update.extend([len(analysed)] * n)

        def close(self):
            pass

    monkeypatch.setattr(extract.DocumentPass, "finish", counting)
    monkeypatch.setattr(tqdm_module, "tqdm", FakeBar)
    assert extract.CHUNK_DOCS > 3  # all three documents in one chunk
    extract.run_extract([tmp_path], tmp_path / "out", progress=True, cache=False)
    assert seen_at_update == [1, 2, 3]


def test_show_format_csv_and_json(tmp_path):
    import json

    from report_fixtures import make_outputs
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.extract import EVENT_COLUMNS

    out = make_outputs(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["show", "a", "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert [r["event_id"] for r in rows] == ["V1", "V2", "V3", "V4"]
    assert rows[3]["trigger"] == "派兵" and rows[3]["date_start"] == "1960-01-01"
    result = runner.invoke(app, ["show", "a", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["document"]["doc_id"] == "a"
    assert [e["event_id"] for e in body["events"]] == ["V1", "V2", "V3", "V4"]
    assert body["events"][0]["participants"] == "PRK;RUS" and list(body["events"][0]) == list(EVENT_COLUMNS)
    result = runner.invoke(app, ["show", "a", "--out", str(out), "--format", "xml"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --format 'xml'")

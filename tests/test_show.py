"""`python -m pipeline show DOC_ID` and the command list (typer's CliRunner)."""

from __future__ import annotations

from report_fixtures import make_outputs
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.show import short_date

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("extract", "eval", "gold-check", "show"):
        assert name in result.stdout


def test_show_prints_the_documents_events(tmp_path):
    out = make_outputs(tmp_path)
    result = runner.invoke(app, ["show", "a", "--out", str(out)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ids = [ln.split()[0] for ln in lines if ln.strip().startswith("V")]
    assert ids == ["V1", "V2", "V3", "V4"]
    v4 = next(ln for ln in lines if ln.strip().startswith("V4"))
    assert "1960–1969" in v4 and "DEPLOY_TROOPS" in v4 and "KOR→VNM" in v4 and "派兵" in v4
    v3 = next(ln for ln in lines if ln.strip().startswith("V3"))
    assert "undated" in v3 and "hypothetical" in v3
    assert "4 events" in result.stdout


def test_show_sentences_option(tmp_path):
    out = make_outputs(tmp_path)
    result = runner.invoke(app, ["show", "b", "--out", str(out), "--sentences"], env={"COLUMNS": "160"})
    assert result.exit_code == 0 and "中国は2025年3月に会談する予定だ。" in result.stdout
    assert "2025-03" in result.stdout and "planned" in result.stdout


def _one_line_error(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_show_unknown_id_suggests_close_ids(tmp_path):
    out = make_outputs(tmp_path)
    (out / "documents.csv").write_text((out / "documents.csv").read_text(encoding="utf-8-sig").replace("\nb,", "\nkato-2024,"), encoding="utf-8-sig")
    line = _one_line_error(runner.invoke(app, ["show", "kato", "--out", str(out)]))
    assert "unknown document 'kato'" in line and "did you mean kato-2024?" in line


def test_show_failed_document_and_missing_outputs(tmp_path):
    out = make_outputs(tmp_path)
    assert "extraction failed: empty file" in _one_line_error(runner.invoke(app, ["show", "bad", "--out", str(out)]))
    assert "not found: run `make extract`" in _one_line_error(runner.invoke(app, ["show", "a", "--out", str(tmp_path / "nowhere")]))


def test_short_date():
    assert short_date("2024-01-01", "2024-12-31") == "2024"
    assert short_date("1960-01-01", "1969-12-31") == "1960–1969"
    assert short_date("2024-02-01", "2024-02-29") == "2024-02"
    assert short_date("2024-02-01", "2024-02-28") == "2024-02-01 –2024-02-28"
    assert short_date("2024-06-19", "2024-06-19") == "2024-06-19"
    assert short_date("2024-11-01", "") == "2024-11-01–"
    assert short_date("", "") == "undated"

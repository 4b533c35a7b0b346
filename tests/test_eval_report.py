"""outputs/eval/report.html (pipeline/eval_report.py) from a small composed eval folder."""

from __future__ import annotations

import re

import pandas as pd
from report_fixtures import ARTICLE, sentence_rows, span
from test_report import browser_page  # noqa: F401  (fixture)

from pipeline.eval_report import write_eval_report
from pipeline.evaluate import run_eval
from pipeline.extract import SENTENCE_COLUMNS
from pipeline.table_io import write_csv


def _events(*rows):
    cols = ["doc_id", "char_start", "char_end", "trigger", "event_type", "modality", "actor1", "actor2", "participants", "location", "date_start", "date_end"]
    return pd.DataFrame([dict(zip(cols, r)) | {"note": ""} for r in rows], columns=cols + ["note"])


def _timex(*rows):
    cols = ["doc_id", "char_start", "char_end", "text", "type", "value", "date_start", "date_end"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def _entities(*rows):
    cols = ["doc_id", "char_start", "char_end", "text", "label", "actor_id"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def make_eval(tmp_path):
    gold, pred, out = tmp_path / "gold", tmp_path / "pred", tmp_path / "eval"
    gold.mkdir(), pred.mkdir()
    d = "2024-06-19"
    meet, sign, date_span = span(ARTICLE, "首脳会談", 1), span(ARTICLE, "署名"), span(ARTICLE, "2024年6月19日")
    russia, pyongyang = span(ARTICLE, "ロシア"), span(ARTICLE, "平壌")
    _events(("a", *meet, "首脳会談", "MEET", "asserted", "RUS", "PRK", "PRK;RUS", "", d, d),
            ("a", *sign, "署名", "SIGN_AGREEMENT", "asserted", "RUS", "PRK", "PRK;RUS", "", d, d)).to_csv(gold / "events.csv", index=False)
    _events(("a", *meet, "首脳会談", "MEET", "asserted", "RUS", "PRK", "PRK;RUS", "", d, d),
            ("a", *sign, "署名", "ATTACK", "asserted", "RUS", "PRK", "PRK;RUS", "", d, d)).to_csv(pred / "events.csv", index=False)
    _timex(("a", *date_span, "2024年6月19日", "DATE", d, d, d)).to_csv(gold / "timex.csv", index=False)
    _timex(("a", date_span[0], date_span[1] - 3, "2024年6月", "DATE", "2024-06", "2024-06-01", "2024-06-30")).to_csv(pred / "timex.csv", index=False)
    _entities(("a", *russia, "ロシア", "COUNTRY", "RUS"), ("a", *pyongyang, "平壌", "GPE", "PRK")).to_csv(gold / "entities.csv", index=False)
    _entities(("a", *russia, "ロシア", "COUNTRY", "RUS")).to_csv(pred / "entities.csv", index=False)
    write_csv(pred / "sentences.csv", SENTENCE_COLUMNS, sentence_rows("a", ARTICLE))
    run_eval(gold, pred, out)
    return out, pred


def _rows(page: str, layer: str) -> list[str]:
    section = page[page.index(f'<section id="{layer}">'):]
    section = section[:section.index("</section>")]
    return re.findall(r"<tr data-status.*?</tr>", section, flags=re.S)


def test_eval_report_scores_and_errors_in_their_sentence(tmp_path):
    out, pred = make_eval(tmp_path)
    page = write_eval_report(out, pred).read_text(encoding="utf-8")
    assert re.search(r"<td>events \(asserted, dated\)</td><td>relaxed</td><td class=\"num\">0.500</td>", page)
    assert re.search(r'>MEET</span></td><td class="num">1</td><td class="num">1</td><td class="num">1.000</td><td class="num">1.000</td>', page)
    assert re.search(r'<td data-sort="a">a</td><td class="num">0.000</td><td class="num">0.667</td><td class="num">0.500</td>', page)
    events = _rows(page, "events")
    assert [re.search(r'data-status="(\w+)"', r).group(1) for r in events] == ["FN", "FP"]  # the clean TP is not listed
    fn, fp = events
    assert re.search(r'<span class="gold"[^>]*>署名</span>', fn) and 'class="pred"' not in fn
    assert re.search(r'<span class="pred"[^>]*>署名</span>', fp) and "SIGN_AGREEMENT" in fn and "ATTACK" in fp
    timex = _rows(page, "timex")
    assert len(timex) == 1 and 'data-status="TP_span_wrong_value"' in timex[0]
    # gold and prediction overlap: both marked, the common part carries both classes
    assert re.search(r'<span class="gold pred"[^>]*>2024年6月</span><span class="gold"[^>]*>19日</span>', timex[0])
    assert '<span class="differs"><i>date_end</i> 2024-06-19</span>' in timex[0]
    entities = _rows(page, "entities")
    assert len(entities) == 1 and 'data-status="FN"' in entities[0] and ">平壌</span>" in entities[0]
    assert "events: 1 FN, 1 FP" in page


def test_eval_report_without_sentences_falls_back_to_the_diff_sentence(tmp_path):
    out, _ = make_eval(tmp_path)
    page = write_eval_report(out, None).read_text(encoding="utf-8")
    fn = _rows(page, "entities")[0]
    assert re.search(r'<span class="gold"[^>]*>平壌</span>', fn)


def test_eval_report_deterministic(tmp_path):
    out, pred = make_eval(tmp_path)
    first = write_eval_report(out, pred).read_bytes()
    assert write_eval_report(out, pred).read_bytes() == first


def test_eval_report_in_chromium(tmp_path, browser_page):  # noqa: F811
    page, problems, _ = browser_page
    out, pred = make_eval(tmp_path)
    page.goto(write_eval_report(out, pred).resolve().as_uri())
    rows = page.locator("#err-events tbody tr")
    assert rows.count() == 2
    page.select_option('select[data-filter-for="err-events"][data-filter-attr="status"]', "FP")
    assert [rows.nth(k).is_visible() for k in range(2)] == [False, True]
    assert problems == []

"""report.html (pipeline/report.py, htmlkit.py) and events.xlsx (pipeline/xlsx.py).

Unit tests of the builders on composed tables, then a browser test in headless Chromium
(Debian's /usr/bin/chromium through the playwright package; skipped where there is none)."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from report_fixtures import make_outputs

from pipeline import report
from pipeline.htmlkit import Span, highlight
from pipeline.report import Dated, pack_rows, timeline_section, write_report
from pipeline.schema import ALL_TABLES
from pipeline.table_io import read_csv_rows, write_csv
from pipeline.xlsx import write_events_xlsx


def visible_text(fragment: str) -> str:
    """The text a reader sees, tags (and the type tags after triggers) removed."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup class=\"tag\"[^>]*>.*?</sup>", "", fragment)))


# ---------------------------------------------------------------- highlighting

def test_highlight_overlapping_spans_keep_text_and_layers():
    text = "日米韓首脳会談を行った"
    spans = [
        Span(0, 1, "ent", "ent-COUNTRY", "COUNTRY JPN"), Span(1, 2, "ent", "ent-COUNTRY", "COUNTRY USA"),
        Span(3, 7, "trg", title="V1 MEET", tag="MEET", color="#1f77b4"),
        Span(3, 5, "ent", "ent-PERSON", "PERSON"),  # nested in the trigger
        Span(4, 9, "tx", title="DATE x"),  # crosses the trigger's end
    ]
    out = highlight(text, 100, [Span(s.start + 100, s.end + 100, s.kind, s.css, s.title, s.tag, s.color) for s in spans])
    assert visible_text(out) == text
    pieces = dict((t, c) for c, t in re.findall(r'<span class="([^"]+)"[^>]*>([^<]+)</span>', out))
    assert pieces["首"].split() == ["ent", "trg", "ent-PERSON"]
    assert set(pieces["脳"].split()) == {"ent", "tx", "trg", "ent-PERSON"}
    assert set(pieces["会談"].split()) == {"tx", "trg"} and pieces["を行"] == "tx"
    assert out.count(">MEET</sup>") == 1 and out.index(">MEET</sup>") > out.index("会談")
    assert 'title="V1 MEET | PERSON | DATE x"' in out  # outer span first


def test_highlight_escapes_text_and_titles():
    out = highlight('<b>"&"</b>', 0, [Span(0, 3, "ent", title='a "quoted" <title>')])
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert 'title="a &quot;quoted&quot; &lt;title&gt;"' in out
    assert visible_text(out) == '<b>"&"</b>'


def test_highlight_clips_spans_to_the_text():
    out = highlight("abc", 10, [Span(8, 11, "tx"), Span(12, 20, "ent"), Span(0, 5, "trg")])
    assert visible_text(out) == "abc"
    assert re.findall(r'<span class="([^"]+)">([^<]+)</span>', out) == [("tx", "a"), ("ent", "c")]


def test_pack_rows_separates_overlaps_and_reuses_free_rows():
    assert pack_rows([(0, 10), (5, 15), (12, 20), (30, 40)]) == [0, 1, 0, 0]
    assert pack_rows([(0, 10)] * 5, max_rows=3) == [0, 1, 2, 2, 2]


# ---------------------------------------------------------------- the page

@pytest.fixture()
def outputs(tmp_path):
    return make_outputs(tmp_path)


def test_report_escapes_and_is_deterministic(outputs, tmp_path):
    path = write_report(outputs)
    page = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "露朝 &lt;首脳&gt;" in page
    first = path.read_bytes()
    copy = tmp_path / "copy"
    shutil.copytree(outputs, copy)
    (copy / "report.html").unlink()
    assert write_report(copy).read_bytes() == first  # same tables and texts, same bytes
    assert write_report(outputs).read_bytes() == first


def test_report_is_self_contained(outputs):
    page = write_report(outputs).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page


def test_report_document_text_and_events_beside_sentences(outputs):
    page = write_report(outputs).read_text(encoding="utf-8")
    doc = page[page.index('<section class="doc" id="d1">'):page.index('<section class="doc" id="d2">')]
    # the text of the article is all there (line breaks and all), once
    assert visible_text(doc).count("2024年6月19日、ロシアと北朝鮮は平壌で首脳会談を行い、条約に署名した。") == 1
    row = next(r for r in doc.split('<div class="row') if "条約に" in r)
    assert 'id="d1-V1"' in row and 'id="d1-V2"' in row and "d1-V3" not in row
    assert re.search(r'<span class="[^"]*\btx\b[^"]*"[^>]*>2024年6月19日</span>', row)
    assert re.search(r'<span class="ent ent-GPE"[^>]*>平壌</span>', row)
    assert ">SIGN_AGREEMENT</sup>" in row
    # errors listed, not rendered as text
    assert "empty file" in page and 'id="d3"' not in page.replace('href="#d3"', "")


def test_report_timeline_and_undated(outputs):
    page = write_report(outputs).read_text(encoding="utf-8")
    svgs = re.findall(r"<svg class=\"timeline\".*?</svg>", page, flags=re.S)
    assert len(svgs) == 1
    marks = re.findall(r'<g class="mark" data-type="([A-Z_]+)"', svgs[0])
    assert sorted(marks) == ["DEPLOY_TROOPS", "MEET", "MEET", "SIGN_AGREEMENT"]  # the dated events only
    lanes = re.findall(r'<text class="lane"[^>]*><title>[^<]*</title>([^<]+)</text>', svgs[0])
    assert lanes == ["PRK · RUS", "CHN", "KOR · VNM"]  # by event count, then name
    undated = page[page.index('<details class="undated">'):page.index("</details>")]
    assert "Undated events (1)" in undated and "非難" in undated and 'href="#d1-V3"' in undated
    assert 'fill="#fff" stroke="#1f77b4"' in svgs[0]  # the planned meeting is hollow


def test_timeline_opens_on_the_latest_events_when_early_ones_stretch_the_axis():
    ev = {"event_type": "MEET", "participants": "PRK;RUS", "modality": "asserted", "doc_id": "a", "event_id": "V1"}
    items = [Dated(dict(ev, event_id=f"V{k}"), date(2024, 1, k), date(2024, 1, k), False) for k in range(1, 20)]
    items.append(Dated(dict(ev, event_id="V99"), date(1950, 6, 25), date(1950, 6, 25), False))
    events = [dict(d.ev, date_start=d.start.isoformat(), date_end=d.end.isoformat()) for d in items]
    out = timeline_section(events, {}, {"PRK": "北朝鮮", "RUS": "ロシア"})
    labels = re.findall(r'aria-label="timeline ([0-9-]+) to ([0-9-]+)"', out)
    assert labels == [("2024-01-01", "2024-01-19")]  # one timeline, opened on the latest 90%
    assert "19 of 20 dated events (1 earlier ones: see the whole range, 1950–2024)" in out
    assert 'data-tl-range="1950-06-25/2024-01-19">whole range 1950–2024</button>' in out
    assert 'id="tl-from" aria-label="timeline from" value="2024-01-01" min="1950-06-25"' in out
    marks = re.findall(r'<g class="mark"[^>]*>', out)
    assert len(marks) == 20 and sum('display="none"' in m for m in marks) == 1  # the early one is there, hidden
    assert 'data-s="1950-06-25" data-e="1950-06-25"' in out
    # the lane is named by the actors' names, then the codes
    assert re.search(r'<text class="lane"[^>]*><title>北朝鮮 · ロシア \(PRK · RUS\): 20 events</title>北朝鮮・ロシア '
                     r'<tspan class="codes"[^>]*>PRK · RUS</tspan></text>', out)


def test_actor_names_and_lane_labels():
    entities = [
        {"label": "COUNTRY", "actor_id": "USA", "country": "USA", "name": "米国"},
        {"label": "COUNTRY", "actor_id": "USA", "country": "USA", "name": "アメリカ"},
        {"label": "COUNTRY", "actor_id": "USA", "country": "USA", "name": "米国"},
        {"label": "ORG", "actor_id": "USA", "country": "USA", "name": "国務省"},  # a state body: not the state's name
        {"label": "ORG", "actor_id": "NATO", "country": "", "name": "NATO"},  # only the code: no name
        {"label": "ORG", "actor_id": "UNSC", "country": "", "name": "安保理"},
        {"label": "PERSON", "actor_id": "RUS", "country": "RUS", "name": "ウラジーミル・プーチン"},
    ]
    names = report.actor_names(entities)
    assert names == {"UNSC": "安保理", "USA": "米国"}
    assert report.lane_label("UNSC · USA", names) == ("安保理・米国", "UNSC · USA")
    assert report.lane_label("NATO · RUS", names) == ("", "NATO · RUS")
    long = " · ".join(["USA"] * 12)
    text, codes = report.lane_label(long, names)
    assert text.startswith("米国・米国") and text.endswith("…") and codes.startswith("USA · ") and codes.endswith("…")
    assert report._text_width(text, 12) + report._text_width(codes, 10) < report.LABEL_W - 6


def test_report_without_article_file_uses_sentences(outputs):
    (outputs.parent / "corpus" / "a.txt").unlink()
    page = write_report(outputs).read_text(encoding="utf-8")
    doc = page[page.index('<section class="doc" id="d1">'):page.index('<section class="doc" id="d2">')]
    assert "not found or has changed" in doc
    assert "条約に署名した" in visible_text(doc) and ">SIGN_AGREEMENT</sup>" in doc


def test_report_text_only_for_the_first_documents(outputs, monkeypatch):
    monkeypatch.setattr(report, "MAX_TEXT_DOCS", 1)
    page = write_report(outputs).read_text(encoding="utf-8")
    assert '<section class="doc" id="d1">' in page and '<section class="doc" id="d2">' not in page
    assert "Text is shown for the first 1 of 2 documents" in page
    assert 'href="#row-d2-V1"' in page  # b's events link to their table row instead


def test_report_needs_documents_csv(tmp_path):
    with pytest.raises(report.ReportError, match="no documents.csv"):
        write_report(tmp_path)


# ---------------------------------------------------------------- events.xlsx

def test_events_xlsx_frozen_filtered_deterministic(outputs):
    rows = (outputs / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    formula = rows[1].replace(",首脳会談,", ",'=首脳会談,", 1)  # an escaped formula-looking cell
    (outputs / "events.csv").write_text("\r\n".join([rows[0], formula, *rows[2:]]) + "\r\n", encoding="utf-8-sig")
    path = write_events_xlsx(outputs)
    first = path.read_bytes()
    assert write_events_xlsx(outputs).read_bytes() == first
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert 'ySplit="1"' in sheet and 'state="frozen"' in sheet
    assert '<autoFilter ref="A1:AJ6"/>' in sheet  # header + 5 events, 36 columns (SPEC §3, with page)
    assert "<f>" not in sheet and "<t>=首脳会談</t>" in strings
    assert re.search(r'<c r="C2"[^>]*><v>\d+</v></c>', sheet)  # char_start is a number


# ---------------------------------------------------------------- in a browser

def chromium() -> str:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file():
            return cand
    pytest.skip("chromium not installed: apt-get install chromium (see .ci/run)")


@pytest.fixture()
def browser_page():
    exe = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        problems, requests = [], []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        yield page, problems, requests
        browser.close()


def test_report_in_chromium(outputs, browser_page):
    page, problems, requests = browser_page
    path = write_report(outputs)
    page.goto(path.resolve().as_uri())
    assert page.locator("svg.timeline g.mark").count() == 4
    rows = page.locator("#event-table tbody tr")
    assert rows.count() == 5

    def column(i):
        return [rows.nth(k).locator("td").nth(i).inner_text() for k in range(rows.count()) if rows.nth(k).is_visible()]

    page.locator("#event-table th", has_text="from").click()
    assert column(2) == ["1960-01-01", "2024-06-19", "2024-06-19", "2025-03-01", ""]  # ascending, empty last
    page.locator("#event-table th", has_text="from").click()
    assert column(2)[:4] == ["2025-03-01", "2024-06-19", "2024-06-19", "1960-01-01"]
    page.select_option('select[data-filter-attr="type"]', "MEET")
    assert [" ".join(t.split()) for t in column(4)] == ["MEET 会談", "MEET 会談"]  # the type's code and its Japanese name
    assert page.locator('[data-count-for="event-table"]').inner_text() == "2 / 5"
    page.fill('input[data-filter-for="event-table"]', "平壌で")
    assert column(1) == ["V1"]
    page.select_option('select[data-filter-attr="type"]', "")
    page.fill('input[data-filter-for="event-table"]', "")
    assert len(column(1)) == 5
    page.locator("svg.timeline g.mark[data-type=SIGN_AGREEMENT]").click()
    assert page.evaluate("location.hash") == "#d1-V2"
    assert problems == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests


def _corpus_like(outputs):
    """The composed outputs with what a real corpus has: a long doc_id, actors' names."""
    long_id = "analysis-01-russia-dprk-comprehensive-strategic-partnership-treaty"
    names = {"RUS": "ロシア", "PRK": "北朝鮮", "CHN": "中国"}
    for table in ("documents", "sentences", "timex", "entities", "events"):
        rows = read_csv_rows(outputs / f"{table}.csv")
        for r in rows:
            r["doc_id"] = long_id if r["doc_id"] == "a" else r["doc_id"]
            if table == "entities" and r["label"] == "COUNTRY":
                r["name"] = names[r["actor_id"]]
        write_csv(outputs / f"{table}.csv", ALL_TABLES[table], rows)
    return write_report(outputs)


def _shown_marks(page):
    return page.evaluate("""() => [...document.querySelectorAll('svg.timeline g.mark')]
        .filter(g => g.getAttribute('display') !== 'none').map(g => g.getAttribute('data-row')).sort()""")


def _boxes(page):
    return page.evaluate("""() => [...document.querySelectorAll('svg.timeline g.mark, svg.timeline g.lane')]
        .map(g => { const b = g.getBoundingClientRect(); return [b.x, b.y, b.width, b.height].map(v => Math.round(v)); })""")


def test_report_layout_at_1400_pixels(outputs, browser_page):
    """Issue 19 item 5: the event table fits a 1,400-pixel screen with the sentence visible and
    doc_id on one line; timeline lanes carry names and codes; the type filter lists Japanese."""
    page, problems, _ = browser_page
    page.goto(_corpus_like(outputs).resolve().as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400  # no horizontal scroll
    sent = page.locator("#event-table tbody tr").first.locator("td.sent").bounding_box()
    assert sent["x"] + sent["width"] <= 1400 and sent["width"] >= 300
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#event-table td.docid a')).lineHeight)")
    heights = page.evaluate("[...document.querySelectorAll('#event-table td.docid a')].map(a => a.getBoundingClientRect().height)")
    assert heights and max(heights) < 1.5 * line  # one line, cut with …, the whole id in its title
    assert page.locator("#event-table td.docid a").first.get_attribute("title").startswith("analysis-01-russia-dprk-")
    lanes = page.evaluate("""() => [...document.querySelectorAll('svg.timeline text.lane')]
        .map(t => [...t.childNodes].filter(n => n.nodeName !== 'title').map(n => n.textContent).join(''))""")
    assert lanes[0] == "北朝鮮・ロシア PRK · RUS" and "中国 CHN" in lanes
    options = page.locator('select[data-filter-attr="type"] option').all_inner_texts()
    assert "SIGN_AGREEMENT 署名・締結" in options and "MEET 会談" in options
    assert "MEET 会談" in page.locator("#timeline .legend").inner_text()
    assert problems == []


def test_timeline_follows_table_filters_and_zooms(outputs, browser_page):
    page, problems, _ = browser_page
    page.goto(write_report(outputs).resolve().as_uri())
    start = _boxes(page)
    everything = ["row-d1-V1", "row-d1-V2", "row-d1-V4", "row-d2-V1"]
    assert _shown_marks(page) == everything and page.locator("#tl-count").inner_text() == "4 / 4"
    assert not page.locator("details.undated li").first.evaluate("li => li.hidden")  # the undated CRITICIZE
    # the table's filters filter the timeline
    page.select_option('select[data-filter-attr="type"]', "MEET")
    assert _shown_marks(page) == ["row-d1-V1", "row-d2-V1"] and page.locator("#tl-count").inner_text() == "2 / 4"
    assert page.locator("svg.timeline g.lane:not([display=none])").count() == 2  # KOR · VNM folded away
    assert page.locator("details.undated li").first.evaluate("li => li.hidden")  # the undated list follows too
    page.fill('input[data-filter-for="event-table"]', "平壌で")
    assert _shown_marks(page) == ["row-d1-V1"]
    page.fill('input[data-filter-for="event-table"]', "")
    page.select_option('select[data-filter-attr="type"]', "")
    assert _shown_marks(page) == everything
    assert _boxes(page) == start  # laid out again, exactly as the page was written
    # zoom to a period: only its events, the axis in months
    page.fill("#tl-from", "2024-01-01")
    page.fill("#tl-to", "2024-12-31")
    assert _shown_marks(page) == ["row-d1-V1", "row-d1-V2"]
    assert page.locator("svg.timeline").get_attribute("aria-label") == "timeline 2024-01-01 to 2024-12-31"
    assert "2024-06" in page.locator("svg.timeline g.ticks").text_content()
    width_day = page.locator('svg.timeline g.mark[data-row="row-d1-V1"]').bounding_box()["width"]
    assert width_day > 0
    page.select_option('select[data-filter-attr="modality"]', "asserted")  # filters and period together
    assert _shown_marks(page) == ["row-d1-V1", "row-d1-V2"]
    page.select_option('select[data-filter-attr="modality"]', "")
    page.locator("button[data-tl-range]", has_text="reset").click()
    assert _shown_marks(page) == everything and _boxes(page) == start
    # a drag across the plot zooms to the period under it: here the middle third of 1960–2025
    box = page.locator("svg.timeline").bounding_box()
    width = float(page.locator("svg.timeline").get_attribute("width"))
    plot, scale = width - report.LABEL_W - report.RIGHT_PAD, box["width"] / width
    left, right = (box["x"] + (report.LABEL_W + k * plot / 3) * scale for k in (1, 2))
    page.mouse.move(left, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(right, box["y"] + 60, steps=5)
    page.mouse.up()
    lo, hi = page.input_value("#tl-from"), page.input_value("#tl-to")
    assert "1981-01-01" < lo < "1983-01-01" and "2003-01-01" < hi < "2005-01-01", (lo, hi)
    assert _shown_marks(page) == [] and page.locator("#tl-count").inner_text() == "0 / 4"
    assert page.locator("svg.timeline rect.brush").count() == 0
    assert problems == []


def test_whole_range_and_reset_in_chromium(tmp_path, browser_page):
    """A timeline opened on its latest years: `whole range` shows the early event, `reset` the
    first view again, and the `Opened on …` note holds for the first view only."""
    from pipeline.htmlkit import page as html_page

    page, problems, _ = browser_page
    ev = {"event_type": "MEET", "participants": "PRK;RUS", "modality": "asserted", "doc_id": "a"}
    events = [dict(ev, event_id=f"V{k}", date_start=f"2024-01-{k:02d}", date_end=f"2024-01-{k:02d}") for k in range(1, 20)]
    events.append(dict(ev, event_id="V99", date_start="1950-06-25", date_end="1950-06-25"))
    rows = {("a", e["event_id"]): f"row-{e['event_id']}" for e in events}
    path = tmp_path / "timeline.html"
    path.write_text(html_page("t", timeline_section(events, {}, {}, rows), "", report.REPORT_JS), encoding="utf-8")
    page.goto(path.resolve().as_uri())
    assert page.locator("#tl-count").inner_text() == "19 / 20" and page.locator(".tl-focus").is_visible()
    page.locator("button[data-tl-range]", has_text="whole range").click()
    assert page.locator("#tl-count").inner_text() == "20 / 20" and not page.locator(".tl-focus").is_visible()
    assert page.input_value("#tl-from") == "1950-06-25"
    page.locator("button[data-tl-range]", has_text="reset").click()
    assert page.locator("#tl-count").inner_text() == "19 / 20" and page.locator(".tl-focus").is_visible()
    assert problems == []

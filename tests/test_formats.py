"""PDF, HTML and Word inputs (issue 20): the same article, composed by the tests in every
format, gives the same events as its .txt; offsets index <out>/texts/<doc_id>.txt exactly;
page furniture and notes stay out of analysis; bad files are one error row each."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import format_fixtures as F
from pipeline.extract import run_extract
from pipeline.formats import read_docx, read_html, read_pdf

EXPECTED_EVENTS = {
    ("MEET", "2024-03-05", "JPN;KOR;USA"),
    ("CRITICIZE", "", "PRK"),
    ("MEET", "2024-03-06", "JPN;KOR"),
    ("AGREE_COOPERATE", "2024-03-06", "JPN;KOR"),
    ("STATEMENT", "2024-03-06", "JPN;KOR"),  # 両外相は…方針を示した: both ministers state a plan
    ("IMPOSE_SANCTIONS", "2024-03-08", "USA"),
    ("SHOW_OF_FORCE", "2024-02-28", "PRK"),  # 短距離弾道ミサイル1発を発射: the counted missile is the object
}
CONVERTED = ("pdf1", "pdf2", "pdfpages", "page", "word")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    F.write_txt(corpus / "plain.txt")
    F.write_pdf(corpus / "pdf1.pdf")
    F.write_pdf(corpus / "pdf2.pdf", columns=2, size=14)
    F.write_pdf(corpus / "pdfpages.pdf", size=18)  # runs over two pages, a sentence cut by the break
    F.write_html(corpus / "page.html")
    F.write_docx(corpus / "word.docx")
    out = tmp_path_factory.mktemp("out")
    docs = run_extract([corpus], out, progress=False, cache=False)
    tables = {t: _rows(out / f"{t}.csv") for t in ("documents", "sentences", "timex", "entities", "events")}
    return corpus, out, docs, tables


def _events(tables, doc_id: str) -> set[tuple[str, str, str]]:
    return {(r["event_type"], r["date_start"], r["participants"]) for r in tables["events"] if r["doc_id"] == doc_id}


@pytest.mark.parametrize("doc_id", CONVERTED)
def test_every_format_gives_the_events_of_the_txt(run, doc_id):
    _, _, docs, tables = run
    assert {d["doc_id"]: d["status"] for d in docs} == {k: "ok" for k in ("plain", *CONVERTED)}
    assert _events(tables, "plain") == EXPECTED_EVENTS
    assert _events(tables, doc_id) == EXPECTED_EVENTS


def test_offsets_index_the_texts_written(run):
    corpus, out, _, tables = run
    assert sorted(p.name for p in (out / "texts").iterdir()) == sorted(f"{d}.txt" for d in CONVERTED)
    texts = {d: (out / "texts" / f"{d}.txt").read_bytes().decode("utf-8") for d in CONVERTED}
    texts["plain"] = (corpus / "plain.txt").read_text(encoding="utf-8")
    n = 0
    for table, col in (("sentences", "text"), ("timex", "text"), ("entities", "text"), ("events", "trigger")):
        for r in tables[table]:
            assert texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] == r[col]
            n += 1
    assert n > 100
    n_chars = {d["doc_id"]: int(d["n_chars"]) for d in tables["documents"]}
    assert n_chars == {d: len(t) for d, t in texts.items()}


def test_pages_of_sentences_and_events(run):
    _, out, _, tables = run
    pages = [r["page"] for r in tables["sentences"] if r["doc_id"] == "pdfpages"]
    assert pages == sorted(pages, key=int) and set(pages) == {"1", "2"}
    text = (out / "texts" / "pdfpages.txt").read_text(encoding="utf-8")
    second = text.index(F.HEADER, 1)  # the running header opens page 2
    for r in tables["sentences"] + tables["events"]:
        if r["doc_id"] == "pdfpages":
            assert r["page"] == ("1" if int(r["char_start"]) < second else "2")
        elif not r["doc_id"].startswith("pdf"):
            assert r["page"] == ""
    # the sentence the page break cut is one sentence, without the furniture between
    cut = [r for r in tables["sentences"] if r["doc_id"] == "pdfpages" and F.HEADER in r["text"]]
    assert len(cut) == 1 and F.HEADER not in cut[0]["clean_text"] and cut[0]["clean_text"] in F.body_text()


def test_furniture_and_notes_stay_in_the_text_but_out_of_analysis(run):
    _, out, _, tables = run
    for doc_id in ("pdf1", "pdf2", "pdfpages"):
        text = (out / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert F.HEADER in text and F.FOOTER in text and "- 1 -" in text and F.FOOTNOTES[1] in text
    analysed = "".join(r["clean_text"] for r in tables["sentences"] if r["doc_id"] in CONVERTED)
    for furniture in (F.HEADER, F.FOOTER, "- 1 -", "- 2 -", "防衛省発表", "外務省「", "関連記事", "シェア", "【PR】"):
        assert furniture not in analysed
    def timexes(doc_id):  # a raw span may hold a PDF line break; the notes' dates are not read
        return sorted(r["text"].replace("\n", "") for r in tables["timex"] if r["doc_id"] == doc_id)

    assert len(timexes("plain")) > 5
    for doc_id in CONVERTED:
        assert timexes(doc_id) == timexes("plain")


def _body(text: str) -> str:
    return re.sub(r"[\s¹²³⁴⁵⁶⁷⁸⁹⁰]", "", text)


@pytest.mark.parametrize("columns", (1, 2))
def test_pdf_reads_columns_in_order_and_lists_its_furniture(tmp_path, columns):
    conv = read_pdf(F.write_pdf(tmp_path / "a.pdf", columns=columns, size=14, repeat=3).read_bytes())
    kept = list(conv.text)
    for a, b in conv.furniture:
        kept[a:b] = [""] * (b - a)
    assert _body("".join(kept)) == _body(F.TITLE + F.body_text() * 3)
    dropped = sorted(conv.text[a:b].strip() for a, b in conv.furniture)
    pages = len(conv.page_starts)
    assert pages >= 2
    assert dropped == sorted([F.HEADER, F.FOOTER] * pages + [f"- {p} -" for p in range(1, pages + 1)]
                             + [f"¹ {F.FOOTNOTES[0]}", f"² {F.FOOTNOTES[1]}"])
    assert conv.title == F.TITLE and conv.encoding == "pdf"


def test_html_main_text_title_date_and_charset(tmp_path):
    conv = read_html(F.write_html(tmp_path / "a.html", charset="shift_jis").read_bytes())
    assert conv.text == F.TITLE + "\n\n" + "\n\n".join(F.PARAGRAPHS) + "\n"
    assert (conv.title, conv.date, conv.encoding, conv.page_starts) == (F.TITLE, "2024-03-08", "cp932", ())
    bare = read_html(F.write_html(tmp_path / "b.html", meta=False).read_bytes())
    assert (bare.title, bare.date) == (f"{F.TITLE} | 東亜ニュース", "")


def test_metadata_dates_the_document_unless_the_manifest_has_a_row(run, tmp_path):
    _, _, docs, _ = run
    page = next(d for d in docs if d["doc_id"] == "page")
    assert (page["doc_date"], page["doc_date_source"], page["title"]) == ("2024-03-08", "metadata", F.TITLE)
    corpus = tmp_path / "c"
    corpus.mkdir()
    F.write_html(corpus / "a.html")
    (corpus / "manifest.csv").write_text("doc_id,path,title,author,published,source\nA,a.html,,,2024-03-09,web\n",
                                         encoding="utf-8")
    (row,) = run_extract([corpus], tmp_path / "o", progress=False, cache=False, views=False)
    assert (row["doc_date"], row["doc_date_source"], row["title"]) == ("2024-03-09", "manifest", F.TITLE)


def test_word_paragraphs_then_footnotes_in_order(tmp_path):
    conv = read_docx(F.write_docx(tmp_path / "a.docx").read_bytes())
    marked = [F.PARAGRAPHS[0].replace("合意した", "合意した¹"), F.PARAGRAPHS[1].replace("発射していた", "発射していた²"),
              *F.PARAGRAPHS[2:]]
    assert conv.text == "\n\n".join([F.TITLE, *marked]) + "\n\n" + f"¹ {F.FOOTNOTES[0]}\n² {F.FOOTNOTES[1]}\n"
    assert (conv.title, conv.encoding) == (F.TITLE, "docx")


def _scan_pdf(path: Path) -> Path:
    """A page with an image and no text, as a scanner makes."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return path


def _encrypted_pdf(path: Path, user: str = "secret") -> Path:
    """Encrypted; with an empty user password it only restricts copying, and opens."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=StandardEncryption(user, ownerPassword="owner", canCopy=0))
    c.drawString(100, 700, "2024")
    c.save()
    return path


def test_bad_files_are_one_error_row_each_and_the_run_goes_on(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    F.write_txt(corpus / "good.txt")
    _scan_pdf(corpus / "scan.pdf")
    _encrypted_pdf(corpus / "locked.pdf")
    _encrypted_pdf(corpus / "restricted.pdf", user="")
    (corpus / "broken.pdf").write_bytes(F.write_pdf(tmp_path / "x.pdf").read_bytes()[:900])
    (corpus / "fake.pdf").write_bytes("これはPDFではない".encode("utf-8"))
    (corpus / "damaged.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (corpus / "empty.html").write_bytes(b"<html><head><title>t</title></head><body><img src=x.png></body></html>")
    docs = run_extract([corpus], tmp_path / "o", progress=False, cache=False, views=False)
    errors = {d["doc_id"]: d["error"] for d in docs if d["status"] == "error"}
    assert {d["doc_id"] for d in docs if d["status"] == "ok"} == {"good", "restricted"}
    assert errors["scan"] == "no text layer: run OCR first (1 page(s) of images, no text)"
    assert errors["locked"] == "encrypted PDF: remove the password first"
    assert errors["broken"].startswith("corrupt PDF: ")
    assert errors["fake"] == "not a PDF: the file does not start with %PDF-"
    assert errors["damaged"].startswith("corrupt Word file: ")
    assert errors["empty"] == "no article text found in the HTML page"
    stderr = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert len(stderr) == len(errors) == 6
    assert all("\n" not in e for e in errors.values())


def test_report_shows_the_converted_texts(run):
    _, out, _, _ = run
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "was not found or has changed since extract" not in page  # every text was found
    assert "アジア政策研究会" in page  # the PDF's footer: shown from texts/, though not analysed


def test_a_cached_pdf_still_writes_its_text_and_a_changed_one_runs_again(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    F.write_pdf(corpus / "a.pdf")
    out, cache = tmp_path / "o", tmp_path / "cache"
    first = run_extract([corpus], out, cache_dir=cache, views=False)
    text = (out / "texts" / "a.txt").read_bytes()
    second = run_extract([corpus], out, cache_dir=cache, views=False)
    assert first == second and (out / "texts" / "a.txt").read_bytes() == text
    F.write_pdf(corpus / "a.pdf", columns=2)
    run_extract([corpus], out, cache_dir=cache, views=False)
    err = capsys.readouterr().err
    assert "cache: 1 of 1 document(s) unchanged, 0 processed" in err
    assert "cache: 0 of 1 document(s) unchanged, 1 processed" in err.split("cache: 1 of 1")[1]

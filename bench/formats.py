"""Measure the candidate readers of PDF, HTML and Word files on composed Japanese documents
(tests/format_fixtures.py) and print the Markdown tables of the README (issue 20).

    .venv/bin/pip install pypdf==7.1.0 pdfplumber==0.11.10 readability-lxml==0.9 python-docx==1.2.0
    .venv/bin/python bench/formats.py

The candidates the pipeline does not use are installed by hand for the measurement only (a
candidate not installed is reported as such). Every document's source text is known, so:
- accuracy: difflib ratio between the expected analysed text (title and paragraphs, no header,
  footer, page number or footnote) and what the reader gives for analysis, white space and
  note markers removed (1.0 = the same characters in the same order);
- order: the share of the source's sentences found whole and in order;
- precision / recall (HTML): the matched characters over the extracted / the article's;
- time: median of 5 runs, milliseconds per document.
"""

from __future__ import annotations

import difflib
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import format_fixtures as F  # noqa: E402

_NOISE = re.compile(r"[\s¹²³⁴⁵⁶⁷⁸⁹⁰]")


def squeeze(text: str) -> str:
    return _NOISE.sub("", text)


def accuracy(expected: str, got: str) -> float:
    return difflib.SequenceMatcher(None, squeeze(expected), squeeze(got), autojunk=False).ratio()


def in_order(expected: str, got: str) -> float:
    """Share of the expected sentences found whole, each after the one before."""
    sents = [s + "。" for s in squeeze(expected).split("。") if s]
    text, pos, hits = squeeze(got), 0, 0
    for s in sents:
        k = text.find(s, pos)
        if k >= 0:
            hits, pos = hits + 1, k + len(s)
    return hits / len(sents)


def matched(expected: str, got: str) -> tuple[float, float]:
    a, b = squeeze(expected), squeeze(got)
    m = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return m / max(1, len(b)), m / max(1, len(a))


def timed(fn, data: bytes, runs: int = 5) -> tuple[str, float]:
    times, out = [], ""
    for _ in range(runs):
        t = time.perf_counter()
        out = fn(data)
        times.append(time.perf_counter() - t)
    return out, 1000 * statistics.median(times)


# --- PDF ---------------------------------------------------------------------------------

def pdf_pypdf(data: bytes) -> str:
    import pypdf

    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def pdf_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def pdf_pipeline(data: bytes) -> str:
    """pipeline.formats.read_pdf (pdfminer.six characters, own layout), furniture left out."""
    from pipeline.formats import read_pdf

    conv = read_pdf(data)
    kept = list(conv.text)
    for a, b in conv.furniture:
        kept[a:b] = [""] * (b - a)
    return "".join(kept)


PDF_READERS = {"pypdf 7.1.0": pdf_pypdf, "pdfminer.six 20260107 (extract_text)": pdf_pdfminer,
               "pdfplumber 0.11.10": pdf_pdfplumber, "pipeline.formats.read_pdf (pdfminer.six chars)": pdf_pipeline}
PDF_DOCS = {
    "1 column, 2 pages, header/footer/page no./notes": dict(columns=1, size=14, repeat=3),
    "2 columns, 2 pages, header/footer/page no./notes": dict(columns=2, size=14, repeat=3),
    "2 columns, HeiseiKakuGo-W5, 3 pages": dict(columns=2, size=16, repeat=4, font="HeiseiKakuGo-W5"),
    "1 column, no furniture, no notes": dict(columns=1, size=12, repeat=2, furniture=False, notes=False),
}


def run_candidates(readers: dict, docs: dict[str, tuple[bytes, str]]) -> list[tuple]:
    rows = []
    for name, fn in readers.items():
        for doc, (data, expected) in docs.items():
            try:
                got, ms = timed(fn, data)
            except ImportError:
                rows.append((name, doc, None, None, None))
                break
            rows.append((name, doc, accuracy(expected, got), in_order(expected, got), ms))
    return rows


def pdf_table(tmp: Path) -> str:
    docs = {}
    for doc, kw in PDF_DOCS.items():
        path = F.write_pdf(tmp / f"{len(docs)}.pdf", **kw)
        docs[doc] = (path.read_bytes(), F.TITLE + F.body_text() * kw["repeat"])
    lines = ["| reader | document | accuracy | order | ms |", "|---|---|---|---|---|"]
    for name, doc, acc, order, ms in run_candidates(PDF_READERS, docs):
        lines.append(f"| {name} | {doc} | " + ("not installed | | |" if acc is None else f"{acc:.3f} | {order:.2f} | {ms:.0f} |"))
    return "\n".join(lines)


# --- HTML --------------------------------------------------------------------------------

def html_trafilatura(data: bytes) -> str:
    from pipeline.formats import read_html

    return read_html(data).text


def html_readability(data: bytes) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(data.decode("utf-8")).summary()
    return "\n".join(p.text_content() for p in lxml_html.fromstring(summary).iter("p", "h1", "h2", "li", "div")
                     if p.text and p.text.strip())


def html_table() -> str:
    page = F.html_page()
    variant = page.replace("<article>", '<div class="content">').replace("</article>", "</div>")
    docs = {"<article> with nav, ad, share, related list": page.encode(),
            "same, article in a <div>": variant.encode()}
    expected = F.TITLE + F.body_text()
    lines = ["| reader | page | precision | recall | ms |", "|---|---|---|---|---|"]
    for name, fn in {"trafilatura 2.3.1": html_trafilatura, "readability-lxml 0.9": html_readability}.items():
        for doc, data in docs.items():
            try:
                got, ms = timed(fn, data)
            except ImportError:
                lines.append(f"| {name} | {doc} | not installed | | |")
                break
            p, r = matched(expected, got)
            lines.append(f"| {name} | {doc} | {p:.3f} | {r:.3f} | {ms:.0f} |")
    return "\n".join(lines)


# --- Word --------------------------------------------------------------------------------

def docx_python_docx(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def docx_docx2python(data: bytes) -> str:
    from pipeline.formats import read_docx

    return read_docx(data).text


def docx_table(tmp: Path) -> str:
    data = F.write_docx(tmp / "a.docx").read_bytes()
    lines = ["| reader | body accuracy | footnotes read | ms |", "|---|---|---|---|"]
    for name, fn in {"python-docx 1.2.0": docx_python_docx, "docx2python 3.7.1": docx_docx2python}.items():
        try:
            got, ms = timed(fn, data)
        except ImportError:
            lines.append(f"| {name} | not installed | | |")
            continue
        body = got.split("\n¹ ")[0]
        notes = sum(n in got for n in F.FOOTNOTES)
        lines.append(f"| {name} | {accuracy(F.TITLE + F.body_text(), body):.3f} | {notes} of {len(F.FOOTNOTES)} | {ms:.0f} |")
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("PDF\n\n" + pdf_table(Path(tmp)) + "\n\nHTML\n\n" + html_table() + "\n\nWord\n\n" + docx_table(Path(tmp)))


if __name__ == "__main__":
    main()

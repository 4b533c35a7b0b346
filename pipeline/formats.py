"""Read PDF, HTML and Word files into the text the pipeline analyses (issue 20, SPEC §1).

One function per format, bytes -> Converted: the text as read (written to
`<out>/texts/<doc_id>.txt`; every offset of every table points into it), the offset where each
page starts (PDF), the spans of page furniture that analysis leaves out the way the cleaner
leaves out note blocks (running headers, footers, page numbers, footnotes at page bottoms), and
the title and date from the file's metadata. A file that cannot be read raises IngestError
with a one-line reason. The library choice is measured in bench/formats.py (README).
"""

from __future__ import annotations

import bisect
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .ingest import IngestError, decode_bytes

CONVERTED_SUFFIXES = {".pdf", ".html", ".htm", ".docx"}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Converted:
    text: str
    encoding: str  # what documents.csv says: "pdf", "docx", or the HTML page's charset
    page_starts: tuple[int, ...] = ()  # PDF: the offset where page 1, 2, … begins
    furniture: tuple[tuple[int, int], ...] = ()  # spans analysis leaves out
    title: str = ""
    date: str = ""  # ISO date from the metadata, "" when absent


def page_of(page_starts: tuple[int, ...] | list[int], offset: int) -> int | str:
    """The 1-based page holding `offset`, "" for a text without pages."""
    return bisect.bisect_right(page_starts, offset) if page_starts else ""


def convert(suffix: str, data: bytes) -> Converted:
    """The reader of the file's suffix (one of CONVERTED_SUFFIXES)."""
    readers = {".pdf": read_pdf, ".html": read_html, ".htm": read_html, ".docx": read_docx}
    return readers[suffix.lower()](data)


# --- PDF ---------------------------------------------------------------------------------

GUTTER = 1.0  # a gap between two characters of a row wider than this many ems splits columns


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the page top
    size: float


def _pdf_chars(data: bytes):
    """(page width, page height, [LTChar]) per page; encrypted or broken files raise IngestError."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF: the file does not start with %PDF-")
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))  # an empty user password opens by itself
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        pages = []
        for page in PDFPage.create_pages(doc):
            interpreter.process_page(page)
            layout = device.get_result()
            pages.append((layout.width, layout.height, [c for c in _walk(layout) if isinstance(c, LTChar)]))
    except IngestError:
        raise
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise IngestError("encrypted PDF: remove the password first") from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise IngestError(f"corrupt PDF: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")) from None
    return pages


def _walk(obj):
    yield obj
    if hasattr(obj, "__iter__"):
        for child in obj:
            yield from _walk(child)


def _lines(chars, height: float) -> list[_Line]:
    """Characters -> lines: a character joins the row its box overlaps by half its height (a
    raised note marker too), a row splits where a gap wider than GUTTER ems (a column
    gutter) opens; a small raised digit becomes a superscript digit (a note marker)."""
    rows: list[list] = []
    for c in sorted(chars, key=lambda c: (-c.y0, c.x0)):
        if not c.get_text() or unicodedata.category(c.get_text()[0]).startswith("C"):
            continue
        for row in rows[-3:]:
            lo, hi = min(r.y0 for r in row), max(r.y1 for r in row)
            if min(hi, c.y1) - max(lo, c.y0) >= 0.5 * min(c.height, hi - lo):
                row.append(c)
                break
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        segment: list = []
        for c in row:
            if segment and c.x0 - segment[-1].x1 > GUTTER * max(c.size, segment[-1].size):
                out.append(_segment_line(segment, height))
                segment = []
            segment.append(c)
        out.append(_segment_line(segment, height))
    return [ln for ln in out if ln.text]


def _segment_line(chars, height: float) -> _Line:
    size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
    base = min((c.y0 for c in chars if round(c.size, 1) == size), default=chars[0].y0)
    text = "".join(c.get_text().translate(SUPERSCRIPT) if c.size < 0.9 * size and c.y0 > base + 0.15 * size
                   and c.get_text().isdigit() else c.get_text() for c in chars)
    return _Line(text.strip(" "), chars[0].x0, chars[-1].x1, height - base - size, size)


_PAGE_NUMBER = re.compile(r"^[-－–—―(（\[ ]*(?:p\.|page|ページ)?[ ]*[0-9０-９]{1,4}(?:[ ]*/[ ]*[0-9]{1,4})?[ ]*[-－–—―)）\] ]*$", re.I)
EDGE = 0.1  # headers and footers sit in this share of the page height at its top or bottom


def _digits_out(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s", "", text))


def _furniture(pages: list[tuple[float, list[_Line]]], body_size: float) -> set[tuple[int, int]]:
    """(page, line index) of running headers, footers and page numbers: lines near the top or
    bottom edge that recur (digits aside) on other pages, that are a page number, or that are
    set in a type smaller than the body's (a one-page file's header)."""
    def edge(height, ln):
        return ln.top < EDGE * height or ln.top > (1 - EDGE) * height

    seen = Counter(_digits_out(ln.text) for height, lines in pages for ln in {_digits_out(x.text): x for x in lines if edge(height, x)}.values())
    out = set()
    for p, (height, lines) in enumerate(pages):
        for i, ln in enumerate(lines):
            if edge(height, ln) and (_PAGE_NUMBER.match(ln.text) or ln.size < 0.9 * body_size
                                     or (len(pages) > 1 and seen[_digits_out(ln.text)] > 1)):
                out.add((p, i))
    return out


def _notes(lines: list[_Line], skip: set[int], body_size: float) -> set[int]:
    """Footnotes: lines in a smaller type below the page's last line of body type."""
    body_tops = [ln.top for i, ln in enumerate(lines) if i not in skip and ln.size >= 0.95 * body_size]
    last = max(body_tops, default=-1.0)
    return {i for i, ln in enumerate(lines) if i not in skip and ln.size < 0.9 * body_size and ln.top > last}


def _reading_order(lines: list[_Line], idx: list[int], width: float) -> list[int]:
    """Body lines in reading order: top to bottom, and where two columns run side by side, the
    left column before the right one (a line across the middle ends the band)."""
    mid = width / 2
    out: list[int] = []
    band: list[int] = []
    for i in sorted(idx, key=lambda i: (lines[i].top, lines[i].x0)):
        if lines[i].x0 < mid - 2 < mid + 2 < lines[i].x1:  # across the middle
            out += sorted(band, key=lambda i: (lines[i].x0 >= mid - 2, lines[i].top))
            band = []
            out.append(i)
        else:
            band.append(i)
    return out + sorted(band, key=lambda i: (lines[i].x0 >= mid - 2, lines[i].top))


def read_pdf(data: bytes) -> Converted:
    """A PDF's text layer in reading order, page after page (a blank line between pages); running
    headers, footers, page numbers and footnotes stay in the text and are listed as furniture."""
    raw = _pdf_chars(data)
    pages = [(height, _lines(chars, height)) for _, height, chars in raw]
    sizes: Counter = Counter()
    for _, lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    if not sizes:
        raise IngestError(f"no text layer: run OCR first ({len(pages)} page(s) of images, no text)")
    body_size = sizes.most_common(1)[0][0]
    furniture = _furniture(pages, body_size)
    if len(furniture) == sum(len(lines) for _, lines in pages):
        raise IngestError(f"no text layer: run OCR first ({len(pages)} page(s), only page furniture as text)")
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for p, ((height, lines), (width, _, _)) in enumerate(zip(pages, raw)):
        if p:
            parts.append("\n")  # a blank line between pages
        starts.append(sum(map(len, parts)))
        skip = {i for q, i in furniture if q == p}
        notes = _notes(lines, skip, body_size)
        body = _reading_order(lines, [i for i in range(len(lines)) if i not in skip | notes], width)
        head = sorted((i for i in skip if lines[i].top < height / 2), key=lambda i: (lines[i].top, lines[i].x0))
        foot = sorted((i for i in skip if lines[i].top >= height / 2), key=lambda i: (lines[i].top, lines[i].x0))
        _page_text(lines, head, body, sorted(notes, key=lambda i: lines[i].top) + foot, parts, spans)
    title = _pdf_title(pages, body_size)
    return Converted("".join(parts), "pdf", tuple(starts), tuple(spans), title, "")


def _page_text(lines: list[_Line], head: list[int], body: list[int], tail: list[int], parts: list[str],
               spans: list[tuple[int, int]]) -> None:
    """Append one page's lines to parts (a blank line where a paragraph ends: a line pitch
    well over the page's usual one); head and tail lines are furniture spans."""
    pitches = sorted((lines[b].top - lines[a].top) / lines[b].size for a, b in zip(body, body[1:])
                     if lines[b].top > lines[a].top)
    usual = pitches[len(pitches) // 2] if pitches else 0.0
    pos = sum(map(len, parts))
    prev = None
    for i, dropped in [(i, True) for i in head] + [(i, False) for i in body] + [(i, True) for i in tail]:
        if not dropped and prev is not None and usual and lines[i].top - lines[prev].top > 1.3 * usual * lines[i].size:
            parts.append("\n")
            pos += 1
        line = lines[i].text + "\n"
        if dropped:
            spans.append((pos, pos + len(line)))
        parts.append(line)
        pos += len(line)
        prev = None if dropped else i


def _pdf_title(pages, body_size: float) -> str:
    """The first page's line in the largest type, when larger than the body type."""
    if not pages or not pages[0][1]:
        return ""
    size = max(ln.size for ln in pages[0][1])
    return "".join(ln.text for ln in pages[0][1] if ln.size == size) if size > 1.2 * body_size else ""


# --- HTML --------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_CHARSET_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
                    "windows-31j": "cp932", "euc-jp": "euc_jp", "x-euc-jp": "euc_jp"}
_DATE_META = ("article:published_time", "og:article:published_time", "datePublished", "pubdate", "publishdate",
              "date", "dc.date.issued", "DC.date.issued", "dc.date", "DC.date")
_TITLE_META = ("og:title", "twitter:title", "dc.title", "DC.title")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def _html_decode(data: bytes) -> tuple[str, str]:
    """The page decoded with the charset it declares, else as ingest decodes any text."""
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii").lower()
        name = _CHARSET_ALIASES.get(name, name)
        try:
            return data.decode(name).lstrip("\ufeff"), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def read_html(data: bytes) -> Converted:
    """A web page's main text (trafilatura: no navigation, ads, related-article lists, share
    buttons), one paragraph a line with a blank line between; title and date from its metadata."""
    import trafilatura

    html, charset = _html_decode(data)
    try:
        text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                                   include_images=False, deduplicate=False)
    except Exception as exc:
        raise IngestError(f"unreadable HTML: {type(exc).__name__}") from None
    paras = [p.strip() for p in (text or "").split("\n") if p.strip()]
    if not paras:
        raise IngestError("no article text found in the HTML page")
    title, date = _html_meta(html)
    return Converted("\n\n".join(paras) + "\n", charset, (), (), title, date)


def _html_meta(html: str) -> tuple[str, str]:
    """(title, ISO date) from the page's metadata: Open Graph / Dublin Core / schema.org meta
    tags, JSON-LD `datePublished`, a `<time datetime>`; the calendar date as written."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except Exception:
        return "", ""

    def meta(names) -> str:
        for n in names:
            for value in tree.xpath(f'//meta[@property="{n}" or @name="{n}" or @itemprop="{n}"]/@content'):
                if value.strip():
                    return value.strip()
        return ""

    title = meta(_TITLE_META) or " ".join((tree.findtext(".//title") or "").split())
    date = meta(_DATE_META)
    if not date:
        ld = re.search(r'"datePublished"\s*:\s*"([^"]+)"', " ".join(tree.xpath("//script[@type='application/ld+json']/text()")))
        date = ld.group(1) if ld else next(iter(tree.xpath("//time/@datetime")), "")
    m = _ISO_DATE.match(date.strip())
    iso = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""
    return title, iso


# --- Word --------------------------------------------------------------------------------

_NOTE_REF = re.compile(r"----(?:footnote|endnote)(\d+)----")
_NOTE_HEAD = re.compile(r"^(?:footnote|endnote)(\d+)\)\t ?")


def read_docx(data: bytes) -> Converted:
    """A Word file's paragraphs in order (tables cell by cell), a note reference as a
    superscript number, then the footnotes and endnotes, each a line `¹ …` as the cleaner
    knows note blocks; the title from the document properties."""
    import zipfile

    from docx2python import docx2python
    from docx2python.iterators import iter_paragraphs

    try:
        with docx2python(io.BytesIO(data)) as doc:
            body = [_NOTE_REF.sub(lambda m: m.group(1).translate(SUPERSCRIPT), p) for p in iter_paragraphs(doc.body)]
            notes = [_NOTE_HEAD.sub(lambda m: m.group(1).translate(SUPERSCRIPT) + " ", p)
                     for p in [*iter_paragraphs(doc.footnotes), *iter_paragraphs(doc.endnotes)]]
            title = (doc.core_properties or {}).get("title") or ""
    except zipfile.BadZipFile:
        raise IngestError("corrupt Word file: not a .docx (zip) package (encrypted, or an old .doc?)") from None
    except Exception as exc:
        raise IngestError(f"corrupt Word file: {type(exc).__name__}") from None
    body = [p.strip() for p in body if p.strip()]
    notes = [p.strip() for p in notes if p.strip()]
    if not body:
        raise IngestError("empty Word file: no paragraph text")
    text = "\n\n".join(body) + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")
    return Converted(text, "docx", (), (), " ".join(str(title).split()), "")

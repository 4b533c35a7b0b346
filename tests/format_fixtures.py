"""Composed documents for the format tests and bench/formats.py: one short news-style article
(written for these tests) laid out as PDF (one or two columns, running header, footer, page
numbers, footnotes), as an HTML page with boilerplate around it, and as a Word file with
footnotes. Every function writes a file and returns its path; nothing is downloaded."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

TITLE = "日米韓外相会談、北朝鮮への対応で連携を確認"
DATE = "2024-03-08"
PARAGRAPHS = (
    "日本の上川陽子外相は2024年3月5日、東京で米国のブリンケン国務長官、韓国の趙兌烈外相と会談した。"
    "三者は北朝鮮による相次ぐ弾道ミサイルの発射を強く非難し、安全保障分野での協力をさらに強化することで合意した。"
    "会談は約1時間にわたって行われ、三か国の外相が東京でそろって会うのは昨年11月以来となった。",
    "北朝鮮は同年2月28日、日本海に向けて短距離弾道ミサイル1発を発射していた。防衛省によると、ミサイルは"
    "日本の排他的経済水域の外側に落下したとみられ、船舶や航空機への被害は確認されていない。政府は外交ルート"
    "を通じて北朝鮮に厳重に抗議した。",
    "翌6日には日本と韓国の外相が個別に会談し、両国間の人的交流を拡大することで一致した。両外相はまた、"
    "経済安全保障に関する新たな協議の枠組みを設けることを確認し、実務者による初会合を年内に開く方針を示した。",
    "一方、米国政府は3月8日、北朝鮮の核・ミサイル開発に関わったとして、中国とロシアの企業を対象とする追加"
    "制裁を発表した。韓国政府もこれに続いて独自の制裁措置を検討している。",
)
FOOTNOTES = (
    "外務省「日米韓外相会談」2024年3月5日。",
    "防衛省発表、2024年2月28日。",
)
# where each footnote marker follows in the text: (paragraph index, the text it follows)
NOTE_AFTER = ((0, "合意した"), (1, "発射していた"))
HEADER = "東アジア安全保障レポート　第12号"
FOOTER = "© 2024 アジア政策研究会"
TXT = TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def body_text() -> str:
    """The article's text without title, notes and furniture: what extraction should see."""
    return "".join(PARAGRAPHS)


def write_txt(path: Path) -> Path:
    path.write_text(TXT, encoding="utf-8")
    return path


def _marked(paragraph: int, superscript: bool) -> str:
    """The paragraph with its footnote markers (`¹` or reportlab `<super>1</super>`)."""
    text = PARAGRAPHS[paragraph]
    for n, (p, after) in enumerate(NOTE_AFTER, start=1):
        if p == paragraph:
            mark = "¹²³⁴⁵"[n - 1] if superscript else f"<super>{n}</super>"
            text = text.replace(after, after + mark, 1)
    return text


def write_pdf(path: Path, columns: int = 1, furniture: bool = True, notes: bool = True,
              font: str = "HeiseiMin-W3", size: float = 10.5, repeat: int = 1) -> Path:
    """The article as a PDF with reportlab's built-in Japanese CID font (no font file): a title,
    the paragraphs in `columns` columns (repeated `repeat` times to run over pages), a running
    header and footer, `- n -` page numbers, and each page's footnotes at its bottom."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    margin, gutter = 56, 24
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.7, wordWrap="CJK",
                          spaceAfter=size * 0.8)
    title = ParagraphStyle("title", parent=body, fontSize=size * 1.6, leading=size * 2.4, spaceAfter=size * 1.5)
    note = ParagraphStyle("note", parent=body, fontSize=size * 0.75, leading=size * 1.1)
    notes_of: dict[int, list[str]] = {}

    def decorate(canvas, doc):  # before the page's text
        if furniture:
            canvas.saveState()
            canvas.setFont(font, 8)
            canvas.drawString(margin, height - 36, HEADER)
            canvas.drawRightString(width - margin, 30, FOOTER)
            canvas.drawCentredString(width / 2, 30, f"- {canvas.getPageNumber()} -")
            canvas.restoreState()

    def footnotes(canvas, doc):  # after it: the notes of the paragraphs placed on the page
        canvas.saveState()
        page, y = canvas.getPageNumber(), 52
        for n in reversed(notes_of.get(page, [])):
            p = Paragraph(f"<super>{n}</super> {escape(FOOTNOTES[int(n) - 1])}", note)
            _, h = p.wrap(width - 2 * margin, 40)
            p.drawOn(canvas, margin, y)
            y += h + 2
        canvas.restoreState()

    col_w = (width - 2 * margin - (columns - 1) * gutter) / columns
    frames = [Frame(margin + k * (col_w + gutter), 90, col_w, height - 150, id=f"c{k}") for k in range(columns)]

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            for n in getattr(flowable, "notes", ()):
                notes_of.setdefault(self.page, []).append(n)

    doc = Doc(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames, onPage=decorate, onPageEnd=footnotes)],
              title="", author="", creator="", producer="", invariant=1)
    story = [Paragraph(TITLE, title)]
    for r in range(repeat):  # the notes are marked at the first telling only
        for k in range(len(PARAGRAPHS)):
            p = Paragraph(_marked(k, False) if notes and not r else PARAGRAPHS[k], body)
            p.notes = [str(n) for n, (q, _) in enumerate(NOTE_AFTER, start=1) if q == k] if notes and not r else []
            story.append(p)
    doc.build(story)
    return path


NAV = '<nav><ul><li><a href="/">ホーム</a></li><li><a href="/news">ニュース</a></li><li><a href="/politics">政治</a></li><li><a href="/intl">国際</a></li></ul></nav>'
AD = '<div class="ad">【PR】今なら初月無料　プレミアム会員になると全ての記事が読み放題</div>'
RELATED = ('<aside class="related"><h2>関連記事</h2><ul><li><a href="/a1">中国外相が訪欧、ドイツ首相と会談</a></li>'
           '<li><a href="/a2">ロシア軍、東部で攻勢強める</a></li><li><a href="/a3">台湾総統選、与党候補が勝利</a></li></ul></aside>')
SHARE = '<div class="share"><a href="#">Xでシェア</a> <a href="#">Facebookでシェア</a> <a href="#">LINEで送る</a></div>'


def html_page(charset: str = "utf-8", meta: bool = True) -> str:
    head = f'<meta charset="{charset}"><title>{TITLE} | 東亜ニュース</title>'
    if meta:
        head += (f'<meta property="og:title" content="{TITLE}">'
                 '<meta property="article:published_time" content="2024-03-08T18:30:00+09:00">')
    paras = "".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html lang="ja"><head>{head}</head><body><header><div class="logo">東亜ニュース</div>{NAV}</header>'
            f'{AD}<main><article><h1>{TITLE}</h1><div class="byline">国際部</div>{SHARE}{paras}{SHARE}</article>'
            f'{RELATED}</main>{AD}<footer><p>会社概要　利用規約　プライバシーポリシー</p><p>Copyright 東亜ニュース</p>'
            '</footer></body></html>')


def write_html(path: Path, charset: str = "utf-8", meta: bool = True) -> Path:
    path.write_bytes(html_page(charset, meta).encode(charset))
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _docx_paragraph(k: int) -> str:
    """A paragraph whose footnote references sit where the markers go."""
    text, runs = PARAGRAPHS[k], []
    for n, (p, after) in enumerate(NOTE_AFTER, start=1):
        if p == k:
            head, text = text.split(after, 1)
            runs += [_run(head + after), f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>']
    return "<w:p>" + "".join(runs) + _run(text) + "</w:p>"


def write_docx(path: Path) -> Path:
    """A minimal Word file (the OOXML parts written directly): a title, the paragraphs, and a
    footnote at each marker."""
    body = f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run(TITLE)}</w:p>' + "".join(
        _docx_paragraph(k) for k in range(len(PARAGRAPHS)))
    notes = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{_run(" " + t)}</w:p></w:footnote>'
                    for n, t in enumerate(FOOTNOTES, start=1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/footnotes" Target="footnotes.xml"/></Relationships>'),
        "word/document.xml": f'<w:document xmlns:w="{_W}" xmlns:r="{_REL}"><w:body>{body}</w:body></w:document>',
        "word/footnotes.xml": (
            f'<w:footnotes xmlns:w="{_W}" xmlns:r="{_REL}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>{notes}</w:footnotes>'),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{TITLE}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-08T09:00:00Z</dcterms:created>'
            '</cp:coreProperties>'),
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 8, 0, 0, 0))
            zf.writestr(info, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return path

"""Cleaning for analysis only, with a map from every cleaned character back to the raw text.

Every rule here *deletes* characters of the raw text (PDF line breaks, footnote markers and
blocks, markdown syntax); nothing is inserted or rewritten, so each cleaned character has
exactly one raw position and a cleaned span maps back to a raw span.

Rules, in order:
1. footnote bodies: a line that starts with a superscript number (`¹ 山口…`, `¹⁰ <https…>`) or a
   note label (`注1　…`), with the short lines after the last one up to a blank line (its
   tail broken by conversion), page numbers (`－ 4 －`) and rule lines (`――――`), and the
   running header after a page number with every line repeating it,
   and a line that holds only a URL are dropped with their line break; so are the lines
   between footnote n and footnote n+1 when they are short (at most MAX_NOTE_TAIL characters,
   less than any page of body text) — the rest of note n's body that PDF conversion broke
   over several lines (`⁵ https://…` / `なお、…は` / `<https://…>` / `を参照されたい。` / `⁶ …`);
   an author profile block (`<執筆者プロフィール>` to the end of the text) is dropped too, and
   so is the page furniture that ends an article from its heading on (`脚注[編集]`, `出典`,
   `関連記事`, `この記事をシェア`, `【参考】`: reference lists, related articles, share
   buttons), and a release's explanatory note on a line of its own (`（注）…`);
2. markdown: heading marks (`## `), emphasis (`**`, `__`, `*x*`), link syntax (`[text](url)`
   keeps `text`), autolinks (`<https://…>`), trailing spaces at line ends;
3. line breaks inside a sentence: a single line break after a character that does not end a
   sentence is removed (`パート\\nナーシップ`, `2023\\n年`) when the line runs to about the full
   width of the text's lines and neither it nor the next line is an item of its own (a
   chronology or table row, a bullet, a bracketed heading, a speaker label, a dateline), and
   so is a run of blank lines
   when the text before it had not finished its sentence and either the run held a dropped
   footnote block (a page break that put notes inside `ロ|シア`) or the line before it is a
   long body line, not a heading (a page break with no notes);
4. footnote markers: superscript digits anywhere, `注1` after a word, and a bare 1–3 digit number after a clause
   and before `。` (`…点だ 1。`, `…発効）12。`).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from itertools import compress

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
SENTENCE_END = "。．！？!?."
# Text between two consecutive footnotes up to this long is the first note's continuation.
MAX_NOTE_TAIL = 200
# A paragraph at least this long that stops without ending its sentence was cut by a page break.
MIN_BROKEN_LINE = 40
_JP = r"\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e"

# a note body: a line opening with a superscript number (`¹ 山口…`) or a note label (`注1　…`)
_NOTE_LABEL = r"注[ \t]?[0-9０-９]{1,2}[ \t\u3000]"
_FOOTNOTE_LINE = re.compile(rf"^[ \t\u3000]*(?:[{SUPERSCRIPTS}]+|{_NOTE_LABEL})[^\n]*(?:\n|$)", re.M)
# the rest of a note broken over lines by conversion: short lines up to a blank line
_NOTE_CONTINUATION = re.compile(rf"(?<=\n)(?:(?![ \t\u3000]*(?:[{SUPERSCRIPTS}]|{_NOTE_LABEL}))[^\n]{{1,60}}\n)+(?=\n|\Z)")
# page furniture of converted PDFs: page numbers (`－ 4 －`) and rule lines (`――――`)
_PAGE_LINE = re.compile(r"^[ \t\u3000]*(?:[－―\-–ー][ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[－―\-–ー]|[―ー－—_＿=＝\-]{5,})[ \t\u3000]*(?:\n|$)", re.M)
# a note marker in the body (`…会談を行った注1。`)
_NOTE_MARKER = re.compile(rf"(?<=[{_JP}」』）)])注[0-9０-９]{{1,2}}(?=[、。，,\s]|$)")
# An author profile block (`<執筆者プロフィール>`, `【著者紹介】`) runs to the end of the text.
_PROFILE_BLOCK = re.compile(
    r"^[ \t\u3000]*[<＜〈【\[]?(?:執筆者|著者|筆者)(?:プロフィール|紹介|略歴)[>＞〉】\]]?[ \t\u3000]*\n[\s\S]*\Z", re.M
)
# Page furniture at the end of an article, from its heading to the end of the text: reference
# lists and notes of wiki articles, related-article lists and share buttons of news pages,
# the reference links of press releases (`脚注[編集]`, `関連記事`, `この記事をシェア`, `【参考】`)
_TAIL_BLOCK = re.compile(
    r"^[ \t\u3000]*[【\[［▼■◆●]?[ \t\u3000]*(?:脚注|出典|参考文献|注釈|外部リンク|関連項目|関連記事|関連ニュース"
    r"|関連リンク|この記事をシェア|参考)[ \t\u3000]*[】\]］]?[ \t\u3000]*(?:\[編集\])?[ \t\u3000]*\n[\s\S]*?"
    r"(?=^[ \t\u3000]*最終更新|\Z)", re.M)  # a wiki page's closing update line is text
# An explanatory note of a release on a line of its own (`（注）アユンギン礁には…`)
_NOTE_LINE = re.compile(r"^[ \t\u3000]*[（(]注[0-9０-９]*[）)][^\n]*(?:\n|$)", re.M)
_URL_LINE = re.compile(r"^[ \t\u3000]*<?(?:https?://|www\.)[^\s]*>?[ \t\u3000]*(?:\n|$)", re.M)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]*)\)")
_AUTOLINK = re.compile(r"<(?:https?://|www\.)[^>\s]*>")
_TRAILING_SPACE = re.compile(r"[ \t\u3000]+(?=\n)")
_NEWLINES = re.compile(r"\n+")
_CONTINUES = re.compile(rf"[{_JP}、，]")
_SUPERSCRIPT = re.compile(rf"[{SUPERSCRIPTS}]+")
_SUPER_DIGITS = str.maketrans(SUPERSCRIPTS, "1234567890")
# Rows: a line that starts with a bullet, a numbered item or a bracketed heading …
_ROW_MARKER = re.compile(r"[・●■□◆◇▼▲▽△※○◎•＊*【〔［]|[-－]\s|[（(][0-9０-９一二三四五六七八九十]{1,2}[）)]|[0-9０-９]{1,2}[ 　.．、]")
# … a date with nothing else but a time or a weekday on the line (a dateline) …
_DATE_LINE = re.compile(r"^[0-9０-９]{4}[/.\-年][0-9０-９]{1,2}[/.\-月][0-9０-９]{1,2}日?(?:[ 　]*[（(][^）)]{1,4}[）)])?(?:[ 　]*[0-9０-９]{1,2}[:：時][0-9０-９]{2}分?)?[ 　]*$")
# … or a short head followed by a tab or an ideographic space (`7日　…`, `2022.2.25　…`, `【記者】`)
_ROW_HEAD = re.compile(r"([^\t\u3000 ]{1,20})(?:\t|\u3000| {2,})")
MAX_ROW_HEAD = 12
# A line this share of a full line long or longer, cut before its sentence ends, continues
FULL_LINE_SHARE = 0.75
_BARE_MARKER = re.compile(rf"(?<=[{_JP}」』）)])[ \t]?\d{{1,3}}(?=[ \t]*。)")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text and, for each of its characters, the index of that character in raw (an
    array of machine integers: 8 bytes a character, where a tuple of ints took 36)."""

    raw: str
    text: str
    offsets: array

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span [start, end) to the raw span that covers it."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


class _View:
    """The raw text with a deletion mask; `text`/`index` are the current cleaned view."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.keep = bytearray(b"\x01") * len(raw)  # 1 byte a character (a list of bools took 8)
        self.dropped_blocks: set[int] = set()  # raw positions of dropped footnote/URL lines
        self.refresh()

    def refresh(self) -> None:
        self.index = array("q", compress(range(len(self.keep)), self.keep))
        self.text = "".join(compress(self.raw, self.keep))

    def delete(self, start: int, end: int) -> None:
        for k in range(start, end):
            self.keep[self.index[k]] = False

    def delete_matches(self, pattern: re.Pattern[str], group: int | None = None, block: bool = False) -> None:
        for m in pattern.finditer(self.text):
            if block:
                self.dropped_blocks.update(self.index[m.start() : m.end()])
            if group is None:
                self.delete(m.start(), m.end())
            else:  # delete everything of the match except the kept group
                self.delete(m.start(), m.start(group))
                self.delete(m.end(group), m.end())
        self.refresh()


def _full_width(text: str) -> int:
    """The length of a full line of the text (its longer lines' length): a line broken by
    conversion runs to about this length; a heading, a chronology row or a table row stops short."""
    lengths = sorted(len(ln) for ln in text.split("\n") if len(ln.strip()) > 10)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _is_row(line: str) -> bool:
    """A line that is an item of its own: a bullet or numbered item, a bracketed heading, a
    chronology or table row (`7日　…`, `2022.2.25　…`, `同日　…`), a speaker label, a dateline."""
    stripped = line.strip(" ")
    if not stripped or _ROW_MARKER.match(stripped) or _DATE_LINE.match(stripped):
        return True
    head = _ROW_HEAD.match(stripped)
    return bool(head and len(head.group(1)) <= MAX_ROW_HEAD)


def _broken_line(text: str, start: int, full: int) -> bool:
    """The single line break at `start` cuts a sentence (PDF conversion), not two items."""
    line_start = text.rfind("\n", 0, start) + 1
    next_end = text.find("\n", start + 1)
    line, nxt = text[line_start:start], text[start + 1:next_end if next_end >= 0 else len(text)]
    if _is_row(nxt) or _is_row(line):
        return False
    return len(line) >= FULL_LINE_SHARE * full or text[start - 1] in "、，（「『"


def _join_lines(view: _View) -> None:
    full = _full_width(view.text)
    for m in _NEWLINES.finditer(view.text):
        start, end = m.start(), m.end()
        if start == 0 or end >= len(view.text):
            continue
        before = view.text[start - 1]
        if before in SENTENCE_END or before == "\n":
            continue
        if end - start == 1:
            if _broken_line(view.text, start, full):
                view.delete(start, end)
            continue
        next_end = view.text.find("\n", end)
        if _is_row(view.text[end:next_end if next_end >= 0 else len(view.text)]):
            continue  # a heading or row after the blank lines begins an item of its own
        gap = range(view.index[start - 1] + 1, view.index[end])
        dropped_content = any(i in view.dropped_blocks and not view.raw[i].isspace() for i in gap)
        line_start = view.text.rfind("\n", 0, start) + 1
        page_break = start - line_start >= MIN_BROKEN_LINE and _CONTINUES.match(before)
        if dropped_content or page_break:
            view.delete(start, end)
    view.refresh()


def _note_number(line: str) -> int | None:
    m = _SUPERSCRIPT.search(line)
    if m:
        return int(m.group().translate(_SUPER_DIGITS))
    m = re.match(r"[ \t\u3000]*注[ \t]?([0-9０-９]{1,2})", line)
    return int(m.group(1).translate(_FULLWIDTH_DIGITS)) if m else None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _drop_last_note_tail(view: _View) -> None:
    """The short lines right after a note, up to a blank line, are the rest of that note."""
    for a in reversed(list(_FOOTNOTE_LINE.finditer(view.text))):
        m = _NOTE_CONTINUATION.match(view.text, a.end())
        if m and m.end() - m.start() <= MAX_NOTE_TAIL:
            view.dropped_blocks.update(view.index[m.start():m.end()])
            view.delete(m.start(), m.end())
    view.refresh()


def _drop_note_tails(view: _View) -> None:
    """Lines between footnote n and footnote n+1 that are short are note n's continuation."""
    notes = list(_FOOTNOTE_LINE.finditer(view.text))
    for a, b in zip(notes, notes[1:]):
        n, m = _note_number(a.group()), _note_number(b.group())
        between = view.text[a.end():b.start()]
        body = "".join(ln.strip() for ln in between.splitlines() if not _URL_LINE.fullmatch(ln.strip() + "\n"))
        if n is not None and m == n + 1 and 0 < len(body) <= MAX_NOTE_TAIL:
            view.dropped_blocks.update(view.index[a.end():b.start()])
            view.delete(a.end(), b.start())
    view.refresh()


MAX_RUNNING_HEADER = 40


def _drop_running_headers(view: _View) -> None:
    """A converted PDF's running header: the short line right after a page number, and every
    line that repeats it (`アジア戦略研究会　論考シリーズ　No.18`)."""
    text = view.text
    headers = set()
    for m in _PAGE_LINE.finditer(text):
        nxt = re.match(r"(?:[ \t\u3000]*\n)*([^\n]*)", text[m.end():])
        line = nxt.group(1).strip() if nxt else ""
        if line and len(line) <= MAX_RUNNING_HEADER and "。" not in line and not _PAGE_LINE.match(line + "\n"):
            headers.add(line)
    if not headers:
        return
    pattern = re.compile(r"^[ \t\u3000]*(?:" + "|".join(map(re.escape, sorted(headers))) + r")[ \t\u3000]*(?:\n|$)", re.M)
    view.delete_matches(pattern, block=True)


def _drop_spans(view: _View, spans: tuple[tuple[int, int], ...]) -> None:
    for start, end in spans:  # the view is still the raw text: its positions are raw positions
        view.dropped_blocks.update(range(start, end))
        for k in range(start, end):
            view.keep[k] = False
    if spans:
        view.refresh()


def clean(raw: str, furniture: tuple[tuple[int, int], ...] = ()) -> Cleaned:
    """`furniture`: raw spans a format reader found to be page furniture (a PDF's running
    headers, footers, page numbers and footnotes, pipeline/formats.py), dropped like note blocks."""
    view = _View(raw)
    _drop_spans(view, furniture)
    _drop_note_tails(view)
    _drop_last_note_tail(view)
    _drop_running_headers(view)
    view.delete_matches(_FOOTNOTE_LINE, block=True)
    view.delete_matches(_PAGE_LINE, block=True)
    view.delete_matches(_URL_LINE, block=True)
    view.delete_matches(_PROFILE_BLOCK, block=True)
    view.delete_matches(_TAIL_BLOCK, block=True)
    view.delete_matches(_NOTE_LINE, block=True)
    view.delete_matches(_MD_HEADING)
    view.delete_matches(_MD_LINK, group=1)
    view.delete_matches(_AUTOLINK)
    view.delete_matches(_MD_STRONG)
    view.delete_matches(_MD_EM, group=1)
    view.delete_matches(_TRAILING_SPACE)
    _join_lines(view)
    view.delete_matches(_SUPERSCRIPT)
    view.delete_matches(_NOTE_MARKER)
    view.delete_matches(_BARE_MARKER)
    return Cleaned(raw=raw, text=view.text, offsets=view.index)


# SudachiPy refuses an input over 49,149 bytes; a paragraph longer than this is cut before it
MAX_PARAGRAPH_BYTES = 40_000
_CUT_AFTER = (re.compile(r"[。！？!?．]"), re.compile(r"[、，,；;：:）」』\s]"))


def paragraphs(cleaned: Cleaned, max_bytes: int = MAX_PARAGRAPH_BYTES) -> list[tuple[int, int]]:
    """Cleaned-text spans of the non-blank paragraphs (split at remaining line breaks). A
    paragraph over `max_bytes` of UTF-8 (a scraped one-line article, a chronology without 。) is
    cut into pieces under it: after a sentence end where there is one, else after punctuation or
    a space, else at the byte budget; the pieces cover it exactly (offsets unchanged)."""
    spans = []
    pos = 0
    for m in _NEWLINES.finditer(cleaned.text + "\n"):
        chunk = cleaned.text[pos : m.start()]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            spans.extend(_cut_long(cleaned.text, pos + lead, pos + trail, max_bytes))
        pos = m.end()
    return spans


def _cut_long(text: str, start: int, end: int, max_bytes: int) -> list[tuple[int, int]]:
    out = []
    while len(text[start:end].encode("utf-8")) > max_bytes:
        limit = start + _chars_within(text, start, end, max_bytes)
        cut = 0
        for pattern in _CUT_AFTER:  # the last boundary of the best kind in the second half
            for m in pattern.finditer(text, start + (limit - start) // 2, limit):
                cut = m.end()
            if cut:
                break
        cut = cut or limit
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _chars_within(text: str, start: int, end: int, max_bytes: int) -> int:
    """How many characters from `start` fit in `max_bytes` of UTF-8."""
    n = used = 0
    for ch in text[start:end]:
        used += len(ch.encode("utf-8"))
        if used > max_bytes:
            break
        n += 1
    return max(1, n)

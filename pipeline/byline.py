"""The author block (byline and affiliation) of an article: not annotated, so not extracted.

    byline_ranges(text, author="") -> list[(start, end)]

A byline line is a short line (no sentence-final `。`, at most 120 characters) among the first or
last lines of the article that holds the author's name (spaces ignored, from the manifest) or an
academic or professional title as a word of its own (`准教授`, `研究員`, `弁護士` …; not `理事国`): `**猿田 佐世 (Sayo Saruta),**`, `広島市立大学…准教授 加藤美保子`,
`(山口信治 防衛研究所 地域研究部主任研究官)`.  Offsets are into `text`.
"""

from __future__ import annotations

import re

MAX_LINE = 120
AFFILIATION = re.compile(
    r"(?:准?教授|講師|研究員|研究官|研究主幹|弁護士|所長|理事長|理事|フェロー|客員|特任|助教|"
    r"専任|名誉教授|編集委員|論説委員|記者)(?![\u3400-\u9fff])|Professor|Fellow|Researcher"
)
EDGE_LINES = 12  # a byline stands among the first or the last lines of an article
_SPACES = re.compile(r"[ \t\u3000*_()（）,，]")


def byline_ranges(text: str, author: str = "") -> list[tuple[int, int]]:
    name = _SPACES.sub("", author)
    out = []
    pos = 0
    lines = text.split("\n")
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(filled[:EDGE_LINES]) | set(filled[-EDGE_LINES:])
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if i not in edge or not body or len(body) > MAX_LINE or "。" in body:
            continue
        if (name and len(name) >= 2 and name in _SPACES.sub("", body)) or AFFILIATION.search(body):
            out.append((start, end))
    return out


# credits and navigation, not text (annotation guideline §6.1): a news agency's or paper's credit
# in brackets ending a line (`（共同）`, `（AFP時事）`, `（朝鮮中央通信＝共同）`, `（西海日報）`), a line
# of site navigation (`ホーム > 外交政策 > 欧州`), a line naming only an agency or paper and its desk
CREDIT = re.compile(
    r"[（(][^（）()\n]{0,20}(?:共同|時事|ロイター|AFP|AP|EPA|UPI|聯合|新華社|タス|通信|通信社|日報|新聞|新聞社|提供|撮影)[）)][ \t\u3000]*$",
    re.M,
)
NAVIGATION = re.compile(r"^[^\n。]*(?:[>＞›»][^\n>＞›»。]+){2,}$", re.M)
# a source note closing a table or chronology (`（出所）国連発表、各種報道を基に筆者作成`): furniture
# to the end of its line (guideline §5.2)
SOURCE_NOTE_OPEN = r"[（(](?:出所|出典)[）)]"
SOURCE_NOTE = re.compile(SOURCE_NOTE_OPEN + r"[^\n]*$", re.M)
AGENCY_LINE = re.compile(r"^[ \t\u3000]*[^\s。、]{1,10}(?:通信|通信社|新聞|新聞社)(?:[ \t\u3000]+[^\s。、]{1,8}部)?[ \t\u3000]*$", re.M)


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Credits, navigation lines, agency lines and source notes of `text` (see CREDIT): no timex,
    entity or event comes from them."""
    return sorted((m.start(), m.end()) for rx in (CREDIT, NAVIGATION, AGENCY_LINE, SOURCE_NOTE) for m in rx.finditer(text))


SPEAKER_LABEL = re.compile(r"^[ \t\u3000]*(?:【[^】\n]{1,24}】|○[^\s　]{1,20}(?=[\s　]))", re.M)


def speaker_label_ranges(text: str) -> list[tuple[int, int]]:
    """Speaker labels of a transcript (`【上川外務大臣】`, `○浜田委員長　`, `【NHK　佐伯記者】`) at
    the start of a line: structure, not text (annotation guideline §6.4)."""
    return [(m.start(), m.end()) for m in SPEAKER_LABEL.finditer(text)]


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)

"""Document date from a dateline in the first lines of an article, or from an update or
publication line at its end (SPEC §1).

A dateline is a line that opens with a full calendar date, after at most a label
(`掲載日：`, `更新日`, `公開`, `Published:` …) or a bracket, with nothing after the date but a
weekday, a clock time or a few words that are not a sentence (`2024年6月19日(水)20時38分`,
`2023/11/22 15:30`, `2025年9月10日　コラム`, `2025年1月6日 更新`, `令和４年１０月４日`,
`平成二十七年七月十五日（水曜日）`). The date itself is read by the date grammar
(`pipeline.timex`), so every form it knows — eras, kanji numerals, numeric shapes — is a
dateline form too. At the end of a text, the last lines are searched for an update or
publication line (`最終更新 2025年8月24日`, `（2025年3月4日）`).
"""

from __future__ import annotations

import re
import unicodedata

FIRST_LINES = 15
LAST_LINES = 6
MAX_LINE = 40  # a dateline is short
MAX_TAIL = 16  # words allowed after the date on the line (a column name, `更新`)

_LABEL = re.compile(
    r"^\s*(?:(?:最終)?(?:掲載|公開|発行|更新|投稿|配信|作成|発表)(?:日|日時)?|Date|Published|Updated)\s*[:：]?\s*", re.I)
_OPEN = re.compile(r"^[\s（(【\[]*")
_TAIL_OK = re.compile(r"^[\s）)】\]]*(?:[（(][^（）()]{1,6}[）)])?[\s）)】\]]*[^。、，,]{0,%d}$" % MAX_TAIL)
_END_LABEL = re.compile(r"(?:最終更新|更新日?|掲載日?|公開日?|発行日?|配信日?)[\s:：]*")


def _date_at_start(text: str, any_tail: bool = False) -> str | None:
    """The ISO day of a full date opening `text` (the rest of the line short, not a sentence,
    unless `any_tail`: a labelled update line may go on, `（日時は…UTC）`)."""
    from .timex import extract_timex

    found = extract_timex(text, None)
    if not found:
        return None
    t = found[0]
    if t.start != 0 or t.anchor != "absolute" or t.type not in ("DATE", "TIME") or not t.date_start:
        return None
    if t.date_start != t.date_end or not (any_tail or _TAIL_OK.match(text[t.end:])):
        return None
    return t.date_start


def parse_dateline(line: str) -> str | None:
    """ISO date if the line is a dateline, else None."""
    norm = unicodedata.normalize("NFKC", line).strip()
    if not norm or len(norm) > MAX_LINE:
        return None
    body = _LABEL.sub("", norm, count=1)
    body = body[_OPEN.match(body).end():]
    return _date_at_start(body)


def parse_closing_line(line: str) -> str | None:
    """ISO date of an update or publication line at the end of a text (`最終更新 2025年8月24日`,
    `（2025年3月4日）`, `2024年7月12日 掲載`), else None."""
    norm = unicodedata.normalize("NFKC", line).strip()
    m = _END_LABEL.search(norm)
    if m and m.start() <= 2:
        return _date_at_start(norm[m.end():], any_tail=True)
    if not norm or len(norm) > MAX_LINE:
        return None
    if norm.startswith(("(", "（")) and norm.endswith((")", "）")):
        return _date_at_start(norm[1:-1])
    return parse_dateline(norm) if _END_LABEL.search(norm) else None


def find_dateline(text: str) -> str | None:
    """The first dateline among the first non-blank lines of the text, else an update or
    publication line among its last lines."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for line in lines[:FIRST_LINES]:
        found = parse_dateline(line)
        if found:
            return found
    for line in reversed(lines[-LAST_LINES:]):
        found = parse_closing_line(line)
        if found:
            return found
    return None

"""Document date from a dateline in the first lines of an article (SPEC §1).

Accepted: `2024年7月12日`, `掲載日：2024年7月12日`, `令和5年12月25日`, `2024/11/08`,
`2024-11-08`, `2024.11.08`, with full-width digits and spaces allowed. A dateline is a short
line (at most `MAX_LINE` characters after the label) that is essentially just the date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

FIRST_LINES = 15
MAX_LINE = 40
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}  # era year N -> Gregorian offset + N

_LABEL = r"(?:(?:掲載|公開|発行|更新|投稿|配信|作成)(?:日|日時)?|日付|Date|Published)\s*[:：]?\s*"
_WESTERN = r"(?P<y>\d{4})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|[/.\-](?P<m2>\d{1,2})[/.\-](?P<d2>\d{1,2}))"
_ERA = r"(?P<era>令和|平成|昭和)\s*(?P<ey>\d{1,2}|元)\s*年\s*(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日"
_DATELINE = re.compile(rf"^\s*(?:{_LABEL})?(?:{_WESTERN}|{_ERA})(?:\s*[（(][^）)]{{1,3}}[）)])?\s*$", re.I)


def parse_dateline(line: str) -> str | None:
    """ISO date if the line is a dateline, else None."""
    norm = unicodedata.normalize("NFKC", line).strip()
    if len(norm) > MAX_LINE:
        return None
    m = _DATELINE.match(norm)
    if not m:
        return None
    if m.group("era"):
        ey = 1 if m.group("ey") == "元" else int(m.group("ey"))
        y, mo, d = ERAS[m.group("era")] + ey, int(m.group("em")), int(m.group("ed"))
    else:
        y = int(m.group("y"))
        mo = int(m.group("m") or m.group("m2"))
        d = int(m.group("d") or m.group("d2"))
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def find_dateline(text: str) -> str | None:
    """The first dateline among the first non-blank lines of the text."""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        found = parse_dateline(line)
        if found:
            return found
        seen += 1
        if seen >= FIRST_LINES:
            break
    return None

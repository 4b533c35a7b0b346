"""An event's date: the timex of its clause, else of its sentence; own dates of coordinated actors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
import re

from ..records import Entity, Timex
from .model import Event
from .syntax import SETTING_CASES, case_of, code_of, doc_text, head_chain, in_brackets, listed_with
from .mentions import ANCHOR_NOUNS  # `後`, `以降`: a time counted from a happening


# How far a reference date carries: to the sentences that follow the dated one, at most this many
CARRY_SENTENCES = 1
# ... and further, up to this many, through a narration in the past tense (every sentence since
# the dated one, and the event's own, ends in `た`): the text goes on telling the same moment
CARRY_NARRATIVE = 3
# words that move the narration to another time: the carried date stops there
TIME_SHIFT = re.compile(r"その後|以後|のちに|後に|やがて|現在|今日|近年|最近|今後|当時")
# a cataphoric lead (`会談を行ったところ、概要は以下のとおりです`, `主な議論は次のとおり`): the items
# that follow tell what was said and done at the happening it reports, so the reference time it
# stands at holds for them, across paragraphs and without decay (their own dates date only
# themselves)
CATAPHORA = re.compile(r"(?:以下|次)の(?:とおり|通り)")
# A news report's reactions: a report dated within this many days after the first happening it
# dates is news of it, and its undated past-tense acts (`…は、会談の成果を歓迎した`) happened
# at the time its story stands at, across paragraphs (`date:news_peg`)
NEWS_DAYS = 3
# an act told as standing or habitual (`支援してきた`, `繰り返している`) has no one day
HABITUAL = re.compile(r"[^、。]{0,4}?て(?:き|い)")
# ... and, narrower, an act going on (`…を進めている`, `…してきた`, `…しており`; not `…していく`, what
# is to come), which takes no carried date
ONGOING = re.compile(r"[^、。]{0,4}?て(?:き[たて]|い[るまた]|おり)")
PAST_END = re.compile(r"(?:た|だった|であった)(?:[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰）)」]|\[\d+\])*[。．]?(?:[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰]|\[\d+\])*$")


def in_news_days(t: Timex | None, doc_date: str) -> bool:
    """`t` is a day at most NEWS_DAYS before the document's date (a full date)."""
    if t is None or len(doc_date) < 10 or t.precision != "day" or t.date_start != t.date_end:
        return False
    try:
        gap = (date.fromisoformat(doc_date[:10]) - date.fromisoformat(t.date_start)).days
    except ValueError:
        return False
    return 0 <= gap <= NEWS_DAYS


def dates_other(doc, t: Timex, k: int, first: int, last: int, trig_type: str) -> bool:
    """A timex that is not the event's: a cited report's date (`20日付『新聞』によれば`) dates only
    a statement."""
    if CITED_DATE_RE.match(doc_text(doc), t.end):
        return trig_type != "STATEMENT"
    return False


CITED_DATE_RE = re.compile(r"[ \t\u3000]*(?:付(?=[ \u3000]*の?[ \u3000]*(?:[『「]|新聞|紙|報道|記事|論評|社説|電))|発(?=[のでに、『「\s]))")  # `20日付『…』`, `5日発の`, not `4日発効` nor `11日付の政令で` (a decree: its act's date)


def date_for(doc, first: int, last: int, sent: tuple[int, int], dated: list[tuple[Timex, int]],
              trig_type: str = "") -> Timex | None:
    """The timex of the trigger's clause, else the nearest one of its sentence."""
    in_sent = _sentence_dates(doc, first, last, sent, dated, trig_type)
    if not in_sent:
        return None
    pos = doc[first].idx
    # `オーストラリア（2022年1月署名）`: a note's date is the date of the act the note states
    noted = [t for t, _ in in_sent if (n := bracket_note(doc_text(doc), sent, t)) and n[0] <= pos < n[1]]
    if noted:
        return noted[0]
    governed = _governed(doc, first, last, in_sent)
    # the clause's own date before one attributive to another noun (`2018年、…2015年の核合意から離脱`)
    token_of = {id(t): k for t, k in in_sent}
    governed = [t for t in governed if not _attributive(doc, token_of[id(t)], first, last)] or governed
    if governed:
        return min(governed, key=lambda t: abs(t.start - doc[first].idx))
    # else the date of its sentence, only when it is the time of the sentence's narrative (a date
    # attributive to another noun or inside a relative clause dates only that: guideline §6.9)
    narrative = [(t, k) for t, k in in_sent if t.moves and not _in_relative_clause(doc, t, k, first, last)]
    if not narrative:
        return None
    before = [t for t, _ in narrative if t.end <= doc[first].idx]
    return before[-1] if before else narrative[0][0]


def coordinated_dates(doc, first: int, last: int, sent: tuple[int, int], dated: list[tuple[Timex, int]],
                      trig_type: str = "") -> list[Timex]:
    """The dates of the trigger's own clause when it lists two or more (`下院が10月24日、上院が11月6日に
    可決`, `12月30日と2日の攻撃`): the predicate states one act per date (guideline §5.2). Closed
    dates only (not `以降`), none holding another; else []."""
    in_sent = _sentence_dates(doc, first, last, sent, dated, trig_type)
    last = listed_with(doc, last)  # (a noun listed with another shares its clause: `放水や…妨害を繰り返した`)
    # a date the act is counted from (`5月25日の核実験の後、6月12日に採択`) is not one of its dates
    in_sent = [(t, k) for t, k in in_sent if not _through_anchor(doc, k, last)]
    # ... nor a date attributive to another noun (`2015年の核合意から離脱`): it dates only that (§6.9)
    in_sent = [(t, k) for t, k in in_sent if not _attributive(doc, k, first, last)]
    governed = [t for t in _governed(doc, first, last, in_sent) if t.type == "DATE" and t.date_start and t.date_end]
    ranges = sorted({(t.date_start, t.date_end) for t in governed})
    if len(ranges) < 2 or any(a != b and a[0] <= b[0] and b[1] <= a[1] for a in ranges for b in ranges):
        return []
    firsts = {}
    for t in sorted(governed, key=lambda t: t.start):
        firsts.setdefault((t.date_start, t.date_end), t)
    return sorted(firsts.values(), key=lambda t: t.start)


def _attributive(doc, k: int, first: int, last: int) -> bool:
    """The date reaches the trigger through a noun it is attached to by の, not the trigger's own."""
    chain = head_chain(doc[k])
    for prev, anc in zip(chain, chain[1:]):
        if first <= anc.i <= last or anc.pos_ not in ("NOUN", "PROPN", "NUM"):
            return False
        if case_of(prev) == "の":
            return True
    return False


def _through_anchor(doc, k: int, last: int) -> bool:
    """The token reaches the trigger through a noun of time counted from (`…の後`, `…以降`)."""
    for anc in head_chain(doc[k])[1:]:
        if anc.i == last:
            return False
        if anc.lemma_ in ANCHOR_NOUNS:
            return True
    return False


def _sentence_dates(doc, first: int, last: int, sent, dated, trig_type: str) -> list[tuple[Timex, int]]:
    pos = doc[first].idx
    in_sent = [(t, k) for t, k in dated if sent[0] <= t.start < sent[1]]
    # the date of a bracketed note (`…に署名した（2024 年 12 月 4 日発効）`) dates the note's own act
    in_sent = [(t, k) for t, k in in_sent if not ((n := bracket_note(doc_text(doc), sent, t)) and not n[0] <= pos < n[1])]
    # a date in brackets restates one outside them (`12日未明…（米東部時間11日夜）`), one outside
    # them dates no act inside (`（2024年12月4日発効）`): the dates on the trigger's side first
    inside = in_brackets(doc_text(doc), sent[0], pos)
    in_sent = [(t, k) for t, k in in_sent if in_brackets(doc_text(doc), sent[0], t.start) == inside] or in_sent
    return [(t, k) for t, k in in_sent if not dates_other(doc, t, k, first, last, trig_type)]


def _in_relative_clause(doc, t: Timex, k: int, first: int, last: int) -> bool:
    """The token's first predicate up the parse is a relative clause on a noun (`5月2日に発射した
    ミサイル`), not the trigger's — unless a comma follows the date (`首相は8月31日、天津で開かれた
    会議に合わせて…会談した`): set off by a comma, it is the time of the whole sentence."""
    if COMMA_AFTER.match(doc_text(doc), t.end):
        return False
    for anc in head_chain(doc[k])[1:]:
        if first <= anc.i <= last:
            return False
        if anc.pos_ in ("VERB", "ADJ", "AUX"):
            return anc.dep_ == "acl" and anc.head.pos_ in ("NOUN", "PROPN") and not first <= anc.head.i <= last
    return False


COMMA_AFTER = re.compile(r"[ \u3000]*[、，,]|[\u3000\t]")  # also the gap after a chronology row's date


def _governed(doc, first: int, last: int, in_sent: list[tuple[Timex, int]]) -> list[Timex]:
    """The timexes of the trigger's own clause: reached up the parse with no other predicate between."""
    chain = {t.i for t in head_chain(doc[last])}
    governed = []
    for t, k in in_sent:
        relative = False
        for anc in head_chain(doc[k]):
            if anc.i == doc[last].i or (anc.i in chain and anc.i != k and anc.pos_ in ("VERB", "ADJ") and anc.i <= last + 3):
                governed.append(t)
                break
            if anc.i != k and anc.pos_ in ("VERB", "ADJ") and not first <= anc.i <= last + 3:
                if anc.dep_ != "acl":
                    break  # the timex dates another predicate's clause (`…が2023年以降…提供したとの分析を示した`)
                relative = True  # a relative clause: the noun it modifies decides (`…日に行われた会談で`)
            elif relative and anc.pos_ in ("NOUN", "PROPN") and case_of(anc) not in SETTING_CASES + ("の", ""):
                break  # ... which is what the act is about (`…日に示された判断であることを確認`, `…日に
                # 発射したミサイルについて協議`), not its setting (`…日に行われた会談で`)
    return governed


def split_by_dates(ev: Event, dates: list[Timex]) -> list[Event]:
    """One copy of a dated event per date its clause lists (see coordinated_dates)."""
    if len(dates) < 2 or ev.date_source != "explicit":
        return [ev]
    rules = tuple("date:coordinated" if r.startswith("date:") else r for r in ev.rules)
    return [replace(ev, date_text=t.text, date_start=t.date_start, date_end=t.date_end, date_precision=t.precision,
                    date_ref=t, rules=rules) for t in dates]



def bracket_note(text: str, sent, t: Timex) -> tuple[int, int] | None:
    """The span of brackets around a timex when they hold more than the timex (a note such as
    `（2024 年 12 月 4 日発効）`); None for a bare bracketed date (`フィンランド（2023 年）`)."""
    before = text[sent[0]:t.start]
    depth, open_at = 0, -1
    for k in range(len(before) - 1, -1, -1):
        ch = before[k]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                open_at = sent[0] + k
                break
            depth -= 1
    if open_at < 0:
        return None
    m = re.compile(r"[^（()）]*[）)]").match(text, t.end, sent[1])
    if m is None:
        return None
    inner = (text[open_at + 1:t.start] + text[t.end:m.end() - 1]).strip(" \u3000\t\n、，,")
    return (open_at, m.end()) if inner else None


OWN_DATE_OPEN = re.compile(r"\s*[（(]\s*")
OWN_DATE_CLOSE = re.compile(r"\s*[）)]")


def split_by_own_dates(text: str, ev: Event, actors: list[Entity], dated) -> list[Event]:
    """Coordinated actors each with a date in brackets (`フィンランド（2023 年）とスウェーデン
    （2024 年）が加盟した`): one verb states one dated happening per actor (guideline §5.2),
    so the event is split, each copy with its actor and that actor's date."""
    parts = ev.participants.split(";")
    own: dict[str, tuple[Entity, Timex]] = {}
    for e in actors:
        code = code_of(e)
        if code not in parts or code in own or e.end > ev.start:
            continue
        m = OWN_DATE_OPEN.match(text, e.end)
        if not m:
            continue
        t = next((t for t, _ in dated if t.start == m.end() and OWN_DATE_CLOSE.match(text, t.end)), None)
        if t is not None:
            own[code] = (e, t)
    if len(own) < 2:
        return [ev]
    out = []
    for code, (e, t) in own.items():
        rules = [r for r in ev.rules if not r.startswith("date:")] + ["date:own_bracket"]
        cp = replace(ev, participants=";".join(sorted((set(parts) - set(own)) | {code})),
                     date_text=t.text, date_start=t.date_start, date_end=t.date_end, date_precision=t.precision,
                     date_source="explicit", date_ref=t, rules=tuple(rules))
        if ev.actor1 in own:
            cp.actor1, cp.actor1_name, cp.actor1_text = code, e.name, e.text
            cp.actor1_spans = ((e.start, e.end),)
        elif ev.actor2 in own:
            cp.actor2, cp.actor2_name, cp.actor2_text = code, e.name, e.text
            cp.actor2_spans = ((e.start, e.end),)
        out.append(cp)
    return out

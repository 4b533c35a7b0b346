"""The document pass: sentences in order, the State carried across them, the rows made."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from ..attribution import attribution_for, find_attributions
from ..records import Entity, Timex
from .dates import CARRY_NARRATIVE, CARRY_SENTENCES, CITED_DATE_RE, PAST_END, TIME_SHIFT, split_by_own_dates
from .lexicon import Trigger, match_trigger
from .mentions import DOCUMENT_NOUNS, drop_announcements_of_rows, is_predicate, own_date, same_happening, undated_anchor
from .model import Event, State, happening_key
from .roles import build_event
from .syntax import code_of, doc_text, in_quote, token_at


def find_events(doc, sentences: list[tuple[int, int]], timexes: list[Timex], actors: list[Entity],
                lexicon: dict[str, tuple[Trigger, ...]], state: State | None = None) -> list[Event]:
    state = state or State()
    state.ref_age = max(state.ref_age, CARRY_NARRATIVE)  # a new paragraph: no carried date
    state.topic = []
    if not lexicon or len(doc) == 0:
        return []
    max_len = max(len(k) for k in lexicon)
    text = doc_text(doc)
    token_starts = [t.idx for t in doc]
    dated = [(t, token_at(doc, t.start)) for t in timexes if t.type in ("DATE", "TIME") and t.date_start]
    out: list[Event] = []
    for sent in sentences:
        first_tok, stop = bisect_left(token_starts, sent[0]), bisect_left(token_starts, sent[1])
        if first_tok >= stop:
            continue
        sent_actors = [e for e in actors if sent[0] <= e.start < sent[1]]
        past = bool(PAST_END.search(doc_text(doc)[sent[0]:sent[1]]))
        if TIME_SHIFT.search(doc_text(doc)[sent[0]:sent[1]]):
            state.narrative = past = False
        carry = state.ref_age < CARRY_SENTENCES or (past and state.narrative and state.ref_age < CARRY_NARRATIVE)
        prev_actor1: list[str] = []
        prev_parts: list[str] = []
        reported = find_attributions(doc, sent)
        # the reporter (`米国務省によれば`, `…と共同通信が伝えた`) is not a side of what it reports
        sent_actors = [e for e in sent_actors if not any(a.source_start <= e.start < a.source_end for a in reported)]
        i = first_tok
        while i < stop:
            m = match_trigger(doc, i, lexicon, max_len)
            if m is None or m[0] >= stop:
                i += 1
                continue
            last, readings = m
            start, end = doc[i].idx, doc[last].idx + len(doc[last].text)
            inside_name = any(e.start <= start and end <= e.end for e in actors) or (
                in_quote(text, sent[0], start))
            trig = next((r for r in readings if is_predicate(doc, i, last, r)), None)
            anchored = False
            if trig is None and not inside_name and own_date(doc, i, last, sent, dated):
                # `2019年4月のウラジオストク会談を経て`: a happening named with its own date is a row
                # at its first mention, wherever the noun stands (guideline §6.9)
                trig = next((r for r in readings if is_predicate(doc, i, last, r, anchored=True)), None)
                anchored = trig is not None
            if trig is not None and trig.event_type == "STATEMENT" and any(
                    o.sentence_start == sent[0] and o.trigger.endswith(DOCUMENT_NOUNS) and any(
                        c.idx + len(c.text) == o.end for c in doc[last].children) for o in out):
                trig = None  # `共同声明が発表された`: the issuing of the document already found, not a second act
            if inside_name or trig is None or undated_anchor(doc, i, last, dated):
                i = last + 1
                continue
            same = next((o.participants for o in reversed(out) if o.sentence_start == sent[0]
                         and o.event_type == trig.event_type), "")
            ev = build_event(doc, i, last, trig, sent, sent_actors, dated, state, prev_actor1, prev_parts, carry, same)
            if ev is not None and any(same_happening(ev, o) for o in out):
                ev = None  # `基地を訪問し工場を視察した`: two triggers of one type, one happening (§5.2)
            if ev is not None and anchored and (ev.date_source != "explicit" or happening_key(ev) in state.seen):
                ev = None  # a later mention of a happening already a row names it again (§6.9)
            if ev is not None and anchored:
                ev = replace(ev, rules=ev.rules + ("mention:first_dated",))
            if ev is not None:
                state.seen.add(happening_key(ev))
            if ev is not None:
                said = attribution_for(reported, ev.start, ev.end)
                if said is not None:
                    ev = replace(ev, attribution=said.source, rules=ev.rules + (said.rule,))
                out += split_by_own_dates(doc_text(doc), ev, sent_actors, dated)
                if ev.actor1:
                    prev_actor1 = [ev.actor1]
                prev_parts = ev.participants.split(";")
                if len(prev_parts) == 2:
                    state.pair = tuple(prev_parts)
            i = last + 1
        out = drop_announcements_of_rows(text, out, sent)
        if prev_actor1:
            state.topic = prev_actor1
        for e in sent_actors:
            if e.label == "COUNTRY":
                code = code_of(e)
                if code in state.countries:
                    state.countries.remove(code)
                state.countries.append(code)
        state.narrative = state.narrative and past
        # the dates that carry on are those the date grammar read as the time of the narrative,
        # not asides (attributive, relative-clause, bracketed, looking-back dates: SPEC §3)
        in_sent = [t for t, _ in dated if sent[0] <= t.start < sent[1] and t.type == "DATE" and t.moves]
        # a cited report's date (`21日付『…』によれば`) is not when things happened
        happened = [t for t in in_sent if not CITED_DATE_RE.match(text, t.end)] or in_sent
        if happened:
            state.ref, state.ref_age, state.narrative = happened[-1], 0, True
        else:
            state.ref_age += 1
    return out

"""The document pass: sentences in order, the State carried across them, the rows made.

Each trigger match either becomes a row or is rejected with the id of what decided it (a
mention filter, `roles:no_actor`, …); the rejections go to `rejected` when the caller passes a
list, and from there to `events_rejected.csv`, so a reader sees why a word made no row.
"""

from __future__ import annotations

from bisect import bisect_left
import re
from dataclasses import dataclass, field, replace

from ..attribution import attribution_for, find_attributions, load_markers
from ..event_types import types_with
from ..records import Entity, Timex
from .dates import (
    CARRY_NARRATIVE, CARRY_SENTENCES, CATAPHORA, CITED_DATE_RE, PAST_END, TIME_SHIFT, coordinated_dates, in_news_days,
    split_by_dates, split_by_own_dates,
)
from .lexicon import Trigger, trigger_matches
from .mentions import DOCUMENT_NOUNS, drop_announcements_of_rows, own_date, rejected_by, same_happening, undated_anchor
from .model import Event, Rejection, State, happening_key
from .build import build_event
from .syntax import (
    COUNTRY_CODES, SETTING_CASES, case_of, code_of, doc_text, head_chain, in_brackets, in_quote, light_verb,
    particles_after, predicate_heads, token_at,
)
from .words import words


# the events whose two sides `両国`/`両首脳`/`双方` and a one-sided meeting refer back to: two
# parties acting together or one visiting the other (an attack's two sides are not "both leaders")
PAIRING_TYPES = types_with("pairing")
HOSTED_TYPES = types_with("hosted")
ACT_TARGET_TYPES = types_with("act_target")
AGREEMENT_TYPES = ("AGREE_COOPERATE", "SIGN_AGREEMENT")
READOUT_REMARKS = words("readout_remarks")
QUOTING_VERBS = words("quoting_verbs")
# the acts a speaker performs by saying (criticising, welcoming, warning), apart from plain statements
SPEECH_ACT_TYPES = tuple(t for t in types_with("saying") if t != "STATEMENT")
# one state's own speaking, visiting or meeting amid a natural disaster is its domestic response
# to it (guideline §6.8: disasters and domestic acts are no rows unless a second coded actor is party);
# force, aid and troops sent are not among these types
DOMESTIC_RESPONSE_TYPES = types_with("speaking") | PAIRING_TYPES
NATURAL_HAZARDS = words("natural_hazards")
SESSIONS = words("session_nouns")


# a numbered section heading of a release or report (`2　首脳会談`, `3. 共同声明の発出`): short, no
# sentence end, a number and a space before it
SECTION_HEADING = re.compile(r"\s*[0-9０-９一二三四五六七八九十]{1,2}[.．、]?[ \u3000]+[^。、 \u3000]{1,20}\s*")
# a photo caption: what the picture shows, `＝` its date or place and the credit in brackets
# (`握手する両首脳＝5日、カイロ（ロイター＝共同）`); it restates the story, no row (guideline §6.2)
CAPTION = re.compile(r"[^。\n]+＝[^＝。\n]{0,30}[（(][^（）()\n]{1,20}[）)]\s*")


def _is_headline(sentence: str, title: str) -> bool:
    """The document's title written as its headline (or a piece of it that a line break in a
    converted page made a sentence of its own): it restates the story (guideline §6.2)."""
    line = re.sub(r"[\s#*]+", "", sentence)
    if "。" in line:
        return False  # a sentence of the body taken for a title (no manifest, a one-line text)
    return len(line) >= HEADLINE_MIN and line in re.sub(r"\s+", "", title)


HEADLINE_MIN = 4  # characters of a sentence that can be told for a piece of the title


# a table or chronology row naming a resolution, then its content, then the vote on it
RESOLUTION_ROW = re.compile(r"[^。]*決議[^。]*[\u3000\t][^。\u3000\t]*")
RESOLUTION_DONE = re.compile(r"[^。\u3000\t]*[\u3000\t]+(?:無投票で)?(?:採択|否決)")


# lines that state nothing, with the id of the filter that says so
NOT_TEXT_LINES = ((SECTION_HEADING, "filter:heading"), (CAPTION, "filter:caption"))


@dataclass
class Paragraph:
    """One parsed paragraph and what every sentence of it reads."""

    doc: object
    actors: list[Entity]
    dated: list[tuple[Timex, int]]  # dated timexes with the index of their first token
    triggers: dict[int, tuple[int, tuple[Trigger, ...]]]  # token -> (last token, readings)
    token_starts: list[int]


@dataclass
class Sentence:
    """One sentence on its way: its span, actors, attributions and the rows found so far."""

    span: tuple[int, int]
    actors: list[Entity]
    reported: list
    carry: bool
    past: bool
    rows: list[Event] = field(default_factory=list)
    prev_actor1: list[str] = field(default_factory=list)
    prev_parts: list[str] = field(default_factory=list)


def find_events(doc, sentences: list[tuple[int, int]], timexes: list[Timex], actors: list[Entity],
                lexicon: dict[str, tuple[Trigger, ...]], state: State | None = None,
                rejected: list[Rejection] | None = None) -> list[Event]:
    state = state or State()
    if not state.held:
        state.ref_age = max(state.ref_age, CARRY_NARRATIVE)  # a new paragraph: no carried date
        state.flashback = False
    state.topic = []
    if not lexicon or len(doc) == 0:
        return []
    dated = [(t, token_at(doc, t.start)) for t in timexes if t.type in ("DATE", "TIME") and t.date_start]
    para = Paragraph(doc, actors, dated, trigger_matches(doc, lexicon), [t.idx for t in doc])
    rejected = rejected if rejected is not None else []
    out: list[Event] = []
    for span in sentences:
        first_tok, stop = bisect_left(para.token_starts, span[0]), bisect_left(para.token_starts, span[1])
        if first_tok < stop:
            out += _read_sentence(para, span, (first_tok, stop), state, rejected)
    return out


def _read_sentence(para: Paragraph, span: tuple[int, int], tokens: tuple[int, int], state: State,
                   rejected: list) -> list[Event]:
    """The rows of one sentence (its rejections to `rejected`), the State carried on."""
    doc = para.doc
    sent = _open_sentence(para, span, state)
    heading = next((why for rx, why in NOT_TEXT_LINES if rx.fullmatch(doc_text(doc), span[0], span[1])), "")
    i, stop = tokens
    while i < stop:
        m = para.triggers.get(i)
        if m is None or m[0] >= stop:
            i += 1
            continue
        if heading:  # `2　首脳会談`: a section heading names what follows, it states nothing
            start, end = doc[i].idx, doc[m[0]].idx + len(doc[m[0]].text)
            rejected.append(_rejection(start, end, doc_text(doc)[start:end], m[1][0].event_type, heading, span))
        else:
            _candidate(para, sent, state, i, m[0], m[1], rejected)
        i = m[0] + 1
    kept = drop_announcements_of_rows(doc_text(doc), sent.rows, span)
    rejected += [_rejection(ev.start, ev.end, ev.trigger, ev.event_type, "filter:announcement_of_row", span)
                 for ev in sent.rows if not any(ev is k for k in kept)]
    if state.title and _is_headline(doc_text(doc)[span[0]:span[1]], state.title):
        # the headline restates the story: its sides are read (they tell who the text is about),
        # its rows are not rows (guideline §6.2)
        rejected += [_rejection(ev.start, ev.end, ev.trigger, ev.event_type, "filter:headline", span) for ev in kept]
        kept = []
    _close_sentence(para, sent, state)
    return kept


def _open_sentence(para: Paragraph, span: tuple[int, int], state: State) -> Sentence:
    text = doc_text(para.doc)[span[0]:span[1]]
    past = bool(PAST_END.search(text))
    if TIME_SHIFT.search(text):
        state.narrative = past = False
    carry = state.ref_age < CARRY_SENTENCES or (past and state.narrative and state.ref_age < CARRY_NARRATIVE)
    reported = find_attributions(para.doc, span)
    # the reporter (`米国務省によれば`, `…と共同通信が伝えた`) is not a side of what it reports
    actors = [e for e in para.actors if span[0] <= e.start < span[1]
              and not any(a.source_start <= e.start < a.source_end for a in reported)]
    return Sentence(span, actors, reported, carry, past)


def _reading(para: Paragraph, sent: Sentence, first: int, last: int, readings) -> tuple[Trigger | None, bool, str]:
    """(the reading of the match that states an act, whether it is named with its own date,
    the reason when none does)."""
    doc, span = para.doc, sent.span
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    if any(e.start <= start and end <= e.end for e in para.actors):
        return None, False, "filter:inside_name"
    if in_quote(doc_text(doc), span[0], start) and not _quoted_term(doc_text(doc), start):
        return None, False, "filter:in_quote"
    if RESOLUTION_ROW.fullmatch(doc_text(doc)[span[0]:start]) and RESOLUTION_DONE.match(doc_text(doc), end, span[1]):
        # `決議2722（米国、日本）　…攻撃を非難　採択`: what a resolution condemns or demands is its
        # content, no row of its own (guideline §6.9)
        return None, False, "filter:resolution_content"
    reasons = [rejected_by(doc, first, last, r) for r in readings]
    trig, anchored = next((r for r, why in zip(readings, reasons) if why is None), None), False
    if trig is None and own_date(doc, first, last, span, para.dated):
        # `2019年4月のウラジオストク会談を経て`: a happening named with its own date is a row
        # at its first mention, wherever the noun stands (guideline §6.9)
        trig = next((r for r in readings if rejected_by(doc, first, last, r, anchored=True) is None), None)
        anchored = trig is not None
    if trig is None:
        return None, False, reasons[0]
    if trig.event_type == "STATEMENT" and any(
            o.trigger.endswith(DOCUMENT_NOUNS) and any(c.idx + len(c.text) == o.end for c in doc[last].children)
            for o in sent.rows):
        return None, False, "filter:issued_document_again"  # `共同声明が発表された`: the issuing already found
    if undated_anchor(doc, first, last, para.dated):
        return None, False, "filter:undated_anchor"
    if _subject_of_act(para, first, last):
        return None, False, "filter:subject_of_act"
    if trig.surface in CONFIRMING and _object_is_act(para, last):
        return None, False, "filter:confirmed_act"
    return trig, anchored, ""


CONFIRMING = words("confirming_words")


def _object_is_act(para: Paragraph, last: int) -> bool:
    """`林報道官も合意を確認した`: confirming an act (an agreement already made) tells of that act,
    which is its own row; a joint position confirmed is a clause, a noun of no act or a noun
    of a stance (`…ことを確認`, `協力を確認`)."""
    return any(case_of(ch) == "を" and (readings := _trigger_at(para, ch.i)) and readings[0].needs != "light"
               for h in predicate_heads(para.doc, last) for ch in h.children if ch.i < last)  # (`協力を確認`: a position)


def _trigger_at(para: Paragraph, i: int) -> tuple:
    """The readings of the trigger match that holds token i, () when none does."""
    return next((readings for k, (end, readings) in para.triggers.items() if k <= i <= end), ())


# a short quoted term used as a noun of the sentence (`ガザの「完全封鎖」を指示`): a name in quotation
# marks, not speech — followed by a case particle, with no clause inside
QUOTED_TERM = re.compile(r"「[^「」、。，\s]{1,12}」(?=[をがはにので]|以降|以来)")


def _quoted_term(text: str, pos: int) -> bool:
    """The quote around `pos` is a short term used as a noun (QUOTED_TERM)."""
    m = QUOTED_TERM.match(text, max(text.rfind("「", 0, pos), 0))
    return m is not None and m.end() > pos


def _subject_of_act(para: Paragraph, first: int, last: int) -> bool:
    """`停戦が発効した`, `総会の会合が決議を採択`: a verbal noun that is the subject of another trigger's
    predicate is named by that act, which is the row (guideline §5.2: a happening named as an
    argument of another act gets no row of its own)."""
    head = para.doc[last]
    if case_of(head) not in ("は", "が") or light_verb(para.doc, last) is not None or head.head.i <= last:
        return False
    return bool(_trigger_at(para, head.head.i))


def _candidate(para: Paragraph, sent: Sentence, state: State, first: int, last: int, readings, rejected: list) -> None:
    """Read one trigger match: add its row(s) to the sentence, or its rejection to `rejected`."""
    doc = para.doc
    trig, anchored, reason = _reading(para, sent, first, last, readings)
    ev = None
    if trig is not None:
        same = next((o.participants for o in reversed(sent.rows) if o.event_type == trig.event_type), "")
        ev = build_event(doc, first, last, trig, sent.span, sent.actors, para.dated, state,
                         sent.prev_actor1, sent.prev_parts, sent.carry, same)
        reason = _admission(ev, sent, state, anchored, doc_text(doc), _also(doc, last))
    if reason:
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        kind = trig.event_type if trig is not None else readings[0].event_type
        rejected.append(_rejection(start, end, doc_text(doc)[start:end], kind, reason, sent.span))
        return
    if anchored:
        ev = replace(ev, rules=ev.rules + ("mention:first_dated",))
    ev = _criticised_act(para, ev, last, state)
    ev = _setting_date(doc, ev, last, sent)
    state.seen.add(happening_key(ev))
    said = attribution_for(sent.reported, ev.start, ev.end)
    if said is not None:
        ev = replace(ev, attribution=said.source, rules=ev.rules + (said.rule,))
    rows = split_by_own_dates(doc_text(doc), ev, sent.actors, para.dated)
    if len(rows) == 1 and ev.date_source == "explicit":  # no actor with its own date: one row per date listed
        rows = split_by_dates(ev, coordinated_dates(doc, first, last, sent.span, para.dated, ev.event_type))
    # an earlier row of the sentence that this one states again with more sides (`ロシアが反対して
    # 拒否権を行使し`: RUS, then RUS and the council) is the same happening: this row stands for it
    subsumed = [o for o in sent.rows if same_happening(o, ev) and o.actor1 and o.participants != ev.participants
                and set(o.actor1.split(";")) <= set(ev.actor1.split(";"))]  # (the same doer)
    rejected += [_rejection(o.start, o.end, o.trigger, o.event_type, "filter:same_happening", sent.span) for o in subsumed]
    sent.rows = [o for o in sent.rows if not any(o is x for x in subsumed)] + rows
    if ev.actor1:
        sent.prev_actor1 = [ev.actor1]
    sent.prev_parts = ev.participants.split(";")
    # an act noted in brackets, or told as the setting of another (`訪問先のローマで`), is an aside
    _remember(state, ev, aside=in_brackets(doc_text(doc), sent.span[0], ev.start) or trig.needs == "place")


def _remember(state: State, ev: Event, aside: bool) -> None:
    """What a row tells the rest of the document: the news day and whether its paragraph is told at
    an earlier time, the last agreement, launcher, doer of each type and two-sided pair (an
    aside's row changes neither the time of its paragraph nor the last three)."""
    asserted, parts = ev.modality == "asserted", ev.participants.split(";")
    if ev.date_source == "explicit" and asserted:
        news = in_news_days(ev.date_ref, state.doc_date)
        if not state.pegged:
            # the first dated happening: the news a report is about, when it falls in the days
            # before the report's own date
            state.pegged, state.peg = True, ev.date_ref if news else None
        if not aside:
            # a paragraph telling a happening of an earlier time (`北朝鮮は2月28日、…発射していた`)
            # dates its own undated acts, not by the news day
            state.flashback = not news
    if ev.event_type in AGREEMENT_TYPES and len(parts) >= 2 and asserted and not aside:
        state.agreement = parts
    if ev.actor1 and ev.event_type == "SHOW_OF_FORCE":
        state.launcher = ev.actor1.split(";")
    if ev.actor1 and asserted and not aside:
        state.doers[ev.event_type] = ev.actor1.split(";")
    if len(parts) == 2 and ev.event_type in PAIRING_TYPES and not aside:
        state.pair = tuple(parts)
        state.pairs[state.pair] = state.pairs.get(state.pair, 0) + 1


# an act nominalised as the topic of a count (`…を攻撃したのは初めて`, `会談を行うのは5年ぶり`): the
# text characterises a happening it has already told
RESTATED_AS_FIRST = re.compile(r"[^、。「」]{0,6}?のは[^。]{0,80}?(?:初めて|ぶり|回目|度目)")


def _setting_date(doc, ev: Event, last: int, sent: Sentence) -> Event:
    """`…日に開催された首脳会談の共同声明で、両首脳は…を確認した`: an undated act done at a setting
    that holds a dated row of the sentence (the meeting) happened on the meeting's day."""
    if ev.date_start:
        return ev
    for h in predicate_heads(doc, last):
        for child in h.subtree:  # (the parser may hang the setting inside the act's complement)
            if child.i >= last or child.pos_ not in ("NOUN", "PROPN") or case_of(child) not in SETTING_CASES:
                continue
            lo, hi = doc[child.left_edge.i].idx, child.idx + len(child.text)
            held = [o for o in sent.rows if lo <= o.start and o.end <= hi and o.date_start and o.modality == "asserted"]
            if held:
                t = held[-1]
                return replace(ev, date_text=t.date_text, date_start=t.date_start, date_end=t.date_end,
                               date_precision=t.date_precision, date_source="explicit", date_ref=t.date_ref,
                               rules=ev.rules + ("date:setting_event",))
    return ev


def _criticised_act(para: Paragraph, ev: Event, last: int, state: State) -> Event:
    """`攻撃を強く非難した`: the object of a criticism (support, rejection) is an act named with no
    doer; the act told last of its type is the one meant, and its doer is who is criticised (§5.2)."""
    if ev.event_type not in ACT_TARGET_TYPES or ev.actor2 or ";" in ev.participants:
        return ev
    doc = para.doc
    heads = {h.i for h in predicate_heads(doc, last)}
    for end, readings in para.triggers.values():
        obj = doc[end]
        if obj.head.i in heads and case_of(obj) == "を":
            doers = [x for x in state.doers.get(readings[0].event_type, []) if x not in ev.participants.split(";")]
            if doers:
                parts = ";".join(sorted(set(ev.participants.split(";")) | set(doers)))
                return replace(ev, participants=parts, rules=ev.rules + ("actor2:criticised_act",))
    return ev


def _also(doc, last: int) -> bool:
    """An argument of the act marked も (`モディ首相とも会談し`, `イスファハンにも打撃を加えた`):
    the act is one more, besides one told before."""
    return any(p.text == "も" for h in predicate_heads(doc, last) for c in h.children if c.i < last
               for p in particles_after(c))


def _admission(ev: Event | None, sent: Sentence, state: State, anchored: bool, text: str, also: bool = False) -> str:
    """Why a built event is not a row ("" when it is)."""
    if ev is None:
        return "roles:no_actor"
    if ev.event_type in HOSTED_TYPES and ev.participants.count(";") == 0 and any(
            e.label in ("GPE", "LOC", "FAC") and e.country == ev.participants for e in sent.actors):
        return "roles:domestic_visit"  # `首相が輪島市を訪れ`: a trip inside one's own state is no visit
    if ev.event_type in DOMESTIC_RESPONSE_TYPES and ev.participants in COUNTRY_CODES and any(
            w in text[sent.span[0]:sent.span[1]] for w in NATURAL_HAZARDS):
        return "filter:disaster_response"  # `気象庁は大津波警報を発表した`: a state's own response (§6.8)
    if ev.event_type == "MEET" and ev.participants in COUNTRY_CODES and not ev.actor2 and ev.trigger.endswith(SESSIONS):
        return "filter:one_state_meeting"  # `日銀の決定会合`, `総裁の会見`: a state meets no one (§6.8)
    if state.held and ev.event_type == "STATEMENT" and ev.trigger.startswith(READOUT_REMARKS):
        return "filter:readout_remark"  # a remark made in the meeting a readout reports is its content (§6.9)
    if ev.event_type == "STATEMENT" and ev.trigger.startswith(QUOTING_VERBS) and any(
            o.event_type in SPEECH_ACT_TYPES and o.actor1 == ev.actor1 and o.date_start == ev.date_start
            for o in sent.rows):
        return "filter:frame_of_speech_act"  # `…を批判し、…と述べた`: the saying is the criticism (§5.2)
    if RESTATED_AS_FIRST.match(text, ev.end) and any(k[0] == ev.event_type for k in state.seen):
        return "filter:restated_as_first"  # `…を攻撃したのは初めて`: the reported act characterised again (§5.2)
    if not also and any(same_happening(ev, o) for o in sent.rows):
        return "filter:same_happening"  # `基地を訪問し工場を視察した`: two triggers, one happening (§5.2)
    if anchored and (ev.date_source != "explicit" or happening_key(ev) in state.seen):
        return "filter:later_mention"  # a later mention of a happening already a row names it again (§6.9)
    return ""


def _rejection(start: int, end: int, trigger: str, event_type: str, reason: str, span) -> Rejection:
    return Rejection(start, end, trigger, event_type, reason, span[0], span[1])


def _report_date(para: Paragraph, t: Timex) -> bool:
    """`朝鮮中央通信は1日、…と報じた`: the date is the reporting verb's own."""
    k = next((k for x, k in para.dated if x is t), None)
    verb = next((a for a in head_chain(para.doc[k]) if a.pos_ == "VERB"), None) if k is not None else None
    return verb is not None and verb.lemma_ in REPORTER_VERBS


REPORTER_VERBS = frozenset(load_markers().get("reporter_verb", ()))


def _close_sentence(para: Paragraph, sent: Sentence, state: State) -> None:
    """Carry the sentence's topic, states and narrative date on to the next sentence."""
    if sent.prev_actor1:
        state.topic = sent.prev_actor1
    for e in sent.actors:
        if e.label == "COUNTRY":
            code = code_of(e)
            if code in state.countries:
                state.countries.remove(code)
            state.countries.append(code)
    state.narrative = state.narrative and sent.past
    # the dates that carry on are those the date grammar read as the time of the narrative,
    # not asides (attributive, relative-clause, bracketed, looking-back dates: SPEC §3)
    span = sent.span
    in_sent = [t for t, _ in para.dated if span[0] <= t.start < span[1] and t.type in ("DATE", "TIME") and t.moves]
    # a cited report's date (`21日付『…』によれば`) is not when things happened
    happened = [t for t in in_sent if not CITED_DATE_RE.match(doc_text(para.doc), t.end)] or in_sent
    if state.held:
        return  # the items after a cataphoric lead stay at its time (their own dates date only themselves)
    if happened:
        state.ref, state.ref_age, state.narrative = happened[-1], 0, True
        news = in_news_days(happened[-1], state.doc_date)
        # a later happening of the news days (`14日未明、…`) is where the report's story now stands;
        # the day something was reported (`朝鮮中央通信は1日、…と報じた`) is not a happening
        if state.peg is not None and news and happened[-1].date_start > state.peg.date_start \
                and not _report_date(para, happened[-1]):
            state.peg = happened[-1]
        elif not state.pegged and news and sent.past:
            # a past narrative sentence dated in the news days before any dated row (`きのう深夜、
            # 採決が行われました`): the day the story stands at
            state.pegged, state.peg = True, happened[-1]
    else:
        state.ref_age += 1
    if state.ref is not None and CATAPHORA.search(doc_text(para.doc), span[0], span[1]):
        state.held, state.ref_age = True, 0


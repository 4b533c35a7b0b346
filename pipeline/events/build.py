"""One event from one trigger match: its sides (roles), type, date, modality and place."""

from __future__ import annotations

import re

from ..records import Timex
from .dates import CITED_DATE_RE, HABITUAL, ONGOING, PAST_END, TIME_SHIFT, date_for
from .lexicon import CONDEMNING, JOINT_DECLARATION, LAUNCH_AT
from .modality import modality_of
from .model import Event
from .roles import (
    CODE_SOURCES, COMPLETING_SOURCES, DECLARING_WORDS, MOVEMENT, SPEAKING_TYPES, Candidate, Sides, apply_passive,
    case_arguments,
    run_code_sources, side_codes, subject_sources, trigger_sides,
)
from .syntax import code_of, dedupe, doc_text
from .words import words


def build_event(doc, first, last, trig, sent, sent_actors, dated, state, prev_actor1,
                prev_parts=(), carry: bool = False, same_type: str = "") -> Event | None:
    """The event of a trigger match, or None when no side of it is coded."""
    c = Candidate(doc, first, last, trig, sent, sent_actors, dated, state, list(prev_actor1), list(prev_parts),
                  carry, same_type)
    s = Sides(rules=[trig.entry])
    case_arguments(c, s)
    trigger_sides(c, s)
    subject_sources(c, s)
    apply_passive(c, s)
    codes = run_code_sources(c, s, side_codes(c, s), CODE_SOURCES)
    if not any(codes):
        return None
    codes1, codes2 = run_code_sources(c, s, codes, COMPLETING_SOURCES)
    if trig.event_type == "STATEMENT" and len(set(codes1)) >= 2 and not s.addressed \
            and trig.surface.endswith(DECLARING_WORDS):
        # states declaring together, to no addressee, agree (`両国は…パートナーシップを宣言した`;
        # guideline §5.2: STATEMENT only when no other type fits)
        c.trig = JOINT_DECLARATION
    elif trig.event_type == "STATEMENT" and (doers := _condemned(c, codes1)):
        # `ロシアによる侵略は…断じて認められない旨述べた`: a saying that condemns an act criticises
        # its doer (guideline §6.9: protests and criticisms in a readout are CRITICIZE rows)
        c.trig = CONDEMNING
        codes2 = codes2 + [x for x in doers if x not in codes2]
    elif trig.event_type == "SHOW_OF_FORCE" and (target := _launch_target(c, codes1)):
        # a launch at another state or its forces (`イスラエルに向けて…ミサイルを発射`) is an attack;
        # at a sea or an area it stays a test or a show of force
        c.trig = LAUNCH_AT
        codes2 = codes2 + [target] if target not in codes2 else codes2
        s.rules.append("actor2:launch_target")
    if c.trig is not trig:
        s.rules.append(c.trig.entry)  # the rule that typed it otherwise than its trigger entry
    t, source = _date(c)
    if t is not None:
        s.rules.append(DATE_RULES[source])
    modality, modality_rule = modality_of(doc_text(doc)[:sent[1]], c.start, c.end)
    if modality == "asserted" and t is not None and _after(t.date_start, state.doc_date):
        # a report tells no happening after its own date: one dated later is still to come
        modality, modality_rule = "planned", "modality:future_date"
    elif modality == "asserted" and _non_past_end(c):
        modality, modality_rule = "planned", "modality:non_past_end"
    elif modality == "asserted" and _pledge(c):
        modality, modality_rule = "planned", "modality:pledge"
    s.rules.append(modality_rule)
    return _event(c, s, codes1, codes2, t, source, modality)


# `Xに向けて`, `X軍拠点に向け`, `Xを標的に`: what a launch is aimed at
AIMED_AT = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{0,6}?(?:に向け(?:て)?|を標的に|を狙(?:って|い))")


CONDEMNING_PHRASES = words("condemning_phrases")
DOER_MARK = re.compile(r"(?:による|が|は)")


def _condemned(c: Candidate, codes1: list[str]) -> list[str]:
    """The doers of the act a saying condemns (states marked による/が before it in the content);
    none when the content holds no condemning phrase or names no doer."""
    text = doc_text(c.doc)
    content = text[c.sent[0]:c.start]
    if not any(p in content for p in CONDEMNING_PHRASES):
        return []
    return [code_of(e) for e in c.actors if c.sent[0] <= e.start and e.end <= c.start and code_of(e)
            and code_of(e) not in codes1 and e.label in ("COUNTRY", "ORG") and DOER_MARK.match(text, e.end)]


def _launch_target(c: Candidate, codes1: list[str]) -> str:
    """The state (or armed group) a launch in its clause is aimed at, other than the launcher."""
    text = doc_text(c.doc)
    for e in c.actors:
        if e.label in ("COUNTRY", "ORG") and c.sent[0] <= e.start and e.end <= c.start and code_of(e) \
                and code_of(e) not in codes1 and AIMED_AT.match(text, e.end):
            return code_of(e)
    return ""


# the rule id of each way an event is dated; the news peg is a discourse date in the table
DATE_SOURCE = {"peg": "discourse"}  # the `date_source` column of a way of dating not in SPEC's list
DATE_RULES = {"explicit": "date:same_clause", "discourse": "date:carried", "peg": "date:news_peg",
              "document": "date:performative"}


def _date(c: Candidate):
    """(the timex that dates the event, its source: explicit, discourse or none)."""
    t = date_for(c.doc, c.first, c.last, c.sent, c.dated, c.trig.event_type)
    if t is not None:
        return t, "explicit"
    text = doc_text(c.doc)
    if c.trig.event_type in SPEAKING_TYPES and len(c.state.doc_date) == 10 and PERFORMATIVE.match(text, c.end):
        # `強く非難いたします`, `求めます`: a speech act performed as it is spoken, on the day of the
        # session or release (guideline §6.9) — the text itself says it is now
        d = c.state.doc_date
        return Timex(-1, -1, "", "DATE", d, d, d, "day", "document"), "document"
    if c.state.ref is not None and c.carry and not _ongoing(c, text) and not any(
            c.sent[0] <= x.start < c.sent[1] and not CITED_DATE_RE.match(text, x.end) and x.moves for x, _ in c.dated):
        return c.state.ref, "discourse"
    if c.state.peg is not None and not c.state.flashback and _reaction(c, text):
        return c.state.peg, "peg"
    return None, "none"


def _ongoing(c: Candidate, text: str) -> bool:
    """`…の支援を進めている`, `…を提供してきた`: an ongoing or habitual act has no one day to carry
    (guideline §3.5: ongoing processes are dated only by a date the text gives them); a saying
    told so (`…と評価している`) reports a statement and keeps the narrative's date."""
    return c.trig.event_type not in SPEAKING_TYPES and bool(ONGOING.match(text, c.end))



def _reaction(c: Candidate, text: str) -> bool:
    """An act told in the past tense as a happening of its own (not habitual, not a relative clause
    naming it), in a sentence with no date and no shift to another time: a news report's reaction."""
    return (c.verbal and c.head.dep_ != "acl" and not HABITUAL.match(text, c.end)
            and bool(PAST_END.search(text, c.sent[0], c.sent[1])) and not TIME_SHIFT.search(text, c.sent[0], c.sent[1])
            and not any(c.sent[0] <= x.start < c.sent[1] and x.moves for x, _ in c.dated))


# the polite non-past of a saying, ending its sentence: performed as it is said (`非難いたします`),
# not a standing position (`求めております`) nor a report (`求めました`)
PERFORMATIVE = re.compile(r"(?:いたし|し)?ます(?:[。」]|$)")


def _non_past_end(c: Candidate) -> bool:
    """The act's verb ends its sentence in the plain non-past (`緊急会合を開く。`, `来月訪問する。`):
    a report telling what is to come (not `…した`, `…している`, nor the performative `…します`)."""
    verb = c.lv if c.lv is not None else (c.head if c.head.pos_ == "VERB" else None)
    if verb is None or verb.dep_ != "ROOT":
        return False
    auxes = [t for t in verb.children if t.dep_ == "aux" and t.i > verb.i]
    if any(a.lemma_ in ("た", "だ", "ます", "いる", "です", "れる", "られる", "ない") for a in auxes):
        return False
    end = (auxes[-1] if auxes else verb).i + 1
    return end < len(c.doc) and c.doc[end].text in ("。", "．")


def _pledge(c: Candidate) -> bool:
    """`新たな支援を表明した`, `支援パッケージを発表した`: aid announced is aid pledged, still to be
    given (guideline §6.9)."""
    if c.trig.event_type != "PROVIDE_AID":
        return False
    verb = c.lv if c.lv is not None else (c.head.head if c.head.dep_ in ("obj", "nsubj") else None)
    return verb is not None and verb.lemma_ in PLEDGE_VERBS


PLEDGE_VERBS = words("pledge_verbs")


def _after(day: str, doc_date: str) -> bool:
    """`day` (ISO) falls after the document's date (ISO, maybe partial: compared at its precision)."""
    return bool(day and doc_date) and day[:len(doc_date)] > doc_date


def _name_of(codes: list[str], ents) -> tuple[str, str]:
    for e in ents:
        if code_of(e) == (codes[0] if codes else None):
            return e.name, e.text
    return "", ""


def _event(c: Candidate, s: Sides, codes1: list[str], codes2: list[str], t, source: str, modality: str) -> Event:
    loc = s.place[0] if s.place else None
    if loc is None and c.trig.event_type in MOVEMENT:
        # a visit or a deployment takes place at its destination (`ロシアを訪問`, `ロシアに派兵`)
        loc = next((e for e in s.a2 if e.label in ("COUNTRY", "GPE", "LOC", "FAC")
                    and code_of(e) == (codes2[0] if codes2 else "")), None)
    (n1, t1), (n2, t2) = _name_of(codes1, s.a1), _name_of(codes2, s.a2)
    trig = c.trig
    return Event(
        start=c.start, end=c.end, trigger=doc_text(c.doc)[c.start:c.end], event_type=trig.event_type, mode=trig.mode,
        cameo=trig.cameo, plover=trig.plover, modality=modality,
        actor1=codes1[0] if codes1 else "", actor1_name=n1, actor1_text=t1,
        actor2=codes2[0] if codes2 else "", actor2_name=n2, actor2_text=t2,
        participants=";".join(sorted(set(codes1) | set(codes2))),
        location=(code_of(loc) if loc else ""), location_text=(loc.text if loc else ""),
        date_text=t.text if t else "", date_start=t.date_start if t else "", date_end=t.date_end if t else "",
        date_precision=t.precision if t else "", date_source=DATE_SOURCE.get(source, source),
        sentence_start=c.sent[0], sentence_end=c.sent[1],
        actor1_spans=tuple((e.start, e.end) for e in s.a1 if code_of(e) in codes1),
        actor2_spans=tuple((e.start, e.end) for e in s.a2 if code_of(e) in codes2),
        date_ref=t, rules=tuple(dedupe(s.rules)),
    )

"""Roles: actor1, actor2, place of an event from the parse, in a named order of sources."""

from __future__ import annotations

from functools import lru_cache
import csv
import re

from ..gazetteer import RESOURCES
from ..records import Entity
from .dates import CITED_DATE_RE, bracket_note, date_for
from .lexicon import JOINT_DECLARATION, Trigger
from .mentions import ALLOWED_NEXT_NOUNS
from .modality import modality_of
from .model import Event, State
from .syntax import ACTOR1_CASES, ACTOR2_CASES, PLACE_CASES, REPORTED, actors_in, case_of, code_of, compound_start, dedupe, doc_text, first_token, head_chain, in_brackets, in_quote, is_actor_token, is_passive, light_verb, telegraphic


ADDRESSEE_CASES = ("に", "へ", "への", "に対し", "に対して", "に対する", "にも")
MOVEMENT = {"VISIT", "DEPLOY_TROOPS"}
PLACE_LABELS = ("GPE", "FAC")
PLACE_TARGETS = {"ATTACK", "SHOW_OF_FORCE", "THREATEN"}
SYMMETRIC = {"MEET", "SIGN_AGREEMENT", "MIL_COOPERATION", "AGREE_COOPERATE"}
GROUP_WORDS = ("両国", "両首脳", "両者", "両政府", "両外相", "両国首脳", "双方")


# words of declaring a stance together (`両国は…パートナーシップを宣言した`); reporting words
# (`発表`, `説明`, `強調`) with two subjects are two states saying something, not agreeing
DECLARING_WORDS = ("宣言", "声明", "表明", "確認", "誓", "約束")


@lru_cache(maxsize=1)
def _resolution_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    path = RESOURCES / "resolution_bodies.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return tuple((re.compile(r["pattern"]), r["body"]) for r in csv.DictReader(f))


def resolution_body(sentence: str) -> str:
    """The body whose numbering a resolution named in the sentence follows; "" for none or several."""
    bodies = {body for pattern, body in _resolution_patterns() if pattern.search(sentence)}
    return bodies.pop() if len(bodies) == 1 else ""


SETTING_CASES = ("で", "では", "において", "においては", "にて", "の際", "の席で")
AGENT_CASES = ("による", "によって", "により")
UNDERGO_VERBS = {"受ける", "被る", "蒙る"}  # `制裁を受ける`: the subject undergoes the act
GOAL_TYPES = {"VISIT", "DEPLOY_TROOPS", "PROVIDE_AID"}


# a noun with one of these particles is an argument of its own, never a modifier inside another
# noun phrase, whatever head the parser gave it (`ベラルーシがSCOの加盟国となった`)
OWN_CASES = ("が", "は", "を", "で")


def stray_subjects(tok) -> list:
    """Nouns marked `が/は` that the parser hung inside the noun phrase `tok`: subjects."""
    out, todo = [], list(tok.children)
    while todo:
        t = todo.pop()
        if t.dep_ not in NOMINAL_DEPS and t.dep_ != "dep":
            continue
        if case_of(t) in ("が", "は"):
            out.append(t)
        else:
            todo += list(t.children)
    return out


NOMINAL_DEPS = {"compound", "nmod", "conj", "appos", "nummod", "flat", "amod", "det"}


def nominal_actors(tok, actors: list[Entity]) -> list[Entity]:
    """Actors of a nominal argument with what hangs on it: `中国とロシアは`, `ロシアと北朝鮮の首脳が`."""
    seen, todo, spans = set(), [tok], []
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        spans.append((t.idx, t.idx + len(t.text)))
        todo += [c for c in t.children if c.dep_ in NOMINAL_DEPS and abs(c.i - tok.i) <= 10
                 and case_of(c) not in OWN_CASES]
    out = []
    for e in actors:
        if any(e.start < b and a < e.end for a, b in spans) and e not in out:
            out.append(e)
    return sorted(out, key=lambda e: e.start)


TIME_NOUNS = {"時", "際", "後", "前", "直後", "直前", "中", "以降", "以来"}
ACT_TARGET_TYPES = {"CRITICIZE", "SUPPORT_RECOGNIZE", "THREATEN", "VETO_REJECT"}


def act_doers(obj, actors: list[Entity]) -> list[Entity]:
    """`中国が…支援している点を批判した`: the object is an act told by a clause; the doer of that
    act is who is criticised (supported, rejected) — guideline §5.2."""
    out = []
    for v in obj.children:
        if v.dep_ == "acl" and v.i < obj.i:
            for c in v.children:
                if c.dep_ == "nsubj" or case_of(c) in ("が", "は"):
                    out += [e for e in nominal_actors(c, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
    return out


def expand_group(doc, tok, state: State) -> list[str]:
    """`両国`, `両首脳`, `双方` (also split into a compound, `両`+`首脳`): the two sides talked about."""
    phrase = doc_text(doc)[doc[compound_start(tok)].idx:tok.idx + len(tok.text)]
    if phrase.startswith(GROUP_WORDS) or doc[tok.i:tok.i + 4].text[:4].startswith(GROUP_WORDS):
        if state.pair and set(state.pair) <= set(state.countries[-4:]):
            return list(state.pair)  # the two sides of the last two-sided event, still being talked about
        return state.countries[-2:] if len(state.countries) >= 2 else []
    return []


def build_event(doc, first, last, trig: Trigger, sent, sent_actors, dated, state: State, prev_actor1,
           prev_parts=(), carry: bool = False, same_type: str = "") -> Event | None:
    text = doc_text(doc)
    head = doc[last]
    heads = [head]
    lv = light_verb(doc, last)
    if lv is not None:
        heads.append(lv)
    if head.dep_ == "compound" and head.head.lemma_ in ALLOWED_NEXT_NOUNS:
        heads.append(head.head)  # `ロシアによるウクライナ侵攻以降`: the arguments sit on 以降
        if lv is None and (lv := light_verb(doc, head.head.i)) is not None:
            heads.append(lv)  # `首脳会談等を行った`: ... and on the light verb of `等`
    # a verbal noun ending a telegraphic clause (`ロシアが拒否権、`) is the predicate (体言止め)
    verbal = head.pos_ in ("VERB", "AUX") or lv is not None or telegraphic(doc, last)
    a1: list[Entity] = []
    a2: list[Entity] = []
    a1_codes: list[str] = []
    a2_codes: list[str] = []
    place: list[Entity] = []
    addressed = False  # an actor2 marked as addressee (`北朝鮮に対し`), not as co-actor
    uncoded_subject = False
    agents: list[Entity] = []  # marked による/によって: the doer also in the passive
    ni_marked: list[Entity] = []  # marked に/から: the doer in the passive (`国連に非難された`)
    # the trigger itself in the passive (`凍結された`, not `会談が行われた`), or undergone (`制裁を受けた`)
    passive = (lv is None and is_passive(head)) or (lv is not None and lv.lemma_ in UNDERGO_VERBS)
    rules: list[str] = [trig.entry]
    size = [0, 0]

    def took(rule1: str = "", rule2: str = "") -> None:
        """Record the role rule that just gave actor1 (rule1) or actor2 (rule2) something."""
        n1, n2 = len(a1) + len(a1_codes), len(a2) + len(a2_codes)
        if rule1 and n1 > size[0]:
            rules.append(rule1)
        if rule2 and n2 > size[1]:
            rules.append(rule2)
        size[:] = [n1, n2]

    for h in heads:
        for c in h.children:
            if c.i in range(first, last + 1):
                continue
            if any(t.start <= c.idx < t.end for t, _ in dated):
                continue  # a time expression (`…の翌月6月19日に`) is not an actor
            case = case_of(c)
            if case == "は" and h.dep_ == "acl" and h.head.i > h.i:
                continue  # a topic は never sits inside a relative clause: the parser misattached it
            ents = nominal_actors(c, sent_actors)
            if c.pos_ in ("NOUN", "PROPN") and not is_actor_token(c, sent_actors):
                # `対北朝鮮制裁決議案に`: a state after 対 inside another noun is what that noun is
                # about, not a side of this event
                ents = [e for e in ents if not (e.start > 0 and doc_text(doc)[e.start - 1] == "対")]
            group = expand_group(doc, c, state)
            for st in stray_subjects(c):
                a1 += [e for e in nominal_actors(st, sent_actors) if e.label != "LOC"]
            if case in PLACE_CASES:
                place += [e for e in ents if e.label in ("GPE", "LOC", "FAC", "COUNTRY")]
            elif passive and (case in AGENT_CASES or (case == "の" and h.pos_ in ("NOUN", "PROPN"))):
                agents += [e for e in ents if e.label != "LOC"]  # `日本による制裁を受けた`, `北朝鮮の威嚇を受けた`
            elif case in ACTOR1_CASES or (case == "の" and h.pos_ in ("NOUN", "PROPN")):
                a1 += [e for e in ents if e.label != "LOC"]
                a1_codes += group
                if case in ("は", "が") and verbal and not ents and not group and c.pos_ in ("NOUN", "PROPN") \
                        and h.i == head.i or (lv is not None and h.i == lv.i and case in ("は", "が") and not ents
                                              and not group and c.pos_ in ("NOUN", "PROPN")):
                    uncoded_subject = True  # `キャンベルは…示した`: a person with no known state speaks
            elif case in ACTOR2_CASES:
                a2 += [e for e in ents if e.label not in ("LOC",)]
                if case == "を" and trig.event_type in ACT_TARGET_TYPES:
                    a2 += act_doers(c, sent_actors)
                if case in ("に", "から"):
                    ni_marked += ents
                addressed = addressed or (case in ADDRESSEE_CASES and bool(ents))
                a2_codes += group
    # `Xの` on a noun inside a multiword trigger (`SCOの正加盟国となる`) names its other side
    for k in range(first, last):
        for c in doc[k].children:
            if not first <= c.i <= last and case_of(c) == "の":
                a2 += [e for e in nominal_actors(c, sent_actors) if e.label != "LOC"]
                for st in stray_subjects(c):
                    a1 += [e for e in nominal_actors(st, sent_actors) if e.label != "LOC"]
    took("actor1:case", "actor2:case")
    # `対X` (`対ロ制裁`, `対独戦争`) names the side acted against, never the doer
    toward = [e for e in a1 if e.start > 0 and doc_text(doc)[e.start - 1] == "対"]
    if toward:
        a1 = [e for e in a1 if e not in toward]
        a2 += toward
    took("", "actor2:toward")
    if trig.event_type == "JOIN_ORG":
        # the organisation joined is actor2 whatever its case (`MSMTが発足した`)
        moved = [e for e in a1 if e.label == "ORG"]
        a1 = [e for e in a1 if e.label != "ORG"]
        a2 += moved
        if moved and not a1:
            a1_codes = [""]  # the subject was given: nothing to inherit
        took("", "actor2:organisation_joined")
    # a state written inside the trigger is its other side (`訪中`, `訪ロ`, `対日`)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    inside = [e for e in sent_actors if start <= e.start and e.end <= end and not (e.start == start and e.end == end)]
    a2 += inside
    took("", "actor2:inside_trigger")
    # the compound modifiers of a nominal trigger name the other side (`ウクライナ侵攻`, `対ロ制裁`)
    lead = doc[first]
    k = first
    while k > max(0, first - 6) and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].idx >= sent[0]:
        k -= 1  # the run of nouns written right before the trigger (`露朝首脳会談`, `対ロ制裁`)
    mods = actors_in((doc[k].idx, lead.idx), sent_actors)
    mods = [e for e in mods if e.end <= lead.idx]
    if mods:
        mod_codes = [code_of(e) for e in mods]
        if len(set(mod_codes)) >= 2 and not a1 and not a1_codes:
            a1_codes += mod_codes
        elif inside and not a1 and not a1_codes:
            a1 += mods  # the trigger names the other side (`訪ロ`): the modifier is the doer (`習主席訪ロ`)
        else:
            a2 += mods
        took("actor1:trigger_modifier", "actor2:trigger_modifier")
    # a nominal event as the setting of another predicate (`会談でAは…と述べた`, `演説でAは…`):
    # the subject of that predicate took part in it
    if not a1 and not a1_codes and not verbal and head.dep_ == "obl" and case_of(head) in SETTING_CASES:
        for c in head.head.children:
            if c.i != head.i and (c.dep_ == "nsubj" or case_of(c) in ("は", "が")):
                a1 += [e for e in nominal_actors(c, sent_actors) if e.label != "LOC"]
                a1_codes += expand_group(doc, c, state)
        if not a1 and not a1_codes and in_quote(doc_text(doc), sent[0], head.head.idx):
            a1 += surface_subject(doc, sent, first, sent_actors)  # the parser hung it inside a quote
        took("actor1:setting_subject")
    # a relative clause with no subject (`制裁を受けたロシアは`): the noun it modifies is its subject
    if not a1 and not a1_codes and verbal:
        a1 += modified_actor(doc, heads[-1], sent, sent_actors)
        took("actor1:modified_noun")
    # a clause with no subject inherits it from the clauses that govern it, then from the previous event
    if not a1 and not a1_codes and verbal:
        for anc in head_chain(heads[-1])[1:]:
            for c in anc.children:
                if c.dep_ in ("nsubj", "nsubj:pass") or case_of(c) in ("は", "が"):
                    a1 += [e for e in nominal_actors(c, sent_actors) if e.label != "LOC"]
                    a1_codes += expand_group(doc, c, state)
            if a1 or a1_codes:
                break
        took("actor1:governing_clause")
    if not a1 and not a1_codes and verbal:
        # a topic the parser hung inside the quoted complement (`北朝鮮は韓国に対し…だと宣言した`)
        for t in doc[first_token(doc, sent):first]:
            if case_of(t) == "は" and t.dep_ in ("nsubj", "obl", "nmod") and (
                    t.head.i == head.i or head in t.head.ancestors or heads[-1] in t.head.ancestors):
                # ... or on a clause the trigger's predicate governs: a topic scopes over the
                # sentence up to its main predicate (`ロシアは…されたりするなど、制裁を受けた`)
                a1 += [e for e in nominal_actors(t, sent_actors) if e.label != "LOC"]
                a1_codes += expand_group(doc, t, state)  # `双方は、…連携していくことを確認した`
                break
        took("actor1:topic_scope")
    if uncoded_subject and not a1 and not a1_codes:
        a1_codes = [""]  # the subject is given: nothing to inherit
        took("actor1:uncoded_subject")
    if not a1 and not a1_codes and verbal:
        a1 += surface_subject(doc, sent, first, sent_actors)
        took("actor1:surface_subject")
        if not a1 and surface_subject(doc, sent, first, sent_actors, any_noun=True):
            a1_codes = [""]  # a subject is written but names no state (`専門家は`): nothing to inherit
            took("actor1:uncoded_subject")
    if not a1 and not a1_codes and not verbal and last + 1 < len(doc) and doc[last + 1].lemma_ in TIME_NOUNS:
        # `習主席は、2023年の訪ロ時に…`: an event named as the time of the main clause is its subject's
        a1 += surface_subject(doc, sent, first, sent_actors)
        took("actor1:time_noun_subject")
    if not a1 and not a1_codes and prev_actor1 and verbal:
        a1_codes = list(prev_actor1)
        took("actor1:previous_event")
    if not a1 and not a1_codes and verbal and state.topic:
        a1_codes = list(state.topic)  # the topic of the paragraph's previous sentence
        took("actor1:paragraph_topic")
    # (again, for the subjects found since)
    toward = [e for e in a1 if e.start > 0 and doc_text(doc)[e.start - 1] == "対"]
    if toward:
        a1 = [e for e in a1 if e not in toward]
        a2 += toward
    if passive:
        rules.append("role:passive_statement" if trig.event_type == "STATEMENT" else
                     "role:passive_goal" if trig.event_type in GOAL_TYPES else "role:passive")
    if passive and trig.event_type == "STATEMENT":
        # `…ことが報告された`, `…と述べられていた`: the subject is what was said; the speaker is
        # only the one marked に/によって, and with none the speaker is unknown
        a1 = agents + [e for e in a2 if e in ni_marked]
        a2 = [e for e in a2 if e not in a1]
        a1_codes, a2_codes = [], []
    elif passive and trig.event_type in GOAL_TYPES:
        a1 = agents + a1
    elif passive:
        # the subject of a passive (`ロシアは制裁を受けた`, `北朝鮮は国連に非難された`) is done to;
        # the doer is marked による/によって or に/から. Not for a movement or a transfer: what is sent
        # (`北朝鮮兵がロシアに派遣された`) belongs to the sender
        doers = agents + [e for e in a2 if e in ni_marked]
        a2 = a1 + [e for e in a2 if e not in doers]
        a2_codes = a1_codes + a2_codes
        a1, a1_codes = doers, []
    # a city or a facility is where, not who (`ニュルンベルク裁判`, `北京での会談`) — except as the
    # destination of a movement (`平壌を訪問`: the host) or the place acted on (`クリミア併合`)
    a1 = [e for e in a1 if e.label not in PLACE_LABELS]
    if trig.event_type not in MOVEMENT | PLACE_TARGETS:
        a2 = [e for e in a2 if e.label not in PLACE_LABELS]
    codes1 = dedupe([code_of(e) for e in a1 if code_of(e)] + a1_codes)
    codes2 = [c for c in dedupe([code_of(e) for e in a2 if code_of(e)] + a2_codes) if c not in codes1]
    if not codes2 and codes1 and trig.event_type in ("PROVIDE_AID", "DEPLOY_TROOPS"):
        # the parser hung the goal on a coordinated verb (`ロシアに…武器を供給し、…を提供した`):
        # take the nearest state before the trigger marked as a goal
        goal = preceding_goal(doc, sent, doc[first].idx, sent_actors, codes1)
        if goal is not None:
            a2.append(goal)
            codes2 = [code_of(goal)]
            rules.append("actor2:preceding_goal")
    if trig.event_type == "VISIT" and codes1 and not codes2:
        # a visit to places in one country is a visit to that country (`ウラジオストクで…を訪問`)
        host = next((code_of(e) for e in place if code_of(e) and code_of(e) not in codes1), None)
        if host:
            codes2 = [host]
            rules.append("actor2:visit_host")
    if not codes1 and not codes2 and prev_parts and in_brackets(doc_text(doc), sent[0], start) and any(
            (n := bracket_note(doc_text(doc), sent, t)) and n[0] <= start < n[1] for t, _ in dated):
        # a dated bracketed note on the previous act (`条約に署名した（12 月 4 日発効）`) is about its parties
        codes1 = [c for c in prev_parts if c]
        rules.append("actor1:bracket_note")
    if not codes1 and trig.event_type == "STATEMENT" and trig.needs.startswith("obj:"):
        # `決議1874採択`: a numbered resolution names the body that adopts it (resources/resolution_bodies.csv)
        body = resolution_body(text[sent[0]:sent[1]])
        if body:
            codes1 = [body]
            rules.append("actor1:resolution_number")
    if not codes1 and not codes2 and same_type and not verbal:
        # `中露の合同パトロールが…、8回目の合同パトロールでは`: the same kind of act named again in
        # the sentence with no sides of its own has the sides it had
        codes1 = same_type.split(";")
        rules.append("actor1:same_type")
    if not codes1 and not codes2:
        return None
    if trig.implied_actor2 and trig.implied_actor2 not in codes1 + codes2:
        codes2 = codes2 + [trig.implied_actor2]  # the side the word names (`ロシアが拒否権を行使`: UNSC)
        rules.append("actor2:implied_by_trigger")
    if trig.event_type in SYMMETRIC and len(set(codes1) | set(codes2)) == 1 and prev_parts:
        # `会談し、…条約に署名した`: the partner of a coordinated symmetric act is the same
        codes2 = [c for c in prev_parts if c not in codes1]
        rules.append("actor2:coordinated_partner")
    one = set(codes1) | set(codes2)
    if trig.event_type in SYMMETRIC and len(one) == 1 and len(state.pair) == 2 and one < set(state.pair) \
            and set(state.pair) <= set(state.countries[-4:]):
        # a meeting or an agreement has two sides: with one named, the other is its partner in
        # the two-sided event the text is talking about (`首脳会談では、習近平は…`)
        codes2 = codes2 + [c for c in state.pair if c not in one]
        rules.append("actor2:discussed_pair")
    participants = sorted(set(codes1) | set(codes2))
    if trig.event_type == "STATEMENT" and len(set(codes1)) >= 2 and not addressed \
            and trig.surface.endswith(DECLARING_WORDS):
        # states declaring together, to no addressee, agree (`両国は…パートナーシップを宣言した`;
        # guideline §5.2: STATEMENT only when no other type fits)
        trig = JOINT_DECLARATION
    t = date_for(doc, first, last, sent, dated, trig.event_type)
    source = "explicit" if t is not None else "none"
    if t is None and state.ref is not None and carry and not any(
            sent[0] <= x.start < sent[1] and not CITED_DATE_RE.match(doc_text(doc), x.end) for x, _ in dated):
        t, source = state.ref, "discourse"
    if t is not None:
        rules.append("date:same_clause" if source == "explicit" else "date:carried")
    modality, modality_rule = modality_of(text[:sent[1]], start, end)
    rules.append(modality_rule)
    loc = place[0] if place else None
    if loc is None and trig.event_type in MOVEMENT:
        # a visit or a deployment takes place at its destination (`ロシアを訪問`, `ロシアに派兵`)
        loc = next((e for e in a2 if e.label in ("COUNTRY", "GPE", "LOC", "FAC") and code_of(e) == (codes2[0] if codes2 else "")), None)

    def name_of(codes, ents):
        for e in ents:
            if code_of(e) == (codes[0] if codes else None):
                return e.name, e.text
        return "", ""

    n1, t1 = name_of(codes1, a1)
    n2, t2 = name_of(codes2, a2)
    return Event(
        start=start, end=end, trigger=text[start:end], event_type=trig.event_type, mode=trig.mode,
        cameo=trig.cameo, plover=trig.plover, modality=modality,
        actor1=codes1[0] if codes1 else "", actor1_name=n1, actor1_text=t1,
        actor2=codes2[0] if codes2 else "", actor2_name=n2, actor2_text=t2,
        participants=";".join(participants),
        location=(code_of(loc) if loc else ""), location_text=(loc.text if loc else ""),
        date_text=t.text if t else "", date_start=t.date_start if t else "", date_end=t.date_end if t else "",
        date_precision=t.precision if t else "", date_source=source, sentence_start=sent[0], sentence_end=sent[1],
        actor1_spans=tuple((e.start, e.end) for e in a1 if code_of(e) in codes1),
        actor2_spans=tuple((e.start, e.end) for e in a2 if code_of(e) in codes2),
        date_ref=t, rules=tuple(dedupe(rules)),
    )


GOAL_AFTER = re.compile(r"(?:に対し(?:て)?|への|へ|に)(?![はおよ])")


def preceding_goal(doc, sent, pos: int, actors: list[Entity], exclude: list[str]) -> Entity | None:
    for e in sorted(actors, key=lambda e: -e.start):
        if e.end > pos or e.start < max(sent[0], pos - 40):
            continue
        if e.label in ("COUNTRY", "ORG", "PERSON") and code_of(e) and code_of(e) not in exclude \
                and GOAL_AFTER.match(doc_text(doc), e.end):
            return e
    return None


def modified_actor(doc, verb, sent, actors: list[Entity]) -> list[Entity]:
    """The actor right after a predicate in its adnominal form (`受けたロシア`, `派兵した北朝鮮`):
    the clause modifies that noun."""
    if verb.dep_ == "acl" and verb.head.i > verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        span = (doc[compound_start(noun)].idx, noun.idx + len(noun.text))
        found = [e for e in actors_in(span, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
        if found:
            return found  # `ロシアを非難するすべての国連総会決議`
    k = verb.i + 1
    while k < len(doc) and doc[k].dep_ in ("aux", "mark", "fixed") and doc[k].pos_ in ("AUX", "SCONJ", "VERB"):
        k += 1
    if k >= len(doc) or k == verb.i + 1 or doc[k].pos_ not in ("NOUN", "PROPN") or doc[k].idx >= sent[1]:
        return []
    if doc[k - 1].lemma_ not in ("た", "だ", "する", "いる", "れる", "られる"):
        return []  # `…し、ロシアは`: a conjunctive form, not an adnominal one
    return [e for e in actors if e.start == doc[k].idx and e.label in ("COUNTRY", "ORG", "PERSON", "GPE")]


def surface_subject(doc, sent, first: int, actors: list[Entity], any_noun: bool = False) -> list:
    """The parser lost the subject (a quote in the clause often makes it hang the subject on a
    verb inside the quote): the last `Xが/Xは` before the trigger, outside quotes, with no other
    が/は-marked noun between them, is the subject."""
    for t in reversed(doc[first_token(doc, sent):first]):
        if in_quote(doc_text(doc), sent[0], t.idx) and not REPORTED.search(doc_text(doc)[sent[0]:sent[1]]):
            continue
        if t.pos_ in ("NOUN", "PROPN", "PRON") and case_of(t) in ("が", "は"):
            if case_of(t) == "が" and t.head.pos_ in ("VERB", "ADJ") and t.head.i < first \
                    and not in_quote(doc_text(doc), sent[0], t.head.idx):
                continue  # the subject of an embedded clause of its own (`支援が役立っているとの…`)
            if any_noun:
                group = doc_text(doc)[doc[compound_start(t)].idx:t.idx + len(t.text)].endswith(GROUP_WORDS + ("首脳", "両者"))
                return [t] if t.pos_ != "PRON" and case_of(t) == "は" and not group else []
            found = [e for e in nominal_actors(t, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
            return found  # the nearest subject: an actor, or a noun that is not one (then none)
    return []

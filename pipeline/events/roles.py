"""Roles: actor1, actor2, place of an event from the parse, in a named order of sources."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..event_types import types_with
from ..gazetteer import RESOURCES
from ..records import Entity
from .dates import bracket_note
from .lexicon import Trigger
from .mentions import ALLOWED_NEXT_NOUNS, PLAN_NOUNS
from .model import State
from .syntax import ACTOR1_CASES, ACTOR2_CASES, COUNTRY_CODES, PLACE_CASES, REPORTED, SETTING_CASES, actors_in, case_of, code_of, compound_start, dedupe, doc_text, first_token, head_chain, in_brackets, in_quote, is_actor_token, is_passive, light_verb, particles_after, telegraphic
from .words import words


ADDRESSEE_CASES = words("addressee_cases")
MOVEMENT = types_with("movement")
PLACE_LABELS = ("GPE", "FAC")
PLACE_TARGETS = types_with("place_target")
SYMMETRIC = types_with("symmetric")
GROUP_WORDS = words("group_words")


# words of declaring a stance together (`両国は…パートナーシップを宣言した`); reporting words
# (`発表`, `説明`, `強調`) with two subjects are two states saying something, not agreeing
DECLARING_WORDS = words("declaring_words")


@lru_cache(maxsize=1)
def _resolution_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    path = RESOURCES / "resolution_bodies.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return tuple((re.compile(r["pattern"]), r["body"]) for r in csv.DictReader(f))


def resolution_body(sentence: str) -> str:
    """The body whose numbering a resolution named in the sentence follows; "" for none or several."""
    bodies = {body for pattern, body in _resolution_patterns() if pattern.search(sentence)}
    return bodies.pop() if len(bodies) == 1 else ""


AGENT_CASES = words("agent_cases")
UNDERGO_VERBS = words("undergo_verbs")  # `制裁を受ける`: the subject undergoes the act
GOAL_TYPES = types_with("goal")


# a noun with one of these particles is an argument of its own, never a modifier inside another
# noun phrase, whatever head the parser gave it (`ベラルーシがSCOの加盟国となった`)
OWN_CASES = words("own_cases")


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


SELF_WORDS = words("self_words")


def self_marked(tok) -> bool:
    """`プーチン氏自身、…強調した`: a noun with 自身 and no particle is its predicate's subject."""
    return case_of(tok) == "" and tok.lemma_ in SELF_WORDS


def is_subject(tok) -> bool:
    """A subject of its predicate: by the parse, by は/が, or marked by 自身."""
    return tok.dep_ in ("nsubj", "nsubj:pass") or case_of(tok) in ("は", "が") or self_marked(tok)


# a state written after these names a post (駐韓) or an alignment (親イラン, 反米), not a side
ALIGNED_PREFIXES = "駐親反"
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
    # a noun written solid before it that the parser hung on a word further left (an arc
    # Japanese, head-final, does not have) belongs to its compound (`6　日米英仏が`: `日米` on `6`)
    k, doc = tok.i, tok.doc

    def named(t) -> bool:  # inside a name, whatever the tagger made of it
        return any(e.start <= t.idx < e.end for e in actors)

    while k > 0 and tok.i - k < 6 and (doc[k - 1].pos_ in ("NOUN", "PROPN") or named(doc[k - 1])) \
            and doc[k - 1].idx + len(doc[k - 1].text) == doc[k].idx \
            and (doc[k - 1].head.i < k - 1 or doc[k - 1].i in seen or named(doc[k - 1])):
        k -= 1
        spans.append((doc[k].idx, doc[k].idx + len(doc[k].text)))
    # ... and a name joined to that run by の (`ハマスのシンワル指導者が`, the parser lost the arc)
    if k < tok.i and k >= 2 and doc[k - 1].text == "の" and named(doc[k - 2]) and named(doc[k]):
        spans.append((doc[k - 2].idx, doc[k - 2].idx + len(doc[k - 2].text)))
    # ... and names listed before it with 、 or ・ (`ロシア、中国が拒否権`)
    while k >= 2 and named(doc[k]) and doc[k - 1].text in ("、", "・") and named(doc[k - 2]):
        k -= 2
        spans.append((doc[k].idx, doc[k].idx + len(doc[k].text)))
    out, text = [], doc_text(tok.doc)
    for e in actors:
        if e.start and text[e.start - 1] in ALIGNED_PREFIXES and e.label == "COUNTRY":
            continue  # `ロシアの駐韓大使`: the post, not the actor; `親イラン武装組織`: an alignment
        if any(e.start < b and a < e.end for a, b in spans) and e not in out:
            out.append(e)
    out = sorted(out, key=lambda e: e.start)
    if tok.text.endswith(FACILITY_NOUNS):
        # `カタールのアル・ウデイド米軍基地`: the facility's owner is the side, the state it stands in
        # only where it is
        owners = [f for f in out if f.label in ("COUNTRY", "ORG") and code_of(f)]
        owner = code_of(owners[-1]) if owners else None
        out = [e for e in out if not (owner and code_of(e) != owner and (
            e.label in ("FAC", "GPE", "LOC") or (e.label == "COUNTRY" and PLACE_OF.match(text, e.end))))]
    return out


FACILITY_NOUNS = tuple(words("facility_nouns"))
PLACE_OF = re.compile(r"[^\s、。「」（）]{0,4}?の")


TIME_NOUNS = words("time_nouns")
ACT_TARGET_TYPES = types_with("act_target")


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


def expand_group(doc, tok, state: State, sent_actors: list[Entity] = ()) -> list[str]:
    """`両国`, `両首脳`, `双方` (also split into a compound, `両`+`首脳`): the two sides talked about
    (the states named in the sentences before, and in this one before the word)."""
    phrase = doc_text(doc)[doc[compound_start(tok)].idx:tok.idx + len(tok.text)]
    if phrase.startswith(GROUP_WORDS) or doc[tok.i:tok.i + 4].text[:4].startswith(GROUP_WORDS):
        named = state.countries[-4:] + [code_of(e) for e in sent_actors if e.label == "COUNTRY" and e.end <= tok.idx]
        if state.pair and set(state.pair) <= set(named):
            return list(state.pair)  # the two sides of the last two-sided event, still being talked about
        # ... else the pair the text has told most about (`両国` after a digression on a third state)
        main = max(state.pairs.items(), key=lambda kv: kv[1], default=(None, 0))
        if main[1] >= 2:
            return list(main[0])
        return state.countries[-2:] if len(state.countries) >= 2 else []
    return []


CELL_GAP = re.compile(r"[\u3000\t]+| {2,}")


@dataclass
class Candidate:
    """A trigger match read as `trig`, in its sentence, with what the role rules read."""

    doc: object
    first: int
    last: int
    trig: Trigger
    sent: tuple[int, int]
    actors: list[Entity]
    dated: list
    state: State
    prev_actor1: list[str] = field(default_factory=list)
    prev_parts: list[str] = field(default_factory=list)
    carry: bool = False
    same_type: str = ""

    def __post_init__(self) -> None:
        doc, head = self.doc, self.doc[self.last]
        self.head, self.heads, self.lv = head, [head], light_verb(doc, self.last)
        if self.lv is not None:
            self.heads.append(self.lv)
        if self.lv is None and head.dep_ == "nmod" and head.head.lemma_ in PLAN_NOUNS and head.head.i > self.last \
                and (lv := light_verb(doc, head.head.i)) is not None:
            self.lv = lv  # `支援の用意を表明した`: the plan's light verb states the act (planned)
            self.heads += [head.head, lv]
        if head.dep_ == "compound" and head.head.lemma_ in ALLOWED_NEXT_NOUNS:
            self.heads.append(head.head)  # `ロシアによるウクライナ侵攻以降`: the arguments sit on 以降
            if self.lv is None and (lv := light_verb(doc, head.head.i)) is not None:
                self.lv = lv
                self.heads.append(lv)  # `首脳会談等を行った`: ... and on the light verb of `等`
        # a verbal noun ending a telegraphic clause (`ロシアが拒否権、`) is the predicate (体言止め)
        self.verbal = head.pos_ in ("VERB", "AUX") or self.lv is not None or telegraphic(doc, self.last)
        # the trigger itself in the passive (`凍結された`, not `会談が行われた`), or undergone (`制裁を受けた`)
        self.passive = (self.lv is None and is_passive(head)) or (self.lv is not None and self.lv.lemma_ in UNDERGO_VERBS)
        self.start, self.end = doc[self.first].idx, head.idx + len(head.text)
        # the actors of the trigger's cell: in a table or chronology row (no `。`), the words
        # between two spaces (`決議2712（マルタ）　…　採択　12―0―3　米英ロが棄権`) are a clause of
        # their own, whose subject the parse and the surface rules must not take from another cell
        cell = self.sent
        text = doc_text(doc)
        if "。" not in text:
            before = [m.end() for m in CELL_GAP.finditer(text, self.sent[0], self.start)]
            after = CELL_GAP.search(text, self.end, self.sent[1])
            cell = (before[-1] if before else self.sent[0], after.start() if after else self.sent[1])
        self.cell_actors = [e for e in self.actors if cell[0] <= e.start and e.end <= cell[1]]


@dataclass
class Sides:
    """The sides of one event on their way, and the ids of the role rules that gave them."""

    a1: list[Entity] = field(default_factory=list)
    a2: list[Entity] = field(default_factory=list)
    a1_codes: list[str] = field(default_factory=list)
    a2_codes: list[str] = field(default_factory=list)
    place: list[Entity] = field(default_factory=list)
    agents: list[Entity] = field(default_factory=list)  # marked による/によって: the doer also in the passive
    ni_marked: list[Entity] = field(default_factory=list)  # marked に/から: the doer in the passive
    addressed: bool = False  # an actor2 marked as addressee (`北朝鮮に対し`), not as co-actor
    uncoded_subject: bool = False  # a subject is written that names no state (`キャンベルは`)
    rules: list[str] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)

    @property
    def subject(self) -> bool:
        return bool(self.a1 or self.a1_codes)

    def took(self, rule1: str = "", rule2: str = "") -> None:
        """Record the role rule that just gave actor1 (rule1) or actor2 (rule2) something."""
        n1, n2 = len(self.a1) + len(self.a1_codes), len(self.a2) + len(self.a2_codes)
        if rule1 and n1 > self.size[0]:
            self.rules.append(rule1)
        if rule2 and n2 > self.size[1]:
            self.rules.append(rule2)
        self.size = (n1, n2)


def case_arguments(c: Candidate, s: Sides) -> None:
    """Actors marked by case on the trigger and its light verb (`は/が/による` actor1, `を/に/と/
    への/に対し` actor2, `で` place; `Xの` on a nominal trigger actor1)."""
    for h in c.heads:
        for child in h.children:
            if c.first <= child.i <= c.last or any(t.start <= child.idx < t.end for t, _ in c.dated):
                continue  # a time expression (`…の翌月6月19日に`) is not an actor
            _argument(c, s, h, child)
    # `Xの` on a noun inside a multiword trigger (`SCOの正加盟国となる`) names its other side
    for k in range(c.first, c.last):
        for child in c.doc[k].children:
            if not c.first <= child.i <= c.last and case_of(child) == "の":
                s.a2 += [e for e in nominal_actors(child, c.actors) if e.label != "LOC"]
                for st in stray_subjects(child):
                    s.a1 += [e for e in nominal_actors(st, c.actors) if e.label != "LOC"]
    s.took("actor1:case", "actor2:case")


def _argument(c: Candidate, s: Sides, h, child) -> None:
    doc, case = c.doc, case_of(child)
    if case == "は" and h.dep_ == "acl" and h.head.i > h.i:
        return  # a topic は never sits inside a relative clause: the parser misattached it
    if case == "から" and c.trig.event_type not in SPEAKING_TYPES and _speaker_frame(doc, child):
        return  # `日本側から、北朝鮮が…発射したことを非難`: the speaker of the saying, not a side of this act
    ents = nominal_actors(child, c.cell_actors)  # (in a table row, only the cell's own)
    if child.pos_ in ("NOUN", "PROPN") and not is_actor_token(child, c.actors):
        # `対北朝鮮制裁決議案に`: a state after 対 inside another noun is what that noun is about
        ents = [e for e in ents if not (e.start > 0 and doc_text(doc)[e.start - 1] == "対")]
    group = expand_group(doc, child, c.state, c.actors)
    for st in stray_subjects(child):
        s.a1 += [e for e in nominal_actors(st, c.actors) if e.label != "LOC"]
    nominal_head = case == "の" and h.pos_ in ("NOUN", "PROPN")
    if case in PLACE_CASES:
        s.place += [e for e in ents if e.label in ("GPE", "LOC", "FAC", "COUNTRY")]
        if c.passive:  # `決議が安保理で採択された`: the body it was done in did it
            s.agents += [e for e in ents if e.label == "ORG"]
    elif c.passive and (case in AGENT_CASES or nominal_head):
        s.agents += [e for e in ents if e.label != "LOC"]  # `日本による制裁を受けた`, `北朝鮮の威嚇を受けた`
    elif case in ACTOR1_CASES or nominal_head or self_marked(child):
        s.a1 += [e for e in ents if e.label != "LOC"]
        s.a1_codes += group
        on_predicate = (h.i == c.head.i and c.verbal) or (c.lv is not None and h.i == c.lv.i)
        if case in ("は", "が") and on_predicate and not ents and not group and child.pos_ in ("NOUN", "PROPN"):
            s.uncoded_subject = True  # `キャンベルは…示した`: a person with no known state speaks
    elif case in ACTOR2_CASES:
        s.a2 += [e for e in ents if e.label not in ("LOC",)]
        if case == "を" and c.trig.event_type in ACT_TARGET_TYPES:
            s.a2 += act_doers(child, c.actors)
        if case in ("に", "から"):
            s.ni_marked += ents
        s.addressed = s.addressed or (case in ADDRESSEE_CASES and bool(ents))
        s.a2_codes += group


def toward(c: Candidate, s: Sides) -> None:
    """`対X` (`対ロ制裁`, `対独戦争`) names the side acted against, never the doer."""
    moved = [e for e in s.a1 if e.start > 0 and doc_text(c.doc)[e.start - 1] == "対"]
    if moved:
        s.a1 = [e for e in s.a1 if e not in moved]
        s.a2 += moved


def trigger_sides(c: Candidate, s: Sides) -> None:
    """Sides the trigger's own words name: `対X`, the organisation joined, a state inside the
    trigger (`訪中`), the compound modifiers of a nominal trigger (`ウクライナ侵攻`, `露朝首脳会談`)."""
    toward(c, s)
    s.took("", "actor2:toward")
    if c.trig.event_type == "JOIN_ORG":
        # the organisation joined is actor2 whatever its case (`MSMTが発足した`)
        moved = [e for e in s.a1 if e.label == "ORG"]
        s.a1 = [e for e in s.a1 if e.label != "ORG"]
        s.a2 += moved
        if moved and not s.a1:
            s.a1_codes = [""]  # the subject was given: nothing to inherit
        s.took("", "actor2:organisation_joined")
    inside = [e for e in c.actors if c.start <= e.start and e.end <= c.end and not (e.start == c.start and e.end == c.end)]
    s.a2 += inside
    s.took("", "actor2:inside_trigger")
    k = _noun_run_start(c)
    mods = [e for e in actors_in((c.doc[k].idx, c.start), c.actors) if e.end <= c.start]
    if mods:
        if len({code_of(e) for e in mods}) >= 2 and not s.subject:
            s.a1_codes += [code_of(e) for e in mods]
        elif inside and not s.subject:
            s.a1 += mods  # the trigger names the other side (`訪ロ`): the modifier is the doer (`習主席訪ロ`)
        else:
            s.a2 += mods
        s.took("actor1:trigger_modifier", "actor2:trigger_modifier")


def _noun_run_start(c: Candidate) -> int:
    """The first token of the run of nouns written right before the trigger (`露朝首脳会談`,
    `対ロ制裁`, `G20首脳会議` whatever the parser tags `20`), across a bracketed gloss
    (`上海協力機構（SCO）首脳会議`)."""
    doc, k = c.doc, c.first
    while k > max(0, c.first - 8) and doc[k - 1].idx >= c.sent[0]:
        t = doc[k - 1]
        if t.text in ("）", ")"):
            opened = next((j for j in range(k - 2, max(-1, k - 8), -1) if doc[j].text in ("（", "(")), None)
            if opened is None:
                break
            k = opened
        elif t.pos_ in ("NOUN", "PROPN", "NUM") or is_actor_token(t, c.actors):
            k -= 1
        else:
            break
    return k


def _place_visitor(c: Candidate, s: Sides) -> None:
    """`Xは訪問先のハノイで…した`: the visit is to the place named after の, by the subject of
    the predicate the place is the setting of (the passive's too: `…が訪問先で殺害された`)."""
    if c.trig.needs != "place":
        return
    text = doc_text(c.doc)
    s.a2 += [e for e in c.actors if e.start == c.end + 1 and text[c.end] == "の" and e.label in PLACE_LABELS + ("COUNTRY",)]
    for anc in head_chain(c.head)[1:]:
        for child in anc.children:
            if child.i < c.first and is_subject(child):
                s.a1 += [e for e in nominal_actors(child, c.cell_actors) if e.label != "LOC"]
        if s.a1:
            return


def _agreement_parties(c: Candidate, s: Sides) -> None:
    """`停戦は24日に発効した`: what enters into force is an agreement, not a doer; its sides are
    the parties of the last agreement made."""
    if c.trig.mode == "in_force" and c.state.agreement:
        s.a1_codes = list(c.state.agreement)


def _setting_subject(c: Candidate, s: Sides) -> None:
    """A nominal event as the setting of another predicate (`会談でAは…と述べた`): that
    predicate's subject took part in it."""
    head = c.head
    attended = c.trig.event_type == "MEET" and case_of(head) == "に"  # `首脳会議に出席し`, `…会議に招き`
    if c.verbal or head.dep_ != "obl" or (case_of(head) not in SETTING_CASES and not attended):
        return
    for child in head.head.children:
        if child.i != head.i and is_subject(child):
            s.a1 += [e for e in nominal_actors(child, c.actors) if e.label != "LOC"]
            s.a1_codes += expand_group(c.doc, child, c.state, c.actors)
    if not s.subject and in_quote(doc_text(c.doc), c.sent[0], head.head.idx):
        s.a1 += surface_subject(c.doc, c.sent, c.first, c.actors)  # the parser hung it inside a quote


SPEAKING_TYPES = types_with("speaking")


def _speaker_frame(doc, t) -> bool:
    """`Xから、`: a noun, its から and a comma."""
    k = t.i + 1
    return k + 1 < len(doc) and doc[k].text == "から" and doc[k + 1].text == "、"


def _speaker_from(c: Candidate, s: Sides) -> None:
    """`岸田総理大臣から、…旨述べました`, `日本側から、…を表明`: an actor marked `から、` ahead of a
    saying is its speaker (the readout's way of naming who said it), whatever the parser hung it on."""
    if c.trig.event_type not in SPEAKING_TYPES:
        return
    for t in c.doc[first_token(c.doc, c.sent):c.first]:
        if case_of(t) == "から" and _speaker_frame(c.doc, t):
            found = [e for e in nominal_actors(t, c.cell_actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
            s.a1 += found
            s.a2 = [e for e in s.a2 if e not in found]
            return


def _modified_noun(c: Candidate, s: Sides) -> None:
    """A relative clause with no subject (`制裁を受けたロシアは`): the noun it modifies."""
    if c.verbal:
        s.a1 += modified_actor(c.doc, c.heads[-1], c.sent, c.actors)


def _te_clause_subject(c: Candidate, s: Sides) -> None:
    """`ロシアが反対して拒否権を行使し`: the subject of a て-clause before the predicate is its
    subject too (one doer of two linked acts)."""
    if not c.verbal:
        return
    top = c.heads[-1]
    for clause in top.children:
        if clause.dep_ != "advcl" or clause.i >= c.first or not any(
                t.dep_ == "mark" and t.lemma_ in ("て", "で") for t in clause.children) \
                or any(case_of(t) in ("は", "が") for t in c.doc[clause.i + 1:c.first]):
            continue  # (a subject of its own after the clause: `…採択しており、イラン側は…非難`)
        for child in clause.children:
            if child.dep_ == "nsubj" or case_of(child) in ("は", "が"):
                s.a1 += [e for e in nominal_actors(child, c.cell_actors) if e.label != "LOC"]


def later_clause(doc, head: int, k: int) -> bool:
    """Token k stands after `head` with a comma between: in a telegraphic row (`ロシアが拒否権、
    中国、インド、UAEは棄権`), an argument of the next clause the parser hung on it."""
    return k > head and any(t.text == "、" for t in doc[head + 1:k])


def _governing_clause(c: Candidate, s: Sides) -> None:
    """A clause with no subject inherits it from the clauses that govern it."""
    if not c.verbal:
        return
    for anc in head_chain(c.heads[-1])[1:]:
        for child in anc.children:
            if is_subject(child) and not (telegraphic(c.doc, c.last) and later_clause(c.doc, c.last, child.i)):
                s.a1 += [e for e in nominal_actors(child, c.cell_actors) if e.label != "LOC"]
                s.a1_codes += expand_group(c.doc, child, c.state, c.actors)
        if s.subject:
            return


def _topic_scope(c: Candidate, s: Sides) -> None:
    """A topic は scopes over the sentence up to its main predicate, also when the parser hung it
    inside a quoted complement (`北朝鮮は韓国に対し…だと宣言した`) or on a clause the trigger's
    predicate governs (`ロシアは…されたりするなど、制裁を受けた`)."""
    if not c.verbal:
        return
    head, top = c.head, c.heads[-1]
    for t in c.doc[first_token(c.doc, c.sent):c.first]:
        if case_of(t) == "は" and t.dep_ in ("nsubj", "obl", "nmod") and (
                t.head.i == head.i or head in t.head.ancestors or top in t.head.ancestors):
            s.a1 += [e for e in nominal_actors(t, c.cell_actors) if e.label != "LOC"]
            s.a1_codes += expand_group(c.doc, t, c.state, c.actors)  # `双方は、…連携していくことを確認した`
            return


def _uncoded_subject(c: Candidate, s: Sides) -> None:
    """A subject written that names no state (`専門家は`): nothing is inherited."""
    if s.uncoded_subject:
        s.a1_codes = [""]


def _surface_subject(c: Candidate, s: Sides) -> None:
    """The last `Xが/Xは` outside quotes before the trigger (the parser lost the subject)."""
    if not c.verbal:
        return
    s.a1 += surface_subject(c.doc, c.sent, c.first, c.cell_actors)
    s.took("actor1:surface_subject")
    if not s.a1 and surface_subject(c.doc, c.sent, c.first, c.actors, any_noun=True):
        s.a1_codes = [""]  # a subject is written but names no state (`専門家は`): nothing to inherit
        s.took("actor1:uncoded_subject")


def _row_label(c: Candidate, s: Sides) -> None:
    """A table or chronology row labelled with its actor in lenticular brackets (`【総会】…決議　採択`):
    the label names who acts in the row."""
    text = doc_text(c.doc)
    if not c.verbal or "。" in text:
        return
    s.a1 += [e for e in c.actors if e.start > c.sent[0] and text[e.start - 1] == "【" and text[e.end:e.end + 1] == "】"
             and e.label in ("COUNTRY", "ORG")]


def _time_noun_subject(c: Candidate, s: Sides) -> None:
    """`習主席は、2023年の訪ロ時に…`: an event named as the time of the main clause is its subject's."""
    nxt = c.doc[c.last + 1] if c.last + 1 < len(c.doc) else None
    if not c.verbal and nxt is not None and nxt.lemma_ in TIME_NOUNS:
        s.a1 += surface_subject(c.doc, c.sent, c.first, c.actors)


def _previous_event(c: Candidate, s: Sides) -> None:
    """The doer of the previous event of the sentence."""
    if c.prev_actor1 and c.verbal:
        s.a1_codes = list(c.prev_actor1)


def _paragraph_topic(c: Candidate, s: Sides) -> None:
    """The doer of the previous sentence's last event (the paragraph's topic)."""
    if c.verbal and c.state.topic:
        s.a1_codes = list(c.state.topic)


# Where a missing subject comes from, in order: the first that gives one decides (its id goes
# into the row's `rules`)
SUBJECT_SOURCES = (
    ("actor1:place_visitor", _place_visitor),
    ("actor1:agreement_parties", _agreement_parties),
    ("actor1:setting_subject", _setting_subject),
    ("actor1:speaker_from", _speaker_from),
    ("actor1:modified_noun", _modified_noun),
    ("actor1:te_clause_subject", _te_clause_subject),
    ("actor1:governing_clause", _governing_clause),
    ("actor1:topic_scope", _topic_scope),
    ("actor1:uncoded_subject", _uncoded_subject),
    ("actor1:surface_subject", _surface_subject),
    ("actor1:row_label", _row_label),
    ("actor1:time_noun_subject", _time_noun_subject),
    ("actor1:previous_event", _previous_event),
    ("actor1:paragraph_topic", _paragraph_topic),
)


def subject_sources(c: Candidate, s: Sides) -> None:
    for rule, source in SUBJECT_SOURCES:
        if s.subject:
            break
        source(c, s)
        s.took(rule)
    toward(c, s)  # (again, for the subjects found since)


def apply_passive(c: Candidate, s: Sides) -> None:
    """The passive and `〜を受ける` make the subject done to, the に/による-marked doer actor1."""
    if not c.passive:
        return
    etype = c.trig.event_type
    s.rules.append("role:passive_statement" if etype == "STATEMENT" else
                   "role:passive_goal" if etype in GOAL_TYPES else "role:passive")
    if etype == "STATEMENT":
        # `…ことが報告された`, `…と述べられていた`: the subject is what was said; the speaker is
        # only the one marked に/によって, and with none the speaker is unknown
        s.a1 = s.agents + [e for e in s.a2 if e in s.ni_marked]
        s.a2 = [e for e in s.a2 if e not in s.a1]
        s.a1_codes, s.a2_codes = [], []
    elif etype in GOAL_TYPES:
        s.a1 = s.agents + s.a1  # what is sent (`北朝鮮兵がロシアに派遣された`) belongs to the sender
    else:
        # the subject of a passive (`ロシアは制裁を受けた`, `北朝鮮は国連に非難された`) is done to;
        # the doer is marked による/によって or に/から
        doers = s.agents + [e for e in s.a2 if e in s.ni_marked]
        s.a2 = s.a1 + [e for e in s.a2 if e not in doers]
        s.a2_codes = s.a1_codes + s.a2_codes
        s.a1, s.a1_codes = doers, []


def side_codes(c: Candidate, s: Sides) -> tuple[list[str], list[str]]:
    """(actor1 codes, actor2 codes). A city or a facility is where, not who (`北京での会談`) —
    except as the destination of a movement (`平壌を訪問`) or the place acted on (`クリミア併合`)."""
    s.a1 = [e for e in s.a1 if e.label not in PLACE_LABELS]
    if c.trig.event_type not in MOVEMENT | PLACE_TARGETS:
        s.a2 = [e for e in s.a2 if e.label not in PLACE_LABELS]
    codes1 = dedupe([code_of(e) for e in s.a1 if code_of(e)] + s.a1_codes)
    codes2 = [x for x in dedupe([code_of(e) for e in s.a2 if code_of(e)] + s.a2_codes) if x not in codes1]
    return codes1, codes2


def _preceding_goal(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """A transfer with no goal: the parser hung it on a coordinated verb (`ロシアに…武器を供給し、
    …を提供した`): the nearest state before the trigger marked as a goal."""
    if codes2 or not codes1 or c.trig.event_type not in ("PROVIDE_AID", "DEPLOY_TROOPS"):
        return codes1, codes2
    goal = preceding_goal(c.doc, c.sent, c.start, c.actors, codes1)
    if goal is None:
        return codes1, codes2
    s.a2.append(goal)
    return codes1, [code_of(goal)]


def _visit_host(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """A visit to places in one country is a visit to that country (`ウラジオストクで…を訪問`)."""
    if c.trig.event_type != "VISIT" or not codes1 or codes2:
        return codes1, codes2
    host = next((code_of(e) for e in s.place if code_of(e) and code_of(e) not in codes1), None)
    return codes1, ([host] if host else codes2)


# an envoy's post named before a recall: `駐英大使`, `英仏独に駐在する大使`, `英国駐在の大使`
POST_OF = re.compile(r"^(?:に駐在(?:する|している|の)|駐在の)")


def _envoy_post(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`英仏独に駐在する自国の大使を召還した`: a state recalls its envoy from the state of the post."""
    if codes2 or not codes1 or not c.trig.surface.endswith(RECALL_WORDS):
        return codes1, codes2
    text = doc_text(c.doc)
    states = sorted((e for e in c.actors if e.label == "COUNTRY" and c.sent[0] <= e.start and e.end <= c.start),
                    key=lambda e: e.start)
    posts, run = [], []
    for e in states:  # a run of states listed together (`英仏独`, `英国、フランス`) shares the post after it
        run = run + [e] if run and LISTED_GAP.fullmatch(text[run[-1].end:e.start]) else [e]
        if text[run[0].start - 1:run[0].start] == "駐" or POST_OF.match(text[e.end:c.start]):
            posts += [code_of(x) for x in run]
    return codes1, [x for x in dedupe(posts) if x and x not in codes1] or codes2


LISTED_GAP = re.compile(r"[、・と]?")


RECALL_WORDS = words("recall_words")


def _bracket_note(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """A dated bracketed note on the previous act (`条約に署名した（12 月 4 日発効）`) is about its parties."""
    text = doc_text(c.doc)
    if codes1 or codes2 or not c.prev_parts or not in_brackets(text, c.sent[0], c.start):
        return codes1, codes2
    if any((n := bracket_note(text, c.sent, t)) and n[0] <= c.start < n[1] for t, _ in c.dated):
        return [x for x in c.prev_parts if x], codes2
    return codes1, codes2


def _bracket_owner(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`オーストラリア（2022年1月署名）`: an act noted in brackets right after a name is that side's,
    with the sentence's subject (`我が国にとっては`) on the other side."""
    if codes1 or codes2:
        return codes1, codes2
    text = doc_text(c.doc)
    opened = text.rfind("（", c.sent[0], c.start)
    if opened < 0 or "）" in text[opened:c.start]:
        return codes1, codes2
    owner = [e for e in c.actors if e.end == opened and e.label in ("COUNTRY", "ORG") and code_of(e)]
    if not owner:
        return codes1, codes2
    # the topic the sentence is told for (`我が国にとっては`, `日本は`)
    topic = [code_of(e) for e in c.actors if c.sent[0] <= e.start < opened and code_of(e)
             and TOPIC_FOR.match(text, e.end)]
    return [x for x in topic[:1] if x != code_of(owner[0])], [code_of(owner[0])]


TOPIC_FOR = re.compile(r"(?:にとって|として)?は")


def _resolution_number(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`決議1874採択`: a numbered resolution names the body that adopts it (resources/resolution_bodies.csv)."""
    if codes1 or c.trig.event_type != "STATEMENT" or not c.trig.needs.startswith("obj:"):
        return codes1, codes2
    body = resolution_body(doc_text(c.doc)[c.sent[0]:c.sent[1]])
    return ([body] if body else codes1), codes2


def _same_type(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`中露の合同パトロールが…、8回目の合同パトロールでは`: the same kind of act named again in
    the sentence with no sides of its own has the sides it had."""
    if codes1 or codes2 or not c.same_type or c.verbal:
        return codes1, codes2
    return c.same_type.split(";"), codes2


def _implied_by_trigger(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """The side the word names (`ロシアが拒否権を行使`: UNSC)."""
    implied = c.trig.implied_actor2
    if not implied or implied in codes1 + codes2 or not (codes1 or codes2):
        return codes1, codes2
    return codes1, codes2 + [implied]


def _coordinated_partner(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`会談し、…条約に署名した`: the partner of a coordinated symmetric act is the same."""
    one = set(codes1) | set(codes2)
    if c.trig.event_type not in SYMMETRIC or len(one) != 1 or not c.prev_parts or not one <= COUNTRY_CODES:
        return codes1, codes2  # (an organisation's own summit, `BRICS首脳会議`, has no partner to share)
    return codes1, dedupe(codes2 + [x for x in c.prev_parts if x not in codes1])



def _discussed_pair(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """A meeting or an agreement has two sides: with one named, the other is its partner in the
    two-sided event the text is talking about (`首脳会談では、習近平は…`)."""
    one, pair = set(codes1) | set(codes2), c.state.pair
    if c.trig.event_type not in SYMMETRIC or len(one) != 1 or len(pair) != 2 or not one < set(pair) \
            or not set(pair) <= set(c.state.countries[-4:]):
        return codes1, codes2
    return codes1, codes2 + [x for x in pair if x not in one]


def _row_pair(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """A chronology or table row stating a two-sided act with no side (`4日　批准書を交換し、条約が
    発効`): the rows go on about the pair of the last two-sided act while both are still named."""
    pair = c.state.pair
    if codes1 or codes2 or c.trig.event_type not in SYMMETRIC or "。" in doc_text(c.doc) or len(pair) != 2 \
            or not set(pair) <= set(c.state.countries[-4:]):
        return codes1, codes2
    return list(pair), codes2


def _launcher(c: Candidate, s: Sides, codes1: list[str], codes2: list[str]):
    """`ミサイルは…東方向に発射された`: a launch told in the passive with no doer is the last
    launcher's, whom the report is about."""
    if codes1 or codes2 or not c.passive or c.trig.event_type != "SHOW_OF_FORCE" or not c.state.launcher \
            or c.head.dep_ == "acl":  # `発射された弾道ミサイルは`: the launch named again, on its missile
        return codes1, codes2
    return list(c.state.launcher), codes2


# Sources of codes once the parse has given what it can, in order; each returns the codes,
# changed or not (a change records its id in the row's `rules`). The first five run before the
# check that an event has a side; the last three complete a side it has.
CODE_SOURCES = (
    ("actor2:preceding_goal", _preceding_goal),
    ("actor2:visit_host", _visit_host),
    ("actor2:envoy_post", _envoy_post),
    ("actor2:bracket_owner", _bracket_owner),
    ("actor1:bracket_note", _bracket_note),
    ("actor1:resolution_number", _resolution_number),
    ("actor1:same_type", _same_type),
    ("actor1:row_pair", _row_pair),
    ("actor1:launcher", _launcher),
)
COMPLETING_SOURCES = (
    ("actor2:implied_by_trigger", _implied_by_trigger),
    ("actor2:coordinated_partner", _coordinated_partner),
    ("actor2:discussed_pair", _discussed_pair),
)


def run_code_sources(c: Candidate, s: Sides, codes: tuple[list[str], list[str]], sources) -> tuple[list[str], list[str]]:
    for rule, source in sources:
        new = source(c, s, *codes)
        if new != codes:
            s.rules.append(rule)
        codes = new
    return codes


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


def _comma_after_case(doc, t) -> bool:
    """`ゼレンスキー大統領が、…と発表`: a comma after the subject's particle sets it over the whole
    predicate that follows, not over the first clause."""
    k = t.i + 1 + len(particles_after(t, limit=None))
    return k < len(doc) and doc[k].text == "、"


def surface_subject(doc, sent, first: int, actors: list[Entity], any_noun: bool = False) -> list:
    """The parser lost the subject (a quote in the clause often makes it hang the subject on a
    verb inside the quote): the last `Xが/Xは` before the trigger, outside quotes, with no other
    が/は-marked noun between them, is the subject."""
    for t in reversed(doc[first_token(doc, sent):first]):
        if in_quote(doc_text(doc), sent[0], t.idx) and not REPORTED.search(doc_text(doc)[sent[0]:sent[1]]):
            continue
        if t.pos_ in ("NOUN", "PROPN", "PRON") and (case_of(t) in ("が", "は") or self_marked(t)):
            if case_of(t) == "が" and t.head.pos_ in ("VERB", "ADJ") and t.head.i < first \
                    and not in_quote(doc_text(doc), sent[0], t.head.idx) and not _comma_after_case(doc, t):
                continue  # the subject of an embedded clause of its own (`支援が役立っているとの…`)
            if any_noun:
                group = doc_text(doc)[doc[compound_start(t)].idx:t.idx + len(t.text)].endswith(GROUP_WORDS + ("首脳", "両者"))
                return [t] if t.pos_ != "PRON" and case_of(t) == "は" and not group else []
            found = [e for e in nominal_actors(t, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
            return found  # the nearest subject: an actor, or a noun that is not one (then none)
    return []

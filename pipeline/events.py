"""Events: who did what to whom, when and where, from a parsed paragraph.

    find_events(doc, sentences, timexes, actors, lexicon, state) -> list[Event]

`doc` is a GiNZA-parsed paragraph; `sentences` are (start, end) character spans in it,
`timexes` the paragraph's temporal expressions (records.Timex, offsets into doc.text),
`actors` its entities (records.Entity, offsets into doc.text); `state` carries the reference
date and the last actors from one sentence and paragraph to the next.

Rules (SPEC §3, docs/annotation.md §3), all from syntax and the trigger lexicon:
- Trigger: the longest lexicon entry that starts at a token and ends at a token end
  (`首脳会談` before `会談`; spaces left inside a word by PDF conversion ignored), or a verb
  whose lemma is listed (`結ぶ`).  A verbal noun that
  only modifies a following noun (`制裁委員会`, `供給ライン`) is not a trigger; an entry
  marked `light` needs a light verb (`協力を行う`) or `する` — except in telegraphic rows
  (chronology and table rows, headlines: no `。` in the text and the noun ends its clause,
  `ロシアが拒否権、中国は…`), where the verbal noun is the predicate and its `obj:` may stand
  anywhere in the row; `obj:` entries look at the
  verb's arguments, their whole compound nouns and the noun a relative clause modifies.
- Not events (named, not stated): a verbal noun that is the object of another predicate
  (`支援を減らす`), the theme of an evaluative adjective (`支持は根強い`, `支援に肯定的`), a topic
  of discussion (`…について`), a back-reference (`この/同…`), an undated time anchor
  (`侵攻開始後、`), a document cited for its content (`共同声明では「…」`), a non-past clause
  nominalised as the object of another predicate (`攻撃することを容認`) or describing a
  disposition (`協調する傾向`), a habitual saying (`…と述べるように`), statement content
  inside 「…」 (a report's wording — `によれば「…」`, `「…」と報じた/とある` — is narration and
  counts), the verb issuing a document already found (`共同声明が発表された`), and a second
  trigger of one type restating the first in its sentence (`訪問し…視察した`).  A nominal
  trigger modifying a noun is an event when a relative clause says it happened
  (`開催された首脳会談の…`).
- Arguments from the dependency parse: on the trigger (and on a light verb governing it),
  `は/が/による` mark actor1, `を/に/と/へ/への/に対し/との/から` actor2, `で/において` the
  place; a bracket between a noun and its particle keeps the case (the particle after the
  bracket closes: `X（以下、Yとする）は`); on a nominal trigger
  `Xの` is actor1 and a compound modifier (`ウクライナ侵攻`, `対ロ制裁`, `露朝首脳会談`) and a
  state inside the trigger (`訪中`) name the other side (then a modifier is the doer:
  `習主席訪ロ`); `対X` is always the side acted against, and inside a noun that is not an
  actor (`対北朝鮮制裁決議案`) no side at all; a city or facility is a side only as a
  movement's destination or a place attacked; a noun marked が/は/を/で is never a modifier
  inside another noun phrase.  The passive (`非難された`) and `〜を受ける` make the subject
  actor2 and the に/による-marked doer actor1; a passive speech verb has only an explicit
  agent as speaker.  A subject missing from the parse comes from, in order: a nominal
  event's setting (`会談でAは…`), the noun a relative clause modifies (`制裁を受けたロシア`,
  `…を非難する国連総会決議`), the clauses that govern it (a topic は scopes up to the main
  predicate and never sits inside a relative clause), the last が/は outside quotes before
  the trigger (skipping the が-subject of an embedded clause), the previous event of the
  sentence, the previous sentence's topic — but a written subject that names no state
  (`専門家は`) blocks these.  A nominal trigger with no sides, naming again an act of its type
  found earlier in the sentence, has that act's sides.  The
  target of criticising an act told by a clause is that clause's doer.  `両国`, `両首脳`
  expand to the two sides of the last two-sided event while both are still named, else to
  the last two states named; a two-sided type with one side named takes that event's
  partner.  Two states declaring together to no addressee agree (AGREE_COOPERATE); JOIN_ORG's
  organisation is actor2; a visit or deployment takes its destination as location, a visit
  with no host the country of its place.  Coordinated actors each with a bracketed date
  (`フィンランド（2023 年）とスウェーデン（2024 年）が加盟`) give one row per actor.
- Date: a timex in the trigger's clause (reached through the parse with no other predicate
  between), else the nearest timex of the sentence, else the last narrative date of the
  previous sentence of the same paragraph (`date_source=discourse`; a date the date grammar
  reads as an aside — attributive, relative-clause, bracketed, looking back — does not carry), and further — up to three
  sentences — while the text narrates in the past tense with no time-shift word (`その後`,
  `現在`); a cited report's date (`20日付『…』`) dates only statements, a dated bracketed note
  (`（12 月 4 日発効）`) only its own act.
- Modality: `予定/見通し/計画` planned; `可能性/れば/だろう/であろう/恐れ/ても…できる/どの…か`
  hypothetical; `なかった/せず/行われず/ことなく` negated — read in the words after the
  trigger, in its clause.
"""

from __future__ import annotations

from bisect import bisect_left

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .attribution import attribution_for, find_attributions
from .gazetteer import RESOURCES, fold
from .records import Entity, Timex

# How far a reference date carries: to the sentences that follow the dated one, at most this many
CARRY_SENTENCES = 1
# ... and further, up to this many, through a narration in the past tense (every sentence since
# the dated one, and the event's own, ends in `た`): the text goes on telling the same moment
CARRY_NARRATIVE = 3
# words that move the narration to another time: the carried date stops there
TIME_SHIFT = re.compile(r"その後|以後|のちに|後に|やがて|現在|今日|近年|最近|今後|当時")
PAST_END = re.compile(r"(?:た|だった|であった)[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰）)」]*[。．]?[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰]*$")
ADDRESSEE_CASES = ("に", "へ", "への", "に対し", "に対して", "に対する", "にも")
MOVEMENT = {"VISIT", "DEPLOY_TROOPS"}
PLACE_LABELS = ("GPE", "FAC")
PLACE_TARGETS = {"ATTACK", "SHOW_OF_FORCE", "THREATEN"}
SYMMETRIC = {"MEET", "SIGN_AGREEMENT", "MIL_COOPERATION", "AGREE_COOPERATE"}
ACTOR1_CASES = ("は", "が", "も", "による", "によって", "により", "では")
ACTOR2_CASES = ("を", "に", "と", "へ", "への", "に対し", "に対して", "に対する", "との", "から", "とは", "にも", "とも")
PLACE_CASES = ("で", "において", "における", "にて")
LIGHT_VERBS = {"する", "行う", "受ける", "被る", "表す", "実施", "開催", "科す", "科する", "課す", "表明", "示す", "持つ", "開く", "踏み切る",
               "始める", "開始", "強化", "拡大", "推進", "進める", "発表", "成功", "着手", "断行", "強行"}
ALLOWED_NEXT_NOUNS = {"以降", "以来", "後", "前", "時", "中", "際", "直後", "直前", "以後", "当時", "開始", "強化", "拡大"}
GROUP_WORDS = ("両国", "両首脳", "両者", "両政府", "両外相", "両国首脳", "双方")

NEGATED = re.compile(r"^[^、。]{0,8}?(?:ことなく|なかった|なかっ|ない(?!か)|せず|されず|行われず|ません|ず[、。]|ずに)")
PLANNED = re.compile(r"^[^、。]{0,12}?(?:予定|見通し|計画|方針|意向|つもり|見込み|ことになっ|ことで合意)")
HYPOTHETICAL = re.compile(
    r"^[^。]{0,14}?(?:可能性|であろう|れば|たら|[てで]も(?=[^、。]{0,6}(?:でき|可能))|なら(?!ない)|だろう|でしょう|かもしれ|恐れ|おそれ|かねない|得る|うる|かどうか|か否か"
    r"|ようとし|べき|検討|シナリオ|想定|懸念され|(?:どの|どう|いかに|何)[^。、]{0,15}か(?:について|に|は|を|が|、))"
)
HYPOTHETICAL_BEFORE = re.compile(r"(?:仮に|もし|万一)[^。]{0,20}$")


@dataclass(frozen=True)
class Trigger:
    surface: str
    event_type: str
    mode: str
    cameo: str
    plover: str
    needs: str
    implied_actor2: str = ""  # the side the word itself names (`拒否権`: a veto is cast in the UNSC)
    entry: str = field(default="", compare=False)  # the rule id of its lexicon entry (`trigger:会談/MEET`)


# what a joint declaration to no addressee is typed as (see _build)
JOINT_DECLARATION = Trigger("", "AGREE_COOPERATE", "", "030", "AGREE", "", "", "type:joint_declaration")


@dataclass
class Event:
    start: int
    end: int
    trigger: str
    event_type: str
    mode: str
    cameo: str
    plover: str
    modality: str
    actor1: str = ""
    actor1_name: str = ""
    actor1_text: str = ""
    actor2: str = ""
    actor2_name: str = ""
    actor2_text: str = ""
    participants: str = ""
    location: str = ""
    location_text: str = ""
    date_text: str = ""
    date_start: str = ""
    date_end: str = ""
    date_precision: str = ""
    date_source: str = "none"
    sentence_start: int = 0
    sentence_end: int = 0
    # where the cells came from: the actors' spans (paragraph offsets), the Timex object that
    # dated it, and the ids of the named rules that made the row (SPEC §3 `rules`)
    actor1_spans: tuple = ()
    actor2_spans: tuple = ()
    date_ref: object = field(default=None, compare=False, repr=False)
    rules: tuple = ()
    attribution: str = ""  # who the text says reports it (pipeline.attribution)


@dataclass
class State:
    """What carries over from one sentence (and paragraph) to the next."""

    ref: Timex | None = None
    ref_age: int = 0  # sentences read since the reference date was set
    narrative: bool = True  # every sentence since the dated one ended in the past tense
    topic: list[str] = field(default_factory=list)  # actor1 of the previous sentence's last event
    pair: tuple[str, ...] = ()  # participants of the last event between exactly two states
    seen: set = field(default_factory=set)  # (type, date_start, date_end) of the rows made so far
    countries: list[str] = field(default_factory=list)  # recent state codes, newest last


class LexiconError(Exception):
    pass


def _text(doc) -> str:
    """doc.text, kept on the Doc: spaCy rebuilds it from the tokens on every access, and the
    rules below read it for every candidate trigger."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "pipeline.events.text"


def _entry_id(t: Trigger) -> str:
    """The rule id of a lexicon entry: its surface, type and constraint (unique per row)."""
    return f"trigger:{t.surface}/{t.event_type}" + (f"/{t.needs}" if t.needs else "")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = RESOURCES / "event_triggers.csv") -> dict[str, tuple[Trigger, ...]]:
    """trigger -> its readings (a word listed under several types, told apart by `needs`)."""
    out: dict[str, tuple[Trigger, ...]] = {}
    if not Path(path).is_file():
        return out
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            key = fold((r.get("trigger") or "").strip())
            if not key or not r.get("event_type"):
                raise LexiconError(f"{path}:{i}: empty trigger or event_type")
            t = Trigger(key, r["event_type"].strip(), (r.get("mode") or "").strip(),
                        (r.get("cameo") or "").strip(), (r.get("plover") or "").strip(), (r.get("needs") or "").strip(),
                        (r.get("implied_actor2") or "").strip())
            t = replace(t, entry=_entry_id(t))
            # readings with a constraint are tried before the unconstrained one
            out[key] = tuple(sorted(out.get(key, ()) + (t,), key=lambda x: (not x.needs.startswith("obj:"), x.event_type)))
    return out


# ---------------------------------------------------------------------------
# triggers
# ---------------------------------------------------------------------------

def _match_trigger(doc, i: int, lexicon, max_len: int) -> tuple[int, tuple[Trigger, ...]] | None:
    """Longest entry starting at token i and ending at a token end -> (last token index, entry)."""
    text = _text(doc)
    starts, ends, lemmas, pos = _tokens(doc)
    begin = starts[i]
    if not text[begin:ends[i]].strip():
        return None  # a word starts on a letter, not on a space (`　採択　`: the match is `採択`)
    j = i
    while j < len(starts) and ends[j] - begin <= max_len:
        j += 1
    for j in range(j - 1, i - 1, -1):
        # the surface as written, or with its last word in dictionary form (`明らかにした` ->
        # `明らかにする`, `拒否権を行使した` -> `拒否権を行使する`)
        # (spaces and line breaks left inside a word by PDF conversion do not count: `首脳会 談`)
        if not text[starts[j]:ends[j]].strip():
            continue  # ... and ends on one
        for key in (_nows(fold(text[begin:ends[j]])), _nows(fold(text[begin:starts[j]] + lemmas[j]))):
            if key in lexicon:
                return j, lexicon[key]
    if pos[i] in ("VERB", "AUX") and fold(lemmas[i]) in lexicon:
        return i, lexicon[fold(lemmas[i])]
    return None


def _tokens(doc) -> tuple[list[int], list[int], list[str], list[str]]:
    """Start and end offsets, lemmas and POS of the doc's tokens, read once per doc."""
    arrays = doc.user_data.get(_TOKENS_KEY)
    if arrays is None:
        arrays = doc.user_data[_TOKENS_KEY] = (
            [t.idx for t in doc], [t.idx + len(t.text) for t in doc], [t.lemma_ for t in doc], [t.pos_ for t in doc])
    return arrays


_TOKENS_KEY = "pipeline.events.tokens"


def _nows(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _key(ev: Event) -> tuple[str, str, str]:
    return ev.event_type, ev.date_start, ev.date_end


def _own_date(doc, first: int, last: int, sent: tuple[int, int], dated) -> bool:
    """A date before the trigger that modifies the trigger's noun itself: attributively
    (`2019年4月の会談`, `同日の…との会談`) or through a relative clause on it (`昨年4月9日に東京で
    行われた会合`)."""
    for t, k in dated:
        if not (sent[0] <= t.start and t.end <= doc[first].idx):
            continue
        for anc in _head_chain(doc[k])[1:]:
            if first <= anc.i <= last:
                return True
            if anc.pos_ in ("VERB", "ADJ", "AUX") and not (anc.dep_ == "acl" and first <= anc.head.i <= last):
                break  # the date belongs to a predicate of its own
            if anc.pos_ in ("NOUN", "PROPN") and anc.dep_ != "compound" and not t.start <= anc.idx < t.end:
                break  # ... or to another noun (`2024年5月の訪中時の発言`: the visit's date)
    return False


def _is_predicate(doc, first: int, last: int, trig: Trigger, anchored: bool = False) -> bool:
    head = doc[last]
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lemma_ not in ALLOWED_NEXT_NOUNS:
        return False  # `制裁委員会`, `供給ライン`: the noun modifies another noun
    tele = _telegraphic(doc, last)
    if trig.needs.startswith("obj:"):
        objs = set(trig.needs[4:].split("|"))
        words = {t.lemma_ for t in doc[last].children} | {doc[k].text for k in range(max(0, first - 3), first)}
        if tele:  # a row of a table or chronology: the object stands anywhere in the row
            words |= {t.text for t in doc}
        words |= {_compound_text(t) for t in doc[last].children}  # `外貨準備金を凍結`
        if head.dep_ == "acl" and head.head.i > last:
            words.add(_compound_text(head.head))  # `採択した決議`: the noun the clause modifies
        if not any(o in w for w in words for o in objs):
            return False
    bare = _light_verb(doc, last) is None and not (nxt is not None and nxt.lemma_ == "する")
    nominal = bare and head.pos_ not in ("VERB", "AUX")  # a verbal noun used as a noun
    if nominal and not tele and not anchored and head.dep_ == "nmod" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > last \
            and not _stated_by_relative_clause(doc, first, last):
        return False  # `ウクライナ支援への支持`, `制裁の効果`: a noun phrase about the act, not the act
    if nominal and not anchored and head.dep_ == "obj" and head.head.pos_ == "VERB":
        return False  # `支援を減らす`, `制裁の解除を求める`: the act is the object of another predicate
    if nominal and not anchored and head.dep_ in ("nsubj", "obl") and head.head.pos_ == "ADJ":
        return False  # `支持は根強い`, `支援に肯定的`: the act as the theme of an evaluation
    if nominal and _cited_document(doc, first, last, trig):
        return False  # `共同声明では「…」とされた`: the document cited as the source of its content
    if not nominal and re.match(r"[^、。]{0,4}?(?:る|う)ように", _text(doc)[doc[last].idx + len(doc[last].text) - 1:]):
        return False  # `Xが…と述べるように`: a habitual saying used as a comparison
    if nominal and _back_reference(doc, first):
        return False  # `この露朝軍事協力は`, `同会談では`: a back-reference names it again (§3.2)
    if nominal and _topic_marker(doc, last):
        return False  # `派兵の影響について`, `軍事協力については`: a topic of discussion (guideline §3.1)
    if not nominal and _object_clause(doc, last):
        return False  # `攻撃することを容認した`: a non-past act named as the object of another predicate
    return not (trig.needs == "light" and bare and head.pos_ != "VERB" and not tele)


TELEGRAPHIC_AFTER = re.compile(r"[ \t\u3000、，]|$")


def _telegraphic(doc, last: int) -> bool:
    """Telegraphic style, as in chronology and table rows and headlines: the text holds no `。`
    and the verbal noun ends its clause (`ロシアが拒否権、中国は…`, `…　採択`), so it is the
    predicate (体言止め) though no light verb follows."""
    text = _text(doc)
    if "。" in text:
        return False
    end = doc[last].idx + len(doc[last].text)
    return bool(TELEGRAPHIC_AFTER.match(text, end))


# announcing words (guideline §6.9): `…と発表した`, `停戦合意を発表` is a STATEMENT row only when
# what it announces is not itself a row
ANNOUNCE_TRIGGERS = ("発表", "公表", "表明", "声明")
# words of declaring a stance together (`両国は…パートナーシップを宣言した`); reporting words
# (`発表`, `説明`, `強調`) with two subjects are two states saying something, not agreeing
DECLARING_WORDS = ("宣言", "声明", "表明", "確認", "誓", "約束")
ANNOUNCED = re.compile(r"(?:と|を)[^、。「」]{0,4}$")


def _drop_announcements_of_rows(text: str, found: list[Event], sent: tuple[int, int]) -> list[Event]:
    """Drop the announcement of a sentence whose quoted (`…と`) or object (`…を`) complement
    holds another row of the sentence: the row is what happened, the announcing its source."""
    keep = []
    for ev in found:
        if ev.sentence_start == sent[0] and ev.event_type == "STATEMENT" and ev.trigger.startswith(ANNOUNCE_TRIGGERS):
            m = ANNOUNCED.search(text, sent[0], ev.start)
            # `…と発表`: any row in the quoted clause; `…を発表`: the row that is the object itself
            if m and any(o is not ev and o.event_type != "STATEMENT" and o.sentence_start == sent[0]
                         and (o.end <= m.start() if m.group().startswith("と") else o.end == m.start())
                         for o in found):
                continue
        keep.append(ev)
    return keep


@lru_cache(maxsize=1)
def _resolution_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    path = RESOURCES / "resolution_bodies.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return tuple((re.compile(r["pattern"]), r["body"]) for r in csv.DictReader(f))


def _resolution_body(sentence: str) -> str:
    """The body whose numbering a resolution named in the sentence follows; "" for none or several."""
    bodies = {body for pattern, body in _resolution_patterns() if pattern.search(sentence)}
    return bodies.pop() if len(bodies) == 1 else ""


def _object_clause(doc, last: int) -> bool:
    """The trigger's clause, in the non-past, is nominalised (`…すること`, `…するの`) and is the
    object of another predicate: named as something decided, allowed, wanted — not as done."""
    verb = doc[last]
    if verb.dep_ != "acl" or verb.head.i > last + 4:
        return False
    if any(t.lemma_ in ("た", "だ") for t in doc[last + 1:verb.head.i]):
        return False  # `発射したことを発表した`: a reported fact
    if verb.head.lemma_ in ABSTRACT_HEADS:
        return True  # `協調する傾向`, `派兵する可能性`: a disposition, not a happening
    if verb.head.lemma_ not in ("こと", "の"):
        return False
    return verb.head.dep_ in ("obj", "nsubj", "obl") and verb.head.head.pos_ in ("VERB", "ADJ", "NOUN")


# nouns that a non-past clause describes as a disposition or a possibility, not as a happening
# (a possibility or an intention, `…する可能性/方針/考え`, stays a row: its modality says
# hypothetical or planned)
ABSTRACT_HEADS = {"傾向", "姿勢", "必要", "必要性", "能力", "用意", "構え", "余地", "狙い", "目的", "意図", "試み", "動き"}
TOPIC_MARKERS = ("について", "に関して", "に関する", "をめぐって", "をめぐる", "を巡って", "を巡る")


DOCUMENT_NOUNS = ("声明", "宣言", "コミュニケ", "文書", "条約", "協定")


def _cited_document(doc, first: int, last: int, trig: Trigger) -> bool:
    """A document trigger (`共同声明`, `首脳宣言`) marked `では/には/で` and not stated as issued
    (`出された共同声明では` is): it is cited for what it says."""
    if not doc[first:last + 1].text.endswith(DOCUMENT_NOUNS) or _stated_by_relative_clause(doc, first, last, any_verb=True):
        return False
    return _case(doc[last]) in ("では", "には", "で", "において", "においては")


def _same_happening(a: Event, b: Event) -> bool:
    """`a` (found later) restates `b`: same sentence, type, dates, modality, and no side `b` lacks."""
    return (a.sentence_start == b.sentence_start and a.event_type == b.event_type
            and set(a.participants.split(";")) <= set(b.participants.split(";"))
            and (a.date_start, a.date_end) == (b.date_start, b.date_end) and a.modality == b.modality)


ANCHOR_NOUNS = {"以降", "以来", "後", "以後", "直後", "開始", "開始後", "勃発", "勃発後"}


def _undated_anchor(doc, first: int, last: int, dated) -> bool:
    """`ロシアによるウクライナ侵攻開始後、…`: a happening named as the time anchor of another
    statement, with no date of its own, is background (guideline §5.2: no new row). With its
    own date (`2022年2月の侵攻以降`) it is stated as a fact with a time and is a row."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is None or nxt.lemma_ not in ANCHOR_NOUNS or _light_verb(doc, last) is not None:
        return False
    if doc[last].pos_ in ("VERB", "AUX") and doc[last].dep_ != "compound":
        return False
    anchor = {doc[last].i, nxt.i} | {t.i for t in doc[last + 1:last + 3] if t.lemma_ in ANCHOR_NOUNS}
    for t, k in dated:
        for anc in _head_chain(doc[k])[1:]:
            if anc.i in anchor:
                return False
            if anc.pos_ in ("VERB", "ADJ"):
                break
    return True


DEMONSTRATIVES = ("この", "その", "同", "当該", "上記", "前記", "こうした", "そうした", "かかる", "これらの", "それらの")


def _back_reference(doc, first: int) -> bool:
    k = first
    while k > 0 and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].dep_ == "compound" and doc[k - 1].text != "同":
        k -= 1  # over the compound (`この露朝軍事協力`)
    before = _text(doc)[max(0, doc[k].idx - 5):doc[k].idx]
    return before.endswith(DEMONSTRATIVES)


def _topic_marker(doc, last: int) -> bool:
    text = _text(doc)[doc[last].idx + len(doc[last].text):doc[last].idx + len(doc[last].text) + 6]
    return text.startswith(TOPIC_MARKERS)


SETTING_CASES = ("で", "では", "において", "においては", "にて", "の際", "の席で")
AGENT_CASES = ("による", "によって", "により")
UNDERGO_VERBS = {"受ける", "被る", "蒙る"}  # `制裁を受ける`: the subject undergoes the act
GOAL_TYPES = {"VISIT", "DEPLOY_TROOPS", "PROVIDE_AID"}


def _is_passive(verb) -> bool:
    """`凍結された`, `非難される`: a passive auxiliary on the predicate."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in verb.children)


HAPPEN_VERBS = {"開催", "行う", "実施", "挙行", "開く", "行なう"}


def _stated_by_relative_clause(doc, first: int, last: int, any_verb: bool = False) -> bool:
    """`モスクワで開催された首脳会談の…`: a relative clause of a happening verb states the act."""
    return any(c.dep_ == "acl" and c.i < first and (any_verb or c.lemma_ in HAPPEN_VERBS) for c in doc[last].children)


def _compound_start(tok) -> int:
    k = tok.i
    while k > 0 and tok.doc[k - 1].dep_ == "compound" and tok.doc[k - 1].head.i in range(k, tok.i + 1):
        k -= 1
    return k


def _compound_text(tok) -> str:
    """A noun with the compound nouns written before it (`外貨準備金`)."""
    return tok.doc[_compound_start(tok):tok.i + 1].text


def _light_verb(doc, last: int):
    head = doc[last]
    if head.dep_ in ("obj", "nsubj", "obl") and head.head.i != head.i and head.head.lemma_ in LIGHT_VERBS \
            and _case(head) not in ("で", "では", "には", "において", "においては"):
        return head.head  # (`声明では…とされた` is a setting, not `声明を発表する`)
    return None


# ---------------------------------------------------------------------------
# arguments
# ---------------------------------------------------------------------------

def _case(tok) -> str:
    """The case marker of a nominal argument (`ロシアに`, `北朝鮮による`, `中国との`)."""
    fixed = []
    for c in tok.doc[tok.i + 1:tok.i + 4]:
        if not (c.dep_ in ("case", "fixed") or c.pos_ == "ADP"):
            break
        fixed.append(c.text)
    marker = "".join(fixed)
    if not marker:
        # a bracket between the noun and its particle (`スウェーデン（2024 年）が`): the case
        # particle is still the noun's own `case` child
        kids = [c for c in tok.children if c.i > tok.i and c.dep_ == "case"]
        if kids:
            # the particle after the bracket closes, not one inside it (`X（以下、Yとする）は`)
            closes = [t.i for t in tok.doc[tok.i + 1:kids[-1].i] if t.text in "）)"]
            after = [c for c in kids if not closes or c.i > closes[-1]] or kids[-1:]
            k0 = after[0].i
            marker = "".join(c.text for c in tok.doc[k0:k0 + 3] if c.dep_ in ("case", "fixed") or c.pos_ == "ADP")
    for k in sorted(ACTOR1_CASES + ACTOR2_CASES + PLACE_CASES + ("の",), key=len, reverse=True):
        if marker.startswith(k):
            return k
    return ""


# a noun with one of these particles is an argument of its own, never a modifier inside another
# noun phrase, whatever head the parser gave it (`ベラルーシがSCOの加盟国となった`)
OWN_CASES = ("が", "は", "を", "で")


def _stray_subjects(tok) -> list:
    """Nouns marked `が/は` that the parser hung inside the noun phrase `tok`: subjects."""
    out, todo = [], list(tok.children)
    while todo:
        t = todo.pop()
        if t.dep_ not in NOMINAL_DEPS and t.dep_ != "dep":
            continue
        if _case(t) in ("が", "は"):
            out.append(t)
        else:
            todo += list(t.children)
    return out


NOMINAL_DEPS = {"compound", "nmod", "conj", "appos", "nummod", "flat", "amod", "det"}


def _nominal_actors(tok, actors: list[Entity]) -> list[Entity]:
    """Actors of a nominal argument with what hangs on it: `中国とロシアは`, `ロシアと北朝鮮の首脳が`."""
    seen, todo, spans = set(), [tok], []
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        spans.append((t.idx, t.idx + len(t.text)))
        todo += [c for c in t.children if c.dep_ in NOMINAL_DEPS and abs(c.i - tok.i) <= 10
                 and _case(c) not in OWN_CASES]
    out = []
    for e in actors:
        if any(e.start < b and a < e.end for a, b in spans) and e not in out:
            out.append(e)
    return sorted(out, key=lambda e: e.start)


TIME_NOUNS = {"時", "際", "後", "前", "直後", "直前", "中", "以降", "以来"}
ACT_TARGET_TYPES = {"CRITICIZE", "SUPPORT_RECOGNIZE", "THREATEN", "VETO_REJECT"}


def _act_doers(obj, actors: list[Entity]) -> list[Entity]:
    """`中国が…支援している点を批判した`: the object is an act told by a clause; the doer of that
    act is who is criticised (supported, rejected) — guideline §5.2."""
    out = []
    for v in obj.children:
        if v.dep_ == "acl" and v.i < obj.i:
            for c in v.children:
                if c.dep_ == "nsubj" or _case(c) in ("が", "は"):
                    out += [e for e in _nominal_actors(c, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
    return out


def _is_actor_token(tok, actors: list[Entity]) -> bool:
    return any(e.start <= tok.idx < e.end for e in actors)


def _actors_in(span: tuple[int, int], actors: list[Entity]) -> list[Entity]:
    a, b = span
    return [e for e in actors if e.start < b and a < e.end]


def _code(e: Entity) -> str:
    return e.actor_id or e.country


def _expand_group(doc, tok, state: State) -> list[str]:
    if tok.text in GROUP_WORDS or doc[tok.i:tok.i + 4].text[:4].startswith(GROUP_WORDS):
        if state.pair and set(state.pair) <= set(state.countries[-4:]):
            return list(state.pair)  # the two sides of the last two-sided event, still being talked about
        return state.countries[-2:] if len(state.countries) >= 2 else []
    return []


# ---------------------------------------------------------------------------
# the stage
# ---------------------------------------------------------------------------

# the modality rules, in order of preference: (rule id, modality, pattern, where it looks)
MODALITY_RULES = (
    ("modality:negated_suffix", "negated", NEGATED, "after"),
    ("modality:planned_noun", "planned", PLANNED, "after"),
    ("modality:hypothetical_after", "hypothetical", HYPOTHETICAL, "after"),
    ("modality:hypothetical_before", "hypothetical", HYPOTHETICAL_BEFORE, "before"),
)


def _modality_rule(text: str, start: int, end: int) -> tuple[str, str]:
    """(modality, the id of the rule that decided it)."""
    for rule_id, modality, pattern, where in MODALITY_RULES:
        if pattern.search(text[end:] if where == "after" else text[max(0, start - 30):start]):
            return modality, rule_id
    return "asserted", "modality:asserted_default"


def _in_quote(text: str, sent_start: int, pos: int) -> bool:
    """Inside 「…」 of its sentence: the content of a statement, not a happening (the
    speech act is the event)."""
    before = text[sent_start:pos]
    if before.count("「") <= before.count("」"):
        return False
    # ... unless the quote is a report's wording (`『新聞』によれば「…」`, `「…」と報じた`): reported
    # narration stays a statement of the happening (guideline §3.4)
    return not REPORTED.search(text[sent_start:text.find("。", pos) + 1 if "。" in text[pos:] else len(text)])


REPORTED = re.compile(r"によれば|によると|と報じ|と報道|と伝え|」とある")


def _in_brackets(text: str, sent_start: int, pos: int) -> bool:
    before = text[sent_start:pos]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _head_chain(tok) -> list:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def _dates_other(doc, t: Timex, k: int, first: int, last: int, trig_type: str) -> bool:
    """A timex that is not the event's: a cited report's date (`20日付『新聞』によれば`) dates only
    a statement."""
    if CITED_DATE_RE.match(_text(doc), t.end):
        return trig_type != "STATEMENT"
    return False


CITED_DATE_RE = re.compile(r"[ \t\u3000]*(?:付|発(?=[のでに、『「\s]))")  # `20日付『…』`, `5日発の`, not `4日発効`


def _date_for(doc, first: int, last: int, sent: tuple[int, int], dated: list[tuple[Timex, int]],
              trig_type: str = "") -> Timex | None:
    """The timex of the trigger's clause, else the nearest one of its sentence."""
    pos = doc[first].idx
    in_sent = [(t, k) for t, k in dated if sent[0] <= t.start < sent[1]]
    # the date of a bracketed note (`…に署名した（2024 年 12 月 4 日発効）`) dates the note's own act
    in_sent = [(t, k) for t, k in in_sent if not ((n := _bracket_note(_text(doc), sent, t)) and not n[0] <= pos < n[1])]
    in_sent = [(t, k) for t, k in in_sent if not _dates_other(doc, t, k, first, last, trig_type)]
    if not in_sent:
        return None
    chain = {t.i for t in _head_chain(doc[last])}
    governed = []
    for t, k in in_sent:
        for anc in _head_chain(doc[k]):
            if anc.i == doc[last].i or (anc.i in chain and anc.i != k and anc.pos_ in ("VERB", "ADJ") and anc.i <= last + 3):
                governed.append((abs(t.start - doc[first].idx), t))
                break
            if anc.i != k and anc.pos_ in ("VERB", "ADJ") and not first <= anc.i <= last + 3:
                break  # the timex dates another predicate's clause (`…が2023年以降…提供したとの分析を示した`)
    if governed:
        return min(governed, key=lambda x: x[0])[1]
    before = [t for t, _ in in_sent if t.end <= doc[first].idx]
    return before[-1] if before else in_sent[0][0]


def _bracket_note(text: str, sent, t: Timex) -> tuple[int, int] | None:
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


def _token_at(doc, char: int) -> int:
    for t in doc:
        if t.idx <= char < t.idx + len(t.text):
            return t.i
    return len(doc) - 1


def find_events(doc, sentences: list[tuple[int, int]], timexes: list[Timex], actors: list[Entity],
                lexicon: dict[str, tuple[Trigger, ...]], state: State | None = None) -> list[Event]:
    state = state or State()
    state.ref_age = max(state.ref_age, CARRY_NARRATIVE)  # a new paragraph: no carried date
    state.topic = []
    if not lexicon or len(doc) == 0:
        return []
    max_len = max(len(k) for k in lexicon)
    text = _text(doc)
    token_starts = [t.idx for t in doc]
    dated = [(t, _token_at(doc, t.start)) for t in timexes if t.type in ("DATE", "TIME") and t.date_start]
    out: list[Event] = []
    for sent in sentences:
        first_tok, stop = bisect_left(token_starts, sent[0]), bisect_left(token_starts, sent[1])
        if first_tok >= stop:
            continue
        sent_actors = [e for e in actors if sent[0] <= e.start < sent[1]]
        past = bool(PAST_END.search(_text(doc)[sent[0]:sent[1]]))
        if TIME_SHIFT.search(_text(doc)[sent[0]:sent[1]]):
            state.narrative = past = False
        carry = state.ref_age < CARRY_SENTENCES or (past and state.narrative and state.ref_age < CARRY_NARRATIVE)
        prev_actor1: list[str] = []
        prev_parts: list[str] = []
        reported = find_attributions(doc, sent)
        # the reporter (`米国務省によれば`, `…と共同通信が伝えた`) is not a side of what it reports
        sent_actors = [e for e in sent_actors if not any(a.source_start <= e.start < a.source_end for a in reported)]
        i = first_tok
        while i < stop:
            m = _match_trigger(doc, i, lexicon, max_len)
            if m is None or m[0] >= stop:
                i += 1
                continue
            last, readings = m
            start, end = doc[i].idx, doc[last].idx + len(doc[last].text)
            inside_name = any(e.start <= start and end <= e.end for e in actors) or (
                _in_quote(text, sent[0], start))
            trig = next((r for r in readings if _is_predicate(doc, i, last, r)), None)
            anchored = False
            if trig is None and not inside_name and _own_date(doc, i, last, sent, dated):
                # `2019年4月のウラジオストク会談を経て`: a happening named with its own date is a row
                # at its first mention, wherever the noun stands (guideline §6.9)
                trig = next((r for r in readings if _is_predicate(doc, i, last, r, anchored=True)), None)
                anchored = trig is not None
            if trig is not None and trig.event_type == "STATEMENT" and any(
                    o.sentence_start == sent[0] and o.trigger.endswith(DOCUMENT_NOUNS) and any(
                        c.idx + len(c.text) == o.end for c in doc[last].children) for o in out):
                trig = None  # `共同声明が発表された`: the issuing of the document already found, not a second act
            if inside_name or trig is None or _undated_anchor(doc, i, last, dated):
                i = last + 1
                continue
            same = next((o.participants for o in reversed(out) if o.sentence_start == sent[0]
                         and o.event_type == trig.event_type), "")
            ev = _build(doc, i, last, trig, sent, sent_actors, dated, state, prev_actor1, prev_parts, carry, same)
            if ev is not None and any(_same_happening(ev, o) for o in out):
                ev = None  # `基地を訪問し工場を視察した`: two triggers of one type, one happening (§5.2)
            if ev is not None and anchored and (ev.date_source != "explicit" or _key(ev) in state.seen):
                ev = None  # a later mention of a happening already a row names it again (§6.9)
            if ev is not None and anchored:
                ev = replace(ev, rules=ev.rules + ("mention:first_dated",))
            if ev is not None:
                state.seen.add(_key(ev))
            if ev is not None:
                said = attribution_for(reported, ev.start, ev.end)
                if said is not None:
                    ev = replace(ev, attribution=said.source, rules=ev.rules + (said.rule,))
                out += _split_by_own_dates(_text(doc), ev, sent_actors, dated)
                if ev.actor1:
                    prev_actor1 = [ev.actor1]
                prev_parts = ev.participants.split(";")
                if len(prev_parts) == 2:
                    state.pair = tuple(prev_parts)
            i = last + 1
        out = _drop_announcements_of_rows(text, out, sent)
        if prev_actor1:
            state.topic = prev_actor1
        for e in sent_actors:
            if e.label == "COUNTRY":
                code = _code(e)
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


def _build(doc, first, last, trig: Trigger, sent, sent_actors, dated, state: State, prev_actor1,
           prev_parts=(), carry: bool = False, same_type: str = "") -> Event | None:
    text = _text(doc)
    head = doc[last]
    heads = [head]
    lv = _light_verb(doc, last)
    if lv is not None:
        heads.append(lv)
    if head.dep_ == "compound" and head.head.lemma_ in ALLOWED_NEXT_NOUNS:
        heads.append(head.head)  # `ロシアによるウクライナ侵攻以降`: the arguments sit on 以降
    # a verbal noun ending a telegraphic clause (`ロシアが拒否権、`) is the predicate (体言止め)
    verbal = head.pos_ in ("VERB", "AUX") or lv is not None or _telegraphic(doc, last)
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
    passive = (lv is None and _is_passive(head)) or (lv is not None and lv.lemma_ in UNDERGO_VERBS)
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
            case = _case(c)
            if case == "は" and h.dep_ == "acl" and h.head.i > h.i:
                continue  # a topic は never sits inside a relative clause: the parser misattached it
            ents = _nominal_actors(c, sent_actors)
            if c.pos_ in ("NOUN", "PROPN") and not _is_actor_token(c, sent_actors):
                # `対北朝鮮制裁決議案に`: a state after 対 inside another noun is what that noun is
                # about, not a side of this event
                ents = [e for e in ents if not (e.start > 0 and _text(doc)[e.start - 1] == "対")]
            group = _expand_group(doc, c, state)
            for st in _stray_subjects(c):
                a1 += [e for e in _nominal_actors(st, sent_actors) if e.label != "LOC"]
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
                    a2 += _act_doers(c, sent_actors)
                if case in ("に", "から"):
                    ni_marked += ents
                addressed = addressed or (case in ADDRESSEE_CASES and bool(ents))
                a2_codes += group
    # `Xの` on a noun inside a multiword trigger (`SCOの正加盟国となる`) names its other side
    for k in range(first, last):
        for c in doc[k].children:
            if not first <= c.i <= last and _case(c) == "の":
                a2 += [e for e in _nominal_actors(c, sent_actors) if e.label != "LOC"]
                for st in _stray_subjects(c):
                    a1 += [e for e in _nominal_actors(st, sent_actors) if e.label != "LOC"]
    took("actor1:case", "actor2:case")
    # `対X` (`対ロ制裁`, `対独戦争`) names the side acted against, never the doer
    toward = [e for e in a1 if e.start > 0 and _text(doc)[e.start - 1] == "対"]
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
    mods = _actors_in((doc[k].idx, lead.idx), sent_actors)
    mods = [e for e in mods if e.end <= lead.idx]
    if mods:
        mod_codes = [_code(e) for e in mods]
        if len(set(mod_codes)) >= 2 and not a1 and not a1_codes:
            a1_codes += mod_codes
        elif inside and not a1 and not a1_codes:
            a1 += mods  # the trigger names the other side (`訪ロ`): the modifier is the doer (`習主席訪ロ`)
        else:
            a2 += mods
        took("actor1:trigger_modifier", "actor2:trigger_modifier")
    # a nominal event as the setting of another predicate (`会談でAは…と述べた`, `演説でAは…`):
    # the subject of that predicate took part in it
    if not a1 and not a1_codes and not verbal and head.dep_ == "obl" and _case(head) in SETTING_CASES:
        for c in head.head.children:
            if c.i != head.i and (c.dep_ == "nsubj" or _case(c) in ("は", "が")):
                a1 += [e for e in _nominal_actors(c, sent_actors) if e.label != "LOC"]
                a1_codes += _expand_group(doc, c, state)
        if not a1 and not a1_codes and _in_quote(_text(doc), sent[0], head.head.idx):
            a1 += _surface_subject(doc, sent, first, sent_actors)  # the parser hung it inside a quote
        took("actor1:setting_subject")
    # a relative clause with no subject (`制裁を受けたロシアは`): the noun it modifies is its subject
    if not a1 and not a1_codes and verbal:
        a1 += _modified_actor(doc, heads[-1], sent, sent_actors)
        took("actor1:modified_noun")
    # a clause with no subject inherits it from the clauses that govern it, then from the previous event
    if not a1 and not a1_codes and verbal:
        for anc in _head_chain(heads[-1])[1:]:
            for c in anc.children:
                if c.dep_ in ("nsubj", "nsubj:pass") or _case(c) in ("は", "が"):
                    a1 += [e for e in _nominal_actors(c, sent_actors) if e.label != "LOC"]
                    a1_codes += _expand_group(doc, c, state)
            if a1 or a1_codes:
                break
        took("actor1:governing_clause")
    if not a1 and not a1_codes and verbal:
        # a topic the parser hung inside the quoted complement (`北朝鮮は韓国に対し…だと宣言した`)
        for t in doc[_first_token(doc, sent):first]:
            if _case(t) == "は" and t.dep_ in ("nsubj", "obl", "nmod") and (
                    t.head.i == head.i or head in t.head.ancestors or heads[-1] in t.head.ancestors):
                # ... or on a clause the trigger's predicate governs: a topic scopes over the
                # sentence up to its main predicate (`ロシアは…されたりするなど、制裁を受けた`)
                a1 += [e for e in _nominal_actors(t, sent_actors) if e.label != "LOC"]
                break
        took("actor1:topic_scope")
    if uncoded_subject and not a1 and not a1_codes:
        a1_codes = [""]  # the subject is given: nothing to inherit
        took("actor1:uncoded_subject")
    if not a1 and not a1_codes and verbal:
        a1 += _surface_subject(doc, sent, first, sent_actors)
        took("actor1:surface_subject")
        if not a1 and _surface_subject(doc, sent, first, sent_actors, any_noun=True):
            a1_codes = [""]  # a subject is written but names no state (`専門家は`): nothing to inherit
            took("actor1:uncoded_subject")
    if not a1 and not a1_codes and not verbal and last + 1 < len(doc) and doc[last + 1].lemma_ in TIME_NOUNS:
        # `習主席は、2023年の訪ロ時に…`: an event named as the time of the main clause is its subject's
        a1 += _surface_subject(doc, sent, first, sent_actors)
        took("actor1:time_noun_subject")
    if not a1 and not a1_codes and prev_actor1 and verbal:
        a1_codes = list(prev_actor1)
        took("actor1:previous_event")
    if not a1 and not a1_codes and verbal and state.topic:
        a1_codes = list(state.topic)  # the topic of the paragraph's previous sentence
        took("actor1:paragraph_topic")
    # (again, for the subjects found since)
    toward = [e for e in a1 if e.start > 0 and _text(doc)[e.start - 1] == "対"]
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
    codes1 = _dedupe([_code(e) for e in a1 if _code(e)] + a1_codes)
    codes2 = [c for c in _dedupe([_code(e) for e in a2 if _code(e)] + a2_codes) if c not in codes1]
    if not codes2 and codes1 and trig.event_type in ("PROVIDE_AID", "DEPLOY_TROOPS"):
        # the parser hung the goal on a coordinated verb (`ロシアに…武器を供給し、…を提供した`):
        # take the nearest state before the trigger marked as a goal
        goal = _preceding_goal(doc, sent, doc[first].idx, sent_actors, codes1)
        if goal is not None:
            a2.append(goal)
            codes2 = [_code(goal)]
            rules.append("actor2:preceding_goal")
    if trig.event_type == "VISIT" and codes1 and not codes2:
        # a visit to places in one country is a visit to that country (`ウラジオストクで…を訪問`)
        host = next((_code(e) for e in place if _code(e) and _code(e) not in codes1), None)
        if host:
            codes2 = [host]
            rules.append("actor2:visit_host")
    if not codes1 and not codes2 and prev_parts and _in_brackets(_text(doc), sent[0], start) and any(
            (n := _bracket_note(_text(doc), sent, t)) and n[0] <= start < n[1] for t, _ in dated):
        # a dated bracketed note on the previous act (`条約に署名した（12 月 4 日発効）`) is about its parties
        codes1 = [c for c in prev_parts if c]
        rules.append("actor1:bracket_note")
    if not codes1 and trig.event_type == "STATEMENT" and trig.needs.startswith("obj:"):
        # `決議1874採択`: a numbered resolution names the body that adopts it (resources/resolution_bodies.csv)
        body = _resolution_body(text[sent[0]:sent[1]])
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
    t = _date_for(doc, first, last, sent, dated, trig.event_type)
    source = "explicit" if t is not None else "none"
    if t is None and state.ref is not None and carry and not any(
            sent[0] <= x.start < sent[1] and not CITED_DATE_RE.match(_text(doc), x.end) for x, _ in dated):
        t, source = state.ref, "discourse"
    if t is not None:
        rules.append("date:same_clause" if source == "explicit" else "date:carried")
    modality, modality_rule = _modality_rule(text[:sent[1]], start, end)
    rules.append(modality_rule)
    loc = place[0] if place else None
    if loc is None and trig.event_type in MOVEMENT:
        # a visit or a deployment takes place at its destination (`ロシアを訪問`, `ロシアに派兵`)
        loc = next((e for e in a2 if e.label in ("COUNTRY", "GPE", "LOC", "FAC") and _code(e) == (codes2[0] if codes2 else "")), None)

    def name_of(codes, ents):
        for e in ents:
            if _code(e) == (codes[0] if codes else None):
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
        location=(_code(loc) if loc else ""), location_text=(loc.text if loc else ""),
        date_text=t.text if t else "", date_start=t.date_start if t else "", date_end=t.date_end if t else "",
        date_precision=t.precision if t else "", date_source=source, sentence_start=sent[0], sentence_end=sent[1],
        actor1_spans=tuple((e.start, e.end) for e in a1 if _code(e) in codes1),
        actor2_spans=tuple((e.start, e.end) for e in a2 if _code(e) in codes2),
        date_ref=t, rules=tuple(_dedupe(rules)),
    )


OWN_DATE_OPEN = re.compile(r"\s*[（(]\s*")
OWN_DATE_CLOSE = re.compile(r"\s*[）)]")


def _split_by_own_dates(text: str, ev: Event, actors: list[Entity], dated) -> list[Event]:
    """Coordinated actors each with a date in brackets (`フィンランド（2023 年）とスウェーデン
    （2024 年）が加盟した`): one verb states one dated happening per actor (guideline §5.2),
    so the event is split, each copy with its actor and that actor's date."""
    parts = ev.participants.split(";")
    own: dict[str, tuple[Entity, Timex]] = {}
    for e in actors:
        code = _code(e)
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


GOAL_AFTER = re.compile(r"(?:に対し(?:て)?|への|へ|に)(?![はおよ])")


def _preceding_goal(doc, sent, pos: int, actors: list[Entity], exclude: list[str]) -> Entity | None:
    for e in sorted(actors, key=lambda e: -e.start):
        if e.end > pos or e.start < max(sent[0], pos - 40):
            continue
        if e.label in ("COUNTRY", "ORG", "PERSON") and _code(e) and _code(e) not in exclude \
                and GOAL_AFTER.match(_text(doc), e.end):
            return e
    return None


def _modified_actor(doc, verb, sent, actors: list[Entity]) -> list[Entity]:
    """The actor right after a predicate in its adnominal form (`受けたロシア`, `派兵した北朝鮮`):
    the clause modifies that noun."""
    if verb.dep_ == "acl" and verb.head.i > verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        span = (doc[_compound_start(noun)].idx, noun.idx + len(noun.text))
        found = [e for e in _actors_in(span, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
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


def _surface_subject(doc, sent, first: int, actors: list[Entity], any_noun: bool = False) -> list:
    """The parser lost the subject (a quote in the clause often makes it hang the subject on a
    verb inside the quote): the last `Xが/Xは` before the trigger, outside quotes, with no other
    が/は-marked noun between them, is the subject."""
    for t in reversed(doc[_first_token(doc, sent):first]):
        if _in_quote(_text(doc), sent[0], t.idx) and not REPORTED.search(_text(doc)[sent[0]:sent[1]]):
            continue
        if t.pos_ in ("NOUN", "PROPN", "PRON") and _case(t) in ("が", "は"):
            if _case(t) == "が" and t.head.pos_ in ("VERB", "ADJ") and t.head.i < first \
                    and not _in_quote(_text(doc), sent[0], t.head.idx):
                continue  # the subject of an embedded clause of its own (`支援が役立っているとの…`)
            if any_noun:
                group = _text(doc)[doc[_compound_start(t)].idx:t.idx + len(t.text)].endswith(GROUP_WORDS + ("首脳", "両者"))
                return [t] if t.pos_ != "PRON" and _case(t) == "は" and not group else []
            found = [e for e in _nominal_actors(t, actors) if e.label in ("COUNTRY", "ORG", "PERSON")]
            return found  # the nearest subject: an actor, or a noun that is not one (then none)
    return []


def _first_token(doc, sent) -> int:
    return next((t.i for t in doc if t.idx >= sent[0]), 0)


def _dedupe(codes: list[str]) -> list[str]:
    seen, out = set(), []
    for c in codes:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out

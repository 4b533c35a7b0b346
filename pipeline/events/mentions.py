"""Mention filters: whether a trigger match states a happening, or names one (and then is no row)."""

from __future__ import annotations

import re

from ..event_types import types_with
from .lexicon import Trigger
from .model import Event
from .syntax import case_of, compound_text, doc_text, head_chain, is_passive, light_verb, telegraphic
from .words import words


ALLOWED_NEXT_NOUNS = words("allowed_next_nouns")  # `首脳会談等を行った`: "and other acts" names the act itself


def own_date(doc, first: int, last: int, sent: tuple[int, int], dated) -> bool:
    """A date before the trigger that modifies the trigger's noun itself: attributively
    (`2019年4月の会談`, `同日の…との会談`) or through a relative clause on it (`昨年4月9日に東京で
    行われた会合`)."""
    for t, k in dated:
        if not (sent[0] <= t.start and t.end <= doc[first].idx):
            continue
        for anc in head_chain(doc[k])[1:]:
            if first <= anc.i <= last:
                return True
            if anc.pos_ in ("VERB", "ADJ", "AUX") and not (anc.dep_ == "acl" and first <= anc.head.i <= last):
                break  # the date belongs to a predicate of its own
            if anc.pos_ in ("NOUN", "PROPN") and anc.dep_ != "compound" and not t.start <= anc.idx < t.end:
                break  # ... or to another noun (`2024年5月の訪中時の発言`: the visit's date)
    return False


class Mention:
    """A trigger match at tokens first..last read as `trig`, with the facts the filters share."""

    def __init__(self, doc, first: int, last: int, trig: Trigger, anchored: bool = False):
        self.doc, self.first, self.last, self.trig, self.anchored = doc, first, last, trig, anchored
        self.head = doc[last]
        self.next = doc[last + 1] if last + 1 < len(doc) else None
        self.tele = telegraphic(doc, last)
        self.bare = light_verb(doc, last) is None and not (self.next is not None and self.next.lemma_ == "する")
        self.nominal = self.bare and self.head.pos_ not in ("VERB", "AUX")  # a verbal noun used as a noun


def _modifies_noun(m: Mention) -> bool:
    """`制裁委員会`, `供給ライン`, `協力円滑化協定`: the noun modifies another noun (a noun by its
    dictionary tag too, whatever the parser made of it; a space between them ends the
    clause, as between the cells of a table row: `決議　採択　141―5―35`)."""
    return (m.next is not None and (m.next.pos_ in ("NOUN", "PROPN") or m.next.tag_.startswith("名詞"))
            and m.next.lemma_ not in ALLOWED_NEXT_NOUNS and bool(m.next.text.strip()))


def _object_missing(m: Mention) -> bool:
    """An `obj:` entry (`採択` of a resolution) whose object is not among the verb's arguments,
    their compounds, the words just before it or the noun its relative clause modifies."""
    if not m.trig.needs.startswith("obj:"):
        return False
    doc, first, last = m.doc, m.first, m.last
    objs = set(m.trig.needs[4:].split("|"))
    words = {t.lemma_ for t in doc[last].children} | {doc[k].text for k in range(max(0, first - 3), first)}
    if m.tele:  # a row of a table or chronology: the object stands anywhere in the row
        words |= {t.text for t in doc}
    words |= {compound_text(t) for t in doc[last].children}  # `外貨準備金を凍結`
    # what an argument is said to consist of (`特殊部隊など約1500人を`, `兵士ら数百人を`)
    words |= {compound_text(g) for t in doc[last].children for g in t.children
              if g.dep_ == "nmod" and g.i + 1 < len(doc) and doc[g.i + 1].text in EXEMPLIFYING}
    # the run of nouns, numbers and quote marks ending at each argument: a counted thing
    # (`弾道ミサイル1発を`), a named one (`ICBM「火星19」を`)
    words |= {_nominal_run(doc, t.i) for t in doc[last].children if t.i < first}
    if m.head.dep_ == "acl" and m.head.head.i > last:
        words.add(compound_text(m.head.head))  # `採択した決議`: the noun the clause modifies
    if _named_before(m, objs):
        return False
    return not any(o in w for w in words for o in objs)


EXEMPLIFYING = words("exemplifying_particles")


def _named_before(m: Mention, objs: set[str]) -> bool:
    """`衛星の打ち上げに成功したと主張したが、5月27日の打ち上げは失敗した`: the same act named
    earlier in the sentence with its object — the object holds for it again."""
    text = doc_text(m.doc)
    start = m.doc[m.first].idx
    sent_start = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[sent_start:start]
    surface = m.doc[m.first:m.last + 1].text
    return any(re.search(re.escape(o) + r"[^。、]{0,12}?" + re.escape(surface), before) for o in objs)


def _nominal_run(doc, k: int) -> str:
    j = k
    while j > max(0, k - 8) and (doc[j - 1].pos_ in ("NOUN", "PROPN", "NUM") or doc[j - 1].text in "「」『』"):
        j -= 1
    return doc[j:k + 1].text


def _noun_phrase_about_act(m: Mention) -> bool:
    """`ウクライナ支援への支持`, `制裁の効果`: a noun phrase about the act, not the act (but `支援の
    用意`, `訪問の予定`: the act planned — guideline §3.4)."""
    h = m.head
    return (m.nominal and not m.tele and not m.anchored and h.dep_ == "nmod" and h.head.pos_ in ("NOUN", "PROPN")
            and h.head.i > m.last and not stated_by_relative_clause(m.doc, m.first, m.last)
            and h.head.lemma_ not in PLAN_NOUNS)


# nouns of a plan or readiness for an act (`支援の用意`, `訪問の予定`): the act is stated, planned
PLAN_NOUNS = words("plan_nouns")


def _object_of_predicate(m: Mention) -> bool:
    """`支援を減らす`, `制裁の解除を求める`: the act is the object of another predicate."""
    return m.nominal and not m.anchored and m.head.dep_ == "obj" and m.head.head.pos_ == "VERB"


def _theme_of_evaluation(m: Mention) -> bool:
    """`支持は根強い`, `支援に肯定的`: the act as the theme of an evaluation."""
    return m.nominal and not m.anchored and m.head.dep_ in ("nsubj", "obl") and m.head.head.pos_ == "ADJ"


def _topic_of_predicate(m: Mention) -> bool:
    """`両国の説明は食い違っている`, `中国側の発表は…に触れなかった`: a saying named as the topic or
    subject of another predicate is talked about, not stated (guideline §3.1) — unless that
    predicate tells it took place (`非難が相次いだ`, `提案がなされた`)."""
    h = m.head
    return (m.nominal and not m.anchored and not m.tele and m.trig.event_type in SAYING_TYPES
            and case_of(h) in ("は", "が") and h.head.pos_ in ("VERB", "AUX") and h.head.i > m.last
            and h.head.lemma_ not in VOICED_VERBS and h.head.lemma_ not in HAPPEN_VERBS)


# verbs telling that sayings were voiced (`非難が相次いだ`, `抗議の声が上がった`)
VOICED_VERBS = words("voiced_verbs")


def _cited_document(m: Mention) -> bool:
    """`共同声明では「…」とされた`: the document cited as the source of its content."""
    return m.nominal and cited_document(m.doc, m.first, m.last, m.trig)


def _comparison(m: Mention) -> bool:
    """`Xが…と述べるように`: a habitual saying used as a comparison."""
    end = m.head.idx + len(m.head.text) - 1
    return not m.nominal and bool(re.match(r"[^、。]{0,4}?(?:る|う)ように", doc_text(m.doc)[end:]))


def _back_reference(m: Mention) -> bool:
    """`この露朝軍事協力は`, `同会談では`: a back-reference names it again (guideline §3.2)."""
    return m.nominal and back_reference(m.doc, m.first)


def _topic_of_discussion(m: Mention) -> bool:
    """`派兵の影響について`, `軍事協力については`: a topic of discussion (guideline §3.1)."""
    return m.nominal and topic_marker(m.doc, m.last)


def _object_clause(m: Mention) -> bool:
    """`攻撃することを容認した`: a non-past act named as the object of another predicate."""
    return not m.nominal and object_clause(m.doc, m.last)


# the documents whose content a relative clause tells (`停戦を求める決議`, `懸念を表明した声明`)
CONTENT_DOCUMENTS = words("content_documents")
SAYING_TYPES = types_with("saying")


def _document_content(m: Mention) -> bool:
    """`即時停戦を求める決議案`, `自衛権に言及した決議案`: a saying in a relative clause on a document
    tells what the document says; the document's adoption or issuing is the act."""
    h = m.head
    noun = DOCUMENT_NUMBER.sub("", compound_text(h.head))  # `安保理決議2231`
    return (m.trig.event_type in SAYING_TYPES and h.dep_ == "acl" and h.head.i > m.last
            and noun.endswith(CONTENT_DOCUMENTS) and not m.trig.surface.startswith(ISSUING))


DOCUMENT_NUMBER = re.compile(r"[\s第]*[0-9０-９][0-9０-９/／\-－号]*$")


ISSUING = words("issuing_words")  # `…について採択した決議`: the adoption is the act


PROVISION = re.compile(r"[^。、\u3000]{0,12}?(?:と|ことを|旨を?)(?:規定|定め)")


def _provision(m: Mention) -> bool:
    """`遅滞なく軍事援助を提供すると規定`: what a treaty or law provides is its content, no act."""
    return bool(PROVISION.match(doc_text(m.doc), m.head.idx + len(m.head.text)))


# `…を行わないよう求めた`, `停戦に合意するよう呼びかけた`: what a request asks for
REQUESTED = re.compile(r"[^、。]{0,20}?よう(?!やく)(?:に)?[^、。]{0,10}?(?:%s)" % "|".join(words("request_verbs")))


def _requested(m: Mention) -> bool:
    """An act in the よう-complement of a request is asked for, not done: no row (guideline §5.2:
    events named only as the object of a decision, plan or need)."""
    return bool(REQUESTED.match(doc_text(m.doc), m.head.idx + len(m.head.text)))


# `APEC首脳会議に合わせて…会談し`: a happening named as the occasion of another act
OCCASION = re.compile(r"(?:に合わせ|の機会に|の合間に|の際に|の場で|を機に)")


def _occasion(m: Mention) -> bool:
    """A meeting named as the occasion of another act (`APEC首脳会議に合わせてリマで会談し`) is
    its time anchor, not stated — unless a clause on it says it took place (`…で開かれたBRICS首脳
    会議の際に`): guideline §5.2, §6.9."""
    text, start = doc_text(m.doc), m.doc[m.first].idx
    return (m.nominal and not m.anchored and m.trig.event_type == "MEET"
            and bool(OCCASION.match(text, m.head.idx + len(m.head.text)))
            and not stated_by_relative_clause(m.doc, m.first, m.last, any_verb=True)
            and not HELD_BEFORE.search(text, max(0, start - 30), start))


# `天津で開かれた上海協力機構（ＳＣＯ）首脳会議`: a clause saying the meeting took place, right
# before its name (whatever the parser hung it on)
HELD_BEFORE = re.compile(r"(?:開かれ|行われ|開催され|催され)(?:た|ている|ていた)[^、。]{0,20}$")


MEDIUM_CASES = words("medium_cases")


def _medium_of_saying(m: Mention) -> bool:
    """`声明で決議を歓迎した`, `記者会見で…と強調した`: a statement named as the medium of another
    predicate — what is said there is the act, not the statement as such."""
    h = m.head
    return (m.nominal and m.trig.event_type == "STATEMENT" and case_of(h) in MEDIUM_CASES
            and h.head.pos_ in ("VERB", "AUX") and h.head.i > m.last)


def _needs_light_verb(m: Mention) -> bool:
    """An entry marked `light` (`協力`) with no light verb or `する`, outside telegraphic rows."""
    return m.trig.needs == "light" and m.bare and m.head.pos_ != "VERB" and not m.tele and not _means_of_passive(m)


def _means_of_passive(m: Mention) -> bool:
    """`決議案は米国の拒否権で否決された`: the act named as what brought about a passive predicate
    happened (the veto was cast)."""
    return case_of(m.head) in ("で", "によって", "により") and is_passive(m.head.head)


# The mention filters, in order: the first that holds decides that the match names an act
# rather than stating one (its id is the reason written to events_rejected.csv)
DOMESTIC_MEASURES = words("domestic_measures")


def _domestic_measure(m: Mention) -> bool:
    """`非常事態を宣言した`: a measure declared at home is a domestic decision, no event (§5.2)."""
    return any(t.dep_ == "obj" and compound_text(t).endswith(DOMESTIC_MEASURES) for t in m.head.children)


MENTION_FILTERS = (
    ("filter:modifies_noun", _modifies_noun),
    ("filter:object_missing", _object_missing),
    ("filter:noun_phrase_about_act", _noun_phrase_about_act),
    ("filter:object_of_predicate", _object_of_predicate),
    ("filter:theme_of_evaluation", _theme_of_evaluation),
    ("filter:topic_of_predicate", _topic_of_predicate),
    ("filter:cited_document", _cited_document),
    ("filter:comparison", _comparison),
    ("filter:back_reference", _back_reference),
    ("filter:topic_of_discussion", _topic_of_discussion),
    ("filter:object_clause", _object_clause),
    ("filter:document_content", _document_content),
    ("filter:provision", _provision),
    ("filter:requested", _requested),
    ("filter:occasion", _occasion),
    ("filter:medium_of_saying", _medium_of_saying),
    ("filter:needs_light_verb", _needs_light_verb),
    ("filter:domestic_measure", _domestic_measure),
)


def rejected_by(doc, first: int, last: int, trig: Trigger, anchored: bool = False) -> str | None:
    """The id of the first mention filter that rejects the match, None when it states an act."""
    m = Mention(doc, first, last, trig, anchored)
    if trig.needs == "place":  # `訪問先のハノイで`: the act stated as where one is, at a place named
        return None if m.next is not None and m.next.text == "の" else "filter:no_place_named"
    return next((rule for rule, holds in MENTION_FILTERS if holds(m)), None)


# announcing words (guideline §6.9): `…と発表した`, `停戦合意を発表` is a STATEMENT row only when
# what it announces is not itself a row
ANNOUNCE_TRIGGERS = words("announcing_words")


CELL_GAPS = re.compile(r"[\u3000\t]+")
ANNOUNCED = re.compile(r"(?:と|を)[^、。「」]{0,4}$")
# `…を発表`: the object is the row itself, or a stance the row is (`攻撃を非難する立場を表明`)
STANCE_OF = re.compile(r"(?:(?:する|した|している)(?:立場|考え|方針|意向|姿勢|意思)|の(?:%s))?" % "|".join(PLAN_NOUNS))


def drop_announcements_of_rows(text: str, found: list[Event], sent: tuple[int, int]) -> list[Event]:
    """Drop the announcement of a sentence whose quoted (`…と`) or object (`…を`) complement
    holds another row of the sentence: the row is what happened, the announcing its source."""
    keep = []
    for ev in found:
        if ev.sentence_start == sent[0] and ev.event_type == "STATEMENT" and ev.trigger.startswith(ANNOUNCE_TRIGGERS):
            m = ANNOUNCED.search(text, sent[0], ev.start)
            # the announcing clause: in a table or chronology row, its own cell (`…奇襲　首相は…と表明`)
            cell = max([g.end() for g in CELL_GAPS.finditer(text, sent[0], ev.start)] + [sent[0]])
            # `…と発表`: any row in the quoted clause; `…を発表`: the row that is the object itself
            # (a row before the announcement's own date is a clause of its own: `…発射、翌11月1日に
            # 「火星19」と公表`, a later act)
            if m and any(o is not ev and o.event_type != "STATEMENT" and o.sentence_start == sent[0] and o.start >= cell
                         and (o.end <= m.start() if m.group().startswith("と")
                              else bool(STANCE_OF.fullmatch(text, o.end, m.start())))
                         and not (ev.date_source == "explicit" and ev.date_ref is not None
                                  and o.end <= ev.date_ref.start < ev.start)
                         for o in found):
                continue
        keep.append(ev)
    return keep


def object_clause(doc, last: int) -> bool:
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
ABSTRACT_HEADS = words("abstract_heads")


TOPIC_MARKERS = words("topic_markers")
DOCUMENT_NOUNS = words("document_nouns")


def cited_document(doc, first: int, last: int, trig: Trigger) -> bool:
    """A document trigger (`共同声明`, `首脳宣言`) marked `では/には/で` and not stated as issued
    (`出された共同声明では` is): it is cited for what it says."""
    if not doc[first:last + 1].text.endswith(DOCUMENT_NOUNS) or stated_by_relative_clause(doc, first, last, any_verb=True):
        return False
    return case_of(doc[last]) in ("では", "には", "で", "において", "においては")


STEPWISE_TYPES = types_with("steps")


def same_happening(a: Event, b: Event) -> bool:
    """`a` (found later) restates `b`: same sentence, type (and mode, where modes are steps:
    ratifying and entering into force are two happenings), dates, modality, and no side `b` lacks."""
    return (a.sentence_start == b.sentence_start and a.event_type == b.event_type
            and (a.mode == b.mode or a.event_type not in STEPWISE_TYPES)
            and set(a.participants.split(";")) <= set(b.participants.split(";"))
            and (a.date_start, a.date_end) == (b.date_start, b.date_end) and a.modality == b.modality)


ANCHOR_NOUNS = words("anchor_nouns")


def undated_anchor(doc, first: int, last: int, dated) -> bool:
    """`ロシアによるウクライナ侵攻開始後、…`: a happening named as the time anchor of another
    statement, with no date of its own, is background (guideline §5.2: no new row). With its
    own date (`2022年2月の侵攻以降`) it is stated as a fact with a time and is a row."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is None or nxt.lemma_ not in ANCHOR_NOUNS or light_verb(doc, last) is not None:
        return False
    if doc[last].pos_ in ("VERB", "AUX") and doc[last].dep_ != "compound":
        return False
    anchor = {doc[last].i, nxt.i} | {t.i for t in doc[last + 1:last + 3] if t.lemma_ in ANCHOR_NOUNS}
    for t, k in dated:
        for anc in head_chain(doc[k])[1:]:
            if anc.i in anchor:
                return False
            if anc.pos_ in ("VERB", "ADJ"):
                break
    return True


DEMONSTRATIVES = words("demonstratives")


def back_reference(doc, first: int) -> bool:
    k = first
    while k > 0 and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].dep_ == "compound" and doc[k - 1].text != "同":
        k -= 1  # over the compound (`この露朝軍事協力`)
    before = doc_text(doc)[max(0, doc[k].idx - 5):doc[k].idx]
    return before.endswith(DEMONSTRATIVES)


def topic_marker(doc, last: int) -> bool:
    text = doc_text(doc)[doc[last].idx + len(doc[last].text):doc[last].idx + len(doc[last].text) + 6]
    return text.startswith(TOPIC_MARKERS)


HAPPEN_VERBS = words("happen_verbs")


def stated_by_relative_clause(doc, first: int, last: int, any_verb: bool = False) -> bool:
    """`モスクワで開催された首脳会談の…`: a relative clause of a happening verb states the act."""
    return any(c.dep_ == "acl" and c.i < first and (any_verb or c.lemma_ in HAPPEN_VERBS) for c in doc[last].children)

"""Token-level helpers the event rules share: case markers, compounds, light verbs, quotes."""

from __future__ import annotations

import re

from ..byline import SOURCE_NOTE_OPEN
from ..gazetteer import load_gazetteer
from ..records import Entity
from .words import words


ACTOR1_CASES = words("actor1_cases")
ACTOR2_CASES = words("actor2_cases")
PLACE_CASES = words("place_cases")
SETTING_CASES = words("setting_cases")
LIGHT_VERBS = words("light_verbs")
COUNTRY_CODES = load_gazetteer().country_codes  # the codes that are states (not organisations or groups)


def doc_text(doc) -> str:
    """doc.text, kept on the Doc: spaCy rebuilds it from the tokens on every access, and the
    rules below read it for every candidate trigger."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "pipeline.events.text"


def no_spaces(s: str) -> str:
    return re.sub(r"\s+", "", s)


# what ends a telegraphic clause: a cell gap, a comma, the end, or a source note (`…拒否権（出所）…`)
TELEGRAPHIC_AFTER = re.compile(r"[ \t\u3000、，]|$|" + SOURCE_NOTE_OPEN)


def telegraphic(doc, last: int) -> bool:
    """Telegraphic style, as in chronology and table rows and headlines: the text holds no `。`
    and the verbal noun ends its clause (`ロシアが拒否権、中国は…`, `…　採択`), so it is the
    predicate (体言止め) though no light verb follows."""
    text = doc_text(doc)
    if "。" in text:
        return False
    end = doc[last].idx + len(doc[last].text)
    return bool(TELEGRAPHIC_AFTER.match(text, end))


def is_passive(verb) -> bool:
    """`凍結された`, `非難される`: a passive auxiliary on the predicate."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in verb.children)


def compound_start(tok) -> int:
    k = tok.i
    while k > 0 and tok.doc[k - 1].dep_ == "compound" and tok.doc[k - 1].head.i in range(k, tok.i + 1):
        k -= 1
    return k


def compound_text(tok) -> str:
    """A noun with the compound nouns written before it (`外貨準備金`)."""
    return tok.doc[compound_start(tok):tok.i + 1].text


def listed_with(doc, last: int) -> int:
    """The noun a noun is listed with by や/と (`空爆や砲撃を`: 砲撃; `放水や危険な妨害を`: 妨害),
    whose place in the clause it shares; `last` itself when it is listed with none."""
    head = doc[last]
    if head.dep_ in ("nmod", "obl") and "".join(p.text for p in particles_after(head, 2)) in CONJUNCTIONS:
        conjunct = head.head.head if head.head.dep_ == "acl" else head.head
        if conjunct.i > head.i and conjunct.pos_ in ("NOUN", "PROPN"):
            return listed_with(doc, conjunct.i)
    return last


def light_verb(doc, last: int):
    if (conjunct := listed_with(doc, last)) != last:
        # `空爆や砲撃を行った`: a conjunct shares the light verb of the noun it is listed with
        return light_verb(doc, conjunct)
    head = doc[last]
    if head.dep_ in ("obj", "nsubj", "obl") and head.head.i != head.i and head.head.lemma_ in LIGHT_VERBS \
            and case_of(head) not in ("で", "では", "には", "において", "においては"):
        return head.head  # (`声明では…とされた` is a setting, not `声明を発表する`)
    return None


CONJUNCTIONS = ("や", "と", "及び", "および")


def predicate_heads(doc, last: int) -> list:
    """The trigger's last token and the light verb governing it, if any (`協力を行う`)."""
    lv = light_verb(doc, last)
    return [doc[last]] + ([lv] if lv is not None else [])


def is_particle(t) -> bool:
    return t.dep_ in ("case", "fixed") or t.pos_ == "ADP"


def particles_after(tok, limit: int | None = 3) -> list:
    """The particles written right after `tok` (`に`, `によ`+`る`), at most `limit` of them."""
    out = []
    for c in tok.doc[tok.i + 1:tok.i + 1 + limit if limit is not None else len(tok.doc)]:
        if not is_particle(c):
            break
        out.append(c)
    return out


def case_of(tok) -> str:
    """The case marker of a nominal argument (`ロシアに`, `北朝鮮による`, `中国との`)."""
    marker = "".join(c.text for c in particles_after(tok))
    if not marker:
        # a bracket between the noun and its particle (`スウェーデン（2024 年）が`): the case
        # particle is still the noun's own `case` child
        kids = [c for c in tok.children if c.i > tok.i and c.dep_ == "case"]
        if kids:
            # the particle after the bracket closes, not one inside it (`X（以下、Yとする）は`)
            closes = [t.i for t in tok.doc[tok.i + 1:kids[-1].i] if t.text in "）)"]
            after = [c for c in kids if not closes or c.i > closes[-1]] or kids[-1:]
            k0 = after[0].i
            marker = "".join(c.text for c in tok.doc[k0:k0 + 3] if is_particle(c))
    for k in sorted(ACTOR1_CASES + ACTOR2_CASES + PLACE_CASES + ("の",), key=len, reverse=True):
        if marker.startswith(k):
            return k
    return ""


def is_actor_token(tok, actors: list[Entity]) -> bool:
    return any(e.start <= tok.idx < e.end for e in actors)


def actors_in(span: tuple[int, int], actors: list[Entity]) -> list[Entity]:
    a, b = span
    return [e for e in actors if e.start < b and a < e.end]


def code_of(e: Entity) -> str:
    return e.actor_id or e.country


def in_quote(text: str, sent_start: int, pos: int) -> bool:
    """Inside 「…」 of its sentence: the content of a statement, not a happening (the
    speech act is the event)."""
    before = text[sent_start:pos]
    if before.count("「") <= before.count("」"):
        return False
    # ... unless the quote is a report's wording (`『新聞』によれば「…」`, `「…」と報じた`): reported
    # narration stays a statement of the happening (guideline §3.4)
    return not REPORTED.search(text[sent_start:text.find("。", pos) + 1 if "。" in text[pos:] else len(text)])


REPORTED = re.compile(r"によれば|によると|と報じ|と報道|と伝え|」とある")


def in_brackets(text: str, sent_start: int, pos: int) -> bool:
    before = text[sent_start:pos]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def head_chain(tok) -> list:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def token_at(doc, char: int) -> int:
    for t in doc:
        if t.idx <= char < t.idx + len(t.text):
            return t.i
    return len(doc) - 1


def first_token(doc, sent) -> int:
    return next((t.i for t in doc if t.idx >= sent[0]), 0)


def dedupe(codes: list[str]) -> list[str]:
    seen, out = set(), []
    for c in codes:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out

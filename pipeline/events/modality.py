"""Modality: the named rules, in order, that mark a row planned, hypothetical or negated."""

from __future__ import annotations

import re




NEGATED = re.compile(r"^[^、。\u3000]{0,8}?(?:ことなく|見送[らりっるれ]|見合わせ|中止[さしにとが]|延期[さしにとが]|取りやめ|なかった|なかっ|ない(?!か)|せず|されず|行われず|ません|ず[、。]|ずに)")
PLANNED = re.compile(r"^[^、。\u3000]{0,12}?(?:予定|見通し|計画|方針|意向|つもり|見込み|用意|[るう]考え|ことになっ|ことで合意|てまい(?:ります|る)|て参(?:ります|る))")
HYPOTHETICAL = re.compile(
    r"^[^。\u3000]{0,14}?(?:可能性|であろう|れば|たら|[てで]も(?=[^、。]{0,6}(?:でき|可能))|なら(?:ば|[、，,])|だろう|でしょう|かもしれ|恐れ|おそれ|かねない|得る|うる|かどうか|か否か"
    r"|(?:する|行う|できる)際の|ようとし|べき|場合|検討|シナリオ|想定|懸念され|(?:どの|どう|いかに|何)[^。、]{0,15}か(?:について|に|は|を|が|、))"
)
HYPOTHETICAL_BEFORE = re.compile(r"(?:仮に|もし|万一)[^。]{0,20}$")


# a question (`…ではありませんか。`) about an act told in the non-past asks whether it would be
QUESTION = re.compile(r"^(?:する|します|できる|される)(?!た)[\s\S]*(?:か|\?|？)[。」）)]?\s*(?:[（(][^（）()]*[）)])?\s*$")
# an act in the continuative form (`…と連携し、…働きかけるべきだ`) shares the modality that ends
# its sentence
CONTINUATIVE = r"^[^、。「」]{0,6}?(?:し|して|で)、[\s\S]*"
ENDS_HYPOTHETICAL = re.compile(CONTINUATIVE + r"(?:べきだ|べきである|べきではない|だろう|であろう|かもしれない)[。」]?\s*$")
ENDS_PLANNED = re.compile(CONTINUATIVE + r"(?:予定だ|予定である|予定です|方針だ|方針である|見通しだ|計画だ)[。」]?\s*$")


# the modality rules, in order of preference: (rule id, modality, pattern, where it looks: the
# words after the trigger to the sentence's end, or the words before it)
MODALITY_RULES = (
    ("modality:negated_suffix", "negated", NEGATED, "after"),
    ("modality:planned_noun", "planned", PLANNED, "after"),
    ("modality:hypothetical_after", "hypothetical", HYPOTHETICAL, "after"),
    ("modality:hypothetical_before", "hypothetical", HYPOTHETICAL_BEFORE, "before"),
    ("modality:question", "hypothetical", QUESTION, "after"),  # `…に約束するのは、…ではありませんか`
    ("modality:sentence_end", "hypothetical", ENDS_HYPOTHETICAL, "after"),
    ("modality:sentence_end", "planned", ENDS_PLANNED, "after"),
)


def modality_of(text: str, start: int, end: int) -> tuple[str, str]:
    """(modality, the id of the rule that decided it); `text` ends at the sentence's end."""
    for rule_id, modality, pattern, where in MODALITY_RULES:
        if pattern.search(text[end:] if where == "after" else text[max(0, start - 30):start]):
            return modality, rule_id
    return "asserted", "modality:asserted_default"

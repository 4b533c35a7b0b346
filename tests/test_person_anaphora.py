"""People named again across a document (pipeline/person_anaphora.py): a surname with 氏, a
titled surname with no state, and 同 + a title. Composed news-style texts; the exact entity
rows (and the events that read them) are asserted."""

import pytest

import pipeline

CASES = [
    # a kanji surname with 氏 in a later paragraph: the person named in full before
    ("韓国の尹錫悦大統領は3日、ソウルで演説した。\n\n尹氏は4日、日本を訪れた。",
     {("尹錫悦大統領", "PERSON", "KOR"), ("韓国", "COUNTRY", "KOR"), ("ソウル", "GPE", "KOR"),
      ("尹氏", "PERSON", "KOR"), ("日本", "COUNTRY", "JPN")}),
    # the last part of a katakana name; 両氏 after a list of surnames
    ("ナレンドラ・モディ首相と習近平国家主席は5日、会談した。モディ、習両氏は握手した。",
     {("ナレンドラ・モディ首相", "PERSON", "IND"), ("習近平国家主席", "PERSON", "CHN"),
      ("モディ", "PERSON", "IND"), ("習両氏", "PERSON", "CHN")}),
    # a surname with 氏 and no one of that name before: the model's person, with no state guessed
    ("山村氏は5日、記者団に語った。", {("山村氏", "PERSON", "")}),
    # 同 + a title: an anaphor, read by the events, never an entity row
    ("フランスのマクロン大統領は7日、演説した。同大統領は、ウクライナ支援を続けると表明した。",
     {("フランス", "COUNTRY", "FRA"), ("マクロン大統領", "PERSON", "FRA"), ("ウクライナ", "COUNTRY", "UKR")}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_entities(text, expected):
    t = pipeline.extract_text(text, doc_date="2024-05-10")
    got = {(r.text, r.label, r.actor_id) for r in t["entities"].itertuples()}
    assert got == expected


def test_events_read_the_people_named_again():
    text = ("韓国の尹錫悦大統領は3日、ソウルで演説した。\n\n尹氏は4日、東京で記者団に「協力を続ける」と説明した。"
            "\n\nドイツのショルツ首相は5日、同大統領と会談した。同首相は、関係強化を強調した。")
    t = pipeline.extract_text(text, doc_date="2024-05-10")
    got = {(r.event_type, r.participants, r.date_start.strftime("%Y-%m-%d")) for r in t["events"].itertuples()}
    assert got == {("STATEMENT", "KOR", "2024-05-03"), ("STATEMENT", "KOR", "2024-05-04"),
                   ("MEET", "DEU;KOR", "2024-05-05"), ("STATEMENT", "DEU", "2024-05-05")}

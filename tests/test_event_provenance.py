"""Where each events.csv row came from (SPEC §3): `attribution`, `rules`, and the entity and
timex rows its cells came from, on sentences composed for these tests (none from the corpus).

Each table row: text -> the exact set of (event_type, participants, attribution) found."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.nlp import load_nlp
from test_events import _events_full


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def found(nlp, text):
    return _events_full(nlp, text)  # one sentence per `。`


ATTRIBUTION = [
    # a source before によると/によれば reports what follows it
    ("米国務省によれば、イランは2024年4月14日、イスラエルを攻撃した。", {("ATTACK", "IRN;ISR", "米国務省")}),
    ("ロイター通信によると、ロシアは2025年1月10日、ウクライナを攻撃した。", {("ATTACK", "RUS;UKR", "ロイター通信")}),
    # a reporting verb's subject reports the clause before it, whichever side the subject is on
    ("中国は2025年3月2日、台湾を威嚇したと共同通信が伝えた。", {("THREATEN", "CHN;TWN", "共同通信")}),
    ("新華社は、中国とロシアが2025年2月5日に会談したと報じた。", {("MEET", "CHN;RUS", "新華社")}),
    # the text asserting it itself, or hedging with no one named: no attribution
    ("2025年2月3日、日本とフィリピンは協定に署名した。", {("SIGN_AGREEMENT", "JPN;PHL", "")}),
    ("北朝鮮は2025年1月、ロシアに砲弾を提供したとみられる。", {("PROVIDE_AID", "PRK;RUS", "")}),
]


@pytest.mark.parametrize("text,expected", ATTRIBUTION)
def test_attribution(nlp, text, expected):
    assert {(e.event_type, e.participants, e.attribution) for e in found(nlp, text)} == expected


def test_rules_name_the_trigger_roles_date_and_modality(nlp):
    (ev,) = found(nlp, "2025年2月3日、日本とフィリピンは協定に署名した。")
    assert ev.rules[0].startswith("trigger:") and ev.rules[0].endswith("/SIGN_AGREEMENT")
    assert "actor1:case" in ev.rules and "date:same_clause" in ev.rules
    assert ev.rules[-1] == "modality:asserted_default"


RULE_PAIRS = [
    # the same act, its subject written in the clause vs inherited from the previous sentence
    ("2025年1月5日、韓国は北朝鮮を威嚇した。", "2025年1月5日、韓国は北朝鮮を非難した。さらに北朝鮮を威嚇した。",
     "actor1:case", "actor1:paragraph_topic"),
    # the same modality from different rules: a negation vs a plan
    ("2025年5月、日本は中国を訪問しなかった。", "2025年5月、日本は中国を訪問する予定だ。",
     "modality:negated_suffix", "modality:planned_noun"),
]


@pytest.mark.parametrize("one,other,rule_one,rule_other", RULE_PAIRS)
def test_rows_made_by_different_rules_do_not_share_ids(nlp, one, other, rule_one, rule_other):
    a = found(nlp, one)[-1]
    b = found(nlp, other)[-1]
    assert rule_one in a.rules and any(r.startswith(rule_other) for r in b.rules)
    assert a.rules != b.rules


def test_events_csv_points_at_its_entity_and_timex_rows():
    text = "2025年3月10日、日本の首相はフィリピンを訪問した。翌11日、両国は防衛協定に署名した。"
    t = pipeline.extract_text(text, doc_date="2025-03-12", title="比訪問")
    ev, ent, tx = t["events"], t["entities"], t["timex"]
    assert list(ev["event_type"]) == ["VISIT", "SIGN_AGREEMENT"]
    visit = ev.iloc[0]
    e1 = ent.set_index("entity_id").loc[visit["actor1_entity"]]
    assert (e1["actor_id"], text[e1["char_start"]:e1["char_end"]]) == ("JPN", "日本")
    e2 = ent.set_index("entity_id").loc[visit["actor2_entity"]]
    assert text[e2["char_start"]:e2["char_end"]] == "フィリピン"
    for _, row in ev.iterrows():
        timex = tx.set_index("timex_id").loc[row["date_timex"]]
        assert text[timex["char_start"]:timex["char_end"]] == row["date_text"]
    # the second act's sides are the pair under discussion: no entity of its own in the cell
    assert ev.iloc[1]["participants"] == "JPN;PHL"
    assert list(ev["doc_title"]) == ["比訪問"] * 2 and list(ev["doc_date"]) == ["2025-03-12"] * 2
    assert ev["cluster_id"].str.match(r"^C\d+$").all() and ev["cluster_id"].nunique() == 2

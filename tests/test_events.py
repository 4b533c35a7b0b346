"""Tests for the event stage (the pipeline/events/ package) on composed sentences, one table per rule.

Each row: (text, expected events as (event_type, modality, participants, date_start, date_end)).
The sentences are written for these tests; none comes from the corpus.
"""

from __future__ import annotations

import pytest

from pipeline.events import State, find_events, load_lexicon
from pipeline.nlp import load_nlp
from pipeline.timex import extract_timex

DOC_DATE = "2024-07-01"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events(nlp, text, state=None):
    doc = nlp(text)
    found = find_events(doc, [(0, len(text))], extract_timex(text, DOC_DATE), doc._.actors, load_lexicon(),
                        state or State())
    for e in found:
        assert text[e.start:e.end] == e.trigger
    return [(e.event_type, e.modality, e.participants, e.date_start, e.date_end) for e in found]


PER_TYPE = [
    ("2023年9月13日、ロシアと北朝鮮の首脳が会談した。", ("MEET", "asserted", "PRK;RUS", "2023-09-13", "2023-09-13")),
    ("2024年6月、プーチン大統領は北朝鮮を訪問した。", ("VISIT", "asserted", "PRK;RUS", "2024-06-01", "2024-06-30")),
    ("2019年4月、金正恩委員長がロシアを訪れた。", ("VISIT", "asserted", "PRK;RUS", "2019-04-01", "2019-04-30")),
    ("2024年12月4日、ロシアと北朝鮮の条約が発効した。", ("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2024-12-04", "2024-12-04")),
    ("2023年3月、中国とロシアは協力の拡大で合意した。", ("AGREE_COOPERATE", "asserted", "CHN;RUS", "2023-03-01", "2023-03-31")),
    ("2022年9月、ロシアは占領地の併合を承認した。", None),
    ("2017年にインドがSCOに加盟した。", ("JOIN_ORG", "asserted", "IND;SCO", "2017-01-01", "2017-12-31")),
    ("北朝鮮は2023年8月、ロシアに砲弾を提供した。", ("PROVIDE_AID", "asserted", "PRK;RUS", "2023-08-01", "2023-08-31")),
    ("2024年10月、北朝鮮はロシアに派兵した。", ("DEPLOY_TROOPS", "asserted", "PRK;RUS", "2024-10-01", "2024-10-31")),
    ("2024年7月、中国とロシアは合同演習を実施した。", ("MIL_COOPERATION", "asserted", "CHN;RUS", "2024-07-01", "2024-07-31")),
    ("2023年11月21日、北朝鮮は偵察衛星を打ち上げた。", ("SHOW_OF_FORCE", "asserted", "PRK", "2023-11-21", "2023-11-21")),
    ("2022年2月24日、ロシアはウクライナに侵攻した。", ("ATTACK", "asserted", "RUS;UKR", "2022-02-24", "2022-02-24")),
    ("2022年3月、日本はロシアに制裁を科した。", ("IMPOSE_SANCTIONS", "asserted", "JPN;RUS", "2022-03-01", "2022-03-31")),
    # a veto is cast in the Security Council: UNSC is its other side (guideline §6.8, `implied_actor2`)
    ("2022年5月、中国とロシアは国連安保理で拒否権を行使した。", ("VETO_REJECT", "asserted", "CHN;RUS;UNSC", "2022-05-01", "2022-05-31")),
    ("2024年1月、韓国は北朝鮮を非難した。", ("CRITICIZE", "asserted", "KOR;PRK", "2024-01-01", "2024-01-31")),
    ("2024年3月、北朝鮮は韓国を威嚇した。", ("THREATEN", "asserted", "KOR;PRK", "2024-03-01", "2024-03-31")),
    ("2024年5月、北朝鮮は声明を発表した。", ("STATEMENT", "asserted", "PRK", "2024-05-01", "2024-05-31")),
]


@pytest.mark.parametrize("text,expected", PER_TYPE)
def test_each_type(nlp, text, expected):
    found = events(nlp, text)
    if expected is None:
        return
    assert expected in found


MODALITY = [
    # a question about an act told in the non-past asks whether it would be
    ("政府は国会の審議の前に米国と合意するのですか。", "AGREE_COOPERATE", "hypothetical"),
    # an act in the continuative form shares the modality that ends its sentence
    ("日本は英国と連携し、中国に働きかけるべきだ。", "AGREE_COOPERATE", "hypothetical"),
    ("北朝鮮は来月、ロシアと協議し、条約に署名する予定だ。", "MEET", "planned"),
    ("2024年5月1日、日本は英国と連携し、中国に働きかけた。", "AGREE_COOPERATE", "asserted"),
    # a row's cell gap ends the clause: the plan in the next cell is not this act's
    ("2023年10月18日　米大統領がイスラエルを訪問　ヨルダンで予定していた首脳会談は中止に", "VISIT", "asserted"),
    # `…してまいります`: what the speaker will go on doing
    ("日本は引き続き米国と緊密に連携してまいります。", "AGREE_COOPERATE", "planned"),
    # `…を行う際の手続き`: the act of a generic rule, not a happening
    ("日本と豪州は、両国の部隊が共同訓練を行う際の手続きを定めた協定に署名した。", "MIL_COOPERATION", "hypothetical"),
    ("ロシアは北朝鮮に技術を提供する可能性がある。", "PROVIDE_AID", "hypothetical"),
    ("プーチン大統領は来月、北朝鮮を訪問する予定だ。", "VISIT", "planned"),
    ("2023年、北朝鮮の外相はロシアを訪問しなかった。", "VISIT", "negated"),
    ("会談は行われず、中国とロシアは会談しなかった。", "MEET", "negated"),
    ("仮にロシアが北朝鮮に派兵すれば、緊張が高まる。", "DEPLOY_TROOPS", "hypothetical"),
    ("北朝鮮が韓国を攻撃した場合、米国は反撃する。", "ATTACK", "hypothetical"),  # 〜場合 (guideline §6.7)
    ("国連安保理はイスラエルの要請を受けて緊急会合を開く。", "MEET", "planned"),  # a report's plain non-past: to come
    ("2024年4月24日、米国はウクライナへの新たな支援パッケージを発表した。", "PROVIDE_AID", "planned"),  # a pledge (§6.9)
    ("2024年6月、ロシアは北朝鮮を訪問した。", "VISIT", "asserted"),
    # `なら` is conditional only as a word of its own (`…するなら、`), not inside `地ならし`
    ("2024年5月、トルコの外相はギリシャを訪れ、首脳会談への地ならしを進めた。", "VISIT", "asserted"),
    # forgone, called off or put off: not a happening
    ("2023年、インドと中国の首脳会談は見送られた。", "MEET", "negated"),
    ("2022年5月、トルコとギリシャの首脳会談は延期された。", "MEET", "negated"),
    ("2024年9月、日本と韓国の合同演習は中止された。", "MIL_COOPERATION", "negated"),
]


@pytest.mark.parametrize("text,etype,modality", MODALITY)
def test_modality(nlp, text, etype, modality):
    found = [e for e in events(nlp, text) if e[0] == etype]
    assert found and found[0][1] == modality


ARGUMENTS = [
    # a topic governs two clauses: the second event inherits the subject
    ("2024年6月19日、ロシアは平壌で北朝鮮と会談し、条約に署名した。",
     [("MEET", "PRK;RUS"), ("SIGN_AGREEMENT", "PRK;RUS")]),
    # a nominal trigger: による is actor1, the compound modifier the other side
    ("2022年2月のロシアによるウクライナ侵攻以降、日本は対ロ制裁を科した。",
     [("ATTACK", "RUS;UKR"), ("IMPOSE_SANCTIONS", "JPN;RUS")]),
    # a compound of countries names both sides
    ("2023年9月の露朝首脳会談で関係が深まった。", [("MEET", "PRK;RUS")]),
]


@pytest.mark.parametrize("text,expected", ARGUMENTS)
def test_arguments(nlp, text, expected):
    got = [(e[0], e[2]) for e in events(nlp, text)]
    for x in expected:
        assert x in got


def test_two_events_two_dates(nlp):
    text = "北朝鮮は2023年9月にロシアと会談し、2024年6月にはロシアと条約に署名した。"
    got = {e[0]: (e[3], e[4]) for e in events(nlp, text)}
    assert got["MEET"] == ("2023-09-01", "2023-09-30")
    assert got["SIGN_AGREEMENT"] == ("2024-06-01", "2024-06-30")


def _paragraph(nlp, text):
    doc = nlp(text)
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "。"]
    sents = list(zip([0] + cuts[:-1], cuts))
    found = find_events(doc, sents, extract_timex(text, DOC_DATE), doc._.actors, load_lexicon(), State())
    return [(e.event_type, e.participants, e.date_start, e.date_source, e.sentence_start) for e in found]


def test_date_carried_to_the_next_sentence_only(nlp):
    text = ("2023年9月13日、金正恩委員長がロシアに到着した。プーチン大統領は金正恩委員長と会談した。"
            "両首脳は視察した。その後、ロシアは北朝鮮を非難した。")
    got = _paragraph(nlp, text)
    meet = [e for e in got if e[0] == "MEET"]
    assert meet and meet[0][1:4] == ("PRK;RUS", "2023-09-13", "discourse")
    later = [e for e in got if e[0] == "CRITICIZE"]
    assert later and later[0][2] == ""  # `その後` moves the narration on: no carried date


def test_group_word_expands(nlp):
    state = State()
    events(nlp, "中国とロシアの関係は深い。", state)
    got = events(nlp, "2023年3月、両国は共同声明に署名した。", state)
    assert any(e[0] == "SIGN_AGREEMENT" and e[2] == "CHN;RUS" for e in got)


def test_noun_modifying_noun_is_not_an_event(nlp):
    assert events(nlp, "国連の制裁委員会が報告した。") == [] or all(e[0] != "IMPOSE_SANCTIONS" for e in events(nlp, "国連の制裁委員会が報告した。"))


def test_no_actor_no_event(nlp):
    assert events(nlp, "2024年に会談が行われた。") == []


def test_deterministic(nlp):
    text = "2024年6月19日、ロシアは平壌で北朝鮮と会談し、条約に署名した。"
    assert events(nlp, text) == events(nlp, text)


@pytest.mark.parametrize("text,location", [
    ("2024年6月、プーチン大統領は北朝鮮を訪問した。", "PRK"),
    ("2024年10月、北朝鮮はロシアに派兵した。", "RUS"),
    ("2024年6月19日、ロシアは平壌で北朝鮮と会談した。", "PRK"),
    ("2024年5月、中国とロシアは会談した。", ""),
])
def test_location(nlp, text, location):
    doc = nlp(text)
    found = find_events(doc, [(0, len(text))], extract_timex(text, DOC_DATE), doc._.actors, load_lexicon(), State())
    assert found and found[0].location == location


@pytest.mark.parametrize("text,expected", [
    # a multiword trigger whose last word is inflected (`拒否権を行使した` -> `拒否権を行使する`)
    ("2024年3月、ロシアは決議案に拒否権を行使した。", ("VETO_REJECT", "asserted", "RUS;UNSC")),
    ("2024年3月、米国は北朝鮮がロシアに武器を送ったと明らかにした。", ("STATEMENT", "asserted", "USA")),
    # `Xに成功した`: the act happened, its subject is the sentence's
    ("2023年11月下旬、北朝鮮は偵察衛星の打ち上げに成功した。", ("SHOW_OF_FORCE", "asserted", "PRK")),
])
def test_light_verb_constructions(nlp, text, expected):
    assert expected in [(e[0], e[1], e[2]) for e in events(nlp, text)]


@pytest.mark.parametrize("text,etype", [
    # states declaring together, to no addressee, agree; a declaration to someone is a statement
    ("2019年、中国とロシアは新しいパートナーシップを宣言した。", "AGREE_COOPERATE"),
    ("2024年1月、北朝鮮は韓国に対し敵対国家だと宣言した。", "STATEMENT"),
])
def test_joint_declaration(nlp, text, etype):
    assert etype in [e[0] for e in events(nlp, text)]


def test_report_date_is_not_the_carried_date(nlp):
    text = "2024年1月21日付の新聞によれば、同月15日に北朝鮮の外相がロシアに到着した。外相はロシアの大統領と会談した。"
    meet = [e for e in _paragraph(nlp, text) if e[0] == "MEET"]
    assert meet and meet[0][2:4] == ("2024-01-15", "discourse")


def test_group_word_takes_the_last_two_sided_event(nlp):
    text = "2023年9月、ロシアと北朝鮮が会談した。ウクライナは反発した。両国は同月、協力で合意した。"
    agree = [e for e in _paragraph(nlp, text) if e[0] == "AGREE_COOPERATE"]
    assert agree and agree[0][1] == "PRK;RUS"


def test_goal_shared_by_coordinated_verbs(nlp):
    text = "2023年9月以来、北朝鮮はロシアにコンテナで武器を供給し、2024年にはミサイルを提供した。"
    got = [(e[0], e[2]) for e in events(nlp, text)]
    assert got.count(("PROVIDE_AID", "PRK;RUS")) == 2


@pytest.mark.parametrize("text,expected", [
    # coordinated actors, each with its own date in brackets: one row per actor and date
    ("バルト三国の隣ではエストニア（2004 年）とラトビア（2005 年）が欧州連合に加盟した。",
     [("JOIN_ORG", "EST;EU", "2004-01-01"), ("JOIN_ORG", "EU;LVA", "2005-01-01")]),
    ("南アジアではインド（2017 年）、パキスタン（2018 年）が上海協力機構の正加盟国となった。",
     [("JOIN_ORG", "IND;SCO", "2017-01-01"), ("JOIN_ORG", "PAK;SCO", "2018-01-01")]),
    # one date for both: one row
    ("2017年、インドとパキスタンが上海協力機構に加盟した。", [("JOIN_ORG", "IND;PAK;SCO", "2017-01-01")]),
])
def test_own_dates_split_the_event(nlp, text, expected):
    got = [(e[0], e[2], e[3]) for e in events(nlp, text)]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("text,expected", [
    # the organisation is actor2 whatever its case; `Xの加盟国となる`
    ("2021年、イランは上海協力機構の加盟国となった。", ("JOIN_ORG", "IRN;SCO")),
    ("2024年10月には新しい制裁監視チーム (MSMT) が発足した。", ("JOIN_ORG", "MSMT")),
    # a bracket between the subject and its particle
    ("2019年、ブラジル（当時）が国連に加盟した。", ("JOIN_ORG", "BRA;UN")),
])
def test_join_org_arguments(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


@pytest.mark.parametrize("text,expected", [
    # a nominal trigger modifying a noun is an event when a relative clause states it happened
    ("2022年5月10日に東京で開催された日米首脳会談の成果文書が注目された。",
     [("MEET", "JPN;USA", "2022-05-10", "2022-05-10")]),
    # a place inside the time expression of another clause is not an actor
    ("ハノイでの会談の翌月5月3日に、米国はソウルで韓国と会談した。", [("MEET", "KOR;USA", "XXXX", "")]),
    # a dated note in brackets dates only its own act, and inherits the parties of the act it annotates
    ("2020年3月5日、日本はインドと協定に署名した（2020年9月1日発効）。",
     [("SIGN_AGREEMENT", "IND;JPN", "2020-03-05", "2020-03-05"), ("SIGN_AGREEMENT", "IND;JPN", "2020-09-01", "2020-09-01")]),
])
def test_nominal_and_bracketed(nlp, text, expected):
    got = [(e[0], e[2], e[3], e[4]) for e in events(nlp, text)]
    for x in expected:
        if x[2] == "XXXX":
            assert any(g[:2] == x[:2] for g in got) and not any(g[0] == x[0] and "VNM" in g[1] for g in got)
        else:
            assert x in got


def test_undated_bracket_is_not_a_note(nlp):
    got = events(nlp, "2022年、日本は米国を支持する投票（反対）を行った。")
    assert ("VETO_REJECT", "JPN;USA") not in [(e[0], e[2]) for e in got]


def test_relative_clause_of_another_verb_is_not_enough(nlp):
    assert "MEET" not in [e[0] for e in events(nlp, "2023年、日米首脳会談の成果は大きかった。")]


@pytest.mark.parametrize("text,etype,date", [
    # a narration in the past tense goes on telling the dated moment
    ("2023年5月2日、日本の外相がインドに到着した。外相は首相官邸を訪れた。外相はインドの首相と会談した。",
     "MEET", "2023-05-02"),
    # a sentence of analysis in between ends the narration: two sentences on, no carried date
    ("2023年5月2日、日本の外相がインドに到着した。インドは南アジアの大国である。外相はインドの首相と会談した。",
     "MEET", ""),
    # the event's own sentence is not narrated in the past: only the next sentence takes the date
    ("2023年5月2日、日本の外相がインドに到着した。外相は首相官邸を訪れた。日本はインドを支持している。",
     "SUPPORT_RECOGNIZE", ""),
])
def test_date_carried_through_a_past_narration(nlp, text, etype, date):
    got = [e for e in _paragraph(nlp, text) if e[0] == etype]
    assert got and got[0][2] == date


def test_group_word_prefers_the_states_being_talked_about(nlp):
    text = ("2022年、ロシアはウクライナに侵攻した。米国と日本と中国は反発し、中国はロシアに接近した。"
            "2023年に両国は協力で合意した。")
    agree = [e for e in _paragraph(nlp, text) if e[0] == "AGREE_COOPERATE"]
    assert agree and agree[0][1] == "CHN;RUS"


@pytest.mark.parametrize("text,etype,present", [
    # the act as the theme of an evaluation is not the act
    ("2022年、欧州ではウクライナ支援への支持は根強い。", "SUPPORT_RECOGNIZE", False),
    # a non-past act named as the object of another predicate is not the act; the allowing is
    ("2024年5月、米国はロシア領内を攻撃することを容認した。", "ATTACK", False),
    ("2024年5月、米国はロシア領内を攻撃することを容認した。", "SUPPORT_RECOGNIZE", True),
    # a past act reported as a fact stays an event
    ("2023年11月、北朝鮮はミサイルを発射したことを発表した。", "SHOW_OF_FORCE", True),
])
def test_act_named_not_done(nlp, text, etype, present):
    assert (etype in [e[0] for e in events(nlp, text) if e[1] == "asserted"]) == present


@pytest.mark.parametrize("text,etype,modality", [
    # a concessive conditional (`〜ても…できる`) does not assert the act
    ("2023年、日本から経済制裁を課されていても取引できる市場がある。", "IMPOSE_SANCTIONS", "hypothetical"),
    # `見てもわかる` is not a condition on the act
    ("2024年5月の中国の国家主席の訪ロ時の発言を見てもわかる。", "VISIT", "asserted"),
])
def test_concessive(nlp, text, etype, modality):
    found = [e for e in events(nlp, text) if e[0] == etype]
    assert found and found[0][1] == modality


def _roles(nlp, text):
    doc = nlp(text)
    found = find_events(doc, [(0, len(text))], extract_timex(text, DOC_DATE), doc._.actors, load_lexicon(), State())
    return [(e.event_type, e.actor1, e.actor2, e.modality) for e in found]


@pytest.mark.parametrize("text,expected", [
    # the passive: the subject is done to, に/によって marks the doer
    ("2023年5月、北朝鮮は国連に非難された。", ("CRITICIZE", "UN", "PRK", "asserted")),
    ("2022年3月、ロシアは日本によって資産を凍結された。", ("IMPOSE_SANCTIONS", "JPN", "RUS", "asserted")),
    # `制裁を受ける`: the subject undergoes the act
    ("2022年3月、ロシアは日本による制裁を受けた。", ("IMPOSE_SANCTIONS", "JPN", "RUS", "asserted")),
    # a movement in the passive: what is sent belongs to the sender
    ("2024年10月、北朝鮮兵がロシアに派遣された。", ("DEPLOY_TROOPS", "PRK", "RUS", "asserted")),
    # a relative clause: the noun it modifies is its subject
    ("2023年に北朝鮮に派兵したロシアは、その後中国と会談した。", ("DEPLOY_TROOPS", "RUS", "PRK", "asserted")),
    # a topic scopes over the sentence up to its main predicate
    ("韓国は2022年に外相が辞任したりするなど、北朝鮮の威嚇を受けた。", ("THREATEN", "PRK", "KOR", "asserted")),
    # `〜ことなく`: without the act
    ("2024年、日本は中国からの非難を受けることなく活動した。", ("CRITICIZE", "CHN", "JPN", "negated")),
])
def test_passive_and_relative_clauses(nlp, text, expected):
    assert expected in _roles(nlp, text)


@pytest.mark.parametrize("text,expected", [
    # lexicon: the literary lemma 投ずる, reaching agreement, intrusion into an air defence zone
    ("2015年3月、キューバはベネズエラとともに反対票を投じた。", ("VETO_REJECT", "CUB;VEN")),
    ("2021年6月、日本と豪州の外相は見解の一致を見た。", ("AGREE_COOPERATE", "AUS;JPN")),
    ("2020年2月、インドとパキスタンは停戦で合意に達した。", ("AGREE_COOPERATE", "IND;PAK")),
    ("2022年5月、中国の爆撃機が日本の防空識別圏に侵入した。", ("SHOW_OF_FORCE", "CHN;JPN")),
    # `obj:` looks at the whole compound noun (`外貨準備金`) and at the noun a relative clause modifies
    ("2022年3月、日本はロシアの外貨準備金を凍結した。", ("IMPOSE_SANCTIONS", "JPN;RUS")),
    ("2015年、国連総会が採択した決議に、キューバは反対した。", ("STATEMENT", "UNGA")),
])
def test_lexicon_additions(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


@pytest.mark.parametrize("text,expected", [
    # a nominal event as the setting of another predicate: that predicate's subject took part
    ("2021年5月の演説でバイデン大統領は同盟の重要性を語った。", ("STATEMENT", "USA")),
    ("2023年3月の会談においてインドの首相は懸念を示した。", ("MEET", "IND")),
    # `対X` inside another noun (`対独戦勝記念日`) is no side of the speech: one speaker, no joint declaration
    ("2021年8月の対独戦勝記念日の演説でロシアの大統領は同盟を語った。", ("STATEMENT", "RUS")),
])
def test_setting_and_target(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


def test_reference_time_is_the_last_date_of_the_sentence(nlp):
    text = "2015年以来、中国と日本は対話を続けてきたが、2024年3月5日の会談では新しい点が見られた。韓国は日本を批判した。"
    got = [e for e in _paragraph(nlp, text) if e[0] == "CRITICIZE"]
    assert got and got[0][2:4] == ("2024-03-05", "discourse")


@pytest.mark.parametrize("text,etype,date", [
    # a timex inside an embedded clause dates that clause, not the speech act that governs it
    ("2024年2月26日、韓国の国防相は、北朝鮮が2023年7月以降ロシアに砲弾を提供したとの分析を示した。",
     "STATEMENT", "2024-02-26"),
    ("2024年2月26日、韓国の国防相は、北朝鮮が2023年7月以降ロシアに砲弾を提供したとの分析を示した。",
     "PROVIDE_AID", "2023-07-01"),
])
def test_clause_date(nlp, text, etype, date):
    got = [e for e in events(nlp, text) if e[0] == etype]
    assert got and got[0][3] == date


def test_visitor_written_before_a_visit_word_naming_the_host(nlp):
    got = [(e.event_type, e.actor1, e.actor2) for e in _events_full(nlp, "2019年4月の韓国大統領訪米時の共同声明が注目された。")]
    assert ("VISIT", "KOR", "USA") in got


def _events_full(nlp, text):
    doc = nlp(text)
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "。"]
    return find_events(doc, list(zip([0] + cuts[:-1], cuts)), extract_timex(text, DOC_DATE), doc._.actors,
                       load_lexicon(), State())


def test_meeting_with_one_side_named_takes_the_partner_being_talked_about(nlp):
    text = "2023年5月、日本とインドが会談した。2023年6月の首脳会談では、インドは協力を約束した。"
    meets = [e.participants for e in _events_full(nlp, text) if e.event_type == "MEET"]
    assert meets == ["IND;JPN", "IND;JPN"]


@pytest.mark.parametrize("text,etype", [
    # a topic of discussion (`…について`) is not the act
    ("2023年9月、日本の首相は韓国との軍事協力について説明した。", "MIL_COOPERATION"),
    ("2025年の世論調査では、ウクライナへの経済援助については半数が賛成した。", "PROVIDE_AID"),
    # the act as the theme of an evaluative adjective
    ("2025年、日本ではウクライナ支援に肯定的な意見が多い。", "PROVIDE_AID"),
    # a non-past clause describing a disposition or a possibility
    ("2024年5月、中国とロシアは米国に対して協調する傾向を強めた。", "AGREE_COOPERATE"),
    ("2024年、北朝鮮がロシアに派兵する可能性が指摘された。", "DEPLOY_TROOPS"),
])
def test_named_not_stated(nlp, text, etype):
    assert etype not in [e[0] for e in events(nlp, text) if e[1] == "asserted"]


@pytest.mark.parametrize("text,etype,present", [
    # a document cited for what it says is not its issuing; one stated as issued is
    ("2021年の日米共同声明では「台湾海峡の平和」が明記された。", "SIGN_AGREEMENT", False),
    ("2021年4月に出された日米共同声明では「台湾海峡の平和」が明記された。", "SIGN_AGREEMENT", True),
    # a habitual saying used as a comparison (`…と述べるように`)
    ("2023年、中国の外相が「関係は良好だ」と述べるように、両国は近い。", "STATEMENT", False),
    # an indirect question (`どの程度…か`) does not assert the act
    ("2019年、北朝鮮への制裁がどの程度の効果を上げているかについては議論がある。", "IMPOSE_SANCTIONS", False),
])
def test_cited_habitual_question(nlp, text, etype, present):
    assert (etype in [e[0] for e in events(nlp, text) if e[1] == "asserted" and e[3]]) == present


@pytest.mark.parametrize("text,present", [
    # an undated happening named as the time anchor of another statement is background
    ("イラクによるクウェート侵攻開始後、日本は中東外交を見直した。", False),
    ("イラクによるクウェート侵攻以降、日本は中東外交を見直した。", False),
    # with its own date it is stated as a fact with a time
    ("1990年8月のイラクによるクウェート侵攻以降、日本は中東外交を見直した。", True),
])
def test_time_anchor(nlp, text, present):
    assert ("ATTACK" in [e[0] for e in events(nlp, text)]) == present


@pytest.mark.parametrize("text,n", [
    # two triggers of one type in one clause chain, same sides and time: one happening
    ("2023年9月、インドの首相はロシアの宇宙基地を訪問し、発射場を視察した。", 1),
    # different times: two happenings
    ("インドの首相は2023年9月にロシアを訪問し、2024年7月にもロシアを訪問した。", 2),
])
def test_one_happening_one_row(nlp, text, n):
    assert [e[0] for e in events(nlp, text)].count("VISIT") == n


@pytest.mark.parametrize("text,etype,date", [
    # a report's wording in quotes is reported narration: the happening in it is a row
    ("2023年10月19日、日本の外相はインドを訪れた。同月20日付の新聞によれば、「両国は協力の拡大で合意した」という。",
     "AGREE_COOPERATE", "2023-10-19"),
    ("2023年9月14日付の新聞は、「インドの外相は協力を強化する意思を表明した」とある。", "STATEMENT", "2023-09-14"),
])
def test_reported_quote(nlp, text, etype, date):
    """(`『新聞』は「…」とある` reports in the same way)"""
    got = [e for e in _paragraph(nlp, text) if e[0] == etype]
    assert got and got[0][2] == date


def test_statement_content_in_quotes_is_not_a_row(nlp):
    text = "2024年1月、日本の首相は「中国とロシアが合同演習を行った」と述べた。"
    assert "MIL_COOPERATION" not in [e[0] for e in events(nlp, text)]


def test_a_bracketed_date_does_not_carry(nlp):
    # SPEC §3: a date in brackets moves nothing, so the next sentence is still at the signing
    text = "2020年3月5日、日本はインドと協定に署名した（2020年9月1日発効）。インドは歓迎した。"
    got = [e for e in _paragraph(nlp, text) if e[0] == "SUPPORT_RECOGNIZE"]
    assert got and got[0][2] == "2020-03-05"


@pytest.mark.parametrize("text,expected", [
    # a city is where, not who
    ("2025年、中国とロシアはニュルンベルク裁判の判決を支持した。", ("SUPPORT_RECOGNIZE", "CHN;RUS")),
    # ... but the destination of a visit names the host, and a place attacked names its state
    ("2024年6月、インドの首相は平壌を訪問した。", ("VISIT", "IND;PRK")),
    ("2014年3月、ロシアはクリミアを併合した。", ("ATTACK", "RUS;UKR")),
])
def test_places_as_actors(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


@pytest.mark.parametrize("text,expected", [
    # a relative clause's subject is the actor the modified noun names (`…に侵攻したロシア軍`);
    # what a resolution condemns (`ロシアを非難する国連総会決議`) is its content, no row (§6.8)
    ("2022年2月、ウクライナに侵攻したロシア軍は首都に迫った。", ("ATTACK", "RUS", "UKR")),
    # a noun that names no actor gives none: the sentence's subject stays
    ("2022年、北朝鮮はロシアを支持する投票を行った。", ("SUPPORT_RECOGNIZE", "PRK", "RUS")),
])
def test_relative_clause_head_noun(nlp, text, expected):
    assert expected in [(e[0], e[1], e[2]) for e in _roles(nlp, text)]


@pytest.mark.parametrize("text,expected", [
    # `対X` inside another noun (`対イラン制裁決議案`) is what that noun is about, not a side
    ("2020年8月、ロシアは中国とともに対イラン制裁決議案に拒否権を行使した。", ("VETO_REJECT", "CHN;RUS;UNSC")),
    # ... but a trigger compound (`対ロ制裁`) names its target
    ("2022年3月、日本は対ロ制裁を科した。", ("IMPOSE_SANCTIONS", "JPN;RUS")),
])
def test_toward_inside_another_noun(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


@pytest.mark.parametrize("text,expected", [
    # a quote in the clause makes the parser hang the subject inside it: the last が/は outside
    # quotes before the trigger is the subject
    ("2021年、そこでは日本と豪州が共同で「航行の自由を脅かす」試みを非難した。", ("CRITICIZE", "AUS;JPN")),
    # ... but not across another subject
    ("2021年、日本は「中国が脅威だ」と考え、その後米国が非難した。", ("CRITICIZE", "USA")),
])
def test_surface_subject(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


def test_issuing_verb_of_a_document_is_not_a_second_statement(nlp):
    got = [e[0] for e in events(nlp, "2021年4月、日本と米国の共同声明が発表された。")]
    assert "SIGN_AGREEMENT" in got and "STATEMENT" not in got


@pytest.mark.parametrize("text,etype,present", [
    # a back-reference (`この…`, `同…`) names the happening again: no new row (guideline §3.2)
    ("2023年9月、この日印軍事協力は具体化した。", "MIL_COOPERATION", False),
    ("2023年9月、日本とインドの軍事協力は具体化した。", "MIL_COOPERATION", True),
])
def test_back_reference(nlp, text, etype, present):
    assert (etype in [e[0] for e in events(nlp, text)]) == present


def test_de_arou_is_hypothetical(nlp):
    found = [e for e in events(nlp, "2024年、北朝鮮はロシアを支持するであろう。") if e[0] == "SUPPORT_RECOGNIZE"]
    assert found and found[0][1] == "hypothetical"


@pytest.mark.parametrize("text,expected", [
    # a passive speech verb: the subject is what was said; no agent, no known speaker, no row
    ("2024年10月、北朝鮮兵がロシアに派遣されたことが報告された。", None),
    ("2024年10月、北朝鮮兵の派遣が韓国によって報告された。", ("STATEMENT", "KOR")),
])
def test_passive_statement(nlp, text, expected):
    got = [(e[0], e[2]) for e in events(nlp, text) if e[0] == "STATEMENT"]
    assert (got == []) if expected is None else (expected in got)


def test_setting_is_not_a_light_verb_argument(nlp):
    # `Xでは…とされた`: the document is the setting of する, not its object
    text = "2021年の日米共同声明では、「同盟を強化する」とされた。"
    assert "SIGN_AGREEMENT" not in [e[0] for e in events(nlp, text)]


def test_criticised_act_names_the_target(nlp):
    # the object of 批判 is an act told by a clause: its doer is the target
    got = _roles(nlp, "2024年9月、日本は中国がロシアを支援している点を批判した。")
    assert ("CRITICIZE", "JPN", "CHN", "asserted") in got


@pytest.mark.parametrize("text,expected", [
    # an event named as the time of the main clause belongs to the main clause's subject
    ("インドの首相は、2023年の訪米時に演説した。", ("VISIT", "IND;USA")),
    # a visit to places in one country is a visit to that country
    ("2023年9月、インドの首相はウラジオストクで工場を訪問した。", ("VISIT", "IND;RUS")),
])
def test_visit_sides(nlp, text, expected):
    assert expected in [(e[0], e[2]) for e in events(nlp, text)]


def test_same_act_named_again_keeps_its_sides(nlp):
    text = "2019年以来、日本と豪州の合同演習が実施されてきたが、2024年5月3日の合同演習では新しい点があった。"
    got = [(e[0], e[2], e[3]) for e in events(nlp, text)]
    assert ("MIL_COOPERATION", "AUS;JPN", "2024-05-03") in got


def test_setting_hung_inside_a_quote(nlp):
    text = "インドの首相は、2023年5月3日の会談において、「世界は大きく変化している」という認識を示した。"
    assert any(e[0] == "MEET" and "IND" in e[2].split(";") for e in events(nlp, text))


def test_given_subject_with_no_state_blocks_inheritance(nlp):
    # the speaker is named but has no known state: no other actor is made the speaker
    text = "2024年9月、ロシアは北朝鮮と会談した。専門家は、中国の支援が役立っているとの見方を示した。"
    got = [e for e in _paragraph(nlp, text) if e[0] == "STATEMENT"]
    assert got == []


def test_space_inside_a_trigger_word(nlp):
    # a space left inside a word by PDF conversion does not hide the trigger
    assert "MEET" in [e[0] for e in events(nlp, "2023年9月、日本とインドの首脳会 談が行われた。")]


def test_particle_after_a_bracketed_note(nlp):
    # `X（以下、Yとする）は`: the particle after the bracket, not the と inside it, marks X
    text = "大韓民国（以下、韓国とする）は2020年3月に「特別体制」を宣言し、交流を減らした。"
    assert ("STATEMENT", "KOR") in [(e[0], e[2]) for e in events(nlp, text)]


# Telegraphic rows (chronologies, tables, headlines): a verbal noun ending its clause in a text
# without 。 is the predicate; an abstention or a failed draft is no row (guideline §6.8)
TELEGRAPHIC = [
    # the sponsors in brackets after a draft are another cell of the row, not the veto's sides
    ("2023.5.10　停戦を求める決議案（フランス、ブラジル）　否決　12―1―2　米国が拒否権",
     [("VETO_REJECT", "asserted", "UNSC;USA", "2023-05-10", "2023-05-10")]),
    # a row labelled with its actor in lenticular brackets
    ("2024.3.25　【安保理】ガザの停戦を求める決議　採択　14―0―1", [("STATEMENT", "asserted", "UNSC", "2024-03-25", "2024-03-25")]),
    # the cells of a row are clauses of their own: a subject is not taken across a space
    ("2024.6.10　決議2735（米国）　停戦案を支持　採択　14―0―1　ロシアは棄権",
     [("STATEMENT", "asserted", "UNSC", "2024-06-10", "2024-06-10")]),
    ("2023.12.22　決議2720（UAE）　人道支援の拡大　採択　13―0―2　米ロが棄権",
     [("STATEMENT", "asserted", "UNSC", "2023-12-22", "2023-12-22")]),
    ("2024年3月5日　中国海警局がフィリピンの補給船に放水　フィリピン政府は抗議",
     [("ATTACK", "asserted", "CHN;PHL", "2024-03-05", "2024-03-05"),
      ("CRITICIZE", "asserted", "PHL", "2024-03-05", "2024-03-05")]),
    ("2023.6.1\u3000制裁決議案\u3000否決\u3000フランスが拒否権、英国は棄権",
     [("VETO_REJECT", "asserted", "FRA;UNSC", "2023-06-01", "2023-06-01")]),
    ("2024年3月1日\u3000スペインとポルトガルが首脳会談",
     [("MEET", "asserted", "ESP;PRT", "2024-03-01", "2024-03-01")]),
    # a telegraphic predicate without a subject of its own takes the row's subject
    ("2021年9月14日\u3000ブラジル外相が訪日、日本と経済協力で合意",
     [("VISIT", "asserted", "BRA;JPN", "2021-09-14", "2021-09-14"),
      ("AGREE_COOPERATE", "asserted", "BRA;JPN", "2021-09-14", "2021-09-14")]),
    ("2023年6月1日、英国は棄権した。", []),
    # a comma after the subject's が sets it over the whole row, not over the quoted clause
    ("2022年5月3日\u3000ブラジル大統領が、アルゼンチンとの国境で密輸組織を摘発したと発表",
     [("STATEMENT", "asserted", "BRA", "2022-05-03", "2022-05-03")]),
    # the row's leading date dates every cell; 両国 names the pair named before it in the row
    ("12日\u3000韓国の国防相が来日し、日本の防衛相と会談\u3000両国は共同訓練の拡大で一致",
     [("VISIT", "asserted", "JPN;KOR", "2024-07-12", "2024-07-12"), ("MEET", "asserted", "JPN;KOR", "2024-07-12", "2024-07-12"),
      ("AGREE_COOPERATE", "asserted", "JPN;KOR", "2024-07-12", "2024-07-12")]),
    # the states written solid before the subject's particle are all its sides, however parsed
    ("2023.5.2\u3000制裁決議案\u3000否決\u30007―2―6\u3000日米英仏が反対",
     [("VETO_REJECT", "asserted", "FRA;GBR;JPN;USA", "2023-05-02", "2023-05-02")]),
    # ratifying and entering into force are two steps, two happenings, though of one type
    ("2019年3月4日、チリとペルーは協定を批准し、協定は同日発効した。",
     [("SIGN_AGREEMENT", "asserted", "CHL;PER", "2019-03-04", "2019-03-04"),
      ("SIGN_AGREEMENT", "asserted", "CHL;PER", "2019-03-04", "2019-03-04")]),
    # the act named as what brought about a passive predicate happened (the veto was cast)
    ("2019年9月19日、決議案はロシアの拒否権によって否決された。",
     [("VETO_REJECT", "asserted", "RUS;UNSC", "2019-09-19", "2019-09-19")]),
    # the state after 駐 is the ambassador's post, not a side
    ("2023年4月1日\u3000トルコの駐英大使が、経済協力は順調だと発言",
     [("STATEMENT", "asserted", "TUR", "2023-04-01", "2023-04-01")]),
    # in prose a bare light-verb noun stays a noun
    ("2023年6月1日、英国の拒否権の扱いが議論された。", []),
]


# Security vocabulary beyond the essays (issue 17): armed clashes, killings, coast-guard
# harassment, ceasefires, ratification bills — each checked on the dev corpus as a whole
VOCABULARY = [
    # a saying whose content condemns an act of a named doer criticises it (§6.9); with no doer
    # named it stays a statement
    ("2024年5月14日、日本の外相は、ロシアによる一方的な現状変更は断じて認められない旨述べた。",
     [("CRITICIZE", "asserted", "JPN;RUS", "2024-05-14", "2024-05-14")]),
    ("2024年5月14日、日本の外相は、そのような行為は許されないと述べた。",
     [("STATEMENT", "asserted", "JPN", "2024-05-14", "2024-05-14")]),
    # the subject of a verb that takes a meeting as its goal (`首脳会議に出席した`) takes part in it
    ("2024年6月14日、インドのモディ首相はG7首脳会議に出席した。", [("MEET", "asserted", "G7;IND", "2024-06-14", "2024-06-14")]),
    # a state after 親/反 inside a name of a group is its alignment, not a side (as 駐 names a post)
    ("2024年6月1日、親イラン武装組織フーシ派は紅海で商船を攻撃した。", [("ATTACK", "asserted", "HOUTHI", "2024-06-01", "2024-06-01")]),
    # presenting a proposal (`…案を示した`) is a statement, as presenting a position is
    ("2024年5月2日、欧州連合（EU）は停戦の仲介案を示した。", [("STATEMENT", "asserted", "EU", "2024-05-02", "2024-05-02")]),
    # a summit's leaders' statement is issued jointly (mode joint_statement)
    ("2024年4月14日、G7は首脳声明を発表した。", [("SIGN_AGREEMENT", "asserted", "G7", "2024-04-14", "2024-04-14")]),
    # general security vocabulary: summons, expulsions, raids, ceasefire and armistice
    ("2024年5月8日、韓国外務省は日本の大使を呼び出して抗議した。", [("CRITICIZE", "asserted", "JPN;KOR", "2024-05-08", "2024-05-08")]),
    # what the object is said to consist of (`精鋭部隊など数百人を`) names what is sent
    ("2023年2月1日、イラン軍は精鋭部隊など数百人をシリアに派遣した。",
     [("DEPLOY_TROOPS", "asserted", "IRN;SYR", "2023-02-01", "2023-02-01")]),
    ("2023年2月1日、米国は職員ら数十人をフィリピンに派遣した。", []),
    # the same act named again in the sentence takes the object it was named with
    ("ロシアは2022年10月5日に弾道ミサイルを発射し、翌6日にも発射した。",
     [("SHOW_OF_FORCE", "asserted", "RUS", "2022-10-05", "2022-10-05"), ("SHOW_OF_FORCE", "asserted", "RUS", "2022-10-06", "2022-10-06")]),
    # an organisation's summit: its name written before the trigger, also with a bracketed gloss
    ("2022年11月15日、バリでG20首脳会議が開かれた。", [("MEET", "asserted", "G20", "2022-11-15", "2022-11-15")]),
    ("2023年9月5日、ジャカルタで東南アジア諸国連合（ASEAN）首脳会議が開かれた。",
     [("MEET", "asserted", "ASEAN", "2023-09-05", "2023-09-05")]),
    # a launch aimed at another state is an attack; one at a sea stays a show of force
    ("2022年3月20日、フーシ派はサウジアラビアに向けて弾道ミサイルを発射した。",
     [("ATTACK", "asserted", "HOUTHI;SAU", "2022-03-20", "2022-03-20")]),
    ("2023年8月24日、北朝鮮は黄海に向けて弾道ミサイルを発射した。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2023-08-24", "2023-08-24")]),
    # words or views exchanged are a meeting, however short; documents exchanged a signing
    ("2023年8月、インドとブラジルの首脳は言葉を交わした。", [("MEET", "asserted", "BRA;IND", "2023-08-01", "2023-08-31")]),
    # joint activities of navies (maritime cooperative activity, joint cruise)
    ("2024年6月16日、日本とカナダは南シナ海で海上協同活動を実施した。",
     [("MIL_COOPERATION", "asserted", "CAN;JPN", "2024-06-16", "2024-06-16")]),
    ("2023年8月24日、米国とフィリピンの艦艇が共同巡航を行った。",
     [("MIL_COOPERATION", "asserted", "PHL;USA", "2023-08-24", "2023-08-24")]),
    ("2023年4月5日、ロシアは日本の外交官を国外追放した。", [("BREAK_RELATIONS", "asserted", "JPN;RUS", "2023-04-05", "2023-04-05")]),
    ("2024年3月1日、イスラエル軍はガザ地区の病院を急襲した。", [("ATTACK", "asserted", "ISR;PSE", "2024-03-01", "2024-03-01")]),
    ("2025年1月15日、イスラエルとハマスは停戦合意に達した。",
     [("AGREE_COOPERATE", "asserted", "HAMAS;ISR", "2025-01-15", "2025-01-15")]),
    ("1953年7月27日、国連軍と北朝鮮は休戦協定に署名した。", [("SIGN_AGREEMENT", "asserted", "PRK;UNC", "1953-07-27", "1953-07-27")]),
    ("2024年3月28日、日本の外相はロシアの決定に遺憾の意を表明した。",
     [("CRITICIZE", "asserted", "JPN;RUS", "2024-03-28", "2024-03-28")]),
    # condolence messages are STATEMENT rows, actor2 the state addressed (guideline §6.9)
    ("2024年1月2日、米国の大統領は日本に弔意を表した。", [("STATEMENT", "asserted", "JPN;USA", "2024-01-02", "2024-01-02")]),
    ("2023年3月21日、日本の首相は犠牲者に哀悼の意を表した。", [("STATEMENT", "asserted", "JPN", "2023-03-21", "2023-03-21")]),
    # acts without a type of their own (guideline §6.9): force against vessels, court acts, a term on a body
    ("2023年8月5日、中国海警局はフィリピンの補給船に放水銃を使用した。",
     [("ATTACK", "asserted", "CHN;PHL", "2023-08-05", "2023-08-05")]),
    ("2024年6月17日、中国海警局の隊員がフィリピン軍のボートに乗り込んだ。",
     [("ATTACK", "asserted", "CHN;PHL", "2024-06-17", "2024-06-17")]),
    ("2024年1月26日、国際司法裁判所はイスラエルにジェノサイド防止の措置を命じた。",
     [("CRITICIZE", "asserted", "ICJ;ISR", "2024-01-26", "2024-01-26")]),
    ("2023年12月29日、南アフリカはイスラエルを国際司法裁判所に提訴した。",
     [("CRITICIZE", "asserted", "ICJ;ISR;ZAF", "2023-12-29", "2023-12-29")]),
    ("日本は2023年1月から安保理の非常任理事国を務めた。", [("JOIN_ORG", "asserted", "JPN;UNSC", "2023-01-01", "2023-01-31")]),
    # general vocabulary added in issue 17 (each checked on the dev corpus as a whole)
    ("2024年10月21日、インドと中国は国境の巡回に関する取り決めに達した。",
     [("AGREE_COOPERATE", "asserted", "CHN;IND", "2024-10-21", "2024-10-21")]),
    ("2021年2月、中国は衝突での兵士4人の死亡を認めた。", [("STATEMENT", "asserted", "CHN", "2021-02-01", "2021-02-28")]),
    ("2024年12月4日、ロシアと北朝鮮は批准書を交換した。",
     [("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2024-12-04", "2024-12-04")]),
    ("2024年3月1日、イスラエルの外相はSNSに「停戦はしない」と投稿した。",
     [("STATEMENT", "asserted", "ISR", "2024-03-01", "2024-03-01")]),
    ("2024年10月23日、米国の国防長官は北朝鮮兵がロシアにいると言明した。",
     [("STATEMENT", "asserted", "USA", "2024-10-23", "2024-10-23")]),
    ("2024年1月2日、韓国の大統領は日本に見舞いのメッセージを寄せた。",
     [("STATEMENT", "asserted", "JPN;KOR", "2024-01-02", "2024-01-02")]),
    ("2024年5月20日、ICCの検察官はイスラエルの首相の逮捕状を請求した。",
     [("CRITICIZE", "asserted", "ICC;ISR", "2024-05-20", "2024-05-20")]),
    ("2024年11月21日、ICCはイスラエルの首相の逮捕状を発付した。",
     [("CRITICIZE", "asserted", "ICC;ISR", "2024-11-21", "2024-11-21")]),
    ("2023年7月27日、ロシアの国防相は平壌で軍事パレードを参観した。",
     [("VISIT", "asserted", "PRK;RUS", "2023-07-27", "2023-07-27")]),
    ("2025年6月23日、イランはカタールの米軍基地にミサイルを撃ち込んだ。",
     [("ATTACK", "asserted", "IRN;USA", "2025-06-23", "2025-06-23")]),
    ("2024年8月3日、ミャンマー国軍の拠点ラショーが陥落した。", [("ATTACK", "asserted", "MMR", "2024-08-03", "2024-08-03")]),
    ("2023年10月9日、イスラエルはガザ地区を封鎖した。", [("ATTACK", "asserted", "ISR;PSE", "2023-10-09", "2023-10-09")]),
    ("2023年10月27日、ミャンマーの武装勢力は国軍に対する作戦を開始した。",
     [("ATTACK", "asserted", "MMR", "2023-10-27", "2023-10-27")]),
    ("2024年10月、北朝鮮は特殊部隊をロシア極東に移送した。",
     [("DEPLOY_TROOPS", "asserted", "PRK", "2024-10-01", "2024-10-31")]),
    ("2022年5月3日、ロシア軍はウクライナ東部で民間人を殺害した。",
     [("ATTACK", "asserted", "RUS", "2022-05-03", "2022-05-03")]),
    ("2023年9月8日、中国海警局の船がフィリピンの補給船の進路妨害を行った。",
     [("THREATEN", "asserted", "CHN;PHL", "2023-09-08", "2023-09-08")]),
    ("2021年4月2日、アルメニアとアゼルバイジャンの両軍が国境で衝突した。",
     [("ATTACK", "asserted", "ARM;AZE", "2021-04-02", "2021-04-02")]),
    # the ceasefire agreed is one row, not a ceasefire and an agreement
    ("2022年11月4日、エチオピア政府とティグレ人民解放戦線は停戦で合意した。",
     [("AGREE_COOPERATE", "asserted", "ETH;TPLF", "2022-11-04", "2022-11-04")]),
    ("2020年7月9日、韓国の国会は日本との協定の批准案を可決した。",
     [("SIGN_AGREEMENT", "asserted", "JPN;KOR", "2020-07-09", "2020-07-09")]),
    # a bill passed that ratifies nothing is no agreement
    ("2020年7月9日、韓国の国会は予算案を可決した。", []),
]


# An announcement is a STATEMENT row only when what it announces is not itself a row (guideline §6.9)
ANNOUNCEMENTS = [
    ("ノルウェー政府は2023年5月4日、スウェーデンとフィンランドが共同演習を実施したと発表した。",
     [("MIL_COOPERATION", "asserted", "FIN;SWE", "2023-05-04", "2023-05-04")]),
    ("2023年5月4日、トルコ政府は新たな報告書を発表した。",
     [("STATEMENT", "asserted", "TUR", "2023-05-04", "2023-05-04")]),
    ("2023年5月4日、トルコ政府は、国境の警備を強化すると発表した。",
     [("STATEMENT", "asserted", "TUR", "2023-05-04", "2023-05-04")]),
]


# A numbered resolution names the body that adopts it (resources/resolution_bodies.csv): the
# Security Council numbers its resolutions serially, the General Assembly by session/number
RESOLUTIONS = [
    ("2019.5.3\u3000決議2501（ドイツ）\u3000リビアでの停戦を要請\u3000採択\u300013―0―2",
     [("STATEMENT", "asserted", "UNSC", "2019-05-03", "2019-05-03")]),
    ("2019年5月3日\u3000決議2501採択、監視団設置", [("STATEMENT", "asserted", "UNSC", "2019-05-03", "2019-05-03")]),
    ("2019年5月3日、決議68/262が採択された。", [("STATEMENT", "asserted", "UNGA", "2019-05-03", "2019-05-03")]),
    # no number, no body: nothing to code
    ("2019年5月3日、決議が採択された。", []),
]


# A happening named with its own date is a row at its first mention, wherever the noun stands;
# a later mention of it is not (guideline §6.9)
FIRST_DATED_MENTIONS = [
    ("ドイツとフランスの関係は、2017年9月にパリで行われた独仏首脳会談を経て改善した。",
     [("MEET", "asserted", "DEU;FRA", "2017-09-01", "2017-09-30")]),
    ("ドイツとフランスの関係は、2017年9月の独仏首脳会談を経て改善した。",
     [("MEET", "asserted", "DEU;FRA", "2017-09-01", "2017-09-30")]),
    ("2017年9月4日、ドイツとフランスは首脳会談を行った。同月4日の独仏首脳会談を経て、両国の協力は深まった。",
     [("MEET", "asserted", "DEU;FRA", "2017-09-04", "2017-09-04")]),
    # with no date of its own, the named meeting stays a noun
    ("ドイツとフランスの関係は、独仏首脳会談を経て改善した。", []),
]


@pytest.mark.parametrize("text,expected", FIRST_DATED_MENTIONS)
def test_first_dated_mentions(nlp, text, expected):
    found = _events_full(nlp, text)
    assert [(e.event_type, e.modality, e.participants, e.date_start, e.date_end) for e in found] == expected


# Two states declaring together agree (guideline §5.2); two states reporting something do not
JOINT_DECLARATIONS = [
    ("2023年5月4日、スペインとポルトガルは戦略的パートナーシップを宣言した。",
     [("AGREE_COOPERATE", "asserted", "ESP;PRT", "2023-05-04", "2023-05-04")]),
    ("2023年5月4日、スペインとポルトガルは新たな統計を発表した。",
     [("STATEMENT", "asserted", "ESP;PRT", "2023-05-04", "2023-05-04")]),
]


# the composed tables above whose rows are one sentence each: exactly these rows, no others
# support verbs whose object is the act they perform, repeat or resume; a table row's cells
# (a space ends the clause); `等` after an act; a counted or named object of a launch
# the date of a clause (guideline §6.9): a relative clause dates the noun it modifies, and through
# it an act in that setting; a date inside what the act is about dates only that
CLAUSE_DATES = [
    # a date in brackets restates one outside them; one outside dates no act inside them
    ("2024年1月15日未明、英軍がイエメンの拠点を空爆した（米東部時間14日夜）。",
     [("ATTACK", "asserted", "GBR;YEM", "2024-01-15", "2024-01-15")]),
    ("ロシアは2024年6月19日に条約に署名した（2024年12月4日発効）。",
     [("SIGN_AGREEMENT", "asserted", "RUS", "2024-06-19", "2024-06-19"),
      ("SIGN_AGREEMENT", "asserted", "RUS", "2024-12-04", "2024-12-04")]),
    # a date set off by a comma is the time of the sentence, not of the relative clause after it
    ("インドの首相は2023年9月10日、ニューデリーで開かれた首脳会議に合わせてカナダの首相と会談した。",
     [("MEET", "asserted", "CAN;IND", "2023-09-10", "2023-09-10")]),
    # a verbal noun inside an agreement's name (`協力円滑化協定`) modifies it, whatever its parse
    ("エストニアとフィンランドは2022年4月3日、海上協力円滑化協定に署名した。",
     [("SIGN_AGREEMENT", "asserted", "EST;FIN", "2022-04-03", "2022-04-03")]),
    # a decree's date (`…日付の政令で`) is its act's; a newspaper's (`…日付『新聞』`) is only its report's
    ("北朝鮮の金委員長は2024年11月11日付の政令で条約を批准した。", [("SIGN_AGREEMENT", "asserted", "PRK", "2024-11-11", "2024-11-11")]),
    ("2024年6月19日に平壌で行われた首脳会談で、ロシアと北朝鮮は条約に署名した。",
     [("MEET", "asserted", "PRK;RUS", "2024-06-19", "2024-06-19"),
      ("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2024-06-19", "2024-06-19")]),
    ("日本は、2016年7月12日に示された判断が最終的なものであることを改めて確認した。",
     [("AGREE_COOPERATE", "asserted", "JPN", "", "")]),
    ("日本は、北朝鮮が5月2日に発射したミサイルについて、韓国と協議した。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-05-02", "2024-05-02"), ("MEET", "asserted", "JPN;KOR", "", "")]),
    ("2023年9月13日、ロシアと北朝鮮が会談し、共同声明を発表した。",
     [("MEET", "asserted", "PRK;RUS", "2023-09-13", "2023-09-13"),
      ("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2023-09-13", "2023-09-13")]),
]


# a predicate listing several dates of its own clause states one act per date (guideline §5.2)
COORDINATED_DATES = [
    # a date the act is counted from (`…の後`) is not a second date of the act
    ("2024年5月25日の核実験の後、同年6月12日に安保理は決議を採択した。",
     [("STATEMENT", "asserted", "UNSC", "2024-06-12", "2024-06-12")]),
    ("ロシアでは下院が2024年6月24日、上院が7月6日に条約の批准法案を可決した。",
     [("SIGN_AGREEMENT", "asserted", "RUS", "2024-06-24", "2024-06-24"),
      ("SIGN_AGREEMENT", "asserted", "RUS", "2023-07-06", "2023-07-06")]),
    ("中国海警局は2023年12月10日、翌24年3月5日、同月23日にも進路妨害を繰り返した。",
     [("THREATEN", "asserted", "CHN", "2023-12-10", "2023-12-10"), ("THREATEN", "asserted", "CHN", "2024-03-05", "2024-03-05"),
      ("THREATEN", "asserted", "CHN", "2024-03-23", "2024-03-23")]),
    # a date attributive to another noun (`2015年の核合意`) dates only that noun: one act, at the
    # clause's own date
    ("米国は2018年、イランとの2015年の核合意から離脱した。", [("BREAK_RELATIONS", "asserted", "IRN;USA", "2018-01-01", "2018-12-31")]),
    # one date and the month it lies in are one act
    ("2024年6月、ロシアは19日に北朝鮮と会談した。", [("MEET", "asserted", "PRK;RUS", "2024-06-19", "2024-06-19")]),
]


SUPPORT_VERBS = [
    # a readout's `Xから、…旨述べた`: X is the speaker of the saying, not a side of the act it tells
    ("2024年5月14日、日本側から、北朝鮮が弾道ミサイルを発射したことを強く非難しました。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-05-14", "2024-05-14"),
      ("CRITICIZE", "asserted", "JPN;PRK", "2024-05-14", "2024-05-14")]),
    ("2025年4月、米国とイランは高官協議を重ねた。", [("MEET", "asserted", "IRN;USA", "2025-04-01", "2025-04-30")]),
    ("2023年12月10日、中国海警局の船はフィリピンの補給船への進路妨害を繰り返した。",
     [("THREATEN", "asserted", "CHN;PHL", "2023-12-10", "2023-12-10")]),
    ("2024年3月18日、日本の外相は安保理の会合を主宰した。", [("MEET", "asserted", "JPN;UNSC", "2024-03-18", "2024-03-18")]),
    ("2024年5月21日、G7の首脳は共同声明を発出した。", [("SIGN_AGREEMENT", "asserted", "G7", "2024-05-21", "2024-05-21")]),
    ("2018年11月、米国はイランに対する制裁を再開した。",
     [("IMPOSE_SANCTIONS", "asserted", "IRN;USA", "2018-11-01", "2018-11-30")]),
    ("2023年3月20日、日本の首相はインドの首相との首脳会談等を行った。",
     [("MEET", "asserted", "IND;JPN", "2023-03-20", "2023-03-20")]),
    ("2023年10月18日、決議案が米国の拒否権行使により否決されました。",
     [("VETO_REJECT", "asserted", "UNSC;USA", "2023-10-18", "2023-10-18")]),
    ("2024年1月14日、北朝鮮が弾道ミサイル1発を東方向に発射した。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-01-14", "2024-01-14")]),
    ("2024年10月31日には新型の固体燃料式ICBM「火星19」を北朝鮮が発射した。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-10-31", "2024-10-31")]),
]


# acts listed with や share the predicate of the last one (`放水や…進路妨害を繰り返した`)
COORDINATED_ACTS = [
    # ... and its clause's dates, one row per date for each act
    ("中国海警局は2023年12月10日と翌24年3月5日にも放水や危険な進路妨害を繰り返した。",
     [("ATTACK", "asserted", "CHN", "2023-12-10", "2023-12-10"), ("ATTACK", "asserted", "CHN", "2024-03-05", "2024-03-05"),
      ("THREATEN", "asserted", "CHN", "2023-12-10", "2023-12-10"), ("THREATEN", "asserted", "CHN", "2024-03-05", "2024-03-05")]),
    ("北朝鮮は2024年5月2日、弾道ミサイルの発射や砲撃を行った。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-05-02", "2024-05-02"), ("ATTACK", "asserted", "PRK", "2024-05-02", "2024-05-02")]),
    ("中国海警局は2023年12月10日にも放水や危険な進路妨害を繰り返した。",
     [("ATTACK", "asserted", "CHN", "2023-12-10", "2023-12-10"), ("THREATEN", "asserted", "CHN", "2023-12-10", "2023-12-10")]),
]


EXACT_TABLES = {"coordinated_acts": COORDINATED_ACTS, "telegraphic": TELEGRAPHIC, "vocabulary": VOCABULARY, "announcements": ANNOUNCEMENTS,
                "resolutions": RESOLUTIONS, "joint_declarations": JOINT_DECLARATIONS,
                "support_verbs": SUPPORT_VERBS, "coordinated_dates": COORDINATED_DATES,
                "clause_dates": CLAUSE_DATES}


@pytest.mark.parametrize("text,expected", [pytest.param(text, expected, id=f"{table}-{k}")
                                           for table, rows in EXACT_TABLES.items()
                                           for k, (text, expected) in enumerate(rows)])
def test_exact_rows(nlp, text, expected):
    assert events(nlp, text) == expected


# Trigger matches that make no row, each with the id of the rule that decided it (the rows of
# events_rejected.csv): (text, expected rows, expected (trigger, reason) rejections)
REJECTIONS = [
    # announcing a stance that is itself a row (`…を非難する立場を表明`) is no second row
    ("2024年4月14日、日本政府は北朝鮮を強く非難する立場を表明した。",
     [("CRITICIZE", "asserted", "JPN;PRK", "2024-04-14", "2024-04-14")], [("表明", "filter:announcement_of_row")]),
    # an argument marked も makes the act one more besides the one told before: two rows; without
    # it, the two triggers tell one happening (§5.2)
    ("2024年2月3日、米軍はイエメンの港を空爆し、首都サヌアにも打撃を加えた。",
     [("ATTACK", "asserted", "USA;YEM", "2024-02-03", "2024-02-03")] * 2, []),
    ("2024年2月3日、米軍はイエメンの港を空爆し、首都サヌアに打撃を加えた。",
     [("ATTACK", "asserted", "USA;YEM", "2024-02-03", "2024-02-03")], [("打撃を加え", "filter:same_happening")]),
    # an announcement is not a row when what it announces is one, within its own clause: in a
    # chronology row, the announcing cell's
    ("2023年10月7日　ハマスがイスラエルを奇襲　イスラエルの首相は「戦争状態にある」と表明",
     [("ATTACK", "asserted", "HAMAS;ISR", "2023-10-07", "2023-10-07"), ("STATEMENT", "asserted", "ISR", "2023-10-07", "2023-10-07")], []),
    ("2023年10月7日、イスラエルの首相は、ハマスがイスラエルを奇襲したと表明した。",
     [("ATTACK", "asserted", "HAMAS;ISR", "2023-10-07", "2023-10-07")], [("表明", "filter:announcement_of_row")]),
    # a resolution row: what the resolution condemns is its content, no row (§6.9); the adoption is
    # the body's (the resolution's number names it)
    ("2023.6.1　決議2700（フランス）　ロシアによる攻撃を非難　採択　13―0―2",
     [("STATEMENT", "asserted", "UNSC", "2023-06-01", "2023-06-01")],
     [("攻撃", "filter:resolution_content"), ("非難", "filter:resolution_content")]),
    # the place one is visiting (`訪問先のローマで`) states the visit, by the subject of the predicate
    # it is the setting of (actor1:place_visitor); with no place named it states none
    ("米国の国防長官は2024年10月23日、訪問先のローマで記者団に述べた。",
     [("VISIT", "asserted", "ITA;USA", "2024-10-23", "2024-10-23"), ("STATEMENT", "asserted", "USA", "2024-10-23", "2024-10-23")], []),
    ("2024年5月1日、首相の訪問先はまだ決まっていない。", [], [("訪問先", "filter:no_place_named")]),
    # the subject of a て-clause is the next predicate's too; the act told again with more sides
    # stands for the earlier row of the same happening (§5.2)
    ("2024年3月28日、安保理で決議案が採決され、ロシアが反対して拒否権を行使し、中国は棄権した。",
     [("VETO_REJECT", "asserted", "RUS;UNSC", "2024-03-28", "2024-03-28")], [("反対", "filter:same_happening")]),
    # a measure declared at home is a domestic decision with no foreign actor: no row (§5.2)
    ("2025年3月28日、タイの首相はバンコクに非常事態を宣言しました。", [], [("宣言", "filter:domestic_measure")]),
    ("2024年5月1日、北朝鮮は戦争状態を宣言した。", [("STATEMENT", "asserted", "PRK", "2024-05-01", "2024-05-01")], []),
    # an act nominalised as the topic of a count (`…のは3年ぶり`) characterises the happening just
    # told: no second row (§5.2); told first that way, it is the row
    ("2024年6月30日、日本と韓国の外相はソウルで会談した。両外相が会談するのは3年ぶりだ。",
     [("MEET", "asserted", "JPN;KOR", "2024-06-30", "2024-06-30")], [("会談", "filter:restated_as_first")]),
    ("2024年6月30日、日本と韓国の外相が会談するのは3年ぶりだ。",
     [("MEET", "asserted", "JPN;KOR", "2024-06-30", "2024-06-30")], []),
    # pointing out (指摘) or claiming (主張) a happening that is itself a row is no STATEMENT (§6.9)
    ("2024年1月4日、米国の調整官は、ロシア軍が北朝鮮製のミサイルでウクライナを攻撃したと指摘した。",
     [("ATTACK", "asserted", "RUS;UKR", "2024-01-04", "2024-01-04")], [("指摘", "filter:announcement_of_row")]),
    # a numbered section heading names what follows, it states nothing
    ("2　首脳会談", [], [("首脳会談", "filter:heading")]),
    # a photo caption restates the story (guideline §6.2)
    ("会談するエジプトとトルコの外相＝2024年5月5日、カイロ（ロイター＝共同）", [], [("会談", "filter:caption")]),
    ("2025年8月28日、英仏独は核合意を承認した安保理決議2231に基づき、手続きを開始した。", [],
     [("合意", "filter:object_of_predicate"), ("承認", "filter:document_content")]),
    # a statement named as the medium of another saying: what is said there is the act
    ("2024年10月31日、日本の官房長官は記者会見で北朝鮮を非難した。",
     [("CRITICIZE", "asserted", "JPN;PRK", "2024-10-31", "2024-10-31")], [("記者会見", "filter:medium_of_saying")]),
    # one state's own statement, visit or meeting amid a natural disaster is its domestic response
    # (guideline §6.8); a second state party to it, or a group that is no state, keeps the row
    ("2024年9月21日、台風の接近を受け、フィリピン気象庁は警報を発表した。", [], [("発表", "filter:disaster_response")]),
    ("2024年9月22日、インドネシアの大統領は洪水の被災地を視察した。", [], [("視察", "filter:disaster_response")]),
    ("2024年9月22日、韓国の大統領は洪水の被害を受けたタイに見舞いの声明を発表した。",
     [("STATEMENT", "asserted", "KOR;THA", "2024-09-22", "2024-09-22")], [("発表", "filter:issued_document_again")]),
    ("2024年9月22日、ハマスは地震の被災地での戦闘を停止すると発表した。",
     [("STATEMENT", "asserted", "HAMAS", "2024-09-22", "2024-09-22")],
     [("戦闘", "filter:object_of_predicate"), ("停止", "filter:object_missing")]),
    # a saying named as the topic or subject of another predicate is talked about, not stated
    # (§3.1); a predicate telling that it was voiced or made states it
    ("2024年5月2日、日本の外相はインドの外相と会談したが、両国の発表は内容が異なっていた。",
     [("MEET", "asserted", "IND;JPN", "2024-05-02", "2024-05-02")], [("発表", "filter:topic_of_predicate")]),
    ("2024年5月2日、北朝鮮に対する日本と韓国の非難が相次いだ。",
     [("CRITICIZE", "asserted", "JPN;KOR;PRK", "2024-05-02", "2024-05-02")], []),
    ("2024年5月2日、ロシアによる共同訓練の提案がなされた。",
     [("STATEMENT", "asserted", "RUS", "2024-05-02", "2024-05-02")], [("共同訓練", "filter:noun_phrase_about_act")]),
    ("2024年5月2日、ロシアによる共同訓練の提案は北朝鮮を驚かせた。", [],
     [("共同訓練", "filter:noun_phrase_about_act"), ("提案", "filter:topic_of_predicate")]),
    # the act named with a plan or readiness for it (`支援の用意`, `訪問の予定`) is stated, planned;
    # announcing it is no second row (§3.4, §6.9: a pledge of aid is PROVIDE_AID planned)
    ("2024年1月2日、米国の大統領は声明で日本への支援の用意を表明した。",
     [("PROVIDE_AID", "planned", "JPN;USA", "2024-01-02", "2024-01-02")],
     [("声明", "filter:cited_document"), ("表明", "filter:announcement_of_row")]),
    ("2024年1月2日、日本の首相は米国訪問の予定を発表した。",
     [("VISIT", "planned", "JPN;USA", "2024-01-02", "2024-01-02")], [("発表", "filter:announcement_of_row")]),
    ("2024年1月2日、日本の首相は米国を訪問する考えを示した。",
     [("VISIT", "planned", "JPN;USA", "2024-01-02", "2024-01-02"), ("STATEMENT", "asserted", "JPN", "2024-01-02", "2024-01-02")], []),
    ("2024年1月2日、米国の大統領は日本への支援の効果を強調した。",
     [("STATEMENT", "asserted", "JPN;USA", "2024-01-02", "2024-01-02")], [("支援", "filter:noun_phrase_about_act")]),
    # in the passive, the body an act was done in did it (`決議が安保理で採択された`); a place stays a place
    ("2024年3月25日、人道支援の拡大を求める決議が安保理で採択された。",
     [("STATEMENT", "asserted", "UNSC", "2024-03-25", "2024-03-25")],
     [("人道支援", "filter:noun_phrase_about_act"), ("求める", "filter:modifies_noun")]),
    ("2024年3月25日、北朝鮮の代表はニューヨークで批判された。",
     [("CRITICIZE", "asserted", "PRK", "2024-03-25", "2024-03-25")], []),
    # an act in the よう-complement of a request is asked for, not done: no row (§5.2)
    ("2024年3月22日、日本は北朝鮮に対し、ミサイル発射を行わないよう求めた。",
     [("STATEMENT", "asserted", "JPN", "2024-03-22", "2024-03-22")], [("ミサイル発射", "filter:requested")]),
    ("2024年3月22日、国連はイスラエルとハマスに停戦に合意するよう呼びかけた。",
     [("STATEMENT", "asserted", "UN", "2024-03-22", "2024-03-22")],
     [("停戦", "filter:requested"), ("合意", "filter:requested")]),
    ("2024年3月22日、北朝鮮がミサイルを発射したように、ロシアも発射した。",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2024-03-22", "2024-03-22"),
      ("SHOW_OF_FORCE", "asserted", "RUS", "2024-03-22", "2024-03-22")], []),
    # a noun with 自身 and no particle is the subject (`…自身、…批判した`)
    ("中国の外相自身、2024年5月3日に米国を批判した。", [("CRITICIZE", "asserted", "CHN;USA", "2024-05-03", "2024-05-03")], []),
    # a state recalls its envoy from the state of the post (`駐英`, `英仏に駐在する`); with no post
    # named the recall has one side
    ("イランは2024年5月1日、英仏独に駐在する自国の大使を召還した。",
     [("BREAK_RELATIONS", "asserted", "DEU;FRA;GBR;IRN", "2024-05-01", "2024-05-01")], []),
    ("ロシアは2024年5月1日、駐英大使を召還した。", [("BREAK_RELATIONS", "asserted", "GBR;RUS", "2024-05-01", "2024-05-01")], []),
    ("ロシアは2024年5月1日、英国を非難し、大使を召還した。",
     [("CRITICIZE", "asserted", "GBR;RUS", "2024-05-01", "2024-05-01"),
      ("BREAK_RELATIONS", "asserted", "RUS", "2024-05-01", "2024-05-01")], []),
    # a verbal noun that is the subject of another act's predicate is named by that act, the row;
    # the subject of a predicate that is no act is stated (`侵攻が始まった`)
    ("2024年11月27日、イスラエルとヒズボラの停戦が発効した。",
     [("SIGN_AGREEMENT", "asserted", "HEZBOLLAH;ISR", "2024-11-27", "2024-11-27")], [("停戦", "filter:subject_of_act")]),
    ("2022年2月24日、ロシアのウクライナ侵攻が始まった。", [("ATTACK", "asserted", "RUS;UKR", "2022-02-24", "2022-02-24")], []),
    # a short quoted term used as a noun (`「完全封鎖」を開始`, `「2プラス2」を開いた`) is a name in
    # quotation marks, not speech; a quoted clause before と is what was said
    ("2023年10月9日、イスラエル軍はガザの「完全封鎖」を開始した。", [("ATTACK", "asserted", "ISR", "2023-10-09", "2023-10-09")], []),
    ("2024年7月8日、日本とフィリピンは「2プラス2」を開いた。", [("MEET", "asserted", "JPN;PHL", "2024-07-08", "2024-07-08")], []),
    ("2024年7月8日、イスラエルの首相は「停戦はしない」と述べた。",
     [("STATEMENT", "asserted", "ISR", "2024-07-08", "2024-07-08")], [("停戦", "filter:in_quote")]),
    # names listed with 、 before an argument are its sides (`ロシア、中国が拒否権`); in a telegraphic
    # row the subject of the next clause (`中国、インド、ブラジルは棄権`) is not this act's
    ("2024.3.22　即時停戦を求める決議案（米国）　否決　11―3―1　ロシア、中国が拒否権",
     [("VETO_REJECT", "asserted", "CHN;RUS;UNSC", "2024-03-22", "2024-03-22")],
     [("停戦", "filter:object_of_predicate"), ("求める", "filter:modifies_noun")]),
    ("2022.9.30　ウクライナ4州の併合を非難する決議案（米国、アルバニア）　否決　10―1―4　ロシアが拒否権、中国、インド、ブラジルは棄権",
     [("VETO_REJECT", "asserted", "RUS;UNSC", "2022-09-30", "2022-09-30")],
     [("併合", "filter:object_of_predicate"), ("非難", "filter:document_content")]),
    # the owner of a facility acted on is the side, the state it stands in only where it is; a
    # facility with no owner named is the state's own
    ("2024年2月3日、米軍はシリア東部のヒズボラの拠点を空爆した。", [("ATTACK", "asserted", "HEZBOLLAH;USA", "2024-02-03", "2024-02-03")], []),
    ("2024年4月1日、イスラエル軍はシリアの首都ダマスカスのイラン大使館を空爆した。",
     [("ATTACK", "asserted", "IRN;ISR", "2024-04-01", "2024-04-01")], []),
    ("2024年4月1日、イスラエル軍はシリアの空軍基地を空爆した。", [("ATTACK", "asserted", "ISR;SYR", "2024-04-01", "2024-04-01")], []),
    # a meeting of one state's own bodies meets no one: no row (§6.8: domestic acts)
    ("2024年4月26日、日本銀行は金融政策決定会合を開いた。", [], [("会合", "filter:one_state_meeting")]),
    ("2024年4月26日、日本の首相は会談を行った。", [("MEET", "asserted", "JPN", "2024-04-26", "2024-04-26")], []),
    # an organisation's own summit has no partner to share with the act coordinated before it: a
    # row of its own, not the bilateral meeting again
    ("日本と韓国の首脳は2023年9月に会談し、同月に開かれたG20首脳会議にも出席した。",
     [("MEET", "asserted", "JPN;KOR", "2023-09-01", "2023-09-30"), ("MEET", "asserted", "G20", "2023-09-01", "2023-09-30")], []),
    # a meeting named as the occasion of another act is its time anchor; a clause saying it took
    # place states it (§5.2, §6.9)
    ("日本と米国の首脳は2024年11月15日、APEC首脳会議に合わせてリマで会談した。",
     [("MEET", "asserted", "JPN;USA", "2024-11-15", "2024-11-15")], [("首脳会議", "filter:occasion")]),
    ("日本と米国の首脳は2024年11月15日、リマで開かれたAPEC首脳会議に合わせて会談した。",
     [("MEET", "asserted", "APEC", "2024-11-15", "2024-11-15"), ("MEET", "asserted", "JPN;USA", "2024-11-15", "2024-11-15")], []),
    # confirming an act (an agreement made before) tells of that act; a joint position confirmed
    # is an AGREE_COOPERATE row (guideline §3.3: 確認 of a joint position)
    ("2024年10月22日、中国外務省の報道官は合意を確認した。", [],
     [("合意", "filter:object_of_predicate"), ("確認", "filter:confirmed_act")]),
    ("2024年10月22日、日本と韓国は協力の強化を確認した。",
     [("AGREE_COOPERATE", "asserted", "JPN;KOR", "2024-10-22", "2024-10-22")], [("協力", "filter:noun_phrase_about_act")]),
    # a retaliation carried out is an attack; threatened, it is the object of the warning
    ("2025年6月13日、イランはイスラエルへの報復に踏み切った。", [("ATTACK", "asserted", "IRN;ISR", "2025-06-13", "2025-06-13")], []),
    ("2025年6月13日、イランはイスラエルに報復を警告した。",
     [("THREATEN", "asserted", "IRN;ISR", "2025-06-13", "2025-06-13")], [("報復", "filter:object_of_predicate")]),
    # an announcement is no row when what it announces is one (§6.9), unless the row stands before
    # the announcement's own date, a clause of its own (a later act)
    ("2023年4月13日　北朝鮮が新型の弾道ミサイルを発射、翌14日に「火星18」と発表",
     [("SHOW_OF_FORCE", "asserted", "PRK", "2023-04-13", "2023-04-13"), ("STATEMENT", "asserted", "PRK", "2023-04-14", "2023-04-14")], []),
    ("2024年1月4日、米国はロシアが北朝鮮製のミサイルでウクライナを攻撃したと発表した。",
     [("ATTACK", "asserted", "RUS;UKR", "2024-01-04", "2024-01-04")], [("発表", "filter:announcement_of_row")]),
    # a vote in favour is no row, the veto is (guideline §6.8)
    ("2024年3月28日、安保理で決議案が採決に付され、13か国が賛成したが、ロシアが拒否権を行使した。",
     [("VETO_REJECT", "asserted", "RUS;UNSC", "2024-03-28", "2024-03-28")], []),
    # a trip inside one's own state is no visit (SPEC §3: 視察 abroad)
    ("2024年1月14日、日本の首相は輪島市を訪れた。", [], [("訪れ", "roles:domestic_visit")]),
    # what a treaty provides is its content; a cell boundary ends the signing's clause (its modality)
    ("2024年6月19日　ロシアと北朝鮮が条約に署名　一方が侵攻を受けた場合、軍事援助を提供すると規定",
     [("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2024-06-19", "2024-06-19"),
      ("ATTACK", "hypothetical", "RUS", "2024-06-19", "2024-06-19")],
     [("軍事援助", "filter:object_of_predicate"), ("提供", "filter:provision")]),
    # what a resolution says is its content (guideline §6.8); its adoption or the veto is the act
    ("2023年10月25日、イスラエルの自衛権に言及した決議案をロシアが拒否権を行使して否決した。",
     [("VETO_REJECT", "asserted", "RUS;UNSC", "2023-10-25", "2023-10-25")], [("言及", "filter:document_content")]),
    ("2024年3月、日本政府は対ロ制裁の効果を検証した。", [], [("制裁", "filter:noun_phrase_about_act")]),
    ("ロシアへの支援を減らすべきだとの声が上がった。", [], [("支援", "filter:object_of_predicate")]),
    ("この首脳会談では、両首脳が協力を確認した。", [],
     [("首脳会談", "filter:back_reference"), ("協力", "filter:object_of_predicate"), ("確認", "roles:no_actor")]),
    ("2023年9月13日、ロシアと北朝鮮の首脳が会談し、共同声明が発表された。",
     [("MEET", "asserted", "PRK;RUS", "2023-09-13", "2023-09-13"),
      ("SIGN_AGREEMENT", "asserted", "PRK;RUS", "2023-09-13", "2023-09-13")],
     [("発表", "filter:issued_document_again")]),
]


@pytest.mark.parametrize("text,expected,reasons", REJECTIONS)
def test_rejections_name_their_rule(nlp, text, expected, reasons):
    doc = nlp(text)
    rejected = []
    found = find_events(doc, [(0, len(text))], extract_timex(text, DOC_DATE), doc._.actors, load_lexicon(),
                        State(), rejected)
    assert [(e.event_type, e.modality, e.participants, e.date_start, e.date_end) for e in found] == expected
    assert [(r.trigger, r.reason) for r in rejected] == reasons
    assert all(text[r.start:r.end] == r.trigger for r in rejected)


def _events_by_paragraph(nlp, paragraphs: list[str], doc_date: str = "", rejected: list | None = None,
                         fields=("trigger", "event_type", "participants", "date_start", "date_end")):
    """find_events on each paragraph in turn with one State, as extract runs it on a document
    (the State knows the document's date only when `doc_date` is given)."""
    state, rows = State(doc_date=doc_date), []
    for text in paragraphs:
        doc = nlp(text)
        cuts = [i + 1 for i, ch in enumerate(text) if ch == "。"] or [len(text)]
        found = find_events(doc, list(zip([0] + cuts[:-1], cuts)), extract_timex(text, doc_date or DOC_DATE),
                            doc._.actors, load_lexicon(), state, rejected)
        rows += [tuple(getattr(e, f) for f in fields) for e in found]
    return rows


# A cataphoric lead (`…を行ったところ、概要は以下のとおりです`) holds its reference time for the
# numbered items after it, across paragraphs; a date inside an item dates only its own act
READOUT = [
    (["　5月14日、日本の外務大臣はインドネシアの外務大臣と会談を行ったところ、概要は以下のとおりです。",
      "（1）双方は、海洋安全保障での協力を強化していくことで一致しました。",
      "（2）なお、北朝鮮は5月2日に弾道ミサイルを発射しました。",
      "（3）双方は、引き続き緊密に連携していくことを確認しました。",
      "（4）日本側から、海洋安全保障の重要性を強調しました。"],  # a remark in the meeting: content, no row
     [("会談", "MEET", "IDN;JPN", "2024-05-14", "2024-05-14"),
      ("協力", "AGREE_COOPERATE", "IDN;JPN", "2024-05-14", "2024-05-14"),
      ("発射", "SHOW_OF_FORCE", "PRK", "2024-05-02", "2024-05-02"),
      ("確認", "AGREE_COOPERATE", "IDN;JPN", "2024-05-14", "2024-05-14")]),
    # without the lead, a new paragraph carries no date
    (["　5月14日、日本の外務大臣はインドネシアの外務大臣と会談を行いました。",
      "（1）双方は、海洋安全保障での協力を強化していくことで一致しました。"],
     [("会談", "MEET", "IDN;JPN", "2024-05-14", "2024-05-14"),
      ("協力", "AGREE_COOPERATE", "IDN;JPN", "", "")]),
]


# a chronology row stating a two-sided act with no side goes on about the last pair; ratifying
# (exchanging the instruments) and entering into force are two steps, two rows
READOUT.append((["2024年6月19日　ロシアと北朝鮮が条約に署名", "2024年12月4日　批准書を交換し、条約が発効"],
                [("署名", "SIGN_AGREEMENT", "PRK;RUS", "2024-06-19", "2024-06-19"),
                 ("交換", "SIGN_AGREEMENT", "PRK;RUS", "2024-12-04", "2024-12-04"),
                 ("発効", "SIGN_AGREEMENT", "PRK;RUS", "2024-12-04", "2024-12-04")]))


# `両軍` (both armies) refers back to the pair talked about, as `両国` does
READOUT.append((["2020年6月15日、中国とインドが国境で会談した。2022年12月9日には両軍の小競り合いが起きた。"],
                [("会談", "MEET", "CHN;IND", "2020-06-15", "2020-06-15"),
                 ("小競り合い", "ATTACK", "CHN;IND", "2022-12-09", "2022-12-09")]))


# what enters into force is an agreement, not a doer: its sides are the parties of the last
# agreement made (`actor1:agreement_parties`); with none made, no row
READOUT.append((["2023年11月22日、イスラエルとハマスは戦闘休止で合意した。戦闘休止は24日に発効した。"],
                [("合意", "AGREE_COOPERATE", "HAMAS;ISR", "2023-11-22", "2023-11-22"),
                 ("発効", "SIGN_AGREEMENT", "HAMAS;ISR", "2023-11-24", "2023-11-24")]))
READOUT.append((["2023年11月22日、フランスの首相は演説した。協定は24日に発効した。"],
                [("演説", "STATEMENT", "FRA", "2023-11-22", "2023-11-22")]))


# an act noted in brackets after a name is that side's with the sentence's topic, dated by the note
# (`actor2:bracket_owner`); an aside, it does not become the pair that `双方` refers back to
READOUT.append((["2024年5月2日、米国とインドは協定に署名した。米国にとっては、韓国（2019年5月署名）に続く2例目の協定である。"
                 "双方は協力の強化を確認した。"],
                [("署名", "SIGN_AGREEMENT", "IND;USA", "2024-05-02", "2024-05-02"),
                 ("署名", "SIGN_AGREEMENT", "KOR;USA", "2019-05-01", "2019-05-31"),
                 ("確認", "AGREE_COOPERATE", "IND;USA", "", "")]))


# an act criticised with no doer named is the act of its type told last: its doer is the target
# (`actor2:criticised_act`, guideline §5.2)
READOUT.append((["2024年4月14日、イランはイスラエルを攻撃した。英国政府は同日、攻撃を非難した。"],
                [("攻撃", "ATTACK", "IRN;ISR", "2024-04-14", "2024-04-14"),
                 ("非難", "CRITICIZE", "GBR;IRN", "2024-04-14", "2024-04-14")]))


# an undated act done at a setting that holds a dated row of the sentence is of that day
# (`date:setting_event`), also when the parser hangs the setting inside the act's complement
READOUT.append((["2024年5月10日に北京で開かれた中ロ外相会談の共同文書で、両外相は連携を強めることを確認した。"],
                [("共同文書", "SIGN_AGREEMENT", "CHN;RUS", "2024-05-10", "2024-05-10"),
                 ("確認", "AGREE_COOPERATE", "CHN;RUS", "2024-05-10", "2024-05-10")]))


# `両国` after a digression on other states: the pair the text has told most about
READOUT.append((["2024年5月1日、日本とフィリピンは首脳会談を行った。両国は協定に署名した。"
                 "英国、フランス、ドイツ、イタリアの4か国は同日、声明を発表した。両国は防衛協力の強化で一致した。"],
                [("首脳会談", "MEET", "JPN;PHL", "2024-05-01", "2024-05-01"),
                 ("署名", "SIGN_AGREEMENT", "JPN;PHL", "2024-05-01", "2024-05-01"),
                 ("声明", "AGREE_COOPERATE", "DEU;FRA;GBR;ITA", "2024-05-01", "2024-05-01"),
                 ("一致", "AGREE_COOPERATE", "JPN;PHL", "2024-05-01", "2024-05-01")]))


@pytest.mark.parametrize("paragraphs,expected", READOUT)
def test_cataphoric_lead_holds_its_date(nlp, paragraphs, expected):
    assert _events_by_paragraph(nlp, paragraphs) == expected


def test_event_types_are_defined_once(tmp_path):
    """resources/events/types.csv is the one home of the types: the lexicon, gold-check, eval and
    the report colours read it, and a trigger row with another type is an error naming the row."""
    from pipeline import evaluate, gold_check, htmlkit
    from pipeline.event_types import EVENT_TYPES, TYPE_COLORS, types_with
    from pipeline.events import LexiconError

    assert len(EVENT_TYPES) == 17 and set(gold_check.EVENT_TYPES) == set(EVENT_TYPES)
    assert evaluate.SYMMETRIC == types_with("symmetric") == {"MEET", "SIGN_AGREEMENT", "MIL_COOPERATION", "AGREE_COOPERATE"}
    assert htmlkit.TYPE_COLORS is TYPE_COLORS and set(TYPE_COLORS) == set(EVENT_TYPES)
    assert {t.event_type for readings in load_lexicon().values() for t in readings} <= set(EVENT_TYPES)
    bad = tmp_path / "triggers.csv"
    bad.write_text("trigger,event_type,mode,cameo,plover,needs,implied_actor2,note\n会談,MEETING,,040,CONSULT,,,\n",
                   encoding="utf-8")
    with pytest.raises(LexiconError, match=r"triggers.csv:2: event_type 'MEETING'"):
        load_lexicon(bad)
    with pytest.raises(KeyError):
        types_with("colour")


def test_word_lists_come_from_the_resource_file():
    from pipeline.events.syntax import LIGHT_VERBS
    from pipeline.events.words import words

    assert LIGHT_VERBS == words("light_verbs") and "行う" in LIGHT_VERBS
    with pytest.raises(KeyError, match="no list 'no_such_list'"):
        words("no_such_list")


def _events_on(nlp, text, doc_date=DOC_DATE):
    doc = nlp(text)
    found = find_events(doc, [(0, len(text))], extract_timex(text, doc_date), doc._.actors, load_lexicon(),
                        State(doc_date=doc_date))
    return [(e.event_type, e.modality, e.participants, e.date_start, e.date_source) for e in found]


@pytest.mark.parametrize("text,expected", [
    # a report tells no happening after its own date (2024-07-01): one dated later is still to come
    ("2024年8月5日、日本と韓国は東京で会談する。", [("MEET", "planned", "JPN;KOR", "2024-08-05", "explicit")]),
    ("2024年6月5日、日本と韓国は東京で会談した。", [("MEET", "asserted", "JPN;KOR", "2024-06-05", "explicit")]),
    # a speech act performed as it is spoken is dated by the session or release (guideline §6.9)
    ("我が国は、北朝鮮による弾道ミサイルの発射を強く非難いたします。",
     [("CRITICIZE", "asserted", "JPN;PRK", "2024-07-01", "document")]),
    # ... a standing position is not performed now
    ("我が国は、北朝鮮に対して自制を求めております。", [("STATEMENT", "asserted", "JPN;PRK", "", "none")]),
])
def test_document_date_rules(nlp, text, expected):
    assert _events_on(nlp, text) == expected


def test_the_headline_restates_the_story():
    """The title written again as the article's first line gives no rows (guideline §6.2), with
    or without the line breaks a converted page puts in it."""
    import pipeline

    body = "ブラジルの外相は2024年5月1日、東京を訪れ、日本の外相と会談した。"
    for headline in ("ブラジル外相が訪日、日本と会談", "ブラジル外相が訪日、\n日本と会談"):
        t = pipeline.extract_text(headline + "\n\n" + body, doc_date="2024-05-02", title="ブラジル外相が訪日、日本と会談")
        got = {(r.event_type, r.participants, r.date_start.strftime("%Y-%m-%d")) for r in t["events"].itertuples()}
        assert got == {("VISIT", "BRA;JPN", "2024-05-01"), ("MEET", "BRA;JPN", "2024-05-01")}



def test_a_launch_told_again_in_the_passive_is_the_launchers(nlp):
    """`ミサイルは…発射された` after the lead: a second row of the same launch (guideline §6.2), its
    doer the launcher the report is about."""
    text = "イランは2024年1月20日、巡航ミサイルを発射した。ミサイルは正午ごろ、南部の基地から西方向に発射された。"
    rows = [(e.event_type, e.participants, e.date_start, "actor1:launcher" in e.rules) for e in _events_full(nlp, text)]
    assert rows == [("SHOW_OF_FORCE", "IRN", "2024-01-20", False), ("SHOW_OF_FORCE", "IRN", "2024-01-20", True)]


# A news report tells the reactions to the happening it reports at that happening's time: the first
# dated row, or a later dated happening of the news days, dates the undated past-tense acts of the
# following paragraphs (`date:news_peg`); not a standing or habitual act (`…してきた`), and not in
# a text whose first happening lies far before its own date
REPORT = ["日本と韓国の外相は30日、ソウルで会談した。",
          "米国務省は、会談の成果を歓迎した。北朝鮮はこれまで弾道ミサイルを繰り返し発射してきた。",
          "中国外務省の報道官は米国を批判し、地域の緊張を高めると述べた。",
          "韓国の大統領は1日、日本の首相と電話会談を行った。",
          "ロシア外務省は、日韓の接近を非難した。"]
NEWS_PEG = [
    (REPORT, [("会談", "MEET", "JPN;KOR", "2024-06-30", "explicit"),
              ("歓迎", "SUPPORT_RECOGNIZE", "USA", "2024-06-30", "discourse"),
              ("発射", "SHOW_OF_FORCE", "PRK", "", "none"),
              ("批判", "CRITICIZE", "CHN;USA", "2024-06-30", "discourse"),
              ("電話会談", "MEET", "JPN;KOR", "2024-07-01", "explicit"),
              ("非難", "CRITICIZE", "JPN;KOR;RUS", "2024-07-01", "discourse")]),
    (["日本と韓国の外相は2023年5月30日、ソウルで会談した。"] + REPORT[1:3],
     [("会談", "MEET", "JPN;KOR", "2023-05-30", "explicit"),
      ("歓迎", "SUPPORT_RECOGNIZE", "USA", "", "none"),
      ("発射", "SHOW_OF_FORCE", "PRK", "", "none"),
      ("批判", "CRITICIZE", "CHN;USA", "", "none")]),
    # the story's day read from a past narrative sentence that makes no row (`採決が行われました`),
    # before any dated row: the undated lead stays undated, the reactions after it take that day
    (["国連安保理は、北朝鮮を非難する決議を採択しました。", "日本時間のきのう深夜、ニューヨークの国連本部で採決が行われました。",
      REPORT[2]],
     [("採択", "STATEMENT", "UNSC", "", "none"),
      ("批判", "CRITICIZE", "CHN;USA", "2024-06-30", "discourse")]),
]


_MEETING = "2024年7月8日、日本とフィリピンの外相は会談した。"
_MET = ("会談", "MEET", "JPN;PHL", "2024-07-08", "explicit")

# What a row's date is carried from, paragraph by paragraph: (paragraphs, document date, rows as
# trigger, type, participants, date_start, date_source)
CARRIED_DATES = [
    # `国営メディアは1日、…と報じた`: the report's day is not a happening; the reactions after it stay
    # at the day of the launch
    (["北朝鮮の国営メディアは1日、前日の10月31日に発射したミサイルが新型だったと報じた。", "日本政府は北朝鮮に抗議した。"],
     "2024-11-01",
     [("発射", "SHOW_OF_FORCE", "PRK", "2024-10-31", "explicit"), ("抗議", "CRITICIZE", "JPN;PRK", "2024-10-31", "discourse")]),
    # an encyclopedia's citation marks (`…した[4]。`) end no past-tense sentence: the narrative date
    # carries on past them
    (["2024年3月28日、ロシアは拒否権を行使した[3]。ロシアの大使は米国を批判した[4]。米国の大使はロシアを非難した[5]。"], "",
     [("拒否権を行使", "VETO_REJECT", "RUS;UNSC", "2024-03-28", "explicit"),
      ("批判", "CRITICIZE", "RUS;USA", "2024-03-28", "discourse"),
      ("非難", "CRITICIZE", "RUS;USA", "2024-03-28", "discourse")]),
    # an ongoing or habitual act (`…の供与を進めている`) has no one day: the narrative date is not
    # carried to it (guideline §3.5); the same act told as done is dated, and a saying told so
    # (`…を批判している`) reports a statement and keeps the date
    ([_MEETING + "日本はフィリピンへのレーダーの供与を進めている。"], "",
     [_MET, ("供与", "PROVIDE_AID", "JPN;PHL", "", "none")]),
    ([_MEETING + "日本はフィリピンにレーダーを供与した。"], "",
     [_MET, ("供与", "PROVIDE_AID", "JPN;PHL", "2024-07-08", "discourse")]),
    ([_MEETING + "中国は日本を批判している。"], "",
     [_MET, ("批判", "CRITICIZE", "CHN;JPN", "2024-07-08", "discourse")]),
    # a TIME with its day (`きのう深夜`) is the narrative's time like a DATE: the next sentence's
    # undated act carries its day
    (["日本時間のきのう深夜、国連本部で採決が行われました。採決のあと、日本の国連大使は決議の履行を求めました。"], "2024-07-01",
     [("求め", "STATEMENT", "JPN", "2024-06-30", "discourse")]),
]


@pytest.mark.parametrize("paragraphs,doc_date,expected", CARRIED_DATES)
def test_carried_dates(nlp, paragraphs, doc_date, expected):
    fields = ("trigger", "event_type", "participants", "date_start", "date_source")
    assert _events_by_paragraph(nlp, paragraphs, doc_date, None, fields) == expected


@pytest.mark.parametrize("paragraphs,expected", NEWS_PEG)
def test_news_report_dates_its_reactions(nlp, paragraphs, expected):
    rejected = []
    rows = _events_by_paragraph(nlp, paragraphs, "2024-07-01", rejected,
                                ("trigger", "event_type", "participants", "date_start", "date_source"))
    assert rows == expected
    # the quoting verb after the speaker's own criticism frames it: one act, no STATEMENT row (§5.2)
    assert ("述べ", "filter:frame_of_speech_act") in [(r.trigger, r.reason) for r in rejected]


def test_name_joined_by_no_to_a_mis_parsed_run(nlp):
    """`ハマスのシンワル指導者が`: when the parser tags the person's name as a verb and hangs the
    group on it, the group joined by の to the run before the argument is still the argument's."""
    from spacy.tokens import Doc

    from pipeline.events.roles import nominal_actors
    from pipeline.records import Entity

    words = ["ハマス", "の", "シンワル", "指導者", "が", "殺害", "さ", "れる"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words),
              heads=[2, 0, 5, 5, 3, 5, 5, 5], deps=["nmod", "case", "advcl", "nsubj", "case", "ROOT", "aux", "aux"],
              pos=["PROPN", "ADP", "VERB", "NOUN", "ADP", "VERB", "AUX", "AUX"])
    hamas = Entity(0, 3, "ハマス", "ORG", "HAMAS", "", "ハマス")
    person = Entity(4, 8, "シンワル", "PERSON", "", "", "シンワル")
    assert nominal_actors(doc[3], [hamas, person]) == [hamas, person]
    assert nominal_actors(doc[3], [hamas]) == []  # no name before the argument: nothing joined


def test_a_paragraph_told_at_an_earlier_time_keeps_its_own_dates(nlp):
    """A paragraph telling a happening before the news days dates its undated acts by its own
    narrative, not by the news day; the next paragraph is back at the news day."""
    rows = _events_by_paragraph(nlp, ["日本と韓国の外相は30日、ソウルで会談した。",
                                      "北朝鮮は6月20日、弾道ミサイルを発射していた。飛行距離は分析中だ。日本政府は北朝鮮に抗議した。",
                                      "米国務省は、会談の成果を歓迎した。"], "2024-07-01", None,
                                ("trigger", "event_type", "participants", "date_start", "date_source"))
    assert rows == [("会談", "MEET", "JPN;KOR", "2024-06-30", "explicit"),
                    ("発射", "SHOW_OF_FORCE", "PRK", "2024-06-20", "explicit"),
                    ("抗議", "CRITICIZE", "JPN;PRK", "", "none"),
                    ("歓迎", "SUPPORT_RECOGNIZE", "USA", "2024-06-30", "discourse")]

"""Tests for actors and places (pipeline/entities.py, pipeline/gazetteer.py).

Tables of composed sentences, `(text, expected rows)`, in the house style of GiNZA's tables.
None is taken from the corpus.
"""

from __future__ import annotations

import csv

import pycountry
import pytest

from pipeline.entities import find_entities
from pipeline.gazetteer import RESOURCES, load_gazetteer

G = load_gazetteer()


def rows(text, ner=()):
    return [(e.text, e.label, e.actor_id) for e in find_entities(text, G, ner)]


def check_offsets(text):
    for e in find_entities(text, G):
        assert text[e.start:e.end] == e.text


NAMES = [
    ("気象庁が津波警報を発表した。", [("気象庁", "ORG", "JPN")]),  # a state's agencies, named bare
    ("朝鮮民主主義人民共和国とロシア連邦が条約を結んだ。",
     [("朝鮮民主主義人民共和国", "COUNTRY", "PRK"), ("ロシア連邦", "COUNTRY", "RUS")]),
    ("北朝鮮は韓国と米国を非難した。", [("北朝鮮", "COUNTRY", "PRK"), ("韓国", "COUNTRY", "KOR"), ("米国", "COUNTRY", "USA")]),
    ("インドとインドネシアの首脳", [("インド", "COUNTRY", "IND"), ("インドネシア", "COUNTRY", "IDN")]),
    ("アメリカとオーストラリア", [("アメリカ", "COUNTRY", "USA"), ("オーストラリア", "COUNTRY", "AUS")]),
    ("ＮＡＴＯとSCOとBRICS", [("ＮＡＴＯ", "ORG", "NATO"), ("SCO", "ORG", "SCO"), ("BRICS", "ORG", "BRICS")]),
    ("上海協力機構の会合", [("上海協力機構", "ORG", "SCO")]),
    ("国連安全保障理事会で", [("国連安全保障理事会", "ORG", "UNSC")]),
    ("朝鮮中央通信によると", [("朝鮮中央通信", "ORG", "PRK")]),
    ("平壌とモスクワを結ぶ", [("平壌", "GPE", "PRK"), ("モスクワ", "GPE", "RUS")]),
    ("日本海と朝鮮半島", [("日本海", "LOC", ""), ("朝鮮半島", "LOC", "")]),
    # Latin names only at word boundaries
    ("EUROPEという語", []),
]

COMPOUNDS = [
    ("日米韓の首脳", [("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA"), ("韓", "COUNTRY", "KOR")]),
    ("中露朝の接近", [("中", "COUNTRY", "CHN"), ("露", "COUNTRY", "RUS"), ("朝", "COUNTRY", "PRK")]),
    ("露朝関係と朝ロ関係", [("露", "COUNTRY", "RUS"), ("朝", "COUNTRY", "PRK"), ("朝", "COUNTRY", "PRK"), ("ロ", "COUNTRY", "RUS")]),
    ("露ウ戦争が続く", [("露", "COUNTRY", "RUS"), ("ウ", "COUNTRY", "UKR")]),
    ("首相が訪朝した", [("朝", "COUNTRY", "PRK")]),
    ("対ロ制裁を強化", [("ロ", "COUNTRY", "RUS")]),
    ("米中対立の激化", [("米", "COUNTRY", "USA"), ("中", "COUNTRY", "CHN")]),
    ("米軍と在日米軍", [("米", "COUNTRY", "USA"), ("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA")]),
    ("ロ側は否定した", [("ロ", "COUNTRY", "RUS")]),
    ("日・米・韓の連携", [("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA"), ("韓", "COUNTRY", "KOR")]),
    ("日米豪印の枠組み", [("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA"), ("豪", "COUNTRY", "AUS"), ("印", "COUNTRY", "IND")]),
    ("対北制裁", [("北", "COUNTRY", "PRK")]),
    # the news style's one-character name as a word of its own before a particle (use=alone)
    ("米は棄権した。", [("米", "COUNTRY", "USA")]),
    ("比の漁民が抗議した。", [("比", "COUNTRY", "PHL")]),
    ("印パの軍事衝突", [("印", "COUNTRY", "IND"), ("パ", "COUNTRY", "PAK")]),
]

FALSE_FRIENDS = [
    "中心的な役割を果たした。",
    "独自の路線を取った。",
    "条約に調印した。",
    "中東情勢が緊迫した。",
    "朝鮮戦争の休戦",  # the whole word is not a country; 朝鮮 alone is not listed
    "欧米の対応",
    "南北の対話",
    "北方の海域",
    "中間選挙の後",
    "日常の生活",
    "ロシアン・ルーレット",
    "その中の一つだ。",  # 中 never stands alone
    "3日の会合が開かれた。",
    "前年比の伸びが鈍った。",
    "コメは英語でライスと言う。",
]

PEOPLE = [
    ("プーチン大統領が演説した。", [("プーチン大統領", "PERSON", "RUS")]),
    ("プーチン氏は語った。", [("プーチン氏", "PERSON", "RUS")]),
    ("ウラジーミル・プーチン大統領", [("ウラジーミル・プーチン大統領", "PERSON", "RUS")]),
    ("金正恩 国務委員長と会談", [("金正恩 国務委員長", "PERSON", "PRK")]),
    ("金総書記は", [("金総書記", "PERSON", "PRK")]),
    ("習近平国家主席が訪問した", [("習近平国家主席", "PERSON", "CHN")]),
    ("ロシアのラブロフ外相", [("ロシア", "COUNTRY", "RUS"), ("ラブロフ外相", "PERSON", "RUS")]),
    # people no list knows: a name before a title, country from `Xの`
    ("韓国の申源湜国防相が述べた。", [("韓国", "COUNTRY", "KOR"), ("申源湜国防相", "PERSON", "KOR")]),
    ("ホワイトハウスのカービー調整官は", [("ホワイトハウス", "ORG", "USA"), ("カービー調整官", "PERSON", "USA")]),
    ("フィンランドのマッティ・ヴィルタネン外相", [("フィンランド", "COUNTRY", "FIN"), ("マッティ・ヴィルタネン外相", "PERSON", "FIN")]),
    # a title alone is not a person
    ("同国防相は否定した。", []),
    ("両国防相が会談した。", []),
]


@pytest.mark.parametrize("text,expected", NAMES + COMPOUNDS + PEOPLE)
def test_rows(text, expected):
    assert rows(text) == expected
    check_offsets(text)


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_friends_are_not_countries(text):
    assert [r for r in rows(text) if r[1] == "COUNTRY" and len(r[0]) == 1] == []


def test_model_spans_fill_gaps_only_when_plausible():
    text = "タナカ・ミナミ氏は核保有国の西側諸国について語った。"
    ner = [(0, 7, "Person"), (9, 13, "GPE_Other"), (14, 18, "GPE_Other")]
    assert rows(text, ner) == [("タナカ・ミナミ氏", "PERSON", "")]


def test_model_span_stops_at_bracket():
    text = "国際銀行間通信協会（SWIFT）から排除"
    ner = [(0, 15, "Organization_Other")]
    found = rows(text, ner)
    assert ("国際銀行間通信協会", "ORG", "") in found or ("国際銀行間通信協会", "ORG", "SWIFT") in found


def test_deterministic_and_empty():
    text = "日米韓の首脳がプーチン大統領を非難した。"
    assert find_entities(text, G) == find_entities(text, G)
    assert find_entities("", G) == []


# ---------------------------------------------------------------------------
# Every resource row loads and has a valid code
# ---------------------------------------------------------------------------

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "SUN", "TWN", "PSE", "VAT"}


def _read(name):
    with (RESOURCES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ORG_CODES = {r["code"] for r in _read("organizations.csv")}


def test_country_codes_valid():
    bad = [r for r in _read("countries.csv") if r["code"] not in ISO3]
    assert bad == []


def test_abbrev_codes_valid():
    bad = [r for r in _read("country_abbrevs.csv") if r["code"] not in ISO3 | ORG_CODES or len(r["char"]) != 1
           or r["use"] not in ("compound", "alone", "context", "off")]
    assert bad == []


@pytest.mark.parametrize("name,col", [("state_bodies.csv", "country"), ("people.csv", "country"), ("places.csv", "country")])
def test_state_codes_valid(name, col):
    bad = [r for r in _read(name) if r[col] and r[col] not in ISO3]
    assert bad == []


def test_org_codes_upper():
    assert all(r["code"] == r["code"].upper() and r["code"] for r in _read("organizations.csv"))


def test_place_labels():
    assert {r["label"] for r in _read("places.csv")} <= {"GPE", "LOC", "FAC", "ORG"}


@pytest.mark.parametrize("name", ["countries.csv", "organizations.csv", "state_bodies.csv", "people.csv",
                                  "places.csv", "titles.csv", "country_abbrevs.csv", "compound_exclusions.csv"])
def test_no_empty_names(name):
    key = {"titles.csv": "title", "country_abbrevs.csv": "char", "compound_exclusions.csv": "word"}.get(name, "name")
    assert all(r[key].strip() for r in _read(name))


def test_every_un_member_has_a_japanese_name():
    codes = {r["code"] for r in _read("countries.csv")}
    assert len(codes & {c.alpha_3 for c in pycountry.countries}) >= 193


# Issue 16: compounds beyond one-character runs, bodies written after their state, names inside
# longer names, bare bodies whose state the context gives, anaphors and speaker labels.
CONTEXT_AND_COMPOUNDS = [
    ("日・インドネシア首脳会談が開かれた。", [("日", "COUNTRY", "JPN"), ("インドネシア", "COUNTRY", "IDN")]),
    ("米・サウジ関係は冷え込んだ。", [("米", "COUNTRY", "USA"), ("サウジ", "COUNTRY", "SAU")]),
    ("日中韓の外相が会った。", [("日", "COUNTRY", "JPN"), ("中", "COUNTRY", "CHN"), ("韓", "COUNTRY", "KOR")]),
    ("米英軍が空爆した。", [("米", "COUNTRY", "USA"), ("英", "COUNTRY", "GBR")]),
    ("アメリカ農務省が発表した。", [("アメリカ農務省", "ORG", "USA")]),
    ("ロシア軍が攻撃した。", [("ロシア", "COUNTRY", "RUS")]),
    ("ウクライナ東部で戦闘が続く。", [("ウクライナ", "COUNTRY", "UKR")]),
    ("フランスの国連大使が演説した。", [("フランス", "COUNTRY", "FRA")]),
    ("パリ・サンジェルマンの選手が活躍した。", []),
    ("ロシア・ウクライナ戦争", [("ロシア", "COUNTRY", "RUS"), ("ウクライナ", "COUNTRY", "UKR")]),
    ("ロシアの外務省は反発した。", [("ロシア", "COUNTRY", "RUS"), ("外務省", "ORG", "RUS")]),
    # an ambassador to Japan is his state's; a kanji name with 氏 after a title and の is a person
    ("ヤマモト駐日ブラジル大使が語った。", [("ヤマモト駐日ブラジル大使", "PERSON", "BRA")]),
    ("駐日ブラジル大使の山本一郎氏が語った。",
     [("日", "COUNTRY", "JPN"), ("ブラジル", "COUNTRY", "BRA"), ("山本一郎氏", "PERSON", "BRA")]),
    ("山本氏が語った。", []),
]


@pytest.mark.parametrize("text,expected", CONTEXT_AND_COMPOUNDS)
def test_context_and_compounds(text, expected):
    assert rows(text) == expected
    check_offsets(text)


def test_an_administration_is_an_actor_but_no_row():
    found = find_entities("第1次トランプ政権が離脱した。", G)
    assert [(e.text, e.actor_id, e.shown) for e in found] == [("トランプ", "USA", False)]


def test_anaphor_is_an_actor_but_no_row():
    found = find_entities("我が国は強く非難する。", G)
    assert [(e.text, e.actor_id, e.shown) for e in found] == [("我が国", "JPN", False)]


def test_every_country_row_has_an_english_name():
    with (RESOURCES / "countries.csv").open(encoding="utf-8") as fh:
        missing = [r["name"] for r in csv.DictReader(fh) if not r.get("name_en")]
    assert missing == []


@pytest.mark.parametrize("name,code", [("countries.csv", "code"), ("organizations.csv", "code"),
                                       ("state_bodies.csv", "country"), ("people.csv", "country"),
                                       ("places.csv", "country")])
def test_every_list_row_has_an_english_name_and_one_code_per_surface(name, code):
    rows = _read(name)
    assert [r["name"] for r in rows if not r.get("name_en")] == []
    codes: dict[str, set] = {}
    for r in rows:
        codes.setdefault(r["name"], set()).add(r[code])
    # within a file one surface has one code; across files the loading order is the rule
    # (people, state bodies, organisations, places, countries: pipeline/resources/README.md)
    assert {n: c for n, c in codes.items() if len(c) > 1} == {}


def test_speaks_for_codes_are_organisations():
    assert {r["speaks_for"] for r in _read("people.csv") if r.get("speaks_for")} <= ORG_CODES


PEOPLE_CONTEXT = [
    # the head of an organisation speaks for it, unless named with a state's office
    ("グテレス事務総長は懸念を示した。", [("グテレス事務総長", "PERSON", "UN")]),
    ("ストルテンベルグ首相は", [("ストルテンベルグ首相", "PERSON", "NOR")]),
    # a place no list holds lies in the state of the place just before it, or a Japanese municipality
    ("石川県志賀町で震度7を観測した。", [("石川県", "GPE", "JPN"), ("志賀町", "GPE", "JPN")]),
    ("2024年11月25日\n\n露朝の条約", [("露", "COUNTRY", "RUS"), ("朝", "COUNTRY", "PRK")]),
    ("バイデン米大統領は語った。", [("バイデン米大統領", "PERSON", "USA")]),
]


@pytest.mark.parametrize("text,expected", PEOPLE_CONTEXT)
def test_people_and_places_in_context(text, expected):
    ner = [(3, 6, "City")] if text.startswith("石川県志賀町") else []
    assert rows(text, ner) == expected


def test_bodies_named_bare_take_the_organisation_the_document_gives():
    from pipeline.context_bodies import context_bodies

    paragraph = "2022.3.2　【総会】撤退を求める決議　採択。制裁委員会が報告した。株主総会が開かれた。"
    found = context_bodies("国連の安保理で否決された後の経過", paragraph, [])
    assert [(e.text, e.label, e.actor_id, paragraph[e.start:e.end]) for e in found] == [
        ("総会", "ORG", "UNGA", "総会"), ("制裁委員会", "ORG", "UNSC", "制裁委員会")]  # not 株主総会
    assert context_bodies("株主の話", paragraph, []) == []  # no UN in the document: nothing

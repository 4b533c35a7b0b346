"""`actor_finder`: GiNZA's ner only on sentences the name lists leave a gap in."""

import pytest

from pipeline.components import gap_sentences
from pipeline.entities import find_entities
from pipeline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("text, n_gaps", [
    ("ロシアと北朝鮮は条約に署名した。", 0),                      # every proper noun is listed
    ("プーチン大統領は平壌を訪れた。", 0),
    ("外交は難しい。経済も同じだ。", 0),                          # no proper noun at all
    ("ロシアは反発した。ジョン・スミス国務次官補が北京を訪れた。", 1),  # an unlisted name
    ("米国の NBC テレビが報じた。", 1),                               # an unlisted organisation
    ("モンゴルのウランバートルで会合が開かれた。", 0),
])
def test_gap_sentences(nlp, text, n_gaps):
    doc = nlp(text)
    listed = find_entities(text, nlp.get_pipe("actor_finder").gazetteer)  # the name lists alone
    covered = {i for e in listed for i in range(e.start, e.end)}
    assert len(gap_sentences(doc, covered)) == n_gaps


def test_gap_mode_finds_unlisted_people_like_full_ner():
    gaps, full = load_nlp(ner_mode="gaps"), load_nlp(ner_mode="all")
    assert "ner" not in gaps.pipe_names and "ner" in full.pipe_names
    names = lambda doc: {(e.text, e.label) for e in doc._.actors}  # noqa: E731
    text = "ロシアは反発した。ジョン・スミス国務次官補が北京を訪れた。米国の NBC テレビが報じた。"
    assert names(gaps(text)) == names(full(text))
    assert {("ジョン・スミス", "PERSON"), ("NBC テレビ", "ORG")} <= names(gaps(text))
    assert not {("ジョン・スミス", "PERSON"), ("NBC テレビ", "ORG")} & names(load_nlp(ner_mode="none")(text))


def test_unknown_ner_mode_is_an_error():
    from pipeline.components import ActorFinder

    with pytest.raises(ValueError, match="ner_mode"):
        ActorFinder(None, ner_mode="sometimes")


# the event_triggers component: spaCy's Matcher over the trigger lexicon, the longest entry at
# each token, an inflected last word matched by its lemma, a word split by a line break matched
# in its characters: (text, expected (span text, lexicon entry))
TRIGGER_SPANS = [
    ("両国は首脳会談を開いた。", [("首脳会談", "首脳会談")]),
    ("外相は懸念を明らかにした。", [("懸念", "懸念"), ("明らかにし", "明らかにする")]),
    ("両国は条約を結んだ。", [("結ん", "結ぶ")]),
    ("両首脳は首脳会\n談を行った。", [("首脳会\n談", "首脳会談")]),
    ("天気は晴れだった。", []),
]


@pytest.mark.parametrize("text,expected", TRIGGER_SPANS)
def test_event_triggers_component(nlp, text, expected):
    assert "event_triggers" in nlp.pipe_names
    doc = nlp(text)
    assert [(s.text, s.label_) for s in doc.spans["event_triggers"]] == expected


# places the lists and the model miss, from the words SudachiPy's dictionary tags as place names
# (名詞-固有名詞-地名-一般): joined with an area word (LOC) or a prefix, in Japan when no context
# places them elsewhere; never the tail of a katakana name
DICTIONARY_PLACES = [
    ("大雨は奥多摩や秩父地方に被害をもたらした。", [("奥多摩", "LOC", "JPN"), ("秩父地方", "LOC", "JPN")]),
    ("台風は日南の沖合を北上し、紀伊半島に接近した。", [("日南", "GPE", "JPN"), ("紀伊半島", "LOC", "JPN")]),
    ("ヤルツァンポ川下流でダムの建設が進む。", []),
    ("中国の天津で会議が開かれた。", [("中国", "COUNTRY", "CHN"), ("天津", "GPE", "CHN")]),
]



# a listed name inside a proper noun of the dictionary that ends like an organisation's or a
# company's name is part of that name: one ORG with no state (not Japan, not China)
NAME_WORDS = [
    ("日本郵船の貨物船が拿捕された。", [("日本郵船", "ORG", "")]),
    ("中国電力は島根の発電所を再稼働した。", [("中国電力", "ORG", ""), ("島根", "GPE", "JPN")]),
    ("ロシア軍と韓国軍が対峙した。", [("ロシア", "COUNTRY", "RUS"), ("韓国", "COUNTRY", "KOR")]),
]



# a name before a title is a word of its own: not one common word (`特別代表`), not cut out of a
# longer word (`法制局長` in `法制局長官`); unknown kanji and katakana names still are
TITLED_WORDS = [
    ("国境問題の特別代表を務める外交官が来日した。", [("日", "COUNTRY", "JPN")]),
    ("内閣法制局長官は答弁した。", [("内閣法制局", "ORG", "JPN")]),
    ("ブラジルの羅宇辰国防相は述べた。", [("ブラジル", "COUNTRY", "BRA"), ("羅宇辰国防相", "PERSON", "BRA")]),
    ("ペドロサ調整官は述べた。", [("ペドロサ調整官", "PERSON", "")]),
]



# with the tokenizer's words: a katakana state's name the tokenizer cuts off from the next word
# counts (`ミャンマー|クーデター`, never `インド` in `インドネシア`); states' abbreviations before a
# title are states, not a person's name; a table cell gap after a tally is no day (`6　日米英仏`)
WORD_EDGES = [
    ("2019年ベネズエラクーデター未遂が起きた。", [("ベネズエラ", "COUNTRY", "VEN")]),
    ("インドネシアとインドが会談した。", [("インドネシア", "COUNTRY", "IDN"), ("インド", "COUNTRY", "IND")]),
    ("初の日米韓防衛大臣会合を開いた。", [("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA"), ("韓", "COUNTRY", "KOR")]),
    ("否決　7―2―6　日米英仏が反対", [("日", "COUNTRY", "JPN"), ("米", "COUNTRY", "USA"), ("英", "COUNTRY", "GBR"),
                                  ("仏", "COUNTRY", "FRA")]),
]


# the actors the finder reads with the tokenizer's words: (text, expected (text, label, actor_id))
ACTOR_TABLES = {"dictionary_places": DICTIONARY_PLACES, "name_words": NAME_WORDS, "titled_words": TITLED_WORDS,
                "word_edges": WORD_EDGES}


@pytest.mark.parametrize("text,expected", [pytest.param(text, expected, id=f"{table}-{k}")
                                           for table, rows in ACTOR_TABLES.items()
                                           for k, (text, expected) in enumerate(rows)])
def test_actors_with_words(nlp, text, expected):
    assert [(e.text, e.label, e.actor_id) for e in nlp(text)._.actors] == expected

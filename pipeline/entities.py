"""Actors and places: find every state, organisation, office-holder and place, with codes.

    find_entities(text, gazetteer, ner=()) -> list[Entity]

Pure function over one text (a paragraph or a whole article); offsets are into `text`.
Passes, each only over characters no earlier pass claimed:

1. names from the resource files, leftmost-longest (`朝鮮民主主義人民共和国` before `朝鮮`),
   Latin and katakana names only at word boundaries (`インド` is not in `インドネシア`);
   a person's directly attached title or honorific joins the span (`プーチン大統領`, `金正恩 国務委員長`);
2. unknown people: a name written before an office title (`申源湜国防相`, `カービー調整官`);
3. country compounds, one row per country: a run of abbreviations (`日米韓`, `中露朝`, `露ウ`),
   or one abbreviation that a prefix or suffix marks as a state (`訪朝`, `対ロ`, `在韓`, `米軍`,
   `ロ側`), never inside an ordinary word (`中心`, `独自`, `調印`: compound_exclusions.csv);
4. the GiNZA NER spans (ENE labels) the lists left uncovered, mapped to PERSON/ORG/GPE/LOC/FAC.

A person or body with no known state takes the country of an actor written right before it
with `の` (`韓国の申源湜国防相` -> KOR, `ホワイトハウスのカービー調整官` -> USA).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from .gazetteer import Entry, Gazetteer, fold
from .records import Entity

KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\u30fd\u30fe]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")

# Pass 3: what marks a single abbreviation as a state
SINGLE_PREFIXES = frozenset("訪対在駐親反来離知嫌抗排滞")
SINGLE_SUFFIXES = (
    "軍", "側", "政府", "大統領", "首相", "外相", "国防相", "国防長官", "国務長官", "国務省",
    "国防総省", "国防省", "外務省", "当局", "議会", "紙", "大使", "大使館", "海軍", "空軍", "陸軍",
    "艦", "兵", "企業", "製", "本土", "主導", "首脳", "高官", "政権", "経済", "情報機関",
    "東部時間", "西部時間", "中部時間", "メディア", "国務長官", "下院", "上院", "名",
)
# A run of two abbreviations or more is a compound unless an ordinary word sits across its edge.
RUN_JOINERS = "・"

# after a run of abbreviations, words that make it a compound even after another kanji (`第2回日比外務`)
RUN_SUFFIXES = ("外務", "外相", "防衛", "首脳", "会談", "関係", "同盟", "間", "共同", "合同", "閣僚", "協力", "連携", "対立")
# what may follow an abbreviation standing alone (`use=alone` in country_abbrevs.csv)
ALONE_FOLLOWERS = frozenset("のはがともにへを")
DIGIT_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九十] ?$")  # `25日`, `25 日` (PDF spacing), not a table cell gap (`6　日米`)

# Pass 2: a name before a title
_KANJI = r"\u4e00-\u9fff\u3400-\u4dbf々"
KANJI = re.compile(rf"[{_KANJI}]")
NAME_BEFORE_TITLE = re.compile(
    rf"(?:[\u30a1-\u30fa\u30fc]+(?:[・=＝][\u30a1-\u30fa\u30fc]+)*|[{_KANJI}]{{2,4}})[ \u3000]?$"
)
NOT_IN_NAME = set("国省軍党府庁院同両各副元前現新旧首外代長官相局部会団員市州県区駐次総")
NAME_LEFT_EDGE = set("のはがをにとも、。，「『（(・ 　\n") | {""}

# Pass 4: GiNZA ENE labels -> contract labels; the label of the words SudachiPy's dictionary
# tags as place names (pipeline/components.place_names): a place in kanji that no context
# places elsewhere is in Japan (the dictionary is Japanese; foreign places are on the lists)
DICTIONARY_PLACE = "Dictionary_Place"
DICTIONARY_AREA = "Dictionary_Area"  # ... joined with an area word (`能登地方`, `紀伊半島`)
NER_LABELS = {
    "Person": "PERSON",
    "City": "GPE", "Province": "GPE", "County": "GPE", "GPE_Other": "GPE",
    "Geological_Region_Other": "LOC", "Sea": "LOC", "Bay": "LOC", "Lake": "LOC", "River": "LOC",
    "Island": "LOC", "Mountain": "LOC", "Continental_Region": "LOC", "Domestic_Region": "LOC",
    "Region_Other": "LOC", "Water_Route": "LOC", "Astral_Body": "",
    "Airport": "FAC", "Port": "FAC", "Military_Base": "FAC", "Facility_Other": "FAC",
    "Railroad": "FAC", "Road": "FAC", "Bridge": "FAC", "Tunnel": "FAC", "Power_Plant": "FAC",
    "Research_Institute": "ORG", "Space_Station": "FAC",
    "International_Organization": "ORG", "Government": "ORG", "Political_Party": "ORG",
    "Military": "ORG", "Political_Organization_Other": "ORG", "Company": "ORG",
    "Corporation_Other": "ORG", "Organization_Other": "ORG", "Public_Institution": "ORG",
    "Show_Organization": "", "Ethnic_Group_Other": "", "Nationality": "",
    DICTIONARY_PLACE: "GPE", DICTIONARY_AREA: "LOC",
}


# A state body written after its country's name (`アメリカ農務省`, `韓国国防部`) is one ORG span;
# generic forces (`ロシア軍`) and delegations stay the country alone (annotation guideline §2.2)
BODY_AFTER_COUNTRY = re.compile(rf"[{_KANJI}]{{1,8}}?(?:省|庁|局|院|部|委員会|本部|司令部)(?![{_KANJI}])")
DIRECTION = re.compile(r"[東西南北中]部$")  # `ウクライナ東部`: a region, not a body
# `駐日` before a state's name and `大使`; a name with 氏 after such a title and の
AMBASSADOR = re.compile(r"(?P<pre>駐日)")
AFTER_TITLE_NAME = re.compile(rf"の((?P<n>[\u30a1-\u30fa\u30fc]+(?:[・=＝][\u30a1-\u30fa\u30fc]+)*|[{_KANJI}]{{2,4}})(?:氏|大使))")
MUNICIPALITY = re.compile(rf"[{_KANJI}]{{1,5}}(?:市|町|村|郡|区)")
PLACE_REACH = 12  # how far back a place no list holds looks for the state it lies in
# titles of a state's offices: a person listed as an organisation's head (people.csv speaks_for)
# who is named with one of these acts for the state (`ルッテ首相` NLD, `ルッテ事務総長` NATO)
STATE_TITLES = frozenset({"首相", "大統領", "外相", "外務大臣", "国防相", "国防大臣", "外務相", "副首相", "財務相", "蔵相"})
GLOSS_AFTER = re.compile(r"[（(]([A-Z][A-Z0-9&\-]{1,7})[）)]")
# an organisation's name that is part of a title (`国連大使`, `国連代表部`)
TITLE_AFTER_ORG = ("大使", "代表部", "次席大使", "常駐代表")
KATAKANA_WORD_AFTER_DOT = re.compile(r"[・=＝]([\u30a1-\u30fa\u30fc]+)")
BRACKETS = re.compile(r"[（()）「」『』【】〈〉《》\[\]]")
PERSON_NAME = re.compile(rf"[\u30a1-\u30fa\u30fc]+(?:[・=＝ ][\u30a1-\u30fa\u30fc]+)*|[{_KANJI}]{{2,4}}")


def _name_like(text: str) -> bool:
    """A person's name: katakana words joined by `・`, or two to four kanji of no office word."""
    if not PERSON_NAME.fullmatch(text):
        return False
    return _is_katakana(text[0]) or not any(ch in NOT_IN_NAME for ch in text)


ORG_TAIL = re.compile(
    r"(?:党|省|庁|院|局|会|協会|機構|基金|銀行|社|大学|センター|研究所|委員会|通信|新聞|艦隊|部|団|機関|"
    r"チーム|ラボ|連合|連盟|評議会|協議会|戦線|公社|グループ|財団|放送|テレビ|府)$"
)
NAME_WORD_TAG = "名詞-固有名詞-一般"  # a proper noun of the dictionary, not a place or a person
COMMON_WORD_TAGS = ("名詞-普通名詞", "形状詞")
# what ends a company's name (`日本郵船`, `中国電力`, `三菱重工`)
COMPANY_TAIL = re.compile(r"(?:電力|航空|郵船|海運|汽船|製鉄|鉄鋼|自動車|重工業?|商事|物産|電機|電気|証券|生命|保険|鉄道|石油|ガス|化学|製薬|建設|工業|産業)$")
NOT_A_PLACE_TAIL = re.compile(r"(?:国|諸国|方面|(?:^|[東西南北])方)$")  # `北方` is a direction, `能登地方` a place


def _ner_ok(label: str, text: str, after: str) -> bool:
    """The model's spans are a fallback: keep those that look like what their label names.
    A person is a katakana name, or a kanji name with a title or 氏 after it; an
    organisation ends in an organisation word (`…党`, `…銀行`, `…研究所`); a place is not a
    class of states (`西側諸国`, `核保有国`) or a direction (`北方`)."""
    if label == "PERSON":
        return _name_like(text) and (_is_katakana(text[0]) or after[:1] == "氏")
    if label == "ORG":
        return bool(ORG_TAIL.search(text)) and not text.endswith("政権")
    return not NOT_A_PLACE_TAIL.search(text)


def _is_kanji(ch: str) -> bool:
    return bool(ch) and KANJI.match(ch) is not None


def _is_katakana(ch: str) -> bool:
    return bool(ch) and KATAKANA.match(ch) is not None


def _boundary_ok(s: str, start: int, end: int) -> bool:
    first, last = s[start], s[end - 1]
    before = s[start - 1] if start > 0 else ""
    after = s[end] if end < len(s) else ""
    if _ASCII_WORD.match(first) and before and _ASCII_WORD.match(before):
        return False
    if _ASCII_WORD.match(last) and after and _ASCII_WORD.match(after):
        return False
    if _is_katakana(first) and _is_katakana(before):
        return False
    if _is_katakana(last) and _is_katakana(after):
        return False
    return True


class _Finder:
    def __init__(self, text: str, gaz: Gazetteer, words: Sequence[tuple[int, int, str]] = ()) -> None:
        self.text = text
        # from the tokenizer's words (start, end, part-of-speech tag), in text order
        self.name_tokens = [(a, b) for a, b, tag in words if b - a >= 3 and tag.startswith(NAME_WORD_TAG)]
        self.name_token_starts = [a for a, _ in self.name_tokens]
        self.common_words = {(a, b) for a, b, tag in words if tag.startswith(COMMON_WORD_TAGS)}
        self.word_edges = {a for a, _, _ in words} | {b for _, b, _ in words}
        self.s = fold(text)
        self.gaz = gaz
        self.taken = [False] * len(text)
        self.found: list[tuple[int, int, Entry]] = []
        self.dictionary_places: set[int] = set()  # starts of the places from the tokenizer's dictionary

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def claim(self, start: int, end: int, entry: Entry) -> None:
        for k in range(start, end):
            self.taken[k] = True
        self.found.append((start, end, entry))

    # -- pass 1 -----------------------------------------------------------
    def names(self) -> None:
        s, buckets = self.s, self.gaz.buckets
        i = 0
        while i < len(s):
            if self.taken[i]:
                i += 1
                continue
            best = None
            for key in buckets.get(s[i], ()):
                if s.startswith(key, i) and (_boundary_ok(s, i, i + len(key)) or self._on_word_edges(i, i + len(key))):
                    best = key
                    break
            if best is None:
                i += 1
                continue
            entry = self.gaz.names[best]
            end = i + len(best)
            token = self._name_token_around(i, end)
            if token is not None:
                # `日本郵船`, `中国電力`: a listed name inside a longer proper noun is part of that
                # name (a company's, a university's), which is an organisation of its own
                if self.free(*token):
                    self.claim(token[0], token[1], Entry("ORG", "", "", unicodedata.normalize("NFKC", self.text[token[0]:token[1]])))
                i = token[1]
                continue
            if all(ch in self.gaz.abbrevs for ch in best):  # `日米豪印`: a compound, split in pass 3
                i = end
                continue
            if self._inside_longer_name(i, end, entry):
                i = end
                continue
            if entry.label == "COUNTRY":
                body = BODY_AFTER_COUNTRY.match(s, end)
                if body and not DIRECTION.search(body.group()) and fold(s[i:body.end()]) not in self.gaz.names:  # `アメリカ農務省`: one state body
                    self.claim(i, body.end(), Entry("ORG", entry.actor_id, entry.country, self.text[i:body.end()],
                                                    entry.name_en and f"{body.group()} ({entry.name_en})"))
                    i = body.end()
                    continue
            if entry.label == "PERSON" and s.startswith("政権", end):
                # `バイデン政権`: an administration — its state acts in events, but it is no entity row
                self.claim(i, end, Entry(entry.label, entry.country or entry.actor_id, entry.country, entry.name,
                                         entry.name_en, shown=False))
                i = end
                continue
            if entry.label == "PERSON":
                name_end, end = end, self.title_end(end)
                if entry.actor_id != entry.country and entry.country and s[name_end:end].strip(" \u3000") in STATE_TITLES:
                    # `ルッテ首相`: an organisation's head named by a state office speaks for the state
                    entry = Entry(entry.label, entry.country, entry.country, entry.name, entry.name_en, entry.shown)
            self.claim(i, end, entry)
            i = end

    def _on_word_edges(self, start: int, end: int) -> bool:
        """The tokenizer cut the text at both ends of a katakana name run into another word
        (`ミャンマー|クーデター`, not `インド` in `インドネシア`)."""
        return _is_katakana(self.s[start]) and start in self.word_edges and end in self.word_edges

    def _name_token_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The proper-noun word (SudachiPy's 名詞-固有名詞-一般) that holds [start, end) and more
        and ends like an organisation's or a company's name."""
        k = bisect_right(self.name_token_starts, start) - 1  # the one word that can hold it (words do not overlap)
        if k < 0:
            return None
        a, b = self.name_tokens[k]
        if a <= start and end <= b and (a, b) != (start, end) and fold(self.text[a:b]) not in self.gaz.names \
                and (ORG_TAIL.search(self.s[a:b]) or COMPANY_TAIL.search(self.s[a:b])):
            return a, b
        return None

    def _inside_longer_name(self, start: int, end: int, entry: Entry) -> bool:
        """A listed name inside a longer one: `国連` in `国連大使` (a title), a katakana place
        joined by `・` to a word no list holds (`パリ・サンジェルマン`)."""
        s = self.s
        if entry.label == "ORG" and any(s.startswith(t, end) for t in TITLE_AFTER_ORG):
            return True
        if _is_katakana(s[start]) and entry.label in ("GPE", "LOC", "FAC"):
            m = KATAKANA_WORD_AFTER_DOT.match(s, end)
            if m and fold(m.group(1)) not in self.gaz.names:
                return True
        return False

    def title_end(self, end: int) -> int:
        """The end of a person's span with its attached title, also when a state is written
        between them (`バイデン米大統領`, `ゼレンスキー・ウクライナ大統領`: one span, guideline §6.9)."""
        s = self.s
        k = end + 1 if s[end:end + 1] in (" ", "\u3000") else end
        for t in self.gaz.titles:
            if s.startswith(t, k):
                return k + len(t)
        state = self._state_before_title(k)
        if state:
            for t in self.gaz.titles:
                if s.startswith(t, state):
                    return state + len(t)
        return end

    def _state_before_title(self, k: int) -> int:
        """After `k`: a state's abbreviation or name (after `・`) that a title follows; its end."""
        s = self.s
        if s[k:k + 1] in self.gaz.abbrevs:
            return k + 1
        if s[k:k + 1] == "・":
            key = self._country_at(k + 1)
            if key:
                return k + 1 + len(key)
        return 0

    # -- pass 2 -----------------------------------------------------------
    def titled_people(self) -> None:
        s = self.s
        for t in self.gaz.titles:
            if len(t) < 2 and t != "氏":
                continue
            pos = s.find(t)
            while pos != -1:
                self._titled(pos, t)
                pos = s.find(t, pos + 1)

    def _titled(self, pos: int, title: str) -> None:
        s = self.s
        end = pos + len(title)
        if not self.free(pos, end) or (end < len(s) and _is_katakana(s[end - 1]) and _is_katakana(s[end])):
            return
        m = NAME_BEFORE_TITLE.search(s, max(0, pos - 24), pos)
        if not m:
            return
        start = m.start()
        name = s[start:pos].strip(" \u3000")
        kana = _is_katakana(name[0])
        if kana and _is_katakana(s[start - 1] if start else ""):
            return
        if not kana:
            if any(ch in NOT_IN_NAME for ch in name) or all(ch in self.gaz.abbrevs for ch in name):
                return  # `日米韓財務大臣`: states' abbreviations before a title, not a name
            if title == "氏" and not self._after_title(start):  # `大使の呉江浩氏`, not `山田氏` alone
                return
            if (s[start - 1] if start else "") not in NAME_LEFT_EDGE:
                return
        if not self.free(start, end) or fold(name) in self.gaz.names or not self._word_like(start, pos, end, kana):
            return
        self.claim(start, end, Entry("PERSON", "", "", name))

    def _word_like(self, start: int, pos: int, end: int, kana: bool) -> bool:
        """With the tokenizer's words: the span starts and ends on word edges (not `法制局長` in
        `法制局長官`), and a kanji name is not one common word (`特別代表`)."""
        if not self.word_edges:
            return True  # no words given
        if start not in self.word_edges or end not in self.word_edges:
            return False
        return kana or (start, pos) not in self.common_words

    def _after_title(self, start: int) -> bool:
        """An office title and `の` stand right before `start` (`駐日中国大使の呉江浩氏`)."""
        s = self.s
        if start < 2 or s[start - 1] != "の":
            return False
        return any(s.startswith(t, start - 1 - len(t)) for t in self.gaz.titles if len(t) >= 2)

    # -- pass 0 -----------------------------------------------------------
    def ambassadors(self) -> None:
        """`ガルージン駐日ロシア大使`: a name before `駐日` + a state + `大使` is that state's
        ambassador (one PERSON span); `駐日中国大使の呉江浩氏`: the name after it is too."""
        s = self.s
        for m in AMBASSADOR.finditer(s):
            key = self._country_at(m.end("pre"))
            if key is None or not s.startswith("大使", m.end("pre") + len(key)):
                continue
            entry = self.gaz.names[key]
            title_end = m.end("pre") + len(key) + 2
            name = NAME_BEFORE_TITLE.search(s, max(0, m.start() - 24), m.start())
            if name and (_is_katakana(name.group()[0]) or (s[name.start() - 1] if name.start() else "") in NAME_LEFT_EDGE):
                start = name.start()
                text = s[start:m.start()].strip(" \u3000")
                if text and not any(ch in NOT_IN_NAME for ch in text) and self.free(start, title_end):
                    self.claim(start, title_end, Entry("PERSON", entry.actor_id, entry.actor_id,
                                                       self.gaz.names.get(fold(text), Entry("", "", "", text)).name or text))
                    continue
            after = AFTER_TITLE_NAME.match(s, title_end)
            if after and self.free(after.start(1), after.end()):
                k0 = m.end("pre")
                self.claim(k0, k0 + len(key), entry)  # the state in the title stays a COUNTRY row
                self.claim(after.start(1), after.end(), Entry("PERSON", entry.actor_id, entry.actor_id, after.group(2)))

    def _place_context(self, start: int, places: list[tuple[int, str]], name: str = "") -> str:
        """A place no list holds (`石川県輪島市`, `能登半島の珠洲市`) lies in the state of the place
        or state written just before it in the same sentence (at most PLACE_REACH characters); a
        municipality in kanji (`七尾市`, `能登町`) in the state of the last place of the paragraph."""
        if not places:  # a kanji municipality with Japan's administrative suffixes, in a Japanese text
            return "JPN" if MUNICIPALITY.fullmatch(name) else ""
        end, code = places[-1]
        between = self.s[end:start]
        near = len(between) <= PLACE_REACH and not any(ch in between for ch in "。\n")
        if not near and not MUNICIPALITY.fullmatch(name):
            return ""
        return code if code in self.gaz.country_codes else ""

    def _country_at(self, pos: int) -> str | None:
        s = self.s
        for key in self.gaz.buckets.get(s[pos:pos + 1], ()):
            if s.startswith(key, pos) and self.gaz.names[key].label == "COUNTRY":
                return key
        return None

    # -- pass 3 -----------------------------------------------------------
    def compounds(self) -> None:
        s, ab = self.s, self.gaz.abbrevs
        i = 0
        while i < len(s):
            if s[i] not in ab or self.taken[i]:
                i += 1
                continue
            run = [i]
            j = i + 1
            while j < len(s) and not self.taken[j]:
                if s[j] in ab:
                    run.append(j)
                    j += 1
                elif s[j] in RUN_JOINERS and j + 1 < len(s) and s[j + 1] in ab and not self.taken[j + 1]:
                    j += 1
                else:
                    break
            self._run(run)
            i = j
        self._context_abbrevs()
        self._abbrev_before_country()

    def _abbrev_before_country(self) -> None:
        """`日・インドネシア`, `米・サウジ`: an abbreviation joined by `・` to a country's name."""
        s, ab = self.s, self.gaz.abbrevs
        starts = {st: entry for st, _, entry in self.found if entry.label == "COUNTRY"}
        for k in range(len(s) - 2):
            if s[k] in ab and s[k + 1] == "・" and not self.taken[k] and (k + 2) in starts:
                before = s[k - 1] if k else ""
                if _is_kanji(before) and before not in SINGLE_PREFIXES:
                    continue
                code = ab[s[k]]
                self.claim(k, k + 1, Entry("COUNTRY", code, code, self.gaz.display.get(code, code),
                                           self.gaz.country_en.get(code, "")))

    def _run(self, run: list[int]) -> None:
        s, ex = self.s, self.gaz.exclusions
        # trim characters that belong to an ordinary word across the run's edges or inside it
        while run and run[0] > 0 and s[run[0] - 1] + s[run[0]] in ex:
            run = run[1:]
        while run and run[-1] + 1 < len(s) and s[run[-1]] + s[run[-1] + 1] in ex:
            run = run[:-1]
        if not run:
            return
        if any(s[a] + s[b] in ex for a, b in zip(run, run[1:]) if b == a + 1):
            return
        kana_edge = (_is_katakana(s[run[0]]) and _is_katakana(s[run[0] - 1] if run[0] else "")) or (
            _is_katakana(s[run[-1]]) and _is_katakana(s[run[-1] + 1] if run[-1] + 1 < len(s) else ""))
        if kana_edge:
            return
        before = s[run[0] - 1] if run[0] else ""
        if s[run[0]] == "日" and DIGIT_BEFORE.search(self.text, max(0, run[0] - 3), run[0]):  # raw: a cell gap folds to a space
            run = run[1:]  # `25 日`, `26日朝`: a day of the month, not Japan
            if not run:
                return
            before = s[run[0] - 1]
        if len(run) == 1 and not self._single_ok(run[0]):
            return
        if len(run) > 1 and _is_kanji(before) and before not in SINGLE_PREFIXES and not any(
                s.startswith(x, run[-1] + 1) for x in RUN_SUFFIXES):
            return
        for k in run:
            code = self.gaz.abbrevs[s[k]]
            self.claim(k, k + 1, Entry("ORG" if code in self.gaz.org_codes else "COUNTRY", code,
                                       "" if code in self.gaz.org_codes else code, self.gaz.display.get(code, code),
                                       self.gaz.country_en.get(code, "")))

    def _single_ok(self, k: int) -> bool:
        s = self.s
        before = s[k - 1] if k else ""
        if before in SINGLE_PREFIXES:
            return True
        if _is_kanji(before):
            return False
        if s[k] in self.gaz.alone_abbrevs and s[k + 1:k + 2] in ALONE_FOLLOWERS and not (
                _is_katakana(before) or before.isdigit() or _ASCII_WORD.match(before)):
            return True  # `米は棄権`, `比の漁民`: the news style's one-character name as a word of its own
        return any(s.startswith(x, k + 1) for x in SINGLE_SUFFIXES)

    def _context_abbrevs(self) -> None:
        """`対北制裁`, `南北`: characters that name a state only after 対/訪 or in 南北."""
        s = self.s
        for k, ch in enumerate(s):
            code = self.gaz.context_abbrevs.get(ch)
            if code is None or self.taken[k]:
                continue
            before = s[k - 1] if k else ""
            after = s[k + 1] if k + 1 < len(s) else ""
            if before in ("対", "訪") and after not in ("朝", "方", "部", "極", "東", "西", "米", "欧"):
                self.claim(k, k + 1, Entry("COUNTRY", code, code, self.gaz.display.get(code, code),
                                           self.gaz.country_en.get(code, "")))

    # -- pass 4 -----------------------------------------------------------
    def ner(self, spans: Iterable[tuple[int, int, str]]) -> None:
        spans = list(spans)
        dictionary = [(a, b) for a, b, ene in spans if ene in (DICTIONARY_PLACE, DICTIONARY_AREA)]
        for start, end, ene in spans:
            label = NER_LABELS.get(ene, "")
            if not label or end - start < 2 or not self.free(start, end):
                continue
            cut = BRACKETS.search(self.text, start, end)
            if cut:  # `国際銀行間通信協会（SWIFT`: a span never crosses a bracket
                end = cut.start()
            text = self.text[start:end]
            if len(text) < 2 or fold(text) in self.gaz.names:
                continue
            if not _ner_ok(label, text, self.s[end:end + 2]):
                continue
            if label == "PERSON":
                end = self.title_end(end)
            if label in ("GPE", "LOC") and any(a < end and start < b for a, b in dictionary):
                self.dictionary_places.add(start)  # the model's place is also the dictionary's
            self.claim(start, end, Entry(label, "", "", unicodedata.normalize("NFKC", text)))

    def glosses(self) -> None:
        """`国民民主連盟（NLD）`: an abbreviation in brackets right after an organisation or body
        names the same actor."""
        for start, end, entry in list(self.found):
            if entry.label != "ORG":
                continue
            m = GLOSS_AFTER.match(self.s, end)
            if m and self.free(m.start(1), m.end(1)):
                self.claim(m.start(1), m.end(1), entry)

    # -- context ----------------------------------------------------------
    def entities(self) -> list[Entity]:
        found = sorted(self.found, key=lambda f: (f[0], f[1]))
        by_end = {e: entry for _, e, entry in found}
        out = []
        places: list[tuple[int, str]] = []  # (end, country) of the places and states read so far
        for start, end, entry in found:
            bare = entry.label == "ORG" and fold(self.text[start:end]) in self.gaz.bare_bodies
            if entry.label in ("PERSON", "ORG") and ((not entry.country and entry.actor_id == "") or bare):
                prev = by_end.get(start - 1) if start and self.s[start - 1] == "の" else None
                code = (prev.country or prev.actor_id) if prev is not None else ""
                if code and code in self.gaz.country_codes:
                    entry = Entry(entry.label, code, code, entry.name, entry.name_en, entry.shown)
            elif entry.label in ("GPE", "LOC", "FAC") and not entry.country and entry.name not in self.gaz.no_state:
                code = self._place_context(start, places, self.text[start:end])
                if not code and start in self.dictionary_places and all(map(_is_kanji, self.text[start:end])):
                    code = "JPN"
                if code:
                    entry = Entry(entry.label, code, code, entry.name, entry.name_en, entry.shown)
            if entry.label in ("COUNTRY", "GPE", "LOC", "FAC") and entry.country:
                places.append((end, entry.country))
            out.append(Entity(start=start, end=end, text=self.text[start:end], label=entry.label,
                              actor_id=entry.actor_id, country=entry.country, name=entry.name,
                              name_en=entry.name_en, shown=entry.shown))
        return out


def find_entities(text: str, gaz: Gazetteer, ner: Sequence[tuple[int, int, str]] = (),
                  words: Sequence[tuple[int, int, str]] = ()) -> list[Entity]:
    """Every actor and place of `text` (see the module docstring), in text order; `words` are
    the tokenizer's words with their part-of-speech tags (SudachiPy's): no listed name is read
    inside a proper noun of the dictionary that names an organisation or company, and a name
    before a title is a word of its own."""
    if not text:
        return []
    f = _Finder(text, gaz, words)
    f.ambassadors()
    f.names()
    f.titled_people()
    f.compounds()
    f.ner(ner)
    f.glosses()
    return f.entities()

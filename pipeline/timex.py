"""Temporal expressions: find, type and normalise every date in a Japanese text.

    extract_timex(text, doc_date) -> list[Timex]

Pure function: no I/O, no model, deterministic, never raises.  Offsets are into the
given `text`; matching runs on a length-preserving normalisation of it (full-width
digits -> ASCII, see `timex_numerals.normalise`), so offsets need no mapping.

The grammar (SPEC §3, docs/annotation.md §1)
--------------------------------------------
Numerals:   ASCII / full-width digits, kanji numerals positional (二〇一九) or
            multiplicative (二十五, 千九百六十); `元` in era years.
Separators: spaces (ASCII, full-width) and one line break may stand between parts
            (`2024 年 6 月 19 日`, `2023\\n年`).

    point    := year [month [day]] | month [day] | day
    year     := 2024年 | 令和6年 | 令和元年 | 2019（令和元）年 | 二〇一九年
              | 今年 本年 昨年 去年 一昨年 来年 再来年      (document-relative)
              | 同年 翌年 前年 その翌年 翌々年 前々年       (discourse-relative)
              | … + 度  (fiscal year, April–March)
    month    := 6月 | 十月 | 今月 先月 来月 | 同月 翌月 前月 その翌月
    day      := 19日 | 二十五日 | 本日 昨日 | 同日 翌日 前日 当日 | 同15日 | 翌20日
    period   := point [part] [頃|ごろ|前後] [time-of-day]
              | 1960年代 [part] | 60年代 | 21世紀 [part]
              | 今週 先週 来週 | 今春 昨秋 来夏 …
    part     := 上旬 中旬 下旬 初旬 初め 半ば 末 前半 後半 終わり(頃)         (of a month)
              | 初頭 年初 年明け 初め 前半 後半 半ば 末 年末 暮れ 終わり(頃)
                上半期 下半期 第1四半期 春 夏 秋 冬                        (of a year)
    range    := period (～|〜|~|-|–|から) period [まで|にかけて]
              | prefix N (～|-) M unit          (2023年10月18～19日, 2025年1～3月, 2010～15年)
    open     := period (以降|以来|以後|以前)
    time     := [zone] [day] [(曜)] [午前|午後|朝|夜|深夜|未明 …] [N時[M分|半][台][ごろ]] | HH:MM
              | 同N時 (the 午前/午後 of the time before) | time (から|～) time  -> type TIME
    numeric  := 2021/7 | 7/18 | 2/1〜2/14 | 2021・7・18 | 令和3.7.18 | R3.7.18 | 2024.11.08
    words    := きょう あす きのう おととい この日 今夜 ことし おととし 年内 月末 再来月
              | 来週金曜日 先週9日 週末 今世紀 半世紀前 半月前
    duration := N年間 N年ぶり N年半(ぶり) 半年 Nか月 N週間 N日間 N時間   -> DURATION
    relative := [その] N(年|か月|週間|日)(前|後)    -> DATE, counted from the reference
    set      := 毎年 毎月 毎週 毎日 隔年 | 年N回 月N回 週N回 | 毎年5月   -> SET

Anchoring (SPEC §3, the reference-time model): document-relative words count from
`doc_date`; discourse anaphora and dates that omit their year (or year and month) resolve
against the *reference time*, the time the narrative stands at.  With no narrative date before
it, the document date is the reference time.  What a date omits is what puts it closest to the
reference time (a bare day takes its month from the reference only while that is a day, else
from the document date; under a chronology heading `【2024年1月】` it is in the heading's month),
and a happening told in the past tense never lands after the document date.  A date moves the
reference time only when it dates a happening of the narrative; dates that look back or qualify
a noun move nothing (`_aside`: 以来/ぶり/前回/かつて, attributive `Xの` and relative-clause
dates that look back, planned happenings qualifying a noun, background told in the perfect,
brackets, captions, dates earlier than the one opening their sentence).  With no anchor the
value keeps `X` for the unknown parts and date_start/date_end stay empty (anchor `unresolved`).

Decisions where the contract is silent (also listed in the README section on timex):
- `N年前`, `Nか月後`, `その3日後` are DATEs counted from the reference time (else
  from the document date), precision of their unit.
- A bare `N年` (not a 4-digit year) is a DURATION only with a marker of length
  around it (`約`, `過去`, `戦後`, `ここ`, `以上`, `にわたり`, `余り`, …); otherwise it is
  a figure (`100年の大変化`) and not a timex.
- `今日` (こんにち, "nowadays"), `今回`, `現在`, `今後`, `近年`, `当時` are not timex.
- Fiscal years: value `FY2024`, 2024-04-01..2025-03-31, precision year.
- Weeks: value `2024-W25`, Monday..Sunday, precision day.
- Two-digit decades: `90年代` = 1990s, `00年代`/`10年代`/`20年代` = 2000s/2010s/2020s.
- An impossible date (`2023年2月29日`, `4月31日`) is not a timex.
- Centuries: `21世紀` value `20` (TIMEX3), dates 2001-01-01..2100-12-31.
- Month parts not fixed by the contract: 前半 = 1–15, 後半 = 16–end.
  Year `終わり` (without 頃) = December like `末`.
- SET values: `P1Y` (毎年), `P1M`, `P1W`, `P1D`, `P2Y` (隔年); `年2回` -> `2X/P1Y`;
  `毎年5月` -> `XXXX-05`.
- Durations and SETs have empty precision and anchor `absolute`.
- TIME values: `2024-06-19T10:00`, `2024-06-19TNI` (夜); precision `day`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Callable, Optional, Tuple

from . import timex_calendar as cal
from .records import Timex
from .timex_calendar import Partial, UNKNOWN
from .timex_numerals import normalise, parse_number

__all__ = ["extract_timex"]

Spec = Tuple[str, int]  # ('abs', n) | ('doc', k) | ('ref', k) | ('refmonth', n) | ('next', n) | ('ctx', 0)

# ---------------------------------------------------------------------------
# 1. Lexicon: named parts of the grammar (regex source strings)
# ---------------------------------------------------------------------------

S = r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?"  # spaces, at most one line break
KANJI_NUM = "〇零一二三四五六七八九十百千"
NO_DIGIT_BEFORE = r"(?<![0-9.,万億兆])"
NO_KANJI_NUM_BEFORE = rf"(?<![{KANJI_NUM}])"
NO_KANJI_BEFORE = r"(?<![\u3400-\u9fff々])"  # the word is not the tail of a compound
NOT_COMPOUND_同 = r"(?<![合共協賛混異一帯陪会])"  # 合同日米, 共同…: not 同日

ARABIC = rf"{NO_DIGIT_BEFORE}[0-9]{{1,4}}(?![0-9])"
KANJI = rf"{NO_KANJI_NUM_BEFORE}[{KANJI_NUM}]{{1,5}}"

YEAR_NUM = (
    rf"(?:{NO_DIGIT_BEFORE}[12][0-9]{{3}}(?![0-9])"
    rf"|{NO_KANJI_NUM_BEFORE}(?:[〇零一二三四五六七八九]{{4}}|[一二]?千[〇零一二三四五六七八九十百]*))"
)
ERA = r"(?:令和|平成|昭和|大正|明治)"
ERA_NUM = r"(?:元|[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
MONTH_NUM = (
    rf"(?:{NO_DIGIT_BEFORE}(?:1[0-2]|0?[1-9])"
    rf"|{NO_KANJI_NUM_BEFORE}(?:十[一二]?|[一二三四五六七八九]))"
)
DAY_NUM = (
    rf"(?:{NO_DIGIT_BEFORE}(?:3[01]|[12][0-9]|0?[1-9])"
    rf"|{NO_KANJI_NUM_BEFORE}(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]))"
)
HOUR_NUM = r"(?:2[0-4]|1[0-9]|0?[0-9]|二十[一二三四]?|十[一二三四五六七八九]?|[〇零一二三四五六七八九])"
MINUTE_NUM = r"(?:[0-5]?[0-9]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"
COUNT_NUM = rf"(?:{ARABIC}|{NO_KANJI_NUM_BEFORE}(?:十数|数十|[{KANJI_NUM}]{{1,5}})|数)"

RANGE_SYMBOL = r"[～~〜\-–—−‐]"
ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}

# Relative words: prefix -> (base, offset).  doc = document date, ref = reference time.
REL_YEAR = {"一昨": ("doc", -2), "再来": ("doc", 2), "今": ("doc", 0), "本": ("doc", 0),
            "昨": ("doc", -1), "去": ("doc", -1), "来": ("doc", 1),
            "同": ("ref", 0), "翌": ("ref", 1), "前": ("ref", -1),
            "翌々": ("ref", 2), "前々": ("ref", -2)}
REL_MONTH = {"今": ("doc", 0), "先": ("doc", -1), "来": ("doc", 1), "先々": ("doc", -2),
             "同": ("ref", 0), "翌": ("ref", 1), "前": ("ref", -1), "翌々": ("ref", 2)}
REL_DAY = {"本": ("doc", 0), "昨": ("doc", -1), "一昨": ("doc", -2),
           "同": ("ref", 0), "当": ("ref", 0), "翌": ("ref", 1), "前": ("ref", -1),
           "翌々": ("ref", 2)}
REL_WEEK = {"今": ("doc", 0), "先": ("doc", -1), "来": ("doc", 1), "先々": ("doc", -2), "再来": ("doc", 2),
            "同": ("ref", 0), "翌": ("ref", 1), "前": ("ref", -1)}
REL_SEASON_YEAR = {"今": ("doc", 0), "昨": ("doc", -1), "来": ("doc", 1), "この": ("ref", 0),
                   "同": ("ref", 0), "翌": ("ref", 1), "前": ("ref", -1)}


def _rel_alternation(words) -> str:
    """`同|翌|…` longest first; words that often end a compound need a non-kanji before."""
    guarded = {"本", "今", "来", "前", "前々", "先", "先々", "去", "当"}
    alts = []
    for w in sorted(words, key=len, reverse=True):
        if w in guarded:
            alts.append(NO_KANJI_BEFORE + w)
        elif w == "同":
            alts.append(NOT_COMPOUND_同 + w)
        else:
            alts.append(w)
    return "(?:" + "|".join(alts) + ")"


# Month parts: name -> (first day, last day or None = month end)
MONTH_PARTS = {
    "上旬": (1, 10), "初旬": (1, 10), "初め": (1, 10), "はじめ": (1, 10), "始め": (1, 10),
    "中旬": (11, 20), "半ば": (11, 20), "なかば": (11, 20),
    "下旬": (21, None), "末": (21, None), "終わり": (21, None), "終わり頃": (21, None),
    "終わりごろ": (21, None), "前半": (1, 15), "後半": (16, None),
}
# Year parts: name -> (first month, last month), counted from the year's first month
YEAR_PARTS = {
    "初頭": (1, 3), "年初": (1, 3), "初め": (1, 3), "はじめ": (1, 3), "始め": (1, 3),
    "年明け": (1, 3), "前半": (1, 6), "上半期": (1, 6), "半ば": (4, 9), "なかば": (4, 9),
    "後半": (7, 12), "下半期": (7, 12), "終わり頃": (7, 12), "終わりごろ": (7, 12),
    "末": (12, 12), "年末": (12, 12), "暮れ": (12, 12), "終わり": (12, 12),
}
SEASONS = {"春": ("SP", 3, 5), "夏": ("SU", 6, 8), "秋": ("FA", 9, 11), "冬": ("WI", 12, 14)}
# Decade / century parts: name -> (first, last) year offsets
DECADE_PARTS = {"初頭": (0, 2), "初め": (0, 2), "はじめ": (0, 2), "前半": (0, 4),
                "半ば": (3, 6), "なかば": (3, 6), "後半": (5, 9), "末": (7, 9), "終わり": (7, 9)}
CENTURY_PARTS = {"初頭": (0, 9), "初め": (0, 9), "はじめ": (0, 9), "前半": (0, 49),
                 "半ば": (40, 59), "なかば": (40, 59), "後半": (50, 99), "末": (90, 99),
                 "終わり": (90, 99)}
TIME_OF_DAY = {"午前": "MO", "早朝": "MO", "朝": "MO", "未明": "NI", "昼": "MI",
               "午後": "AF", "夕方": "EV", "夕刻": "EV", "夜": "NI", "夜間": "NI",
               "深夜": "NI", "晩": "NI"}


# Whole words naming a day, month or year from the document date or the reference time
DAY_WORDS = {"きょう": ("doc", 0), "あす": ("doc", 1), "あした": ("doc", 1), "明日": ("doc", 1),
             "明後日": ("doc", 2), "あさって": ("doc", 2), "きのう": ("doc", -1), "おととい": ("doc", -2),
             "一昨昨日": ("doc", -3), "さきおととい": ("doc", -3),
             "この日": ("ref", 0), "同じ日": ("ref", 0)}
YEAR_WORDS = {"ことし": ("doc", 0), "おととし": ("doc", -2), "年内": ("ref", 0)}
MONTH_WORDS = {"再来月": ("doc", 2)}
# `今夜`, `昨夜`: a day word and a time of day in one
DAY_TOD_WORDS = {"今夜": ("doc", 0, "NI"), "今晩": ("doc", 0, "NI"), "今朝": ("doc", 0, "MO"),
                 "昨夜": ("doc", -1, "NI"), "昨晩": ("doc", -1, "NI"), "昨朝": ("doc", -1, "MO"),
                 "明朝": ("doc", 1, "MO"), "あすの朝": ("doc", 1, "MO"),
                 "その朝": ("ref", 0, "MO"), "その夜": ("ref", 0, "NI"), "その晩": ("ref", 0, "NI")}
# Times of day after which a clock hour below 12 is in the afternoon or evening
PM_WORDS = {"午後", "夕方", "夕刻", "晩", "夜", "夜間"}
# `半世紀前`, `四半世紀前`, `半月前`: (count, unit) of a relative offset written as a word
WORD_OFFSETS = {"四半世紀": (25, "年"), "半世紀": (50, "年"), "一世紀": (100, "年"), "半月": (15, "日")}
# `約`, `およそ` before a length belong to its span (`約86分`, `約20年ぶり`)
APPROX_BEFORE_RE = re.compile(r"(?:約|およそ|ほぼ)[ \t\u3000]*$")
# A time zone named before a date or time belongs to its span (`米東部時間24日午前0時`)
ZONE_BEFORE_RE = re.compile(
    r"(?:日本時間|現地時間|(?:米国?|米)?(?:東部|西部|中部|太平洋|山岳部)(?:標準|夏)?時間|モスクワ時間|北京時間"
    r"|ワシントン時間|ニューヨーク時間|英国時間|欧州中部時間|グリニッジ標準時|協定世界時)(?:の)?[ \t\u3000]*$")


def _alt(words) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


MONTH_PART = (r"(?:上旬|中旬|下旬|初旬|初め(?!て|た|る|ま|と)|はじめ(?!て|た|る|ま|と)"
              r"|始め(?!て|た|る|ま)|半ば|なかば|前半|後半|末(?!期|端|尾)|終わりごろ|終わり頃|終わり)")
SEASON = r"(?:春|夏|秋|冬)季?(?!節|闘|分|学)"
QUARTER = rf"第{S}[1-4一二三四]{S}四半期"
YEAR_PART = (r"(?:初頭|年初|初め(?!て|た|る|ま|と)|はじめ(?!て|た|る|ま|と)|始め(?!て|た|る|ま)"
             r"|年明け|前半|後半|上半期|下半期|半ば|なかば|年末|末(?!期|端|尾)|暮れ"
             rf"|終わりごろ|終わり頃|終わり|{SEASON}|{QUARTER})")
DECADE_PART = r"(?:初頭|初め(?!て|た|る)|はじめ(?!て|た|る)|前半|後半|半ば|なかば|末(?!期)|終わり)"


# ---------------------------------------------------------------------------
# 2. Compiled token regexes (compiled once, matched with .match(s, pos))
# ---------------------------------------------------------------------------

def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern)


YEAR_RE = _c(
    rf"(?:(?P<w4>{YEAR_NUM}){S}年{S}[（(]{S}{ERA}{S}{ERA_NUM}{S}年{S}[）)](?P<fy4>)"  # 2024年（令和6年）
    rf"|(?P<era5>{ERA}){S}(?P<en5>{ERA_NUM}){S}年{S}[（(]{S}(?P<w5>[12][0-9]{{3}}){S}年{S}[）)]"  # 平成29年（2017年）
    rf"|(?:(?:(?P<w>{YEAR_NUM}){S}[（(]{S}{ERA}{S}{ERA_NUM}{S}[）)]"  # 2019（令和元）年
    rf"|(?P<era>{ERA}){S}(?P<en>{ERA_NUM})(?:{S}[（(]{S}(?P<w2>[12][0-9]{{3}}){S}[）)])?"  # 令和6年
    rf"|(?P<w3>{YEAR_NUM})"
    rf"|(?:その)?(?P<rel>{_rel_alternation(REL_YEAR)}))"
    rf"{S}年(?P<fy>度)?(?!代|間|ぶり|版|号)))"
)
MONTH_RE = _c(
    rf"(?:(?P<n>{MONTH_NUM}){S}月(?!間|ぶり|額|給|賦)"
    rf"|(?:その)?(?P<rel>{_rel_alternation(REL_MONTH)})月(?!間|ぶり|比|刊|給|額|曜|謝))"
)
DAY_RE = _c(
    rf"(?:(?P<rd>{NOT_COMPOUND_同}同|翌){S}(?P<n2>{DAY_NUM}){S}日(?!間|ぶり)"
    rf"|(?P<n>{DAY_NUM}){S}日(?!間|ぶり|目|当|連続|おき|余り)"
    rf"|(?:その)?(?P<rel>{_rel_alternation(REL_DAY)})日(?!間|ぶり|中[国韓])"
    rf")"
)
SEP_RE = _c(S)
MONTH_PART_RE = _c(rf"{S}(?:の{S})?(?P<p>{MONTH_PART})")
YEAR_PART_RE = _c(rf"{S}(?:の{S})?(?P<p>{YEAR_PART})")
DECADE_PART_RE = _c(rf"{S}(?:の{S})?(?P<p>{DECADE_PART})")
MONTH_PART_ONLY_RE = _c(rf"(?P<p>{MONTH_PART})")
YEAR_PART_ONLY_RE = _c(rf"(?P<p>{YEAR_PART})")
RANGE_END_BLOCK_RE = _c(rf"{S}(?:間|ぶり|前|後|以上)")  # `から3日間`, `から2年後`: not a range end
DOC_DATE_RE = _c(r"\s*([0-9]{4})(?:[-/]([0-9]{1,2})(?:[-/]([0-9]{1,2}))?)?")
APPROX_RE = _c(rf"{S}(?:頃|ごろ|ころ(?![がぶん])|前後)")
DECADE_RE = _c(
    rf"(?:(?P<era>{ERA}){S}(?P<en>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    rf"|(?P<n>{NO_DIGIT_BEFORE}(?:[12][0-9]{{3}}|[0-9]{{2}})(?![0-9])"
    rf"|{NO_KANJI_NUM_BEFORE}[〇零一二三四五六七八九十百千]{{2,6}})){S}年代"
)
CENTURY_RE = _c(
    rf"(?P<n>{NO_DIGIT_BEFORE}[0-9]{{1,2}}(?![0-9])"
    rf"|{NO_KANJI_NUM_BEFORE}(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])){S}世紀"
)
WEEK_RE = _c(rf"(?:その)?(?P<rel>{_rel_alternation(REL_WEEK)})週(?!間|刊|末|報|明け)")
# a day in a week: `来週金曜日`, `来週月曜`, `先週9日`; the weekend of the document's week: `週末`
WEEK_DAY_RE = _c(rf"{S}(?:の{S})?(?:(?P<wd>[月火水木金土日])曜(?:日)?|(?P<d>{DAY_NUM}){S}日(?!間|目|連続))")
WEEKEND_RE = _c(r"(?<![\u3400-\u9fff])(?:今|この|先|来)?週末(?![\u3400-\u9fff])")
WEEKDAYS = "月火水木金土日"
CENTURY_WORD_RE = _c(r"(?<![\u3400-\u9fff])今世紀")
QUARTER_ALONE_RE = _c(rf"(?<![年度{KANJI_NUM}0-9]){QUARTER}")
SEASON_WORD_RE = _c(rf"(?P<rel>{_rel_alternation(REL_SEASON_YEAR)})(?P<s>{SEASON})")
DAY_WORD_RE = _c(rf"(?P<w>{'|'.join(sorted(DAY_WORDS, key=len, reverse=True))})(?![本米中韓露ロ英独仏豪印欧系経銀台越比伊加蘭朝々]|[\u3041-\u3093](?<![はにのもがをとでへやかま、]))")
YEAR_WORD_RE = _c(rf"(?<![\u3041-\u3096\u3400-\u9fff0-9])(?P<w>{'|'.join(YEAR_WORDS)})")
MONTH_WORD_RE = _c(rf"(?P<w>{'|'.join(MONTH_WORDS)})|(?<![\u3400-\u9fff])(?P<w2>月末)")
# a part of the reference month or year opening a chronology row (`中旬　…`, `春以降　…`)
ROW_PART_RE = _c(r"(?P<w>上旬|中旬|下旬|初旬|月末|月初め|月初|月半ば|年末|年初|春|夏|秋|冬)(?=以降|以来|から|まで|[\t\u3000]|に(?![\u3041-\u3093]))")
PARTICLES = set("のはもにがをとでへや")
NEW_YEARS_DAY_RE = _c(rf"{S}(?:の{S})?(?:元日|元旦)")
DAY_TOD_WORD_RE = _c(rf"(?<![\u3400-\u9fff])(?P<w>{'|'.join(sorted(DAY_TOD_WORDS, key=len, reverse=True))})(?![\u3400-\u9fff])")
WORD_OFFSET_RE = _c(rf"(?P<w>{'|'.join(sorted(WORD_OFFSETS, key=len, reverse=True))}){S}(?P<dir>前|後)(?!半|者|期)")
SEASON_YEAR_RE = _c(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<s>春|夏|秋|冬)(?!季|節|闘|分|学)")
REL_TOD_RE = _c(
    rf"(?:その)?(?P<rel>{NOT_COMPOUND_同}同|{NO_KANJI_BEFORE}当|翌|{NO_KANJI_BEFORE}前)"
    rf"(?P<tod>朝|夜|晩)(?![\u3400-\u9fff])"
)
# `10時` as a clock hour, not `時間`, `時点`, `時代` …
HOUR_WORD = r"時(?!間|点|代|期|的|々|計|刻|事|給|差|効|速)"


def _minutes(tag: str) -> str:
    """`30分` or `半` after an hour, as groups `mi{tag}` / `half{tag}`."""
    return rf"(?:{S}(?P<mi{tag}>{MINUTE_NUM}){S}分(?!間)|(?P<half{tag}>半))?"


TIME_TAIL_RE = _c(
    rf"{S}(?:の)?(?:(?P<tod>{_alt(TIME_OF_DAY)})"
    rf"(?:{S}(?P<h>{HOUR_NUM}){S}{HOUR_WORD}" + _minutes("") + ")?"
    rf"|(?P<h2>{HOUR_NUM}){S}{HOUR_WORD}" + _minutes("2")
    + r"|(?P<noon>正午))"
)
TIME_RE = _c(
    rf"(?P<same>{NOT_COMPOUND_同}同{S})?"
    rf"(?:(?P<tod>午前|午後|早朝|未明|深夜|夜間|夕方|夕刻|朝|夜|晩){S}(?P<h>{HOUR_NUM})"
    rf"|(?P<h2>{NO_DIGIT_BEFORE}(?:2[0-4]|1[0-9]|0?[0-9])))"
    rf"{S}{HOUR_WORD}" + _minutes("") + rf"(?P<dai>{S}台)?"
)
CLOCK_RE = _c(r"(?<![0-9:/.])(?P<h>2[0-4]|[01]?[0-9]):(?P<mi>[0-5][0-9])(?![0-9:])")
WEEKDAY_RE = _c(rf"{S}[（(][月火水木金土日](?:曜日?)?[）)]")
CONN_RE = _c(rf"{S}(?P<c>{RANGE_SYMBOL}|から){S}")
CLOSE_RE = _c(rf"{S}(?:まで|にかけて|にかけ)")
OPEN_RE = _c(rf"{S}(?P<o>以降|以来|以後|以前|来(?=[の、，,]))")
COMPACT_RE = _c(
    rf"(?P<a>{ARABIC}|{KANJI}){S}(?P<c>{RANGE_SYMBOL}){S}(?P<b>[0-9]{{1,4}}|[{KANJI_NUM}]{{1,5}})"
    rf"{S}(?P<u>年代|年(?!間|ぶり|前|後)|月(?!間|ぶり)|日(?!間|ぶり))"
)
SHORT_YEAR_RE = _c(rf"(?P<n>{NO_DIGIT_BEFORE}[0-9]{{2}})(?![0-9]){S}年(?!間|ぶり|代|前|後|度)")
SHORT_FISCAL_RE = _c(rf"(?P<n>{NO_DIGIT_BEFORE}[0-9]{{2}})(?![0-9]){S}年度")
# what makes a lone two-digit year a date (`25年に入ると`, `24年秋`, `22年末`)
SHORT_YEAR_DATE_AFTER_RE = _c(rf"{S}(?:に入|初め|初頭|前半|後半|半ば|末|春|夏|秋|冬)")
MAGAZINE_RE = _c(rf"{S}(?:合併)?号")
NUMERIC_DATE_RE = _c(
    r"(?<![0-9./\-:])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[/.\-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9]|[./\-][0-9])"
)
YEAR_MONTH_NUMERIC_RE = _c(r"(?<![0-9./\-:])(?P<y>(?:19|20)[0-9]{2})/(?P<m>1[0-2]|0?[1-9])(?![0-9]|/[0-9])")
MONTH_DAY_NUMERIC_RE = _c(
    r"(?<![0-9./\-:約])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9/%.])"
    rf"(?=[（(]|に|から|まで|[、，,～〜~\-–]|{S}[（(]|\s|$|は|ー)")
DOT_DATE_RE = _c(
    r"(?:(?<![0-9./])(?P<y>(?:19|20)[0-9]{2})・(?P<m>1[0-2]|0?[1-9])・(?P<d>3[01]|[12][0-9]|0?[1-9])"
    r"|(?P<era>令和|平成|昭和|(?<![A-Za-z])[RHS])(?P<ey>元|[0-9]{1,2})[.．](?P<m2>1[0-2]|0?[1-9])[.．](?P<d2>3[01]|[12][0-9]|0?[1-9]))"
    r"(?![0-9])")
ERA_LETTER = {"R": "令和", "H": "平成", "S": "昭和"}
DURATION_RE = _c(
    rf"(?:(?P<n>{COUNT_NUM}){S}(?P<u>年|ヶ年|か年|カ年|か月|カ月|ヶ月|か月|週間|日|時間|分(?=間|ぶり))"
    rf"(?P<half>{S}半)?(?P<suf>{S}(?:間|ぶり))?"
    rf"|(?P<hy>半年)(?P<suf2>間|ぶり)?)"
)
RELATIVE_RE = _c(
    rf"(?P<sono>その{S})?(?P<n>{NO_DIGIT_BEFORE}[0-9]{{1,3}}(?![0-9])|{NO_KANJI_NUM_BEFORE}[{KANJI_NUM}]{{1,3}}|半)"
    rf"{S}(?P<u>年|ヶ年|カ年|か月|カ月|ヶ月|週間|日){S}(?P<dir>前|後)(?!後|半|者|期|方|述|記|日|月|年|継|任|身)"
)
SET_RE = _c(
    rf"(?:(?P<every>毎年|毎月|毎週|毎日|毎朝|毎晩|隔年|隔月|隔週)"
    rf"|(?<![0-9{KANJI_NUM}年月週日])(?P<per>年|月|週){S}(?:に{S})?"
    rf"(?P<n>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}}|数){S}(?P<what>回(?!目|戦|忌|大会|会合|会議)|日(?!間|目|連続))"
    rf"|(?P<k>{NO_DIGIT_BEFORE}[0-9]{{1,2}}|{NO_KANJI_NUM_BEFORE}[一二三四五六七八九十]{{1,2}}){S}(?P<ku>日|週間|か月|カ月|ヶ月|年){S}おき)"
)
RECENT_SPAN_RE = _c(
    rf"(?:ここ|この){S}(?:数|十数|[0-9]{{1,2}}{S}[,、，～~\-]{S}[0-9]{{1,2}}|(?P<n>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}}))"
    rf"{S}(?P<u>年|か月|カ月|ヶ月|週間|日)(?:{S}間)?(?!前|後|代|度|生|目)"
)
# the smaller units that may follow a duration's first unit (`1年2ヶ月10日`, `1時間30分`)
# a bare count of minutes is a length after `約`/`飛行`/`最長` (`飛行86分`, `約74分`)
MINUTES_RE = _c(rf"(?P<n>{NO_DIGIT_BEFORE}[0-9]{{1,4}})(?![0-9]){S}分(?![の後前間野析担裂断割散配類]|半|ごろ|頃)")
MINUTES_CONTEXT_BEFORE = ("約", "およそ", "飛行", "最長", "わずか", "計", "ほぼ")
DURATION_MORE_RE = _c(rf"{S}(?P<n>{ARABIC}|{NO_KANJI_NUM_BEFORE}[{KANJI_NUM}]{{1,4}}){S}(?P<u>ヶ月|か月|カ月|週間|日|時間|分)")
DURATION_UNIT_ORDER = {"年": 0, "か月": 1, "週間": 2, "日": 3, "時間": 4, "分": 5}
DURATION_CONTEXT_AFTER_RE = _c(
    rf"{S}(?:以上|近く|近い|余り|あまり|超|強|弱|にわた|に及|が経|が過ぎ|を経|越し|来|も(?:の間|続)"
    rf"|を迎え|という(?:歳月|年月|時間|期間)|の(?:刑|任期|期間|歳月|延長)|延長|に(?:短縮|減)|で(?:失効|終了|満了))"
)
DURATION_CONTEXT_BEFORE = ("過去", "ここ", "約", "およそ", "戦後", "わずか", "僅か", "実に", "禁錮", "懲役",
                           "から", "任期は", "原則として", "以降の",
                           "この", "最長", "最大", "足掛け", "足かけ", "計", "ほぼ", "同じ")

TRIGGER_RE = _c(
    rf"{NO_DIGIT_BEFORE}[0-9]|{NO_KANJI_NUM_BEFORE}[{KANJI_NUM}]"
    r"|[令平昭大明そこ同翌前今本昨去来再先当毎隔半数午正きあおさ早未深夜夕朝晩日現米東西中太山モ北ワニ英欧グ協四一]"
    r"|(?<![A-Za-z])[RHS](?=[0-9])|月(?=末)|年(?=内|末|初)|[上下初春夏秋冬](?=[旬頭以])|[春夏秋冬](?=[\t\u3000])|週(?=末)|第(?=[1-4一二三四]四半期)"
    rf"|[年月週](?={S}(?:に{S})?(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}}|数){S}[回日])"
)
URL_RE = _c(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
DAI_RE = _c(r"第[ \t\u3000]*$")

STANDALONE_DAY_BLOCK = set("本米中韓露ロ英独仏豪印欧系経銀台越比伊加蘭")
# `19 日に`: a spaced bare day is a date only before a case particle or a comma
STANDALONE_DAY_PARTICLES = set("にのまか、，,")
# The sentence a short year `23 年には` may continue: a four-digit year earlier in it
SENTENCE_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \t\u3000]*年")
REPORT_DATE_RE = re.compile(r"[ \t\u3000]*(?:付|発)")
FLASHBACK_RE = re.compile(r"前回|かつて|以前に|当時|過去に")
SHORT_YEAR_AFTER = ("には", "に", "は", "も", "の", "、", "，", "と", "まで", "から")


# ---------------------------------------------------------------------------
# 3. Parsed structures
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """A calendar period as written, before anchoring."""

    kind: str = "point"  # point | decade | century | week
    year: Optional[Spec] = None
    month: Optional[Spec] = None
    day: Optional[Spec] = None
    fiscal: bool = False
    part: Optional[str] = None  # key of MONTH_PARTS / YEAR_PARTS / SEASONS / 'Q1'…
    time: Optional[Tuple[Optional[str], Optional[int], int]] = None  # (tod code, hour, minute)
    number: int = 0  # decade first year / century ordinal
    era_decade: bool = False
    end: int = 0  # offset just after the period in the text

    @property
    def unit(self) -> str:
        if self.kind != "point":
            return self.kind
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # period | range | open | before | duration | set | relative | block
    first: Optional[Period] = None
    last: Optional[Period] = None
    value: str = ""  # for duration / set
    rel: Optional[Tuple[int, str, int]] = None  # (count, unit, sign) for relative


# ---------------------------------------------------------------------------
# 4. Parsing helpers (grammar -> Period)
# ---------------------------------------------------------------------------

def _num(s: str | None) -> int | None:
    return None if s is None else parse_number(s)


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u3096" or "\u30a1" <= ch <= "\u30fa"


def _at_row_start(s: str, pos: int) -> bool:
    """`pos` opens a line, after at most a bullet (`・`, `■`) and spaces."""
    line = s.rfind("\n", 0, pos) + 1
    return not s[line:pos].strip(" \t\u3000・●■□◆◇")


def _is_kanji(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or ch == "々"


def _parse_year(s: str, pos: int) -> tuple[Spec, bool, int] | None:
    w = YEAR_WORD_RE.match(s, pos)
    if w:  # ことし, おととし, 年内
        return YEAR_WORDS[w.group("w")], False, w.end()
    m = YEAR_RE.match(s, pos)
    if not m:
        return None
    if m.group("w4") or m.group("w5"):  # a year glossed by its era year, or the reverse
        return ("abs", int(_num(m.group("w4")) if m.group("w4") else int(m.group("w5")))), False, m.end()
    fiscal = m.group("fy") is not None
    if m.group("rel"):
        nxt = s[m.end():m.end() + 2]
        word = m.group("rel")
        if nxt[:1] in ("金", "鑑", "齢", "輩", "賀", "表") or (word == "前" and (nxt[:1] == "比" or nxt == "同期")):
            return None
        base, k = REL_YEAR[word]
        return (base, k), fiscal, m.end()
    if m.group("era"):
        n = _num(m.group("en"))
        if m.group("w2"):
            year = int(m.group("w2"))
        elif n is None or not 1 <= n <= 99:
            return None
        else:
            year = ERA_BASE[m.group("era")] + n
    else:
        year = _num(m.group("w") or m.group("w3"))
    if year is None or not 1000 <= year <= 2199:
        return None
    return ("abs", year), fiscal, m.end()


def _parse_month(s: str, pos: int) -> tuple[Spec, int] | None:
    m = MONTH_RE.match(s, pos)
    if not m:
        return None
    if m.group("rel"):
        return REL_MONTH[m.group("rel")], m.end()
    n = _num(m.group("n"))
    if n is None or not 1 <= n <= 12:
        return None
    return ("abs", n), m.end()


def _parse_day(s: str, pos: int, *, standalone: bool, loose: bool) -> tuple[Spec, int] | None:
    m = DAY_RE.match(s, pos)
    if not m:
        return None
    if m.group("rd"):
        n = _num(m.group("n2"))
        if n is None or not 1 <= n <= 31:
            return None
        return ("refmonth" if m.group("rd") == "同" else "next", n), m.end()
    if m.group("rel"):
        return REL_DAY[m.group("rel")], m.end()
    raw = m.group("n")
    n = _num(raw)
    if n is None or not 1 <= n <= 31:
        return None
    if standalone and not loose:
        # A day with no month (`19日`): only tight ASCII digits, never the head of a
        # compound (`1 日本`, `日米` after a footnote number).
        nxt = s[m.end():m.end() + 2]
        gap = m.end() - pos - len(raw) - 1
        if not raw.isascii() or gap < 0 or (gap > 0 and not (gap == 1 and s[pos + len(raw)] == " "
                                                             and nxt[:1] in STANDALONE_DAY_PARTICLES)):
            return None
        if nxt[:1] in STANDALONE_DAY_BLOCK or nxt in ("朝鮮", "朝関", "朝首", "朝会", "朝間", "朝国", "も早"):
            return None
    return ("abs", n), m.end()


def _parse_point(s: str, pos: int, *, loose: bool = False) -> Period | None:
    y = _parse_year(s, pos)
    if y:
        spec, fiscal, p = y
        per = Period(year=spec, fiscal=fiscal, end=p)
        if fiscal:
            return per
        nd = NEW_YEARS_DAY_RE.match(s, p)
        if nd:  # `2024年の元日`
            return Period(year=spec, month=("abs", 1), day=("abs", 1), end=nd.end())
        mo = _parse_month(s, SEP_RE.match(s, p).end())
        if mo and mo[0][0] == "abs" and not _row_break(s, pos, p, mo[1]):
            per = replace(per, month=mo[0], end=mo[1])
            da = _parse_day(s, SEP_RE.match(s, mo[1]).end(), standalone=False, loose=loose)
            if da and da[0][0] == "abs" and not _row_break(s, pos, mo[1], da[1]):
                per = replace(per, day=da[0], end=da[1])
        return per if _plausible(per) else replace(per, kind="invalid")
    mo = _parse_month(s, pos)
    if mo:
        per = Period(month=mo[0], end=mo[1])
        da = _parse_day(s, SEP_RE.match(s, mo[1]).end(), standalone=False, loose=loose)
        if da and da[0][0] == "abs":
            per = replace(per, day=da[0], end=da[1])
        return per if _plausible(per) else replace(per, kind="invalid")
    da = _parse_day(s, pos, standalone=True, loose=loose)
    if da:
        return Period(day=da[0], end=da[1])
    return None


def _plausible(per: Period) -> bool:
    """Reject impossible absolute dates (2023年2月29日, 4月31日)."""
    y = per.year[1] if per.year and per.year[0] == "abs" else None
    m = per.month[1] if per.month and per.month[0] == "abs" else None
    d = per.day[1] if per.day and per.day[0] == "abs" else None
    return cal.is_valid(y, m, d)


def _parse_time_tail(s: str, pos: int) -> tuple[tuple, int] | None:
    m = TIME_TAIL_RE.match(s, pos)
    if not m:
        return None
    if m.group("noon"):
        return (None, 12, 0), m.end()
    tod = m.group("tod")
    code = TIME_OF_DAY.get(tod) if tod else None
    h = _num(m.group("h") or m.group("h2"))
    if h is None:
        if tod is None or (m.end() < len(s) and _is_kanji(s[m.end()])):
            return None
        return (code, None, 0), m.end()
    minute = 30 if (m.group("half") or m.group("half2")) else (_num(m.group("mi") or m.group("mi2")) or 0)
    return _clock(tod, h, minute), m.end()


def _clock(tod: str | None, h: int, minute: int):
    if tod in PM_WORDS and h < 12 and not (tod in ("夜", "夜間") and h < 5):
        h += 12
    elif tod == "深夜" and 6 <= h < 12:
        h += 12
    elif tod == "午前" and h == 12:  # 午前12時 = midnight (docs/annotation.md §1.3)
        h = 0
    if not (0 <= h <= 24 and 0 <= minute <= 59):
        return None
    return (None, h, minute)


def _parse_period(s: str, pos: int, *, loose: bool = False) -> Period | None:
    """period := decade | century | week | season word | point [part] [頃] [time]."""
    m = DECADE_RE.match(s, pos)
    if m:
        per = _decade(m)
        if per:
            return _with_part(s, per, DECADE_PART_RE, DECADE_PARTS)
    m = CENTURY_RE.match(s, pos)
    if m:
        n = _num(m.group("n"))
        if n and 1 <= n <= 30:
            return _with_part(s, Period(kind="century", number=n, end=m.end()), DECADE_PART_RE, CENTURY_PARTS)
    m = WEEK_RE.match(s, pos)
    if m:
        per = Period(kind="week", day=REL_WEEK[m.group("rel")], end=m.end())
        d = WEEK_DAY_RE.match(s, m.end())
        if d:  # the day of that week (`来週金曜日` → its Friday, `先週9日` → the 9th in it)
            part = f"WD{WEEKDAYS.index(d.group('wd')) + 1}" if d.group("wd") else f"D{_num(d.group('d'))}"
            per = replace(per, part=part, end=d.end())
        return per
    m = WEEKEND_RE.match(s, pos)
    if m:
        word = m.group()
        k = {"先": -1, "来": 1}.get(word[0], 0)
        return Period(kind="week", day=("doc", k), part="WE", end=m.end())
    m = CENTURY_WORD_RE.match(s, pos)
    if m:  # 今世紀: the century of the document date
        return Period(kind="century", number=0, end=m.end())
    m = QUARTER_ALONE_RE.match(s, pos)
    if m:  # 第2四半期 with no year: of the reference year
        q = _num(re.sub(r"[^0-9一二三四]", "", m.group())[:1])
        return Period(year=("ref", 0), part=f"Q{q}", end=m.end())
    m = SEASON_WORD_RE.match(s, pos)
    if m:
        per = Period(year=REL_SEASON_YEAR[m.group("rel")], part=m.group("s")[0], end=m.end())
        return _with_approx(s, per)
    m = REL_TOD_RE.match(s, pos)
    if m:
        spec = REL_DAY[m.group("rel")]
        return Period(day=spec, time=(TIME_OF_DAY[m.group("tod")], None, 0), end=m.end())
    m = DAY_TOD_WORD_RE.match(s, pos)
    if m:
        kind, k, code = DAY_TOD_WORDS[m.group("w")]
        return Period(day=(kind, k), time=(code, None, 0), end=m.end())
    m = SEASON_YEAR_RE.match(s, pos)
    if m:  # `2021春`
        return _with_approx(s, Period(year=("abs", int(m.group("y"))), part=m.group("s"), end=m.end()))
    for regex, table, field in ((DAY_WORD_RE, DAY_WORDS, "day"), (MONTH_WORD_RE, MONTH_WORDS, "month"),
                                (ROW_PART_RE, None, "part")):
        m = regex.match(s, pos)
        if m and field == "part":
            if not _at_row_start(s, pos):
                continue
            word = m.group("w")
            if word in MONTH_PARTS or word in ("月末", "月初め", "月初", "月半ば"):
                key = {"月末": "末", "月初め": "初め", "月初": "初め", "月半ば": "半ば"}.get(word, word)
                return _with_approx(s, Period(month=("ref", 0), part=key, end=m.end()))
            return _with_approx(s, Period(year=("ref", 0), part=word[0] if word[0] in SEASONS else word, end=m.end()))
        if m and field == "day" and pos > 0 and _is_kana(s[pos - 1]) and s[pos - 1] not in PARTICLES:
            continue
        if m:
            if field == "month" and m.group("w2"):  # `月末に公表`: the end of the reference month
                return _with_approx(s, Period(month=("ref", 0), part="末", end=m.end()))
            per = Period(end=m.end(), **{field: table[m.group("w")]})
            if field == "year":
                return _with_part(s, per, YEAR_PART_RE, None)
            if field == "month":
                return _with_part(s, per, MONTH_PART_RE, MONTH_PARTS)
            return _with_time(s, _with_approx(s, per))
    per = _parse_point(s, pos, loose=loose)
    if per is None or per.kind == "invalid":
        return per
    if per.unit == "year":
        per = _with_part(s, per, YEAR_PART_RE, None)
        if per.part is None and per.year[0] == "abs" and _names_an_event(s, per.end):
            return replace(per, kind="invalid")
    elif per.unit == "month":
        per = _with_part(s, per, MONTH_PART_RE, MONTH_PARTS)
    else:
        per = _with_time(s, _with_approx(s, per))
    return per


LINE_END_RE = re.compile(r"[ \t\u3000]*(?:[（(][^）)\n]{1,4}[）)])?[ \t\u3000]*\r?\n")
ROW_START_RE = re.compile(r"\n[ \t\u3000]*[^\s]{1,12}[\t\u3000]")


def _row_break(s: str, start: int, a: int, b: int) -> bool:
    """A line break between two parts of a date (`■2024年9月\n21日　大雨…`) that ends a heading
    line of its own, before a chronology or table row: the parts are two expressions."""
    nl = s.find("\n", a, b)
    if nl < 0:
        return False
    line = s.rfind("\n", 0, start) + 1
    return not s[line:start].strip(" \t\u3000・●■□◆◇【〔［[") and bool(ROW_START_RE.match(s, nl))


def _with_time(s: str, per: Period) -> Period:
    """A day with its time of day (`19日午後3時ごろ`, `2024年6月19日(水)20時38分`): a weekday in
    brackets between them belongs to the span, and so does `ごろ` after the time; never across
    a line break (`平成27年7月15日（水曜日）\n午前九時開議` are two lines of a record)."""
    pos = per.end
    if LINE_END_RE.match(s, pos):
        return per
    wd = WEEKDAY_RE.match(s, pos)
    t = _parse_time_tail(s, wd.end() if wd else pos)
    if not t and wd:
        m = CLOCK_RE.match(s, SEP_RE.match(s, wd.end()).end())
        if m:
            t = (None, int(m.group("h")), int(m.group("mi"))), m.end()
    if t and t[0] is not None:
        per = replace(per, time=t[0], end=t[1])
        per = _with_approx(s, per)
    return per


# a bare year directly followed by a word is part of an event's name (`2018年南北首脳会談`,
# `2024年米大統領選`), not a timex; these characters may follow a year in a date
YEAR_FOLLOWERS = set("度代初頭末半前後間上下中内来以春夏秋冬頃同当明暮版号現時以降秋期")


EVENT_NAME_RE = re.compile(
    r"[\u30a1-\u30fa\u3400-\u9fff・ー]{0,14}?(?:首脳会談|会談|会議|サミット|大統領選|総選挙|選挙|宣言|合意|共同声明"
    r"|五輪|オリンピック|大会|戦争|紛争|危機|事件|地震|震災|万博|条約|協定|演習|クーデター|政変|事変|蜂起|暴動|テロ)")


def _names_an_event(s: str, pos: int) -> bool:
    """`2018年南北首脳会談`, `2024年米大統領選`: the year is part of an event's name."""
    nxt = s[pos:pos + 1]
    if not nxt or nxt in YEAR_FOLLOWERS:
        return False
    return bool(EVENT_NAME_RE.match(s, pos))


def _decade(m: re.Match) -> Period | None:
    if m.group("era"):
        n = _num(m.group("en"))
        if n is None or n % 10 or not 0 <= n <= 60:
            return None
        start = ERA_BASE[m.group("era")] + max(n, 1)
        return Period(kind="decade", number=start, era_decade=True, end=m.end())
    n = _num(m.group("n"))
    if n is None or n % 10:
        return None
    if n < 100:  # 90年代 -> 1990s; 10年代, 20年代 -> 2010s, 2020s
        n += 2000 if n < 30 else 1900
    if not 1000 <= n <= 2190:
        return None
    return Period(kind="decade", number=n, end=m.end())


def _with_part(s: str, per: Period, part_re: re.Pattern, table) -> Period:
    m = part_re.match(s, per.end)
    if m:
        word = m.group("p")
        if per.kind == "point" and per.unit == "year":
            if word[0] in SEASONS:
                if not per.fiscal:
                    per = replace(per, part=word[0], end=m.end())
            elif word.startswith("第"):
                q = _num(word.lstrip("第").strip()[:1])
                per = replace(per, part=f"Q{q}", end=m.end())
            elif word in YEAR_PARTS:
                per = replace(per, part=word, end=m.end())
        elif table is not None and word in table:
            per = replace(per, part=word, end=m.end())
    return _with_approx(s, per)


def _with_approx(s: str, per: Period) -> Period:
    m = APPROX_RE.match(s, per.end)
    return replace(per, end=m.end()) if m else per


def _end_part(s: str, pos: int, start: Period) -> Period | None:
    """`6月上旬から中旬`, `2024年春から夏`: the end repeats only the part word."""
    if start.kind != "point" or start.part is None:
        return None
    if start.unit == "month":
        m = MONTH_PART_ONLY_RE.match(s, pos)
        if m and m.group("p") in MONTH_PARTS:
            return replace(start, part=m.group("p"), end=m.end())
    elif start.unit == "year":
        m = YEAR_PART_ONLY_RE.match(s, pos)
        if m:
            word = m.group("p")
            if word[0] in SEASONS:
                return replace(start, part=word[0], end=m.end())
            if word in YEAR_PARTS:
                return replace(start, part=word, end=m.end())
    return None


# ---------------------------------------------------------------------------
# 5. Expression parsers: each takes (s, pos) and returns a Candidate or None
# ---------------------------------------------------------------------------

def _parse_date_expression(s: str, pos: int) -> Candidate | None:
    start = _parse_period(s, pos)
    if start is None:
        return _parse_compact(s, pos, None, pos)
    if start.kind == "invalid":  # 2023年2月29日, 4月31日: not a calendar date
        return Candidate(pos, start.end, "block")
    if MAGAZINE_RE.match(s, start.end) and start.kind == "point" and (
        start.unit == "month" or start.part in SEASONS
    ):
        return Candidate(pos, MAGAZINE_RE.match(s, start.end).end(), "block")
    if start.kind == "point" and start.part is None and start.time is None and start.unit in ("year", "month"):
        compact = _parse_compact(s, start.end, start, pos)
        if compact:
            return compact
    rng = _parse_range_tail(s, pos, start)
    if rng:
        return rng
    m = OPEN_RE.match(s, start.end)
    if m and start.time is None:
        kind = "before" if m.group("o") == "以前" else "open"
        return Candidate(pos, m.end(), kind, first=start)
    return Candidate(pos, start.end, "period", first=start)


def _parse_range_tail(s: str, pos: int, start: Period) -> Candidate | None:
    if start.time is not None:
        return _time_range_tail(s, pos, start)
    c = CONN_RE.match(s, start.end)
    if not c:
        return None
    end = (_parse_period(s, c.end(), loose=True) or _short_year_end(s, c.end(), start)
           or _end_part(s, c.end(), start))
    if end is not None and end.time is None and _end_ok(s, end.end) and _same_family(start, end):
        close = CLOSE_RE.match(s, end.end)
        return Candidate(pos, close.end() if close else end.end, "range", first=start, last=end)
    if c.group("c") in ("～", "~") and end is None:
        nxt = s[c.end():c.end() + 1]
        if nxt == "" or nxt in "）)」』、。，,.\n]】" or nxt.isspace():
            return Candidate(pos, start.end + len(s[start.end:c.end()].rstrip()), "open", first=start)
    return None


def _time_range_tail(s: str, pos: int, start: Period) -> Candidate | None:
    """From a time to another: on another day (`13日夜から14日未明にかけて`) a DATE range of the
    days; on the same day (`7時28分頃から7時29分頃`, `10時15分～10時29分`) a TIME range."""
    c = CONN_RE.match(s, start.end)
    if not c:
        return None
    end = _parse_period(s, c.end(), loose=True)
    if end is not None and end.kind == "point" and end.day is not None and end.day[0] != "ctx":
        close = CLOSE_RE.match(s, end.end)
        first, last = replace(start, time=None), replace(end, time=None)
        return Candidate(pos, close.end() if close else end.end, "range", first=first, last=last)
    t = _parse_time(s, c.end()) or _parse_clock(s, c.end())
    if t is None or t.first is None or t.first.time is None:
        return None
    close = CLOSE_RE.match(s, t.end)
    return Candidate(pos, close.end() if close else t.end, "timerange", first=start, last=t.first)


def _short_year_end(s: str, pos: int, start: Period) -> Period | None:
    """`2018 年から 19 年にかけて`: the end year written with two digits."""
    if start.kind != "point" or start.year is None or start.year[0] != "abs":
        return None
    m = SHORT_YEAR_RE.match(s, pos)
    if not m:
        return None
    century = start.year[1] // 100 * 100
    year = century + int(m.group("n"))
    if year < start.year[1]:
        year += 100
    per = Period(year=("abs", year), end=m.end())
    mo = _parse_month(s, SEP_RE.match(s, m.end()).end())
    if mo and mo[0][0] == "abs":
        per = replace(per, month=mo[0], end=mo[1])
        da = _parse_day(s, SEP_RE.match(s, mo[1]).end(), standalone=False, loose=True)
        if da and da[0][0] == "abs":
            per = replace(per, day=da[0], end=da[1])
    if not _plausible(per):
        return None
    if per.unit == "year":
        return _with_part(s, per, YEAR_PART_RE, None)
    if per.unit == "month":
        return _with_part(s, per, MONTH_PART_RE, MONTH_PARTS)
    return _with_approx(s, per)


def _parse_short_year(s: str, pos: int) -> Candidate | None:
    """`2022 年こそ…、23 年には…、24 年には`: a two-digit year continuing a list that a
    four-digit year opened earlier in the same sentence (same century, within ten years)."""
    f = SHORT_FISCAL_RE.match(s, pos)
    if f:  # `24年度`: a fiscal year
        yy = int(f.group("n"))
        return Candidate(pos, f.end(), "period", first=Period(year=("abs", (2000 if yy <= 50 else 1900) + yy),
                                                              fiscal=True, end=f.end()))
    m = SHORT_YEAR_RE.match(s, pos)
    if not m:
        return None
    years = SENTENCE_YEAR_RE.findall(s, _sentence_start(s, pos), pos)
    if not years:  # `23年3月30日`, `15年以降`, `25年に入ると`, `24年秋`: what follows makes it a date
        after = SEP_RE.match(s, m.end()).end()
        # ... or 翌 before it (`翌21年に`: the next year, written with its number)
        next_year = pos > 0 and s[pos - 1] == "翌"
        if not (next_year or _parse_month(s, after) or OPEN_RE.match(s, m.end())
                or SHORT_YEAR_DATE_AFTER_RE.match(s, m.end())):
            return None
        yy = int(m.group("n"))
        per = _short_year_end(s, pos, Period(year=("abs", (2000 if yy <= 50 else 1900))))
        if per is None:
            return None
        o = OPEN_RE.match(s, per.end)
        if o and per.unit == "year":
            kind = "before" if o.group("o") == "以前" else "open"
            return Candidate(pos - next_year, o.end(), kind, first=per)
        return Candidate(pos - next_year, per.end, "period", first=per)
    y4 = int(years[-1])
    per = _short_year_end(s, pos, Period(year=("abs", y4)))
    if per is None or per.year is None or abs(per.year[1] - y4) > 10:
        return None
    after = SEP_RE.match(s, per.end).end()
    if not s.startswith(SHORT_YEAR_AFTER, after):
        return None
    return Candidate(pos, per.end, "period", first=per)


def _same_family(a: Period, b: Period) -> bool:
    """A range joins two calendar periods; `1960年代から2年` or `3月から24時` are not ranges."""
    if a.kind in ("decade", "century") or b.kind in ("decade", "century"):
        return a.kind == b.kind
    return a.kind == "point" and b.kind == "point"


def _end_ok(s: str, pos: int) -> bool:
    """The end of a range is not the head of a duration or a relative count."""
    return RANGE_END_BLOCK_RE.match(s, pos) is None


def _parse_compact(s: str, pos: int, prefix: Period | None, start_pos: int) -> Candidate | None:
    """`2023年10月18～19日`, `2025年1～3月`, `同年 3～10 月`, `2010～15年`, `1990～2000年代`."""
    m = COMPACT_RE.match(s, SEP_RE.match(s, pos).end() if prefix else pos)
    if not m:
        return None
    a, b, unit = _num(m.group("a")), _num(m.group("b")), m.group("u")
    if a is None or b is None:
        return None
    base = prefix or Period()
    if unit == "日":
        if base.unit != "month" and prefix is not None:
            return None
        if not (1 <= a <= 31 and 1 <= b <= 31) or (prefix is None and not m.group("a").isascii()):
            return None
        first, last = replace(base, day=("abs", a)), replace(base, day=("abs", b))
    elif unit == "月":
        if prefix is not None and base.unit != "year":
            return None
        if not (1 <= a <= 12 and 1 <= b <= 12):
            return None
        first, last = replace(base, month=("abs", a)), replace(base, month=("abs", b))
    elif unit == "年":
        if prefix is not None or not 1000 <= a <= 2199:
            return None
        if b < 100:
            b = a // 100 * 100 + b + (100 if a // 100 * 100 + b < a else 0)
        if not a <= b <= 2199:
            return None
        first, last = Period(year=("abs", a)), Period(year=("abs", b))
    else:  # 年代
        if prefix is not None:
            return None
        a = a + (2000 if a < 30 else 1900) if a < 100 else a
        b = b + (a // 100 * 100 if b < 100 else 0)
        if a % 10 or b % 10 or not 1000 <= a <= b <= 2190:
            return None
        first, last = Period(kind="decade", number=a), Period(kind="decade", number=b)
    if not (_plausible(first) and _plausible(last)):
        return None
    end = m.end()
    approx = APPROX_RE.match(s, end)
    if approx:
        end = approx.end()
    first, last = replace(first, end=end), replace(last, end=end)
    open_ = OPEN_RE.match(s, end)
    if open_:  # 2023年7～8月以降: open from the start of the range
        if open_.group("o") == "以前":
            return Candidate(start_pos, open_.end(), "before", first=last)
        return Candidate(start_pos, open_.end(), "open", first=first)
    close = CLOSE_RE.match(s, end)
    if close:
        end = close.end()
    return Candidate(start_pos, end, "range", first=first, last=last)


def _parse_numeric_date(s: str, pos: int) -> Candidate | None:
    m = NUMERIC_DATE_RE.match(s, pos)
    if not m:
        return None
    per = Period(year=("abs", int(m.group("y"))), month=("abs", int(m.group("m"))),
                 day=("abs", int(m.group("d"))), end=m.end())
    if not _plausible(per):
        return None
    clock = CLOCK_RE.match(s, SEP_RE.match(s, m.end()).end()) if s[m.end():m.end() + 1] in (" ", "\u3000", "T") else None
    if clock is None and s[m.end():m.end() + 1] == "T":
        clock = CLOCK_RE.match(s, m.end() + 1)
    if clock:
        per = replace(per, time=(None, int(clock.group("h")), int(clock.group("mi"))), end=clock.end())
    else:
        per = _with_time(s, per)
    return Candidate(pos, per.end, "period", first=per)


def _parse_duration(s: str, pos: int) -> Candidate | None:
    m = DURATION_RE.match(s, pos)
    if not m:
        return None
    if m.group("hy"):
        return Candidate(pos, m.end(), "duration", value="P6M")
    raw, unit = m.group("n"), m.group("u")
    half, suffix = m.group("half") is not None, (m.group("suf") or "").strip()
    n = None if "数" in raw else _num(raw)
    if n is None and "数" not in raw:
        return None
    if unit == "日" and not suffix:
        return None
    if unit == "年" and not (half or suffix):
        more = _duration_more(s, m.end(), unit, n) if n is not None and not (raw.isascii() and len(raw) == 4) else None
        if more:
            return replace(more, start=pos)
        if "数" in raw or not _duration_context(s, pos, m.end()) or (raw.isascii() and len(raw) == 4):
            return None
    count = "X" if n is None else str(n)
    if EVENT_NAME_RE.match(s, m.end()) and s[m.end():m.end() + 1] not in "、。にのはがを":  # 「十二日間戦争」
        return Candidate(pos, m.end(), "block")
    if n is not None and not half and not suffix:
        more = _duration_more(s, m.end(), unit, n)
        if more:
            return more if more.start == m.start() else replace(more, start=pos)
    if unit == "分":
        return Candidate(pos, m.end(), "duration", value=f"PT{count}M")
    if unit in ("年", "ヶ年", "か年", "カ年"):
        value = f"P{count}Y" + ("6M" if half else "")
    elif unit in ("か月", "カ月", "ヶ月"):
        value = f"P{count}M" + ("15D" if half else "")
    elif unit == "週間":
        value = f"P{count}.5W" if half else f"P{count}W"
    elif unit == "日":
        value = f"P{count}D" + ("T12H" if half else "")
    else:  # 時間
        value = f"PT{count}H" + ("30M" if half else "")
    return Candidate(pos, m.end(), "duration", value=value)


def _unit_key(unit: str) -> str:
    return {"ヶ年": "年", "か年": "年", "カ年": "年", "カ月": "か月", "ヶ月": "か月"}.get(unit, unit)


def _duration_more(s: str, end: int, unit: str, n: int) -> Candidate | None:
    """`1年2ヶ月10日`, `1時間30分`: a duration of several units read whole (each unit smaller
    than the one before); None when no smaller unit follows."""
    parts = [(_unit_key(unit), n)]
    pos = end
    while True:
        m = DURATION_MORE_RE.match(s, pos)
        if not m:
            break
        u, k = _unit_key(m.group("u")), _num(m.group("n"))
        if k is None or DURATION_UNIT_ORDER.get(u, -1) <= DURATION_UNIT_ORDER.get(parts[-1][0], 9):
            break
        parts.append((u, k))
        pos = m.end()
    if len(parts) == 1:
        return None
    tail = SEP_RE.match(s, pos).end()
    if s.startswith("間", tail):
        pos = tail + 1
    date_part = "".join(f"{k}{ {'年': 'Y', 'か月': 'M', '週間': 'W', '日': 'D'}[u]}" for u, k in parts if u in ("年", "か月", "週間", "日"))
    time_part = "".join(f"{k}{ {'時間': 'H', '分': 'M'}[u]}" for u, k in parts if u in ("時間", "分"))
    return Candidate(end, pos, "duration", value="P" + date_part + ("T" + time_part if time_part else ""))


def _parse_minutes(s: str, pos: int) -> Candidate | None:
    m = MINUTES_RE.match(s, pos)
    if not m or not s[max(0, pos - 3):pos].rstrip(" \u3000").endswith(MINUTES_CONTEXT_BEFORE):
        return None
    return Candidate(pos, m.end(), "duration", value=f"PT{int(m.group('n'))}M")


def _parse_recent_span(s: str, pos: int) -> Candidate | None:
    """`ここ数年`, `この1, 2年`, `ここ3年`: a span of time up to now, a DURATION
    (`PXY` when the count is vague)."""
    m = RECENT_SPAN_RE.match(s, pos)
    if not m:
        return None
    unit = {"ヶ月": "か月", "カ月": "か月"}.get(m.group("u"), m.group("u"))
    n = _num(m.group("n")) if m.group("n") else None
    count = "X" if n is None else str(n)
    value = {"年": f"P{count}Y", "か月": f"P{count}M", "週間": f"P{count}W", "日": f"P{count}D"}[unit]
    return Candidate(pos, m.end(), "duration", value=value)


def _duration_context(s: str, start: int, end: int) -> bool:
    if DURATION_CONTEXT_AFTER_RE.match(s, end):
        return True
    before = s[max(0, start - 6):start].rstrip(" \u3000")
    return before.endswith(DURATION_CONTEXT_BEFORE)


def _parse_relative(s: str, pos: int) -> Candidate | None:
    w = WORD_OFFSET_RE.match(s, pos)
    if w:
        n, unit = WORD_OFFSETS[w.group("w")]
        return Candidate(pos, w.end(), "relative", rel=(n, unit, -1 if w.group("dir") == "前" else 1))
    m = RELATIVE_RE.match(s, pos)
    if not m:
        return None
    raw, unit = m.group("n"), m.group("u")
    sign = -1 if m.group("dir") == "前" else 1
    if raw == "半":
        if unit != "年":
            return None
        n, unit = 6, "か月"
    else:
        n = _num(raw)
        if n is None or n == 0:
            return None
    unit = {"ヶ年": "年", "カ年": "年", "カ月": "か月", "ヶ月": "か月"}.get(unit, unit)
    return Candidate(pos, m.end(), "relative", rel=(n, unit, sign))


def _parse_set(s: str, pos: int) -> Candidate | None:
    m = SET_RE.match(s, pos)
    if not m:
        return None
    every = m.group("every")
    if every:
        value = {"毎年": "P1Y", "毎月": "P1M", "毎週": "P1W", "毎日": "P1D", "毎朝": "P1D",
                 "毎晩": "P1D", "隔年": "P2Y", "隔月": "P2M", "隔週": "P2W"}[every]
        end = m.end()
        p = SEP_RE.match(s, end).end()
        if every == "毎年":
            mo = _parse_month(s, p)
            if mo and mo[0][0] == "abs":
                value, end = f"XXXX-{mo[0][1]:02d}", mo[1]
                da = _parse_day(s, SEP_RE.match(s, end).end(), standalone=False, loose=False)
                if da and da[0][0] == "abs" and cal.is_valid(None, mo[0][1], da[0][1]):
                    value, end = f"{value}-{da[0][1]:02d}", da[1]
        elif every == "毎月":
            da = _parse_day(s, p, standalone=False, loose=False)
            if da and da[0][0] == "abs":
                value, end = f"XXXX-XX-{da[0][1]:02d}", da[1]
        return Candidate(pos, end, "set", value=value)
    if m.group("k"):  # `1日おき`: every other day
        k = _num(m.group("k"))
        if k is None:
            return None
        unit = {"日": "D", "週間": "W", "年": "Y"}.get(m.group("ku"), "M")
        return Candidate(pos, m.end(), "set", value=f"P{k + 1}{unit}")
    n = _num(m.group("n"))
    count = "X" if n is None else str(n)
    period = {"年": "P1Y", "月": "P1M", "週": "P1W"}[m.group("per")]
    return Candidate(pos, m.end(), "set", value=f"{count}X/{period}")


def _parse_time(s: str, pos: int) -> Candidate | None:
    """A clock time with no date: `午前10時`, `15時30分` (anchored to the reference day)."""
    m = TIME_RE.match(s, pos)
    if not m:
        return None
    h = _num(m.group("h") or m.group("h2"))
    if h is None:
        return None
    minute = 30 if m.group("half") else (_num(m.group("mi")) or 0)
    clock = _clock(m.group("tod"), h, minute)
    if clock is None:
        return None
    if m.group("same") and m.group("tod") is None:  # `同3時半`: the 午前/午後 of the time before
        clock = ("SAME", h, minute)
    per = _with_approx(s, Period(day=("ctx", 0), time=clock, end=m.end()))
    return _time_range_tail(s, pos, per) or Candidate(pos, per.end, "period", first=per)


def _parse_clock(s: str, pos: int) -> Candidate | None:
    """`18:00`: a clock time on the reference day."""
    m = CLOCK_RE.match(s, pos)
    if not m:
        return None
    per = _with_approx(s, Period(day=("ctx", 0), time=(None, int(m.group("h")), int(m.group("mi"))), end=m.end()))
    return _time_range_tail(s, pos, per) or Candidate(pos, per.end, "period", first=per)


def _parse_numeric_forms(s: str, pos: int) -> Candidate | None:
    """`2021/7`, `7/18`, `2/1〜2/14`, `2021・7・18`, `令和3.7.18`, `R3.7.18`, `H31.4.30`."""
    m = DOT_DATE_RE.match(s, pos)
    if m:
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            era = ERA_LETTER.get(m.group("era"), m.group("era"))
            y = ERA_BASE[era] + (1 if m.group("ey") == "元" else int(m.group("ey")))
            mo, d = int(m.group("m2")), int(m.group("d2"))
        per = Period(year=("abs", y), month=("abs", mo), day=("abs", d), end=m.end())
        return Candidate(pos, m.end(), "period", first=per) if _plausible(per) else None
    m = YEAR_MONTH_NUMERIC_RE.match(s, pos)
    if m:
        per = Period(year=("abs", int(m.group("y"))), month=("abs", int(m.group("m"))), end=m.end())
        return Candidate(pos, m.end(), "period", first=per)
    m = MONTH_DAY_NUMERIC_RE.match(s, pos)
    if not m:
        return None
    first = Period(month=("abs", int(m.group("m"))), day=("abs", int(m.group("d"))), end=m.end())
    if not _plausible(first):
        return None
    c = CONN_RE.match(s, m.end())
    if c and c.group("c") != "から" or c and c.group("c") == "から":
        m2 = MONTH_DAY_NUMERIC_RE.match(s, c.end())
        if m2:
            last = Period(month=("abs", int(m2.group("m"))), day=("abs", int(m2.group("d"))), end=m2.end())
            if _plausible(last):
                close = CLOSE_RE.match(s, m2.end())
                return Candidate(pos, close.end() if close else m2.end(), "range", first=first, last=last)
    return Candidate(pos, m.end(), "period", first=first)


PARSERS: tuple[Callable[[str, int], Optional[Candidate]], ...] = (
    _parse_date_expression, _parse_numeric_date, _parse_numeric_forms, _parse_relative, _parse_duration,
    _parse_set, _parse_time, _parse_clock, _parse_short_year, _parse_recent_span, _parse_minutes,
)


# ---------------------------------------------------------------------------
# 6. Scanning: leftmost-longest candidates, skipping URLs and ordinals (第…)
# ---------------------------------------------------------------------------

def _scan(s: str, strict: bool) -> list[Candidate]:
    urls = [(m.start(), m.end()) for m in URL_RE.finditer(s)]
    url_starts = [u[0] for u in urls]
    out: list[Candidate] = []
    pos = 0
    while True:
        t = TRIGGER_RE.search(s, pos)
        if t is None:
            break
        p = t.start()
        i = bisect.bisect_right(url_starts, p) - 1
        if i >= 0 and urls[i][0] <= p < urls[i][1]:
            pos = urls[i][1]
            continue
        if DAI_RE.search(s, max(0, p - 3), p):  # 第 8 期, 第218号, 第二次: ordinals
            q = p
            while q < len(s) and (s[q].isdigit() or s[q] in KANJI_NUM):
                q += 1
            pos = max(q, p + 1)
            continue
        best = None
        for parser in PARSERS:
            try:
                cand = parser(s, p)
            except Exception:
                if strict:
                    raise
                cand = None
            if cand is not None and cand.end > p and (best is None or cand.end > best.end):
                best = cand
        if best is None:
            pos = p + 1
            continue
        j = bisect.bisect_left(url_starts, best.end)
        if any(a < best.end and p < b for a, b in urls[max(0, i):j]):
            pos = p + 1
            continue
        if best.kind == "duration":
            about = APPROX_BEFORE_RE.search(s, max(0, p - 4), p)
            if about:
                best = replace(best, start=about.start())
        if best.kind != "block":
            zone = ZONE_BEFORE_RE.search(s, max(0, p - 16), p)
            out.append(replace(best, start=zone.start()) if zone and best.kind in ("period", "range", "timerange") else best)
        pos = best.end
    return out


# ---------------------------------------------------------------------------
# 7. Resolution: anchor every candidate, in text order, moving the reference time
# ---------------------------------------------------------------------------

@dataclass
class Resolved:
    first: Partial
    last: Partial
    value: str
    precision: str
    anchor: str
    point: Optional[Partial]  # what the expression leaves as reference time
    type: str = "DATE"


def _parse_doc_date(doc_date: str | None) -> Partial:
    if not doc_date or not isinstance(doc_date, str):
        return UNKNOWN
    m = DOC_DATE_RE.match(doc_date)
    if not m:
        return UNKNOWN
    y, mo, d = (int(g) if g else None for g in m.groups())
    if not cal.is_valid(y, mo, d):
        return (y, None, None) if cal.is_valid(y, None, None) else UNKNOWN
    return y, mo, d


def _ordinal(y: int, m: int, d: int | None) -> int | None:
    """Day number of a point (mid-month for a month); None if impossible."""
    import datetime as dt

    d = 15 if d is None else d
    if not cal.is_valid(y, m, d):
        return None
    return dt.date(y, m, d).toordinal()


def _nearest(candidates: list[Partial], base: Partial, limit: Partial | None) -> Partial:
    """The candidate closest to `base` (SPEC §3: what the writer omitted is what puts the date
    closest to the reference time), the first candidate (the reference's own year or month)
    unless another is clearly closer; with `limit` (a past-tense happening and a known document
    date), candidates after it are dropped while any is left."""
    target = _ordinal(base[0], base[1], base[2])
    scored = [(c, _ordinal(*c)) for c in candidates]
    scored = [(c, o) for c, o in scored if o is not None]
    if not scored or target is None:
        return candidates[0]
    if limit is not None and all(v is not None for v in limit):
        cap = _ordinal(*limit)
        earlier = [(c, o) for c, o in scored if o <= cap]
        scored = earlier or scored
    best = min(scored, key=lambda co: abs(co[1] - target))
    same = next((co for co in scored if co[0] == candidates[0]), None)
    # the reference's own year (month) holds unless another is clearly closer (under a third of
    # its distance): `9月` after `2024年の元日` is 2024-09, `12月28日` in a report of 2025-01-05 is 2024
    if same is not None and best is not same and abs(best[1] - target) * SWITCH_RATIO > abs(same[1] - target):
        return same[0]
    return best[0]


SWITCH_RATIO = 3


def _closest_year(month: int, day: int | None, base: Partial, limit: Partial | None) -> int:
    y0, m0, _ = base
    if m0 is None:
        return y0
    return _nearest([(y0, month, day), (y0 - 1, month, day), (y0 + 1, month, day)], base, limit)[0]


def _closest_month(day: int, base: Partial, limit: Partial | None) -> tuple[int, int]:
    y0, m0, d0 = base
    if d0 is None:
        return y0, m0
    cands = [(y0, m0, day)] + [(*cal.add_months(y0, m0, k), day) for k in (-1, 1)]
    y, m, _ = _nearest(cands, base, limit)
    return y, m


@dataclass(frozen=True)
class Hints:
    """What the text around an expression tells its resolution: `limit`, the latest date a
    past-tense happening can have (the document date); `heading`, the (year, month) of the
    chronology heading (`【2024年1月】`) the expression stands under: its bare days are in it."""

    limit: Optional[Partial] = None
    heading: Optional[Tuple[int, int]] = None


NO_HINTS = Hints()


def _resolve_specs(per: Period, ref: Partial, doc: Partial, hints: Hints = NO_HINTS) -> tuple[Partial, set]:
    """Turn the written specs of a point into a (partial) calendar point (see Hints).  With no
    narrative date before it, the document date is the reference time (SPEC §3)."""
    limit = hints.limit
    from_doc = ref[0] is None
    if from_doc:
        ref = doc
    used: set = set()
    y = m = d = None
    if per.year is not None:
        kind, n = per.year
        if kind == "abs":
            y = n
        else:
            base = doc if kind == "doc" else ref
            used.add(kind)
            if base[0] is not None:
                y = base[0] + n
                if per.fiscal and base[1] is not None and base[1] < 4:
                    y -= 1
    if per.month is not None:
        kind, n = per.month
        if kind == "abs":
            m = n
            if per.year is None:  # the year that puts it closest to the reference time
                base, base_kind = (ref, "ref") if ref[0] is not None else (doc, "doc") if doc[0] is not None else (ref, "ref")
                used.add(base_kind)
                if base[0] is not None:
                    day = per.day[1] if per.day is not None and per.day[0] == "abs" else None
                    y = _closest_year(m, day, base, limit)
        else:
            base = doc if kind == "doc" else ref
            used.add(kind)
            y, m = cal.add_months(base[0], base[1], n)
    if per.day is not None:
        kind, n = per.day
        if kind == "abs":
            d = n
            if per.month is None:  # a bare day: its month from the reference time only while that is a day
                if hints.heading is not None:
                    base, base_kind = (*hints.heading, None), "ref"
                elif ref[2] is not None:
                    base, base_kind = ref, "ref"
                elif doc[1] is not None:
                    base, base_kind = doc, "doc"
                else:
                    base, base_kind = ref, "ref"
                used.add(base_kind)
                if base[1] is not None:
                    y, m = _closest_month(d, base, limit)
        elif kind in ("doc", "ref"):
            used.add(kind)
            y, m, d = cal.add_days(doc if kind == "doc" else ref, n)
        elif kind == "ctx":  # a bare clock time: the reference day, else the document day
            base_kind = "doc" if ref[2] is None and doc[2] is not None else "ref"
            used.add(base_kind)
            y, m, d = doc if base_kind == "doc" else ref
        elif kind == "refmonth":  # 同15日
            used.add("ref")
            y, m, d = ref[0], ref[1], n
        else:  # next: 翌20日
            used.add("ref")
            y, m, d = cal.next_day_numbered(ref, n)
            if (y, m, d) == UNKNOWN:
                d = n
    if from_doc and "ref" in used:  # the reference time was the document date
        used = (used - {"ref"}) | {"doc"}
    return (y, m, d), used


def _anchor(used: set, complete: bool) -> str:
    if not complete:
        return "unresolved"
    if "ref" in used:
        return "discourse"
    if "doc" in used:
        return "document"
    return "absolute"


def _resolve_period(per: Period, ref: Partial, doc: Partial, point: Partial | None = None,
                    used: set | None = None, hints: Hints = NO_HINTS) -> Resolved:
    if per.kind == "decade":
        return _resolve_decade(per)
    if per.kind == "century":
        if per.number == 0:
            if doc[0] is None:
                return Resolved(UNKNOWN, UNKNOWN, "XX", "century", "unresolved", None)
            return replace(_resolve_century(replace(per, number=(doc[0] - 1) // 100 + 1)), anchor="document")
        return _resolve_century(per)
    if per.kind == "week":
        return _resolve_week(per, ref, doc, hints)

    if point is None:
        point, used = _resolve_specs(per, ref, doc, hints)
    y, m, d = point
    unit = per.unit
    needed = {"year": (y,), "month": (y, m), "day": (y, m, d)}[unit]
    complete = all(v is not None for v in needed) and cal.is_valid(y, m, d)
    anchor = _anchor(used or set(), complete)

    if unit == "day":
        first = last = (y, m, d)
        value, precision = cal.fmt(point, "day"), "day"
        ref_point = point
        if per.time is not None:
            code, hour, minute = per.time
            value += f"T{code}" if hour is None else f"T{hour:02d}:{minute:02d}"
            return Resolved(first, last, value, precision, anchor, ref_point, "TIME")
    elif unit == "month":
        if per.part in MONTH_PARTS:
            a, b = MONTH_PARTS[per.part]
            first, last = (y, m, a), (y, m, b if b is not None else cal.last_day(y, m))
            value, precision = f"{cal.fmt(first)}/{cal.fmt(last)}", "part"
        else:
            first, last = cal.month_bounds(y, m)
            value, precision = cal.fmt(point, "month"), "month"
        ref_point = (y, m, None)
    else:
        first_month = 4 if per.fiscal else 1
        ref_point = (y, None, None)
        if per.part in SEASONS:
            code, a, b = SEASONS[per.part]
            first, last = cal.months_span(y, 1, a, b)
            value, precision = f"{cal.fmt(point, 'year')}-{code}", "season"
        elif per.part and per.part.startswith("Q"):
            q = int(per.part[1:])
            first, last = cal.months_span(y, first_month, 3 * q - 2, 3 * q)
            prefix = "FY" if per.fiscal else ""
            value, precision = f"{prefix}{cal.fmt(point, 'year')}-Q{q}", "part"
        elif per.part in YEAR_PARTS:
            a, b = YEAR_PARTS[per.part]
            first, last = cal.months_span(y, first_month, a, b)
            value, precision = f"{cal.fmt(first)}/{cal.fmt(last)}", "part"
            if a == b:
                ref_point = (first[0], first[1], None)
        else:
            first, last = cal.months_span(y, first_month, 1, 12)
            value = ("FY" if per.fiscal else "") + cal.fmt(point, "year")
            precision = "year"
    return Resolved(first, last, value, precision, anchor, ref_point)


def _resolve_week(per: Period, ref: Partial, doc: Partial, hints: Hints) -> Resolved:
    """A week counted from the document date (`来週` ISO week), a day of it (`来週金曜日`,
    `先週9日`) or its weekend (`週末`: the Saturday and Sunday; the last one past for a
    past-tense happening)."""
    kind, k = per.day
    base = doc if kind == "doc" or ref[0] is None else ref
    value, first, last = cal.iso_week(cal.add_days(base, 7 * k))
    ok = first != UNKNOWN
    anchor = _anchor({"doc" if base is doc else kind}, ok)
    if not ok or per.part is None:
        return Resolved(first, last, value, "day", anchor, None)
    days = [cal.add_days(first, i) for i in range(7)]
    if per.part == "WE":
        sat, sun = days[5], days[6]
        if hints.limit and per.day[1] == 0 and cal.iso(sat) > cal.iso(hints.limit):
            sat, sun = cal.add_days(sat, -7), cal.add_days(sun, -7)
        return Resolved(sat, sun, f"{cal.fmt(sat)}/{cal.fmt(sun)}", "day", anchor, sun)
    if per.part.startswith("WD"):
        day = days[int(per.part[2:]) - 1]
    else:
        match = [d for d in days if d[2] == int(per.part[1:])]
        if not match:
            return Resolved(first, last, value, "day", anchor, None)
        day = match[0]
    return Resolved(day, day, cal.fmt(day), "day", anchor, day)


def _resolve_decade(per: Period) -> Resolved:
    n = per.number
    if per.part in DECADE_PARTS:
        a, b = DECADE_PARTS[per.part]
        first, last = (n + a, 1, 1), (n + b, 12, 31)
        return Resolved(first, last, f"{cal.fmt(first)}/{cal.fmt(last)}", "part", "absolute", None)
    first, last = (n, 1, 1), (n + 9, 12, 31)
    value = f"{cal.fmt(first)}/{cal.fmt(last)}" if per.era_decade else f"{n // 10:03d}X"
    return Resolved(first, last, value, "decade", "absolute", None)


def _resolve_century(per: Period) -> Resolved:
    start = (per.number - 1) * 100 + 1
    if per.part in CENTURY_PARTS:
        a, b = CENTURY_PARTS[per.part]
        first, last = (start + a, 1, 1), (start + b, 12, 31)
        return Resolved(first, last, f"{cal.fmt(first)}/{cal.fmt(last)}", "part", "absolute", None)
    first, last = (start, 1, 1), (start + 99, 12, 31)
    return Resolved(first, last, f"{per.number - 1:02d}", "century", "absolute", None)


def _resolve_range_end(end: Period, start: Period, start_point: Partial,
                       ref: Partial, doc: Partial) -> Resolved:
    """The end of a range inherits what it omits from the start (`5月30日～6月2日`)."""
    if end.kind != "point" or start.kind != "point":
        if end.kind == "decade" and start.kind == "decade" and end.number < start.number:
            end = replace(end, number=end.number + (start.number // 100 - end.number // 100) * 100)
            if end.number < start.number:
                end = replace(end, number=end.number + 100)
        return _resolve_period(end, ref, doc)
    y0, m0, d0 = start_point
    if end.year is None and end.month is not None and end.month[0] == "abs":
        m = end.month[1]
        y = None if y0 is None else (y0 + 1 if m0 is not None and m < m0 else y0)
        d = end.day[1] if end.day is not None and end.day[0] == "abs" else None
        if end.day is not None and end.day[0] != "abs":
            return _resolve_period(end, start_point, doc)
        return _resolve_period(end, ref, doc, (y, m, d), set())
    if end.year is None and end.month is None and end.day is not None and end.day[0] == "abs":
        d = end.day[1]
        y, m = y0, m0
        if m0 is not None and d0 is not None and d < d0:
            y, m = cal.add_months(y0, m0, 1)
        return _resolve_period(end, ref, doc, (y, m, d), set())
    if end.year is None and end.month is None and end.day is None:  # 上旬から中旬: part only
        return _resolve_period(end, ref, doc, start_point, set())
    if end.year is not None and end.year[0] == "abs":
        return _resolve_period(end, ref, doc)
    return _resolve_period(end, start_point, doc)


def _resolve(c: Candidate, ref: Partial, doc: Partial, hints: Hints = NO_HINTS) -> Resolved:
    if c.kind == "duration":
        return Resolved(UNKNOWN, UNKNOWN, c.value, "", "absolute", None, "DURATION")
    if c.kind == "set":
        return Resolved(UNKNOWN, UNKNOWN, c.value, "", "absolute", None, "SET")
    if c.kind == "relative":
        return _resolve_relative(c, ref, doc)
    if c.kind == "period":
        return _resolve_period(c.first, ref, doc, hints=hints)
    if c.kind == "timerange":  # both times on the start's day
        a = _resolve_period(c.first, ref, doc, hints=hints)
        b = _resolve_period(c.last, a.point or ref, doc)
        return replace(a, value=f"{a.value}/{b.value}")
    if c.kind in ("open", "before"):
        r = _resolve_period(c.first, ref, doc, hints=hints)
        if c.kind == "open":
            value = f"{cal.fmt(r.first)}/.."
            return Resolved(r.first, UNKNOWN, value, r.precision, r.anchor, r.point)
        value = f"../{cal.fmt(r.last)}"
        return Resolved(UNKNOWN, r.last, value, r.precision, r.anchor, r.point)
    # range
    start = c.first
    if start.kind == "point":
        start_point, used = _resolve_specs(start, ref, doc, hints)
        a = _resolve_period(start, ref, doc, start_point, used)
    else:
        start_point = UNKNOWN
        a = _resolve_period(start, ref, doc)
    b = _resolve_range_end(c.last, start, start_point, ref, doc)
    anchor = "unresolved" if "unresolved" in (a.anchor, b.anchor) else a.anchor
    precision = "part" if "part" in (a.precision, b.precision) else a.precision
    value = f"{cal.fmt(a.first)}/{cal.fmt(b.last)}"
    if anchor != "unresolved" and not (cal.iso(a.first) and cal.iso(b.last) and cal.iso(a.first) <= cal.iso(b.last)):
        anchor = "unresolved"
    return Resolved(a.first, b.last, value, precision, anchor, b.point)


def _resolve_relative(c: Candidate, ref: Partial, doc: Partial) -> Resolved:
    n, unit, sign = c.rel
    need = {"年": 1, "か月": 2, "週間": 3, "日": 3}[unit]
    base, kind = None, "ref"
    for candidate_base, candidate_kind in ((ref, "ref"), (doc, "doc")):
        if all(v is not None for v in candidate_base[:need]):
            base, kind = candidate_base, candidate_kind
            break
    if base is None:
        point, complete = UNKNOWN, False
    elif unit == "年":
        point, complete = (base[0] + sign * n, None, None), True
    elif unit == "か月":
        y, m = cal.add_months(base[0], base[1], sign * n)
        point, complete = (y, m, None), True
    else:
        days = n * (7 if unit == "週間" else 1)
        point = cal.add_days(base, sign * days)
        complete = point != UNKNOWN
    precision = {"年": "year", "か月": "month", "週間": "day", "日": "day"}[unit]
    complete = complete and cal.is_valid(*point)
    y, m, d = point
    if precision == "year":
        first, last = (y, 1, 1), (y, 12, 31)
    elif precision == "month":
        first, last = cal.month_bounds(y, m)
    else:
        first = last = point
    value = cal.fmt(point, precision)
    anchor = _anchor({kind}, complete)
    return Resolved(first, last, value, precision, anchor, point if complete else None)


def _move_reference(ref: Partial, new: Optional[Partial]) -> Partial:
    """Each resolved date becomes the reference time; a coarser mention of the same
    year (or month) keeps the finer reference (`2023年5月10日…同年…同月`)."""
    if new is None or all(v is None for v in new):
        return ref
    if new[0] == ref[0] and new[0] is not None:
        if new[1] is None:
            return ref
        if new[1] == ref[1] and new[2] is None:
            return ref
    return new


# ---------------------------------------------------------------------------
# 8. Public entry point
# ---------------------------------------------------------------------------

def extract_timex(text: str, doc_date: str | None) -> list[Timex]:
    """All temporal expressions of `text`, in text order, anchored in the discourse.

    Never raises: on an internal error the expressions found so far are returned.
    """
    try:
        return _extract(text, doc_date, strict=False)
    except Exception:  # pragma: no cover - defensive: the stage must not kill a run
        return []


def _extract(text: str, doc_date: str | None, strict: bool = True) -> list[Timex]:
    if not isinstance(text, str) or not text:
        return []
    s = normalise(text)
    doc = _parse_doc_date(doc_date)
    ref: Partial = UNKNOWN
    out: list[Timex] = []
    sentence, opener = -1, ""  # the sentence being read and the date that opens it
    last_clock = None  # the hour of the last clock time (for `同3時半` after `午後2時`)
    heading = None  # (year, month) of the chronology heading the text stands under
    last_point: Partial = UNKNOWN  # the last date read, aside or not (the anchor of `…からN後`)
    for c in _merge_appositions(s, _scan(s, strict)):
        try:
            base = last_point if c.kind == "relative" and _counted_from_before(s, c) and last_point[0] else ref
            r = _resolve(c, base, doc, Hints(doc if _past_clause(s, c.end) else None, heading))
        except Exception:
            if strict:
                raise
            continue
        here = _sentence_start(s, c.start)
        if here != sentence:
            sentence, opener = here, ""
            if (r.type == "DATE" and r.point is not None and not s[here:c.start].strip(" \t\u3000「『（(")
                    and not REPORT_DATE_RE.match(s, c.end)):  # a cited report's date opens no story
                opener = cal.iso(r.first)
        r = _carry_meridiem(c, r, last_clock)
        if r.point is not None and r.point[0] is not None:
            last_point = r.point
        if r.type == "TIME" and ":" in r.value:
            last_clock = int(r.value.split("T")[1][:2])
        resolved = r.anchor != "unresolved"
        date_start = cal.iso(r.first) if resolved and r.type in ("DATE", "TIME") else ""
        date_end = cal.iso(r.last) if resolved and r.type in ("DATE", "TIME") else ""
        told = ref[0] is not None  # a narrative date has been read
        now = _first_day(ref if told else doc)
        moves = r.type in ("DATE", "TIME") and not _aside(s, c, r, opener, now, told)
        out.append(Timex(
            start=c.start, end=c.end, text=text[c.start:c.end], type=r.type, value=r.value,
            date_start=date_start, date_end=date_end, precision=r.precision, anchor=r.anchor, moves=moves,
        ))
        if moves:
            point = r.point
            if point is not None and REPORT_DATE_RE.match(s, c.end):
                # `2024年1月21日付『労働新聞』によれば同月15日…`: a cited report's date moves the
                # reference to its month, never to its day (`20日付『…』…同日` is the event's day)
                point = (point[0], point[1], None)
            if c.kind == "range" and _is_heading(s, c):  # ■2024年7月〜9月: the rows under it start at July
                point = (r.first[0], r.first[1], None)
            ref = _move_reference(ref, point)
            heading = _heading_after(s, c, r, heading)
    return _copy_appositions(s, out)


def _carry_meridiem(c: Candidate, r: Resolved, last_clock: int | None) -> Resolved:
    """`午後2時に会い、同3時半に`: a clock time after 同 takes the afternoon of the time before."""
    t = c.first.time if c.first is not None and c.kind == "period" else None
    if not t or t[0] != "SAME" or last_clock is None or last_clock < 12 or t[1] >= 12 or "T" not in r.value:
        return r
    day, clock = r.value.split("T")
    return replace(r, value=f"{day}T{t[1] + 12:02d}{clock[2:]}")


PAST_RE = re.compile(r"(?:た|んだ)(?:[。」』）)]|と|こと|ため|が|\n|$)")


NONPAST_RE = re.compile(r"(?<=[\u3041-\u3093])る(?![\u3041-\u3093]*た)|(?<=[\u3041-\u3093])う(?=[。、\s]|$)|予定|見通し|方針|計画")
HEADING_LINE_RE = re.compile(r"[ \t\u3000■□◆◇●○・【〔［\[（(]*$")
HEADING_TAIL_RE = re.compile(r"[ \t\u3000】〕］\]）)]*(?:\n|$)")


FROM_BEFORE_RE = re.compile(r"から[ \t\u3000]*(?:わずか|僅か|ちょうど|約|およそ|ほぼ)?[ \t\u3000]*$")


def _counted_from_before(s: str, c: Candidate) -> bool:
    """`前年9月の会談からわずか9か月後`: the offset counts from the date just read, not from the
    reference time."""
    return bool(FROM_BEFORE_RE.search(s, max(0, c.start - 8), c.start))


def _heading_after(s: str, c: Candidate, r: Resolved, heading):
    """The chronology heading in force after this date: a heading naming one month sets it, any
    other heading clears it, and so does a row that opens with a date naming its own month."""
    if _is_heading(s, c):
        one_month = c.kind == "period" and r.precision == "month" and r.first[:2] == r.last[:2]
        return r.first[:2] if one_month else None
    explicit = c.first is not None and c.first.month is not None and c.first.month[0] == "abs"
    line = s.rfind("\n", 0, c.start) + 1
    if explicit and not s[line:c.start].strip(" \t\u3000・●■"):
        return None
    return heading


def _is_heading(s: str, c: Candidate) -> bool:
    """The date is a line of its own (`【2024年1月】`, `■2024年3月〜6月`): a chronology heading."""
    line = s.rfind("\n", 0, c.start) + 1
    return bool(HEADING_LINE_RE.match(s[line:c.start]) and HEADING_TAIL_RE.match(s, c.end))


def _past_clause(s: str, end: int) -> bool:
    """The date's own clause is told in the past tense: the first predicate after it, up to
    its sentence's end, is a past form (`…に会談した`), not a non-past one (`…までに発生する
    おそれがあると警告した`: the date's clause is `発生する`)."""
    stop = min((i for i in (s.find("。", end), s.find("\n", end)) if i >= 0), default=len(s))
    past = PAST_RE.search(s, end, stop + 1)
    nonpast = NONPAST_RE.search(s, end, stop + 1)
    return bool(past) and (nonpast is None or past.start() < nonpast.start())


def _sentence_start(s: str, pos: int) -> int:
    cut = max(max(s.rfind(ch, 0, pos) for ch in "。！？"), s.rfind("\n\n", 0, pos))
    return cut + 1


ATTRIBUTIVE_RE = re.compile(r"[ \t\u3000]*の(?![ \t\u3000]*(?:うち|間|ため|ほう|方|前|後|時点|段階|頃|ころ|ごろ))")
# an attributive date whose noun is the time or setting of the clause (`2023年の訪ロ時に`,
# `2024年の共同声明では`, `6月の会談において`) dates the narrative: it is not an aside
SETTING_NOUN_RE = re.compile(r"[^、。，,「」（）()\n]{0,24}?(?:時|際|折|では|において|にて|には)")
# a date opening its sentence whose noun is where or when the clause happens (`2023年7月の式典に
# 代表団が派遣され`), not its topic (`昭和四十七年の政府見解は`)
OPENER_SETTING_RE = re.compile(r"[^、。，,「」（）()\n]{0,24}?(?:時|際|折|では|において|にて|には|に(?!は)|で(?!は))")
# a date inside a relative clause qualifying a noun (`1961年7月に結ばれた条約`)
RELATIVE_CLAUSE_RE = re.compile(
    r"[ \t\u3000]*(?:に|から|まで|、)[^、。，,「」\n]{1,30}?(?:た|だ)(?!後|際|時|上|結果|末|のち)(?=[\u3400-\u9fff\u30a1-\u30fa「『])")
# … and a planned happening qualifying a noun (`5月19日から21日まで広島で開催されるG7サミット`)
PLANNED_CLAUSE_RE = re.compile(
    r"[ \t\u3000]*(?:に|から|まで)?[^、。，,「」\n]{1,24}?(?:される|する|れる)(?!予定|見通し|方針|計画|見込み|考え|意向|よう|こと|一方|ほか|中|際|前|間|上|度|たび|限り|以上)"
    r"(?=[\u3400-\u9fff\u30a1-\u30fa「『])")
# background told in the perfect or progressive (`2023年5月5日にも…観測していた`, `2020年12月以降、
# 活動が続いており`): a date of it that looks back moves nothing
BACKGROUND_RE = re.compile(r"[^。\n\u3000]*?(?P<aux>(?:て|で)(?:いた|おり|きた|きており))(?:[。、\[［]|が|もの|$)")
LOOK_BACK_AFTER_RE = re.compile(r"[ \t\u3000]*(?:以来|ぶり|来の|前後)")
# ... or the date of a clause that the narrative counts from (`昨年10月7日に…攻撃が起きて以降、`)
SINCE_CLAUSE_RE = re.compile(r"[ \t\u3000]*に[^、。\n]{1,40}?(?:て|で)(?:以降|以来)")
CAPTION_BEFORE = ("＝", "=")


def _in_brackets(s: str, pos: int) -> bool:
    """`pos` lies inside a （…） or (…) opened on its own line."""
    line = s.rfind("\n", 0, pos) + 1
    opened = max(s.rfind("（", line, pos), s.rfind("(", line, pos))
    return opened >= 0 and max(s.rfind("）", opened, pos), s.rfind(")", opened, pos)) < 0


def _particle_bound(s: str, c: Candidate) -> bool:
    """The date ends in, or is followed by, the particle that ties it to its clause."""
    return bool(re.match(r"[ \t\u3000]*(?:に|から|まで)", s[c.end:c.end + 4])) or s[c.start:c.end].endswith(("まで", "にかけて", "から"))


def _background(s: str, end: int) -> bool:
    """The date's own clause is told in the perfect or progressive: its first predicate
    (up to the first 、 or 。 after a verb) ends in ていた/ており/てきた."""
    stop = min((i for i in (s.find("。", end), s.find("\n", end)) if i >= 0), default=len(s))
    past = PAST_RE.search(s, end, stop + 1)
    m = BACKGROUND_RE.match(s, end, stop + 1)
    return bool(m) and (past is None or m.start("aux") <= past.start())


def _first_day(point: Partial) -> str:
    y, m, d = point
    return "" if y is None else cal.iso((y, m or 1, d or 1))


def _aside(s: str, c: Candidate, r: Resolved, opener: str, now: str = "", told: bool = True) -> bool:
    """A date that does not move the reference time (SPEC §3, docs/annotation.md §1.3): the
    reference time is the time the narrative stands at, and a date moves it only when it dates
    a happening of the narrative.  Dates that look back or qualify a noun move nothing:
    - a flashback (`前回の訪問は2019年4月で`, `かつて2000年に`), a date before 以来/ぶり
      (`2000年7月以来24年ぶり`) or of a clause counted from (`10月7日に…が起きて以降`), an open
      range back in time (`2019年以前`);
    - an attributive date that looks back, earlier than where the narrative stands (`now`, the
      reference time or else the document date: `2018年の南北軍事合意`, `2022年2月の侵攻`), unless
      its noun is the clause's time or setting (`2023年の訪ロ時に`, `…の声明では`; opening its
      sentence, also `2023年7月の式典に…派遣され`), and a date that looks back in a relative
      clause (`1961年7月に結ばれた条約`) once the story has a date — a later one carries the story
      on (`24年5月27日の打ち上げは失敗した`), and before any, one starts it;
    - a date that looks back in background told in the perfect or progressive (`2023年5月5日にも
      …観測していた`);
    - a date in brackets (`（2023年）`) or in a caption (`…＝10月31日`);
    - a date earlier than the one opening its sentence (`2024年2月26日、…は、北朝鮮が2023年7～8月
      以降…との分析を示した`): the background of the sentence."""
    clause = s[max(0, c.start - 40):c.start]
    clause = clause[max(clause.rfind(ch) for ch in "。、，\n") + 1:]
    if FLASHBACK_RE.search(clause) or c.kind == "before":
        return True
    if c.kind == "open" and s[c.start:c.end].rstrip().endswith("以来"):
        return True
    if LOOK_BACK_AFTER_RE.match(s, c.end) or SINCE_CLAUSE_RE.match(s, c.end):
        return True
    opens = bool(opener) and cal.iso(r.first) == opener and not s[_sentence_start(s, c.start):c.start].strip(" \t\u3000「『（(")
    looks_back = not now or not cal.iso(r.first) or cal.iso(r.first) < now
    m = ATTRIBUTIVE_RE.match(s, c.end)
    if m and looks_back and not (OPENER_SETTING_RE if opens else SETTING_NOUN_RE).match(s, m.end()):
        return True
    if not opens and told and looks_back and RELATIVE_CLAUSE_RE.match(s, c.end):
        return True
    if not opens and told and _particle_bound(s, c) and PLANNED_CLAUSE_RE.match(s, c.end):
        return True
    if told and looks_back and _background(s, c.end):
        return True
    if _in_brackets(s, c.start) or s[max(0, c.start - 1):c.start] in CAPTION_BEFORE:
        return True
    first = cal.iso(r.first)
    return bool(opener and first and first < opener)


def _merge_appositions(s: str, cands: list[Candidate]) -> list[Candidate]:
    """`翌月 6 月 19 日`: a month anaphor restated by an explicit month is one expression."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "period" and prev.first is not None
                and prev.first.kind == "point" and prev.first.year is None and prev.first.day is None
                and prev.first.month is not None and prev.first.month[0] == "ref"
                and c.first is not None and c.first.kind == "point" and c.first.year is None
                and c.first.month is not None and c.first.month[0] == "abs"
                and not s[prev.end:c.start].strip(" \t\u3000")):
            out[-1] = replace(c, start=prev.start)
            continue
        out.append(c)
    return out


def _copy_appositions(s: str, out: list[Timex]) -> list[Timex]:
    """`首脳会談の一カ月前である昨年八月`: a counted offset restated by a date takes its value."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.type == "DATE" and b.type == "DATE" and b.date_start and RELATIVE_RE.fullmatch(normalise(a.text))
                and s[a.end:b.start] in ("である", "の", "、", "にあたる")):
            out[i] = replace(a, value=b.value, date_start=b.date_start, date_end=b.date_end,
                             precision=b.precision, anchor=b.anchor)
    return out

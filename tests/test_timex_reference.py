"""The reference-time model (SPEC §3, docs/annotation.md §1.3), on composed texts.

The reference time is the time the narrative stands at. A date moves it only when it dates a
happening of the narrative; dates that look back or qualify a noun move nothing. With no
narrative date before it, the document date is the reference time. What a date omits (year,
or year and month) is what puts it closest to the reference time, and a past-tense happening
never lands after the document date. Rows: (text, doc_date, [(surface, value)]).
"""

from __future__ import annotations

import pytest

from pipeline.timex import extract_timex

NEWS = [
    # a news report: a bare day after a day keeps to the days around it (1日 after 10月31日)
    ("北朝鮮は10月31日、弾道ミサイルを発射した。1日には声明を出した。", "2024-11-04",
     [("10月31日", "2024-10-31"), ("1日", "2024-11-01")]),
    # a bare day with no narrative date before: the document date's month, or the one before
    ("首相は19日、記者団に語った。", "2024-06-20", [("19日", "2024-06-19")]),
    ("同国は31日に発射した。", "2024-11-01", [("31日", "2024-10-31")]),
    ("大統領選を5日に控え、緊張が高まっている。", "2024-11-01", [("5日", "2024-11-05")]),
    # a yearless date: the year that puts it closest to the reference time
    ("12月28日に両国は合意した。", "2025-01-05", [("12月28日", "2024-12-28")]),
    ("2023年5月10日に会談した。9月2日に再び会った。", "2023-12-20",
     [("2023年5月10日", "2023-05-10"), ("9月2日", "2023-09-02")]),
    ("2023年5月10日に会談した。1月15日には準備会合が開かれていた。", "2023-12-20",
     [("2023年5月10日", "2023-05-10"), ("1月15日", "2023-01-15")]),
    # the reference's own year or month holds unless another is clearly closer
    ("2024年の元日に地震が起きた。9月には豪雨が襲った。", "2024-12-31", [("2024年の元日", "2024-01-01"), ("9月", "2024-09")]),
    ("3日に外相が訪れた。19日には船が拿捕された。", "2023-11-30", [("3日", "2023-11-03"), ("19日", "2023-11-19")]),
    ("ロシアは3月28日に拒否権を行使し、パネルは4月末で活動を終えた。各国は10月16日に新組織を発表した。", "2024-11-25",
     [("3月28日", "2024-03-28"), ("4月末", "2024-04-21/2024-04-30"), ("10月16日", "2024-10-16")]),
    # a past-tense happening never lands after the document date
    ("両首脳は12月3日に電話で会談した。", "2024-11-25", [("12月3日", "2023-12-03")]),
    # ... but a planned one may
    ("両首脳は12月3日に会談する予定だ。", "2024-11-25", [("12月3日", "2024-12-03")]),
    # after a month or a year, a bare day counts from the document date
    ("昨年4月には首脳が会談した。外相は8日の会見で成果を強調した。", "2024-07-12",
     [("昨年4月", "2023-04"), ("8日", "2024-07-08")]),
]

ASIDES = [
    # inside 以来/ぶり: the story's dates keep their own year
    ("首相は2023年3月に訪日した。国賓の来日は1998年11月以来で、4月2日に帰国した。", "2023-12-01",
     [("2023年3月", "2023-03"), ("1998年11月以来", "1998-11-01/.."), ("4月2日", "2023-04-02")]),
    ("両国は2024年6月に首脳会談を開いた。2000年7月以来24年ぶりの訪問で、翌12日に条約を結んだ。", "2024-07-01",
     [("2024年6月", "2024-06"), ("2000年7月以来", "2000-07-01/.."), ("24年ぶり", "P24Y"), ("翌12日", "2024-06-12")]),
    # the next year written with its number (`翌19年`)
    ("両国は2018年5月に国交を結んだ。翌19年に大使館を開いた。", "2024-01-10",
     [("2018年5月", "2018-05"), ("翌19年", "2019")]),
    # ... and the date of a clause counted from (…が始まって以降)
    ("理事会は2024年3月25日に決議を採択した。2023年10月7日に戦闘が始まって以降、停戦を求めるのは初めてだ。同月中に再び会合を開いた。",
     "2024-03-26", [("2024年3月25日", "2024-03-25"), ("2023年10月7日", "2023-10-07"), ("同月", "2024-03")]),
    # an attributive date qualifies a noun: it moves nothing
    ("2024年9月、両国は2018年の合意を破棄した。同月中に声明を出した。", None,
     [("2024年9月", "2024-09"), ("2018年", "2018"), ("同月", "2024-09")]),
    ("2025年1月、外相は2022年2月の侵攻を非難した。同月末に再び会談した。", None,
     [("2025年1月", "2025-01"), ("2022年2月", "2022-02"), ("同月末", "2025-01-21/2025-01-31")]),
    # ... unless it opens its sentence or names the clause's time or setting
    ("2023年7月の式典に代表団が派遣された。同年9月には首脳が訪ロした。", None,
     [("2023年7月", "2023-07"), ("同年9月", "2023-09")]),
    ("首相は、2023年の訪問時に行われた3月21日の会談で合意した。", "2025-02-01",
     [("2023年", "2023"), ("3月21日", "2023-03-21")]),
    # an attributive or relative-clause date later than where the story stands carries it on
    ("2023年11月に打ち上げに成功した。2024年5月27日の打ち上げは失敗した。10月31日には再び発射した。", "2024-11-25",
     [("2023年11月", "2023-11"), ("2024年5月27日", "2024-05-27"), ("10月31日", "2024-10-31")]),
    # with no narrative date yet, a relative-clause date starts the story
    ("両国関係は、2020年6月15日夜に国境で起きた衝突で冷え込んだ。中国も翌年2月に死者を認めた。", "2025-09-12",
     [("2020年6月15日夜", "2020-06-15TNI"), ("翌年2月", "2021-02")]),
    # an offset counted from the date just read (…からN後), not from the reference time
    ("首脳は2024年6月19日に会談した。前年9月に行われた会談からわずか9か月後だった。翌20日に帰国した。", None,
     [("2024年6月19日", "2024-06-19"), ("前年9月", "2023-09"), ("9か月後", "2024-06"), ("翌20日", "2024-06-20")]),
    # background in the perfect or progressive looks back: it moves nothing
    ("本地震は2024年1月1日に発生した。同地方では2020年12月以降、地震が続いており、2023年5月5日にも強い揺れを観測していた。"
     "翌1月2日には空港で事故が起きた。", "2025-02-03",
     [("2024年1月1日", "2024-01-01"), ("2020年12月以降", "2020-12-01/.."), ("2023年5月5日", "2023-05-05"), ("1月2日", "2024-01-02")]),
    # a planned happening qualifying a noun moves nothing; a planned predicate (…予定だった) does
    ("首相は2023年3月21日に到着した。首相は、5月19日から21日まで広島で開催されるサミットに大統領を招待した。22日には隣国を訪れる予定だ。", "2023-03-21",
     [("2023年3月21日", "2023-03-21"), ("5月19日から21日まで", "2023-05-19/2023-05-21"), ("22日", "2023-03-22")]),
    ("協議は4月12日に始まった。第6回協議は6月15日に開かれる予定だったが、実現しなかった。前日の12日に決議が採択された。", "2025-10-06",
     [("4月12日", "2025-04-12"), ("6月15日", "2025-06-15"), ("前日", "2025-06-14"), ("12日", "2025-06-12")]),
    # a heading naming a range of months: the rows under it start at its first month
    ("【2024年7月〜9月】\n7月31日\u3000指導者が殺害される\u3000前日には就任式に出席していた", "2025-01-24",
     [("2024年7月〜9月", "2024-07-01/2024-09-30"), ("7月31日", "2024-07-31"), ("前日", "2024-07-30")]),
    # a date in brackets or in a caption moves nothing
    ("2024年5月に演習が行われた。同国は前回（2022年8月）と同規模と発表した。同月末に終了した。", None,
     [("2024年5月", "2024-05"), ("2022年8月", "2022-08"), ("同月末", "2024-05-21/2024-05-31")]),
    ("発射を見守る総書記＝2022年3月\n北朝鮮は4月1日に発射した。", "2024-04-03",
     [("2022年3月", "2022-03"), ("4月1日", "2024-04-01")]),
]


@pytest.mark.parametrize("text,doc_date,expected", NEWS + ASIDES)
def test_reference_time(text, doc_date, expected):
    found = extract_timex(text, doc_date)
    assert [(t.text, t.value) for t in found] == expected
    for t in found:
        assert text[t.start:t.end] == t.text

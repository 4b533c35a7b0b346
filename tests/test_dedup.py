"""Tests for the de-duplicated event view (pipeline/dedup.py) on composed events.csv rows.

Each case: mentions as (doc_id, char_start, event_type, participants, date_start, date_end,
modality), and the expected clusters as sorted tuples of (doc_id, char_start).
"""

from __future__ import annotations

import random

import pytest

from pipeline.dedup import DEDUP_COLUMNS, dedup_events


def mention(doc, start, etype, parts, ds, de, modality="asserted", a1=None, a2=None, eid=None):
    p = parts.split(";") if parts else []
    return {
        "event_id": eid or f"V{start}", "doc_id": doc, "char_start": start, "char_end": start + 2,
        "trigger": "会談", "event_type": etype, "modality": modality,
        "actor1": a1 if a1 is not None else (p[0] if p else ""),
        "actor2": a2 if a2 is not None else (p[1] if len(p) > 1 else ""),
        "participants": parts, "date_start": ds, "date_end": de, "sentence": f"{doc}の{start}文。",
    }


def clusters(rows):
    out = []
    for c in dedup_events(rows):
        out.append(tuple(sorted((e.split(":")[0], int(e.split(":")[1][1:])) for e in c["event_ids"].split(";"))))
    return sorted(out)


DAY = ("2024-06-19", "2024-06-19")
DAY2 = ("2024-06-05", "2024-06-05")
MONTH = ("2024-06-01", "2024-06-30")
YEAR = ("2024-01-01", "2024-12-31")

CASES = [
    # the same happening in two documents merges
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "PRK;RUS", *DAY)],
     [(("a", 10), ("b", 50))]),
    # the same happening twice in one document merges
    ([("a", 10, "VISIT", "PRK;RUS", *DAY), ("a", 90, "VISIT", "PRK;RUS", *DAY)],
     [(("a", 10), ("a", 90))]),
    # different dates do not merge
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "PRK;RUS", *DAY2)],
     [(("a", 10),), (("b", 50),)]),
    # a month-precision mention merges with the day inside it
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "PRK;RUS", *MONTH)],
     [(("a", 10), ("b", 50))]),
    # day, month and year of one happening form one cluster
    ([("a", 10, "SIGN_AGREEMENT", "PRK;RUS", *YEAR), ("b", 50, "SIGN_AGREEMENT", "PRK;RUS", *MONTH),
      ("c", 5, "SIGN_AGREEMENT", "PRK;RUS", *DAY)],
     [(("a", 10), ("b", 50), ("c", 5))]),
    # a month containing two different days stays apart: no chaining through the month
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("a", 30, "MEET", "PRK;RUS", *DAY2), ("b", 50, "MEET", "PRK;RUS", *MONTH)],
     [(("a", 10),), (("a", 30),), (("b", 50),)]),
    # different participants do not merge
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "CHN;RUS", *DAY)],
     [(("a", 10),), (("b", 50),)]),
    # a subset of the participants is a different set
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "CHN;PRK;RUS", *DAY)],
     [(("a", 10),), (("b", 50),)]),
    # participant order in the cell does not matter
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("b", 50, "MEET", "RUS;PRK", *DAY)],
     [(("a", 10), ("b", 50))]),
    # different types do not merge
    ([("a", 10, "MEET", "PRK;RUS", *DAY), ("a", 12, "SIGN_AGREEMENT", "PRK;RUS", *DAY)],
     [(("a", 10),), (("a", 12),)]),
    # a planned mention and an asserted one stay apart
    ([("a", 10, "VISIT", "PRK;RUS", *DAY, "planned"), ("b", 50, "VISIT", "PRK;RUS", *DAY)],
     [(("a", 10),), (("b", 50),)]),
    # undated mentions and mentions with no participants are never merged
    ([("a", 10, "MEET", "PRK;RUS", "", ""), ("b", 50, "MEET", "PRK;RUS", "", ""),
      ("a", 70, "STATEMENT", "", *DAY), ("b", 90, "STATEMENT", "", *DAY)],
     [(("a", 10),), (("a", 70),), (("b", 50),), (("b", 90),)]),
    # an open range merges only with the same open range
    ([("a", 10, "ATTACK", "RUS;UKR", "2022-02-01", ""), ("b", 50, "ATTACK", "RUS;UKR", "2022-02-01", ""),
      ("c", 5, "ATTACK", "RUS;UKR", "2022-02-24", "2022-02-24")],
     [(("a", 10), ("b", 50)), (("c", 5),)]),
    # overlapping ranges where neither contains the other stay apart
    ([("a", 10, "MEET", "CHN;RUS", "2024-06-18", "2024-06-19"), ("b", 50, "MEET", "CHN;RUS", "2024-06-19", "2024-06-20")],
     [(("a", 10),), (("b", 50),)]),
]


@pytest.mark.parametrize("mentions,expected", CASES)
def test_clusters(mentions, expected):
    assert clusters([mention(*m) for m in mentions]) == sorted(expected)


def test_row_fields():
    rows = [mention("b", 50, "MEET", "PRK;RUS", *MONTH, a1="PRK", a2="RUS"),
            mention("a", 10, "MEET", "PRK;RUS", *DAY, a1="RUS", a2="PRK"),
            mention("c", 7, "MEET", "PRK;RUS", *DAY, a1="RUS", a2="PRK")]
    (c,) = dedup_events(rows)
    assert set(c) == set(DEDUP_COLUMNS)
    assert (c["cluster_id"], c["date_start"], c["date_end"]) == ("C1", *DAY)  # the most precise dates
    assert (c["n_mentions"], c["n_documents"], c["doc_ids"]) == (3, 3, "a;b;c")
    assert c["event_ids"] == "a:V10;b:V50;c:V7"
    assert (c["rep_doc_id"], c["rep_event_id"], c["sentence"]) == ("a", "V10", "aの10文。")
    assert (c["actor1"], c["actor2"]) == ("RUS", "PRK")  # the most frequent order
    assert c["modality"] == "asserted"


def test_cluster_ids_are_chronological():
    rows = [mention("a", 10, "MEET", "PRK;RUS", *DAY), mention("a", 30, "VISIT", "PRK;RUS", "2023-09-13", "2023-09-13"),
            mention("a", 50, "MEET", "CHN;RUS", "", "")]
    got = [(c["cluster_id"], c["event_type"], c["date_start"]) for c in dedup_events(rows)]
    assert got == [("C1", "VISIT", "2023-09-13"), ("C2", "MEET", "2024-06-19"), ("C3", "MEET", "")]


def test_deterministic_under_input_order():
    rows = [mention(d, s, t, p, *rng) for d in "abc" for s in (10, 40) for t in ("MEET", "VISIT")
            for p in ("PRK;RUS", "CHN;RUS") for rng in (DAY, MONTH, DAY2, YEAR)]
    for k, r in enumerate(rows):
        r["char_start"] += k  # distinct offsets
        r["event_id"] = f"V{k}"
    first = dedup_events(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert dedup_events(shuffled) == first
    assert sum(c["n_mentions"] for c in first) == len(rows)


def test_empty():
    assert dedup_events([]) == []

import csv
from pathlib import Path

import pytest

from pipeline.gold_check import ENTITY_COLUMNS, EVENT_COLUMNS, TIMEX_COLUMNS, check_gold

TEXT = "2024年6月19日、ロシアと北朝鮮は平壌で条約に署名した。"


def _write(path: Path, columns, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("doc_id,path,title,author,published,source\na,a.txt,,,2024,\n", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    return tmp_path


GOOD_TIMEX = {"doc_id": "a", "char_start": 0, "char_end": 10, "text": "2024年6月19日", "type": "DATE", "value": "2024-06-19", "date_start": "2024-06-19", "date_end": "2024-06-19"}
GOOD_ENTITY = {"doc_id": "a", "char_start": 11, "char_end": 14, "text": "ロシア", "label": "COUNTRY", "actor_id": "RUS"}
GOOD_EVENT = {"doc_id": "a", "char_start": 25, "char_end": 27, "trigger": "署名", "event_type": "SIGN_AGREEMENT", "modality": "asserted", "actor1": "RUS", "actor2": "PRK", "participants": "PRK;RUS", "location": "PRK", "date_start": "2024-06-19", "date_end": "2024-06-19"}


def test_good_gold_passes(corpus):
    _write(corpus / "gold/timex.csv", TIMEX_COLUMNS, [GOOD_TIMEX])
    _write(corpus / "gold/entities.csv", ENTITY_COLUMNS, [GOOD_ENTITY])
    _write(corpus / "gold/events.csv", EVENT_COLUMNS, [GOOD_EVENT])
    assert check_gold(corpus / "gold") == ([], 3)


@pytest.mark.parametrize(
    "kind,columns,row,column,fragment",
    [
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "char_end": 9}, "text", "slice"),
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "type": "DAY"}, "type", "not in"),
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "date_start": "2024/06/19"}, "date_start", "ISO"),
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "date_start": "2024-06-20"}, "date_end", "after"),
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "doc_id": "zz"}, "doc_id", "unknown"),
        ("timex.csv", TIMEX_COLUMNS, {**GOOD_TIMEX, "char_end": 999}, "char_start", "outside"),
        ("entities.csv", ENTITY_COLUMNS, {**GOOD_ENTITY, "actor_id": "RU"}, "actor_id", "alpha-3"),
        ("entities.csv", ENTITY_COLUMNS, {**GOOD_ENTITY, "label": "NATION"}, "label", "not in"),
        ("events.csv", EVENT_COLUMNS, {**GOOD_EVENT, "event_type": "SIGN"}, "event_type", "contract"),
        ("events.csv", EVENT_COLUMNS, {**GOOD_EVENT, "modality": "maybe"}, "modality", "not in"),
        ("events.csv", EVENT_COLUMNS, {**GOOD_EVENT, "participants": "RUS;PRK"}, "participants", "sorted"),
        ("events.csv", EVENT_COLUMNS, {**GOOD_EVENT, "participants": "RUS"}, "participants", "actor2 PRK"),
    ],
)
def test_bad_rows_named_by_file_line_column(corpus, kind, columns, row, column, fragment):
    _write(corpus / "gold" / kind, columns, [row])
    problems, _ = check_gold(corpus / "gold")
    assert problems, "the bad row was not reported"
    assert any(p.startswith(f"{corpus / 'gold' / kind}:2: {column}:") and fragment in p for p in problems), problems


def test_duplicate_rows(corpus):
    _write(corpus / "gold/timex.csv", TIMEX_COLUMNS, [GOOD_TIMEX, GOOD_TIMEX])
    problems, _ = check_gold(corpus / "gold")
    assert problems == [f"{corpus / 'gold/timex.csv'}:3: row: duplicate of line 2"]


def test_missing_column(corpus):
    _write(corpus / "gold/timex.csv", TIMEX_COLUMNS[:-1], [])
    problems, _ = check_gold(corpus / "gold")
    assert "missing column(s) date_end" in problems[0]

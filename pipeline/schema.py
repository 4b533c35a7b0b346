"""The output tables: each one's columns, in order, and each column's type — the one home read
by the CSV writer (`extract`), the Parquet copies (`parquet_out`), the JSON Lines copies
(`jsonl_out`), `events.xlsx` (`xlsx`) and the Python API (`api`).

Types (COLUMN_TYPES; a column not listed is a string, and a column has one type in every table):

- `int`: offsets, page numbers and counts; an empty cell is null.
- `date`: a calendar day, ISO `YYYY-MM-DD`; an empty cell is null (undated, or an open end).
- `partial_date`: a document date as the manifest, dateline or `--doc-date` gave it — `YYYY`,
  `YYYY-MM` or `YYYY-MM-DD`. Parquet stores its first day as a date and the precision
  (`year|month|day`) in an added column `<name>_precision`; JSON Lines keeps the string as
  written; events.xlsx writes a date cell shown as `yyyy`, `yyyy-mm` or `yyyy-mm-dd`.
- `list`: `;`-joined codes or ids in the CSV (`participants`, `rules` …); a list of strings in
  Parquet and JSON Lines (an empty cell is an empty list).
"""

from __future__ import annotations

from datetime import date

STRING, INT, DATE, PARTIAL_DATE, LIST = "string", "int", "date", "partial_date", "list"
LIST_SEP = ";"

DOCUMENT_COLUMNS = (
    "doc_id", "path", "title", "published", "doc_date", "doc_date_source", "encoding",
    "n_chars", "n_sentences", "n_timex", "n_entities", "n_events", "status", "error",
)
SENTENCE_COLUMNS = ("doc_id", "sent_id", "char_start", "char_end", "text", "clean_text", "page")
ENTITY_COLUMNS = (
    "doc_id", "entity_id", "char_start", "char_end", "text", "label", "actor_id", "country", "name", "name_en",
)
EVENT_COLUMNS = (
    "event_id", "doc_id", "char_start", "char_end", "trigger", "event_type", "mode", "cameo", "plover",
    "modality", "actor1", "actor1_name", "actor1_text", "actor2", "actor2_name", "actor2_text",
    "participants", "location", "location_text", "date_text", "date_start", "date_end",
    "date_precision", "date_source", "sentence_start", "sentence_end", "sentence",
    "actor1_entity", "actor2_entity", "date_timex", "attribution", "rules", "cluster_id", "doc_title", "doc_date",
    "page",
)
TIMEX_COLUMNS = (
    "doc_id", "timex_id", "char_start", "char_end", "text", "type", "value", "date_start",
    "date_end", "precision", "anchor",
)
# trigger matches that made no row, each with the id of the filter or source that decided it
REJECTED_COLUMNS = (
    "doc_id", "char_start", "char_end", "trigger", "event_type", "reason", "sentence_start", "sentence_end", "page",
)
DEDUP_COLUMNS = (
    "cluster_id", "event_type", "participants", "actor1", "actor2", "date_start", "date_end",
    "modality", "n_mentions", "n_documents", "doc_ids", "event_ids", "rep_doc_id", "rep_event_id",
    "trigger", "sentence",
)
# the tables streamed document by document; events_dedup.csv is built from events.csv after them
TABLE_COLUMNS = {
    "documents": DOCUMENT_COLUMNS, "sentences": SENTENCE_COLUMNS, "timex": TIMEX_COLUMNS,
    "entities": ENTITY_COLUMNS, "events": EVENT_COLUMNS, "events_rejected": REJECTED_COLUMNS,
}
ALL_TABLES = {**TABLE_COLUMNS, "events_dedup": DEDUP_COLUMNS}

COLUMN_TYPES = {
    **dict.fromkeys(("char_start", "char_end", "page", "sent_id", "sentence_start", "sentence_end", "n_chars",
                     "n_sentences", "n_timex", "n_entities", "n_events", "n_mentions", "n_documents"), INT),
    **dict.fromkeys(("date_start", "date_end"), DATE),
    "doc_date": PARTIAL_DATE,
    **dict.fromkeys(("participants", "actor1_entity", "actor2_entity", "date_timex", "rules", "doc_ids", "event_ids"),
                    LIST),
}


def column_type(column: str) -> str:
    return COLUMN_TYPES.get(column, STRING)


def to_int(value: object) -> int | None:
    return None if value in (None, "") else int(value)


def to_date(value: object) -> date | None:
    """A `date` cell as a date; None when empty (or not a calendar day)."""
    if isinstance(value, date) or value in (None, ""):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


PRECISIONS = {4: "year", 7: "month", 10: "day"}


def partial_date(value: object) -> tuple[date | None, str]:
    """A `partial_date` cell (`2024`, `2024-03`, `2024-03-05`) as (its first day, precision);
    (None, "") when empty or unreadable."""
    text = "" if value is None else str(value)
    precision = PRECISIONS.get(len(text), "")
    try:
        return date.fromisoformat((text + "-01-01"[len(text) - 4:]) if precision else ""), precision
    except ValueError:
        return None, ""


def to_list(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in ("" if value is None else str(value)).split(LIST_SEP) if v]


def json_value(column: str, value: object) -> object:
    """A cell as JSON Lines carries it: the CSV's value (escape undone), ints as numbers, lists as
    lists, dates as ISO strings, empty int and date cells as null."""
    kind = column_type(column)
    if kind == INT:
        return to_int(value)
    if kind == LIST:
        return to_list(value)
    text = "" if value is None else str(value)
    if kind in (DATE, PARTIAL_DATE) and not text:
        return None
    return text

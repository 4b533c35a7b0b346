"""Validate the gold set (SPEC §4): `python -m pipeline gold-check corpus/gold`.

Every problem is reported as `FILE:LINE: column: problem`; the check never stops at the first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path

from .event_types import EVENT_TYPES as CONTRACT_EVENT_TYPES
from .ingest import IngestError, read_document
from .manifest import load_manifest
from .table_io import unescape

TIMEX_COLUMNS = ("doc_id", "char_start", "char_end", "text", "type", "value", "date_start", "date_end")
ENTITY_COLUMNS = ("doc_id", "char_start", "char_end", "text", "label", "actor_id")
EVENT_COLUMNS = (
    "doc_id", "char_start", "char_end", "trigger", "event_type", "modality", "actor1", "actor2",
    "participants", "location", "date_start", "date_end", "note",
)
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
ENTITY_LABELS = {"PERSON", "COUNTRY", "ORG", "GPE", "LOC", "FAC"}
EVENT_TYPES = set(CONTRACT_EVENT_TYPES)  # resources/events/types.csv
MODALITIES = {"asserted", "planned", "hypothetical", "negated"}
EXTRA_COUNTRIES = {"TWN", "XKX", "PSE", "SUN"}
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")
# a line of the next gold row inside a cell: a quote was left open
ROW_INSIDE_CELL = re.compile(r"\n[^,\n]+,[0-9]+,[0-9]+,")
# (file, text column, columns whose value must be a code)
FILES = {
    "timex.csv": (TIMEX_COLUMNS, "text"),
    "entities.csv": (ENTITY_COLUMNS, "text"),
    "events.csv": (EVENT_COLUMNS, "trigger"),
}


def country_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRIES


def _iso(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check_row(name: str, row: dict, texts: dict[str, str] | None, countries: set[str]) -> Iterable[tuple[str, str]]:
    """Yield (column, problem) for one gold row (`texts=None`: no corpus to check against)."""
    columns, text_col = FILES[name]
    doc = row["doc_id"]
    if texts is not None and doc not in texts:
        yield "doc_id", f"unknown doc_id {doc!r} (not in the corpus manifest)"
        return
    try:
        start, end = int(row["char_start"]), int(row["char_end"])
    except ValueError:
        yield "char_start", "offsets must be integers"
        return
    if texts is None:
        if not 0 <= start < end:
            yield "char_start", f"span [{start},{end}) is empty or negative"
    else:
        raw = texts[doc]
        if not 0 <= start < end <= len(raw):
            yield "char_start", f"span [{start},{end}) outside the text (length {len(raw)})"
        elif raw[start:end] != row[text_col]:
            yield text_col, f"offsets [{start},{end}) slice {raw[start:end]!r}, not {row[text_col]!r}"
    ds, de = row.get("date_start", ""), row.get("date_end", "")
    for col, val in (("date_start", ds), ("date_end", de)):
        if val and not _iso(val):
            yield col, f"{val!r} is not an ISO date YYYY-MM-DD"
    if ds and de and _iso(ds) and _iso(de) and ds > de:
        yield "date_end", f"date_start {ds} is after date_end {de}"
    if name == "timex.csv":
        if row["type"] not in TIMEX_TYPES:
            yield "type", f"{row['type']!r} not in {sorted(TIMEX_TYPES)}"
    elif name == "entities.csv":
        if row["label"] not in ENTITY_LABELS:
            yield "label", f"{row['label']!r} not in {sorted(ENTITY_LABELS)}"
        code = row["actor_id"]
        if row["label"] == "COUNTRY" and code not in countries:
            yield "actor_id", f"{code!r} is not an ISO 3166-1 alpha-3 country code"
        elif code and not _CODE.match(code):
            yield "actor_id", f"{code!r} is not an upper-case code"
    else:
        if row["event_type"] not in EVENT_TYPES:
            yield "event_type", f"{row['event_type']!r} is not an event type of the contract"
        if row["modality"] not in MODALITIES:
            yield "modality", f"{row['modality']!r} not in {sorted(MODALITIES)}"
        for col in ("actor1", "actor2", "location"):
            if row[col] and not _CODE.match(row[col]):
                yield col, f"{row[col]!r} is not an upper-case code"
        parts = [p for p in row["participants"].split(";") if p]
        if parts != sorted(set(parts)):
            yield "participants", f"{row['participants']!r} must be sorted, unique and ';'-joined"
        for p in parts:
            if not _CODE.match(p):
                yield "participants", f"{p!r} is not an upper-case code"
        for col in ("actor1", "actor2"):
            if row[col] and row[col] not in parts:
                yield "participants", f"{col} {row[col]} is missing from participants"


def check_file(path: Path, name: str, texts: dict[str, str] | None, countries: set[str]) -> list[str]:
    """Problems of one gold file of kind `name` (timex.csv, entities.csv or events.csv)."""
    columns, _ = FILES[name]
    problems: list[str] = []
    data = path.read_bytes()
    if not data.strip():
        return [f"{path}:1: file: empty (a gold file needs at least its header row)"]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [f"{path}:1: file: UTF-16; save it as UTF-8"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return [f"{path}:{line}: file: not UTF-8 (CP932 or another encoding?); save it as UTF-8"]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        return [f"{path}:1: header: missing column(s) {', '.join(missing)}"]
    seen: dict[tuple, int] = {}
    prev_line = 1
    for row in reader:
        line = reader.line_num
        first_line, prev_line = prev_line + 1, line
        cells = [v for v in row.values() if isinstance(v, str)]
        if any(ROW_INSIDE_CELL.search(v) for v in cells):
            problems.append(f"{path}:{first_line}: row: an unbalanced quote runs over lines {first_line}-{line}, "
                            "swallowing the rows after it")
            continue
        if None in row:
            problems.append(f"{path}:{first_line}: row: more cells than the header has columns (quote a cell holding a comma)")
            continue
        if any(v is None for v in row.values()):
            problems.append(f"{path}:{first_line}: row: fewer cells than the header has columns")
            continue
        # the spreadsheet escape of table_io (import-annotations writes with it) is undone, as eval does
        row = {k: unescape(v or "") for k, v in row.items() if k is not None}
        for col, problem in _check_row(name, row, texts, countries):
            problems.append(f"{path}:{first_line}: {col}: {problem}")
        key = tuple(row.get(c, "") for c in columns if c != "note")
        if key in seen:
            problems.append(f"{path}:{first_line}: row: duplicate of line {seen[key]}")
        else:
            seen[key] = first_line
    return problems


def load_texts(corpus: Path) -> dict[str, str]:
    """doc_id -> raw text for every manifest row of the corpus."""
    texts: dict[str, str] = {}
    for path, row in load_manifest(corpus / "manifest.csv").items():
        try:
            texts[row.doc_id] = read_document(path).text
        except IngestError:
            continue
    return texts


def check_gold(gold: Path, corpus: Path | None = None, require_texts: bool = True) -> tuple[list[str], int]:
    """All problems of the gold files in `gold` and the number of files checked. With no corpus
    manifest above the gold and `require_texts=False` (eval on a folder of its own), the rows are
    checked without their texts: everything but doc_ids and what the offsets slice."""
    if corpus is None:  # the nearest folder above the gold that holds a manifest
        corpus = next((p for p in gold.resolve().parents if (p / "manifest.csv").is_file()), gold.parent)
    texts = load_texts(corpus) if require_texts or (corpus / "manifest.csv").is_file() else None
    countries = country_codes()
    problems: list[str] = []
    n = 0
    for name in FILES:
        for path in sorted(gold.glob(f"*{name}")):  # timex.csv, or DOC.timex.csv per document
            n += 1
            problems.extend(check_file(path, name, texts, countries))
    return problems, n

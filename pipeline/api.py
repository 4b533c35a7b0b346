"""The Python API for notebooks (issue 19): the same tables as the CSVs, for a string or files.

    import pipeline
    tables = pipeline.extract_text("北朝鮮は1日、弾道ミサイルを発射した。", doc_date="2024-11-04")
    tables["events"][["trigger", "event_type", "actor1", "date_start"]]

    doc = pipeline.parse("2024年6月19日、ロシアと北朝鮮は条約に署名した。")
    [(s.text, s.label_) for s in doc.spans["actors"]]     # displacy-ready (style="span")

Every table has the columns and values of its CSV (pipeline/schema.py: TABLE_COLUMNS), with
`date_start`/`date_end` as datetime64 and offsets into the text given (the raw text, as in the
CSVs).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .schema import COLUMN_TYPES, DATE, TABLE_COLUMNS

DATE_COLUMNS = tuple(c for c, kind in COLUMN_TYPES.items() if kind == DATE)  # date_start, date_end
API_TABLES = ("documents", "sentences", "timex", "entities", "events")


def _frames(results: list[dict]) -> dict[str, pd.DataFrame]:
    from .dedup import label_clusters

    out = {}
    for table in API_TABLES:
        rows = [r["document"] for r in results] if table == "documents" else [row for r in results for row in r[table]]
        if table == "events":
            rows = [dict(r) for r in rows]
            label_clusters(rows)
        df = pd.DataFrame(rows, columns=list(TABLE_COLUMNS[table]))
        for col in DATE_COLUMNS:
            if col in df.columns:
                df[col] = pd.to_datetime(df[col].replace("", None), format="%Y-%m-%d", errors="coerce")
        out[table] = df
    return out


def _analyse_text(text: str, doc_date: str | None, title: str | None, doc_id: str):
    from .extract import Job, analyse_articles, prepare
    from .manifest import ManifestRow
    from .nlp import load_nlp

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    manifest = ManifestRow(doc_id, Path(f"<{doc_id}>"), title or "", "", doc_date or "", "api")
    art = prepare(Job(doc_id, f"<{doc_id}>", text.encode("utf-8"), manifest, None))
    if art.error:
        raise ValueError(art.error)
    analyse_articles([art], load_nlp())
    if art.error:
        raise ValueError(art.error)
    return art


def extract_text(text: str, doc_date: str | None = None, title: str | None = None,
                 doc_id: str = "text") -> dict[str, pd.DataFrame]:
    """Tables `timex`, `entities`, `events`, `sentences` (and `documents`) of one text; its
    document date is `doc_date` when given (ISO, may be partial), else a dateline in the text."""
    from .extract import result_of

    art = _analyse_text(text, doc_date, title, doc_id)
    return _frames([result_of(art)])


def extract_files(paths: Iterable[str | Path], doc_date: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables of many articles (files or folders, with their manifests), as `extract` makes
    them; a document that cannot be read is a `documents` row with status `error`."""
    from .extract import _doc_ids, collect_inputs, process_jobs

    files, manifests = collect_inputs([Path(p) for p in paths])
    specs = sorted(((f, i, manifests.get(f.resolve()), doc_date) for f, i in zip(files, _doc_ids(files, manifests))),
                   key=lambda s: s[1])
    return _frames(process_jobs(specs) if specs else [])


def load():
    """The spaCy `Language` of the pipeline (GiNZA with the `actor_finder` component)."""
    from .nlp import load_nlp

    return load_nlp()


def parse(text: str, doc_date: str | None = None, title: str | None = None):
    """A spaCy Doc of the cleaned text with `doc.spans["timex"]`, `doc.spans["actors"]` and
    `doc._.events` (the events rows); every span's `span._.raw` holds its (start, end) in `text`.
    `displacy.render(doc, style="span", options={"spans_key": "actors"})` shows the actors."""
    from spacy.tokens import Doc, Span

    from .extract import result_of

    for ext, default in (("events", None),):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=default)
    if not Span.has_extension("raw"):
        Span.set_extension("raw", default=None)
    art = _analyse_text(text, doc_date, title, "text")
    nlp = load()
    doc = nlp.make_doc(art.cleaned.text)
    result = result_of(art)
    to_clean = _raw_to_clean(art.cleaned.offsets)
    for key, table, label_col in (("timex", "timex", "type"), ("actors", "entities", "label")):
        spans = []
        for row in result[table]:
            start, end = to_clean(row["char_start"]), to_clean(row["char_end"] - 1) + 1
            span = doc.char_span(start, end, label=row[label_col], alignment_mode="expand")
            if span is not None:
                span._.raw = (row["char_start"], row["char_end"])
                spans.append(span)
        doc.spans[key] = spans
    doc._.events = result["events"]
    return doc


def _raw_to_clean(offsets: tuple[int, ...]):
    """raw offset -> the cleaned offset of the first cleaned character at or after it."""
    def to_clean(raw: int) -> int:
        return min(bisect.bisect_left(offsets, raw), max(0, len(offsets) - 1))
    return to_clean

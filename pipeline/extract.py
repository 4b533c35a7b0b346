"""`extract`: articles -> documents.csv, sentences.csv (and the stage tables) under --out."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .byline import byline_ranges, inside
from .clean import Cleaned, clean, paragraphs
from .dateline import find_dateline
from .ingest import IngestError, read_document
from .manifest import ManifestRow, load_manifest
from .sentences import Sentence, sentences_from_docs
from .table_io import write_csv

ARTICLE_SUFFIXES = {".txt", ".md"}
SKIP_DIRS = {"gold", ".git", "__pycache__"}

DOCUMENT_COLUMNS = (
    "doc_id", "path", "title", "published", "doc_date", "doc_date_source", "encoding",
    "n_chars", "n_sentences", "n_timex", "n_entities", "n_events", "status", "error",
)
SENTENCE_COLUMNS = ("doc_id", "sent_id", "char_start", "char_end", "text", "clean_text")
ENTITY_COLUMNS = (
    "doc_id", "entity_id", "char_start", "char_end", "text", "label", "actor_id", "country", "name",
)
EVENT_COLUMNS = (
    "event_id", "doc_id", "char_start", "char_end", "trigger", "event_type", "mode", "cameo", "plover",
    "modality", "actor1", "actor1_name", "actor1_text", "actor2", "actor2_name", "actor2_text",
    "participants", "location", "location_text", "date_text", "date_start", "date_end",
    "date_precision", "date_source", "sentence_start", "sentence_end", "sentence",
)
TIMEX_COLUMNS = (
    "doc_id", "timex_id", "char_start", "char_end", "text", "type", "value", "date_start",
    "date_end", "precision", "anchor",
)


@dataclass
class Article:
    """One input file on its way through the pipeline."""

    doc_id: str
    path: Path
    title: str = ""
    author: str = ""
    published: str = ""
    doc_date: str = ""
    doc_date_source: str = "none"
    encoding: str = ""
    error: str = ""
    cleaned: Cleaned | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tables: dict[str, list[dict]] = field(default_factory=dict)


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[Path], dict[Path, ManifestRow]]:
    """Article files under the inputs (sorted) and the manifest rows found beside them."""
    files: list[Path] = []
    manifests: dict[Path, ManifestRow] = {}
    for inp in inputs:
        if not inp.exists():
            raise FileNotFoundError(f"input not found: {inp}")
        folder = inp if inp.is_dir() else inp.parent
        manifest = folder / "manifest.csv"
        if manifest.is_file():
            manifests.update(load_manifest(manifest))
        if inp.is_dir():
            for p in sorted(inp.rglob("*")):
                rel = p.relative_to(inp).parts
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not any(
                    part in SKIP_DIRS or part.startswith(".") for part in rel
                ):
                    files.append(p)
        else:
            files.append(inp)
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, manifests


def _doc_ids(files: list[Path], manifests: dict[Path, ManifestRow]) -> list[str]:
    ids: list[str] = []
    used: set[str] = set()
    for f in files:
        row = manifests.get(f.resolve())
        base = row.doc_id if row else f.stem
        doc_id, k = base, 2
        while doc_id in used:
            doc_id, k = f"{base}-{k}", k + 1
        used.add(doc_id)
        ids.append(doc_id)
    return ids


def prepare(path: Path, doc_id: str, manifest: ManifestRow | None, doc_date_option: str | None) -> Article:
    """Read, decode, clean and date one article; errors are kept on the Article."""
    art = Article(doc_id=doc_id, path=path)
    if manifest:
        art.title, art.author, art.published = manifest.title, manifest.author, manifest.published
    try:
        raw = read_document(path)
    except IngestError as exc:
        art.error = str(exc)
        return art
    art.encoding = raw.encoding
    art.cleaned = clean(raw.text)
    art.paragraphs = paragraphs(art.cleaned)
    dateline = find_dateline(art.cleaned.text)
    if art.published:
        art.doc_date, art.doc_date_source = art.published, "manifest"
    elif dateline:
        art.doc_date, art.doc_date_source = dateline, "dateline"
    elif doc_date_option:
        art.doc_date, art.doc_date_source = doc_date_option, "option"
    return art


def _parse(articles: list[Article], nlp, n_process: int, batch_size: int) -> Iterator[tuple[Article, list]]:
    """Stream (article, paragraph Docs) in input order, parsing all paragraphs in one pipe."""

    def texts():
        for k, art in enumerate(articles):
            for s, e in art.paragraphs:
                yield art.cleaned.text[s:e], k

    pending = {k: [] for k, art in enumerate(articles) if art.paragraphs}
    expected = {k: len(art.paragraphs) for k, art in enumerate(articles)}
    order = iter(range(len(articles)))
    current = next(order, None)

    def flush():
        nonlocal current
        while current is not None and (expected[current] == 0 or len(pending.get(current, [])) == expected[current]):
            yield articles[current], pending.pop(current, [])
            current = next(order, None)

    yield from flush()
    for doc, k in nlp.pipe(texts(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        pending[k].append(doc)
        yield from flush()


def analyse(art: Article, docs: list) -> None:
    """Run the stages on one parsed article and fill art.tables (cleaned -> raw offsets)."""
    art.sentences = sentences_from_docs(art.paragraphs, docs)
    rows = []
    for i, sent in enumerate(art.sentences, start=1):
        rs, re_ = art.cleaned.to_raw(sent.start, sent.end)
        rows.append({
            "doc_id": art.doc_id, "sent_id": i, "char_start": rs, "char_end": re_,
            "text": art.cleaned.raw[rs:re_], "clean_text": art.cleaned.text[sent.start:sent.end],
        })
    art.tables["sentences"] = rows
    byline = byline_ranges(art.cleaned.text, art.author)
    timexes = _timexes(art, byline)
    art.tables["timex"] = timex_rows(art, timexes)
    paragraphs = _paragraph_actors(art, docs, byline)
    art.tables["entities"] = entity_rows(art, paragraphs)
    art.tables["events"] = event_rows(art, paragraphs, timexes)


def _paragraph_actors(art: Article, docs: list, byline) -> list[tuple[int, int, object, list]]:
    """(start, end, Doc, actors) per paragraph; actors from the `actor_finder` component,
    those in the author block left out (cleaned offsets = start + actor offsets)."""
    out = []
    for (p_start, p_end), doc in zip(art.paragraphs, docs):
        actors = [e for e in (doc._.actors or ()) if not inside(byline, p_start + e.start, p_start + e.end)]
        out.append((p_start, p_end, doc, actors))
    return out


def _timexes(art: Article, byline) -> list:
    from .timex import extract_timex

    return [t for t in extract_timex(art.cleaned.text, art.doc_date or None) if not inside(byline, t.start, t.end)]


def _shift(rec, by: int):
    return replace(rec, start=rec.start - by, end=rec.end - by)


def event_rows(art: Article, paragraphs: list, timexes: list) -> list[dict]:
    """events.csv rows: the event stage runs on each paragraph Doc with the paragraph's
    sentences, timexes and actors; its State (recent states, last two-sided event) carries
    across the document, a date only to the next sentence of the same paragraph."""
    from .events import State, find_events, load_lexicon

    lexicon = load_lexicon()
    state = State()
    rows = []
    for p_start, p_end, doc, actors in paragraphs:
        sents = [(s.start - p_start, s.end - p_start) for s in art.sentences if p_start <= s.start < p_end]
        tx = [_shift(t, p_start) for t in timexes if p_start <= t.start < p_end]
        for ev in find_events(doc, sents, tx, actors, lexicon, state):
            rs, re_ = art.cleaned.to_raw(p_start + ev.start, p_start + ev.end)
            ss, se = art.cleaned.to_raw(p_start + ev.sentence_start, p_start + ev.sentence_end)
            row = asdict(ev)
            row.update({
                "doc_id": art.doc_id, "char_start": rs, "char_end": re_, "trigger": art.cleaned.raw[rs:re_],
                "sentence_start": ss, "sentence_end": se, "sentence": art.cleaned.raw[ss:se],
            })
            del row["start"], row["end"]
            rows.append(row)
    rows.sort(key=lambda r: (r["char_start"], r["char_end"], r["event_type"]))
    for k, r in enumerate(rows, start=1):
        r["event_id"] = f"V{k}"
    return rows


def entity_rows(art: Article, paragraphs: list) -> list[dict]:
    """entities.csv rows from each paragraph's actors (see _paragraph_actors)."""
    rows = []
    for p_start, _, _, actors in paragraphs:
        for e in actors:
            rs, re_ = art.cleaned.to_raw(p_start + e.start, p_start + e.end)
            rows.append({
                "doc_id": art.doc_id, "entity_id": "", "char_start": rs, "char_end": re_,
                "text": art.cleaned.raw[rs:re_], "label": e.label, "actor_id": e.actor_id,
                "country": e.country, "name": e.name,
            })
    rows.sort(key=lambda r: (r["char_start"], r["char_end"]))
    for k, r in enumerate(rows, start=1):
        r["entity_id"] = f"E{k}"
    return rows


def timex_rows(art: Article, found: list) -> list[dict]:
    """timex.csv rows: the grammar runs on the cleaned text; offsets are mapped back to raw."""
    rows = []
    for k, t in enumerate(found, start=1):
        rs, re_ = art.cleaned.to_raw(t.start, t.end)
        rows.append({
            "doc_id": art.doc_id, "timex_id": f"T{k}", "char_start": rs, "char_end": re_,
            "text": art.cleaned.raw[rs:re_], "type": t.type, "value": t.value,
            "date_start": t.date_start, "date_end": t.date_end, "precision": t.precision, "anchor": t.anchor,
        })
    return rows


def document_row(art: Article) -> dict:
    return {
        "doc_id": art.doc_id, "path": art.path.as_posix(), "title": art.title,
        "published": art.published, "doc_date": art.doc_date, "doc_date_source": art.doc_date_source,
        "encoding": art.encoding, "n_chars": len(art.cleaned.raw) if art.cleaned else 0,
        "n_sentences": len(art.sentences), "n_timex": len(art.tables.get("timex", [])),
        "n_entities": len(art.tables.get("entities", [])), "n_events": len(art.tables.get("events", [])),
        "status": "error" if art.error else "ok", "error": art.error,
    }


def run_extract(
    inputs: list[Path], out: Path, doc_date: str | None = None, n_process: int = 1,
    batch_size: int = 64, progress: bool = True, nlp=None,
) -> list[dict]:
    """Process every article under `inputs` and write the tables into `out`."""
    from tqdm import tqdm

    from .nlp import load_nlp

    files, manifests = collect_inputs(inputs)
    ids = _doc_ids(files, manifests)
    articles = [prepare(f, i, manifests.get(f.resolve()), doc_date) for f, i in zip(files, ids)]
    for art in articles:
        if art.error:
            print(f"error: {art.path}: {art.error}", file=sys.stderr)
    nlp = nlp or load_nlp()
    bar = tqdm(total=len(articles), unit="doc", desc="extract", disable=not progress, file=sys.stderr)
    for art, docs in _parse(articles, nlp, n_process, batch_size):
        if not art.error:
            try:
                analyse(art, docs)
            except Exception as exc:  # one bad document never stops the run
                art.error = f"analysis failed: {type(exc).__name__}: {exc}"
                art.tables = {}
                print(f"error: {art.path}: {art.error}", file=sys.stderr)
        bar.update(1)
    bar.close()
    articles.sort(key=lambda a: a.doc_id)
    doc_rows = [document_row(a) for a in articles]
    write_csv(out / "documents.csv", DOCUMENT_COLUMNS, doc_rows)
    write_csv(out / "sentences.csv", SENTENCE_COLUMNS, (r for a in articles for r in a.tables.get("sentences", [])))
    write_csv(out / "timex.csv", TIMEX_COLUMNS, (r for a in articles for r in a.tables.get("timex", [])))
    write_csv(out / "entities.csv", ENTITY_COLUMNS, (r for a in articles for r in a.tables.get("entities", [])))
    write_csv(out / "events.csv", EVENT_COLUMNS, (r for a in articles for r in a.tables.get("events", [])))
    from .dedup import DEDUP_COLUMNS, dedup_events

    write_csv(out / "events_dedup.csv", DEDUP_COLUMNS, dedup_events([r for a in articles for r in a.tables.get("events", [])]))
    return doc_rows

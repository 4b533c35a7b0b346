"""`extract`: articles -> documents.csv, sentences.csv (and the stage tables) under --out."""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from .byline import byline_ranges, credit_ranges, inside, speaker_label_ranges
from .clean import Cleaned, clean, paragraphs
from .dateline import find_dateline
from .formats import CONVERTED_SUFFIXES, convert, page_of
from .ingest import MAX_BYTES, IngestError, decode_bytes, read_bytes
from .manifest import ManifestRow, load_manifest
from .outdir import OutputFolder
from .parquet_out import ParquetTables
from . import schema
from .schema import ALL_TABLES, DEDUP_COLUMNS, EVENT_COLUMNS, TABLE_COLUMNS
from .sentences import Sentence, sentences_from_docs
from .table_io import CsvStream, write_csv

ARTICLE_SUFFIXES = {".txt", ".md"} | CONVERTED_SUFFIXES  # PDF, HTML, Word: pipeline/formats.py
SKIP_DIRS = {"gold", ".git", "__pycache__"}
MANIFEST = "manifest.csv"  # each corpus folder may hold its own (SPEC §1)
CHUNK_DOCS = 16  # documents per unit of work (one GiNZA stream; one task of a pool or of Dask)
TABLES = ("sentences", "timex", "entities", "events", "events_rejected")
TEXTS = "texts"  # <out>/texts/<doc_id>.txt: the text of each PDF, HTML or Word input (and of stdin)
STDIN = Path("-")  # `extract -`: one article read from standard input
STDIN_DOC_ID = "stdin"
STDIN_PATH = "<stdin>"  # its `path` in documents.csv
TITLE_MAX = 80  # characters of a first line taken as the title
# the column lists live in pipeline/schema.py; these names stay importable from here
DOCUMENT_COLUMNS, SENTENCE_COLUMNS, TIMEX_COLUMNS = schema.DOCUMENT_COLUMNS, schema.SENTENCE_COLUMNS, schema.TIMEX_COLUMNS
ENTITY_COLUMNS, REJECTED_COLUMNS = schema.ENTITY_COLUMNS, schema.REJECTED_COLUMNS


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
    converted: bool = False  # read from PDF, HTML or Word: its text goes to <out>/texts/
    page_starts: tuple[int, ...] = ()  # PDF: the offset where each page begins
    meta_date: str = ""  # the date in the file's metadata (HTML)
    cleaned: Cleaned | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tables: dict[str, list[dict]] = field(default_factory=dict)


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[Path], dict[Path, ManifestRow]]:
    """Article files under the inputs (sorted) and the manifest rows found beside them. A
    `manifest.csv` named as an input is no article: it stands for the articles it lists; `-`
    (standard input) is kept as it is."""
    files: list[Path] = []
    manifests: dict[Path, ManifestRow] = {}
    listed: set[Path] = set()  # the articles of the manifests named as inputs
    for inp in inputs:
        if inp == STDIN:
            files.append(inp)
            continue
        if not inp.exists():
            raise FileNotFoundError(f"input not found: {inp}")
        folder = inp if inp.is_dir() else inp.parent
        manifest = folder / "manifest.csv"
        rows = load_manifest(manifest) if manifest.is_file() else {}
        manifests.update(rows)
        if inp.is_file() and inp.name == MANIFEST:
            listed.update(rows)
            files.extend(sorted((p for p in rows if p.is_file()), key=lambda p: rows[p].doc_id))
        elif inp.is_dir():
            for p in sorted(inp.rglob("*")):
                rel = p.relative_to(inp).parts
                if any(part in SKIP_DIRS or part.startswith(".") for part in rel):
                    continue
                if p.is_file() and p.name == MANIFEST and p != manifest:  # a sub-corpus's own manifest
                    manifests.update(load_manifest(p))
                elif p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(p)
        else:
            files.append(inp)
    # a manifest row whose file is missing or not a file is a document that failed (an error
    # row naming the problem), never silently dropped (issue 18)
    found = {f.resolve() for f in files}
    for path, row in sorted(manifests.items(), key=lambda kv: kv[1].doc_id):
        if path not in found and not path.is_file() and (
                path in listed or any(_under(path, i) for i in inputs if i != STDIN and i.is_dir())):
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f if f == STDIN else f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, manifests


def _under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _doc_ids(files: list[Path], manifests: dict[Path, ManifestRow]) -> list[str]:
    ids: list[str] = []
    used: set[str] = set()
    for f in files:
        row = None if f == STDIN else manifests.get(f.resolve())
        base = row.doc_id if row else STDIN_DOC_ID if f == STDIN else f.stem
        doc_id, k = base, 2
        while doc_id in used:
            doc_id, k = f"{base}-{k}", k + 1
        used.add(doc_id)
        ids.append(doc_id)
    return ids


@dataclass(frozen=True)
class Job:
    """One article read for processing (built by make_job where the file is read: in the
    worker for parsing, in the main process for the cache key)."""

    doc_id: str
    path: str
    data: bytes
    manifest: ManifestRow | None = None
    doc_date: str | None = None
    error: str = ""  # set when the file could not even be read


def make_job(path: Path, doc_id: str, manifest: ManifestRow | None = None, doc_date_option: str | None = None,
             data: bytes | None = None) -> Job:
    """`data`: the bytes already read (standard input), else the file is read here."""
    if data is not None:
        name = STDIN_PATH if path == STDIN else path.as_posix()
        if len(data) > MAX_BYTES:
            return Job(doc_id, name, b"", manifest, doc_date_option, f"file too large: {len(data)} bytes (limit {MAX_BYTES})")
        return Job(doc_id, name, data, manifest, doc_date_option)
    try:
        data = read_bytes(path)
    except IngestError as exc:
        return Job(doc_id, path.as_posix(), b"", manifest, doc_date_option, str(exc))
    return Job(doc_id, path.as_posix(), data, manifest, doc_date_option)


def prepare(job: Job) -> Article:
    """Decode, clean and date one article; errors are kept on the Article."""
    art = Article(doc_id=job.doc_id, path=Path(job.path))
    if job.manifest:
        art.title, art.author, art.published = job.manifest.title, job.manifest.author, job.manifest.published
    if job.error:
        art.error = job.error
        return art
    try:
        text, furniture = read_text(job, art)
    except IngestError as exc:
        art.error = str(exc)
        return art
    art.title = art.title or first_line_title(text)
    art.cleaned = clean(text, furniture)
    art.paragraphs = paragraphs(art.cleaned)
    dateline = find_dateline(text)  # the raw lines: the cleaner may drop a closing update line
    if art.published:
        art.doc_date, art.doc_date_source = job.manifest.doc_date, "manifest"
    elif art.meta_date:
        art.doc_date, art.doc_date_source = art.meta_date, "metadata"
    elif dateline:
        art.doc_date, art.doc_date_source = dateline, "dateline"
    elif job.doc_date:
        art.doc_date, art.doc_date_source = job.doc_date, "option"
    return art


def first_line_title(text: str) -> str:
    """The title of an article that names none (no manifest title, no title in the file): its
    first non-blank line that is not a dateline, markdown heading marks and emphasis removed,
    cut to TITLE_MAX characters."""
    from .dateline import parse_dateline

    for line in text.splitlines():
        line = " ".join(line.replace("**", "").lstrip("#").split())
        if line and not parse_dateline(line):
            return line if len(line) <= TITLE_MAX else line[:TITLE_MAX - 1] + "…"
    return ""


def read_text(job: Job, art: Article) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The article's text and the spans of page furniture in it: plain text decoded, PDF, HTML
    and Word converted (pipeline/formats.py; their title and date fill what the manifest leaves).
    Standard input is plain text whose text is written to <out>/texts/ like a converted file's."""
    suffix = Path(job.path).suffix.lower()
    if suffix not in CONVERTED_SUFFIXES:
        text, art.encoding = decode_bytes(job.data)
        art.converted = job.path == STDIN_PATH
        return text, ()
    conv = convert(suffix, job.data)
    art.encoding, art.page_starts, art.meta_date, art.converted = conv.encoding, conv.page_starts, conv.date, True
    art.title = art.title or conv.title
    return conv.text, conv.furniture


def _parse(articles: list[Article], nlp, batch_size: int) -> Iterator[object]:
    """The paragraph Docs of the articles, in input order, from one GiNZA stream. Docs are made a
    batch at a time as the caller asks for them, so the stream holds one batch, not a document."""
    texts = (art.cleaned.text[s:e] for art in articles for s, e in art.paragraphs)
    for batch in _batches(texts, batch_size, BATCH_CHARS):
        yield from nlp.pipe(batch, batch_size=len(batch))


# GiNZA's working memory grows with the text of a batch (about 50 KB a character: a batch of 64
# one-line pieces of 40,000 bytes took 13 GB), so a batch is bounded by its characters too; a
# paragraph longer than this is a batch of its own (at most MAX_PARAGRAPH_BYTES, pipeline/clean.py)
BATCH_CHARS = 20_000


def _batches(texts: Iterable[str], size: int, chars: int) -> Iterator[list[str]]:
    """The texts in order, in batches of at most `size` texts and `chars` characters."""
    batch: list[str] = []
    n = 0
    for text in texts:
        if batch and (len(batch) == size or n + len(text) > chars):
            yield batch
            batch, n = [], 0
        batch.append(text)
        n += len(text)
    if batch:
        yield batch


def analyse_articles(articles: list[Article], nlp, batch_size: int = 64) -> None:
    """Parse the articles' paragraphs in one GiNZA stream and fill each article's tables."""
    for _ in iter_analysed(articles, nlp, batch_size):
        pass


def iter_analysed(articles: list[Article], nlp, batch_size: int = 64) -> Iterator[Article]:
    """analyse_articles, each article yielded as soon as its tables are filled. Each paragraph's
    Doc is reduced to rows (DocumentPass.add) before the next is parsed, and dropped; a document
    whose analysis fails becomes an error and never stops the others."""
    docs = _parse(articles, nlp, batch_size)
    for art in articles:
        doc_pass = _step(art, DocumentPass, art)
        for _ in art.paragraphs:
            doc = next(docs)  # parsed now (an error of GiNZA itself stops the run, as it always did)
            if doc_pass is not None:
                doc_pass = _step(art, doc_pass.add, doc)
        if doc_pass is not None:
            _step(art, doc_pass.finish)
        yield art


def _step(art: Article, fn, *args):
    """fn(*args); when it raises, None, with the article failed and its rows dropped."""
    try:
        return fn(*args)
    except Exception as exc:  # one bad document never stops the run
        art.error = f"analysis failed: {type(exc).__name__}: {exc}"
        art.tables, art.sentences = {}, []
        return None


def process_jobs(specs: list[tuple], batch_size: int = 64, ner_mode: str = "gaps") -> list[dict]:
    """The per-document function of every engine: a chunk of job specs (path, doc_id, manifest
    row, --doc-date[, bytes]) -> one result per document, {"key": cache key, "document": row,
    "sentences": [...], "timex": [...], "entities": [...], "events": [...]}. The files are read
    here (in the worker); the chunk's paragraphs go through GiNZA in one stream, each reduced to
    rows before the next is parsed; a failing document becomes an error row and never stops the
    others."""
    return list(iter_process_jobs(specs, batch_size, ner_mode))


def iter_process_jobs(specs: list[tuple], batch_size: int = 64, ner_mode: str = "gaps") -> Iterator[dict]:
    """process_jobs, each document's result yielded as soon as it is analysed (in input order)."""
    from .cache import job_key
    from .nlp import load_nlp

    jobs = [make_job(*spec) for spec in specs]
    articles = [prepare(j) for j in jobs]
    todo = [a for a in articles if not a.error]
    analysed = iter_analysed(todo, load_nlp(ner_mode=ner_mode), batch_size) if todo else iter(())
    pending = {id(a) for a in todo}
    for job, art in zip(jobs, articles):
        if id(art) in pending:
            next(analysed)  # this article's paragraphs parsed and reduced to rows now
        yield {"key": job_key(job, ner_mode), **result_of(art)}


def failed_results(specs: list[tuple], reason: str, ner_mode: str = "gaps") -> list[dict]:
    """Error results for a chunk whose worker died: one error row per document, nothing cached."""
    from .cache import job_key

    out = []
    for spec in specs:
        job = make_job(*spec)
        art = Article(doc_id=job.doc_id, path=Path(job.path), error=reason)
        if job.manifest:
            art.title, art.author, art.published = job.manifest.title, job.manifest.author, job.manifest.published
        out.append({"key": job_key(job, ner_mode), **result_of(art)})
    return out


def result_of(art: Article) -> dict:
    out = {"document": document_row(art)}
    if art.converted and art.cleaned and not art.error:
        out["text"] = art.cleaned.raw  # written to <out>/texts/<doc_id>.txt
    for table in TABLES:
        out[table] = art.tables.get(table, [])
    return out


class DocumentPass:
    """The stages of one article, fed its paragraph Docs in text order (issue 18).

    Each Doc is reduced to plain rows — its sentences, entities, events and rejected triggers —
    in `add`, and nothing keeps it afterwards, so memory holds the Docs of one GiNZA batch, not
    of a document. What crosses paragraphs is plain data: the timexes (found on the whole
    cleaned text, before any paragraph), the event stage's State, the rows so far. `finish`
    numbers the rows and links events to their entities' ids (cleaned -> raw offsets)."""

    def __init__(self, art: Article) -> None:
        from .context_bodies import bodies_in
        from .events import State, load_lexicon
        from .person_anaphora import People

        self.art = art
        text = art.cleaned.text
        # the author block, credits and navigation lines: not text (guideline §6.1)
        self.byline = sorted(byline_ranges(text, art.author) + credit_ranges(text))
        self.labels = speaker_label_ranges(text)
        self.bodies = bodies_in(text)
        timexes = _timexes(art, self.byline)
        art.tables["timex"] = timex_rows(art, timexes)
        self.timex_at = {(r["char_start"], r["char_end"]): r["timex_id"] for r in art.tables["timex"]}
        self.timexes = _by_paragraph(art.paragraphs, timexes)
        self.timex_of: dict[int, str] = {}  # id() of a paragraph's shifted Timex -> its timex_id
        self.kept: list = []  # the shifted Timex objects, alive while their id()s are keys
        self.state = State(doc_date=art.doc_date, title=art.title or "")
        self.people = People()  # the people named so far, for those named again (`習氏`, `同大使`)
        self.lexicon = load_lexicon()
        self.entities: list[dict] = []
        self.events: list[tuple[dict, list, list]] = []  # (row, actor1 raw spans, actor2 raw spans)
        self.rejected: list[dict] = []
        self.n = 0  # paragraphs read

    def add(self, doc) -> DocumentPass:
        """Read the next paragraph's Doc into rows."""
        k, self.n = self.n, self.n + 1
        p_start, p_end = self.art.paragraphs[k]
        sents = sentences_from_docs([(p_start, p_end)], [doc])
        self.art.sentences += sents
        actors = self._actors(p_start, doc)
        self.entities += self._entity_rows(p_start, actors)
        self._events(p_start, doc, sents, self.timexes[k], actors)
        return self

    def finish(self) -> None:
        art = self.art
        art.tables["sentences"] = sentence_rows(art)
        art.tables["entities"] = _numbered(self.entities, "entity_id", "E", ("char_start", "char_end"))
        entity_of = {(r["char_start"], r["char_end"]): r["entity_id"] for r in art.tables["entities"]}
        rows = []
        for row, spans1, spans2 in self.events:
            row["actor1_entity"] = ";".join(filter(None, (entity_of.get(s) for s in spans1)))
            row["actor2_entity"] = ";".join(filter(None, (entity_of.get(s) for s in spans2)))
            rows.append(row)
        art.tables["events"] = _numbered(rows, "event_id", "V", ("char_start", "char_end", "event_type"))
        self.rejected.sort(key=lambda r: (r["char_start"], r["char_end"], r["event_type"], r["reason"]))
        art.tables["events_rejected"] = self.rejected

    def _actors(self, p_start: int, doc) -> list:
        """The paragraph's actors from the `actor_finder` component, those in the author block
        left out, with the bodies named bare whose organisation the document gives (`総会` in a
        text about the UN) and the people named again; offsets into the paragraph."""
        from .context_bodies import context_bodies
        from .person_anaphora import named_again

        actors = [e for e in (doc._.actors or ()) if not inside(self.byline, p_start + e.start, p_start + e.end)]
        bodies = context_bodies(self.art.cleaned.text, doc.text, actors, self.bodies)
        # people named again (`習氏`, `同大使`) after their first mention in the document
        return named_again(doc.text, actors + bodies, self.people)

    def _entity_rows(self, p_start: int, actors: list) -> list[dict]:
        """entities.csv rows of one paragraph's actors (unnumbered)."""
        art, rows = self.art, []
        for e in actors:
            if not e.shown or inside(self.labels, p_start + e.start, p_start + e.end):
                continue  # anaphors (我が国) and speaker labels (【外務大臣】) are not entity rows
            rs, re_ = art.cleaned.to_raw(p_start + e.start, p_start + e.end)
            rows.append({
                "doc_id": art.doc_id, "entity_id": "", "char_start": rs, "char_end": re_,
                "text": art.cleaned.raw[rs:re_], "label": e.label, "actor_id": e.actor_id,
                "country": e.country, "name": e.name, "name_en": e.name_en,
            })
        return rows

    def _events(self, p_start: int, doc, sentences: list, timexes: list, actors: list) -> None:
        """events.csv and events_rejected.csv rows of one paragraph: the event stage runs on its
        Doc with its sentences, timexes and actors; the State (recent states, last two-sided
        event) carries across the document, a date only to the next sentence of the paragraph."""
        from .events import find_events

        art = self.art
        # a sentence stops where a credit or note that is no text begins (`…反対に回る（出所）…`)
        sents = [(s.start - p_start, min([s.end] + [a for a, _ in self.byline if s.start < a < s.end]) - p_start)
                 for s in sentences if not inside(self.byline, s.start, s.end)]
        tx = [_shift(t, p_start) for t in timexes]
        self.kept += tx
        self.timex_of.update({id(t): self.timex_at.get(art.cleaned.to_raw(t.start + p_start, t.end + p_start), "")
                              for t in tx})

        def raw_spans(spans) -> list[tuple[int, int]]:
            return [art.cleaned.to_raw(p_start + a, p_start + b) for a, b in spans]

        dropped = []
        for ev in find_events(doc, sents, tx, actors, self.lexicon, self.state, dropped):
            rs, re_ = art.cleaned.to_raw(p_start + ev.start, p_start + ev.end)
            ss, se = art.cleaned.to_raw(p_start + ev.sentence_start, p_start + ev.sentence_end)
            row = {k: v for k, v in asdict(replace(ev, date_ref=None)).items()
                   if k not in ("start", "end", "actor1_spans", "actor2_spans", "date_ref")}
            row.update({
                "doc_id": art.doc_id, "char_start": rs, "char_end": re_, "trigger": art.cleaned.raw[rs:re_],
                "sentence_start": ss, "sentence_end": se, "sentence": art.cleaned.raw[ss:se],
                "actor1_entity": "", "actor2_entity": "",  # entity ids, known when the document ends
                "date_timex": self.timex_of.get(id(ev.date_ref), ""),
                "rules": ";".join(ev.rules), "cluster_id": "", "doc_title": art.title, "doc_date": art.doc_date,
                "page": page_of(art.page_starts, rs),
            })
            self.events.append((row, raw_spans(ev.actor1_spans), raw_spans(ev.actor2_spans)))
        self.rejected += [_rejected_row(art, p_start, r) for r in dropped]


def _by_paragraph(spans: list[tuple[int, int]], timexes: list) -> list[list]:
    """The timexes that start in each paragraph (in their order), one list per paragraph."""
    starts = [s for s, _ in spans]
    out: list[list] = [[] for _ in spans]
    for t in timexes:
        k = bisect_right(starts, t.start) - 1
        if k >= 0 and t.start < spans[k][1]:
            out[k].append(t)
    return out


def _numbered(rows: list[dict], column: str, prefix: str, key: tuple[str, ...]) -> list[dict]:
    """rows sorted (stably) by `key`, `column` set to prefix + 1-based rank."""
    rows.sort(key=lambda r: tuple(r[c] for c in key))
    for k, r in enumerate(rows, start=1):
        r[column] = f"{prefix}{k}"
    return rows


def sentence_rows(art: Article) -> list[dict]:
    """sentences.csv rows (cleaned -> raw offsets)."""
    rows = []
    for i, sent in enumerate(art.sentences, start=1):
        rs, re_ = art.cleaned.to_raw(sent.start, sent.end)
        rows.append({
            "doc_id": art.doc_id, "sent_id": i, "char_start": rs, "char_end": re_,
            "text": art.cleaned.raw[rs:re_], "clean_text": art.cleaned.text[sent.start:sent.end],
            "page": page_of(art.page_starts, rs),
        })
    return rows


def _timexes(art: Article, byline) -> list:
    from .timex import extract_timex

    return [t for t in extract_timex(art.cleaned.text, art.doc_date or None) if not inside(byline, t.start, t.end)]


def _shift(rec, by: int):
    return replace(rec, start=rec.start - by, end=rec.end - by)


def _rejected_row(art: Article, p_start: int, r) -> dict:
    """An events_rejected.csv row from a Rejection (paragraph offsets -> raw offsets)."""
    rs, re_ = art.cleaned.to_raw(p_start + r.start, p_start + r.end)
    ss, se = art.cleaned.to_raw(p_start + r.sentence_start, p_start + r.sentence_end)
    return {"doc_id": art.doc_id, "char_start": rs, "char_end": re_, "trigger": art.cleaned.raw[rs:re_],
            "event_type": r.event_type, "reason": r.reason, "sentence_start": ss, "sentence_end": se,
            "page": page_of(art.page_starts, rs)}


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
    batch_size: int = 64, progress: bool = True, engine: str = "local", scheduler: str | None = None,
    cache: bool = True, cache_dir: Path | None = None, parquet: bool | None = None,
    chunk_docs: int = CHUNK_DOCS, ner_mode: str = "gaps", views: bool = True, jsonl: bool = False,
    stdin: bytes | None = None,
) -> list[dict]:
    """Process every article under `inputs` and write the tables into `out`.

    Documents are processed in doc_id order, in chunks of `chunk_docs` (the unit of work of
    every engine), and their rows are streamed into the output files, so memory does not grow
    with the corpus; unchanged documents come from the result cache (pipeline/cache.py).
    Parquet copies are written with `parquet=True` (default: with the dask engine); with
    `views`, report.html and events.xlsx too; with `jsonl`, <out>/jsonl/<table>.jsonl. Everything is
    written into a staging folder and moved into `out` together at the end (pipeline/outdir.py: one
    run at a time per folder), with the run record `run.json` (pipeline/runrecord.py). An input `-`
    is one article read from standard input (`stdin`: its bytes, read here when not given)."""
    from .cache import ResultCache, job_key
    from .engines import map_chunks
    from .runrecord import write_run_record

    files, manifests = collect_inputs(inputs)
    ids = _doc_ids(files, manifests)
    if STDIN in files and stdin is None:
        stdin = sys.stdin.buffer.read()
    specs = sorted(((f, i, manifests.get(f.resolve()), doc_date) + ((stdin,) if f == STDIN else ())
                    for f, i in zip(files, ids)), key=lambda s: s[1])
    store = ResultCache((cache_dir or out / ".cache") if cache else None)
    parquet = engine == "dask" if parquet is None else parquet

    # the cache is looked up once, in doc_id order; only the keys of the hits are kept
    hit_keys: dict[int, str] = {}
    for n, spec in enumerate(specs if cache else ()):
        key = job_key(make_job(*spec), ner_mode)
        if store.has(key):
            hit_keys[n] = key
    misses = [spec for n, spec in enumerate(specs) if n not in hit_keys]
    if n_process > 1:  # enough chunks to keep every worker busy to the end
        chunk_docs = max(1, min(chunk_docs, -(-len(misses) // (4 * n_process))))
    chunks = [misses[i:i + chunk_docs] for i in range(0, len(misses), chunk_docs)]
    work = partial(process_jobs, batch_size=batch_size, ner_mode=ner_mode)  # picklable for pools and Dask
    fail = partial(failed_results, ner_mode=ner_mode)
    if engine == "local" and n_process == 1:  # in this process: each result as soon as it is made
        computed = (r for chunk in chunks for r in iter_process_jobs(chunk, batch_size, ner_mode))
    else:
        computed = (r for chunk in map_chunks(work, chunks, engine, n_process, scheduler, ner_mode, fail) for r in chunk)

    with OutputFolder(out) as folder:  # one run at a time; its files replace the old ones together
        doc_rows = _write_tables(folder.stage, specs, hit_keys, store, computed, misses, batch_size, ner_mode,
                                 progress, parquet)
        if views:
            _write_views(folder.stage)
        if jsonl:
            from .jsonl_out import write_jsonl

            write_jsonl(folder.stage)
        options = {"inputs": [p.as_posix() for p in inputs], "doc_date": doc_date, "ner": ner_mode,
                   "engine": engine, "n_process": n_process, "scheduler": scheduler, "batch_size": batch_size,
                   "cache": cache, "parquet": parquet, "jsonl": jsonl}
        write_run_record(folder.stage, options, doc_rows)
        folder.commit()
    if cache and progress:
        print(f"cache: {len(hit_keys)} of {len(specs)} document(s) unchanged, {len(misses)} processed",
              file=sys.stderr)
    return doc_rows


def write_text(path: Path, text: str) -> None:
    """UTF-8, no BOM, line ends as read: the offsets of every table index this file's characters."""
    from .table_io import atomic_write_bytes

    atomic_write_bytes(path, text.encode("utf-8"))


def _fill_cluster_ids(events_csv: Path) -> tuple[list[dict], list[dict]]:
    """events.csv's `cluster_id` (its happening in events_dedup.csv): (events, clusters)."""
    from .dedup import label_clusters
    from .table_io import read_csv_rows

    rows = read_csv_rows(events_csv)
    clusters = label_clusters(rows)
    write_csv(events_csv, EVENT_COLUMNS, rows)
    return rows, clusters


def _write_views(stage: Path) -> None:
    """report.html and events.xlsx beside the tables (issue 8), written with them."""
    from .report import write_report
    from .xlsx import write_events_xlsx

    write_report(stage)
    write_events_xlsx(stage)


def _write_tables(out: Path, specs, hit_keys, store, computed, misses, batch_size, ner_mode, progress, parquet) -> list[dict]:
    """Stream every document's rows into the tables under `out` (the staging folder)."""
    from tqdm import tqdm

    streams = {t: CsvStream(out / f"{t}.csv", cols) for t, cols in TABLE_COLUMNS.items()}
    pq_out = ParquetTables(out, ALL_TABLES) if parquet else None
    doc_rows = []
    bar = tqdm(total=len(specs), unit="doc", desc="extract", disable=not progress, file=sys.stderr)
    try:
        for n in range(len(specs)):
            result = store.get(hit_keys[n]) if n in hit_keys else None
            if result is None:
                result = next(computed) if n not in hit_keys else process_jobs([specs[n]], batch_size, ner_mode)[0]
                store.put(result["key"], result)
            doc = result["document"]
            if doc["error"]:
                tqdm.write(f"error: {doc['path']}: {doc['error']}", file=sys.stderr)
            elif doc["doc_date_source"] == "none":
                tqdm.write(f"warning: {doc['path']}: no document date (no manifest date, dateline or --doc-date): "
                           "dates relative to it stay unresolved", file=sys.stderr)
            if result.get("text") is not None:  # the text a PDF, HTML or Word file was read as
                write_text(out / TEXTS / f"{doc['doc_id']}.txt", result["text"])
            tables = {"documents": [doc], **{t: result[t] for t in TABLES}}
            for t, stream in streams.items():
                stream.write(tables[t])
                if pq_out and t != "events":  # written below, with their cluster_id
                    pq_out.write(t, tables[t])
            doc_rows.append(doc)
            bar.update(1)
    except BaseException:
        for stream in streams.values():
            stream.abort()
        if pq_out:
            pq_out.abort()
        raise
    finally:
        bar.close()
    for stream in streams.values():
        stream.commit()
    events, clusters = _fill_cluster_ids(out / "events.csv")
    write_csv(out / "events_dedup.csv", DEDUP_COLUMNS, clusters)
    if pq_out:
        pq_out.write("events", events)
        pq_out.write("events_dedup", clusters)
        pq_out.commit()
    return doc_rows

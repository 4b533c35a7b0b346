"""`report.html`: the tables `extract` wrote, as one self-contained page for a reader.

write_report(out_dir) reads documents.csv, sentences.csv, timex.csv, entities.csv and
events.csv in out_dir, and each article's text (out_dir/texts/<doc_id>.txt for a PDF, HTML or
Word input, else documents.csv `path` decoded with `ingest.read_document`: the CSV offsets point
into it), and writes out_dir/report.html:

- a corpus timeline of the dated events (inline SVG): x = date (a bar from date_start to
  date_end, a dot for a single day, a dot with a tick for an open end), one lane per
  participant set named by the actors' names and codes (`北朝鮮・ロシア PRK · RUS`; the names
  from entities.csv), colour = event type (with its Japanese name in the legend), hollow = not
  asserted (planned, hypothetical, negated). When a few early events stretch the axis, it opens
  on the span that holds the latest FOCUS_SHARE of dated events. Two date fields (and `reset`,
  `whole range`) or a drag across it zoom it to any period, and the event table's filters
  filter it too: the page's script (REPORT_JS) lays the marks out again as timeline_svg does.
  Undated events are listed apart (and follow the filters too);
- the event table: sortable by clicking a header, with a text filter and type (code and
  Japanese name), modality and dated filters; it fits a 1,400-pixel screen (doc_id and trigger
  on one line, cut with `…`, whole on hover);
- per document, its text with temporal expressions (underlined), actors and places (shaded by
  label) and event triggers (boxed, tagged with the type) marked, overlaps included, and the
  events of each sentence beside it.

Limits that keep a large corpus usable (the page says when one is reached): the full text is
rendered for the first MAX_TEXT_DOCS documents (by doc_id), the table and timeline hold at most
MAX_TABLE_ROWS events, the timeline at most MAX_LANES lanes (the rest share an `other` lane).
The bytes depend only on the input tables and texts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from .event_types import TYPE_LABELS_JA
from .htmlkit import Span, badge, color_vars, filter_controls, highlight, legend, ordered_types, page, type_color, type_label
from .ingest import IngestError, read_document
from .table_io import atomic_write_bytes, read_csv_rows

MAX_TEXT_DOCS = 200
MAX_TABLE_ROWS = 20_000
MAX_LANES = 30
FOCUS_SHARE = 0.9
TABLES = ("documents", "sentences", "timex", "entities", "events")
ENTITY_LABELS = ("PERSON", "COUNTRY", "ORG", "GPE", "LOC", "FAC")
MODALITIES = ("asserted", "planned", "hypothetical", "negated")


class ReportError(Exception):
    """The outputs folder cannot be reported on (one line)."""


# ---------------------------------------------------------------- reading (the only I/O)

def read_tables(out_dir: Path) -> dict[str, list[dict]]:
    """The extract tables of out_dir; documents.csv is required, a missing other table is empty."""
    if not (out_dir / "documents.csv").is_file():
        raise ReportError(f"no documents.csv in {out_dir}: run extract first")
    return {name: read_csv_rows(out_dir / f"{name}.csv") if (out_dir / f"{name}.csv").is_file() else [] for name in TABLES}


def read_texts(documents: list[dict], out_dir: Path, limit: int = MAX_TEXT_DOCS) -> dict[str, str]:
    """Raw text of the first `limit` ok documents whose file is found and still has the length
    extract saw: out_dir/texts/<doc_id>.txt for a PDF, HTML or Word input, else the article file
    (a relative path is tried from the current folder, then beside out_dir)."""
    texts = {}
    for doc in [d for d in documents if d.get("status") == "ok"][:limit]:
        converted = out_dir / "texts" / f"{doc['doc_id']}.txt"  # a PDF, HTML or Word file's text
        if converted.is_file():
            text = converted.read_bytes().decode("utf-8", errors="replace")
            if str(len(text)) == doc.get("n_chars"):
                texts[doc["doc_id"]] = text
            continue
        p = Path(doc.get("path", ""))
        for cand in ([p] if p.is_absolute() else [Path.cwd() / p, out_dir.parent / p, out_dir / p]):
            if not cand.is_file():
                continue
            try:
                text = read_document(cand).text
            except IngestError:
                continue
            if str(len(text)) == doc.get("n_chars"):
                texts[doc["doc_id"]] = text
                break
    return texts


def write_report(out_dir: Path) -> Path:
    tables = read_tables(out_dir)
    html = build_report(tables, read_texts(tables["documents"], out_dir))
    path = out_dir / "report.html"
    atomic_write_bytes(path, html.encode("utf-8"))
    return path


# ---------------------------------------------------------------- plain helpers

def _int(value: str, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def lane_of(ev: dict) -> str:
    return " · ".join(p for p in ev.get("participants", "").split(";") if p) or "(no actor)"


def date_label(ev: dict) -> str:
    s, e = ev.get("date_start", ""), ev.get("date_end", "")
    if not s:
        return "undated"
    if not e:
        return f"{s} –"
    return s if s == e else f"{s} – {e}"


def place_label(ev: dict) -> str:
    """`CHN (北京)`: the location code, with the text when it says more; either alone."""
    code, text = ev.get("location", ""), ev.get("location_text", "")
    if code and text and text != code and len(text) > 1:
        return f"{code} ({text})"
    return code or text


def actors_label(ev: dict) -> str:
    a1, a2 = ev.get("actor1", ""), ev.get("actor2", "")
    if a1 and a2:
        return f"{a1} → {a2}"
    return a1 or a2 or lane_of(ev)


@dataclass(frozen=True)
class Dated:
    ev: dict
    start: date
    end: date  # inclusive
    open_end: bool


def dated_events(events: list[dict]) -> tuple[list[Dated], list[dict]]:
    """(dated, undated) events; a date_end before its start counts as a single day."""
    dated, undated = [], []
    for ev in events:
        s = _date(ev.get("date_start", ""))
        if s is None:
            undated.append(ev)
            continue
        e = _date(ev.get("date_end", ""))
        dated.append(Dated(ev, s, max(e, s) if e else s, e is None))
    return dated, undated


# ---------------------------------------------------------------- timeline (inline SVG)

LABEL_W, RIGHT_PAD, AXIS_H, ROW_H, LANE_PAD, MAX_ROWS = 250, 16, 28, 11, 8, 8
LANE_FONT, CODE_FONT = 12, 10
HIDDEN = ' display="none"'


def actor_names(entities: list[dict]) -> dict[str, str]:
    """code -> the name a reader knows it by, from entities.csv: the most frequent `name` of the
    COUNTRY rows (and ORG rows of an organisation, not a state body) with that actor_id, a
    Japanese name before one that only repeats the code."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        code, name = e.get("actor_id", ""), e.get("name", "")
        if code and name and name != code and (e.get("label") == "COUNTRY" or (e.get("label") == "ORG" and e.get("country", "") != code)):
            counts[code][name] += 1
    return {code: min(c, key=lambda n: (-c[n], len(n), n)) for code, c in sorted(counts.items())}


def _text_width(text: str, size: float) -> float:
    """Rough width in pixels of `text` at font size `size` (a CJK character is one em)."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def _cut(text: str, size: float, room: float) -> str:
    """text, cut with `…` to fit `room` pixels at font size `size`."""
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…" if text else ""


def lane_label(lane: str, names: dict[str, str], width: float = LABEL_W - 12) -> tuple[str, str]:
    """(names, codes) written in a lane's label: `北朝鮮・ロシア`, `PRK · RUS`; the codes take at most
    half of `width` pixels and the names what is left, each cut with `…` (the lane's tooltip
    holds them whole)."""
    codes = lane.split(" · ")
    if not any(c in names for c in codes):
        return "", _cut(lane, LANE_FONT, width)
    shown = _cut(lane, CODE_FONT, width / 2)
    text = "・".join(names.get(c, c) for c in codes)
    return _cut(text, LANE_FONT, width - _text_width(shown, CODE_FONT) - 6), shown


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    years = hi.year - lo.year + 1
    if years <= 2:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 12)
        out, y, m = [], lo.year, 1
        while date(y, m, 1) <= hi:
            if date(y, m, 1) >= lo and (m - 1) % step == 0:
                out.append((date(y, m, 1), f"{y}-{m:02d}" if m != 1 else str(y)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 12)
    first = -(-lo.year // step) * step
    return [(date(y, 1, 1), str(y)) for y in range(first, hi.year + 1, step) if date(y, 1, 1) >= lo]


def pack_rows(extents: list[tuple[float, float]], gap: float = 2.0, max_rows: int = MAX_ROWS) -> list[int]:
    """Row of each (x0, x1) extent, in order: the first row whose last extent ends before it
    (greedy interval packing), the last row when all max_rows are taken. (The report's script
    packs the same way when the view or the filters change.)"""
    ends: list[float] = []
    rows = []
    for x0, x1 in extents:
        row = next((k for k, e in enumerate(ends) if e + gap <= x0), None)
        if row is None:
            if len(ends) < max_rows:
                ends.append(x1)
                row = len(ends) - 1
            else:
                row = max_rows - 1
        ends[row] = max(ends[row], x1)
        rows.append(row)
    return rows


def timeline_svg(items: list[Dated], lo: date, hi: date, anchors: dict[tuple[str, str], str], width: int = 1350,
                 names: dict[str, str] | None = None, row_ids: dict[tuple[str, str], str] | None = None) -> str:
    """SVG of the dated events, viewed over [lo, hi] (inclusive): one lane per participant set
    (named by the actors' names and codes), the events of a lane packed into rows so that no two
    marks of a lane hide each other. Every event is in the SVG, those outside the view hidden;
    each mark carries its dates, lane and table row, so that the page's script can zoom to
    another period and follow the table's filters (REPORT_JS)."""
    names, row_ids = names or {}, row_ids or {}
    counts = Counter(lane_of(d.ev) for d in items)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    lanes = ranked[:MAX_LANES]
    if len(ranked) > MAX_LANES:
        lanes = ranked[:MAX_LANES - 1] + [f"other ({len(ranked) - MAX_LANES + 1} sets)"]
    lane_index = {k: min(i, len(lanes) - 1) for i, k in enumerate(ranked)}
    days = (hi - lo).days + 1
    plot_w = width - LABEL_W - RIGHT_PAD

    def x(d: date) -> float:
        return round(LABEL_W + (min(max(d, lo), hi + timedelta(days=1)) - lo).days / days * plot_w, 1)

    marks: dict[int, list[tuple[Dated, float, float, bool, bool]]] = defaultdict(list)
    for d in sorted(items, key=lambda d: (d.start, d.end, d.ev.get("doc_id", ""), _int(d.ev.get("char_start", "")), d.ev.get("event_id", ""))):
        x0, x1 = x(d.start), x(d.end + timedelta(days=1))
        dot = x1 - x0 < 8  # too short for a bar: a dot of radius 4 at its middle
        if dot:
            x0 = round((x0 + x1) / 2 - 4, 1)
            x1 = x0 + 8
        shown = d.end >= lo and d.start <= hi
        marks[lane_index[lane_of(d.ev)]].append((d, x0, x1 + (14 if d.open_end else 0), dot, shown))
    rows = {li: pack_rows([(a, b) for _, a, b, _, shown in ms if shown]) for li, ms in marks.items()}
    lane_y, y = [], AXIS_H
    for li in range(len(lanes)):
        lane_y.append(y)
        if rows.get(li):
            y += LANE_PAD + ROW_H * (max(rows[li]) + 1)
    height = y + 4

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="timeline {lo.isoformat()} to {hi.isoformat()}" data-lo="{lo.isoformat()}" data-hi="{hi.isoformat()}" '
        f'data-label-w="{LABEL_W}" data-right-pad="{RIGHT_PAD}" data-axis-h="{AXIS_H}" data-row-h="{ROW_H}" '
        f'data-lane-pad="{LANE_PAD}" data-max-rows="{MAX_ROWS}">'
    ]
    for i, lane in enumerate(lanes):
        h = (lane_y[i + 1] if i + 1 < len(lanes) else y) - lane_y[i]
        fill = "#f4f4f4" if i % 2 == 0 else "#ffffff"
        n = counts.get(lane, sum(counts[k] for k in ranked[MAX_LANES - 1:]))
        text, codes = lane_label(lane, names)
        full = " · ".join(names.get(c, c) for c in lane.split(" · ")) if text else ""
        tip = f"{full} ({lane})" if full else lane
        code_html = (f'<tspan class="codes" fill="#666" font-size="{CODE_FONT}">{escape(codes)}</tspan>' if text
                     else escape(codes))
        hidden = "" if h else HIDDEN
        parts.append(
            f'<g class="lane" data-lane="{i}" transform="translate(0 {lane_y[i]})"{hidden}>'
            f'<rect x="0" y="0" width="{width}" height="{h}" fill="{fill}"/>'
            f'<text class="lane" x="6" y="15" font-size="{LANE_FONT}"><title>{escape(tip)}: {n} events</title>'
            f'{escape(text) + " " if text else ""}{code_html}</text></g>'
        )
    parts.append('<g class="ticks">')
    for d, label in _ticks(lo, hi):
        parts.append(f'<line x1="{x(d)}" y1="{AXIS_H - 6}" x2="{x(d)}" y2="{height}" stroke="#ccc"/>')
        parts.append(f'<text x="{x(d)}" y="{AXIS_H - 10}" font-size="11" text-anchor="middle">{escape(label)}</text>')
    parts.append("</g>")
    parts.append(f'<line x1="{LABEL_W}" y1="{AXIS_H}" x2="{width - RIGHT_PAD}" y2="{AXIS_H}" stroke="#888"/>')
    for li in sorted(marks):
        packed = iter(rows[li])
        for d, x0, x1, dot, shown in marks[li]:
            ev = d.ev
            row = next(packed) if shown else 0
            cy = lane_y[li] + LANE_PAD / 2 + ROW_H * row + ROW_H / 2
            color = type_color(ev.get("event_type", ""))
            asserted = ev.get("modality", "asserted") == "asserted"
            paint = f'fill="{color}" stroke="{color}"' if asserted else f'fill="#fff" stroke="{color}" stroke-width="2"'
            if dot:
                shape = f'<circle cx="{round(x0 + 4, 1)}" cy="{cy}" r="4" {paint}/>'
            else:
                shape = f'<rect x="{x0}" y="{cy - 4}" width="{round(x1 - x0 - (14 if d.open_end else 0), 1)}" height="8" rx="2" {paint} fill-opacity="0.8"/>'
            if d.open_end:  # an arrow after the start: no end date
                shape += f'<path d="M{round(x0 + 8, 1)} {cy}h10m-3 -3l3 3l-3 3" fill="none" stroke="{color}" stroke-width="1.5"/>'
            typ = ev.get("event_type", "")
            ja = TYPE_LABELS_JA.get(typ, "")
            tip = (f'{date_label(ev)} {typ}{" " + ja if ja else ""} {actors_label(ev)} 「{ev.get("trigger", "")}」'
                   f' {ev.get("modality", "")} — {ev.get("doc_id", "")} {ev.get("event_id", "")}')
            key = (ev.get("doc_id", ""), ev.get("event_id", ""))
            anchor = anchors.get(key, "")
            parts.append(
                f'<a href="#{escape(anchor)}"><g class="mark" data-type="{escape(typ)}" data-row="{escape(row_ids.get(key, ""))}" '
                f'data-lane="{lane_index[lane_of(ev)]}" data-s="{d.start.isoformat()}" data-e="{d.end.isoformat()}" '
                f'data-open="{int(d.open_end)}" data-c="{color}" data-hollow="{int(not asserted)}"'
                f'{"" if shown else HIDDEN}><title>{escape(tip)}</title>{shape}</g></a>'
            )
    parts.append("</svg>")
    return "".join(parts)


def timeline_section(events: list[dict], anchors: dict[tuple[str, str], str], names: dict[str, str] | None = None,
                     row_ids: dict[tuple[str, str], str] | None = None) -> str:
    dated, undated = dated_events(events)
    out = ['<section id="timeline"><h2>Timeline</h2>']
    hollow = '<span><svg width="12" height="12"><circle cx="6" cy="6" r="4" fill="#fff" stroke="#444" stroke-width="2"/></svg> not asserted</span>'
    out.append(legend((d.ev.get("event_type", "") for d in dated), hollow, ja=True))
    out.append('<p class="note">One lane per set of participants (names, then codes); a bar spans date_start–date_end, a dot is '
               'one day, a dot with an arrow has no end date. Hover a mark for the event, click it to go to its sentence. '
               'The event table\'s filters apply here too; the period fields, or a drag across the timeline, zoom to a period.</p>')
    if not dated:
        out.append('<p class="muted">No dated events.</p>')
    else:
        lo, hi = min(d.start for d in dated), max(d.end for d in dated)
        starts = sorted(d.start for d in dated)
        focus_lo = date(starts[int(len(starts) * (1 - FOCUS_SHARE))].year, 1, 1)
        view_lo = lo
        if focus_lo > lo and (hi - focus_lo).days < 0.5 * (hi - lo).days:
            view_lo = focus_lo
            n_in = sum(d.end >= focus_lo for d in dated)
            out.append(f'<p class="note tl-focus">Opened on {focus_lo.year}–{hi.year}: {n_in} of {len(dated)} dated events '
                       f'({len(dated) - n_in} earlier ones: see the whole range, {lo.year}–{hi.year})</p>')
        buttons = [(f"{view_lo.isoformat()}/{hi.isoformat()}", "reset")]
        if view_lo != lo:
            buttons.append((f"{lo.isoformat()}/{hi.isoformat()}", f"whole range {lo.year}–{hi.year}"))
        out.append(
            '<div class="controls tl-controls">period '
            f'<input type="date" id="tl-from" aria-label="timeline from" value="{view_lo.isoformat()}" min="{lo.isoformat()}" max="{hi.isoformat()}"> – '
            f'<input type="date" id="tl-to" aria-label="timeline to" value="{hi.isoformat()}" min="{lo.isoformat()}" max="{hi.isoformat()}">'
            + "".join(f'<button type="button" data-tl-range="{r}">{label}</button>' for r, label in buttons)
            + f'<span class="muted">shown: <span id="tl-count">{sum(d.end >= view_lo for d in dated)} / {len(dated)}</span></span></div>'
        )
        out.append(timeline_svg(dated, view_lo, hi, anchors, names=names, row_ids=row_ids))
    if undated:
        items = "".join(
            f'<li data-row="{escape((row_ids or {}).get((ev.get("doc_id", ""), ev.get("event_id", "")), ""))}">'
            f'{badge(ev.get("event_type", ""), ja=True)} {escape(actors_label(ev))} 「{escape(ev.get("trigger", ""))}」 '
            f'<a href="#{escape(anchors.get((ev.get("doc_id", ""), ev.get("event_id", "")), ""))}">'
            f'{escape(ev.get("doc_id", ""))} {escape(ev.get("event_id", ""))}</a></li>'
            for ev in undated
        )
        out.append(f'<details class="undated"><summary>Undated events ({len(undated)}): no date in their clause, '
                   f'sentence or the sentence before</summary><ul>{items}</ul></details>')
    out.append("</section>")
    return "".join(out)


# ---------------------------------------------------------------- event table

TABLE_COLUMNS = (
    ("doc_id", "document", ""), ("event_id", "id", ""), ("date_start", "from", ""), ("date_end", "to", ""),
    ("event_type", "type", ""), ("modality", "modality", ""), ("actor1", "actor1", ""), ("actor2", "actor2", ""),
    ("participants", "participants", ""), ("location", "location", ""), ("trigger", "trigger", ""), ("sentence", "sentence", ""),
)


def event_table(events: list[dict], doc_keys: dict[str, str], anchors: dict[tuple[str, str], str]) -> str:
    shown = events[:MAX_TABLE_ROWS]
    head = "".join(f"<th>{escape(label)}</th>" for _, label, _ in TABLE_COLUMNS)
    rows = []
    for ev in shown:
        doc, eid = ev.get("doc_id", ""), ev.get("event_id", "")
        key = doc_keys.get(doc, "")
        cells = []
        for col, _, _ in TABLE_COLUMNS:
            v = ev.get(col, "")
            if col == "doc_id":  # one line, cut with … (the whole id on hover)
                cells.append(f'<td class="docid"><a class="clip" href="#{escape(key)}" title="{escape(v)}">{escape(v)}</a></td>')
            elif col == "trigger":  # one line, cut with … (a trigger may run over a note block)
                cells.append(f'<td class="trigger"><span class="clip" title="{escape(v)}">{escape(" ".join(v.split()))}</span></td>')
            elif col == "participants":  # may break after each code
                cells.append(f'<td><div class="parts">{";<wbr>".join(escape(p) for p in v.split(";"))}</div></td>')
            elif col == "event_id":
                cells.append(f'<td class="id" data-sort="{_int(eid[1:]):09d}"><a href="#{escape(anchors.get((doc, eid), ""))}">{escape(v)}</a></td>')
            elif col == "event_type":
                cells.append(f'<td data-sort="{escape(v)}">{badge(v, ja=True)}</td>')
            elif col in ("actor1", "actor2") and ev.get(f"{col}_name"):
                cells.append(f'<td title="{escape(ev[f"{col}_name"])}">{escape(v)}</td>')
            elif col in ("date_start", "date_end"):
                cells.append(f'<td class="date">{escape(v)}</td>')
            elif col == "sentence":
                cells.append(f'<td class="sent">{escape(" ".join(v.split()))}</td>')
            else:
                cells.append(f"<td>{escape(v)}</td>")
        rows.append(
            f'<tr id="row-{escape(key)}-{escape(eid)}" data-type="{escape(ev.get("event_type", ""))}" '
            f'data-modality="{escape(ev.get("modality", ""))}" data-dated="{"dated" if ev.get("date_start") else "undated"}">'
            + "".join(cells) + "</tr>"
        )
    types = ordered_types(ev.get("event_type", "") for ev in shown)
    modalities = sorted({ev.get("modality", "") for ev in shown}, key=lambda m: (MODALITIES.index(m) if m in MODALITIES else 9, m))
    note = ""
    if len(events) > len(shown):
        note = f'<p class="note">The table holds the first {len(shown)} of {len(events)} events (MAX_TABLE_ROWS); events.csv has them all.</p>'
    return (
        '<section id="events"><h2>Events</h2>'
        + filter_controls("event-table", len(shown), [("type", "type", types), ("modality", "modality", modalities), ("dated", "date", ("dated", "undated"))],
                          labels={t: type_label(t) for t in types})
        + note
        + f'<table id="event-table" class="data sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


# ---------------------------------------------------------------- documents

def spans_of(doc_timex: list[dict], doc_entities: list[dict], doc_events: list[dict]) -> list[Span]:
    spans = []
    for t in doc_timex:
        rng = f' [{t.get("date_start", "")}..{t.get("date_end", "")}]' if t.get("date_start") else ""
        spans.append(Span(_int(t["char_start"]), _int(t["char_end"]), "tx", title=f'{t.get("type", "")} {t.get("value", "")}{rng}'.strip()))
    for e in doc_entities:
        label = e.get("label", "")
        css = f"ent-{label}" if label in ENTITY_LABELS else "ent-OTHER"
        desc = " ".join(x for x in (label, e.get("actor_id", ""), e.get("name", "")) if x)
        spans.append(Span(_int(e["char_start"]), _int(e["char_end"]), "ent", css, desc))
    for v in doc_events:
        typ = v.get("event_type", "")
        spans.append(Span(_int(v["char_start"]), _int(v["char_end"]), "trg", title=f'{v.get("event_id", "")} {type_label(typ)} {v.get("modality", "")}',
                          tag=typ, color=type_color(typ)))
    return spans


def text_from_sentences(sentences: list[dict], n_chars: int) -> str:
    """The document's offset space rebuilt from sentences.csv (raw slices), blanks between."""
    buf, pos = [], 0
    for s in sorted(sentences, key=lambda s: _int(s["char_start"])):
        start = _int(s["char_start"])
        if start < pos:
            continue
        buf.append(" " * (start - pos))
        buf.append(s.get("text", ""))
        pos = start + len(s.get("text", ""))
    buf.append(" " * max(0, n_chars - pos))
    return "".join(buf)


def blocks_of(text: str, sentences: list[dict]) -> list[tuple[int, int, bool]]:
    """(start, end, is_sentence) covering the text: each sentence, and each stretch between
    sentences that holds more than white space."""
    out, pos = [], 0
    for s in sorted(sentences, key=lambda s: _int(s["char_start"])):
        a, b = _int(s["char_start"]), _int(s["char_end"])
        if a < pos or b > len(text):
            continue
        if text[pos:a].strip():
            out.append((pos, a, False))
        out.append((a, b, True))
        pos = b
    if text[pos:].strip():
        out.append((pos, len(text), False))
    return out


def event_card(ev: dict, anchor: str, row_anchor: str) -> str:
    mod = ev.get("modality", "")
    loc = place_label(ev)
    parts = [
        badge(ev.get("event_type", ""), ja=True),
        f'<b>{escape(actors_label(ev))}</b>',
        f'<span class="date">{escape(date_label(ev))}</span>' + (f' <span class="muted">({escape(ev.get("date_source", ""))})</span>' if ev.get("date_source") else ""),
        f'<span class="mod mod-{escape(mod)}">{escape(mod)}</span>' if mod else "",
        f'@ {escape(loc)}' if loc else "",
        f'「{escape(ev.get("trigger", ""))}」',
        f'<a class="totable" href="#{escape(row_anchor)}">{escape(ev.get("event_id", ""))}</a>',
    ]
    return f'<li class="ev" id="{escape(anchor)}">' + " ".join(p for p in parts if p) + "</li>"


def document_section(doc: dict, key: str, text: str | None, note: str, rows: dict[str, list[dict]]) -> str:
    n_chars = _int(doc.get("n_chars", "0"))
    if text is None:
        text = text_from_sentences(rows["sentences"], n_chars)
    spans = spans_of(rows["timex"], rows["entities"], rows["events"])
    blocks = blocks_of(text, rows["sentences"])
    starts = [b[0] for b in blocks]
    by_block: dict[int, list[dict]] = defaultdict(list)
    unplaced = []
    for ev in rows["events"]:
        i = bisect_right(starts, _int(ev["char_start"])) - 1
        if i >= 0 and blocks[i][0] <= _int(ev["char_start"]) < blocks[i][1]:
            by_block[i].append(ev)
        else:
            unplaced.append(ev)
    # spans sorted by start: each block takes those that can reach it
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    span_starts = [s.start for s in spans]
    longest = max((s.end - s.start for s in spans), default=0)
    out = []
    for i, (a, b, is_sent) in enumerate(blocks):
        lo = bisect_right(span_starts, a - longest - 1)
        hi = bisect_right(span_starts, b)
        here = [s for s in spans[lo:hi] if s.end > a]
        cards = "".join(event_card(ev, f"{key}-{ev.get('event_id', '')}", f"row-{key}-{ev.get('event_id', '')}") for ev in by_block.get(i, []))
        cls = "row sent" if is_sent else "row gap"
        out.append(f'<div class="{cls}" data-start="{a}"><div class="txt">{highlight(text[a:b], a, here)}</div>'
                   f'<ul class="evs">{cards}</ul></div>')
    if unplaced:
        cards = "".join(event_card(ev, f"{key}-{ev.get('event_id', '')}", f"row-{key}-{ev.get('event_id', '')}") for ev in unplaced)
        out.append(f'<div class="row"><div class="txt muted">(events outside any sentence)</div><ul class="evs">{cards}</ul></div>')
    meta = " · ".join(x for x in (
        doc.get("published") and f'published {doc["published"]}',
        doc.get("doc_date") and f'document date {doc["doc_date"]} ({doc.get("doc_date_source", "")})',
        f'{doc.get("n_sentences", "0")} sentences, {doc.get("n_timex", "0")} dates, {doc.get("n_entities", "0")} actors and places, {doc.get("n_events", "0")} events',
    ) if x)
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return (f'<section class="doc" id="{escape(key)}"><h3>{escape(doc.get("title") or doc["doc_id"])} '
            f'<span class="muted">{escape(doc["doc_id"])}</span></h3><p class="note">{escape(meta)}</p>{note_html}'
            f'<div class="doctext">{"".join(out)}</div></section>')


def documents_index(documents: list[dict], doc_keys: dict[str, str], rendered: set[str]) -> str:
    cols = ("doc_id", "title", "doc_date", "n_sentences", "n_timex", "n_entities", "n_events", "status")
    numeric = {"n_sentences", "n_timex", "n_entities", "n_events"}
    head = "".join(f'<th class="num">{c}</th>' if c in numeric else f"<th>{c}</th>" for c in cols)
    rows = []
    for d in documents:
        cells = []
        for c in cols:
            v = d.get(c, "")
            if c == "doc_id" and d["doc_id"] in rendered:
                cells.append(f'<td><a href="#{escape(doc_keys[d["doc_id"]])}">{escape(v)}</a></td>')
            elif c == "status" and v != "ok":
                cells.append(f'<td class="err">{escape(v)}: {escape(d.get("error", ""))}</td>')
            else:
                cells.append(f'<td class="num">{escape(v)}</td>' if c in numeric else f"<td>{escape(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="data sortable docs"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# ---------------------------------------------------------------- the page

REPORT_CSS = """
.summary{font-size:14px;margin:8px 0}
svg.timeline{max-width:100%;height:auto;display:block;margin:4px 0 12px;font-family:inherit}
svg.timeline .mark:hover{opacity:.6}
svg.timeline{cursor:crosshair} svg.timeline a{cursor:pointer}
details.undated ul{columns:2;font-size:13px}
table.data td.sent{max-width:38em;font-size:12px;color:#333}
#event-table{font-size:12px}
#event-table td.sent{min-width:26em;overflow-wrap:anywhere}
#event-table .clip{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#event-table td.docid .clip{max-width:10em}
#event-table td.trigger .clip{max-width:7em}
#event-table .parts{max-width:8em}
#event-table .badge{white-space:normal}
#event-table .badge .ja{display:block}
.badge .ja{font-size:11px;white-space:nowrap}
.tl-controls input[type=date]{padding:1px 4px}
.tl-controls button,.tl-focus button{font:inherit;font-size:12px;padding:0 6px}
td.err{color:#b00}
table.data td.date,table.data td.id{white-space:nowrap}
.doc{border-top:1px solid var(--line);margin-top:18px}
.doctext .row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:3px 0;border-bottom:1px dotted #eee}
.doctext .row.gap .txt{color:var(--muted)}
.doctext .txt{white-space:pre-wrap;line-height:1.9;overflow-wrap:anywhere}
.doctext ul.evs{list-style:none;margin:0;padding:0;font-size:12px}
.doctext li.ev{overflow-wrap:anywhere;margin:2px 0;padding:2px 4px;border-left:3px solid #ccc;background:#fcfcfc}
.doctext li.ev:target{background:#fff3b0}
tr:target{background:#fff3b0}
.mod-planned,.mod-hypothetical,.mod-negated{color:#b00;font-weight:bold}
.tx{border-bottom:2px solid #e6550d}
.ent{border-radius:2px}
.ent-PERSON{background:#fde0ef}.ent-COUNTRY{background:#dbe9f6}.ent-ORG{background:#e5f5e0}
.ent-GPE{background:#fff2cc}.ent-LOC{background:#efe6f6}.ent-FAC{background:#e0f3f3}.ent-OTHER{background:#eee}
.trg{outline:2px solid var(--c,#c00);outline-offset:0;font-weight:bold}
.key span{margin-right:12px}
"""


# The timeline follows the event table's filters and zooms to a period: the marks carry their
# dates, lane and table row (timeline_svg); this lays them out again as timeline_svg does
# (x from the dates, rows packed as pack_rows, empty lanes folded, ticks as _ticks).
REPORT_JS = """
(function(){
  var svg=document.querySelector('svg.timeline');if(!svg)return;
  var NS='http://www.w3.org/2000/svg',DAY=864e5;
  function num(a){return +svg.getAttribute('data-'+a);}
  var LW=num('label-w'),RP=num('right-pad'),AX=num('axis-h'),RH=num('row-h'),LP=num('lane-pad'),MR=num('max-rows');
  var W=svg.viewBox.baseVal.width;
  function day(s){var p=(s||'').split('-');return Date.UTC(+p[0],+p[1]-1,+p[2])/DAY;}
  function iso(d){return new Date(d*DAY).toISOString().slice(0,10);}
  function r1(v){return Math.round(v*10)/10;}
  function el(name,attrs){var n=document.createElementNS(NS,name);for(var k in attrs)n.setAttribute(k,attrs[k]);return n;}
  var lanes=Array.prototype.slice.call(svg.querySelectorAll('g.lane'));
  var marks=Array.prototype.map.call(svg.querySelectorAll('g.mark'),function(g){
    return {g:g,s:day(g.getAttribute('data-s')),e:day(g.getAttribute('data-e')),lane:+g.getAttribute('data-lane'),
            open:g.getAttribute('data-open')==='1',c:g.getAttribute('data-c'),hollow:g.getAttribute('data-hollow')==='1',
            row:g.getAttribute('data-row'),ok:true};
  });
  var from=document.getElementById('tl-from'),to=document.getElementById('tl-to'),count=document.getElementById('tl-count');
  var view={lo:day(svg.getAttribute('data-lo')),hi:day(svg.getAttribute('data-hi'))};
  var first={lo:view.lo,hi:view.hi},focus=document.querySelector('.tl-focus');
  function ticks(lo,hi){
    var a=new Date(lo*DAY),b=new Date(hi*DAY),y0=a.getUTCFullYear(),y1=b.getUTCFullYear(),out=[],y,d,step;
    if(y1-y0+1<=2){
      var months=(y1-y0)*12+b.getUTCMonth()-a.getUTCMonth()+1;
      step=[1,2,3,6,12].filter(function(s){return months/s<=12;})[0];
      for(y=y0,m=0;Date.UTC(y,m,1)/DAY<=hi;){
        d=Date.UTC(y,m,1)/DAY;
        if(d>=lo&&m%step===0)out.push([d,m?y+'-'+(m<9?'0':'')+(m+1):String(y)]);
        if(m===11){y++;m=0;}else m++;
      }
      return out;
    }
    var years=y1-y0+1,m;
    step=[1,2,5,10,20,25,50,100,200,500,1000].filter(function(s){return years/s<=12;})[0];
    for(y=Math.ceil(y0/step)*step;y<=y1;y+=step){d=Date.UTC(y,0,1)/DAY;if(d>=lo)out.push([d,String(y)]);}
    return out;
  }
  function draw(m,cy){
    var g=m.g;
    Array.prototype.slice.call(g.childNodes).forEach(function(n){if(n.nodeName!=='title')g.removeChild(n);});
    var paint=m.hollow?{fill:'#fff',stroke:m.c,'stroke-width':2}:{fill:m.c,stroke:m.c},attrs,k;
    if(m.dot)attrs={cx:r1(m.x0+4),cy:cy,r:4};
    else attrs={x:m.x0,y:cy-4,width:r1(m.x1-m.x0),height:8,rx:2,'fill-opacity':0.8};
    for(k in paint)attrs[k]=paint[k];
    g.appendChild(el(m.dot?'circle':'rect',attrs));
    if(m.open)g.appendChild(el('path',{d:'M'+r1(m.x0+8)+' '+cy+'h10m-3 -3l3 3l-3 3',fill:'none',stroke:m.c,'stroke-width':1.5}));
  }
  function layout(){
    var lo=view.lo,hi=view.hi,days=hi-lo+1,pw=W-LW-RP,per={},shown=0,y=AX;
    function x(d){return r1(LW+(Math.min(Math.max(d,lo),hi+1)-lo)/days*pw);}
    marks.forEach(function(m){
      if(!(m.ok&&m.e>=lo&&m.s<=hi)){m.g.setAttribute('display','none');return;}
      m.g.removeAttribute('display');shown++;
      var x0=x(m.s),x1=x(m.e+1);m.dot=x1-x0<8;
      if(m.dot){x0=r1((x0+x1)/2-4);x1=x0+8;}
      m.x0=x0;m.x1=x1;(per[m.lane]=per[m.lane]||[]).push(m);
    });
    lanes.forEach(function(lane,i){
      var ms=per[i]||[],ends=[];
      ms.forEach(function(m){
        var ext=m.x1+(m.open?14:0),row=-1,k;
        for(k=0;k<ends.length;k++){if(ends[k]+2<=m.x0){row=k;break;}}
        if(row<0){if(ends.length<MR){ends.push(ext);row=ends.length-1;}else row=MR-1;}
        ends[row]=Math.max(ends[row],ext);m.rowN=row;
      });
      var h=ms.length?LP+RH*ends.length:0;
      lane.setAttribute('transform','translate(0 '+y+')');
      lane.querySelector('rect').setAttribute('height',h);
      if(h)lane.removeAttribute('display');else lane.setAttribute('display','none');
      ms.forEach(function(m){draw(m,y+LP/2+RH*m.rowN+RH/2);});
      y+=h;
    });
    var height=y+4,tg=svg.querySelector('g.ticks');
    svg.setAttribute('viewBox','0 0 '+W+' '+height);svg.setAttribute('height',height);
    while(tg.firstChild)tg.removeChild(tg.firstChild);
    ticks(lo,hi).forEach(function(t){
      var tx=x(t[0]),label=el('text',{x:tx,y:AX-10,'font-size':11,'text-anchor':'middle'});
      tg.appendChild(el('line',{x1:tx,y1:AX-6,x2:tx,y2:height,stroke:'#ccc'}));
      label.textContent=t[1];tg.appendChild(label);
    });
    svg.setAttribute('aria-label','timeline '+iso(lo)+' to '+iso(hi));
    if(count)count.textContent=shown+' / '+marks.length;
  }
  function setView(lo,hi){
    if(isNaN(lo)||isNaN(hi)||lo>hi)return;
    view.lo=lo;view.hi=hi;if(from)from.value=iso(lo);if(to)to.value=iso(hi);layout();
    if(focus)focus.hidden=!(lo===first.lo&&hi===first.hi);  // "Opened on …" holds for the first view only
  }
  [from,to].forEach(function(inp){
    if(inp)['input','change'].forEach(function(t){inp.addEventListener(t,function(){setView(day(from.value),day(to.value));});});
  });
  document.querySelectorAll('[data-tl-range]').forEach(function(b){
    b.addEventListener('click',function(){var r=b.getAttribute('data-tl-range').split('/');setView(day(r[0]),day(r[1]));});
  });
  // drag across the plot to zoom to the period under the drag
  var brush=null,bx0=0;
  function svgX(ev){var p=svg.createSVGPoint();p.x=ev.clientX;p.y=ev.clientY;return p.matrixTransform(svg.getScreenCTM().inverse()).x;}
  function clampX(x){return Math.min(Math.max(x,LW),W-RP);}
  function dayAt(x){return view.lo+Math.floor((clampX(x)-LW)/(W-LW-RP)*(view.hi-view.lo+1));}
  svg.addEventListener('mousedown',function(ev){
    if(ev.button!==0||ev.target.closest('g.mark'))return;
    bx0=svgX(ev);if(bx0<LW||bx0>W-RP)return;
    brush=el('rect',{'class':'brush',x:bx0,y:0,width:0,height:svg.viewBox.baseVal.height,fill:'#0b5cad','fill-opacity':0.15});
    svg.appendChild(brush);ev.preventDefault();
  });
  window.addEventListener('mousemove',function(ev){
    if(!brush)return;var x1=clampX(svgX(ev));
    brush.setAttribute('x',Math.min(bx0,x1));brush.setAttribute('width',Math.abs(x1-bx0));
  });
  window.addEventListener('mouseup',function(ev){
    if(!brush)return;var x1=clampX(svgX(ev));svg.removeChild(brush);brush=null;
    if(Math.abs(x1-bx0)>=4)setView(dayAt(Math.min(bx0,x1)),dayAt(Math.max(bx0,x1)));
  });
  var table=document.getElementById('event-table');
  if(table)table.addEventListener('filtered',function(){
    var hidden={};
    Array.prototype.forEach.call(table.tBodies[0].rows,function(r){if(r.hidden)hidden[r.id]=1;});
    marks.forEach(function(m){m.ok=!hidden[m.row];});
    layout();
    document.querySelectorAll('details.undated li[data-row]').forEach(function(li){li.hidden=!!hidden[li.getAttribute('data-row')];});
  });
})();
"""


def build_report(tables: dict[str, list[dict]], texts: dict[str, str]) -> str:
    """The page, from the extract tables (rows as read from the CSVs) and raw texts by doc_id."""
    documents = sorted(tables.get("documents", []), key=lambda d: d["doc_id"])
    doc_keys = {d["doc_id"]: f"d{i}" for i, d in enumerate(documents, start=1)}
    per_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {t: [] for t in TABLES[1:]})
    for t in TABLES[1:]:
        for r in tables.get(t, []):
            per_doc[r.get("doc_id", "")][t].append(r)
    events = sorted(tables.get("events", []), key=lambda e: (e.get("doc_id", ""), _int(e.get("char_start", "")), _int(e.get("char_end", "")), e.get("event_id", "")))
    rendered = [d["doc_id"] for d in documents if d.get("status") == "ok"][:MAX_TEXT_DOCS]
    rendered_set = set(rendered)
    anchors, row_ids = {}, {}
    for ev in events:
        doc, eid = ev.get("doc_id", ""), ev.get("event_id", "")
        key = doc_keys.get(doc, "")
        row_ids[(doc, eid)] = f"row-{key}-{eid}"
        anchors[(doc, eid)] = f"{key}-{eid}" if doc in rendered_set else row_ids[(doc, eid)]
    dated, undated = dated_events(events)
    n_ok = sum(d.get("status") == "ok" for d in documents)
    summary = (f'{len(documents)} documents ({n_ok} ok, {len(documents) - n_ok} error) · {len(events)} events '
               f'({len(dated)} dated, {len(undated)} undated) · {len(tables.get("timex", []))} temporal expressions · '
               f'{len(tables.get("entities", []))} actors and places')
    key_html = ('<p class="key note"><span><span class="tx">日付</span> temporal expression</span>'
                + "".join(f'<span><span class="ent ent-{lab}">{lab}</span></span>' for lab in ENTITY_LABELS)
                + f'<span><span class="trg" style="{color_vars(type_color("MEET"))}">会談</span><sup class="tag" style="{color_vars(type_color("MEET"))}">MEET</sup> event trigger</span></p>')
    doc_sections = []
    for d in documents:
        if d["doc_id"] not in rendered_set:
            continue
        text = texts.get(d["doc_id"])
        note = "" if text is not None else "The article file was not found or has changed since extract: showing the extracted sentences only."
        doc_sections.append(document_section(d, doc_keys[d["doc_id"]], text, note, per_doc[d["doc_id"]]))
    limit_note = ""
    if n_ok > len(rendered):
        limit_note = (f'<p class="note">Text is shown for the first {len(rendered)} of {n_ok} documents (MAX_TEXT_DOCS = {MAX_TEXT_DOCS} '
                      f'in pipeline/report.py); the timeline and the event table cover them all.</p>')
    timeline_events = events[:MAX_TABLE_ROWS]
    tl_note = (f'<p class="note">The timeline shows the first {MAX_TABLE_ROWS} of {len(events)} events.</p>'
               if len(events) > MAX_TABLE_ROWS else "")
    body = (
        '<header class="top"><h1>Events in Japanese security writing</h1>'
        '<nav><a href="#timeline">Timeline</a><a href="#events">Event table</a><a href="#documents">Documents</a></nav></header>'
        f'<p class="summary">{escape(summary)}</p>'
        + timeline_section(timeline_events, anchors, actor_names(tables.get("entities", [])), row_ids) + tl_note
        + event_table(events, doc_keys, anchors)
        + '<section id="documents"><h2>Documents</h2>'
        + documents_index(documents, doc_keys, rendered_set) + limit_note + key_html
        + "".join(doc_sections) + "</section>"
    )
    return page("Event report", body, REPORT_CSS, REPORT_JS)

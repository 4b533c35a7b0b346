"""The de-duplicated event view: mentions of the same happening, across sentences and documents,
clustered into one row (`outputs/events_dedup.csv`).

    dedup_events(rows) -> list[dict]     # rows: events.csv rows (dicts as extract.DocumentPass makes them)

Clustering rule (deterministic, order of the input rows does not matter):

1. Only mentions that can be told apart as one happening are merged: a mention with no date
   (`date_start` empty) or no participants stays a cluster of its own (n_mentions = 1).
2. Mentions merge only with the same `event_type`, the same participant set (`participants`,
   read as a set) and the same `modality` — a planned visit and the visit reported as done are
   different statements, and the view keeps what the text asserts apart from what it does not.
   All modalities are in the view; the `modality` column tells them apart.
3. Dates: mentions with the same `date_start`/`date_end` form a group. Groups are then taken
   from the most precise (shortest range) to the coarsest; a coarser group joins an existing
   cluster when its range contains the cluster's range (`2024年6月` contains `2024年6月19日`)
   and that cluster is the ONLY one it contains. A coarse mention that would fit two clusters
   (`6月` with a meeting on the 5th and another on the 19th) stays on its own: there is no
   transitive chaining of two different days through a month. An open range (`以降`, empty
   `date_end`) merges only with the same open range.
4. A cluster's `date_start`/`date_end` are its most precise range (the group that founded it);
   its representative mention (`trigger`, `sentence`, `rep_doc_id`, `rep_event_id`) is the
   first mention of that most precise group by (doc_id, char_start); `actor1`/`actor2` are the
   most frequent ordered pair among its mentions (ties: the representative's).
5. `cluster_id` is `C1`, `C2`, … in chronological order: by date_start, date_end (undated
   last), then event_type, participants, first doc_id and char_start.

`event_ids` are `doc_id:event_id` (event ids are numbered per document), `;`-joined in
(doc_id, char_start) order; `doc_ids` are the distinct documents, sorted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from . import schema

DEDUP_COLUMNS = schema.DEDUP_COLUMNS  # the column list lives in pipeline/schema.py


def _parts(row: dict) -> tuple[str, ...]:
    return tuple(sorted({p for p in (row.get("participants") or "").split(";") if p}))


def _int(v) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def _order(row: dict) -> tuple:
    return (row.get("doc_id") or "", _int(row.get("char_start")), _int(row.get("char_end")),
            row.get("event_id") or "")


def _contains(outer: tuple[str, str], inner: tuple[str, str]) -> bool:
    """A closed range containing another; an open range (empty end) only equals itself."""
    (os_, oe), (is_, ie) = outer, inner
    if not oe or not ie:
        return outer == inner
    return os_ <= is_ and ie <= oe


def _width(rng: tuple[str, str]) -> tuple:
    s, e = rng
    if not e:
        return (1, 0, s, e)  # open ranges after all closed ones
    try:
        d = (date.fromisoformat(e) - date.fromisoformat(s)).days
    except ValueError:
        d = 10**6
    return (0, d, s, e)


def dedup_events(rows: list[dict]) -> list[dict]:
    """One row per cluster of mentions of the same happening (see the module docstring)."""
    rows = sorted(rows, key=_order)
    clusters: list[list[dict]] = []  # each: mentions, the founding (most precise) group first
    groups: dict[tuple, dict[tuple[str, str], list[dict]]] = {}
    for r in rows:
        parts = _parts(r)
        ds, de = r.get("date_start") or "", r.get("date_end") or ""
        if not ds or not parts:
            clusters.append([r])
            continue
        key = (r.get("event_type") or "", parts, r.get("modality") or "")
        groups.setdefault(key, {}).setdefault((ds, de), []).append(r)
    for key in sorted(groups):
        found: list[tuple[tuple[str, str], list[dict]]] = []  # (precise range, mentions)
        for rng in sorted(groups[key], key=_width):
            members = groups[key][rng]
            inside = [c for c in found if _contains(rng, c[0])]
            if len(inside) == 1:
                inside[0][1].extend(members)
            else:
                found.append((rng, list(members)))
        clusters.extend(m for _, m in found)
    out = [_row(m) for m in clusters]
    out.sort(key=lambda r: (r["date_start"] == "", r["date_start"], r["date_end"] == "", r["date_end"],
                            r["event_type"], r["participants"], r["_first"]))
    for k, r in enumerate(out, start=1):
        r["cluster_id"] = f"C{k}"
        del r["_first"]
    return out


def label_clusters(rows: list[dict]) -> list[dict]:
    """dedup_events(rows), with each mention's `cluster_id` (events.csv) set in rows."""
    clusters = dedup_events(rows)
    of = {ref: c["cluster_id"] for c in clusters for ref in c["event_ids"].split(";")}
    for r in rows:
        r["cluster_id"] = of.get(f"{r.get('doc_id')}:{r.get('event_id')}", "")
    return clusters


def _row(members: list[dict]) -> dict:
    rep = members[0]  # the founding group comes first, each group in (doc_id, char_start) order
    ordered = sorted(members, key=_order)
    pairs = Counter((m.get("actor1") or "", m.get("actor2") or "") for m in ordered)
    best = max(pairs.values())
    rep_pair = (rep.get("actor1") or "", rep.get("actor2") or "")
    a1, a2 = rep_pair if pairs[rep_pair] == best else next(p for p in pairs if pairs[p] == best)
    docs = sorted({m.get("doc_id") or "" for m in ordered})
    return {
        "cluster_id": "", "event_type": rep.get("event_type") or "", "participants": ";".join(_parts(rep)),
        "actor1": a1, "actor2": a2, "date_start": rep.get("date_start") or "", "date_end": rep.get("date_end") or "",
        "modality": rep.get("modality") or "", "n_mentions": len(ordered), "n_documents": len(docs),
        "doc_ids": ";".join(docs), "event_ids": ";".join(f"{m.get('doc_id')}:{m.get('event_id')}" for m in ordered),
        "rep_doc_id": rep.get("doc_id") or "", "rep_event_id": rep.get("event_id") or "",
        "trigger": rep.get("trigger") or "", "sentence": rep.get("sentence") or "",
        "_first": _order(ordered[0]),
    }

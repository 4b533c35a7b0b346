"""The annotation-tool round trip (issue 19): gold rows <-> doccano and Label Studio tasks.

`export-annotations` writes one task per document, blank by default, pre-filled from an
extractor output folder (`--prefill`, never for a gold set meant to measure the tool) or from a
gold folder (`--from-gold`, to review or adjudicate labels in the tool); `import-annotations`
reads the tool's export back into the three gold CSVs and checks them with gold-check's code.

Everything goes through one neutral form: a document's `Region`s (a span, its layer and label,
and its fields: the gold columns that are not the span) and `Link`s (relations from an event
trigger to an entity or timex span). Offsets in a Region are Python `str` indices into the raw
text (code points, SPEC §2); the tools' offsets are converted at the edge: doccano counts code
points, Label Studio UTF-16 code units (a character outside the BMP, `𠮟` or an emoji, is two).

Layers and labels (the vocabularies are gold_check's and event_types.py's, never copied):
- timex: label = type (DATE|TIME|DURATION|SET); fields value, date_start, date_end;
- entity: label = PERSON|COUNTRY|ORG|GPE|LOC|FAC; field actor_id;
- event: label = the event type (the trigger span); fields modality (asserted when none is
  given), actor1, actor2, participants, location, date_start, date_end, note.
Links (optional, both tools): `actor1`, `actor2`, `participant`, `location` from a trigger to an
entity fill that field with the entity's actor_id, `date` to a timex fills date_start/date_end;
a field given explicitly wins. Participants left empty are actor1, actor2 and the `participant`
links, sorted and `;`-joined.

doccano has no per-span fields: they are written as lines `TEXT@START key=value …` (the span's
text, `\\n`/`\\r` escaped, and its start; `#N` picks the Nth of identical spans) in the task's
`fields` metadata by the export, and the annotator adds or overrides them in a comment on the
document with the same syntax, where `@START` may be left out (`2024年6月19日 value=2024-06-19`,
`#2` for the second labelled span with that text). `note=` takes the rest of its line; a line
starting with `//` is a remark.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import gold_check
from .event_types import EVENT_TYPES, TYPE_COLORS

TIMEX, ENTITY, EVENT = "timex", "entity", "event"
LAYER_FILE = {TIMEX: "timex.csv", ENTITY: "entities.csv", EVENT: "events.csv"}
LAYER_COLUMNS = {TIMEX: gold_check.TIMEX_COLUMNS, ENTITY: gold_check.ENTITY_COLUMNS, EVENT: gold_check.EVENT_COLUMNS}
TEXT_COLUMN = {TIMEX: "text", ENTITY: "text", EVENT: "trigger"}
LABEL_COLUMN = {TIMEX: "type", ENTITY: "label", EVENT: "event_type"}
LAYER_NAME = {TIMEX: "a date (timex)", ENTITY: "an actor or place", EVENT: "an event trigger"}  # in messages
SPAN_COLUMNS = ("doc_id", "char_start", "char_end")
# the fields of a region: every gold column that is not the span, its text or its label
FIELDS = {layer: tuple(c for c in cols if c not in SPAN_COLUMNS + (TEXT_COLUMN[layer], LABEL_COLUMN[layer]))
          for layer, cols in LAYER_COLUMNS.items()}
LINK_TYPES = ("actor1", "actor2", "participant", "location", "date")
DEFAULT_MODALITY = "asserted"
MODALITIES = (DEFAULT_MODALITY, *sorted(gold_check.MODALITIES - {DEFAULT_MODALITY}))  # the choices, default first


def layer_labels() -> dict[str, tuple[str, ...]]:
    """The labels of each layer, from the contract's tables."""
    return {TIMEX: tuple(sorted(gold_check.TIMEX_TYPES)), ENTITY: tuple(sorted(gold_check.ENTITY_LABELS)),
            EVENT: tuple(EVENT_TYPES)}


def label_layers() -> dict[str, str]:
    """label -> layer; the three vocabularies must not share a label (doccano has one label list)."""
    out: dict[str, str] = {}
    for layer, labels in layer_labels().items():
        for label in labels:
            if label in out:
                raise ValueError(f"label {label!r} is both a {out[label]} and a {layer} label")
            out[label] = layer
    return out


class AnnotationError(Exception):
    """A tool export that cannot be read; the message names FILE:LINE and the region."""


@dataclass
class Region:
    layer: str
    label: str
    start: int  # code points into the raw text
    end: int
    fields: dict[str, str] = field(default_factory=dict)
    rid: str = ""  # the tool's region id
    where: str = ""  # FILE:LINE and region, for messages


@dataclass(frozen=True)
class Link:
    from_id: str
    to_id: str
    kind: str


@dataclass
class Document:
    doc_id: str
    text: str
    regions: list[Region] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    where: str = ""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- offsets: code points <-> UTF-16


def utf16_offsets(text: str) -> list[int]:
    """u[i] = the UTF-16 code-unit offset of code point i (len(text) + 1 entries)."""
    out, n = [0], 0
    for ch in text:
        n += 2 if ord(ch) > 0xFFFF else 1
        out.append(n)
    return out


def from_utf16(u: Sequence[int], unit: int) -> int | None:
    """The code-point offset of a UTF-16 offset (`u` = utf16_offsets(text)), None when it falls
    inside a surrogate pair or outside the text."""
    i = bisect.bisect_left(u, unit)
    return i if i < len(u) and u[i] == unit else None


# ---------------------------------------------------------------- gold rows <-> regions


def regions_from_rows(rows: Mapping[str, Sequence[Mapping[str, str]]], doc_id: str) -> list[Region]:
    """One document's regions from gold-format rows (`rows[layer]`), in the rows' order."""
    out: list[Region] = []
    for layer in (TIMEX, ENTITY, EVENT):
        for r in rows.get(layer, ()):
            if r["doc_id"] != doc_id:
                continue
            fields = {c: r.get(c, "") or "" for c in FIELDS[layer] if r.get(c)}
            out.append(Region(layer, r[LABEL_COLUMN[layer]], int(r["char_start"]), int(r["char_end"]), fields))
    return out


def rows_from_document(doc: Document) -> tuple[dict[str, list[dict[str, str]]], list[tuple[str, dict[str, str]]]]:
    """Gold rows of one document (by layer, sorted by offset) and, for messages, each row's
    region location. Links fill the fields the regions leave empty."""
    by_id = {r.rid: r for r in doc.regions if r.rid}
    linked: dict[int, dict[str, list[Region]]] = defaultdict(lambda: defaultdict(list))  # by id(trigger region)
    for link in doc.links:
        src, dst = by_id.get(link.from_id), by_id.get(link.to_id)
        if src is None or dst is None:
            raise AnnotationError(f"{doc.where}: relation {link.kind!r} {link.from_id}->{link.to_id}: no such region")
        if src.layer != EVENT and dst.layer == EVENT:  # drawn the other way round
            src, dst = dst, src
        wanted = TIMEX if link.kind == "date" else ENTITY
        if src.layer != EVENT or dst.layer != wanted:
            raise AnnotationError(f"{dst.where or doc.where}: relation {link.kind!r} must go from an event trigger "
                                  f"to {'an actor or place' if wanted == ENTITY else 'a date'} span")
        linked[id(src)][link.kind].append(dst)
    rows: dict[str, list[dict[str, str]]] = {TIMEX: [], ENTITY: [], EVENT: []}
    where: list[tuple[str, dict[str, str]]] = []
    for reg in doc.regions:
        row = {"doc_id": doc.doc_id, "char_start": str(reg.start), "char_end": str(reg.end),
               TEXT_COLUMN[reg.layer]: doc.text[reg.start:reg.end], LABEL_COLUMN[reg.layer]: reg.label}
        row.update({c: reg.fields.get(c, "") for c in FIELDS[reg.layer]})
        if reg.layer == EVENT:
            _fill_from_links(row, linked.get(id(reg), {}))
        rows[reg.layer].append(row)
        where.append((reg.where, row))
    for layer in rows:
        rows[layer].sort(key=lambda r: (int(r["char_start"]), int(r["char_end"])))
    return rows, where


def _fill_from_links(row: dict[str, str], links: Mapping[str, list[Region]]) -> None:
    def codes(kind: str) -> list[str]:
        return [r.fields.get("actor_id", "") for r in links.get(kind, ()) if r.fields.get("actor_id")]

    for kind in ("actor1", "actor2", "location"):
        found = codes(kind)
        if not row[kind] and found:
            row[kind] = found[0]
    dates = links.get("date", ())
    if dates and not row["date_start"] and not row["date_end"]:
        row["date_start"] = dates[0].fields.get("date_start", "")
        row["date_end"] = dates[0].fields.get("date_end", "")
    if not row["participants"]:
        parts = {c for c in (row["actor1"], row["actor2"], *codes("participant")) if c}
        row["participants"] = ";".join(sorted(parts))
    if not row["modality"]:
        row["modality"] = DEFAULT_MODALITY


# ---------------------------------------------------------------- doccano


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), text)


ALL_FIELDS = sorted({f for fs in FIELDS.values() for f in fs})
_FIELD_LINE = re.compile(r"^(?P<ref>.+?)\s+(?P<fields>(?:%s)=.*)$" % "|".join(ALL_FIELDS))
_REF = re.compile(r"^(?P<text>.+?)(?:@(?P<start>\d+))?(?:#(?P<n>\d+))?$")
_FIELD = re.compile(r"(?:^|\s+)(?P<key>[a-z_0-9]+)=(?P<value>\S*)")


def field_lines(text: str, regions: Sequence[Region]) -> str:
    """The doccano `fields` metadata of regions: `TEXT@START[#N] key=value …` a line."""
    lines, seen = [], defaultdict(int)
    for reg in regions:
        key = (reg.start, reg.end)
        seen[key] += 1
        if not reg.fields:
            continue
        ref = f"{_escape(text[reg.start:reg.end])}@{reg.start}" + (f"#{seen[key]}" if seen[key] > 1 else "")
        items = [f"{k}={reg.fields[k]}" for k in FIELDS[reg.layer] if k != "note" and reg.fields.get(k)]
        if reg.fields.get("note"):
            items.append(f"note={_escape(reg.fields['note'])}")
        lines.append(" ".join([ref, *items]))
    return "\n".join(lines)


def _apply_field_lines(doc: Document, block: str, where: str) -> None:
    """Set the fields of doc's regions from `TEXT[@START][#N] key=value …` lines."""
    ordered = sorted(doc.regions, key=lambda r: (r.start, r.end, _id_key(r.rid)))
    for raw_line in block.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("//"):
            continue
        m = _FIELD_LINE.match(line)
        ref = _REF.match(m.group("ref")) if m else None
        if not m or not ref:
            raise AnnotationError(f"{where}: fields line {line!r}: write `SPAN_TEXT key=value …` "
                                  f"(keys: {', '.join(ALL_FIELDS)})")
        text = _unescape(ref.group("text"))
        cands = [r for r in ordered if doc.text[r.start:r.end] == text
                 and (ref.group("start") is None or r.start == int(ref.group("start")))]
        n = int(ref.group("n") or 1)
        if len(cands) < n:
            raise AnnotationError(f"{where}: fields line {line!r}: no labelled span {text!r}"
                                  + (f" at {ref.group('start')}" if ref.group("start") else "")
                                  + (f" #{n} (there are {len(cands)})" if n > 1 else ""))
        reg = cands[n - 1]
        fields_text = m.group("fields")
        note = None
        if (i := _note_at(fields_text)) is not None:
            fields_text, note = fields_text[:i], _unescape(fields_text[i:].split("=", 1)[1])
        for fm in _FIELD.finditer(fields_text):
            key, value = fm.group("key"), fm.group("value")
            if key not in FIELDS[reg.layer]:
                raise AnnotationError(f"{where}: fields line {line!r}: {key!r} is no field of "
                                      f"{LAYER_NAME[reg.layer]} span ({', '.join(FIELDS[reg.layer])})")
            reg.fields[key] = value
        if note is not None:
            if "note" not in FIELDS[reg.layer]:
                raise AnnotationError(f"{where}: fields line {line!r}: {LAYER_NAME[reg.layer]} span has no note")
            reg.fields["note"] = note


def _note_at(fields_text: str) -> int | None:
    m = re.search(r"(?:^|\s)note=", fields_text)
    return None if m is None else m.start() + (m.group(0)[0].isspace())


def _id_key(rid: str) -> tuple:
    """Regions in the order the tool made them: numeric ids (doccano's, `#N` for a span list) by number."""
    num = rid.lstrip("#")
    return (0, int(num), "") if num.isdigit() else (1, 0, rid)


def doccano_task(doc_id: str, text: str, regions: Sequence[Region]) -> dict:
    """One doccano JSONL line (relation-project import format: `entities` and `relations`,
    every other key is metadata)."""
    return {
        "text": text,
        "doc_id": doc_id,
        "text_sha256": text_sha256(text),
        "fields": field_lines(text, regions),
        "entities": [{"id": i, "label": r.label, "start_offset": r.start, "end_offset": r.end}
                     for i, r in enumerate(regions, start=1)],
        "relations": [],
    }


def doccano_labels() -> tuple[list[dict], list[dict]]:
    """doccano's label import files: span labels (coloured by layer, events by type) and relation types."""
    layer_color = {TIMEX: "#2ca02c", ENTITY: "#1f77b4"}
    spans = [{"text": label, "suffix_key": None, "background_color": TYPE_COLORS.get(label) or layer_color[layer],
              "text_color": "#ffffff"} for layer, labels in layer_labels().items() for label in labels]
    rels = [{"text": k, "suffix_key": None, "background_color": "#7f7f7f", "text_color": "#ffffff"} for k in LINK_TYPES]
    return spans, rels


def parse_doccano(data: str, source: str) -> list[Document]:
    """Documents from a doccano JSONL export (sequence labelling `label: [[s, e, L]]` or the
    relation project's `entities`/`relations`); offsets are code points."""
    layers = label_layers()
    docs: list[Document] = []
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            task = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{where}: not JSON ({exc.msg} at column {exc.colno}): "
                                  "a doccano export has one JSON object a line") from None
        # the text is `text` (older releases: `data`); metadata at the top level or under `meta`
        text = task.get("text", task.get("data")) if isinstance(task, dict) else None
        if not isinstance(text, str):
            raise AnnotationError(f"{where}: no `text`: not a doccano export line")
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        doc = Document(_doc_id(task, where), text, where=where)
        spans = task.get("entities", task.get("label", task.get("labels", [])))
        if not isinstance(spans, list):
            raise AnnotationError(f"{where}: `entities`/`label` must be a list")
        for i, s in enumerate(spans, start=1):
            if isinstance(s, dict):
                rid, start, end, label = str(s.get("id", f"#{i}")), s.get("start_offset"), s.get("end_offset"), s.get("label")
            elif isinstance(s, (list, tuple)) and len(s) == 3:
                rid, (start, end, label) = f"#{i}", s
            else:
                raise AnnotationError(f"{where}: span {i}: {s!r} is neither [start, end, label] nor an entity object")
            rwhere = f"{where}: span {rid} {label!r} [{start},{end})"
            if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(doc.text):
                raise AnnotationError(f"{rwhere}: offsets outside the text (length {len(doc.text)})")
            if label not in layers:
                raise AnnotationError(f"{rwhere}: unknown label (the labels are those of the export's "
                                      "doccano-span-labels.json)")
            doc.regions.append(Region(layers[label], label, start, end, {}, rid, rwhere))
        for rel in task.get("relations", []) or []:
            if not isinstance(rel, dict) or rel.get("type") not in LINK_TYPES:
                raise AnnotationError(f"{where}: relation {rel!r}: type must be one of {', '.join(LINK_TYPES)}")
            doc.links.append(Link(str(rel.get("from_id")), str(rel.get("to_id")), rel["type"]))
        if task.get("fields", meta.get("fields")):
            _apply_field_lines(doc, str(task.get("fields", meta.get("fields"))), f"{where}: fields")
        for comment in task.get("Comments", task.get("comments", [])) or []:
            text = comment.get("text", "") if isinstance(comment, dict) else str(comment)
            _apply_field_lines(doc, text, f"{where}: comment")
        docs.append(doc)
    return docs


def _doc_id(task: Mapping, where: str) -> str:
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    doc_id = task.get("doc_id") or data.get("doc_id") or meta.get("doc_id")
    if not doc_id or not isinstance(doc_id, str):
        raise AnnotationError(f"{where}: no `doc_id`: import tasks that export-annotations wrote")
    return doc_id


# ---------------------------------------------------------------- Label Studio

LS_TEXT = "text"
LS_CONTROLS = {TIMEX: "timex", ENTITY: "entity", EVENT: "event"}
# per-region control name -> (layer, gold column)
LS_FIELDS = {
    "timex_value": (TIMEX, "value"), "timex_date_start": (TIMEX, "date_start"), "timex_date_end": (TIMEX, "date_end"),
    "actor_id": (ENTITY, "actor_id"),
    "modality": (EVENT, "modality"), "actor1": (EVENT, "actor1"), "actor2": (EVENT, "actor2"),
    "participants": (EVENT, "participants"), "location": (EVENT, "location"),
    "event_date_start": (EVENT, "date_start"), "event_date_end": (EVENT, "date_end"), "note": (EVENT, "note"),
}
LS_CHOICES = {"modality"}
assert {(layer, c) for layer, cs in FIELDS.items() for c in cs} == set(LS_FIELDS.values()), "a gold column has no control"


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def label_studio_config() -> str:
    """The labelling interface (Settings → Labeling Interface → Code)."""
    labels = layer_labels()
    colors = {TIMEX: "#2ca02c", ENTITY: "#1f77b4"}
    out = ['<View>', '  <Style>.htx-text{ white-space: pre-wrap; }</Style>',
           '  <Header value="$doc_id"/>']
    titles = {TIMEX: "Dates (timex)", ENTITY: "Actors and places", EVENT: "Event triggers (one label per type)"}
    for layer in (TIMEX, ENTITY, EVENT):
        out.append(f'  <Header value="{titles[layer]}" size="6"/>')
        out.append(f'  <Labels name="{LS_CONTROLS[layer]}" toName="{LS_TEXT}" showInline="true">')
        for label in labels[layer]:
            out.append(f'    <Label value="{_xml(label)}" background="{TYPE_COLORS.get(label) or colors[layer]}"/>')
        out.append('  </Labels>')
    out.append(f'  <Text name="{LS_TEXT}" value="$text"/>')
    out.append('  <Relations>')
    out.extend(f'    <Relation value="{k}"/>' for k in LINK_TYPES)
    out.append('  </Relations>')
    for layer in (TIMEX, ENTITY, EVENT):
        out.append(f'  <View visibleWhen="region-selected" whenTagName="{LS_CONTROLS[layer]}">')
        for name, (lay, col) in LS_FIELDS.items():
            if lay != layer:
                continue
            if name in LS_CHOICES:
                out.append(f'    <Header value="{col}" size="6"/>')
                out.append(f'    <Choices name="{name}" toName="{LS_TEXT}" perRegion="true" choice="single" showInline="true">')
                out.extend(f'      <Choice value="{m}"/>' for m in MODALITIES)
                out.append('    </Choices>')
            else:
                out.append(f'    <TextArea name="{name}" toName="{LS_TEXT}" perRegion="true" editable="true" '
                           f'maxSubmissions="1" rows="1" placeholder="{col}"/>')
        out.append('  </View>')
    out.append('</View>')
    return "\n".join(out) + "\n"


def label_studio_task(doc_id: str, text: str, regions: Sequence[Region], model_version: str = "") -> dict:
    """One Label Studio task; regions (if any) as `predictions`, offsets in UTF-16 code units."""
    task: dict = {"data": {"text": text, "doc_id": doc_id, "text_sha256": text_sha256(text)}}
    if regions:
        u = utf16_offsets(text)
        result = []
        for i, r in enumerate(regions, start=1):
            rid = f"r{i}"
            span = {"start": u[r.start], "end": u[r.end]}
            result.append({"id": rid, "from_name": LS_CONTROLS[r.layer], "to_name": LS_TEXT, "type": "labels",
                           "value": {**span, "text": text[r.start:r.end], "labels": [r.label]}})
            for name, (layer, col) in LS_FIELDS.items():
                if layer != r.layer or not r.fields.get(col):
                    continue
                if name in LS_CHOICES:
                    value = {**span, "choices": [r.fields[col]]}
                    kind = "choices"
                else:
                    value = {**span, "text": [r.fields[col]]}
                    kind = "textarea"
                result.append({"id": rid, "from_name": name, "to_name": LS_TEXT, "type": kind, "value": value})
        task["predictions"] = [{"model_version": model_version or "prefill", "result": result}]
    return task


def _json_array_items(data: str, source: str) -> list[tuple[int, object]]:
    """The items of a JSON array with the line each begins on."""
    dec = json.JSONDecoder()
    i = len(data) - len(data.lstrip())
    if not data[i:i + 1] == "[":
        try:
            json.loads(data)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{source}:{exc.lineno}: not JSON ({exc.msg})") from None
        raise AnnotationError(f"{source}:1: not a Label Studio JSON export (a list of tasks)")
    i += 1
    items: list[tuple[int, object]] = []
    ws = re.compile(r"[\s,]*")
    while True:
        i = ws.match(data, i).end()
        if data[i:i + 1] == "]":
            return items
        try:
            obj, end = dec.raw_decode(data, i)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{source}:{exc.lineno}: not JSON ({exc.msg} at column {exc.colno})") from None
        items.append((data.count("\n", 0, i) + 1, obj))
        i = end


def _pick_annotation(task: Mapping, annotator: str | None, where: str) -> dict | None:
    anns = [a for a in task.get("annotations", []) or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if annotator is not None:
        def who(a: Mapping) -> set[str]:
            c = a.get("completed_by")
            if isinstance(c, dict):
                return {str(c.get(k)) for k in ("id", "email", "username") if c.get(k) is not None}
            return {str(c)}
        anns = [a for a in anns if annotator in who(a)]
    if len(anns) > 1:
        ids = ", ".join(str(a.get("completed_by", "?")) for a in anns)
        raise AnnotationError(f"{where}: {len(anns)} annotations (by {ids}): choose one with --annotator")
    return anns[0] if anns else None


def parse_label_studio(data: str, source: str, annotator: str | None = None) -> tuple[list[Document], list[str]]:
    """Documents from a Label Studio JSON export (only `annotations`, never `predictions`), and the
    doc_ids of tasks that hold no annotation. Offsets are UTF-16 code units; a region whose
    `text` shows that the offsets count code points (older front ends) is read that way."""
    control_layer = {v: k for k, v in LS_CONTROLS.items()}
    labels = layer_labels()
    docs: list[Document] = []
    unlabelled: list[str] = []
    for lineno, task in _json_array_items(data, source):
        where = f"{source}:{lineno}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict) or not isinstance(task["data"].get("text"), str):
            raise AnnotationError(f"{where}: a task needs `data.text`: not a Label Studio JSON export")
        where += f": task {task.get('id', '?')}"
        doc = Document(_doc_id(task, where), task["data"]["text"], where=where)
        ann = _pick_annotation(task, annotator, where)
        if ann is None:
            unlabelled.append(doc.doc_id)
            continue
        u16 = utf16_offsets(doc.text)
        regions: dict[str, Region] = {}
        pending: list[tuple[str, str, dict, str]] = []
        for item in ann.get("result", []) or []:
            if not isinstance(item, dict):
                raise AnnotationError(f"{where}: result item {item!r} is not an object")
            kind, rid, value = item.get("type"), str(item.get("id", "")), item.get("value") or {}
            rwhere = f"{where}: region {rid}"
            if kind == "relation":
                for lab in item.get("labels") or []:
                    if lab not in LINK_TYPES:
                        raise AnnotationError(f"{rwhere}: relation label {lab!r} not in {', '.join(LINK_TYPES)}")
                    doc.links.append(Link(str(item.get("from_id")), str(item.get("to_id")), lab))
                continue
            name = item.get("from_name")
            if kind == "labels":
                layer = control_layer.get(name)
                lab = (value.get("labels") or [None])[0]
                if layer is None or lab not in labels[layer] or len(value.get("labels")) != 1:
                    raise AnnotationError(f"{rwhere}: labels {value.get('labels')!r} of {name!r}: one label of "
                                          f"the timex, entity or event control of label-studio-config.xml")
                start, end = _ls_span(doc.text, u16, value, rwhere)
                if rid in regions:
                    raise AnnotationError(f"{rwhere}: two labelled regions with one id")
                regions[rid] = Region(layer, lab, start, end, {}, rid, f"{rwhere} {lab} [{start},{end})")
            elif kind in ("textarea", "choices") and name in LS_FIELDS:
                pending.append((rid, name, value, rwhere))
            else:
                raise AnnotationError(f"{rwhere}: unknown control {name!r} ({kind}): use label-studio-config.xml")
        for rid, name, value, rwhere in pending:
            reg = regions.get(rid)
            layer, col = LS_FIELDS[name]
            if reg is None:
                raise AnnotationError(f"{rwhere}: {name} given for a region with no label")
            if reg.layer != layer:
                raise AnnotationError(f"{rwhere}: {name} belongs to {LAYER_NAME[layer]} span, not "
                                      f"to {LAYER_NAME[reg.layer]} span")
            items = value.get("choices" if name in LS_CHOICES else "text") or []
            if isinstance(items, str):
                items = [items]
            if name in LS_CHOICES and len(items) > 1:
                raise AnnotationError(f"{rwhere}: choose one {col}")
            reg.fields[col] = "\n".join(str(x) for x in items).strip() if col != "note" else "\n".join(map(str, items))
        doc.regions = list(regions.values())
        docs.append(doc)
    return docs, unlabelled


def _ls_span(text: str, u16: Sequence[int], value: Mapping, where: str) -> tuple[int, int]:
    s, e = value.get("start"), value.get("end")
    if not isinstance(s, int) or not isinstance(e, int):
        raise AnnotationError(f"{where}: `start`/`end` must be integer offsets (a Text region)")
    want = value.get("text")
    cands = []
    cs, ce = from_utf16(u16, s), from_utf16(u16, e)
    if cs is not None and ce is not None:
        cands.append((cs, ce))
    cands.append((s, e))  # code points
    for cs, ce in cands:
        if 0 <= cs < ce <= len(text) and (want is None or text[cs:ce] == want):
            return cs, ce
    raise AnnotationError(f"{where}: offsets [{s},{e}) do not give its text {want!r} in the task's text")


# ---------------------------------------------------------------- tasks from documents


def build_tasks(tool: str, docs: Iterable[tuple[str, str]], rows: Mapping[str, Sequence[Mapping[str, str]]] | None,
                model_version: str = "") -> list[dict]:
    """One task per (doc_id, text), pre-filled from gold-format `rows` when given."""
    out = []
    for doc_id, text in docs:
        regions = regions_from_rows(rows, doc_id) if rows else []
        out.append(doccano_task(doc_id, text, regions) if tool == "doccano"
                   else label_studio_task(doc_id, text, regions, model_version))
    return out


# ---------------------------------------------------------------- the tool's text -> the corpus text


def align_offsets(tool_text: str, raw: str) -> list[int] | None:
    """m[i] = the raw offset of the tool text's offset i, when the tool kept the text or only
    turned its CRLF into LF; None when the texts differ otherwise."""
    if tool_text == raw:
        return list(range(len(raw) + 1))
    if raw.replace("\r\n", "\n") != tool_text:
        return None
    m, j = [], 0
    for ch in tool_text:
        if ch == "\n" and raw[j] == "\r":
            j += 1
        m.append(j)
        j += 1
    m.append(len(raw))
    return m


def to_raw(docs: Sequence[Document], texts: Mapping[str, str]) -> None:
    """Move each document's regions onto the corpus text (checking it is the text exported)."""
    for doc in docs:
        if doc.doc_id not in texts:
            raise AnnotationError(f"{doc.where}: doc_id {doc.doc_id!r} is not in the corpus manifest "
                                  "(give --corpus the folder whose articles were exported)")
        raw = texts[doc.doc_id]
        m = align_offsets(doc.text, raw)
        if m is None:
            raise AnnotationError(f"{doc.where}: the task's text is not the text of {doc.doc_id} in the corpus "
                                  "(the article changed since the export?)")
        for r in doc.regions:
            # an end after a line break the tool turned from CRLF into LF stays before the CR
            r.start, r.end = m[r.start], (m[r.end - 1] + 1 if r.end > 0 else 0)
        doc.text = raw


def check_rows(where_rows: Sequence[tuple[str, dict[str, str]]], texts: Mapping[str, str]) -> list[str]:
    """gold-check's row checks on imported rows, named by the region they came from."""
    countries = gold_check.country_codes()
    problems = []
    for where, row in where_rows:
        name = next(n for n, (cols, _) in gold_check.FILES.items() if set(cols) == set(row))
        for col, problem in gold_check._check_row(name, row, texts, countries):
            problems.append(f"{where}: {col}: {problem}")
    return problems


# ---------------------------------------------------------------- files (the CLI's two commands)

TOOLS = ("doccano", "label-studio")
EXPORT_FILES = {"doccano": ("doccano.jsonl", "doccano-span-labels.json", "doccano-relation-labels.json"),
                "label-studio": ("label-studio.json", "label-studio-config.xml")}


def read_rows(folder, doc_ids: set[str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Gold-format rows of a folder: gold files (`timex.csv` …, or `DOC.timex.csv` per document)
    or the extractor's outputs (`timex.csv`, `entities.csv`, `events.csv` with more columns)."""
    from pathlib import Path

    from .table_io import read_csv_rows

    folder = Path(folder)
    tables: dict[str, list[dict[str, str]]] = {}
    for layer, name in LAYER_FILE.items():
        rows: list[dict[str, str]] = []
        for path in sorted(folder.glob(f"*{name}")):
            rows.extend(r for r in read_csv_rows(path) if doc_ids is None or r.get("doc_id") in doc_ids)
        tables[layer] = [{c: r.get(c, "") for c in LAYER_COLUMNS[layer]} for r in rows]
    return tables


def export_annotations(corpus, out, tools: Sequence[str], doc_ids: Sequence[str] = (), rows_from=None,
                       model_version: str = "") -> tuple[list, int]:
    """Write the tasks of the corpus's documents (all, or `doc_ids`) for each tool into `out`,
    pre-filled from the gold-format rows of the folder `rows_from` when given. Returns the files
    written and the number of pre-filled regions."""
    from pathlib import Path

    from .table_io import atomic_write_bytes

    corpus, out = Path(corpus), Path(out)
    texts = gold_check.load_texts(corpus)
    if not texts:
        raise AnnotationError(f"{corpus / 'manifest.csv'}: no readable article listed")
    unknown = [d for d in doc_ids if d not in texts]
    if unknown:
        raise AnnotationError(f"doc_id(s) not in {corpus / 'manifest.csv'} (or unreadable): {', '.join(unknown)}")
    chosen = sorted(doc_ids or texts)
    docs = [(d, texts[d]) for d in chosen]
    rows = None
    if rows_from is not None:
        rows = read_rows(rows_from, set(chosen))
        bad = [(layer, r) for layer, rs in rows.items() for r in rs
               if texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] != r[TEXT_COLUMN[layer]]]
        if bad:
            layer, r = bad[0]
            raise AnnotationError(f"{Path(rows_from) / LAYER_FILE[layer]}: {len(bad)} row(s) whose offsets do not "
                                  f"slice the article (first: {r['doc_id']} [{r['char_start']},{r['char_end']}) "
                                  f"{r[TEXT_COLUMN[layer]]!r}): made from another version of the corpus?")
    n_regions = sum(len(rs) for rs in rows.values()) if rows else 0
    written = []
    for tool in tools:
        tasks = build_tasks(tool, docs, rows, model_version)
        if tool == "doccano":
            spans, rels = doccano_labels()
            files = {"doccano.jsonl": "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks),
                     "doccano-span-labels.json": json.dumps(spans, ensure_ascii=False, indent=1) + "\n",
                     "doccano-relation-labels.json": json.dumps(rels, ensure_ascii=False, indent=1) + "\n"}
        else:
            files = {"label-studio.json": json.dumps(tasks, ensure_ascii=False, indent=1) + "\n",
                     "label-studio-config.xml": label_studio_config()}
        for name, content in files.items():
            atomic_write_bytes(out / name, content.encode("utf-8"))
            written.append(out / name)
    return written, n_regions


def detect_tool(path, data: str) -> str:
    if str(path).endswith(".jsonl"):
        return "doccano"
    return "label-studio" if data.lstrip().startswith("[") else "doccano"


def import_annotations(path, corpus, out, tool: str | None = None, annotator: str | None = None,
                       per_document: bool = True, force: bool = False) -> tuple[list, list[str]]:
    """Read a tool's export into gold CSVs in `out` (per document `DOC.timex.csv` …, or the three
    files `timex.csv` …), checked by gold-check's code before anything is written. Returns the
    files written and warnings (tasks nobody labelled)."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from .table_io import write_csv

    path, corpus, out = Path(path), Path(corpus), Path(out)
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise AnnotationError(f"{path}:1: not UTF-8: a doccano or Label Studio export is UTF-8 JSON") from None
    tool = tool or detect_tool(path, data)
    warnings: list[str] = []
    if tool == "doccano":
        docs = parse_doccano(data, str(path))
    elif tool == "label-studio":
        docs, unlabelled = parse_label_studio(data, str(path), annotator)
        warnings += [f"{path}: {d}: no annotation (predictions are never imported): not written" for d in unlabelled]
    else:
        raise AnnotationError(f"unknown tool {tool!r}: {', '.join(TOOLS)}")
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise AnnotationError(f"{doc.where}: {doc.doc_id} again (first at {seen[doc.doc_id]})")
        seen[doc.doc_id] = doc.where
    texts = gold_check.load_texts(corpus)
    to_raw(docs, texts)
    tables: dict[str, dict[str, list[dict[str, str]]]] = {}
    problems: list[str] = []
    for doc in docs:
        rows, where = rows_from_document(doc)
        tables[doc.doc_id] = rows
        problems += check_rows(where, texts)
    if problems:
        raise AnnotationError("\n".join(problems + [f"{len(problems)} problem(s): nothing written"]))
    files: dict[str, list[dict[str, str]]] = {}
    for layer, name in LAYER_FILE.items():
        if per_document:
            for doc_id, rows in tables.items():
                files[f"{doc_id}.{name}"] = rows[layer]
        else:
            files[name] = [r for doc_id in sorted(tables) for r in tables[doc_id][layer]]
    existing = [n for n in files if (out / n).exists()]
    if existing and not force:
        raise AnnotationError(f"{out}: would overwrite {', '.join(existing)} (--force replaces them)")
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out, prefix=".import-"))
    written = []
    try:
        for name, rows in files.items():
            write_csv(stage / name, LAYER_COLUMNS[next(k for k, v in LAYER_FILE.items() if name.endswith(v))], rows)
        found, _ = gold_check.check_gold(stage, corpus)
        if found:
            found = [p.replace(str(stage), str(out)) for p in found]
            raise AnnotationError("\n".join(found + [f"{len(found)} problem(s): nothing written"]))
        for name in files:
            os.replace(stage / name, out / name)
            written.append(out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if created and not written and not any(out.iterdir()):
            out.rmdir()  # a refused import leaves nothing behind
    return written, warnings

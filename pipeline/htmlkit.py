"""Pieces shared by the HTML reports (`report.py`, `eval_report.py`).

Everything a page needs is inline: CSS, JS, SVG. The page carries a Content-Security-Policy
that forbids loading anything from anywhere, so a report that tried to reach the network
would fail visibly (the browser test watches the console). Output is a pure function of the
input: no clock, no random ids, iteration in sorted order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .event_types import TYPE_COLORS, TYPE_LABELS_JA

# The contract's event types (SPEC §3), in its order, each with a colour of its own
# (resources/events/types.csv)
OTHER_COLOR = "#444444"

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

BASE_CSS = """
:root{--ink:#1d1d1f;--muted:#666;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}
body{margin:0;padding:0 24px 48px;color:var(--ink);background:#fff;
 font:14px/1.6 "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic","Meiryo",system-ui,sans-serif}
header.top{position:sticky;top:0;z-index:5;height:44px;background:#fff;border-bottom:1px solid var(--line);display:flex;align-items:center;gap:28px}
header.top h1{font-size:20px;margin:0}
header.top nav a{margin-right:14px}
[id]{scroll-margin-top:52px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:22px 0 6px}
a{color:#0b5cad;text-decoration:none} a:hover{text-decoration:underline}
.muted{color:var(--muted)} .note{color:var(--muted);font-size:13px}
table.data{border-collapse:collapse;width:100%;font-size:13px}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
table.data th{background:var(--bg);position:sticky;top:44px;cursor:pointer;user-select:none;white-space:nowrap}
table.data th[aria-sort=ascending]::after{content:" \\25B2"} table.data th[aria-sort=descending]::after{content:" \\25BC"}
table.data td.num,table.data th.num{text-align:right}
.controls{margin:8px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.controls input[type=search]{width:260px;padding:3px 6px}
.badge{display:inline-block;padding:0 6px;border-radius:3px;background:var(--c,#444);color:var(--k,#fff);font-size:12px;white-space:nowrap}
.tag{font-size:10px;padding:0 3px;margin-left:1px;border-radius:2px;background:var(--c,#444);color:var(--k,#fff);vertical-align:super;line-height:1;font-weight:normal}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12px;margin:6px 0}
.legend .sw{display:inline-block;width:12px;height:12px;border-radius:2px;background:var(--c);margin-right:4px;vertical-align:-1px}
"""

TABLE_JS = """
(function(){
  function key(row,i){var c=row.cells[i];if(!c)return '';var v=c.getAttribute('data-sort');return v===null?c.textContent.trim():v;}
  function sortBy(table,th,i){
    var asc=th.getAttribute('aria-sort')!=='ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var num=th.classList.contains('num'),body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    var pos=new Map();rows.forEach(function(r,k){pos.set(r,k);});
    rows.sort(function(a,b){
      var x=key(a,i),y=key(b,i);
      if(x===''&&y!=='')return 1; if(y===''&&x!=='')return -1;
      var c=num?(parseFloat(x)-parseFloat(y)):(x<y?-1:x>y?1:0);
      if(!asc)c=-c; return c||(pos.get(a)-pos.get(b));
    });
    rows.forEach(function(r){body.appendChild(r);});
  }
  document.querySelectorAll('table.sortable').forEach(function(table){
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
      th.tabIndex=0;
      th.addEventListener('click',function(){sortBy(table,th,i);});
      th.addEventListener('keydown',function(e){if(e.key==='Enter')sortBy(table,th,i);});
    });
  });
  function applyFilters(id){
    var table=document.getElementById(id);if(!table)return;
    var controls=document.querySelectorAll('[data-filter-for="'+id+'"]'),rows=table.tBodies[0].rows,shown=0;
    for(var r=0;r<rows.length;r++){
      var row=rows[r],ok=true;
      controls.forEach(function(c){
        var v=c.value;if(!v)return;var attr=c.getAttribute('data-filter-attr');
        if(attr){if(row.getAttribute('data-'+attr)!==v)ok=false;}
        else if(row.textContent.toLowerCase().indexOf(v.toLowerCase())<0)ok=false;
      });
      row.hidden=!ok;if(ok)shown++;
    }
    var counter=document.querySelector('[data-count-for="'+id+'"]');
    if(counter)counter.textContent=shown+' / '+rows.length;
    table.dispatchEvent(new Event('filtered'));
  }
  document.querySelectorAll('[data-filter-for]').forEach(function(el){
    el.addEventListener('input',function(){applyFilters(el.getAttribute('data-filter-for'));});
  });
})();
"""


def type_color(event_type: str) -> str:
    return TYPE_COLORS.get(event_type, OTHER_COLOR)


def ink(color: str) -> str:
    """Black or white text, whichever reads better on `color` (#rrggbb)."""
    r, g, b = (int(color[k:k + 2], 16) for k in (1, 3, 5))
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"


def color_vars(color: str) -> str:
    """Inline style setting the --c (fill) and --k (text) custom properties."""
    return f"--c:{color};--k:{ink(color)}"


def type_label(event_type: str) -> str:
    """`MEET 会談`: the code and its Japanese name (resources/events/types.csv `label_ja`)."""
    ja = TYPE_LABELS_JA.get(event_type, "")
    return f"{event_type} {ja}" if ja else event_type


def badge(event_type: str, ja: bool = False) -> str:
    """The type as a coloured badge; with `ja`, its Japanese name beside the code."""
    name = TYPE_LABELS_JA.get(event_type, "") if ja else ""
    inner = escape(event_type) + (f' <span class="ja">{escape(name)}</span>' if name else "")
    return f'<span class="badge" style="{color_vars(type_color(event_type))}">{inner}</span>'


def legend(types: Iterable[str], extra: str = "", ja: bool = False) -> str:
    items = "".join(
        f'<span><span class="sw" style="--c:{type_color(t)}"></span>{escape(type_label(t) if ja else t)}</span>'
        for t in ordered_types(types)
    )
    return f'<div class="legend">{items}{extra}</div>'


def ordered_types(types: Iterable[str]) -> list[str]:
    """The types present, in the contract's order, unknown ones after it alphabetically."""
    present = set(types)
    known = [t for t in TYPE_COLORS if t in present]
    return known + sorted(present - set(TYPE_COLORS))


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of text (absolute offsets, end-exclusive)."""

    start: int
    end: int
    kind: str  # CSS class of the layer: "tx", "ent", "trg", "gold", "pred"
    css: str = ""  # extra class, e.g. "ent-COUNTRY"
    title: str = ""  # tooltip text
    tag: str = ""  # small label written after the span's end
    color: str = ""  # --c for the span (trigger outline) and its tag


KIND_ORDER = {"ent": 0, "tx": 1, "gold": 2, "pred": 3, "trg": 4}


def highlight(text: str, base: int, spans: Sequence[Span]) -> str:
    """HTML of `text` (whose first character is at offset `base`) with the spans marked.

    Spans may overlap or nest: the text is cut at every span boundary and each piece is one
    element whose classes are those of every span covering it (each layer draws with its own
    CSS property: background, underline, outline, so they combine); its tooltip lists them
    all. A span's tag follows the piece where the span ends. Spans are clipped to the text.
    """
    end_all = base + len(text)
    clipped = sorted(
        {Span(max(s.start, base), min(s.end, end_all), s.kind, s.css, s.title, s.tag, s.color)
         for s in spans if max(s.start, base) < min(s.end, end_all)},
        key=lambda s: (s.start, -s.end, KIND_ORDER.get(s.kind, 9), s.kind, s.css, s.title, s.tag, s.color),
    )
    cuts = sorted({base, end_all} | {s.start for s in clipped} | {s.end for s in clipped})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a - base:b - base])
        cover = [s for s in clipped if s.start <= a and s.end >= b]
        if not cover:
            out.append(piece)
            continue
        classes = sorted({s.kind for s in cover} | {s.css for s in cover if s.css}, key=lambda c: (KIND_ORDER.get(c, 9), c))
        # the innermost (shortest) span of a layer decides its colour
        colored = sorted((s for s in cover if s.color), key=lambda s: (s.end - s.start, s.start))
        style = f' style="{color_vars(colored[0].color)}"' if colored else ""
        title = " | ".join(dict.fromkeys(s.title for s in cover if s.title))
        title_attr = f' title="{escape(title)}"' if title else ""
        out.append(f'<span class="{" ".join(classes)}"{style}{title_attr}>{piece}</span>')
        for s in cover:
            if s.tag and s.end == b:
                out.append(f'<sup class="tag" style="{color_vars(s.color or OTHER_COLOR)}">{escape(s.tag)}</sup>')
    return "".join(out)


def page(title: str, body: str, css: str = "", script: str = "") -> str:
    """A complete, self-contained HTML document."""
    return (
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{TABLE_JS}{script}</script>\n</body>\n</html>\n"
    )


def filter_controls(table_id: str, n_rows: int, selects: Sequence[tuple[str, str, Iterable[str]]], placeholder: str = "filter…",
                    labels: dict[str, str] | None = None) -> str:
    """A text filter box and one <select> per (attribute, label, values) for a sortable table;
    `labels` gives an option's text where it is not its value."""
    labels = labels or {}
    tid = escape(table_id)
    parts = [f'<input type="search" placeholder="{escape(placeholder)}" data-filter-for="{tid}" aria-label="text filter">']
    for attr, label, values in selects:
        opts = "".join(f'<option value="{escape(v)}">{escape(labels.get(v, v))}</option>' for v in values)
        parts.append(
            f'<label>{escape(label)} <select data-filter-for="{tid}" data-filter-attr="{escape(attr)}">'
            f'<option value="">all</option>{opts}</select></label>'
        )
    parts.append(f'<span class="muted">shown: <span data-count-for="{tid}">{n_rows} / {n_rows}</span></span>')
    return f'<div class="controls">{"".join(parts)}</div>'

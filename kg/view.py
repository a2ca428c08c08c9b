"""Render a kg subgraph as one self-contained, interactive HTML file.

The network is assembled with :class:`pyvis.network.Network` (node/edge
styling and vis-network options), but the page itself is produced here rather
than by pyvis' Jinja templates, because those templates always pull
vis-network, Bootstrap and tom-select from CDNs.  The page we write:

* inlines the vis-network build that ships inside the pyvis package
  (``pyvis/templates/lib/vis-<version>/vis-network.min.js``, dual
  Apache-2.0/MIT, licence header kept) and our own CSS/JS -- it references no
  URL, loads nothing, and pins that down with a Content-Security-Policy whose
  ``script-src`` only admits the hashes of our two inline scripts;
* treats all article-derived text as data: the graph travels as JSON inside a
  ``<script type="application/json">`` block with ``< > & /`` and U+2028/9
  escaped, node/edge labels are drawn on the canvas as plain text, and
  tooltips / the details panel are built as DOM nodes with ``textContent``
  (vis-network accepts an ``HTMLElement`` as ``title``);
* is byte-for-byte deterministic for the same input: nodes and edges are
  sorted, JSON keys are sorted and the vis-network layout uses a fixed seed.

Input is the plain-dict interface used across kg::

    {"nodes": [{"id", "name", "type", "roles", "aliases", "properties"}],
     "edges": [{"source", "target", "type", "properties", "sources",
                "independent_sources", "first_seen", "last_seen", "statuses",
                "evidence": [{"text", "article_id", "article_title",
                              "outlet", "source_outlet", "independent_source",
                              "date", "url", "status", "confidence"}]}]}

Counts missing from an edge (a hand-made or older saved graph) are worked out from its
evidence. Each relation's tooltip says how many articles and independent outlets state it
and over which dates ("3 articles, 2 outlets, 2019-03-01 \u2013 2021-06-25").
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import re
import textwrap
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = ["render_html", "write_html", "NODE_STYLES", "format_amount"]

# --------------------------------------------------------------------------
# Styling tables
# --------------------------------------------------------------------------

#: entity type -> (vis-network shape, fill colour). Unknown types render as
#: "Other".  Only shapes that draw their label *below* the glyph are used so
#: long names stay readable.
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Agency": ("square", "#1f77b4"),
    "Company": ("dot", "#2ca02c"),
    "Person": ("triangle", "#9467bd"),
    "Organization": ("hexagon", "#17becf"),
    "Contract": ("diamond", "#e6ab02"),
    "Product": ("star", "#8c564b"),
    "Location": ("triangleDown", "#e377c2"),
    "Law": ("diamond", "#7b4173"),
    "Other": ("dot", "#7f7f7f"),
}
TYPE_ORDER = list(NODE_STYLES)

HIGHLIGHT = "#e6007e"  # strong magenta for the highlighted path
EDGE_COLOUR = "#4a5568"
MENTION_COLOUR = "#a0aec0"
STATUS_STYLES: dict[str, tuple[str, Any]] = {
    # status -> (colour, vis `dashes` value)
    "hedged": ("#dd6b20", [8, 6]),
    "denied": ("#c53030", [2, 5]),
    "disputed": ("#c53030", [10, 4, 2, 4]),
}
MENTION_DASHES = [4, 4]

_HEDGED = {"hedged", "alleged", "reported", "claimed", "uncertain", "possible",
           "speculative", "unconfirmed", "hypothetical"}
_DENIED = {"denied", "negated", "refuted", "retracted", "false"}

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3",
                     "JPY": "\u00a5", "INR": "\u20b9"}

LAYOUT_SEED = 1729
FONT_FACE = "Arial, 'Liberation Sans', Helvetica, sans-serif"


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def _clean(value: Any) -> Any:
    """Return a JSON-safe, deterministic copy of ``value``."""
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_clean(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return str(value)


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        return [str(v) for v in value if v is not None and str(v) != ""]
    except TypeError:
        return [str(value)]


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        num = float(value)
    else:
        try:
            num = float(str(value).replace(",", "").replace("_", "").strip())
        except ValueError:
            return None
    return num if math.isfinite(num) else None


def format_amount(amount: Any, currency: Any = None) -> str:
    """Human form of a money amount: ``format_amount(714600, "USD") == "$714,600"``."""
    num = _to_number(amount)
    if num is None:
        return "" if amount is None else str(amount)
    body = f"{num:,.0f}" if num == int(num) else f"{num:,.2f}"
    cur = str(currency).strip().upper() if currency else ""
    symbol = _CURRENCY_SYMBOLS.get(cur)
    if symbol:
        return f"-{symbol}{body[1:]}" if body.startswith("-") else f"{symbol}{body}"
    return f"{body} {cur}" if cur else body


def _edge_width(amount: Any) -> float:
    """Log-scaled edge width: ~$1k -> 1.5px, $1M -> 4.6px, $1B -> 8.2px (max 10)."""
    num = _to_number(amount)
    if num is None or num <= 0:
        return 1.5
    return round(min(10.0, max(1.5, 1.0 + 1.2 * (math.log10(num) - 3.0))), 2)


def _wrap_label(text: str, width: int = 24, max_lines: int = 3) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [text]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return "\n".join(lines)


def _edge_status(edge: Mapping[str, Any], evidence: list[dict]) -> str:
    explicit = edge.get("status")
    if isinstance(explicit, str) and explicit.strip():
        statuses = [explicit]
    else:
        statuses = [str(ev.get("status") or "asserted") for ev in evidence] or ["asserted"]
    norm = set()
    for s in statuses:
        s = s.strip().lower()
        norm.add("denied" if s in _DENIED else "hedged" if s in _HEDGED else "asserted")
    if "denied" in norm:
        return "disputed" if "asserted" in norm else "denied"
    if "asserted" in norm:
        return "asserted"
    return "hedged"


def _sourcing(raw: Mapping[str, Any], evidence: list[dict], articles: int) -> dict[str, Any]:
    """Independent outlets, first and last dates and status counts of an edge: as given
    (kg.query computes them from the claims), else from its evidence."""
    from .model import independent_source

    outlets = raw.get("independent_sources")
    if not isinstance(outlets, int) or isinstance(outlets, bool):
        names = {name.casefold() for ev in evidence
                 if (name := str(ev.get("independent_source") or independent_source(ev, str(ev.get("article_id") or ""))))}
        outlets = len(names) if names else None
    dates = sorted(str(ev.get("date")) for ev in evidence if ev.get("date"))
    first = str(raw.get("first_seen") or (dates[0] if dates else ""))
    last = str(raw.get("last_seen") or (dates[-1] if dates else ""))
    statuses = raw.get("statuses")
    if not isinstance(statuses, Mapping):
        statuses = {}
        for ev in evidence:
            key = str(ev.get("status") or "asserted")
            statuses[key] = statuses.get(key, 0) + 1
    statuses = {str(k): v for k, v in sorted(statuses.items()) if isinstance(v, int)}

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [plural(articles, "article")]
    if outlets is not None:
        parts.append(plural(outlets, "outlet"))
    if first:
        parts.append(first if first == last or not last else f"{first} \u2013 {last}")
    text = ", ".join(parts)
    if len(statuses) > 1:  # the articles disagree: show both sides
        text = ", ".join(f"{n} {k}" for k, n in statuses.items()) + " \u00b7 " + text
    return {"outlets": outlets, "first_seen": first, "last_seen": last, "statuses": statuses, "sourcing": text}


def _darker(hex_colour: str, factor: float = 0.7) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _json_for_script(obj: Any) -> str:
    """JSON that is safe to place verbatim inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("/", "\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# --------------------------------------------------------------------------
# vis-network from the pyvis package
# --------------------------------------------------------------------------

_SOURCEMAP_RE = re.compile(r"^\s*//[#@]\s*sourceMappingURL=.*$", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _vis_network_js() -> tuple[str, str]:
    """Return ``(version, js)`` of the vis-network build shipped with pyvis."""
    import pyvis  # local import: pyvis pulls in IPython, keep `import kg.view` cheap

    root = Path(pyvis.__file__).resolve().parent
    found: list[tuple[tuple[int, ...], Path]] = []
    for base in (root / "templates" / "lib", root / "lib"):
        for path in sorted(base.glob("vis-*/vis-network.min.js")):
            m = re.fullmatch(r"vis-(\d+(?:\.\d+)*)", path.parent.name)
            if m:
                found.append((tuple(int(p) for p in m.group(1).split(".")), path))
        if found:
            break
    if not found:
        raise RuntimeError(
            f"no vis-network.min.js found inside the pyvis package at {root}; "
            "kg.view needs the copy pyvis ships (pyvis>=0.3)")
    version, path = max(found)
    js = _SOURCEMAP_RE.sub("", path.read_text(encoding="utf-8")).rstrip() + "\n"
    lowered = js.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError(f"{path} cannot be inlined safely (contains '</script' or '<!--')")
    return ".".join(map(str, version)), js


# --------------------------------------------------------------------------
# Graph -> pyvis network
# --------------------------------------------------------------------------

def _normalise(graph: Mapping[str, Any]) -> tuple[list[dict], list[dict]]:
    raw_nodes = list(graph.get("nodes") or [])
    raw_edges = list(graph.get("edges") or [])

    nodes: dict[str, dict] = {}
    for raw in sorted(raw_nodes, key=lambda n: (str(n.get("id")), json.dumps(_clean(n), sort_keys=True))):
        nid = str(raw.get("id"))
        if nid in nodes:  # duplicate id: keep the first in sorted order
            continue
        raw_type = str(raw.get("type") or "Other")
        nodes[nid] = {
            "id": nid,
            "name": str(raw.get("name") or nid),
            "type": raw_type if raw_type in NODE_STYLES else "Other",
            "raw_type": raw_type,
            "roles": _str_list(raw.get("roles")),
            "aliases": _str_list(raw.get("aliases")),
            "properties": _clean(dict(raw.get("properties") or {})),
            "placeholder": False,
        }

    edges: list[dict] = []
    for raw in sorted(raw_edges, key=lambda e: (str(e.get("source")), str(e.get("target")),
                                                  str(e.get("type")), json.dumps(_clean(e), sort_keys=True))):
        src, dst = str(raw.get("source")), str(raw.get("target"))
        for end in (src, dst):
            if end not in nodes:  # keep the relation; show the endpoint as a stub
                nodes[end] = {"id": end, "name": end, "type": "Other", "raw_type": "Other",
                              "roles": [], "aliases": [], "properties": {}, "placeholder": True}
        evidence = [_clean(dict(ev)) for ev in (raw.get("evidence") or []) if isinstance(ev, Mapping)]
        props = _clean(dict(raw.get("properties") or {}))
        sources = raw.get("sources")
        if not isinstance(sources, int) or isinstance(sources, bool):
            distinct = {(ev.get("outlet"), ev.get("article_id") or ev.get("url") or ev.get("article_title"))
                        for ev in evidence}
            sources = len(distinct)
        edges.append({
            "source": src, "target": dst,
            "type": str(raw.get("type") or "RELATED_TO"),
            "properties": props,
            "sources": sources,
            **_sourcing(raw, evidence, sources),
            "evidence": evidence,
            "status": _edge_status(raw, evidence),
        })
    return [nodes[k] for k in sorted(nodes)], edges


def _match_highlight_edges(edges: list[dict], wanted: Iterable[Any]) -> set[int]:
    hits: set[int] = set()
    for item in wanted:
        item = tuple(item)
        if len(item) < 2:
            continue
        src, dst = str(item[0]), str(item[1])
        rel = str(item[2]) if len(item) > 2 else None

        def ok(e: dict, a: str, b: str) -> bool:
            return e["source"] == a and e["target"] == b and (rel is None or e["type"] == rel)

        forward = {i for i, e in enumerate(edges) if ok(e, src, dst)}
        hits |= forward or {i for i, e in enumerate(edges) if ok(e, dst, src)}
    return hits


def _build_network(nodes: list[dict], edges: list[dict], hl_nodes: set[str], hl_edges: set[int]):
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, bgcolor="#ffffff")

    degree: dict[str, int] = {n["id"]: 0 for n in nodes}
    for e in edges:
        degree[e["source"]] += 1
        degree[e["target"]] += 1

    # highlighted items last so they are drawn on top
    for n in sorted(nodes, key=lambda n: n["id"] in hl_nodes):
        shape, colour = NODE_STYLES[n["type"]]
        hl = n["id"] in hl_nodes
        border = HIGHLIGHT if hl else _darker(colour)
        net.add_node(
            n["id"],
            label=_wrap_label(n["name"]),
            shape=shape,
            color={"background": colour, "border": border,
                   "highlight": {"background": colour, "border": "#000000"},
                   "hover": {"background": colour, "border": "#000000"}},
            size=round(12 + 4 * math.sqrt(min(degree[n["id"]], 25)) + (6 if hl else 0), 2),
            borderWidth=5 if hl else 1.5,
            borderWidthSelected=6 if hl else 3,
            font={"size": 15 if hl else 14, "color": HIGHLIGHT if hl else "#1a202c",
                  "face": FONT_FACE, "strokeWidth": 4, "strokeColor": "#ffffff"},
            opacity=0.55 if n["placeholder"] else 1,
        )

    # parallel edges between the same pair get distinct arcs instead of overlapping
    pair_total: dict[tuple[str, str], int] = {}
    for e in edges:
        key = tuple(sorted((e["source"], e["target"])))
        pair_total[key] = pair_total.get(key, 0) + 1
    pair_seen: dict[tuple[str, str], int] = {}
    order = sorted(range(len(edges)), key=lambda i: i in hl_edges)
    for i in order:
        e = edges[i]
        pair = tuple(sorted((e["source"], e["target"])))
        k = pair_seen.get(pair, 0)
        pair_seen[pair] = k + 1
        props = e["properties"]
        mention = e["type"] == "MENTIONED_WITH"
        status = e["status"]
        colour, dashes = (MENTION_COLOUR, MENTION_DASHES) if mention else (EDGE_COLOUR, False)
        if status in STATUS_STYLES:
            colour, dashes = STATUS_STYLES[status]
        width = 1.0 if mention else _edge_width(props.get("amount"))
        label = e["type"]
        if props.get("amount") is not None:
            label += " " + format_amount(props.get("amount"), props.get("currency"))
        if status != "asserted":
            label += f" ({status})"
        if props.get("date"):
            label += "\n" + str(props["date"])
        hl = i in hl_edges
        if hl:
            colour, width = HIGHLIGHT, round(max(width, 3.0) + 3.0, 2)
        net.add_edge(
            e["source"], e["target"],
            id=f"e{i}",
            label=label,
            width=width,
            dashes=dashes,
            color={"color": colour, "highlight": HIGHLIGHT if hl else _darker(colour, 0.75),
                   "hover": colour, "inherit": False, "opacity": 1.0},
            arrows={"to": {"enabled": not mention, "scaleFactor": 0.6}},
            smooth=({"enabled": True, "type": "curvedCW", "roundness": round(0.15 + 0.2 * k, 2)}
                    if pair_total[pair] > 1 else {"enabled": True, "type": "continuous", "roundness": 0.2}),
            font={"size": 13 if hl else 12, "color": HIGHLIGHT if hl else "#2d3748",
                  "face": FONT_FACE, "strokeWidth": 0, "background": "rgba(255,255,255,0.85)",
                  "align": "horizontal"},
        )

    net.options = {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": True},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -160, "centralGravity": 0.008,
                                 "springLength": 230, "springConstant": 0.04,
                                 "damping": 0.6, "avoidOverlap": 1.0},
            "stabilization": {"enabled": True, "iterations": 500, "updateInterval": 50,
                              "fit": True},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "multiselect": False, "keyboard": {"enabled": False}},
        "nodes": {"shadow": False},
        "edges": {"selectionWidth": 2, "hoverWidth": 1},
    }
    return net


# --------------------------------------------------------------------------
# Legend markup (static, generated from our own constants only)
# --------------------------------------------------------------------------

def _shape_svg(shape: str, colour: str) -> str:
    fill = f'fill="{colour}" stroke="{_darker(colour)}" stroke-width="1"'
    c = 9.0

    def poly(points: list[tuple[float, float]]) -> str:
        return f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" {fill}/>'

    if shape == "square":
        body = f'<rect x="2.5" y="2.5" width="13" height="13" {fill}/>'
    elif shape == "triangle":
        body = poly([(c, 2), (16, 15.5), (2, 15.5)])
    elif shape == "triangleDown":
        body = poly([(2, 2.5), (16, 2.5), (c, 16)])
    elif shape == "diamond":
        body = poly([(c, 1.5), (16.5, c), (c, 16.5), (1.5, c)])
    elif shape == "hexagon":
        body = poly([(c + 7.5 * math.cos(math.radians(a)), c + 7.5 * math.sin(math.radians(a)))
                     for a in range(0, 360, 60)])
    elif shape == "star":
        pts = []
        for k in range(10):
            r = 8.0 if k % 2 == 0 else 3.4
            a = math.radians(-90 + 36 * k)
            pts.append((c + r * math.cos(a), c + 0.5 + r * math.sin(a)))
        body = poly(pts)
    else:
        body = f'<circle cx="9" cy="9" r="7" {fill}/>'
    return f'<svg class="kg-swatch" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'


def _line_svg(colour: str, dashes: Any, width: float) -> str:
    dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if dashes else ""
    return (f'<svg class="kg-swatch" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">'
            f'<line x1="1" y1="6" x2="33" y2="6" stroke="{colour}" stroke-width="{width}"{dash}/></svg>')


def _legend_html(nodes: list[dict], edges: list[dict], any_highlight: bool) -> tuple[str, str]:
    counts = {t: 0 for t in TYPE_ORDER}
    for n in nodes:
        counts[n["type"]] += 1
    rows = []
    for t in TYPE_ORDER:
        if not counts[t]:
            continue
        shape, colour = NODE_STYLES[t]
        rows.append(
            f'<label class="kg-type"><input type="checkbox" checked data-type="{t}" id="kg-type-{t}">'
            f'{_shape_svg(shape, colour)}<span>{t}</span><span class="kg-count">{counts[t]}</span></label>')
    types = "\n".join(rows) or '<p class="kg-muted">No entities.</p>'

    statuses = {e["status"] for e in edges}
    items = [(_line_svg(EDGE_COLOUR, False, 2), "relation (asserted)"),
             (_line_svg(EDGE_COLOUR, False, 6), "thicker = larger amount (log)")]
    if any(e["type"] == "MENTIONED_WITH" for e in edges):
        items.append((_line_svg(MENTION_COLOUR, MENTION_DASHES, 1.5), "mentioned together"))
    for status, text in (("hedged", "hedged / alleged"), ("denied", "denied"),
                         ("disputed", "disputed (asserted and denied)")):
        if status in statuses:
            colour, dashes = STATUS_STYLES[status]
            items.append((_line_svg(colour, dashes, 2), text))
    if any_highlight:
        items.append((_line_svg(HIGHLIGHT, False, 5), "highlighted path"))
    rels = "\n".join(f'<div class="kg-rel">{svg}<span>{text}</span></div>' for svg, text in items)
    return types, rels


# --------------------------------------------------------------------------
# Page template
# --------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:#1a202c;background:#f7fafc}
body{display:flex;flex-direction:column}
header{display:flex;align-items:center;gap:14px;flex-wrap:wrap;padding:8px 14px;background:#1a202c;color:#fff}
header h1{font-size:17px;margin:0;font-weight:600;max-width:40vw;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#kg-searchbar{display:flex;align-items:center;gap:6px}
#kg-search{width:280px;padding:5px 8px;border-radius:4px;border:1px solid #4a5568;font-size:14px}
#kg-search-go{padding:5px 12px;border-radius:4px;border:0;background:#e6007e;color:#fff;font-weight:600;cursor:pointer}
#kg-search-status{font-size:13px;color:#e2e8f0;min-width:8em}
.kg-stats{margin-left:auto;font-size:13px;color:#cbd5e0}
main{flex:1;display:flex;min-height:0}
#kg-graph{flex:1;position:relative;min-width:0;background:#fff;border-right:1px solid #e2e8f0}
#kg-panel{width:330px;overflow-y:auto;padding:10px 14px;background:#f7fafc}
#kg-panel h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:#4a5568;margin:12px 0 6px}
.kg-type,.kg-rel{display:flex;align-items:center;gap:7px;padding:2px 0;font-size:13px}
.kg-type{cursor:pointer}
.kg-count{margin-left:auto;color:#718096;font-variant-numeric:tabular-nums}
.kg-swatch{flex:none}
.kg-buttons{display:flex;gap:6px;margin-top:4px}
.kg-buttons button{font-size:12px;padding:2px 8px}
.kg-muted{color:#718096;font-size:13px}
#kg-details{font-size:13px;background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:8px;min-height:60px}
#kg-error{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;color:#c53030}
div.vis-tooltip{position:absolute;visibility:hidden;z-index:5;pointer-events:none;white-space:normal;max-width:460px;padding:8px 10px;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:#1a202c;background:#fff;border:1px solid #cbd5e0;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.18)}
.vis-network:focus{outline:none}
.kg-tip h3{margin:0 0 4px;font-size:15px;overflow-wrap:anywhere}
.kg-tip .kg-sub{color:#4a5568;margin-bottom:4px}
.kg-tip dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 8px;margin:4px 0}
.kg-tip dt{color:#718096}
.kg-tip dd{margin:0;overflow-wrap:anywhere}
.kg-tip ol{margin:4px 0 0;padding-left:18px}
.kg-tip li{margin-bottom:6px}
.kg-tip blockquote{margin:0;font-style:italic;overflow-wrap:anywhere}
.kg-tip .kg-src{color:#4a5568;font-size:12px;overflow-wrap:anywhere}
.kg-tip .kg-url{color:#718096;font-size:11px;overflow-wrap:anywhere}
.kg-status{display:inline-block;padding:0 5px;border-radius:3px;font-size:11px;font-weight:600;text-transform:uppercase;background:#e2e8f0;color:#2d3748}
.kg-status-hedged{background:#feebc8;color:#9c4221}
.kg-status-denied,.kg-status-disputed{background:#fed7d7;color:#9b2c2c}
.kg-status-asserted{background:#c6f6d5;color:#22543d}
.kg-hl{color:#e6007e;font-weight:600}
""".strip()

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var api = window.kgView = { ready: false, data: data };
  var container = document.getElementById("kg-graph");
  if (typeof vis === "undefined" || !vis.Network) {
    var err = document.createElement("div");
    err.id = "kg-error";
    err.textContent = "The graph library failed to load.";
    container.appendChild(err);
    return;
  }
  var meta = data.meta;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "object") { return JSON.stringify(v); }
    return String(v);
  }
  function addRow(dl, key, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    dl.appendChild(el("dt", null, key));
    dl.appendChild(el("dd", null, Array.isArray(value) ? value.map(fmt).join(", ") : fmt(value)));
  }
  var STATUS = { asserted: 1, hedged: 1, denied: 1, disputed: 1 };
  function statusBadge(status) {
    var s = String(status || "asserted");
    var key = s.toLowerCase();
    return el("span", "kg-status kg-status-" + (STATUS[key] ? key : "other"), s);
  }
  function addProps(dl, props, skip) {
    Object.keys(props || {}).sort().forEach(function (k) {
      if (!skip[k]) { addRow(dl, k, props[k]); }
    });
  }

  function nodeTip(id) {
    var n = meta.nodes[id];
    var box = el("div", "kg-tip");
    box.appendChild(el("h3", null, n.name));
    var sub = el("div", "kg-sub", n.raw_type + (n.placeholder ? " (not in this subgraph)" : ""));
    if (n.highlight) { sub.appendChild(el("span", "kg-hl", " \u2022 on highlighted path")); }
    box.appendChild(sub);
    var dl = el("dl");
    addRow(dl, "roles", n.roles);
    addRow(dl, "aliases", n.aliases);
    var p = n.properties || {};
    if (n.amount_text) { addRow(dl, "amount", n.amount_text); }
    addProps(dl, p, n.amount_text ? { amount: 1, currency: 1 } : {});
    addRow(dl, "relations", n.degree);
    addRow(dl, "id", n.id);
    box.appendChild(dl);
    return box;
  }

  function edgeTip(id, full) {
    var e = meta.edges[id];
    var src = meta.nodes[e.source], dst = meta.nodes[e.target];
    var box = el("div", "kg-tip");
    var h = el("h3");
    h.appendChild(document.createTextNode(src.name + " \u2192 "));
    h.appendChild(el("span", e.highlight ? "kg-hl" : null, e.type));
    h.appendChild(document.createTextNode(" \u2192 " + dst.name));
    box.appendChild(h);
    var sub = el("div", "kg-sub");
    sub.appendChild(statusBadge(e.status));
    sub.appendChild(document.createTextNode(" \u00b7 " + e.sourcing));
    if (e.highlight) { sub.appendChild(el("span", "kg-hl", " \u2022 on highlighted path")); }
    box.appendChild(sub);
    var dl = el("dl");
    addRow(dl, "relation", e.type);
    if (e.amount_text) { addRow(dl, "amount", e.amount_text); }
    addProps(dl, e.properties, e.amount_text ? { amount: 1, currency: 1 } : {});
    box.appendChild(dl);
    var ev = e.evidence || [];
    box.appendChild(el("div", "kg-sub", "Evidence (" + ev.length + ")"));
    var limit = full ? ev.length : Math.min(ev.length, 4);
    var ol = el("ol");
    for (var i = 0; i < limit; i++) {
      var x = ev[i] || {};
      var li = el("li");
      li.appendChild(el("blockquote", null, "\u201c" + fmt(x.text) + "\u201d"));
      var src2 = el("div", "kg-src");
      // who vouches for it: the outlet retold, and who retold it
      var who = x.source_outlet && x.source_outlet !== x.outlet
        ? x.source_outlet + (x.outlet ? " (retold by " + x.outlet + ")" : "") : x.outlet;
      var bits = [x.article_title, who, x.date].filter(function (b) { return b; }).map(fmt);
      src2.appendChild(document.createTextNode("\u2014 " + (bits.join(", ") || "unknown source") + " "));
      src2.appendChild(statusBadge(x.status));
      if (typeof x.confidence === "number") {
        src2.appendChild(document.createTextNode(" confidence " + x.confidence.toFixed(2)));
      }
      li.appendChild(src2);
      if (full && x.url) { li.appendChild(el("div", "kg-url", x.url)); }
      ol.appendChild(li);
    }
    box.appendChild(ol);
    if (limit < ev.length) {
      box.appendChild(el("div", "kg-muted", "+ " + (ev.length - limit) + " more \u2014 click the relation to see all"));
    }
    return box;
  }
  api.nodeTooltip = nodeTip;
  api.edgeTooltip = edgeTip;

  data.nodes.forEach(function (n) { n.title = nodeTip(n.id); });
  data.edges.forEach(function (e) { e.title = edgeTip(e.id, false); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  api.network = network; api.nodes = nodes; api.edges = edges;

  // vis-network leaves a tooltip open when the pointer leaves the canvas;
  // close it the way its own _checkHidePopup does.
  function hideTooltip() {
    var ih = network.interactionHandler;
    if (ih && ih.popup) { ih.popupObj = undefined; ih.popup.hide(); }
  }
  container.addEventListener("mouseleave", hideTooltip);
  api.hideTooltip = hideTooltip;

  // ---- details panel --------------------------------------------------
  var details = document.getElementById("kg-details");
  var placeholder = details.textContent;
  function showDetails(kind, id) {
    details.textContent = "";
    if (kind === "node") { details.appendChild(nodeTip(id)); }
    else if (kind === "edge") { details.appendChild(edgeTip(id, true)); }
    else { details.textContent = placeholder; }
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showDetails("node", p.nodes[0]); }
    else if (p.edges.length) { showDetails("edge", p.edges[0]); }
    else { showDetails(null); }
  });

  // ---- type filters ---------------------------------------------------
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-type]"));
  function setTypeVisible(type, visible) {
    var upd = [];
    data.nodes.forEach(function (n) {
      if (meta.nodes[n.id].type === type) { upd.push({ id: n.id, hidden: !visible }); }
    });
    nodes.update(upd);
    boxes.forEach(function (b) { if (b.getAttribute("data-type") === type) { b.checked = visible; } });
  }
  boxes.forEach(function (b) {
    b.addEventListener("change", function () { setTypeVisible(b.getAttribute("data-type"), b.checked); });
  });
  document.getElementById("kg-all").addEventListener("click", function () {
    boxes.forEach(function (b) { setTypeVisible(b.getAttribute("data-type"), true); });
  });
  document.getElementById("kg-none").addEventListener("click", function () {
    boxes.forEach(function (b) { setTypeVisible(b.getAttribute("data-type"), false); });
  });
  api.setTypeVisible = setTypeVisible;

  // ---- search ---------------------------------------------------------
  var input = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var list = document.getElementById("kg-names");
  var seen = {};
  data.nodes.forEach(function (n) {
    var m = meta.nodes[n.id];
    [m.name].concat(m.aliases).forEach(function (name) {
      if (!seen[name]) { seen[name] = 1; var o = document.createElement("option"); o.value = name; list.appendChild(o); }
    });
  });
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  function find(q) {
    q = norm(q);
    if (!q) { return null; }
    var best = null, bestScore = 99;
    data.nodes.forEach(function (n) {
      var m = meta.nodes[n.id];
      var names = [[norm(m.name), 0], [norm(m.id), 1]].concat(m.aliases.map(function (a) { return [norm(a), 1]; }));
      names.forEach(function (pair) {
        var s = pair[0], score = null;
        if (s === q) { score = pair[1]; }
        else if (s.indexOf(q) === 0) { score = 2 + pair[1]; }
        else if (s.indexOf(q) > 0) { score = 4 + pair[1]; }
        if (score !== null && score < bestScore) { best = n.id; bestScore = score; }
      });
    });
    return best;
  }
  function search(q) {
    var id = find(q);
    if (id === null) { status.textContent = q ? "No match" : ""; return null; }
    var m = meta.nodes[id];
    if (nodes.get(id).hidden) { setTypeVisible(m.type, true); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails("node", id);
    status.textContent = "Found: " + m.name;
    return id;
  }
  api.search = search;
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); search(input.value); } });
  input.addEventListener("change", function () { if (input.value) { search(input.value); } });
  document.getElementById("kg-search-go").addEventListener("click", function () { search(input.value); });

  // ---- settle, then freeze the layout ---------------------------------
  function markReady() {
    network.once("afterDrawing", function () { api.ready = true; document.body.setAttribute("data-ready", "1"); });
    network.redraw();
  }
  if (data.nodes.length === 0) { markReady(); }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    markReady();
  });
})();
""".strip()


def _page(*, title: str, data_json: str, vis_version: str, vis_js: str,
          legend_types: str, legend_rels: str, n_nodes: int, n_edges: int) -> str:
    vis_script = "\n" + vis_js
    app_script = "\n" + _APP_JS + "\n"
    for chunk in (app_script, _CSS):
        if "</" in chunk or "<!--" in chunk:  # pragma: no cover - guards edits to the template
            raise RuntimeError("inline script/style must not contain '</' or '<!--'")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_script)} {_csp_hash(app_script)}; "
           "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
    t = html.escape(title, quote=True)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg.view (pyvis, vis-network {html.escape(vis_version)})">
<title>{t}</title>
<style>
{_CSS}
</style>
</head>
<body>
<header>
<h1 title="{t}">{t}</h1>
<div id="kg-searchbar" role="search">
<input id="kg-search" type="search" list="kg-names" placeholder="Search an entity or alias\u2026" autocomplete="off" aria-label="Search entities">
<button id="kg-search-go" type="button">Find</button>
<span id="kg-search-status" aria-live="polite"></span>
</div>
<datalist id="kg-names"></datalist>
<span class="kg-stats">{n_nodes} entities \u00b7 {n_edges} relations</span>
</header>
<main>
<div id="kg-graph"></div>
<aside id="kg-panel">
<h2>Entity types</h2>
<div id="kg-legend">
{legend_types}
</div>
<div class="kg-buttons"><button id="kg-all" type="button">Show all</button><button id="kg-none" type="button">Hide all</button></div>
<h2>Relations</h2>
<div id="kg-rel-legend">
{legend_rels}
</div>
<h2>Details</h2>
<div id="kg-details">Hover for a summary; click an entity or relation to see all its details and evidence here.</div>
</aside>
</main>
<script type="application/json" id="kg-data">{data_json}</script>
<script>{vis_script}</script>
<script>{app_script}</script>
</body>
</html>
"""


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------

def render_html(graph: Mapping[str, Any], *, title: str = "kg network",
                highlight_nodes: Iterable[str] = (),
                highlight_edges: Iterable[tuple[str, str]] = ()) -> str:
    """Render ``graph`` as a self-contained interactive HTML page (returned as text).

    ``highlight_nodes`` are node ids; ``highlight_edges`` are ``(source, target)``
    pairs (optionally ``(source, target, type)``) -- a pair matches the edges in
    that direction, or in the opposite direction if there are none.
    """
    nodes, edges = _normalise(graph)
    hl_nodes = {str(n) for n in highlight_nodes}
    hl_edges = _match_highlight_edges(edges, highlight_edges)
    net = _build_network(nodes, edges, hl_nodes, hl_edges)
    vis_nodes, vis_edges, _heading, _h, _w, options = net.get_network_data()
    if not isinstance(options, str):
        options = json.dumps(options)

    degree = {n["id"]: 0 for n in nodes}
    for e in edges:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    meta_nodes = {}
    for n in nodes:
        p = n["properties"]
        meta_nodes[n["id"]] = dict(n, degree=degree[n["id"]], highlight=n["id"] in hl_nodes,
                                   amount_text=format_amount(p["amount"], p.get("currency"))
                                   if p.get("amount") is not None else "")
    meta_edges = {}
    for i, e in enumerate(edges):
        p = e["properties"]
        meta_edges[f"e{i}"] = dict(e, id=f"e{i}", highlight=i in hl_edges,
                                   amount_text=format_amount(p["amount"], p.get("currency"))
                                   if p.get("amount") is not None else "")

    payload = {
        "nodes": _clean(vis_nodes),
        "edges": _clean(vis_edges),
        "options": json.loads(options),
        "meta": {"nodes": meta_nodes, "edges": meta_edges},
        "highlight": {"nodes": sorted(hl_nodes & set(meta_nodes)),
                      "edges": [f"e{i}" for i in sorted(hl_edges)]},
    }
    vis_version, vis_js = _vis_network_js()
    legend_types, legend_rels = _legend_html(nodes, edges, bool(hl_nodes or hl_edges))
    return _page(title=str(title), data_json=_json_for_script(_clean(payload)),
                 vis_version=vis_version, vis_js=vis_js, legend_types=legend_types,
                 legend_rels=legend_rels, n_nodes=len(nodes), n_edges=len(edges))


def write_html(graph: Mapping[str, Any], path: str | Path, **kw: Any) -> Path:
    """Render ``graph`` (see :func:`render_html` for ``kw``) and write it to ``path``."""
    out = Path(path)
    out.write_text(render_html(graph, **kw), encoding="utf-8", newline="\n")
    return out

"""Render the knowledge graph for the site: vis-network payload, no-JS fallback, local maps.

The graph goes networkx → pyvis `Network` (nodes, edges, options) → a compact JSON payload
that our own page modules (docs/assets/javascripts/concept-map/) feed to a self-hosted
vis-network. Labels and summaries come from contributors' Markdown: the payload carries them
as plain text (the script only ever assigns them with textContent), and every HTML string
built here escapes them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import quote

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from graph.build import edge_kinds, explainer, faces_of
from graph.schema import (
    CONCEPT,
    CONTAINS,
    DISPLAY_KINDS,
    EXPLAINS,
    LAYER,
    PAGE,
    PRODUCT,
    REFERENCE,
    SECTION,
    TABLE_PRODUCTS,
    layer_id,
    node_layer,
    page_id,
)
from graph.usage import usage_payload
from graph.vocabulary import (
    EDGES,
    FACE_LAYER,
    FACES,
    MAP_PAGE_SRC,
    NO_LAYER,
    NODE_KINDS_DECL,
    OUTPUTS,
    RELATION,
    RELATIONS,
    layer_label,
    layer_title,
    to_payload,
)
from sitedocs.html import astral_json

from .fragments import render_fragment
from .labels import OVERFLOW, break_points, text_em, wrap_label
from .layout import COL_WIDTH, ROW_HEIGHT, TALL_ASPECT, Layout, band_layout, band_order
from .marks import USE, badge_html, replace_marks

MAP_PAGE = MAP_PAGE_SRC
VIS_ASSET = OUTPUTS.vis
MAP_SCRIPT = OUTPUTS.map_script  # the map's entry module, on every page (overrides/main.html)
# Render as soon as the data is parsed, if the (async) map script is already there; otherwise
# the script renders when it arrives. Inline and tiny, so instant navigation can re-run it.
RENDER_NOW = "<script>window.__conceptMapScript&&window.__conceptMapScript.init()</script>"
DATA_MARKER = "<!-- cm:map-data -->"
FALLBACK_MARKER = "<!-- cm:fallback -->"
EDGE_FILTER_MARKER = "<!-- cm:edge-filter -->"  # the map's 表示するつながり check boxes

KIND_NAMES = {k: kind.name for k, kind in NODE_KINDS_DECL.items()}
EDGE_ORDER = tuple(EDGES)
# The text version's kind labels: words only (a badge is ~450 bytes; the text version has hundreds).
EDGE_WORDS = {k: e.label for k, e in EDGES.items()}
LARGE_GRAPH = 800  # above this many nodes, edges are hidden while dragging/zooming
# Width of a label line, in em of the node's font (font sizes: concept-map/levels.js).
# The labels arrive broken into lines (graph/labels.py), and no widthConstraint is set: with
# one, vis-network measures the label word by word to look for breaks of its own.
LABEL_EM = {LAYER: 13, PAGE: 12}
DEFAULT_LABEL_EM = 11
MAX_LINES = 4  # a full label of more lines is taller than its row (ROW_HEIGHT) ...
WIDE_EM = 13  # ... and gets lines this wide instead (13 em of 12 units < COL_WIDTH)
# The overview's labels (semantic zoom: the map opens on these, the full labels come with zoom):
# the name before its bracketed gloss, at most SHORT_LINES lines of SHORT_EM.
SHORT_EM = 6.5
SHORT_LINES = 3
# The column counts a chapter's local map is laid out in, its layer nodes above each band's grid:
# the page script takes the widest whose labels are legible in its canvas (3-4 fit a phone, 8 a
# desktop's text column; concept-map/localfit.js) and makes the canvas as tall as that layout.
LOCAL_COLUMNS = range(3, 10)
LOCAL_TEMPLATE = "fragments/concept-map/local-map.html"
LOCAL_MAP_ID = "cm-local-title"  # the local map's heading (the hook lists it in the TOC)
LOCAL_MAP_TITLE = "この章の周辺マップ"


# V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): compile every function
# of the file eagerly, on the background thread that streams the download, instead of lazily on
# the main thread the first time each is called. Cuts the cold construction of a map by ~25 %.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def vis_source() -> Path:
    """vis-network from the npm registry (package.json pins it), as committed under vendor/."""
    return Path(__file__).resolve().parent.parent / "vendor" / "vis-network" / "vis-network.min.js"


def asset_files() -> dict[str, bytes]:
    """Static files the site must serve: site-relative destination → content.

    vis-network is the vendored npm file byte for byte, after a one-line compile-hint comment.
    """
    return {VIS_ASSET: COMPILE_HINT + vis_source().read_bytes()}


def node_kind(data: dict) -> str:
    """The display kind of a node: products are concepts of the 製品 table."""
    kind = str(data.get("kind", ""))
    if kind == CONCEPT and data.get("table") == TABLE_PRODUCTS:
        return PRODUCT
    return kind if kind in KIND_NAMES else CONCEPT


def faces_text(data: dict) -> str:
    """「2A」「2A・2B」 for a layer-2 concept with faces, else ""."""
    faces = str(data.get("faces") or "")
    if node_layer(data) != FACE_LAYER or not faces:
        return ""
    return face_names(faces)


def face_names(faces: str) -> str:
    """「2A」「2A・2B」 for an edge's or a concept's faces ("A", "AB"; graph/vocabulary.py FACES)."""
    return "・".join(FACES[f].name for f in faces if f in FACES)


def _one_line(text: object, limit: int = 160) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


SECTION_NUMBER = re.compile(r"^\s*(\d+(?:-\d+)*)\.?\s+")


def section_number(label: str) -> str:
    """「1-3」 for a section labelled 「1-3. …」, else ""."""
    m = SECTION_NUMBER.match(label)
    return m.group(1) if m else ""


@lru_cache(maxsize=4096)
def short_label(label: str) -> str:
    """The overview's label: the name without its bracketed gloss or section number, broken
    into at most SHORT_LINES lines of SHORT_EM. A longer name is cut after its last whole word
    that fits, with 「…」 (the tooltip, the panel and the canvas's accessible name give it whole)."""
    name = SECTION_NUMBER.sub("", label)
    name = re.split(r"[（(]", name, maxsplit=1)[0].strip() or label
    lines = wrap_label(name, SHORT_EM).split("\n")
    if len(lines) > SHORT_LINES:
        lines = [*lines[: SHORT_LINES - 1], _cut(lines[SHORT_LINES - 1], SHORT_EM * OVERFLOW)]
    return "\n".join(lines)


def _cut(line: str, max_em: float) -> str:
    """line cut at its last break point (labels.break_points) where it and 「…」 fit max_em; at a
    character only when no word fits."""
    fitting = [k for k in break_points(line) if text_em(line[:k].rstrip() + "…") <= max_em]
    if fitting:
        return line[: fitting[-1]].rstrip() + "…"
    while line and text_em(line + "…") > max_em:
        line = line[:-1]
    return line.rstrip() + "…"


def chapter_pages(g: nx.DiGraph) -> dict[str, str]:
    """page id → layer id, for every layer whose band holds exactly one page (its chapter)."""
    pages: dict[int, list[str]] = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") == PAGE and node_layer(d):
            pages.setdefault(node_layer(d), []).append(n)
    return {ps[0]: layer_id(layer) for layer, ps in pages.items()
            if len(ps) == 1 and layer_id(layer) in g}


def display_graph(g: nx.DiGraph) -> tuple[nx.DiGraph, dict[str, str]]:
    """g with one node per layer band: a chapter's page node is merged into its layer node
    (which takes the page's url and summary); edges of the page move to the layer node, the
    layer → page edge goes. Returns the new graph (g is not changed) and page id → layer id."""
    merged = chapter_pages(g)
    if not merged:
        return g, {}
    out = nx.DiGraph()
    for n, d in g.nodes(data=True):
        if n in merged:
            continue
        out.add_node(n, **d)
    for page, band in merged.items():
        pd = g.nodes[page]
        out.nodes[band].update(url=pd.get("url", ""), src=pd.get("src", ""),
                               summary=pd.get("summary") or g.nodes[band].get("summary", ""))
    for u, v, d in g.edges(data=True):
        u2, v2 = merged.get(u, u), merged.get(v, v)
        if u2 != v2 and not out.has_edge(u2, v2):
            out.add_edge(u2, v2, **d)
        elif u2 != v2 and d.get("label") and not out.edges[u2, v2].get("label"):
            # a relation to the chapter beside the concept's define/use of its layer: the one
            # edge left keeps the relation's phrase apart (RELATION_ALSO), and the map draws
            # it as a relation edge of its own (the 関係 filter, 「各層との関係」)
            out.edges[u2, v2][RELATION_ALSO] = d["label"]
    return out, merged


RELATION_ALSO = "relation_label"
"""Display-graph edge attribute: the phrase of a relation that shares its ends with the edge."""


def shown_kinds(d: dict) -> list[tuple[str, str, str]]:
    """(kind, layer-2 faces, phrase) of every edge the map draws for a display-graph edge: its
    kinds (two for 2A ✅ + 2B 🔧, graph/build.py edge_kinds) and a relation merged into it."""
    kinds = edge_kinds(d) or [(str(d.get("kind", "")), "")]
    out = [(k, f, str(d.get("label") or "") if i == 0 else "") for i, (k, f) in enumerate(kinds)]
    if d.get(RELATION_ALSO):
        out.append((RELATION, "", str(d[RELATION_ALSO])))
    return out


@dataclass(frozen=True)
class MapIndex:
    """The display graph of a whole graph (one node per layer band) and page id → band id: what
    every chapter's local map starts from, computed once per build instead of once per page."""

    shown: nx.DiGraph
    merged: dict[str, str]
    # node → what stands for it on a local map (_ends): each section's, once per build, not once
    # per local map it appears on
    ends: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, g: nx.DiGraph) -> MapIndex:
        return cls(*display_graph(g))


def vis_options(n_nodes: int) -> dict:
    """vis-network options: fixed positions (no physics), hover tooltips, straight edges."""
    large = n_nodes > LARGE_GRAPH
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "dragNodes": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": False},
            "zoomSpeed": 0.7,
        },
        "nodes": {"shape": "box", "borderWidth": 1},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "selectionWidth": 1.5,
        },
    }


def _detail_wrap(label: str, em: float) -> str:
    """The full label broken into lines of em; a label of more than MAX_LINES lines gets wider
    ones (up to WIDE_EM, still inside its grid cell) rather than a box taller than its row."""
    wrapped = wrap_label(label, em)
    if wrapped.count("\n") >= MAX_LINES and em < WIDE_EM:
        wider = wrap_label(label, WIDE_EM)
        if wider.count("\n") < wrapped.count("\n"):
            return wider
    return wrapped


class _NodeIds(list):
    """pyvis's list of node ids with a set beside it: `id in net.node_ids` (add_node checks it, and
    add_edge both ends) in constant time, not a walk of the list (quadratic on a map of 6,500 nodes
    and 18,000 edges: 1.4 s)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


def to_pyvis(g: nx.DiGraph, layout: Layout | None = None) -> Network:
    """A pyvis Network of g with fixed band positions (no physics) and plain-text fields."""
    layout = layout or band_layout(g)
    net = Network(directed=True, cdn_resources="remote")
    net.node_ids = _NodeIds()  # pyvis looks each node up in this list: once per node and twice per edge
    for n in sorted(g.nodes, key=str):
        d = g.nodes[n]
        kind = node_kind(d)
        x, y = layout.positions[n]
        label = _one_line(d.get("label") or n, 120)
        wrapped = _detail_wrap(label, LABEL_EM.get(kind, DEFAULT_LABEL_EM))
        short = short_label(label) if kind in (CONCEPT, PRODUCT, SECTION) else ""
        net.add_node(
            str(n), label=label, wrap=wrapped if wrapped != label else "",
            short=short if short != (wrapped or label) else "", shape="box",
            group=f"{kind}-{node_layer(d)}", x=x, y=y, physics=False,
            kind=kind, layer=node_layer(d), url=str(d.get("url") or ""),
            summary=_one_line(d.get("summary")), faces=faces_text(d),
            reviewed=str(d.get("reviewed") or ""), stale=bool(d.get("stale")) or "",
            link_issues=int(d.get("link_issues") or 0) or "",  # ⚠: broken 📘 links (the plugin's link_report)
        )
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        kinds = [list(k) for k in shown_kinds(d)]
        net.add_edge(str(u), str(v), kind=kinds[0][0], kinds=kinds)
    net.options = vis_options(g.number_of_nodes())
    return net


def map_payload(g: nx.DiGraph, layout: Layout | None = None, tall: bool = True) -> dict:
    """JSON-serialisable data of the map: nodes, edges, bands, options (all text plain).

    One node per layer band: a chapter's page is merged into its layer node ("merged" maps
    the page id to it). The script derives each node's vis group ("<kind>-<layer>") and tooltip
    (label, layer, summary) from these fields, so neither is repeated in the payload. "wrap" is
    the label broken into lines for the canvas (graph/labels.py), "short" the overview's label
    (semantic zoom), each sent only when it differs and as offsets into the label (label_spans).
    Edges are [from index, to index, kind] triples (indexes into "nodes"; a relation adds its
    phrase, a layer-2 edge its faces) to keep the page small; an edge of 2A ✅ + 2B 🔧 is sent
    as two, one per kind. A node leaves out its kind when its id's prefix implies it, and a
    concept its url and review date when they are its explaining section's ("as"; all restored
    by concept-map/model.js expandPayload). "tall" holds the positions for a canvas taller than
    wide (phones). Everything the vocabulary
    declares (layer names and colours, kinds, prefixes, default edges, vis-network's path)
    reaches the script only in "vocab".
    """
    shown, merged = display_graph(g)
    layout = layout or band_layout(shown)
    net = to_pyvis(shown, layout)
    nodes, edges = net.nodes, net.edges  # what get_network_data returns, without its JSON text of the options
    keep_node = ("id", "label", "wrap", "short", "kind", "layer", "x", "y", "url", "summary",
                 "faces", "reviewed", "stale", "link_issues")
    for node in nodes:  # the lines of a label as offsets into it (label_spans)
        for key in ("wrap", "short"):
            if node.get(key):
                node[key] = label_spans(node["label"], node[key])
    index = {node["id"]: i for i, node in enumerate(nodes)}
    kept = [{k: node[k] for k in keep_node if node.get(k) not in (None, "")
             and not (k == "kind" and node[k] == implied_kind(node["id"]))} for node in nodes]
    payload = {
        "version": 2,
        "nodes": _section_urls(_share_explainers(kept, shown, index), merged, index),
        "edges": [_payload_edge(index, e, kind, faces, phrase) for e in edges for kind, faces, phrase in e["kinds"]],
        "merged": merged,
        "bands": [{"layer": b.layer, "top": b.top, "bottom": b.bottom} for b in layout.bands],
        "extent": {"left": layout.left, "right": layout.right},
        # the grid, and the overview labels' line width (em) and lines (concept-map/levels.js)
        "cell": {"w": COL_WIDTH, "h": ROW_HEIGHT, "em": SHORT_EM, "lines": SHORT_LINES},
        "options": net.options,  # vis_options (get_network_data would give it as JSON text)
        # graph/vocabulary.py: layers (names, colours), node and edge kinds (names, prefixes,
        # defaults), marks, thresholds and output paths (vis-network's among them); the payload
        # repeats none of it (tests/test_render.py)
        "vocab": to_payload(),
        # concept id -> indexes (into "nodes", like the edges') of the other layers' sections
        # that use it (graph/usage.py), a page as its merged layer node; the panel's
        # 「使われている節」 lists them with their prefix
        "usedIn": {node: list(dict.fromkeys(index[merged.get(u["node"], u["node"])] for u in uses
                                            if merged.get(u["node"], u["node"]) in index))
                   for node, uses in usage_payload(g).items()},
    }
    if tall:
        payload["tall"] = _tall_layout(shown, [node["id"] for node in nodes])
    walks = scenario_payload(g.graph.get("scenarios") or [], merged, index, kept)
    if walks:
        payload["scenarios"] = walks
    return payload


def _utf16(text: str, i: int) -> int:
    """The offset of text[i] in UTF-16 code units (how the script's String.slice counts)."""
    return len(text[:i].encode("utf-16-le")) // 2


def label_spans(label: str, text: str) -> list[int] | str:
    """A label's lines (its wrapped or its short form) as offsets into the label: [start, end]
    of each line, then a 1 when the text ends with a 「…」 the label has not there (the short
    form of a long name). The payload then does not repeat the label's text (~20 KB on the map
    page); concept-map/model.js labelLines joins them again. The text itself when a line is not
    a piece of the label."""
    for cut in (False, True):
        if cut and not text.endswith("…"):
            break
        lines = (text[:-1] if cut else text).split("\n")
        spans: list[int] = []
        at = 0
        for line in lines:
            start = label.find(line, at) if line else -1
            if start < 0:
                break
            at = start + len(line)
            spans += [_utf16(label, start), _utf16(label, at)]
        else:
            return [*spans, 1] if cut else spans
    return text


def label_lines(label: str, spans: list[int] | str) -> str:
    """The inverse of label_spans (what concept-map/model.js labelLines does in the page)."""
    if isinstance(spans, str):
        return spans
    units = label.encode("utf-16-le")
    lines = [units[2 * a:2 * b].decode("utf-16-le") for a, b in zip(spans[::2], spans[1::2], strict=False)]
    return "\n".join(lines) + ("…" if len(spans) % 2 else "")


def _payload_edge(index: dict[str, int], e: dict, kind: str, faces: str, phrase: str) -> list:
    """[from index, to index, kind], then a relation's phrase (graph/relations.py) and the
    layer-2 faces the edge has for that kind ("A", "AB"; after "" when there is no phrase). The
    kind is its index in the vocabulary's edge kinds (the order of vocab.edges; a kind it does
    not know as its name): ~1,000 edges need not spell it."""
    tail = [phrase, faces] if faces else [phrase] if phrase else []
    return [index[e["from"]], index[e["to"]], edge_code(kind), *tail]


def edge_code(kind: str) -> int | str:
    """A payload edge's kind: its index in the vocabulary's edge kinds, else its name."""
    return EDGE_ORDER.index(kind) if kind in EDGE_ORDER else kind


def edge_kind(code: int | str) -> str:
    """The kind of a payload edge's code (edge_code's inverse; model.js expandPayload)."""
    return EDGE_ORDER[code] if isinstance(code, int) else code


def implied_kind(node_id: str) -> str:
    """The stored node kind whose id prefix node_id has ("section:…" → section): a payload node of
    that kind leaves its kind out (model.js expandPayload); a product (a concept's prefix) keeps it."""
    return _IMPLIED.get(node_id[:node_id.find(":") + 1], "")


# prefix → the stored kind it implies; each prefix ends at its first ":" (tests/test_render.py)
_IMPLIED = {kind.prefix: k for k, kind in reversed(NODE_KINDS_DECL.items()) if kind.stored}


SHARED = ("url", "reviewed", "stale")  # what a concept has from the section explaining it


def _share_explainers(nodes: list[dict], shown: nx.DiGraph, index: dict[str, int]) -> list[dict]:
    """nodes, where a concept whose url, review date and staleness are its explaining section's
    (the 早見表 row links that section: ~170 concepts) names the section instead: "as": its
    index (concept-map/model.js expandPayload copies them back)."""
    for node in nodes:
        source = explainer(shown, node["id"])
        if source is None:
            continue
        other = nodes[index[source]]
        if "as" not in other and all(node.get(k) == other.get(k) for k in SHARED):
            for k in SHARED:
                node.pop(k, None)
            node["as"] = index[source]
    return nodes


def _section_urls(nodes: list[dict], merged: dict[str, str], index: dict[str, int]) -> list[dict]:
    """nodes, where a section whose url is its chapter's url and its anchor ("section:<src>#<a>"
    → the url of page:<src>, or of its band, + "#<a>") leaves it out (model.js expandPayload)."""
    section, page = NODE_KINDS_DECL[SECTION].prefix, NODE_KINDS_DECL[PAGE].prefix
    for node in nodes:
        if not node["id"].startswith(section) or "#" not in node["id"]:
            continue
        src, anchor = node["id"][len(section):].split("#", 1)
        chapter = merged.get(page + src, page + src)
        if chapter in index and node.get("url") and node["url"] == nodes[index[chapter]].get("url", "") + "#" + anchor:
            del node["url"]
    return nodes


def scenario_payload(scenarios: list[dict], merged: dict[str, str], index: dict[str, int],
                     nodes: list[dict] | None = None) -> list[dict]:
    """The 「シナリオで読む」 walks the map plays (?scenario=<id>&step=<n>): id, title, page url
    and each step's text, map node (a page as its merged layer node), layer and section url, the
    last two only when they are not the node's (`nodes`: the payload's; model.js expandPayload
    fills them in). Steps whose node is not on the map are left out."""
    out = []
    for s in scenarios:
        steps = [{"text": st["text"], "node": merged.get(st["node"], st["node"]), "layer": st["layer"],
                  "url": st["url"]} for st in s.get("steps", [])]
        steps = [st for st in steps if st["node"] in index]
        for st in steps if nodes else []:
            node = nodes[index[st["node"]]]
            for k in ("layer", "url"):
                if st[k] == node.get(k):
                    del st[k]
        if steps:
            out.append({"id": s["id"], "title": s["title"], "url": s["url"], "steps": steps})
    return out


def _tall_layout(g: nx.DiGraph, order: list[str]) -> dict:
    """The same bands for an upright phone screen: [x, y] per node (payload order)."""
    return _layout_json(band_layout(g, aspect=TALL_ASPECT), order)


def _layout_json(layout: Layout, order: list[str]) -> dict:
    """A layout in the payload: [x, y] per node (payload order), its bands and extent."""
    return {
        "pos": [list(layout.positions[n]) for n in order],
        "bands": [{"layer": b.layer, "top": b.top, "bottom": b.bottom} for b in layout.bands],
        "extent": {"left": layout.left, "right": layout.right},
    }


def node_columns(nodes: list[dict]) -> dict[str, list | dict[str, object]]:
    """The nodes as one list per field, null where a node has no such field: the field names
    are written once instead of once per node (a sixth of the map's payload); a field few nodes
    have goes as {node index: value} when that is shorter. model.js expandPayload (nodeRows)
    turns them back into one object per node."""
    def column(key: str) -> list | dict[str, object]:
        values = [node.get(key) for node in nodes]
        if None not in values:  # {"0": a, "1": b, …} is always longer than [a, b, …]
            return values
        sparse = {str(i): v for i, v in enumerate(values) if v is not None}
        return sparse if _sparse_shorter(len(values), sparse) else values

    return {k: column(k) for k in dict.fromkeys(k for node in nodes for k in node)}


def _sparse_shorter(count: int, sparse: dict[str, object]) -> bool:
    """Whether {"i":v,…} is shorter JSON than [v or null, …] (count items): both spell each value
    once, so only the rest differs: '"i":' per value and its commas against 'null' per gap and
    its commas (tests/test_render.py compares it with serialising both)."""
    keys = sum(len(k) + 3 for k in sparse) + len(sparse) - 1
    return keys < 4 * (count - len(sparse)) + count - 1


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # json.dumps makes one per call


def _json(value: object) -> str:
    return _ENCODER.encode(value)


def _inert(json_text: str) -> str:
    """JSON text that holds no markup ("<", ">" and "&" \\u-escaped) and no character outside the
    BMP (as \\u pairs, sitedocs.html.ASTRAL): the same JSON value."""
    return astral_json(json_text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def _vocab_island() -> str:
    """The vocabulary's payload as island text: the same object in every map's payload (~half a
    local map's payload), serialised and escaped once per process."""
    return _inert(_json(to_payload()))


def _island_text(payload: dict) -> str:
    """_inert(_json(payload)), with the vocabulary's value taken from _vocab_island: the members
    before and after it serialised in one call each (tests/test_render.py compares the two)."""
    vocab = to_payload()
    keys = list(payload)
    at = next((i for i, k in enumerate(keys) if payload[k] is vocab), None)
    if at is None:
        return _inert(_json(payload))
    before = _json({k: payload[k] for k in keys[:at]})[1:-1]
    after = _json({k: payload[k] for k in keys[at + 1:]})[1:-1]
    members = [_inert(before), f"{_json(keys[at])}:{_vocab_island()}", _inert(after)]
    return "{" + ",".join(m for m in members if m) + "}"


def json_island(payload: dict, css_class: str = "cm-map-data") -> str:
    """The payload as JSON text in an inert <template> ("<", ">" and "&" are \\u-escaped, so
    the text has no markup). Not a <script type="application/json">: Material's instant
    navigation re-creates every script of the new page without its type and runs it.
    A list of "nodes" is written as columns (node_columns)."""
    if isinstance(payload.get("nodes"), list):
        payload = {**payload, "nodes": node_columns(payload["nodes"])}
    return f'<template class="{css_class}">{_island_text(payload)}</template>'


def _href(base: str, url: str) -> str:
    return escape(base + url, quote=True)


def _ordered_nodes(g: nx.DiGraph) -> list[str]:
    rank = {kind: i for i, kind in enumerate(DISPLAY_KINDS)}

    def key(n: str) -> tuple:
        d = g.nodes[n]
        line = d.get("line") if isinstance(d.get("line"), int) else 0
        layer = node_layer(d) or 9
        return (-layer if layer != 9 else 1, rank[node_kind(d)], str(d.get("src", "")), line,
                str(d.get("label", "")), str(n))

    return sorted(g.nodes, key=key)


def _relation_sentence(g: nx.DiGraph, source: str, target: str, row_id: dict[str, str]) -> str:
    """A relation table's cell as 「<concept> — <phrase>（第N層）」 (#25), written once, in its
    concept's row (the other row links back to it): 第N層 names the target (its label too when it
    is no chapter) and links to the target's row."""
    d = g.edges[source, target]
    t = g.nodes[target]
    layer = d.get("layer") or node_layer(t)
    place = layer_label(layer) + ("" if t.get("kind") == PAGE else " " + _one_line(t.get("label") or target, 120))
    concept = escape(_one_line(g.nodes[source].get("label") or source, 120))
    return (f'<li class="cm-rel"><span>{escape(EDGE_WORDS[RELATION])}</span> {concept} — '
            f'{escape(_one_line(d.get("label") or "", 200))}（<a href="#{row_id[target]}">{escape(place)}</a>）</li>')


def _link_list(items: list[tuple[str, str]], row_id: dict[str, str], g: nx.DiGraph,
               here: str = "", out: bool = True) -> str:
    """Links grouped by edge kind: one <li> per kind (its words in the first <span>), the linked
    rows separated by 「、」; a relation table's cell as a sentence in its concept's row, one <li>
    each, and as a link to that row in the other (`here`: this row's node, `out`: the items are
    its successors). The kind's words and the lists' styles come from the table's stylesheet
    (.cm-table ul, li > span:first-child), not from a class repeated on each of ~1,200 items."""
    if not items:
        return "—"
    by_kind: dict[str, list[str]] = {}
    sentences = []
    for kind, other in items:
        if kind == RELATION and here and out:
            sentences.append(_relation_sentence(g, here, other, row_id))
            continue
        label = escape(_one_line(g.nodes[other].get("label") or other, 120))
        pair = (here, other) if out else (other, here)
        faces = faces_of(g.edges[pair], kind) if here and g.has_edge(*pair) else ""  # 2A/2B
        face_text = "（" + face_names(faces) + "）" if faces else ""
        by_kind.setdefault(kind, []).append(f'<a href="#{row_id[other]}">{label}</a>{face_text}')
    lis = [f'<li><span>{escape(EDGE_WORDS.get(kind, kind))}</span> '
           + "、".join(links) + "</li>" for kind, links in by_kind.items()]
    return "<ul>" + "".join(sentences + lis) + "</ul>"


ROW_PREFIX = "n"  # the text version's row ids: n0, n1, … (the tables' reading order)


def row_ids(g: nx.DiGraph, order: list[str] | None = None) -> dict[str, str]:
    """Node → the id of its row in the text version (fallback_html)."""
    return {n: f"{ROW_PREFIX}{i}" for i, n in enumerate(order or _ordered_nodes(g))}


def fallback_html(g: nx.DiGraph, base: str) -> str:
    """The graph as tables, one per layer: node, kind, layer, links in and out (escaped HTML).

    base is the relative path from the page to the site root ("../" for the map page).
    Link targets inside the tables are the rows (#n<i>), so the graph can be walked with
    the keyboard; each node's name links to its page or section. A row carries no node id (the
    payload has them; `row_ids` gives a graph's rows): the text version is a third of the page.
    """
    order = _ordered_nodes(g)
    row_id = row_ids(g, order)
    position = {n: i for i, n in enumerate(order)}

    def edge_key(edge: tuple[str, str]) -> tuple[int, int]:
        kind, other = edge
        return (EDGE_ORDER.index(kind) if kind in EDGE_ORDER else 9, position[other])

    parts = ['<div class="cm-fallback">']
    current: int | None = None
    head = ('<div class="cm-table-wrap"><table class="cm-table"><thead><tr>'
            '<th scope="col">ノード</th><th scope="col">種類</th><th scope="col">層</th>'
            '<th scope="col">入るリンク</th><th scope="col">出るリンク</th></tr></thead><tbody>')
    for n in order:
        d = g.nodes[n]
        layer = node_layer(d)
        if layer != current:
            if current is not None:
                parts.append("</tbody></table></div>")
            title = layer_title(layer) if layer else NO_LAYER.name
            parts.append(f'<h3 id="cm-layer-{layer}">{escape(title)}</h3>{head}')
            current = layer
        label = escape(_one_line(d.get("label") or n, 120))
        url = str(d.get("url") or "")
        name = f'<a href="{_href(base, url)}">{label}</a>' if url else label
        # a layer-2 edge with 2A ✅ + 2B 🔧 is listed under both kinds (graph/build.py edge_kinds)
        ins = [(k, p) for p in g.predecessors(n) for k, _ in edge_kinds(g.edges[p, n])]
        outs = [(k, s) for s in g.successors(n) for k, _ in edge_kinds(g.edges[n, s])]
        ins.sort(key=edge_key)
        outs.sort(key=edge_key)
        parts.append(
            f'<tr id="{row_id[n]}">'
            f'<th scope="row">{name}</th><td>{escape(KIND_NAMES[node_kind(d)])}</td>'
            f'<td>{faces_text(d) or layer or "—"}</td><td>{_link_list(ins, row_id, g, n, out=False)}</td>'
            f"<td>{_link_list(outs, row_id, g, n)}</td></tr>"
        )
    if current is not None:
        parts.append("</tbody></table></div>")
    parts.append("</div>")
    return "".join(parts)


def local_graph(g: nx.DiGraph, page_src: str, index: MapIndex | None = None) -> nx.DiGraph:
    """A chapter's local map: which of its concepts meets which, one node per other chapter.

    In the middle: the chapter's band node and its own concepts (those its sections explain).
    Around them, grouped by layer: the other layers' band nodes where those concepts are used
    (🔧, define/use edges) and the concepts of other chapters they meet. A cross-layer link
    between two sections becomes a link between the concepts the sections explain; a section
    that explains none stands in as its chapter's band node, so other chapters appear as their
    band nodes, never as single sections, and the chapter's own band node only links where no
    concept of it does. Nodes keep their ids (a merged chapter page is its layer node); g is not
    changed.
    """
    page = page_id(page_src)
    if page not in g:
        return nx.DiGraph()
    shown, merged = (index.shown, index.merged) if index else display_graph(g)
    band = merged.get(page, page)
    own_sections = {n for n, d in g.succ[page].items()
                    if d.get("kind") == CONTAINS and g.nodes[n].get("src") == page_src}
    own_concepts = {c for s in own_sections for c in _explained(g, s)}
    sub = nx.DiGraph()
    sub.add_node(band, **shown.nodes[band])
    for c in sorted(own_concepts):
        sub.add_node(c, **shown.nodes[c])
        for _, target, d in shown.out_edges(c, data=True):
            if shown.nodes[target].get("kind") == LAYER and (d.get("kind") in RELATIONS or d.get("label")
                                                             or d.get(RELATION_ALSO)):
                sub.add_node(target, **shown.nodes[target])
                sub.add_edge(c, target, **d)
    ends = index.ends if index else {}

    def end(node: str) -> list[str]:
        if node not in ends:
            ends[node] = _ends(g, node, merged)
        return ends[node]

    for s in sorted(own_sections | {page}):
        for other, d in g.succ[s].items():  # g.out_edges(s, data=True)'s order, without its view
            if d.get("kind") == REFERENCE:
                _add_meeting(sub, shown, end(s), end(other), d)
        for other, d in g.pred[s].items():
            if d.get("kind") == REFERENCE:
                _add_meeting(sub, shown, end(other), end(s), d)
    return sub


def _explained(g: nx.DiGraph, node: str) -> list[str]:
    """The concepts a section (or page) explains, sorted."""
    return sorted(c for c, d in g.succ[node].items() if d.get("kind") == EXPLAINS)


def _ends(g: nx.DiGraph, node: str, merged: dict[str, str]) -> list[str]:
    """What stands for a section on a local map: the concepts it explains (the products of the
    早見表 only when it explains nothing else: a section on coding agents stands for the concept,
    not for every product listed under it), else its chapter's band node (a page: its own)."""
    concepts = _explained(g, node)
    if concepts:
        plain = [c for c in concepts if node_kind(g.nodes[c]) == CONCEPT]
        return plain or concepts[:1]
    if g.nodes[node].get("kind") == PAGE:
        return [merged.get(node, node)]
    parent = next((p for p, d in g.pred[node].items() if d.get("kind") == CONTAINS), node)
    return [merged.get(parent, parent)]


def _add_meeting(sub: nx.DiGraph, shown: nx.DiGraph, sources: list[str], targets: list[str],
                 data: dict) -> None:
    """An edge from each of sources to each of targets (a cross-layer link between two sections,
    as the concepts or bands that stand for them), unless both ends are the same node."""
    for u in sources:
        for v in targets:
            if u == v or u not in shown or v not in shown or sub.has_edge(u, v):
                continue
            for n in (u, v):
                if n not in sub:
                    sub.add_node(n, **shown.nodes[n])
            sub.add_edge(u, v, **data)


def local_links(sub: nx.DiGraph, page_src: str, g: nx.DiGraph,
                index: MapIndex | None = None) -> list[tuple[str, list[str]]]:
    """The local map in words (its text alternative): per node of the chapter (its concepts, then
    its band node), the nodes it is linked with, each 「name（第N層）」, in reading order."""
    band = band_id(g, page_src, index)
    order = _ordered_nodes(sub)  # once: every node's list below is in this order
    middle = [n for n in order if n != band and node_layer(sub.nodes[n]) == node_layer(sub.nodes[band])
              and sub.nodes[n].get("kind") == CONCEPT]
    out = []
    for n in [*middle, band]:
        if n not in sub:
            continue
        # the chapter's own band node is implied for its concepts (they are defined there)
        others = [m for m in order if m != n and (sub.has_edge(n, m) or sub.has_edge(m, n))
                  and not (n == band and m in middle) and not (m == band and n in middle)]
        if others:
            out.append((_one_line(sub.nodes[n].get("label") or n, 120),
                        [_local_name(sub, m) for m in others]))
    return out


def _local_name(sub: nx.DiGraph, n: str) -> str:
    d = sub.nodes[n]
    label = _one_line(d.get("label") or n, 120)
    layer = node_layer(d)
    return label if d.get("kind") == LAYER or not layer else f"{label}（{layer_label(layer)}）"


def local_payload(g: nx.DiGraph, page_src: str, index: MapIndex | None = None,
                  sub: nx.DiGraph | None = None) -> dict:
    """The payload of a chapter's local map (see map_payload): laid out in the widest of
    LOCAL_COLUMNS a band can fill, and in "fits" in each narrower count, widest first."""
    index = index or MapIndex.of(g)
    sub = local_graph(g, page_src, index) if sub is None else sub
    per_band = Counter(node_layer(d) for _, d in sub.nodes(data=True) if d.get("kind") != LAYER)
    widest = max(per_band.values(), default=0)
    columns = [c for c in LOCAL_COLUMNS if c <= widest] or [LOCAL_COLUMNS[0]]
    order = band_order(sub)  # once: it does not depend on the column count
    layouts = {c: band_layout(sub, columns=c, label_above=True, order=order) for c in columns}
    payload = map_payload(sub, layouts[columns[-1]], tall=False)
    order = [node["id"] for node in payload["nodes"]]
    payload["fits"] = [dict(_layout_json(layouts[c], order), cols=c) for c in reversed(columns[:-1])]
    payload["merged"] = {page_id(page_src): band_id(g, page_src, index)}
    return payload


def band_id(g: nx.DiGraph, page_src: str, index: MapIndex | None = None) -> str:
    """The map's node for a chapter: its layer's band node when merged, else its page node."""
    page = page_id(page_src)
    return (index.merged if index else chapter_pages(g)).get(page, page)


def _preload(base: str) -> str:
    """Start fetching vis-network early; the page script loads it from the same URL when the
    map comes into play (a chapter's local map: the chapter's text comes first)."""
    return f'<link rel="preload" as="script" href="{_href(base, VIS_ASSET)}">'


def _vis_script(base: str) -> str:
    """vis-network as a parser-blocking script right before the map's data (the map page, where
    the map is the content): the map is built and drawn before the parser goes on to the text
    version and Material's bundle, instead of after them (~20 % sooner in scripts/bench_map.py).
    The preload scanner still fetches it as early as a <link rel="preload">."""
    return f'<script fetchpriority="high" src="{_href(base, VIS_ASSET)}"></script>'


def _local_block(g: nx.DiGraph, page_src: str, base: str, env: jinja2.Environment | None,
                 index: MapIndex | None = None) -> str:
    index = index or MapIndex.of(g)
    sub = local_graph(g, page_src, index)
    payload = local_payload(g, page_src, index, sub)
    if len(payload["nodes"]) < 2:
        return ""
    focus = quote(band_id(g, page_src, index), safe="")
    return render_fragment(
        LOCAL_TEMPLATE, env, base=base, map_href=f"{base}{OUTPUTS.map_url}?focus={focus}",
        heading_id=LOCAL_MAP_ID, title=LOCAL_MAP_TITLE,
        nodes=len(payload["nodes"]), use_badge=Markup(badge_html(USE)),
        links=local_links(sub, page_src, g, index),
        data=Markup(_preload(base) + json_island(payload) + RENDER_NOW),
    )


def first_section_anchor(g: nx.DiGraph, page_src: str) -> str:
    """The anchor of the chapter's first section in the graph ("" when it has none)."""
    page = page_id(page_src)
    if page not in g:
        return ""
    sections = [n for n in g.successors(page) if g.nodes[n].get("kind") == SECTION]
    if not sections:
        return ""
    first = min(sections, key=lambda n: (g.nodes[n].get("line") or 0, n))
    return str(g.nodes[first].get("url", "")).partition("#")[2]


def _insert_before_heading(content: str, anchor: str, block: str) -> str:
    """block right before the <h2> whose id is anchor (at the end when there is none)."""
    if anchor:
        m = re.search(r'<h2[^>]*\sid="' + re.escape(anchor) + '"', content)
        if m:
            return content[: m.start()] + block + content[m.start():]
    return content + block


def edge_filter_html() -> str:
    """The map's 表示するつながり: one check box per edge kind of the vocabulary (in its order,
    checked when shown by default), named by its mark's badge or its label, with its line sample
    (.cm-line--<kind>); concept-map/controls.js and the URL's edges= read data-cm-edge."""
    return "".join(
        f'<label><input type="checkbox" data-cm-edge="{escape(k)}"{" checked" if e.style.default else ""}>'
        f'<span class="cm-line cm-line--{escape(k)}"></span>'
        f"{badge_html(e.mark) if e.mark else escape(e.label)}</label>"
        for k, e in EDGES.items())


def map_page_html(content: str, g: nx.DiGraph, base: str) -> str:
    """The map page's HTML: the JSON island, the edge kinds' check boxes and the no-JS tables
    replace their markers."""
    data = _vis_script(base) + json_island(map_payload(g)) + RENDER_NOW
    content = content.replace(DATA_MARKER, data, 1).replace(EDGE_FILTER_MARKER, edge_filter_html(), 1)
    return content.replace(FALLBACK_MARKER, replace_marks(fallback_html(g, base)), 1)  # marks in labels


def local_block(g: nx.DiGraph, page_src: str, base: str, env: jinja2.Environment | None = None,
                index: MapIndex | None = None) -> tuple[str, str]:
    """(the id of the <h2> it goes before, "" for the end; the block) of a layer chapter's local
    map, from the template fragments/concept-map/local-map.html; ("", "") for other pages."""
    node = g.nodes.get(page_id(page_src)) if page_id(page_src) in g else None
    if not node or node.get("kind") != PAGE:
        return "", ""
    block = _local_block(g, page_src, base, env, index)
    # no Markdown text outside its JSON island (an inert <template>): no marks to replace
    return (first_section_anchor(g, page_src), block) if block else ("", "")


def page_html(content: str, g: nx.DiGraph, page_src: str, base: str,
              env: jinja2.Environment | None = None, index: MapIndex | None = None) -> str:
    """The page's HTML with the map's data filled in: on the map page, the JSON island and the
    no-JS tables replace their markers; a layer chapter gets its local map right before its
    first section (after its 目次)."""
    if page_src == MAP_PAGE:
        return map_page_html(content, g, base)
    anchor, block = local_block(g, page_src, base, env, index)
    return _insert_before_heading(content, anchor, block) if block else content

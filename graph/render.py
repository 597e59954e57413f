"""Render the knowledge graph for the site: vis-network payload, no-JS fallback, local maps.

The graph goes networkx → pyvis `Network` (nodes, edges, options) → a compact JSON payload
that our own page script (docs/assets/javascripts/concept-map.js) feeds to a self-hosted
vis-network. Labels and summaries come from contributors' Markdown: the payload carries them
as plain text (the script only ever assigns them with textContent), and every HTML string
built here escapes them.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyvis
from pyvis.network import Network

from .labels import wrap_label
from .layers import LAYERS
from .layout import TALL_ASPECT, Layout, band_layout, node_layer
from .schema import (
    CONCEPT,
    CONTAINS,
    DEFINE,
    DISPLAY_KINDS,
    EXPLAINS,
    LAYER,
    PAGE,
    PRODUCT,
    REFERENCE,
    SECTION,
    TABLE_PRODUCTS,
    USE,
    page_id,
)

MAP_PAGE = "concept-map.md"
VIS_VERSION = "9.1.2"
VIS_ASSET = f"assets/vendor/vis-network/{VIS_VERSION}/vis-network.min.js"
MAP_SCRIPT = "assets/javascripts/concept-map.js"  # loaded on every page by overrides/main.html
# Render as soon as the data is parsed, if the (async) map script is already there; otherwise
# the script renders when it arrives. Inline and tiny, so instant navigation can re-run it.
RENDER_NOW = "<script>window.__conceptMapScript&&window.__conceptMapScript.init()</script>"
DATA_MARKER = "<!-- cm:map-data -->"
FALLBACK_MARKER = "<!-- cm:fallback -->"

KIND_NAMES = {LAYER: "層", PAGE: "章", SECTION: "節", CONCEPT: "概念", PRODUCT: "製品"}
EDGE_NAMES = {
    DEFINE: "✅ 定義",
    USE: "🔧 利用",
    REFERENCE: "層をまたぐ参照",
    EXPLAINS: "解説",
    CONTAINS: "構成",
}
EDGE_ORDER = tuple(EDGE_NAMES)
DEFAULT_EDGES = (DEFINE, USE, REFERENCE, EXPLAINS)  # CONTAINS is implied by the bands
LARGE_GRAPH = 800  # above this many nodes, edges are hidden while dragging/zooming
# Width of a label line, in em of the node's font (font sizes: groups() in concept-map.js).
# The labels arrive broken into lines (graph/labels.py), and no widthConstraint is set: with
# one, vis-network measures the label word by word to look for breaks of its own.
LABEL_EM = {LAYER: 13, PAGE: 12}
DEFAULT_LABEL_EM = 11


# V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): compile every function
# of the file eagerly, on the background thread that streams the download, instead of lazily on
# the main thread the first time each is called. Cuts the cold construction of a map by ~25 %.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def vis_source() -> Path:
    """vis-network as pyvis ships it (the pinned pyvis decides the version)."""
    return Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"


def asset_files() -> dict[str, bytes]:
    """Static files the site must serve: site-relative destination → content.

    vis-network is pyvis's file byte for byte, after a one-line compile-hint comment.
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
    if node_layer(data) != 2 or not faces:
        return ""
    return "・".join(f"2{f}" for f in faces if f in "AB")


def _one_line(text: object, limit: int = 160) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


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


def to_pyvis(g: nx.DiGraph, layout: Layout | None = None) -> Network:
    """A pyvis Network of g with fixed band positions (no physics) and plain-text fields."""
    layout = layout or band_layout(g)
    net = Network(directed=True, cdn_resources="remote")
    for n in sorted(g.nodes, key=str):
        d = g.nodes[n]
        kind = node_kind(d)
        x, y = layout.positions[n]
        label = _one_line(d.get("label") or n, 120)
        wrapped = wrap_label(label, LABEL_EM.get(kind, DEFAULT_LABEL_EM))
        net.add_node(
            str(n), label=label, wrap=wrapped if wrapped != label else "", shape="box",
            group=f"{kind}-{node_layer(d)}", x=x, y=y, physics=False,
            kind=kind, layer=node_layer(d), url=str(d.get("url") or ""),
            summary=_one_line(d.get("summary")), faces=faces_text(d),
        )
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        net.add_edge(str(u), str(v), kind=str(d.get("kind", "")))
    net.options = vis_options(g.number_of_nodes())
    return net


def map_payload(g: nx.DiGraph) -> dict:
    """JSON-serialisable data of the map: nodes, edges, bands, options (all text plain).

    The script derives each node's vis group ("<kind>-<layer>") and tooltip (label, layer,
    summary) from these fields, so neither is repeated in the payload. "wrap" is the label
    broken into lines for the canvas (graph/labels.py), sent only when it has a break. Edges are
    [from index, to index, kind] triples (indexes into "nodes") to keep the page small.
    "tall" holds the positions for a canvas taller than wide (phones); "vis" is the
    site-relative path of vis-network.
    """
    layout = band_layout(g)
    net = to_pyvis(g, layout)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    keep_node = ("id", "label", "wrap", "kind", "layer", "x", "y", "url", "summary", "faces")
    index = {node["id"]: i for i, node in enumerate(nodes)}
    return {
        "version": 1,
        "nodes": [{k: node[k] for k in keep_node if node.get(k) not in (None, "")}
                  for node in nodes],
        "edges": [[index[e["from"]], index[e["to"]], e["kind"]] for e in edges],
        "bands": [{"layer": b.layer, "top": b.top, "bottom": b.bottom} for b in layout.bands],
        "extent": {"left": layout.left, "right": layout.right},
        "layers": {str(n): layer.name for n, layer in LAYERS.items()},
        "kindNames": KIND_NAMES,
        "edgeKinds": {k: EDGE_NAMES[k] for k in EDGE_ORDER},
        "defaultEdges": list(DEFAULT_EDGES),
        "options": json.loads(options),
        "tall": _tall_layout(g, [node["id"] for node in nodes]),
        "vis": VIS_ASSET,
    }


def _tall_layout(g: nx.DiGraph, order: list[str]) -> dict:
    """The same bands for an upright phone screen: [x, y] per node (payload order)."""
    layout = band_layout(g, aspect=TALL_ASPECT)
    return {
        "pos": [list(layout.positions[n]) for n in order],
        "bands": [{"layer": b.layer, "top": b.top, "bottom": b.bottom} for b in layout.bands],
        "extent": {"left": layout.left, "right": layout.right},
    }


def json_island(payload: dict, css_class: str = "cm-map-data") -> str:
    """The payload as JSON text in an inert <template> ("<", ">" and "&" are \\u-escaped, so
    the text has no markup). Not a <script type="application/json">: Material's instant
    navigation re-creates every script of the new page without its type and runs it."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<template class="{css_class}">{text}</template>'


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


def _link_list(items: list[tuple[str, str]], row_id: dict[str, str], g: nx.DiGraph) -> str:
    """Links grouped by edge kind: one <li> per kind, the linked rows separated by 「、」."""
    if not items:
        return "—"
    by_kind: dict[str, list[str]] = {}
    for kind, other in items:
        label = escape(_one_line(g.nodes[other].get("label") or other, 120))
        by_kind.setdefault(kind, []).append(f'<a href="#{row_id[other]}">{label}</a>')
    lis = [f'<li><span class="cm-kind">{escape(EDGE_NAMES.get(kind, kind))}</span> '
           + "、".join(links) + "</li>" for kind, links in by_kind.items()]
    return '<ul class="cm-links">' + "".join(lis) + "</ul>"


def fallback_html(g: nx.DiGraph, base: str) -> str:
    """The graph as tables, one per layer: node, kind, layer, links in and out (escaped HTML).

    base is the relative path from the page to the site root ("../" for concept-map/).
    Link targets inside the tables are the rows (#cm-n-<i>), so the graph can be walked with
    the keyboard; each node's name links to its page or section.
    """
    order = _ordered_nodes(g)
    row_id = {n: f"cm-n-{i}" for i, n in enumerate(order)}
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
            title = f"第{layer}層 {LAYERS[layer].name}" if layer else "層なし"
            parts.append(f'<h3 id="cm-layer-{layer}">{escape(title)}</h3>{head}')
            current = layer
        label = escape(_one_line(d.get("label") or n, 120))
        url = str(d.get("url") or "")
        name = f'<a href="{_href(base, url)}">{label}</a>' if url else label
        ins = [(str(g.edges[p, n].get("kind", "")), p) for p in g.predecessors(n)]
        outs = [(str(g.edges[n, s].get("kind", "")), s) for s in g.successors(n)]
        ins.sort(key=edge_key)
        outs.sort(key=edge_key)
        parts.append(
            f'<tr id="{row_id[n]}" data-id="{escape(str(n), quote=True)}">'
            f'<th scope="row">{name}</th><td>{escape(KIND_NAMES[node_kind(d)])}</td>'
            f'<td>{faces_text(d) or layer or "—"}</td><td>{_link_list(ins, row_id, g)}</td>'
            f"<td>{_link_list(outs, row_id, g)}</td></tr>"
        )
    if current is not None:
        parts.append("</tbody></table></div>")
    parts.append("</div>")
    return "".join(parts)


def local_graph(g: nx.DiGraph, page_src: str) -> nx.DiGraph:
    """The neighbourhood of a chapter: its page, its concepts (with the sections explaining
    them), its sections that link across layers, and the other layers' pages/sections it
    links to or is linked from."""
    page = page_id(page_src)
    if page not in g:
        return nx.DiGraph()
    own = {page} | {n for n in g.successors(page)  # its sections (contains edges), not a scan of g
                    if g.edges[page, n].get("kind") == CONTAINS and g.nodes[n].get("src") == page_src}
    keep = {page}
    for n in own:
        for _, c, d in g.out_edges(n, data=True):
            if d.get("kind") in (EXPLAINS, REFERENCE):
                keep.update((n, c))
        for p, _, d in g.in_edges(n, data=True):
            if d.get("kind") == REFERENCE:
                keep.update((n, p))
    return g.subgraph(keep).copy()


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


def _local_block(g: nx.DiGraph, page_src: str, base: str) -> str:
    sub = local_graph(g, page_src)
    if sub.number_of_nodes() < 2:
        return ""
    focus = quote(page_id(page_src), safe="")
    return (
        '<section class="cm-local" aria-labelledby="cm-local-title">'
        '<h2 id="cm-local-title">この章の周辺マップ</h2>'
        "<p>この章で解説する概念と、この章からリンクしている／この章へリンクしている他の層の"
        "ページです。ノードをクリックすると、その節へ移動します。"
        f'<a href="{_href(base, "concept-map/")}?focus={focus}">全体の概念マップで見る</a></p>'
        f'<div class="cm-map cm-map--local" data-cm-map="local" data-cm-base="{escape(base)}">'
        '<div class="cm-map__canvas" role="img" aria-label="この章の周辺の概念マップ（図）"></div>'
        f"{_preload(base)}{json_island(map_payload(sub))}{RENDER_NOW}</div></section>"
    )


def page_html(content: str, g: nx.DiGraph, page_src: str, base: str) -> str:
    """The page's HTML with the map's data filled in: on the map page, the JSON island and the
    no-JS tables replace their markers; a layer chapter gets its local map appended."""
    if page_src == MAP_PAGE:
        data = _vis_script(base) + json_island(map_payload(g)) + RENDER_NOW
        content = content.replace(DATA_MARKER, data, 1)
        return content.replace(FALLBACK_MARKER, fallback_html(g, base), 1)
    node = g.nodes.get(page_id(page_src)) if page_id(page_src) in g else None
    if node and node.get("kind") == PAGE:
        return content + _local_block(g, page_src, base)
    return content

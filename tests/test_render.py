"""Pure tests of graph/layout.py and graph/render.py (no MkDocs, no browser)."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from conftest import ROOT
from graph.build import edge_kinds
from graph.stats import site_graph_from_folder
from graph.synthetic import synthetic_graph
from graph.vocabulary import VIS_VERSION
from views import render
from views.labels import wrap_label
from views.layout import LAYER_ORDER, band_layout, node_layer

EVIL = '<img src=x onerror="window.__xss=1">&amp;</script><!--'


def tiny_graph() -> nx.DiGraph:
    """Two chapters, a concept, a cross-layer reference, and a hub-free layout."""
    g = nx.DiGraph()
    for n in (1, 2, 3):
        g.add_node(f"layer:{n}", kind="layer", label=f"第{n}層", layer=n)
    g.add_node("page:a.md", kind="page", label="A", layer=1, src="a.md", url="a/", summary="a")
    g.add_node("section:a.md#x", kind="section", label=EVIL, layer=1, src="a.md", url="a/#x",
               summary="s", line=5)
    g.add_node("page:b.md", kind="page", label="B", layer=2, src="b.md", url="b/", summary="")
    g.add_node("section:b.md#y", kind="section", label="Y", layer=2, src="b.md", url="b/#y",
               summary="", line=3)
    g.add_node("page:c.md", kind="page", label="C", layer=3, src="c.md", url="c/", summary="")
    g.add_node("concept:x", kind="concept", label="X（エックス）", layer=1, faces="",
               src="a.md", url="a/#x", summary="備考", category="c", table="concepts", line=1)
    g.add_node("concept:p", kind="concept", label="P", layer=2, faces="AB", src="b.md",
               url="b/#y", summary="", category="c", table="products", line=2)
    g.add_edges_from([("layer:1", "page:a.md"), ("layer:2", "page:b.md"), ("layer:3", "page:c.md"),
                      ("page:a.md", "section:a.md#x"), ("page:b.md", "section:b.md#y")],
                     kind="contains")
    g.add_edge("section:a.md#x", "concept:x", kind="explains")
    g.add_edge("section:b.md#y", "concept:p", kind="explains")
    g.add_edge("concept:x", "layer:1", kind="define", face="")
    g.add_edge("concept:x", "layer:3", kind="use", face="")
    g.add_edge("concept:p", "layer:2", kind="define", face="A")
    g.add_edge("section:b.md#y", "section:a.md#x", kind="reference", src="b.md", line=4)
    return g


GRAPHS = {
    "tiny": tiny_graph,
    "synthetic-60": lambda: synthetic_graph(60, seed=1),
    "synthetic-500": lambda: synthetic_graph(500, seed=2),
}


# ---------- layout ----------

@pytest.mark.parametrize("name", GRAPHS)
def test_bands_are_stacked_with_layer_5_on_top(name: str) -> None:
    g = GRAPHS[name]()
    layout = band_layout(g)
    order = [b.layer for b in layout.bands]
    assert order == [n for n in LAYER_ORDER if any(node_layer(d) == n for _, d in g.nodes(data=True))]
    for upper, lower in zip(layout.bands, layout.bands[1:], strict=False):
        assert upper.bottom < lower.top  # vis y grows downwards: upper band has smaller y
    band = {b.layer: b for b in layout.bands}
    for n, d in g.nodes(data=True):
        x, y = layout.positions[n]
        b = band[node_layer(d)]
        assert b.top <= y <= b.bottom, (n, y, b)
        assert layout.left <= x <= layout.right


@pytest.mark.parametrize("name", GRAPHS)
def test_layout_is_deterministic_and_collision_free(name: str) -> None:
    g = GRAPHS[name]()
    shuffled = nx.DiGraph()
    nodes = list(g.nodes(data=True))
    random.Random(7).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(g.edges(data=True))
    first, second = band_layout(g), band_layout(shuffled)
    assert first.positions == second.positions
    assert len(set(first.positions.values())) == g.number_of_nodes()


@pytest.mark.parametrize(("data", "expected"), [
    ({"layer": 3}, 3), ({"layer": "2"}, 2), ({"layer": 0}, 0), ({"layer": 6}, 0),
    ({}, 0), ({"layer": None}, 0), ({"layer": True}, 0), ({"layer": "x"}, 0),
])
def test_node_layer(data: dict, expected: int) -> None:
    assert node_layer(data) == expected


@pytest.mark.parametrize(("data", "expected"), [
    ({"layer": 2, "faces": "AB"}, "2A・2B"), ({"layer": 2, "faces": "B"}, "2B"),
    ({"layer": 2, "faces": ""}, ""), ({"layer": 1, "faces": "A"}, ""),
])
def test_faces_text(data: dict, expected: str) -> None:
    assert render.faces_text(data) == expected


@pytest.mark.parametrize(("data", "expected"), [
    ({"kind": "concept", "table": "products"}, "product"), ({"kind": "concept"}, "concept"),
    ({"kind": "section"}, "section"), ({"kind": "page"}, "page"), ({"kind": "layer"}, "layer"),
])
def test_node_kind(data: dict, expected: str) -> None:
    assert render.node_kind(data) == expected


# ---------- payload ----------

@pytest.mark.parametrize("name", GRAPHS)
def test_payload_has_every_node_and_edge_as_plain_text(name: str) -> None:
    """Every node of g is in the payload, except chapter pages merged into their layer's band
    node (#16: one node per band); every edge is there, its page end moved to the band node."""
    g = GRAPHS[name]()
    payload = json.loads(json.dumps(render.map_payload(g), ensure_ascii=False))
    nodes = payload["nodes"]
    merged = payload["merged"]
    assert merged and all(g.nodes[p]["kind"] == "page" and g.nodes[b]["kind"] == "layer"
                          for p, b in merged.items())
    assert [n["id"] for n in nodes] == sorted(str(n) for n in g.nodes if n not in merged)
    edges = {(nodes[i]["id"], nodes[j]["id"], render.edge_kind(kind)) for i, j, kind, *_ in payload["edges"]}
    assert all(isinstance(e[2], int) for e in payload["edges"])  # indexes into vocab.edges
    # a layer-2 edge of 2A ✅ + 2B 🔧 is sent once per kind (graph/build.py edge_kinds)
    expected = {(merged.get(u, u), merged.get(v, v), k) for u, v, d in g.edges(data=True)
                for k, _faces in edge_kinds(d) if merged.get(u, u) != merged.get(v, v)}
    assert edges == expected
    shown, _ = render.display_graph(g)
    layout = band_layout(shown)
    for n in nodes:
        d = g.nodes[n["id"]]
        assert n["label"] == " ".join(str(d["label"]).split())  # not escaped, not truncated
        assert (n["x"], n["y"]) == layout.positions[n["id"]]
        assert n["layer"] == node_layer(d)
    for page, band in merged.items():  # the band node opens the chapter
        band_node = next(n for n in nodes if n["id"] == band)
        assert band_node["url"] == g.nodes[page]["url"]
    assert payload["options"]["physics"] == {"enabled": False}
    assert payload["vocab"]["edges"]["define"]["default"] is False  # implied by the band colour
    assert [b["layer"] for b in payload["bands"]] == [b.layer for b in layout.bands]


def _vocabulary_values() -> set[str]:
    """The strings graph/vocabulary.py declares that a payload could repeat: kind keys and names,
    layer names, id prefixes, colours (hex), output paths."""
    from graph import vocabulary as v
    values = {*v.EDGES, *v.MARKS, *v.NODE_KINDS_DECL, *v.FRESHNESS}
    values |= {layer.name for layer in (*v.LAYERS.values(), v.NO_LAYER)}
    values |= {k.name for k in v.NODE_KINDS_DECL.values()} | {k.prefix for k in v.NODE_KINDS_DECL.values()}
    values |= {e.label for e in v.EDGES.values()}
    values |= {c for x in (*v.LAYERS.values(), v.NO_LAYER, *v.MARKS.values(), *v.FRESHNESS.values())
               for c in (x.colour.light, x.colour.dark)}
    values |= {c for e in v.EDGES.values() for c in (e.style.colour.light, e.style.colour.dark) if c != "layer"}
    values |= set(dataclasses.asdict(v.OUTPUTS).values())
    return values


def _repeats(obj, values: set[str], where: str = "") -> list[str]:
    """Where in obj (outside its "vocab" and the graph's own nodes and edges) a vocabulary value
    appears as a top-level field's name or as a string value at any depth."""
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if where == "" and key in ("vocab", "nodes", "edges"):
                continue
            if where == "" and key in values:
                found.append(f"{where}/{key} (key)")
            found += _repeats(value, values, f"{where}/{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _repeats(value, values, f"{where}[{i}]")
    elif isinstance(obj, str) and obj in values:
        found.append(f"{where} = {obj!r}")
    return found


def test_payload_repeats_nothing_the_vocabulary_holds() -> None:
    """Kinds, layer names, colours, prefixes and paths reach the script in `vocab` only."""
    from graph.vocabulary import to_payload
    payload = json.loads(json.dumps(render.map_payload(tiny_graph()), ensure_ascii=False))
    assert payload["vocab"] == json.loads(json.dumps(to_payload(), ensure_ascii=False))
    values = _vocabulary_values()
    assert _repeats(payload, values) == []
    # the walk finds a repeated field (so an empty result means something)
    seeded = {**payload, "colours": {"1": "#1565c0"}, "kinds": {"layer": "layer"}, "vis": render.VIS_ASSET,
              "defaultEdges": ["use"]}
    assert len(_repeats(seeded, values)) >= 4


@pytest.mark.parametrize(("label", "short"), [
    ("LoRA（低ランク適応）", "LoRA"),
    ("ファインチューニング（Fine-tuning）", "ファイン\nチューニング"),
    ("1-3. ストリーミング", "ストリーミング"),  # one word, a little wide: whole
    ("OpenTelemetry GenAIセマンティック規約", None),
])
def test_short_labels_fit_their_lines(label: str, short: str | None) -> None:
    from views.labels import OVERFLOW, text_em
    got = render.short_label(label)
    lines = got.split("\n")
    assert len(lines) <= render.SHORT_LINES
    assert all(text_em(line) <= render.SHORT_EM * OVERFLOW for line in lines)
    if short is not None:
        assert got == short
    else:
        assert got.endswith("…")


def test_payload_keeps_hostile_labels_as_text_and_the_island_is_inert() -> None:
    g = tiny_graph()
    payload = render.map_payload(g)
    assert any(n["label"] == EVIL for n in payload["nodes"])
    island = render.json_island(payload)
    inner = island[island.index(">") + 1: island.rindex("</template>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    sent = json.loads(inner)
    # the nodes go as columns (node_columns); every node comes back whole, nothing else changes
    rows = [{k: v for k, col in sent["nodes"].items()
             if (v := col.get(str(i)) if isinstance(col, dict) else col[i]) is not None}
            for i in range(len(sent["nodes"]["id"]))]
    assert rows == json.loads(json.dumps(payload["nodes"]))
    assert {**sent, "nodes": rows} == json.loads(json.dumps(payload))


def test_node_columns_write_each_field_name_once() -> None:
    nodes = [{"id": "a", "x": 0, "as": 0}, {"id": "b", "summary": "s"}, {"id": "c", "x": 1}]
    # a field few nodes have goes as {index: value} (shorter than its nulls)
    assert render.node_columns(nodes) == {"id": ["a", "b", "c"], "x": [0, None, 1],
                                          "as": {"0": 0}, "summary": {"1": "s"}}
    island = render.json_island({"nodes": render.map_payload(tiny_graph())["nodes"]})
    assert island.count('"label":') == 1 and island.count('"id":') == 1


@pytest.mark.parametrize("values", [
    [None, 1], [1, None], [None, None, "x"], [0, None, 1], [None] * 9 + ["a"], [None] * 10 + ["a"],
    [None] * 99 + [1, None], ["a", None, "bb", None, None], [None, [1, 2], None, {"k": "v"}],
])
def test_sparse_or_dense_is_decided_as_serialising_both_would(values: list) -> None:
    """node_columns picks the shorter JSON of {"i": v} and [v, null, …] without writing both
    (the listed columns, and every pattern of gaps in up to 12 values, up to 3 index digits)."""
    patterns = [values, *([None] * pad + ["v" if bit == "1" else None for bit in f"{n:012b}"]
                           for pad in (0, 90) for n in range(1, 2 ** 12))]
    for column in patterns:
        sparse = {str(i): v for i, v in enumerate(column) if v is not None}
        shorter = len(render._json(sparse)) < len(render._json(column))
        assert render._sparse_shorter(len(column), sparse) == shorter, column


@pytest.mark.parametrize("keep", ["all", "vocab first", "vocab last", "vocab only", "no vocab"])
def test_the_island_spells_the_vocabulary_as_serialising_the_payload_would(keep: str) -> None:
    """The vocabulary's text is serialised once (_vocab_island) and spliced in between the members
    before and after it: the island's text is the whole payload's, escaped."""
    full = render.map_payload(tiny_graph())
    keys = [k for k in full if k != "vocab"]
    order = {"all": list(full), "vocab first": ["vocab", *keys], "vocab last": [*keys, "vocab"],
             "vocab only": ["vocab"], "no vocab": keys}[keep]
    payload = {k: full[k] for k in order}
    payload["nodes" if "nodes" in payload else "x"] = render.node_columns(full["nodes"])
    island = render.json_island(payload)
    expected = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))  # non-ASCII as \\u escapes
    inner = island[island.index(">") + 1: island.rindex("</template>")]
    assert json.loads(inner) == json.loads(expected)
    assert inner == render._inert(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


def test_the_island_writes_emoji_as_json_escapes() -> None:
    """The vocabulary's 🔧 📘 🔗 (and any emoji in a label) go as \\u pairs: the same JSON, and a
    page holding the island stays 2 bytes a character in CPython (sitedocs.html.ASTRAL)."""
    payload = {"vocab": render.to_payload(), "label": "絵文字😀を含む名前"}
    island = render.json_island(payload)
    assert max(map(ord, island)) <= 0xFFFF
    assert "\\ud83d\\ude00" in island
    assert json.loads(island[island.index(">") + 1: island.rindex("</template>")]) == json.loads(json.dumps(payload))


def test_island_css_class_and_type() -> None:
    island = render.json_island({"a": "</template></script>"})
    assert island.startswith('<template class="cm-map-data">')
    assert island.count("</template>") == 1 and "</script>" not in island


# ---------- no-JS fallback ----------

class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.row_anchors: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr" and "id" in a:
            self.ids.append(a["id"])
            self.row_anchors.add(a["id"])
        if tag == "a":
            self.links.append(a["href"])


@pytest.mark.parametrize("name", GRAPHS)
def test_fallback_lists_every_node_once_and_links_resolve(name: str) -> None:
    g = GRAPHS[name]()
    html = render.fallback_html(g, "../")
    parser = _Rows()
    parser.feed(html)
    assert sorted(parser.ids) == sorted(render.row_ids(g).values())  # one row per node
    internal = [h for h in parser.links if h.startswith("#")]
    assert {h[1:] for h in internal} <= parser.row_anchors
    # every edge kind appears twice: in the source's 出るリンク and the target's 入るリンク (a
    # relation's sentence in its concept's row, a link to that row in the other)
    assert len(internal) == 2 * sum(len(edge_kinds(d)) for *_, d in g.edges(data=True))
    pages = [h for h in parser.links if not h.startswith("#")]
    assert all(h.startswith("../") for h in pages)
    assert len(pages) == sum(1 for _, d in g.nodes(data=True) if d.get("url"))


def test_fallback_escapes_labels() -> None:
    html = render.fallback_html(tiny_graph(), "../")
    parser = _Rows()
    parser.feed(html)
    assert "img" not in parser.tags and "script" not in parser.tags
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;&amp;amp;&lt;/script&gt;" in html


# ---------- local maps ----------

@pytest.mark.parametrize(("page", "expected"), [
    # its band node (the merged page), its concepts, the layers they are used in, the concepts
    # of other layers they meet (a link between the sections explaining them)
    ("a.md", {"layer:1", "concept:x", "layer:3", "concept:p"}),
    ("b.md", {"layer:2", "concept:p", "concept:x"}),
    ("c.md", {"layer:3"}),
    ("missing.md", set()),
])
def test_local_graph(page: str, expected: set[str]) -> None:
    sub = render.local_graph(tiny_graph(), page)
    assert set(sub.nodes) == expected
    shown, _ = render.display_graph(tiny_graph())
    assert all(shown.has_edge(u, v) or sub.edges[u, v]["kind"] == "reference" for u, v in sub.edges)


def test_local_graph_links_concepts_and_other_chapters_as_bands() -> None:
    """Which concept meets which: the link b#y → a#x is P → X; a section that explains no
    concept stands in as its chapter's band node, never as itself."""
    g = tiny_graph()
    sub = render.local_graph(g, "a.md")
    assert sub.edges["concept:p", "concept:x"]["kind"] == "reference"
    assert not [n for n in sub if g.nodes[n]["kind"] in ("section", "page")]
    g.add_node("section:b.md#z", kind="section", label="Z", layer=2, src="b.md", url="b/#z", line=9)
    g.add_edge("page:b.md", "section:b.md#z", kind="contains")
    g.add_edge("section:a.md#x", "section:b.md#z", kind="reference", src="a.md", line=6)
    sub = render.local_graph(g, "a.md")
    assert sub.edges["concept:x", "layer:2"]["kind"] == "reference"  # b.md as its band
    assert "section:b.md#z" not in sub
    links = dict(render.local_links(sub, "a.md", g))
    assert links["X（エックス）"] == ["第3層", "第2層", "P（第2層）"]  # not its own 第1層


def test_real_local_maps_show_no_single_sections() -> None:
    real_graph = site_graph_from_folder(ROOT / "docs").graph
    index = render.MapIndex.of(real_graph)
    for src in sorted({d["src"] for _, d in real_graph.nodes(data=True) if d["kind"] == "page"}):
        sub = render.local_graph(real_graph, src, index)
        kinds = {real_graph.nodes[n]["kind"] if n in real_graph else "layer" for n in sub}
        assert kinds <= {"layer", "concept"}, src
        assert any(sub.nodes[u]["kind"] == sub.nodes[v]["kind"] == "concept"
                   and node_layer(sub.nodes[u]) != node_layer(sub.nodes[v]) for u, v in sub.edges), src
        assert render.local_links(sub, src, real_graph, index)


def test_real_local_maps_come_in_narrower_layouts_with_the_layer_above_each_band() -> None:
    """#24: a local map's payload holds its widest layout and, in "fits", each narrower column
    count (widest first) that the page script picks from for its canvas; every layer node stands
    above its band's grid, inside the extent, and no two nodes share a place."""
    real_graph = site_graph_from_folder(ROOT / "docs").graph
    index = render.MapIndex.of(real_graph)
    for src in sorted({d["src"] for _, d in real_graph.nodes(data=True) if d["kind"] == "page"}):
        payload = render.local_payload(real_graph, src, index)
        layouts = [{"pos": [[n["x"], n["y"]] for n in payload["nodes"]], "bands": payload["bands"],
                    "extent": payload["extent"]}, *payload["fits"]]
        assert [f["cols"] for f in payload["fits"]] == sorted((f["cols"] for f in payload["fits"]), reverse=True)
        assert min(f["cols"] for f in payload["fits"]) == render.LOCAL_COLUMNS[0], src
        widths = [f["extent"]["right"] - f["extent"]["left"] for f in layouts]
        assert widths == sorted(widths, reverse=True) and len(set(widths)) == len(widths), src
        for layout in layouts:
            assert len(layout["pos"]) == len(payload["nodes"])
            assert len({tuple(p) for p in layout["pos"]}) == len(layout["pos"]), src
            assert [b["layer"] for b in layout["bands"]] == [b["layer"] for b in payload["bands"]]
            for node, (x, y) in zip(payload["nodes"], layout["pos"], strict=True):
                assert layout["extent"]["left"] < x < layout["extent"]["right"], (src, node["id"])
                if kind(node) == "layer":  # above every other node of its band
                    band = [q[1] for m, q in zip(payload["nodes"], layout["pos"], strict=True)
                            if m["layer"] == node["layer"] and kind(m) != "layer"]
                    assert all(y + render.ROW_HEIGHT <= other for other in band), (src, node["id"])


def kind(node: dict) -> str:
    """A payload node's kind (left out when its id's prefix implies it)."""
    return node.get("kind") or render.implied_kind(node["id"])


def test_local_graph_of_a_synthetic_chapter_is_an_ego_graph() -> None:
    g = synthetic_graph(300, seed=3)
    src = "layers/03-orchestration.md"
    sub = render.local_graph(g, src)
    own = {c for s in g.successors(f"page:{src}") for c in g.successors(s)
           if g.nodes[c]["kind"] == "concept"}
    assert own and own <= set(sub.nodes)
    for n in sub.nodes:  # every other node is one hop from the middle
        if n not in own and n != "layer:3":
            assert any(m in own or m == "layer:3" for m in (*sub.successors(n), *sub.predecessors(n))), n
    assert {d["layer"] for _, d in sub.nodes(data=True)} - {3}


def test_local_map_goes_before_the_first_section_and_links_the_full_map() -> None:
    g = tiny_graph()
    content = '<p>intro</p><h2 id="toc">目次</h2><h2 id="x">X</h2><p>body</p>'
    html = render.page_html(content, g, "a.md", "../")
    assert html.index('id="cm-local-title"') < html.index('id="x"')
    assert html.index('id="toc"') < html.index('id="cm-local-title"')
    assert 'href="../concept-map/?focus=layer%3A1"' in html


# ---------- page HTML and assets ----------

def test_page_html_fills_the_map_page_markers() -> None:
    g = tiny_graph()
    content = f"<p>intro</p>{render.DATA_MARKER}<h2>text</h2>{render.FALLBACK_MARKER}"
    html = render.page_html(content, g, render.MAP_PAGE, "../")
    assert render.DATA_MARKER not in html and render.FALLBACK_MARKER not in html
    assert html.count('class="cm-map-data"') == 1
    assert (f'<script fetchpriority="high" src="../{render.VIS_ASSET}"></script>'
            '<template class="cm-map-data">') in html
    assert html.index("cm-map-data") < html.index("cm-fallback")


@pytest.mark.parametrize(("src", "has_local"), [("a.md", True), ("b.md", True),
                                                ("c.md", False), ("index.md", False)])
def test_page_html_adds_a_local_map_to_chapters_only(src: str, has_local: bool) -> None:
    html = render.page_html("<p>body</p>", tiny_graph(), src, "../")
    assert html.startswith("<p>body</p>")  # no section heading to go before: at the end
    assert ('data-cm-map="local"' in html) is has_local
    if has_local:
        island = re.search(r'class="cm-map-data">(.*?)</template>', html).group(1)
        ids = set(json.loads(island)["nodes"]["id"])  # the nodes as columns (node_columns)
        assert ids == set(render.local_graph(tiny_graph(), src).nodes)
        # the text alternative: the map's links in words
        assert 'class="cm-local__text"' in html and "この地図のつながり" in html


def test_asset_files_are_the_vendored_vis_network_after_a_compile_hint() -> None:
    assets = render.asset_files()
    assert list(assets) == [render.VIS_ASSET]
    content = assets[render.VIS_ASSET]
    first, rest = content.split(b"\n", 1)
    assert first == b"//# allFunctionsCalledOnLoad"  # V8's magic comment: the very first line
    assert rest == render.vis_source().read_bytes()  # otherwise the vendored npm file, unchanged
    assert len(rest) > 100_000 and f"@version {VIS_VERSION}".encode() in rest[:400]


def test_synthetic_graph_follows_the_schema() -> None:
    g = synthetic_graph(2000, seed=0)
    assert 1990 <= g.number_of_nodes() <= 2000
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"layer", "page", "section", "concept"}
    assert {d["kind"] for *_, d in g.edges(data=True)} == {
        "contains", "explains", "define", "use", "reference"}
    for u, v, d in g.edges(data=True):
        if d["kind"] == "reference":
            assert g.nodes[u]["layer"] != g.nodes[v]["layer"]


@pytest.mark.parametrize("name", GRAPHS)
def test_tall_layout_is_narrower_with_the_same_bands(name: str) -> None:
    g = GRAPHS[name]()
    payload = render.map_payload(g)
    tall = payload["tall"]
    assert len(tall["pos"]) == len(payload["nodes"])
    assert [b["layer"] for b in tall["bands"]] == [b["layer"] for b in payload["bands"]]
    wide_w = payload["extent"]["right"] - payload["extent"]["left"]
    tall_w = tall["extent"]["right"] - tall["extent"]["left"]
    wide_h = payload["bands"][-1]["bottom"] - payload["bands"][0]["top"]
    tall_h = tall["bands"][-1]["bottom"] - tall["bands"][0]["top"]
    assert tall_w / tall_h <= wide_w / wide_h
    assert len({tuple(p) for p in tall["pos"]}) == len(tall["pos"])


def test_the_payload_carries_the_scenarios_the_map_plays() -> None:
    """?scenario=<id>&step=<n> (#25): each step's text, map node (a chapter page as its merged layer
    node), layer and section url; a step whose node is not on the map is left out."""
    scenarios = [{"id": "one", "title": "一つ目", "url": "scenarios/#one", "src": "scenarios.md", "line": 6,
                  "steps": [{"n": 1, "text": "A。", "node": "page:l1.md", "section": "page:l1.md", "nodes": [],
                             "layer": 1, "url": "l1/", "line": 8},
                            {"n": 2, "text": "B。", "node": "concept:b", "section": "s", "nodes": [], "layer": 2,
                             "url": "l2/#b", "line": 9},
                            {"n": 3, "text": "C。", "node": "concept:gone", "section": "s", "nodes": [],
                             "layer": 2, "url": "l2/#c", "line": 10}]}]
    out = render.scenario_payload(scenarios, {"page:l1.md": "layer:1"}, {"layer:1": 0, "concept:b": 1})
    assert out == [{"id": "one", "title": "一つ目", "url": "scenarios/#one", "steps": [
        {"text": "A。", "node": "layer:1", "layer": 1, "url": "l1/"},
        {"text": "B。", "node": "concept:b", "layer": 2, "url": "l2/#b"}]}]
    assert render.scenario_payload([], {}, {}) == []


# ---------- 2A/2B: one edge per concept and layer, both faces kept ----------

def test_a_row_with_2a_define_and_2b_use_is_one_edge_with_both_faces() -> None:
    """ツール結果 is ✅ on 2B and 🔧 on 2A: one edge concept → layer:2 (kind define, its face B)
    whose FACE_KINDS keeps the 🔧 of 2A; the text version lists it under both kinds."""
    from graph.build import FACE_KINDS, edge_kinds, faces_of
    g = site_graph_from_folder(ROOT / "docs").graph
    edges = [(u, v) for u, v in g.edges if u == "concept:ツール結果" and v == "layer:2"]
    assert len(edges) == 1
    data = g.edges["concept:ツール結果", "layer:2"]
    assert (data["kind"], data["face"], data[FACE_KINDS]) == ("define", "B", "A:use B:define")
    assert edge_kinds(data) == [("define", "B"), ("use", "A")]
    assert faces_of(data, "use") == "A" and faces_of({"kind": "use", "face": "AB"}, "use") == "AB"
    assert faces_of({"kind": "use", "face": "AB"}, "define") == ""
    html = render.fallback_html(g, "../")
    row_id = render.row_ids(g)["concept:ツール結果"]
    row = re.search(rf'<tr id="{row_id}">.*?</tr>', html).group(0)
    text = re.sub(r"<[^>]+>", "", row)
    assert re.search(r"定義 第2層 通信層（2B）", text) and re.search(r"利用 .*第2層 通信層（2A）", text), text
    # the map's payload sends it once per kind, each with its faces (the panel's 定義している層
    # and 使われる層, the edge's tooltip)
    payload = render.map_payload(g)
    ids = [n["id"] for n in payload["nodes"]]
    sent = sorted((render.edge_kind(e[2]), e[4]) for e in payload["edges"]
                  if (ids[e[0]], ids[e[1]]) == ("concept:ツール結果", "layer:2"))
    assert sent == [("define", "B"), ("use", "A")]
    assert payload["vocab"]["faces"]["A"]["name"] == "2A"
    # every concept whose 早見表 row marks layer 2 (2A or 2B) with 🔧 is used there on the map: the
    # 11 rows with ✅ on one face and 🔧 on the other used to lose it
    uses = {ids[e[0]] for e in payload["edges"] if render.edge_kind(e[2]) == "use" and ids[e[1]] == "layer:2"}
    marked = {u for u, v, d in g.edges(data=True) if v == "layer:2" and faces_of(d, "use")}
    both = {u for u, v, d in g.edges(data=True) if v == "layer:2" and d["kind"] == "define" and faces_of(d, "use")}
    assert len(both) >= 11 and both <= uses and marked <= uses


def test_full_labels_stay_within_their_row() -> None:
    """A full label of five lines would be taller than its row: it gets wider lines instead."""
    long = "プロバイダー側ツール（MCPコネクタ・mcpツール・ツール検索・プログラムによる呼び出し）"
    assert wrap_label(long, render.DEFAULT_LABEL_EM).count("\n") >= render.MAX_LINES
    assert render._detail_wrap(long, render.DEFAULT_LABEL_EM).count("\n") < render.MAX_LINES
    assert render.WIDE_EM * 12 < render.COL_WIDTH  # the detail font: still inside its cell
    nodes = render.map_payload(site_graph_from_folder(ROOT / "docs").graph)["nodes"]
    lines = [render.label_lines(n["label"], n.get("wrap") or n["label"]).count("\n") for n in nodes]
    assert max(lines) < render.MAX_LINES


def test_payload_names_the_explaining_section_instead_of_repeating_its_url() -> None:
    """A concept whose url, review date and staleness are its explaining section's carries
    "as": the section's index instead (model.js expandPayload copies them back); a concept that
    differs in any of them keeps its own; a scenario step drops the layer and url of its node."""
    g = nx.DiGraph()
    g.add_node("layer:1", kind="layer", label="L1", layer=1)
    for name, url, date in (("a", "l1/#a", "2026-11-01"), ("b", "l1/#b", "2026-11-01")):
        g.add_node(f"section:l1.md#{name}", kind="section", label=name, layer=1, url=url,
                   reviewed=date, src="l1.md", line=1)
        g.add_node(f"concept:{name}", kind="concept", label=name.upper(), layer=1, url=url,
                   reviewed=date if name == "a" else "2026-12-01")
        g.add_edge(f"section:l1.md#{name}", f"concept:{name}", kind="explains")
    g.graph["scenarios"] = [{"id": "w", "title": "W", "url": "s/", "steps": [
        {"text": "一。", "node": "concept:a", "layer": 1, "url": "l1/#a"},
        {"text": "二。", "node": "concept:b", "layer": 1, "url": "l1/#b2"}]}]
    payload = render.map_payload(g)
    nodes = {n["id"]: n for n in payload["nodes"]}
    ids = [n["id"] for n in payload["nodes"]]
    a, b = nodes["concept:a"], nodes["concept:b"]
    assert ids[a["as"]] == "section:l1.md#a" and "url" not in a and "reviewed" not in a
    # kinds implied by the id's prefix are left out (a product keeps its own)
    assert all("kind" not in n for n in payload["nodes"])
    assert render.implied_kind("concept:x") == "concept" and render.implied_kind("section:y") == "section"
    assert "as" not in b and (b["url"], b["reviewed"]) == ("l1/#b", "2026-12-01")
    steps = payload["scenarios"][0]["steps"]
    assert steps[0] == {"text": "一。", "node": "concept:a", "url": "l1/#a"}  # its node has no url of its own
    assert steps[1] == {"text": "二。", "node": "concept:b", "url": "l1/#b2"}


def test_implied_kind_is_the_first_stored_kind_whose_prefix_the_id_has() -> None:
    """implied_kind looks the id's prefix (up to its first ":") up in a table: the same answer as
    trying every stored kind of the vocabulary in order, for ids of every prefix, of none, and of
    several colons (a product shares the concept's prefix and is not stored: concept wins)."""
    from graph.vocabulary import NODE_KINDS_DECL

    def walked(node_id: str) -> str:
        return next((k for k, kind in NODE_KINDS_DECL.items()
                     if kind.stored and node_id.startswith(kind.prefix)), "")

    prefixes = [kind.prefix for kind in NODE_KINDS_DECL.values()]
    assert all(p.endswith(":") and p.count(":") == 1 for p in prefixes)  # what the table relies on
    ids = [f"{p}{rest}" for p in prefixes for rest in ("", "x", "a:b", "l1.md#s:1")]
    ids += ["", "x", ":", "conceptx:y", "layer", "page-1:x", "Section:a"]
    assert [render.implied_kind(i) for i in ids] == [walked(i) for i in ids]
    assert render.implied_kind("concept:x") == "concept"


def test_payload_leaves_out_a_sections_url_made_of_its_chapters_and_its_anchor() -> None:
    g = nx.DiGraph()
    g.add_node("layer:1", kind="layer", label="L1", layer=1)
    g.add_node("page:l1.md", kind="page", label="第1層", layer=1, url="l1/", src="l1.md")
    g.add_edge("layer:1", "page:l1.md", kind="contains")
    for name, url in (("a", "l1/#a"), ("b", "other/#b")):
        g.add_node(f"section:l1.md#{name}", kind="section", label=name, layer=1, url=url, src="l1.md", line=1)
        g.add_edge("page:l1.md", f"section:l1.md#{name}", kind="contains")
    nodes = {n["id"]: n for n in render.map_payload(g)["nodes"]}
    assert "url" not in nodes["section:l1.md#a"]  # the band's url (its merged chapter's) + "#a"
    assert nodes["section:l1.md#b"]["url"] == "other/#b" and nodes["layer:1"]["url"] == "l1/"


def test_pyvis_finds_nodes_through_the_set_beside_its_list() -> None:
    """to_pyvis's node id list answers `in` from a set: the same nodes and edges as pyvis's own
    list, and an edge to a node that is not there is still refused."""
    net = render.to_pyvis(tiny_graph())
    assert isinstance(net.node_ids, render._NodeIds) and list(net.node_ids) == [n["id"] for n in net.nodes]
    assert all(e["from"] in net.node_ids and e["to"] in net.node_ids for e in net.edges)
    with pytest.raises(AssertionError):
        net.add_edge(net.nodes[0]["id"], "no such node")

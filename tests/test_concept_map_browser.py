"""The concept map in Debian's Chromium: the real site, plus a tiny site with a hostile label."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from conftest import NO_ANIMATIONS, ROOT, STILL, external_requests, mkdocs_build
from graph.build import edge_kinds
from tests.support.browser import go_back
from views import render
from views.labels import text_em

pytestmark = pytest.mark.browser

ZOOM_IN = "() => { window.conceptMap.moveTo({scale: 1.5, animation: false}); window.conceptMap.__cm.relevel(); }"
READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
EVIL = '<img src=x onerror="window.__xss=1">危険（XSS）'


@pytest.fixture(scope="module")
def graph_json(real_site: Path) -> dict:
    return json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(graph_json: dict) -> nx.DiGraph:
    return nx.node_link_graph(graph_json, edges="edges")



def open_map(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY, timeout=30000)


def a_concept(graph: nx.DiGraph) -> str:
    """A concept with an ASCII part in its label (for the English-name search)."""
    for n, d in sorted(graph.nodes(data=True)):
        if d["kind"] == "concept" and d.get("url") and any(c.isascii() and c.isalpha() for c in d["label"]):
            return n
    raise AssertionError("the real graph has no concept with an English name")


def click_node(page, node_id: str, double: bool = False) -> None:
    """Centre the node, then click it with the mouse where it is drawn."""
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    page.evaluate("id => window.conceptMap.focus(id, {scale: 1.6, animation: false})", node_id)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    box = page.locator(".cm-map__canvas canvas").first.bounding_box()
    pos = page.evaluate("""id => {
        const p = window.conceptMap.getPositions([id])[id];
        return window.conceptMap.canvasToDOM(p);
    }""", node_id)
    if double:
        page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
    else:
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


# ---------- the real site ----------

def test_map_renders_cleanly_from_127_0_0_1_only(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert external_requests(page.requests) == []
    vis = [u for u in page.requests if u.endswith(render.VIS_ASSET)]
    assert vis == [real_site_url + render.VIS_ASSET]  # fetched once, from our own site
    assert not any("cdnjs" in u or "jsdelivr" in u or "/lib/" in u for u in page.requests)
    # the payload is inert JSON text in a <template>, not an executable blob
    assert page.locator("template.cm-map-data").count() == 1
    assert page.locator("script:not([src])").evaluate_all(
        "els => Math.max(0, ...els.map(e => e.textContent.length))") < 5000


def test_map_has_every_node_and_edge_of_graph_json(page_tracker, real_site_url: str,
                                                   graph_json: dict) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    counts = page.evaluate("""() => ({
        nodes: window.conceptMap.body.data.nodes.length,
        edges: window.conceptMap.body.data.edges.length,
        ids: window.conceptMap.body.data.nodes.getIds(),
        drawn: Object.keys(window.conceptMap.body.nodes).length })""")
    # one node per layer band (#16): each chapter's page is merged into its layer's node
    merged = page.evaluate("() => window.conceptMap.__cm.model.data.merged")
    assert len(merged) == 5 and all(p.startswith("page:") and b.startswith("layer:") for p, b in merged.items())
    assert len(graph_json["nodes"]) > 50
    assert counts["nodes"] == len(graph_json["nodes"]) - len(merged)
    # layer → its page: gone; edges of a page move to its band, where one to the same node may
    # already be (a relation to the chapter beside a concept's define/use of the layer): one line
    # per kind between two nodes, and an edge of 2A ✅ + 2B 🔧 is drawn once per kind
    # (graph/build.py edge_kinds)
    lines = {(merged.get(e["source"], e["source"]), merged.get(e["target"], e["target"]), k)
             for e in graph_json["edges"] for k, _ in edge_kinds(e)}
    assert sum(len(edge_kinds(e)) - 1 for e in graph_json["edges"]) >= 11
    assert counts["edges"] == len({(u, v, k) for u, v, k in lines if u != v})
    assert sorted(counts["ids"]) == sorted(n["id"] for n in graph_json["nodes"] if n["id"] not in merged)
    assert counts["drawn"] >= counts["nodes"]


LABELS_DRAWN = """() => {
    const net = window.conceptMap;  // the model's nodes: wrap and short as text (labelLines)
    net.redraw();
    return net.__cm.model.nodes.filter(n => !net.body.data.nodes.get(n.id).hidden).map(n => {
        const label = net.body.nodes[n.id].labelModule;
        return {kind: n.kind, full: n.wrap || n.label, short: n.short || n.wrap || n.label,
                width: label.size.width, size: label.fontOptions.size,
                lines: label.lines.map(l => l.blocks.map(b => b.text).join(''))};
    }); }"""


def _too_wide(drawn: list[dict], budget_em) -> list:
    too_wide = []
    for d in drawn:
        max_em = budget_em(d)
        forced = any(text_em(line) > max_em for line in d["lines"])  # an overlong word
        if d["width"] > max_em * d["size"] * 1.05 and not forced:
            too_wide.append((d["lines"], round(d["width"]), max_em * d["size"]))
    return too_wide


def test_labels_are_drawn_with_our_line_breaks_within_their_width(page_tracker,
                                                                  real_site_url: str) -> None:
    """graph/labels.py breaks the labels with estimated widths; vis-network draws those lines
    (no widthConstraint of its own), and measured on the canvas each fits its budget. #16: the
    overview draws the short names (graph/render.py short_label), the detail level the full
    ones."""
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    text_kinds = ("concept", "product", "section")
    drawn = page.evaluate(LABELS_DRAWN)
    assert len(drawn) > 150
    want = [d["short"] if d["kind"] in text_kinds else d["full"] for d in drawn]
    assert [d for d, w in zip(drawn, want, strict=True) if d["lines"] != w.split("\n")] == []
    assert _too_wide(drawn, lambda d: render.SHORT_EM if d["kind"] in text_kinds
                     else render.LABEL_EM.get(d["kind"], render.DEFAULT_LABEL_EM)) == []
    page.evaluate(ZOOM_IN)
    drawn = page.evaluate(LABELS_DRAWN)
    assert len(drawn) > 200 and sum("\n" in d["full"] for d in drawn) > 50
    assert [d for d in drawn if d["lines"] != d["full"].split("\n")] == []
    assert _too_wide(drawn, lambda d: render.LABEL_EM.get(d["kind"], render.DEFAULT_LABEL_EM)) == []


def test_click_selects_and_opens_the_panel_enter_navigates(page_tracker, real_site_url: str,
                                                           graph: nx.DiGraph) -> None:
    """#16 replaces "a click opens the section": a click selects (panel, no navigation);
    Enter on the canvas opens the page."""
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    node = a_concept(graph)
    before = page.url
    click_node(page, node)
    panel = page.locator(".cm-panel")
    panel.wait_for(state="visible")
    assert page.evaluate("() => window.conceptMap.getSelectedNodes()") == [node]
    assert page.url.split("?")[0] == before.split("?")[0]  # still on the map
    assert panel.locator(".cm-panel__title").inner_text() == graph.nodes[node]["label"]
    assert f"第{graph.nodes[node]['layer']}層" in panel.locator(".cm-panel__meta").inner_text()
    assert panel.locator(".cm-panel__open").inner_text() == "この節を開く"
    assert panel.locator(".cm-panel__open").get_attribute("href") == real_site_url + graph.nodes[node]["url"]
    assert panel.locator(".cm-panel__links a").count() >= 1  # its neighbours, as links
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("Enter")
    target = real_site_url + graph.nodes[node]["url"]
    page.wait_for_url(target, timeout=15000)


def test_double_click_opens_the_page(page_tracker, real_site_url: str, graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    node = a_concept(graph)
    click_node(page, node, double=True)
    page.wait_for_url(real_site_url + graph.nodes[node]["url"], timeout=15000)


def test_layer_filter_hides_exactly_that_layer(page_tracker, real_site_url: str,
                                               graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.locator("input[data-cm-layer='3']").uncheck()
    hidden = page.evaluate("""() => window.conceptMap.body.data.nodes.get()
        .filter(n => n.hidden).map(n => n.id)""")
    # sections are hidden in the overview (semantic zoom); of the rest, exactly layer 3
    merged = page.evaluate("() => window.conceptMap.__cm.model.data.merged")
    expected = [n for n, d in graph.nodes(data=True)
                if (d.get("layer") == 3 or d["kind"] == "section") and n not in merged]
    assert expected and sorted(hidden) == sorted(expected)
    assert "layers=1%2C2%2C4%2C5" in page.url or "layers=1,2,4,5" in page.url
    page.locator("input[data-cm-layer='3']").check()
    assert page.evaluate("""() => window.conceptMap.body.data.nodes.get()
        .filter(n => n.hidden && n.kind !== 'section').length""") == 0


def test_edge_kind_filter_hides_that_kind(page_tracker, real_site_url: str, graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.locator("input[data-cm-edge='reference']").uncheck()
    page.evaluate("() => window.conceptMap.moveTo({scale: 1.5, animation: false})")
    page.evaluate("() => window.conceptMap.__cm.relevel()")  # edges are drawn at the detail level
    kinds = page.evaluate("""() => [...new Set(window.conceptMap.body.data.edges.get()
        .filter(e => e.hidden).map(e => e.kind))].sort()""")
    # contains, define and relation (a relation table's lines, the 関係 box) are off by default
    assert kinds == ["contains", "define", "reference", "relation"]
    shown = page.evaluate("""() => [...new Set(window.conceptMap.body.data.edges.get()
        .filter(e => !e.hidden).map(e => e.kind))].sort()""")
    assert shown == ["explains", "use"]
    assert sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "reference") > 0


def test_canvas_is_operable_with_the_keyboard(page_tracker, real_site_url: str,
                                              graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.locator("button[data-cm-zoom='fit']").focus()
    page.keyboard.press("Tab")  # the canvas comes right after the zoom buttons
    assert page.evaluate("() => document.activeElement.classList.contains('cm-map__canvas')")
    hint = page.evaluate("""() => document.getElementById(
        document.activeElement.getAttribute('aria-describedby')).textContent""")
    assert "矢印キー" in hint

    def view() -> tuple[float, float, float]:
        v = page.evaluate("() => [window.conceptMap.getViewPosition(), window.conceptMap.getScale()]")
        return v[0]["x"], v[0]["y"], v[1]

    def settle(changed: str, before: tuple[float, float, float]) -> tuple[float, float, float]:
        """Wait until the view has changed as expected (`changed`: a JS expression over x, y, s
        and the view before, x0/y0/s0), then until it has stopped moving; return it."""
        page.wait_for_function(
            f"""([x0, y0, s0]) => {{
                const p = window.conceptMap.getViewPosition(), s = window.conceptMap.getScale();
                const x = p.x, y = p.y; return {changed}; }}""", arg=list(before), timeout=10000)
        page.evaluate(STILL)
        return view()

    x0, y0, s0 = view()
    page.keyboard.press("ArrowRight")
    x1, y1, s1 = settle("x > x0", (x0, y0, s0))
    assert x1 > x0 and y1 == pytest.approx(y0) and s1 == pytest.approx(s0)
    page.keyboard.press("ArrowUp")
    assert settle("y < y0", (x1, y1, s1))[1] < y1
    page.keyboard.press("+")
    x2, y2, s2 = settle("s > s0 * 1.2", (x1, y1, s1))
    assert s2 > s1 * 1.2
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert settle("s < s0 / 1.2", (x2, y2, s2))[2] < s1
    page.keyboard.press("0")
    s3 = view()[2]
    assert settle(f"Math.abs(s - {s0}) < {s0} * 0.05", (0, 0, s3))[2] == pytest.approx(s0, rel=0.05)
    node = a_concept(graph)
    page.evaluate("id => window.conceptMap.selectNodes([id])", node)
    page.keyboard.press("Enter")
    target = real_site_url + graph.nodes[node]["url"]
    page.wait_for_url(target, timeout=15000)


@pytest.mark.parametrize("part", ["english", "japanese"])
def test_search_box_focuses_the_concept(page_tracker, real_site_url: str, graph: nx.DiGraph,
                                        part: str) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    node = a_concept(graph)
    label = graph.nodes[node]["label"]
    ascii_word = "".join(c for c in label.split("（")[0] if c.isascii()).strip()
    japanese = "".join(c for c in label if not c.isascii() and c not in "（）・、")
    query = ascii_word if part == "english" else (japanese or ascii_word)
    if not query:
        pytest.fail(f"no {part} part in {label!r}")
    page.locator("input.cm-map__search").fill(query)
    page.locator(f".cm-map__results button[data-id='{node}']").wait_for()
    page.locator(f".cm-map__results button[data-id='{node}']").click()
    assert page.evaluate("() => window.conceptMap.getSelectedNodes()") == [node]
    assert f"focus={quote(node.removeprefix('concept:'), safe='')}" in page.url
    status = page.locator(".cm-map__status").inner_text()
    assert label in status


def test_focus_url_opens_focused_and_filtered(page_tracker, real_site_url: str,
                                              graph: nx.DiGraph) -> None:
    page = page_tracker
    node = a_concept(graph)
    layer = graph.nodes[node]["layer"]
    other = 1 if layer != 1 else 2
    slug = quote(node.removeprefix("concept:"), safe="")
    open_map(page, f"{real_site_url}concept-map/?focus={slug}&layers={layer},{other}")
    assert page.evaluate("() => window.conceptMap.getSelectedNodes()") == [node]
    view = page.evaluate("""id => {
        const p = window.conceptMap.getPositions([id])[id];
        const c = window.conceptMap.getViewPosition();
        return {dx: Math.abs(p.x - c.x), dy: Math.abs(p.y - c.y), scale: window.conceptMap.getScale()};
    }""", node)
    assert view["dx"] < 1 and view["dy"] < 1 and view["scale"] >= 1
    shown = page.evaluate("""() => [...new Set(window.conceptMap.body.data.nodes.get()
        .filter(n => !n.hidden).map(n => n.layer))]""")
    assert {layer, other} <= set(shown) <= {0, layer, other}
    missing = min({1, 2, 3, 4, 5} - {layer, other})
    assert page.locator(f"input[data-cm-layer='{missing}']").is_checked() is False
    assert page.locator(f"input[data-cm-layer='{layer}']").is_checked() is True


def test_without_javascript_the_tables_list_every_node(browser, real_site_url: str,
                                                       graph: nx.DiGraph) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    rows = page.locator(".cm-fallback tbody tr").evaluate_all(
        "rows => rows.map(r => [r.id, r.querySelector('th').textContent])")
    want = render.row_ids(graph)  # a row per node, named by its label
    assert sorted(r for r, _ in rows) == sorted(want.values())
    names = dict(rows)
    # (a long label is cut at 120 characters, marks in it are drawn as badges)
    wrong = [(names[want[n]], d["label"]) for n, d in graph.nodes(data=True)
             if names[want[n]][:40] != " ".join(str(d["label"]).split())[:40]]
    assert wrong == []
    assert page.locator(".cm-map__canvas").is_visible() is False
    link = page.locator(".cm-fallback tbody tr td a").first
    link.focus()  # keyboard-reachable links to other rows
    assert page.evaluate("() => /^#n\\d+$/.test(document.activeElement.getAttribute('href'))")
    context.close()


def test_chapter_shows_its_local_map(page_tracker, real_site_url: str, graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "layers/01-llm/")
    page.wait_for_load_state("networkidle")
    expected = render.local_graph(graph, "layers/01-llm.md")
    got = page.evaluate("""() => ({n: window.conceptMap.body.data.nodes.length,
                                   e: window.conceptMap.body.data.edges.length})""")
    assert expected.number_of_nodes() > 5
    # a line per kind an edge stands for (2A ✅ + 2B 🔧, a relation beside a define/use)
    lines = sum(len(render.shown_kinds(d)) for *_, d in expected.edges(data=True))
    assert got == {"n": expected.number_of_nodes(), "e": lines}
    assert [u for u in page.requests if "vis-network" in u] == [real_site_url + render.VIS_ASSET]
    assert not any(u.endswith(".json") and "search_index" not in u for u in page.requests)
    assert page.console_errors == [] and external_requests(page.requests) == []


def _canvas_colours(page) -> int:
    return page.evaluate("""() => {
        const c = document.querySelector('.cm-map__canvas canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);
        return seen.size; }""")


@pytest.mark.parametrize(("name", "scheme", "viewport"), [
    ("light", "light", {"width": 1280, "height": 900}),
    ("dark", "dark", {"width": 1280, "height": 900}),
])
def test_screenshots(browser, real_site_url: str, shots: Path, name: str, scheme: str,
                     viewport: dict) -> None:
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    open_map(page, real_site_url + "concept-map/")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert _canvas_colours(page) > 8  # bands, nodes and edges were drawn
    widths = page.evaluate("""() => ({doc: document.documentElement.scrollWidth,
        canvas: document.querySelector('.cm-map__canvas').getBoundingClientRect().right,
        controls: Math.max(...[...document.querySelectorAll('.cm-map__controls *')]
                  .map(e => e.getBoundingClientRect().right))})""")
    assert widths["doc"] <= viewport["width"]
    assert widths["canvas"] <= viewport["width"] and widths["controls"] <= viewport["width"]
    page.evaluate("() => document.querySelector('.cm-map__stage').scrollIntoView({block: 'end'})")
    page.evaluate(NO_ANIMATIONS)  # Material cross-fades the header title after a scroll
    path = shots / f"concept-map-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    context.close()


def test_phone_opens_on_a_searchable_list_and_the_canvas_on_request(browser, real_site_url: str,
                                                                     shots: Path, graph: nx.DiGraph) -> None:
    """#16 replaces the phone's squeezed canvas: a list by layer first, the map full-screen."""
    viewport = {"width": 390, "height": 844}
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-state=list]')", timeout=30000)
    groups = page.locator(".cm-map__list details")
    assert groups.count() == 5
    assert page.locator(".cm-map__stage").is_visible() is False
    concepts = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "concept")
    assert page.locator(".cm-map__list li").count() >= concepts
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    page.evaluate("() => document.querySelector('.cm-map__phone').scrollIntoView({block: 'start'})")
    page.evaluate(NO_ANIMATIONS)
    page.screenshot(path=str(shots / "concept-map-phone-list.png"))
    node = a_concept(graph)
    query = "".join(c for c in graph.nodes[node]["label"].split("（")[0] if c.isascii()).strip()
    page.locator("input.cm-map__search").fill(query)
    visible = page.locator(".cm-map__list li:visible")
    assert 1 <= visible.count() < 20
    assert any(graph.nodes[node]["label"] in t for t in visible.all_inner_texts())
    page.locator(".cm-map__fullscreen").click()
    page.wait_for_function(READY, timeout=30000)
    box = page.locator(".cm-map__canvas").bounding_box()
    assert box["width"] == viewport["width"] and box["height"] >= viewport["height"] * 0.95
    page.evaluate(NO_ANIMATIONS)
    page.screenshot(path=str(shots / "concept-map-phone-canvas.png"))
    context.close()


# ---------- a tiny site whose graph has a hostile label ----------

HOOK = """
from pathlib import Path
from views import render
from views.fragments import theme_globals
from graph.export import write_exports
from graph.synthetic import synthetic_graph

G = synthetic_graph(40, seed=5, concept_label={evil!r})

def on_env(env, config, files, **kwargs):  # as the real plugin: the paths main.html links by
    def read(path):
        file = files.get_file_from_path(path)
        return file.content_string if file is not None else None

    env.globals.update(theme_globals(read))
    return env

def on_page_context(context, page, config, nav, **kwargs):
    page.content = render.page_html(page.content, G, page.file.src_uri,
                                    "../" * page.url.count("/"))
    return context

def on_post_build(config, **kwargs):
    write_exports(G, Path(config["site_dir"]))  # as the real hook (concept cards read it)
    for dest, content in render.asset_files().items():
        target = Path(config["site_dir"]) / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
"""


def build_tiny_site(tmp: Path, instant: bool, site_url: str = "http://127.0.0.1/") -> Path:
    """A Material site whose hook renders a synthetic graph (its first concept is EVIL).

    Instant navigation only follows links listed in sitemap.xml, with the port of site_url:
    pass the URL the site is served at.
    """
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copy(ROOT / "docs" / "concept-map.md", docs / "concept-map.md")
    (docs / "index.md").write_text("# Home\n\n[地図を開く](concept-map.md)\n", encoding="utf-8")
    (docs / "layers").mkdir()
    for src in ("01-llm", "02-communication", "03-orchestration", "04-external-tools",
                "05-ui-operations"):
        (docs / "layers" / f"{src}.md").write_text(f"# {src}\n", encoding="utf-8")
    (tmp / "overrides").mkdir()
    shutil.copy(ROOT / "overrides" / "main.html", tmp / "overrides" / "main.html")
    (tmp / "hook.py").write_text(HOOK.format(evil=EVIL), encoding="utf-8")
    features = "  features: [navigation.instant]\n" if instant else ""
    (tmp / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: evil
        site_url: {site_url}
        theme:
          name: material
          language: ja
          font: false
          custom_dir: overrides
        """).format(site_url=site_url) + features + textwrap.dedent("""\
        extra_css: [assets/stylesheets/extra.css, assets/stylesheets/concept-map.css]
        hooks: [hook.py]
        markdown_extensions: [attr_list, md_in_html]
        """), encoding="utf-8")
    result = mkdocs_build(tmp / "mkdocs.yml", tmp / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    return serve(build_tiny_site(tmp_path_factory.mktemp("evil"), instant=False))


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    tmp = tmp_path_factory.mktemp("instant")
    (tmp / "site").mkdir()
    url = serve(tmp / "site")  # serve first: the sitemap must carry this port
    build_tiny_site(tmp, instant=True, site_url=url)
    return url


def test_instant_navigation_renders_the_maps(page_tracker, instant_site: str) -> None:
    page = page_tracker
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url.removeprefix(instant_site)))
    page.goto(instant_site)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.conceptMap") is None
    page.evaluate("() => { window.__samePage = true; }")
    page.get_by_role("link", name="地図を開く").click()
    page.wait_for_function(READY, timeout=30000)
    assert page.evaluate("() => window.__samePage") is True  # no full page load
    assert page.evaluate("() => window.conceptMap.body.data.nodes.length") == 35  # 5 pages merged
    node = "section:layers/02-communication.md#s1"
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)  # sections: detail level
    click_node(page, node, double=True)  # a double click opens (#16: a click selects)
    page.wait_for_url(instant_site + "layers/02-communication/#s1", timeout=15000)
    page.wait_for_function(
        "() => document.querySelector('.cm-map--local[data-cm-state=ready]')", timeout=30000)
    assert page.evaluate("() => window.__samePage") is True
    local = page.evaluate("() => window.conceptMap.body.data.nodes.get().map(n => n.id)")
    assert "layer:2" in local and len(local) < 40  # the chapter's ego graph
    missing = sorted(set(failed))
    assert set(missing) <= {"concept-map/cards.json"}, missing
    # the tiny site's hook writes only the map's files: other features' data (the concept
    # cards' cards.json) is missing here, and only that may 404
    errors = [e for e in page.console_errors if not ("404" in e and missing == ["concept-map/cards.json"])]
    assert errors == [] and external_requests(page.requests) == []


def test_hostile_label_is_shown_as_text(page_tracker, evil_site: str) -> None:
    page = page_tracker
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url.removeprefix(evil_site)))
    open_map(page, evil_site + "concept-map/")
    page.evaluate(ZOOM_IN)
    labels = page.evaluate("() => window.conceptMap.body.data.nodes.get().map(n => n.label)")
    assert EVIL.replace(" ", "") in [re.sub(r"\s", "", label) for label in labels]  # wrapped
    page.locator("input.cm-map__search").fill("onerror")
    button = page.locator(".cm-map__results button[data-id='concept:c0']")
    button.wait_for()
    assert button.inner_text().startswith(EVIL)
    # hover the node: vis shows our plain-text tooltip
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    page.evaluate("() => window.conceptMap.focus('concept:c0', {scale: 2, animation: false})")
    box = page.locator(".cm-map__canvas canvas").first.bounding_box()
    pos = page.evaluate("""() => window.conceptMap.canvasToDOM(
        window.conceptMap.getPositions(['concept:c0'])['concept:c0'])""")
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tip = page.locator(".cm-map div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    assert tip.inner_text().startswith(EVIL)
    button.click()
    assert EVIL in page.locator(".cm-map__status").inner_text()
    assert page.locator(".cm-panel__title").inner_text() == EVIL
    names = page.locator(".cm-fallback tbody th").all_inner_texts()  # the text version's rows
    assert EVIL in names
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => window.__xss") is None
    # the tiny site has no cards.json (the search box reads its synonyms from it): only that may 404
    assert set(failed) <= {"concept-map/cards.json"}, failed
    assert [e for e in page.console_errors if not ("404" in e and failed)] == []


# ---------- #16: overview, semantic zoom, focus + context, state, keyboard, local maps ----------

# Every visible node's label as drawn: CSS px (font size × scale) and whether vis draws it.
DRAWN_LABELS = """() => {
    const net = window.conceptMap, s = net.getScale();
    const t = net.body.nodes[Object.keys(net.body.nodes)[0]].options.scaling.label.drawThreshold;
    return net.body.data.nodes.get().filter(n => !n.hidden).map(n => {
        const px = net.body.nodes[n.id].labelModule.fontOptions.size * s;
        return {id: n.id, kind: n.kind, px: px, drawn: px >= t - 1};
    }); }"""


def test_overview_labels_are_readable_and_sections_wait_for_zoom(desk, real_site_url: str,
                                                                 graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    labels = page.evaluate(DRAWN_LABELS)
    drawn = [d for d in labels if d["drawn"]]
    assert [d for d in drawn if d["px"] < 11] == []  # nothing unreadably small
    concepts = {n for n, d in graph.nodes(data=True) if d["kind"] == "concept"}
    assert {d["id"] for d in drawn} >= concepts  # every concept's name can be read at once
    assert not any(d["kind"] == "section" for d in labels)  # sections: on zoom or on request
    bands = [d["id"] for d in labels if d["kind"] in ("layer", "page")]
    assert sorted(bands) == [f"layer:{n}" for n in range(1, 6)]  # one node per band
    # the whole of every band is in the canvas
    inside = page.evaluate("""() => {
        const net = window.conceptMap, c = document.querySelector('.cm-map__canvas');
        return net.body.data.nodes.get().filter(n => !n.hidden).every(n => {
            const p = net.canvasToDOM(net.getPositions([n.id])[n.id]);
            return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); }""")
    assert inside
    # semantic zoom: sections and full names come with zoom, still readable
    page.locator(".cm-map__canvas").focus()
    for _ in range(3):
        page.keyboard.press("+")
        page.evaluate(STILL)
    page.wait_for_function("() => document.querySelector('.cm-map').dataset.cmLevel === 'detail'")
    page.evaluate(STILL)
    labels = page.evaluate(DRAWN_LABELS)
    assert any(d["kind"] == "section" for d in labels)
    assert [d for d in labels if d["drawn"] and d["px"] < 11] == []
    assert page.console_errors == []


def test_excluded_headings_are_not_nodes(desk, real_site_url: str, graph_json: dict) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    labels = page.evaluate("() => window.conceptMap.body.data.nodes.get().map(n => n.label.replace(/\\n/g, ''))")
    for excluded in ("目次", "参考", "まとめ"):
        assert not any(label.rstrip() == excluded or label.endswith(f". {excluded}") for label in labels)
        assert not any(n["label"] == excluded for n in graph_json["nodes"])


def test_filter_change_fits_what_is_visible_without_empty_bands(desk, real_site_url: str) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    s0 = page.evaluate("() => window.conceptMap.getScale()")
    for n in (2, 3, 4):
        page.locator(f"input[data-cm-layer='{n}']").uncheck()
    page.evaluate(STILL)
    s1 = page.evaluate("() => window.conceptMap.getScale()")
    assert s1 >= s0
    fill = page.evaluate("""() => {  // what is left fills the canvas's width or height
        const net = window.conceptMap, c = document.querySelector('.cm-map__canvas');
        const ps = net.body.data.nodes.get().filter(n => !n.hidden).map(n => net.canvasToDOM({x: n.x, y: n.y}));
        const w = Math.max(...ps.map(p => p.x)) - Math.min(...ps.map(p => p.x));
        const h = Math.max(...ps.map(p => p.y)) - Math.min(...ps.map(p => p.y));
        return Math.max(w / c.clientWidth, h / c.clientHeight); }""")
    assert fill > 0.75
    gap = page.evaluate("""() => {  // layer 5's lowest node and layer 1's highest: bands stacked
        const ns = window.conceptMap.body.data.nodes.get().filter(n => !n.hidden);
        const l5 = Math.max(...ns.filter(n => n.layer === 5).map(n => n.y));
        const l1 = Math.min(...ns.filter(n => n.layer === 1).map(n => n.y));
        return l1 - l5; }""")
    assert 0 < gap < 200


def _pixel(page, node_id: str) -> list[int]:
    return page.evaluate("""id => {
        const net = window.conceptMap, c = document.querySelector('.cm-map__canvas canvas');
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = c.width / c.clientWidth;
        const b = net.body.nodes[id].shape;
        // a point on the node's border, left of its label
        const x = Math.round((p.x - b.width / 2 * net.getScale() + 1) * r), y = Math.round(p.y * r);
        return Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data).slice(0, 3); }""", node_id)


def test_hover_dims_everything_but_the_neighbourhood(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    page.evaluate("() => document.querySelector('.cm-map__stage').scrollIntoView({block: 'center'})")
    # a concept used in another layer: its neighbour is that layer's band node
    node = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "concept"
                and any(graph.edges[n, m]["kind"] == "use" for m in graph.successors(n)))
    used = next(m for m in graph.successors(node) if graph.edges[node, m]["kind"] == "use")
    far = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "concept" and n != node
               and d["layer"] not in (graph.nodes[node]["layer"], graph.nodes[used]["layer"]))
    bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    bg = [int(v) for v in re.findall(r"\d+", bg)[:3]]
    before_far, before_used = _pixel(page, far), _pixel(page, used)
    box = page.locator(".cm-map__canvas canvas").first.bounding_box()
    pos = page.evaluate("id => window.conceptMap.canvasToDOM(window.conceptMap.getPositions([id])[id])", node)
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_function("() => document.querySelector('.cm-map').dataset.cmDimmed")

    def dist(a, b):
        return sum(abs(x - y) for x, y in zip(a, b, strict=True))

    after_far, after_used = _pixel(page, far), _pixel(page, used)
    assert dist(after_far, bg) < dist(before_far, bg) * 0.5  # a non-neighbour fades out
    assert dist(after_used, bg) > dist(before_used, bg) * 0.8  # the neighbour stays
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.wait_for_function("() => !document.querySelector('.cm-map').dataset.cmDimmed")


def test_arrow_keys_step_to_a_neighbour_and_escape_clears(desk, real_site_url: str,
                                                          graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    node = "layer:3"
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("id => window.conceptMap.getSelectedNodes()[0] !== id", arg=node)
    chosen = page.evaluate("() => window.conceptMap.getSelectedNodes()[0]")
    neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
    assert chosen in neighbours
    assert page.locator(".cm-panel").is_visible()
    want = chosen.removeprefix("concept:")  # the URL names concepts without their prefix
    page.wait_for_function("want => new URLSearchParams(location.search).get('focus') === want", arg=want)
    page.keyboard.press("Escape")
    assert page.evaluate("() => window.conceptMap.getSelectedNodes()") == []
    assert page.locator(".cm-panel").is_hidden()


def test_the_url_keeps_the_view_and_back_restores_it(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    node = a_concept(graph)
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    page.evaluate("() => window.conceptMap.moveTo({scale: 0.8, position: {x: 300, y: 900}, animation: false})")
    page.evaluate("() => { window.conceptMap.emit('zoom', {}); }")  # what a wheel turn reports
    page.wait_for_function("() => /[?&]z=0\\.800/.test(location.search)")
    assert f"focus={quote(node.removeprefix('concept:'), safe='')}" in page.url
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(real_site_url + graph.nodes[node]["url"], timeout=15000)
    go_back(page)
    page.wait_for_function(READY, timeout=30000)
    view = page.evaluate("""() => ({s: window.conceptMap.getScale(), p: window.conceptMap.getViewPosition(),
                                   sel: window.conceptMap.getSelectedNodes()})""")
    assert view["s"] == pytest.approx(0.8, rel=0.01)
    assert view["p"]["x"] == pytest.approx(300, abs=2) and view["p"]["y"] == pytest.approx(900, abs=2)
    assert view["sel"] == [node]


def test_focus_url_brings_the_map_into_view_with_the_panel(desk, real_site_url: str,
                                                          graph: nx.DiGraph) -> None:
    page = desk
    node = a_concept(graph)
    open_map(page, f"{real_site_url}concept-map/?focus={quote(node.removeprefix('concept:'), safe='')}")
    page.locator(".cm-panel").wait_for(state="visible")
    where = page.evaluate("""id => {
        const net = window.conceptMap, c = document.querySelector('.cm-map__canvas').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        return {x: c.left + p.x, y: c.top + p.y, w: innerWidth, h: innerHeight}; }""", node)
    assert 0 <= where["x"] <= where["w"] and 0 <= where["y"] <= where["h"]


def test_local_map_is_readable_near_the_top_and_wheel_scrolls_the_page(desk, real_site_url: str) -> None:
    page = desk
    page.goto(real_site_url + "layers/03-orchestration/")
    page.wait_for_function(READY, timeout=30000)
    labels = page.evaluate(DRAWN_LABELS)
    assert len(labels) > 20
    assert [d for d in labels if not d["drawn"] or d["px"] < 11] == []  # all labelled, readable
    # in the table of contents, and before the chapter's first section
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")
    assert toc[0] == "#cm-local-title"  # the first entry of the table of contents
    order = page.evaluate("""() => {
        const all = [...document.querySelectorAll('.md-content h2')];
        return all.findIndex(h => h.id === 'cm-local-title'); }""")
    assert order <= 1  # after the 目次 at most
    full = page.locator(".cm-local__full")
    assert "concept-map/?focus=layer%3A3" in full.get_attribute("href")
    # the wheel scrolls the page over the map, and zooms it only with Ctrl
    page.evaluate("() => document.querySelector('.cm-map--local').scrollIntoView({block: 'center'})")
    box = page.locator(".cm-map--local .cm-map__canvas").bounding_box()
    y0, s0 = page.evaluate("() => [scrollY, window.conceptMap.getScale()]")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)
    page.wait_for_function("y => scrollY > y", arg=y0)
    assert page.evaluate("() => window.conceptMap.getScale()") == s0
    page.keyboard.down("Control")
    box = page.locator(".cm-map--local .cm-map__canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function("s => window.conceptMap.getScale() !== s", arg=s0)


# The boxes of a local map's visible nodes that are not whole inside its canvas, with the sides
# they stick out of.
LOCAL_OUTSIDE = """() => {
    const net = window.conceptMap, c = document.querySelector('.cm-map--local .cm-map__canvas');
    const out = [];
    for (const id of net.body.data.nodes.getIds({filter: n => !n.hidden})) {
        const n = net.body.nodes[id], p = net.canvasToDOM({x: n.x, y: n.y}), s = net.getScale();
        const w = n.shape.width * s / 2, h = n.shape.height * s / 2, sides = [];
        if (p.x - w < 0) sides.push('left');
        if (p.x + w > c.clientWidth) sides.push('right');
        if (p.y - h < 0) sides.push('top');
        if (p.y + h > c.clientHeight) sides.push('bottom');
        if (sides.length) out.push([id, sides]);
    }
    return out; }"""


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)])
def test_widest_local_map_opens_whole_or_says_where_it_goes_on(browser, real_site_url: str, graph: nx.DiGraph,
                                                               size: tuple[int, int]) -> None:
    """#24: the local map opens with every node inside its canvas at a legible size (its layout
    wraps to the canvas' width, the canvas takes its height); where the map cannot fit (a phone,
    whose canvas stays within the screen), the cut sides fade and a line above the canvas says where
    the map goes on and how to move it. Never cut at the right: the layout fits the width."""
    pages = sorted({d["src"] for _, d in graph.nodes(data=True) if d["kind"] == "page"})
    widest = max(pages, key=lambda src: render.local_graph(graph, src).number_of_nodes())
    phone = size[0] < 500
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(real_site_url + widest.removesuffix(".md") + "/")
    page.evaluate("() => document.querySelector('.cm-map--local').scrollIntoView()")
    page.wait_for_function(READY, timeout=30000)
    labels = page.evaluate(DRAWN_LABELS)
    assert len(labels) > 40
    assert [d for d in labels if not d["drawn"] or d["px"] < 11] == []  # all labelled, readable
    outside = page.evaluate(LOCAL_OUTSIDE)
    assert [o for o in outside if {"left", "right"} & set(o[1])] == []
    cue = page.locator(".cm-map--local .cm-map__cue")
    cut = page.locator(".cm-map--local").get_attribute("data-cm-cut")
    if not phone:
        assert outside == [] and cut is None and cue.is_hidden()
    if outside:
        sides = {side for _, s in outside for side in s}
        assert cut and sides <= set(cut.split())
        assert cue.is_visible()
        words = {"top": "上", "right": "右", "bottom": "下", "left": "左"}
        assert all(words[side] in cue.inner_text() for side in sides) and "ドラッグ" in cue.inner_text()
        # the fade over the cut edge
        assert page.evaluate("""() => getComputedStyle(document.querySelector('.cm-map--local .cm-map__canvas'),
            '::after').backgroundImage""").count("linear-gradient") == len(cut.split())
        # moved to the end, the map no longer goes on there; the cue says so
        page.evaluate("""() => { const net = window.conceptMap, v = net.getViewPosition();
            net.moveTo({position: {x: v.x, y: v.y + 100000}, animation: false}); net.emit('dragEnd', {}); }""")
        page.wait_for_function("() => !(document.querySelector('.cm-map--local').getAttribute('data-cm-cut') || '')"
                               ".includes('bottom')")
    context.close()


def _swipe(cdp, x: float, y: float, dx: float, dy: float) -> None:
    """One finger from (x, y) by (dx, dy) in a quarter of a second, held still for a moment before
    it lifts (no fling: Chromium swallows the tap that stops one), as real touch events: Chromium's
    input pipeline decides on touch-action, scrolling and pointer events as for a finger."""
    import time
    t0 = time.time()
    touch = {"type": "touchStart", "touchPoints": [{"x": x, "y": y}], "timestamp": t0}
    cdp.send("Input.dispatchTouchEvent", touch)
    for i in range(1, 16):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "timestamp": t0 + i / 60,
                                              "touchPoints": [{"x": x + dx * i / 15, "y": y + dy * i / 15}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": [], "timestamp": t0 + 0.6})


VIEW_AT = "() => JSON.stringify(window.conceptMap.getViewPosition())"
# The page has stopped scrolling (a swipe's fling is over; a tap during a fling only stops it):
# scrollY the same over 10 polls (wait_for_function polls once a frame).
SETTLED = """() => { const w = window; w.__cmSame = w.__cmY === scrollY ? (w.__cmSame || 0) + 1 : 0;
    w.__cmY = scrollY; return w.__cmSame >= 10; }"""


def test_a_finger_over_a_map_scrolls_the_page_until_the_map_is_tapped(browser, real_site_url: str,
                                                                     shots: Path) -> None:
    """#24, no trap: on a phone a swipe up over a chapter's local map (80 % of the screen tall)
    scrolls the page instead of dragging the map; a tap gives the map the focus, and then the same
    swipe drags the map and the page stays; a tap outside gives the page back. The full map in full
    screen takes the finger at once. vis-network's touch library sets touch-action: none on its
    canvas: without concept-map.css' rules the first swipe moves the map and not the page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    try:
        page.goto(real_site_url + "layers/03-orchestration/")
        page.wait_for_function(READY, timeout=30000)
        page.locator(".cm-map--local .cm-map__canvas").evaluate("c => c.scrollIntoView({block: 'center'})")
        box = page.locator(".cm-map--local .cm-map__canvas").bounding_box()
        assert box["height"] > 844 / 2  # the finger lands on the map
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
        y0, at0 = page.evaluate("() => scrollY"), page.evaluate(VIEW_AT)
        _swipe(cdp, x, y, 0, -300)
        page.wait_for_function("y => scrollY > y + 100", arg=y0)
        page.wait_for_function(SETTLED)
        assert page.evaluate(VIEW_AT) == at0
        cue = page.locator(".cm-map--local .cm-map__cue")
        assert "タップ" in cue.inner_text()
        # a tap gives the map the focus: the same swipe drags the map, the page stays
        box = page.locator(".cm-map--local .cm-map__canvas").bounding_box()
        page.touchscreen.tap(box["x"] + 4, box["y"] + box["height"] - 4)
        page.wait_for_function("() => document.querySelector('.cm-map--local .cm-map__canvas')"
                               ".contains(document.activeElement)")
        assert "外をタップ" in cue.inner_text()
        page.screenshot(path=str(shots / "local-map-phone-tapped.png"))
        y1, at1 = page.evaluate("() => scrollY"), page.evaluate(VIEW_AT)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
        _swipe(cdp, x, y, 0, -300)
        page.wait_for_function("at => JSON.stringify(window.conceptMap.getViewPosition()) !== at", arg=at1)
        assert page.evaluate("() => scrollY") == y1
        # a tap outside the map gives the finger back to the page
        title = page.locator(".md-header__title").bounding_box()  # nothing to tap there
        page.touchscreen.tap(title["x"] + title["width"] / 2, title["y"] + title["height"] / 2)
        page.wait_for_function("() => !document.querySelector('.cm-map--local .cm-map__canvas')"
                               ".contains(document.activeElement)")
        at2 = page.evaluate(VIEW_AT)
        _swipe(cdp, x, y, 0, -300)
        page.wait_for_function("y => scrollY > y + 100", arg=y1)
        page.wait_for_function(SETTLED)
        assert page.evaluate(VIEW_AT) == at2
        # the full map, in full screen, moves under the finger without a tap
        page.goto(real_site_url + "concept-map/")
        page.wait_for_function("() => document.querySelector('.cm-map[data-cm-state=list]')", timeout=30000)
        page.locator(".cm-map__fullscreen").click()
        page.wait_for_function(READY, timeout=30000)
        at3 = page.evaluate(VIEW_AT)
        _swipe(cdp, 195, 500, 0, -250)
        page.wait_for_function("at => JSON.stringify(window.conceptMap.getViewPosition()) !== at", arg=at3)
    finally:
        context.close()


def test_a_local_map_fades_every_side_it_goes_on_past(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    """The cut cue's fade (data-cm-cut) covers each side listed, in any combination: the map
    dragged on a phone goes on above and below, or left and above (the rules faded one side
    only, right or bottom taking precedence)."""
    src = min(d["src"] for _, d in graph.nodes(data=True) if d["kind"] == "page")
    page = desk
    page.goto(real_site_url + src.removesuffix(".md") + "/")
    page.wait_for_function("() => document.querySelector('.cm-map--local .cm-map__canvas')")
    fades = """cut => { const m = document.querySelector('.cm-map--local'); m.setAttribute('data-cm-cut', cut);
        const bg = getComputedStyle(m.querySelector('.cm-map__canvas'), '::after').backgroundImage;
        return bg === 'none' ? [] : bg.split(/,\\s*(?=linear-gradient|none)/).filter(g => g !== 'none')
          .map(g => (/^linear-gradient\\(to (\\w+)/.exec(g) || [0, 'bottom'])[1]); }"""
    # each fade runs inwards; "to bottom" is the default, which the computed style leaves out
    towards = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
    for cut in ("right", "top", "top bottom", "top left", "right bottom", "top right bottom left"):
        assert sorted(page.evaluate(fades, cut)) == sorted(towards[side] for side in cut.split()), cut
    assert page.evaluate(fades, "") == []


def test_freshness_view_colours_nodes_by_review_age_with_a_text_legend(desk, real_site_url: str,
                                                                       graph_json: dict) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/?view=freshness")
    assert page.locator(".cm-map").get_attribute("data-cm-view") == "freshness"
    legend = page.locator(".cm-legend--freshness li")
    assert legend.count() == 4
    counted = sum(int(t.rsplit("：", 1)[1]) for t in legend.all_inner_texts())
    merged = page.evaluate("() => window.conceptMap.__cm.model.data.merged")
    assert counted == sum(1 for n in graph_json["nodes"] if n["kind"] != "layer" and n["id"] not in merged)
    # the buckets, on synthetic nodes (attribute names as graph.json carries them)
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    buckets = page.evaluate("""today => [{reviewed: today}, {reviewed: '2000-01-01'},
        {reviewed: today, stale: true}, {reviewed: ''}, {}].map(window.conceptMap.__cm.freshness)""", today)
    assert buckets == ["fresh", "old", "old", "unknown", "unknown"]
    # colour differs from the layer view, and a border style tells the buckets apart too
    # drawn in the bucket's colour (not the layer's), a border style telling the buckets apart too
    page.evaluate(NO_ANIMATIONS)
    borders = page.evaluate("""() => { const net = window.conceptMap;
        return net.body.data.nodes.get().filter(n => n.kind !== 'layer')
            .map(n => net.body.nodes[n.id].options.color.border); }""")
    assert set(borders) <= {"rgb(46,125,50)", "rgb(200,140,0)", "rgb(198,40,40)", "rgb(120,144,156)"}, set(borders)

"""The concept map in Debian's Chromium: the real site, plus a tiny site with a hostile label."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from conftest import ROOT, external_requests, mkdocs_build
from graph import render
from graph.labels import text_em

pytestmark = pytest.mark.browser

# Resolves once the map's view (position and scale) has been the same for 6 animation frames.
STILL = """() => new Promise(resolve => {
    let last = "", same = 0;
    const tick = () => {
        const v = JSON.stringify([window.conceptMap.getViewPosition(), window.conceptMap.getScale()]);
        same = v === last ? same + 1 : 0;
        last = v;
        if (same >= 6) resolve(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""
# Resolves once no CSS transition or animation of the document is running (after two frames, so
# that those started by a scroll event have begun).
NO_ANIMATIONS = """() => new Promise(resolve => {
    let frames = 0;
    const tick = () => {
        frames += 1;
        const running = document.getAnimations().some(a => a.playState === "running");
        if (frames > 2 && !running) resolve(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""
READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
EVIL = '<img src=x onerror="window.__xss=1">危険（XSS）'


@pytest.fixture(scope="module")
def graph_json(real_site: Path) -> dict:
    return json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(graph_json: dict) -> nx.DiGraph:
    return nx.node_link_graph(graph_json, edges="edges")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("CM_SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("concept-map-shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_map(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY, timeout=30000)


def a_concept(graph: nx.DiGraph) -> str:
    """A concept with an ASCII part in its label (for the English-name search)."""
    for n, d in sorted(graph.nodes(data=True)):
        if d["kind"] == "concept" and d.get("url") and any(c.isascii() and c.isalpha() for c in d["label"]):
            return n
    raise AssertionError("the real graph has no concept with an English name")


def click_node(page, node_id: str) -> None:
    """Centre the node, then click it with the mouse where it is drawn."""
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    page.evaluate("id => window.conceptMap.focus(id, {scale: 1.6, animation: false})", node_id)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    box = page.locator(".cm-map__canvas canvas").first.bounding_box()
    pos = page.evaluate("""id => {
        const p = window.conceptMap.getPositions([id])[id];
        return window.conceptMap.canvasToDOM(p);
    }""", node_id)
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
    assert len(graph_json["nodes"]) > 50
    assert counts["nodes"] == len(graph_json["nodes"])
    assert counts["edges"] == len(graph_json["edges"])
    assert sorted(counts["ids"]) == sorted(n["id"] for n in graph_json["nodes"])
    assert counts["drawn"] >= counts["nodes"]


def test_labels_are_drawn_with_our_line_breaks_within_their_width(page_tracker,
                                                                  real_site_url: str) -> None:
    """graph/labels.py breaks the labels with estimated widths; vis-network draws those lines
    (no widthConstraint of its own), and measured on the canvas each fits its budget."""
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    drawn = page.evaluate("""() => {
        const island = document.querySelector('template.cm-map-data');
        const data = JSON.parse(island.content.textContent);
        return data.nodes.map(n => {
            const label = window.conceptMap.body.nodes[n.id].labelModule;
            return {kind: n.kind, want: n.wrap || n.label, width: label.size.width,
                    size: label.fontOptions.size,
                    lines: label.lines.map(l => l.blocks.map(b => b.text).join(''))};
        }); }""")
    assert len(drawn) > 200 and sum("\n" in d["want"] for d in drawn) > 50
    assert [d for d in drawn if d["lines"] != d["want"].split("\n")] == []
    too_wide = []
    for d in drawn:
        max_em = render.LABEL_EM.get(d["kind"], render.DEFAULT_LABEL_EM)
        budget = max_em * d["size"]
        forced = any(text_em(line) > max_em for line in d["lines"])  # an overlong word
        if d["width"] > budget * 1.05 and not forced:
            too_wide.append((d["want"], round(d["width"]), budget))
    assert too_wide == []


def test_clicking_a_node_opens_its_section(page_tracker, real_site_url: str,
                                           graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    node = a_concept(graph)
    target = real_site_url + graph.nodes[node]["url"]
    click_node(page, node)
    page.wait_for_url(target, timeout=15000)
    assert page.url == target


def test_layer_filter_hides_exactly_that_layer(page_tracker, real_site_url: str,
                                               graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.locator("input[data-cm-layer='3']").uncheck()
    hidden = page.evaluate("""() => window.conceptMap.body.data.nodes.get()
        .filter(n => n.hidden).map(n => n.id)""")
    expected = [n for n, d in graph.nodes(data=True) if d.get("layer") == 3]
    assert expected and sorted(hidden) == sorted(expected)
    assert "layers=1%2C2%2C4%2C5" in page.url or "layers=1,2,4,5" in page.url
    page.locator("input[data-cm-layer='3']").check()
    assert page.evaluate("() => window.conceptMap.body.data.nodes.get().filter(n => n.hidden).length") == 0


def test_edge_kind_filter_hides_that_kind(page_tracker, real_site_url: str, graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "concept-map/")
    page.locator("input[data-cm-edge='reference']").uncheck()
    kinds = page.evaluate("""() => [...new Set(window.conceptMap.body.data.edges.get()
        .filter(e => e.hidden).map(e => e.kind))].sort()""")
    assert kinds == ["contains", "reference"]  # contains is off by default
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
                                                       graph_json: dict) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    ids = page.locator(".cm-fallback tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert sorted(ids) == sorted(n["id"] for n in graph_json["nodes"])
    assert page.locator(".cm-map__canvas").is_visible() is False
    link = page.locator(".cm-fallback tr[data-id] td a").first
    link.focus()  # keyboard-reachable links to other rows
    assert page.evaluate("() => document.activeElement.getAttribute('href').startsWith('#cm-n-')")
    context.close()


def test_chapter_shows_its_local_map(page_tracker, real_site_url: str, graph: nx.DiGraph) -> None:
    page = page_tracker
    open_map(page, real_site_url + "layers/01-llm/")
    page.wait_for_load_state("networkidle")
    expected = render.local_graph(graph, "layers/01-llm.md")
    got = page.evaluate("""() => ({n: window.conceptMap.body.data.nodes.length,
                                   e: window.conceptMap.body.data.edges.length})""")
    assert expected.number_of_nodes() > 5
    assert got == {"n": expected.number_of_nodes(), "e": expected.number_of_edges()}
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
    ("phone", "light", {"width": 390, "height": 844}),
])
def test_screenshots(browser, real_site_url: str, shots: Path, name: str, scheme: str,
                     viewport: dict) -> None:
    phone = viewport["width"] < 500
    context = browser.new_context(color_scheme=scheme, viewport=viewport, is_mobile=phone,
                                  has_touch=phone, device_scale_factor=2 if phone else 1)
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
    part = ".cm-map__canvas" if phone else ".cm-map__controls"
    page.evaluate("sel => document.querySelector(sel).scrollIntoView({block: 'start'})", part)
    page.evaluate(NO_ANIMATIONS)  # Material cross-fades the header title after a scroll
    path = shots / f"concept-map-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    context.close()


# ---------- a tiny site whose graph has a hostile label ----------

HOOK = """
from pathlib import Path
from graph import render
from graph.synthetic import synthetic_graph

G = synthetic_graph(40, seed=5, concept_label={evil!r})

def on_page_context(context, page, config, nav, **kwargs):
    page.content = render.page_html(page.content, G, page.file.src_uri,
                                    "../" * page.url.count("/"))
    return context

def on_post_build(config, **kwargs):
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
    page.goto(instant_site)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.conceptMap") is None
    page.evaluate("() => { window.__samePage = true; }")
    page.get_by_role("link", name="地図を開く").click()
    page.wait_for_function(READY, timeout=30000)
    assert page.evaluate("() => window.__samePage") is True  # no full page load
    assert page.evaluate("() => window.conceptMap.body.data.nodes.length") == 40
    node = "section:layers/02-communication.md#s1"
    click_node(page, node)
    page.wait_for_url(instant_site + "layers/02-communication/#s1", timeout=15000)
    page.wait_for_function(
        "() => document.querySelector('.cm-map--local[data-cm-state=ready]')", timeout=30000)
    assert page.evaluate("() => window.__samePage") is True
    local = page.evaluate("() => window.conceptMap.body.data.nodes.get().map(n => n.id)")
    assert node in local and len(local) < 40
    assert page.console_errors == [] and external_requests(page.requests) == []


def test_hostile_label_is_shown_as_text(page_tracker, evil_site: str) -> None:
    page = page_tracker
    open_map(page, evil_site + "concept-map/")
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
    row = page.locator(".cm-fallback tr[data-id='concept:c0'] th")
    assert row.inner_text() == EVIL
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert page.console_errors == []

"""Relation phrases on the map's canvas (#25): the selected (or hovered) node's relation edges carry
their linking phrase, shortened to the vocabulary's labelChars, the whole phrase in the canvas'
tooltip and in the panel; no other node's edges are labelled; boxes stay in sight and apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_concept_map_browser import READY

from graph.vocabulary import EDGES, RELATION

pytestmark = pytest.mark.browser

PHRASES = "() => window.conceptMap.__cm.phrases()"
CHARS = EDGES[RELATION].style.label_chars


def relation_counts(real_site: Path) -> dict[str, dict[str, str]]:
    """Each concept's outgoing relation edges in graph.json: target → phrase."""
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for e in data["edges"]:
        if e.get("kind") == RELATION:
            out.setdefault(e["source"], {})[e["target"]] = e["label"]
    return out


@pytest.fixture(scope="module")
def relations(real_site: Path) -> dict[str, dict[str, str]]:
    return relation_counts(real_site)


def busiest(relations: dict[str, dict[str, str]]) -> str:
    """A concept with the most relation edges, one of whose phrases is longer than CHARS."""
    fits = [c for c, r in relations.items() if any(len(p) > CHARS for p in r.values())]
    return max(sorted(fits), key=lambda c: len(relations[c]))


def open_focus(page, url: str, node: str) -> None:
    page.goto(url + "concept-map/?focus=" + node.removeprefix("concept:"))
    page.wait_for_function(READY, timeout=30000)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-phrases]')", timeout=15000)


def test_the_selected_nodes_relations_carry_their_phrases(desk, real_site_url: str, relations, shots: Path) -> None:
    node = busiest(relations)
    open_focus(desk, real_site_url, node)
    drawn = desk.evaluate(PHRASES)
    wanted = set(relations[node].values())
    assert len(drawn) == len(wanted) >= 3
    assert {d["full"] for d in drawn} == wanted
    for d in drawn:  # shortened to the vocabulary's limit, with 「…」 only when cut
        assert len(d["text"]) <= CHARS
        assert d["text"] == d["full"] if len(d["full"]) <= CHARS else d["text"] == d["full"][: CHARS - 1] + "…"
    assert any(d["text"].endswith("…") for d in drawn)
    # only the selected node's edges, and the panel reads the same phrases in full
    model_edges = desk.evaluate("""ids => ids.map(id => { const e = window.conceptMap.__cm.model.edgeById[id];
        return [e.from, e.to]; })""", [d["edge"] for d in drawn])
    assert all(node in ends for ends in model_edges)
    panel = desk.locator(".cm-panel__links dt", has_text="各層との関係").locator("xpath=following-sibling::dd[1]")
    assert all(any(p in t for t in panel.locator("li").all_inner_texts()) for p in wanted)
    # the boxes are apart and in the part of the canvas the panel leaves free
    boxes = desk.evaluate("""() => window.conceptMap.__cm.phrases().map(d => {
        const n = window.conceptMap, a = n.canvasToDOM({x: d.box.x - d.box.w / 2, y: d.box.y - d.box.h / 2}),
              b = n.canvasToDOM({x: d.box.x + d.box.w / 2, y: d.box.y + d.box.h / 2});
        return [a.x, a.y, b.x, b.y]; })""")
    width, height, panel_left = desk.evaluate("""() => { const c = document.querySelector('.cm-map__canvas');
        const p = document.querySelector('.cm-panel');
        return [c.clientWidth, c.clientHeight, p.getBoundingClientRect().left - c.getBoundingClientRect().left]; }""")
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        assert x0 >= -1 and x1 <= min(width, panel_left) + 1 and y0 >= -1 and y1 <= height + 1, (x0, y0, x1, y1)
        for u0, v0, u1, v1 in boxes[:i]:
            assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0, "phrase boxes overlap"
    desk.screenshot(path=str(shots / "map-relation-phrases-desktop.png"))
    # the tooltip over a shortened box is its whole phrase
    cut = next(i for i, d in enumerate(drawn) if d["text"].endswith("…"))
    x0, y0, x1, y1 = boxes[cut]
    frame = desk.locator(".cm-map__canvas").bounding_box()
    desk.mouse.move(frame["x"] + (x0 + x1) / 2, frame["y"] + (y0 + y1) / 2)
    desk.wait_for_function("t => document.querySelector('.cm-map__canvas').getAttribute('title') === t",
                           arg=drawn[cut]["full"])
    # no selection: no phrases
    desk.evaluate("() => window.conceptMap.__cm.clear()")
    desk.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] - 30)  # off the canvas: no hover
    desk.wait_for_function("() => window.conceptMap.__cm.phrases().length === 0")
    assert desk.get_attribute(".cm-map", "data-cm-phrases") in (None, "0")
    assert desk.console_errors == []


def test_a_node_without_relations_labels_nothing(desk, real_site_url: str, relations) -> None:
    data = json.loads(desk.context.request.get(real_site_url + "concept-map/graph.json").text())
    plain = sorted(n["id"] for n in data["nodes"] if n.get("kind") == "concept" and n["id"] not in relations
                   and not any(e.get("label") and n["id"] in (e["source"], e["target"]) for e in data["edges"]))
    assert plain
    open_focus(desk, real_site_url, plain[0])
    assert desk.get_attribute(".cm-map", "data-cm-phrases") == "0"
    # selecting a concept with relations labels its edges, and only those
    node = busiest(relations)
    desk.evaluate("id => window.conceptMap.__cm.select(id, {move: true})", node)
    desk.wait_for_function("n => window.conceptMap.__cm.phrases().length === n", arg=len(relations[node]))


def test_phrases_on_a_phone(browser, real_site_url: str, relations, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, color_scheme="dark")
    page = context.new_page()
    node = busiest(relations)
    page.goto(real_site_url + "concept-map/?focus=" + node.removeprefix("concept:"))
    page.wait_for_selector(".cm-map[data-cm-state=list]", timeout=30000)
    page.locator(".cm-map__fullscreen").click()
    page.wait_for_function(READY, timeout=30000)
    page.evaluate("id => window.conceptMap.__cm.select(id, {move: true})", node)
    page.wait_for_function("n => window.conceptMap.__cm.phrases().length === n", arg=len(relations[node]))
    # on a phone the bottom sheet covers the lower canvas: the boxes sit above it, inside the width
    boxes = page.evaluate("""() => window.conceptMap.__cm.phrases().map(d => {
        const n = window.conceptMap, a = n.canvasToDOM({x: d.box.x - d.box.w / 2, y: d.box.y - d.box.h / 2}),
              b = n.canvasToDOM({x: d.box.x + d.box.w / 2, y: d.box.y + d.box.h / 2});
        return [a.x, a.y, b.x, b.y]; })""")
    width, sheet_top = page.evaluate("""() => { const c = document.querySelector('.cm-map__canvas');
        return [c.clientWidth, document.querySelector('.cm-panel').getBoundingClientRect().top
                - c.getBoundingClientRect().top]; }""")
    assert all(x0 >= -1 and x1 <= width + 1 and y1 <= sheet_top + 1 for x0, _, x1, y1 in boxes), boxes
    page.screenshot(path=str(shots / "map-relation-phrases-phone.png"))
    context.close()


EDGES_PARAM = "() => new URLSearchParams(location.search).get('edges')"
# relation lines vis-network draws (zoomed in to the detail level, where the filters apply)
SHOWN = f"""() => {{ window.conceptMap.moveTo({{scale: 1.5, animation: false}}); window.conceptMap.__cm.relevel();
  return window.conceptMap.body.data.edges.get({{filter: e => e.kind === '{RELATION}' && !e.hidden}}).length; }}"""


def test_the_relation_check_box_shows_and_hides_relation_lines_by_keyboard(desk, real_site_url: str,
                                                                           relations) -> None:
    """#25: 表示するつながり has a check box for the relation kind (its label and kind from the
    vocabulary, off by default like the vocabulary says), operated with the keyboard; its state
    is the URL's edges= and survives a reload."""
    node = busiest(relations)
    open_focus(desk, real_site_url, node)
    box = desk.locator(f"input[data-cm-edge='{RELATION}']")
    label = desk.locator(f"label:has(input[data-cm-edge='{RELATION}'])")
    assert label.inner_text().strip() == EDGES[RELATION].label
    assert box.is_checked() is EDGES[RELATION].style.default is False
    assert desk.locator("input[data-cm-edge]").evaluate_all("bs => bs.map(b => b.dataset.cmEdge)") == list(EDGES)
    assert desk.evaluate(SHOWN) == 0
    box.focus()
    desk.keyboard.press("Space")
    desk.wait_for_function(f"() => ({EDGES_PARAM})() && ({EDGES_PARAM})().split(',').includes('{RELATION}')")
    assert box.is_checked()
    desk.wait_for_function(f"() => ({SHOWN})() > 0")
    desk.reload()
    desk.wait_for_function(READY, timeout=30000)
    assert desk.locator(f"input[data-cm-edge='{RELATION}']").is_checked()
    desk.locator(f"input[data-cm-edge='{RELATION}']").focus()
    desk.keyboard.press("Space")
    desk.wait_for_function(f"() => !(({EDGES_PARAM})() || '').split(',').includes('{RELATION}')")
    desk.wait_for_function(f"() => ({SHOWN})() === 0")
    assert desk.console_errors == []


# the drawn phrases: each with its edge's ends and whether its box (in page px) is clear of the panel
ALONG = """() => { const cm = window.conceptMap.__cm, net = window.conceptMap;
  const panel = document.querySelector('.cm-panel'), canvas = document.querySelector('.cm-map__canvas');
  const edge = canvas.getBoundingClientRect().left + (panel.hidden ? Infinity : panel.getBoundingClientRect().left
    - canvas.getBoundingClientRect().left);
  return cm.phrases().map(p => { const e = cm.model.edgeById[p.edge];
    const right = net.canvasToDOM({x: p.box.x + p.box.w / 2, y: p.box.y}).x + canvas.getBoundingClientRect().left;
    return {from: e.from, to: e.to, full: p.full, clear: right <= edge + 1}; }); }"""


def test_a_paths_edges_carry_their_phrases_clear_of_the_panel(desk, real_site_url: str, relations) -> None:
    """#25: 「XとYの関係」 between two concepts that a relation table links to the same chapter: the
    path runs through that chapter and the phrases of its relation edges are drawn along it (not
    only the selected node's), beside the panel, not under it."""
    by_target: dict[str, list[str]] = {}
    for concept, targets in sorted(relations.items()):
        for target in targets:
            if target.startswith("page:"):
                by_target.setdefault(target, []).append(concept)
    pairs = [(t, cs[i], cs[i + 1]) for t, cs in sorted(by_target.items()) for i in range(len(cs) - 1)]
    assert len(pairs) >= 3
    drawn: list[dict] = []
    target, a, b = pairs[0]
    for pair in pairs[:8]:  # two concepts may be linked more directly: then no chapter between
        target, a, b = pair
        desk.goto(real_site_url + f"concept-map/?from={a}&to={b}")
        desk.wait_for_function(READY, timeout=30000)
        desk.wait_for_function("() => document.querySelector('.cm-map[data-cm-dimmed]')", timeout=15000)
        drawn = desk.evaluate(ALONG)
        if drawn:
            break
    assert drawn, "no path between two concepts related to the same chapter carries a phrase"
    assert {d["full"] for d in drawn} & {relations[a][target], relations[b][target]}, drawn
    assert {d["full"] for d in drawn} <= {p for r in relations.values() for p in r.values()}
    assert not desk.evaluate("() => window.conceptMap.getSelectedNodes().length")  # no node selected
    assert all(d["clear"] for d in drawn), drawn
    assert desk.console_errors == []


def test_a_scenario_steps_path_so_far_carries_its_phrases(desk, real_site_url: str) -> None:
    """#25: ?scenario=&step=: the edges of the walk so far that a relation table labels carry their
    phrases; each drawn phrase joins two of the steps' nodes."""
    desk.goto(real_site_url + "concept-map/")
    desk.wait_for_function(READY, timeout=30000)
    # the real scenarios walk from concept to concept, which no relation table links directly
    # today: the test adds to the model the relation edge a table linking the second step's
    # concept to the third's would give (graph/relations.py: a cell that links a concept)
    found = desk.evaluate("""() => { const cm = window.conceptMap.__cm, m = cm.model;
      const s = m.data.scenarios[0], [u, v] = [s.steps[1].node, s.steps[2].node];
      const e = {id: 'test-rel', from: u, to: v, kind: 'relation', phrase: 'テストの言葉'};
      m.edges.push(e); m.edgeById[e.id] = e;
      m.adjacent[u].push({edge: e, other: v, out: true}); m.adjacent[v].push({edge: e, other: u, out: false});
      return {id: s.id, n: 3, nodes: s.steps.slice(0, 3).map(st => st.node)}; }""")
    desk.evaluate("f => window.conceptMap.__cm.walk(f.id, f.n)", found)
    desk.wait_for_function("() => Number(document.querySelector('.cm-map').getAttribute('data-cm-phrases')) > 0",
                           timeout=15000)
    drawn = desk.evaluate(ALONG)
    assert [d["full"] for d in drawn] == ["テストの言葉"], drawn
    assert all(d["from"] in found["nodes"] and d["to"] in found["nodes"] for d in drawn), drawn
    assert all(d["clear"] for d in drawn), drawn
    assert desk.console_errors == []

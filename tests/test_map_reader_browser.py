"""The full map as a reader moves around it (#24): selections and the phone's full screen are
history entries, the wheel scrolls the page unless the map has the focus or Ctrl is held, the
panel draws marks as SVG badges (no emoji), zoomed in only the focus' edges are strong, and the
layer filter refits the view."""

from __future__ import annotations

import re
from urllib.parse import quote

import networkx as nx
import pytest
from test_concept_map_browser import READY, a_concept, open_map

from conftest import NO_ANIMATIONS
from tests.support.browser import go_back, go_forward

pytestmark = pytest.mark.browser

EMOJI = r"/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F]/u"
STATE = """() => ({focus: new URLSearchParams(location.search).get('focus'),
                  selected: window.conceptMap.getSelectedNodes(),
                  panel: !document.querySelector('.cm-panel').hidden, path: location.pathname})"""


@pytest.fixture(scope="module")
def graph(real_site) -> nx.DiGraph:
    import json
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


def two_concepts(graph: nx.DiGraph) -> tuple[str, str]:
    first = a_concept(graph)
    second = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "concept" and n != first)
    return first, second


def test_back_after_two_selections_returns_to_the_first(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    a, b = two_concepts(graph)
    page.evaluate("id => window.conceptMap.__cm.select(id, {move: true})", a)
    page.evaluate("id => window.conceptMap.__cm.select(id, {move: true})", b)
    assert page.evaluate(STATE)["selected"] == [b]
    go_back(page)
    page.wait_for_function("a => window.conceptMap.getSelectedNodes()[0] === a", arg=a)
    state = page.evaluate(STATE)
    assert state["focus"] == a.removeprefix("concept:") and state["panel"]
    assert page.locator(".cm-panel__title").inner_text() == graph.nodes[a]["label"]
    go_back(page)
    page.wait_for_function("() => window.conceptMap.getSelectedNodes().length === 0")
    state = page.evaluate(STATE)
    assert state["focus"] is None and not state["panel"] and state["path"].endswith("/concept-map/")
    go_forward(page)
    page.wait_for_function("a => window.conceptMap.getSelectedNodes()[0] === a", arg=a)
    assert page.console_errors == []


def test_the_wheel_over_the_full_map_scrolls_the_page(desk, real_site_url: str) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    page.evaluate(NO_ANIMATIONS)
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    box = page.locator(".cm-map__canvas").bounding_box()
    y0, s0 = page.evaluate("() => [scrollY, window.conceptMap.getScale()]")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)
    page.wait_for_function("y => scrollY > y", arg=y0)
    assert page.evaluate("() => window.conceptMap.getScale()") == s0
    # Ctrl + wheel zooms the map (and not the page)
    box = page.locator(".cm-map__canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function("s => window.conceptMap.getScale() !== s", arg=s0)
    # with the focus on the map, the wheel zooms it
    page.locator(".cm-map__canvas").focus()
    s1, y1 = page.evaluate("() => [window.conceptMap.getScale(), scrollY]")
    box = page.locator(".cm-map__canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    page.wait_for_function("s => window.conceptMap.getScale() !== s", arg=s1)
    assert page.evaluate("() => scrollY") == y1


def test_panel_marks_are_svg_badges_and_no_emoji_is_shown(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    node = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "concept"
                and {graph.edges[n, m]["kind"] for m in graph.successors(n)} >= {"define", "use"})
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    badges = page.locator(".cm-panel__links dt .cm-mark")
    assert badges.count() >= 2
    assert page.locator(".cm-panel__links dt .cm-mark svg").count() == badges.count()
    names = badges.evaluate_all("els => els.map(e => e.getAttribute('role') + ':' + e.getAttribute('aria-label'))")
    assert set(names) >= {"img:定義（✅）", "img:利用（🔧）"}
    text = page.locator(".cm-panel").inner_text()
    assert "定義している層" in text and "使われる層" in text
    emoji = page.evaluate(f"() => [...document.body.innerText.matchAll(new RegExp({EMOJI}.source, 'gu'))]"
                          ".map(m => m[0])")
    assert emoji == []


def test_zoomed_in_only_the_focus_edges_are_drawn_strongly(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    page.evaluate("() => { window.conceptMap.moveTo({scale: 1.5, animation: false}); "
                  "window.conceptMap.__cm.relevel(); }")
    context = page.evaluate("() => window.conceptMap.__cm.model.data.vocab.edgeContext")
    assert 0 < context["alpha"] <= 0.2 and context["width"] <= 1  # graph/vocabulary.py CONTEXT_LINE
    lines = page.evaluate("""() => Object.values(window.conceptMap.body.edges).filter(e => !e.options.hidden)
        .map(e => ({kind: window.conceptMap.body.data.edges.get(e.id).kind, width: e.options.width,
                    faint: e.options.color.color, strong: e.options.color.highlight,
                    hover: e.options.color.hover}))""")
    assert len(lines) > 50
    assert sum(x["kind"] == "reference" for x in lines) > 20  # the pink, dashed ones of the screenshots
    alpha = lambda c: float(c.rsplit(",", 1)[1].rstrip(")")) if c.startswith("rgba") else 1.0  # noqa: E731
    # nothing focused: every line (the references too) is faint and thin; its focus colour is strong
    assert all(alpha(x["faint"]) <= context["alpha"] + 1e-9 and x["width"] == context["width"]
               and alpha(x["strong"]) >= 0.6 and x["hover"] == x["strong"] for x in lines)
    node = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "section"
                and any(graph.edges[n, m].get("kind") == "reference" for m in graph.successors(n)))
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-dimmed]')")
    # vis-network draws the selected node's edges in the strong colour, and the overlay again
    # over the veil in the kind's full colour (its contrast: test_map_contrast_browser)
    selected = page.evaluate("""id => window.conceptMap.body.nodes[id].edges.filter(e => !e.options.hidden)
        .map(e => e.selected || e.from.selected || e.to.selected)""", node)
    assert selected and all(selected)
    drawn = page.evaluate("() => window.conceptMap.__cm.drawnLines()")
    assert any(line["kind"] == "reference" and alpha(line["colour"]) == 1.0 for line in drawn)


INSIDE = """() => {
    const net = window.conceptMap, c = document.querySelector('.cm-map__canvas');
    const ids = net.body.data.nodes.getIds({filter: n => !n.hidden});
    const pos = net.getPositions(ids);
    return ids.every(id => { const p = net.canvasToDOM(pos[id]);
        return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); }"""


def test_filtering_layers_refits_the_view(desk, real_site_url: str) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    page.evaluate(NO_ANIMATIONS)
    # zoomed in on a corner: most of the map is out of view
    page.evaluate("() => window.conceptMap.moveTo({scale: 2.5, position: {x: 0, y: 0}, animation: false})")
    assert not page.evaluate(INSIDE)
    for n in (1, 2, 3, 4):
        page.locator(f"input[data-cm-layer='{n}']").uncheck()
    page.wait_for_function(INSIDE, timeout=10000)  # what is left fits the canvas
    assert page.evaluate("() => window.conceptMap.getScale()") < 2.5


def test_phone_full_screen_is_a_history_entry(browser, real_site_url: str, graph: nx.DiGraph) -> None:
    context, page = phone_list(browser, real_site_url)
    full = "() => document.querySelector('.cm-map').classList.contains('cm-map--fullscreen')"
    page.locator(".cm-map__fullscreen").click()
    page.wait_for_function(READY, timeout=30000)
    a, b = two_concepts(graph)
    page.evaluate("id => window.conceptMap.__cm.select(id)", a)
    page.evaluate("id => window.conceptMap.__cm.select(id)", b)
    go_back(page)  # the selection before
    page.wait_for_function("a => window.conceptMap.getSelectedNodes()[0] === a", arg=a)
    assert page.evaluate(full)
    page.locator(".cm-map__fullscreen").click()  # 一覧に戻る: back past the full screen's entries
    page.wait_for_function(f"() => !({full})()")
    assert page.url.endswith("/concept-map/")
    # Back from the full screen closes it and stays on the page
    page.locator(".cm-map__fullscreen").click()
    page.wait_for_function(full)
    go_back(page)
    page.wait_for_function(f"() => !({full})()")
    assert page.url.endswith("/concept-map/")
    assert page.locator(".cm-map__list").is_visible()
    context.close()


@pytest.mark.parametrize("touch", [False, True])
def test_short_instructions_in_touch_or_pointer_wording(browser, real_site_url: str, touch: bool) -> None:
    size = {"width": 390, "height": 844} if touch else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=size, is_mobile=touch, has_touch=touch)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    shown = page.locator(".cm-hint:visible").all_inner_texts()
    assert len(shown) == 1
    assert ("タップ" in shown[0]) == touch and ("クリック" in shown[0]) == (not touch)
    # the instructions are short: the map starts within the first screen
    top = page.evaluate("() => document.querySelector('.cm-map').getBoundingClientRect().top + scrollY")
    assert top < size["height"] * (0.5 if touch else 0.4)
    context.close()


def test_a_shortened_name_is_shown_whole_on_hover_and_selection(desk, real_site_url: str) -> None:
    page = desk
    open_map(page, real_site_url + "concept-map/")
    page.evaluate(NO_ANIMATIONS)
    node = page.evaluate("""() => { const m = window.conceptMap.__cm.model;
        const n = m.nodes.find(n => n.kind === 'concept' && (n.short || '').includes('…'));
        return n && n.id; }""")
    if node is None:
        pytest.skip("no concept name is shortened in the overview")
    label = page.evaluate("id => window.conceptMap.__cm.model.byId[id].label", node)
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    pos = page.evaluate("""id => window.conceptMap.canvasToDOM(window.conceptMap.getPositions([id])[id])""", node)
    box = page.locator(".cm-map__canvas").bounding_box()
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tip = page.locator(".vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    assert label in tip.inner_text()
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    assert page.locator(".cm-panel__title").inner_text() == label
    # the canvas's accessible name says which node is selected, by its full name
    name = page.locator(".cm-map__canvas").get_attribute("aria-label")
    assert name.startswith(f"選択中：{label}。")
    page.evaluate("() => window.conceptMap.__cm.clear()")
    assert "選択中" not in page.locator(".cm-map__canvas").get_attribute("aria-label")


def test_the_panel_lists_the_using_sections_with_their_chapter(desk, real_site_url: str) -> None:
    """A concept's 「使われている節」: the other layers' sections that use it (graph/usage.py), each
    named 「第N層 §x-y name」 (a chapter: 「第N層 章の冒頭」) and a link that selects it."""
    page = desk
    open_map(page, real_site_url + "concept-map/")
    used = page.evaluate("""() => { const m = window.conceptMap.__cm.model;  // indexes -> ids
      return Object.fromEntries(Object.entries(m.data.usedIn).map(([c, u]) => [c, u.map((i) => m.nodes[i].id)])); }""")
    concept = max(sorted(used), key=lambda c: len(used[c]))
    assert len(used[concept]) >= 2
    page.evaluate("id => window.conceptMap.__cm.select(id)", concept)
    heading = page.locator(".cm-panel__links dt.cm-panel__used")
    assert heading.inner_text() == f"使われている節（{len(used[concept])}）"
    links = page.locator(".cm-panel__links dt.cm-panel__used + dd a")
    texts = links.all_inner_texts()
    assert len(texts) == len(used[concept])
    assert all(re.fullmatch(r"第[1-5]層 (§\d+(-\d+)* \S.*|章の冒頭|\S.*)", t) for t in texts), texts
    assert any(re.match(r"第[1-5]層 §\d", t) for t in texts), texts
    links.last.click()
    page.wait_for_function("id => window.conceptMap.getSelectedNodes()[0] === id", arg=used[concept][-1])
    assert page.console_errors == []


def test_the_panel_and_the_edge_tooltip_name_the_faces_of_layer_2(desk, real_site_url: str,
                                                                  graph: nx.DiGraph) -> None:
    """A concept defined on one face of layer 2 and used on the other (its 早見表 row: 2A 🔧, 2B ✅):
    the panel lists 第2層 under both 定義している層 and 使われる層, each with its face, and the
    tooltip of the edge names it too."""
    page = desk
    open_map(page, real_site_url + "concept-map/")
    node = "concept:ツール結果"
    assert graph.edges[node, "layer:2"]["face_kinds"] == "A:use B:define"
    page.evaluate("id => window.conceptMap.__cm.select(id)", node)
    groups = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.cm-panel__links dt')]
        .map(dt => [dt.textContent.trim().replace(/（\\d+）$/, ''), dt.nextElementSibling.textContent]))""")
    assert "第2層 通信層（2B）" in groups["定義している層"], groups
    assert "第2層 通信層（2A）" in groups["使われる層"], groups
    tip = page.evaluate("""id => {
      const net = window.conceptMap;
      const e = net.__cm.model.edges.find(x => x.from === id && x.to === 'layer:2' && x.kind === 'use');
      net.body.emitter.emit('hoverEdge', {edge: e.id});  // as vis-network does on hover
      return net.body.data.edges.get(e.id).title.textContent;
    }""", node)
    assert tip.splitlines()[:2] == [f"{graph.nodes[node]['label']} → 第2層 通信層（2A）", "利用"]
    assert page.console_errors == []


def phone_list(browser, real_site_url: str):
    """A phone (390×844, touch) on the map page, once it shows its list by layer: (context, page)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-state=list]')", timeout=30000)
    return context, page


def test_phone_map_at_a_top_band_node_leaves_no_empty_screen_above_the_map(browser, real_site_url: str) -> None:
    """「地図で見る」 on a phone at a node of the top band (layer 5): the view stops at the band's
    top edge instead of centring the node under an empty half screen; the node stays in view."""
    context, page = phone_list(browser, real_site_url)
    page.locator(".cm-map__list details[data-layer='5'] .cm-map__show").first.click()
    page.wait_for_function(READY, timeout=30000)
    page.wait_for_function("() => window.conceptMap.getSelectedNodes().length === 1")
    page.wait_for_function("""() => { const net = window.conceptMap, m = net.__cm.model;
        const top = Math.min(...m.bands.map(b => b.top));
        return net.canvasToDOM({x: 0, y: top}).y <= 1; }""", timeout=5000)
    inside = page.evaluate("""() => { const net = window.conceptMap, id = net.getSelectedNodes()[0];
        const p = net.canvasToDOM(net.getPositions([id])[id]), c = document.querySelector('.cm-map__canvas');
        return p.y > 0 && p.y < c.clientHeight && p.x > 0 && p.x < c.clientWidth; }""")
    assert inside
    context.close()


def test_phone_map_at_a_bottom_band_node_shows_it_above_the_panel(browser, real_site_url: str) -> None:
    """「地図で見る」 on a phone at the lowest node of the bottom band (layer 1): the view stops at
    the bands' bottom edge for the part the panel (a bottom sheet) leaves free, so the node sits
    above the sheet, not under it (view.centreOn clamped the whole canvas to the bands)."""
    context, page = phone_list(browser, real_site_url)
    page.locator(".cm-map__list details[data-layer='1'] .cm-map__show").first.click()
    page.wait_for_function(READY, timeout=30000)
    lowest = page.evaluate("""() => { const m = window.conceptMap.__cm.model;
        const low = m.nodes.filter(n => n.layer === 1 && n.kind === m.k.concept).sort((a, b) => b.y - a.y)[0];
        window.conceptMap.__cm.select(low.id, { move: true, scale: 1.2, replace: true }); return low.id; }""")
    page.wait_for_function("""id => { const net = window.conceptMap, p = net.canvasToDOM(net.getPositions([id])[id]);
        const panel = document.querySelector('.cm-panel');
        return getComputedStyle(panel).position === 'fixed' && !panel.hidden
          && p.y > 0 && p.y < panel.getBoundingClientRect().top - 20; }""", arg=lowest, timeout=5000)
    context.close()


def test_phone_list_search_knows_synonyms_and_says_when_nothing_matches(browser, real_site_url: str) -> None:
    """The phone's list is filtered with the map search's vocabulary (#24: 「拡張思考」「prompt
    caching」 found nothing there, unlike on the desktop map); a query that matches nothing says so
    in a polite status with the nearest rows instead of leaving only empty layer groups."""
    context, page = phone_list(browser, real_site_url)
    status = page.locator(".cm-map__liststatus")
    assert status.get_attribute("role") == "status" and status.text_content() == ""
    shown = ("() => [...document.querySelectorAll('.cm-map__list li')].filter(li => li.offsetParent)"
             ".map(li => li.textContent)")
    for query, wanted in (("拡張思考", "思考ブロック"), ("prompt caching", "プロンプトキャッシュ")):
        page.locator("input.cm-map__search").fill(query)
        page.wait_for_function(f"w => ({shown})().some(t => t.includes(w))", arg=wanted, timeout=5000)
        assert status.text_content() == ""
    page.locator("input.cm-map__search").fill("プロンプトキャシング")  # misspelt: nothing, the nearest rows
    page.wait_for_function("() => document.querySelector('.cm-map__liststatus').textContent"
                           ".includes('一致する項目はありません')", timeout=5000)
    assert "プロンプトキャッシュ" in status.text_content()
    visible = page.evaluate(shown)
    assert 1 <= len(visible) <= 3 and any("プロンプトキャッシュ" in t for t in visible)
    assert page.locator(".cm-map__list details:visible").count() <= len(visible)
    page.locator("input.cm-map__search").fill("")
    page.wait_for_function("() => document.querySelector('.cm-map__liststatus').textContent === ''")
    assert page.locator(".cm-map__list details:visible").count() == 5
    context.close()


def test_phone_list_search_is_the_only_search_after_the_full_screen_map(browser, real_site_url: str) -> None:
    """Once the full-screen map has been opened and closed, the box above the list still only
    filters the list: the map search's results (whose picks select on a hidden canvas) stay shut
    and its status silent, so a screen reader hears 'nothing matched' once, from the list."""
    context, page = phone_list(browser, real_site_url)
    page.locator(".cm-map__fullscreen").click()
    page.wait_for_function(READY, timeout=30000)
    page.locator(".cm-map__fullscreen").click()  # 一覧に戻る
    page.wait_for_function("() => !document.querySelector('.cm-map--fullscreen')")
    page.locator("input.cm-map__search").fill("プロンプトキャシング")
    page.wait_for_function("() => document.querySelector('.cm-map__liststatus').textContent"
                           ".includes('一致する項目はありません')", timeout=5000)
    page.locator("input.cm-map__search").press("Enter")
    assert page.locator(".cm-map__results").first.is_hidden()
    assert page.locator(".cm-map__searchstatus").text_content() == ""
    assert page.evaluate("() => window.conceptMap.getSelectedNodes().length") == 0
    context.close()


def test_phone_focus_link_marks_and_shows_the_concept_in_the_list(browser, real_site_url: str,
                                                                  graph: nx.DiGraph) -> None:
    """「地図で見る」 from a chapter on a phone (?focus=<concept>): the list shows that concept's row,
    marked as the current one (aria-current and an outline), instead of the top of the list."""
    concept = next(n for n, d in sorted(graph.nodes(data=True))
                   if d["kind"] == "concept" and d.get("layer") == 1)  # layer 1: the list's last group
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(real_site_url + "concept-map/?focus=" + quote(concept.removeprefix("concept:"), safe=""))
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-state=list]')", timeout=30000)
    row = page.locator(f".cm-map__list li[data-id='{concept}']")
    assert row.get_attribute("aria-current") == "true"
    assert page.locator(".cm-map__list li[aria-current]").count() == 1
    page.wait_for_function("""id => { const r = [...document.querySelectorAll('.cm-map__list li[data-id]')]
        .find(li => li.dataset.id === id).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; }""", arg=concept, timeout=5000)
    assert page.evaluate("id => getComputedStyle([...document.querySelectorAll('.cm-map__list li[data-id]')]"
                         ".find(li => li.dataset.id === id)).outlineStyle", concept) == "solid"
    context.close()


def test_local_map_lines_are_half_strength_until_their_node_is_focused(desk, real_site_url: str) -> None:
    """A chapter's local map draws its lines as context (the vocabulary's edgeContextLocal, below
    the labels they cross) and the hovered or selected node's lines in full."""
    page = desk
    open_map(page, real_site_url + "layers/05-ui-operations/")
    context = page.evaluate("() => window.conceptMap.__cm.model.data.vocab.edgeContextLocal")
    assert 0.2 <= context["alpha"] <= 0.5  # graph/vocabulary.py LOCAL_CONTEXT_LINE
    lines = page.evaluate("""() => Object.values(window.conceptMap.body.edges).filter(e => !e.options.hidden)
        .map(e => ({faint: e.options.color.color, strong: e.options.color.highlight,
                    hover: e.options.color.hover}))""")
    assert len(lines) > 20
    alpha = lambda c: float(c.rsplit(",", 1)[1].rstrip(")")) if c.startswith("rgba") else 1.0  # noqa: E731
    assert all(alpha(x["faint"]) <= context["alpha"] + 1e-9 and alpha(x["strong"]) >= 0.6
               and x["hover"] == x["strong"] for x in lines)
    node = page.evaluate("""() => { const net = window.conceptMap;
        return Object.values(net.body.nodes).find(n => n.edges.length > 2 && !n.options.hidden).id; }""")
    page.evaluate("id => window.conceptMap.selectNodes([id])", node)
    selected = page.evaluate("""id => window.conceptMap.body.nodes[id].edges.filter(e => !e.options.hidden)
        .map(e => e.selected || e.from.selected || e.to.selected)""", node)
    assert selected and all(selected)

"""「XとYの関係」 on the map (#25): ?from=&to= highlights the shortest meaningful path and the
panel reads it as numbered steps with links; Back restores it."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_concept_map_browser import READY

from tests.support.browser import go_back

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def graph(real_site) -> nx.DiGraph:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


def pairs(graph: nx.DiGraph) -> list[tuple[str, str]]:
    """Concepts of different layers, two or more hops apart."""
    first = {}
    for n, d in sorted(graph.nodes(data=True)):
        if d["kind"] == "concept" and d.get("layer") in (1, 3, 4, 5):
            first.setdefault(d["layer"], n)
    return [(first[1], first[4]), (first[5], first[3]), (first[4], first[1])]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_from_to_reads_the_path_as_linked_steps(browser, real_site_url: str, graph: nx.DiGraph, which: int) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    a, b = pairs(graph)[which]
    url = real_site_url + "concept-map/?from=" + a.removeprefix("concept:") + "&to=" + b.removeprefix("concept:")
    page.goto(url)
    page.wait_for_function(READY, timeout=30000)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    title = page.locator(".cm-panel__title").inner_text()
    assert graph.nodes[a]["label"] in title and graph.nodes[b]["label"] in title
    first = page.locator(".cm-panel__links dd").first.locator("ol.cm-path__steps > li")
    assert first.count() >= 2
    assert all(t.endswith("）") and "。" in t for t in first.all_inner_texts())
    assert first.first.locator("a").count() == 2
    on_path = int(page.get_attribute(".cm-map", "data-cm-path"))
    assert on_path == first.count() + 1
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-dimmed]')")  # highlighted
    assert page.evaluate("() => window.conceptMap.__cm.pathMs()") > 0
    # a step's link selects that node (a history entry); Back brings the path back
    link = first.first.locator("a").last
    target = link.inner_text()
    link.click()
    page.wait_for_function("t => document.querySelector('.cm-panel__title').textContent === t", arg=target)
    assert page.get_attribute(".cm-map", "data-cm-path") is None
    go_back(page)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    assert graph.nodes[a]["label"] in page.locator(".cm-panel__title").inner_text()
    assert "from=" in page.url and "to=" in page.url
    assert errors == []
    context.close()


def test_from_here_then_another_node_shows_their_path(browser, real_site_url: str, graph: nx.DiGraph) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    a, b = pairs(graph)[0]
    page.evaluate("id => window.conceptMap.__cm.select(id)", a)
    page.locator(".cm-panel__from").focus()
    page.keyboard.press("Enter")  # keyboard only
    page.evaluate("id => window.conceptMap.__cm.select(id)", b)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    assert "from=" in page.url and "to=" in page.url
    assert page.locator("ol.cm-path__steps").count() >= 1
    go_back(page)  # the selection of a, before the path
    page.wait_for_function("() => !document.querySelector('.cm-map[data-cm-path]')")
    assert page.locator(".cm-panel__title").inner_text() == graph.nodes[a]["label"]
    context.close()


def test_the_panel_lists_relations_with_their_phrases(browser, real_site_url: str, graph: nx.DiGraph) -> None:
    relations = [(u, v, d["label"]) for u, v, d in graph.edges(data=True) if d["kind"] == "relation" and d.get("label")]
    if not relations:
        pytest.skip("graph.json has no relation edges")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    shown = page.evaluate("() => window.conceptMap.__cm.model.edges.filter(e => e.phrase).length")
    assert shown > 0
    u = page.evaluate("() => window.conceptMap.__cm.model.edges.find(e => e.phrase).from")  # its source
    phrase = page.evaluate("() => window.conceptMap.__cm.model.edges.find(e => e.phrase).phrase")
    page.evaluate("id => window.conceptMap.__cm.select(id)", u)
    heading = page.locator(".cm-panel__links dt", has_text="各層との関係")
    assert heading.count() == 1
    items = page.locator(".cm-panel__links dt:first-child + dd li").all_inner_texts()
    assert heading.inner_text().startswith("各層との関係")
    assert any(t.endswith("：" + phrase) or ("：" + phrase + "／") in t or ("／" + phrase) in t for t in items)
    context.close()


def test_two_boxes_with_suggestions_show_the_path_by_keyboard(desk, real_site_url: str, graph: nx.DiGraph) -> None:
    """出発・到着: the map search's suggestions under each box (↓ reaches them, Enter picks);
    Enter in the second box shows the path, with both ends in the URL."""
    a, b = pairs(graph)[1]
    page = desk
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    page.locator("#cm-from").focus()
    page.keyboard.type(graph.nodes[a]["label"][:4])
    suggestion = page.locator("#cm-from ~ .cm-map__suggest [role=option]").first
    suggestion.wait_for()
    picked = suggestion.get_attribute("data-id")
    page.keyboard.press("ArrowDown")  # the first suggestion
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.querySelector('#cm-from').getAttribute('data-id') === id", arg=picked)
    page.locator("#cm-to").focus()
    page.keyboard.type(graph.nodes[b]["label"])
    page.keyboard.press("Enter")  # the form: the best match of what is typed
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    title = page.locator(".cm-panel__title").inner_text()
    assert page.evaluate("id => window.conceptMap.__cm.model.byId[id].label", picked) in title
    assert graph.nodes[b]["label"] in title
    assert page.locator(".cm-panel__links ol.cm-path__steps").count() >= 1
    assert "from=" in page.url and "to=" in page.url
    # an end that matches nothing: a message, no path
    page.locator("#cm-to").fill("存在しない概念ｘｙｚ")
    page.locator(".cm-map__pathgo").click()
    assert "見つかりませんでした" in page.locator(".cm-map__pathmsg").inner_text()
    # an empty end: the message names the box, not an empty 「」
    page.locator("#cm-to").fill("")
    page.locator(".cm-map__pathgo").click()
    msg = page.locator(".cm-map__pathmsg").inner_text()
    assert "到着に概念の名前を入れてください" in msg and "「」" not in msg, msg
    assert page.evaluate("() => document.activeElement.id") == "cm-to"
    assert page.console_errors == []


COMBO = """sel => {
  const i = document.querySelector(sel);
  const l = document.getElementById(i.getAttribute('aria-controls'));
  const opts = l ? [...l.querySelectorAll('[role=option]')] : [];
  const a = i.getAttribute('aria-activedescendant');
  const o = a && document.getElementById(a);
  return { role: i.getAttribute('role'), expanded: i.getAttribute('aria-expanded'), list: l && l.getAttribute('role'),
           shown: Boolean(l && !l.hidden), options: opts.length,
           active: o && l.contains(o) && o.getAttribute('aria-selected') === 'true' ? o.getAttribute('data-id') : null,
           second: opts[1] ? opts[1].getAttribute('data-id') : null,
           first: opts.length ? opts[0].getAttribute('data-id') : null,
           last: opts.length ? opts[opts.length - 1].getAttribute('data-id') : null,
           value: i.value, picked: i.getAttribute('data-id'), focused: document.activeElement === i };
}"""


def test_the_path_boxes_are_comboboxes_by_keyboard(desk, real_site_url: str) -> None:
    """Each box is a combobox over a listbox it controls: aria-expanded follows the list, ↓ / ↑
    move the active option (aria-activedescendant, the focus stays in the box), Enter picks it,
    Tab away closes the list (no timer)."""
    page = desk
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    for box in ("#cm-from", "#cm-to"):
        c = page.evaluate(COMBO, box)
        assert (c["role"], c["expanded"], c["list"], c["shown"]) == ("combobox", "false", "listbox", False), c
    page.locator("#cm-from").focus()
    page.keyboard.type("キャッシュ")
    page.wait_for_function(f"() => ({COMBO})('#cm-from').options >= 2")
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["expanded"], c["shown"], c["active"]) == ("true", True, None), c
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the second suggestion
    c = page.evaluate(COMBO, "#cm-from")
    second = c["second"]
    assert second and c["active"] == second and c["focused"], c
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks it; the form is not sent
    c = page.evaluate(COMBO, "#cm-from")
    assert c["picked"] == second, c
    label = page.evaluate("id => window.conceptMap.__cm.model.byId[id].label", c["picked"])
    assert (c["value"], c["expanded"], c["shown"], c["focused"]) == (label, "false", False, True), c
    assert "from=" not in page.url
    # typed again, then Tab away: the list closes at once
    page.keyboard.press("Control+A")
    page.keyboard.type("MCP")
    page.wait_for_function(f"() => ({COMBO})('#cm-from').options >= 1")
    page.keyboard.press("Tab")
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["expanded"], c["shown"], c["focused"]) == ("false", False, False), c
    # ↓ on a closed box opens the list at its first option, ↑ at its last (ARIA APG combobox);
    # Esc closes it
    page.locator("#cm-from").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"() => ({COMBO})('#cm-from').active !== null")
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["expanded"], c["active"]) == ("true", c["first"]), c
    page.keyboard.press("Escape")
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["expanded"], c["shown"]) == ("false", False), c
    page.keyboard.press("ArrowUp")
    page.wait_for_function(f"() => ({COMBO})('#cm-from').active !== null")
    c = page.evaluate(COMBO, "#cm-from")
    assert c["options"] >= 2 and (c["expanded"], c["active"]) == ("true", c["last"]), c
    page.keyboard.press("Escape")
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["expanded"], c["shown"]) == ("false", False), c
    # a pointer: the option clicked is picked (the box keeps the focus meanwhile)
    page.keyboard.type("ツール")
    option = page.locator("#cm-from ~ .cm-map__suggest [role=option]").first
    option.wait_for()
    wanted = option.get_attribute("data-id")
    option.click()
    c = page.evaluate(COMBO, "#cm-from")
    assert (c["picked"], c["shown"], c["focused"]) == (wanted, False, True), c
    assert page.console_errors == []


@pytest.mark.parametrize("which", [0, 2])
def test_phone_reads_the_path_as_a_list_without_the_canvas(browser, real_site_url: str, graph: nx.DiGraph,
                                                           which: int) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    a, b = pairs(graph)[which]
    page.goto(real_site_url + "concept-map/?from=" + a.removeprefix("concept:") + "&to=" + b.removeprefix("concept:"))
    page.wait_for_selector(".cm-map[data-cm-state=list]", timeout=30000)
    answer = page.locator(".cm-answer")
    assert graph.nodes[a]["label"] in answer.locator(".cm-answer__title").inner_text()
    assert answer.locator(".cm-answer__ends li").count() == 2  # the two concepts' cards
    steps = answer.locator("ol.cm-path__steps").first.locator("> li")
    assert steps.count() >= 2
    assert steps.first.locator("a").count() >= 1  # linked to the sections
    assert page.locator(".cm-map__canvas").is_hidden()
    assert answer.is_visible()
    context.close()


def test_the_two_boxes_know_the_search_synonyms(desk, real_site_url: str) -> None:
    """出発・到着 use the map search's vocabulary (cards.json: search_ja/synonyms.tsv and aliases):
    「拡張思考」 suggests 思考ブロック, and 「prompt caching」 typed and sent is プロンプトキャッシュ."""
    page = desk
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    page.locator("#cm-from").focus()
    page.keyboard.type("拡張思考")
    page.locator("#cm-from ~ .cm-map__suggest [role=option]", has_text="思考ブロック").first.wait_for()
    page.locator("#cm-to").focus()
    page.keyboard.type("prompt caching")
    page.locator("#cm-to ~ .cm-map__suggest [role=option]", has_text="プロンプトキャッシュ").first.wait_for()
    page.keyboard.press("Enter")  # the form, with what is typed in both boxes
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    title = page.locator(".cm-panel__title").inner_text()
    assert "思考ブロック" in title and "プロンプトキャッシュ" in title, title
    assert page.console_errors == []

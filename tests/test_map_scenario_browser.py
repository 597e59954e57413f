"""「シナリオで読む」 played on the map (#25): ?scenario=<id>&step=<n> selects the step's node,
highlights the steps so far, and the panel shows the scenario, 「手順 n / N」, the step's text and
「この節を開く」; 前へ／次へ and ← / → move, each move a history entry (Back restores); Esc leaves
the walk; keyboard only; the 「シナリオで読む」 page links every step to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_concept_map_browser import READY

from tests.support.browser import go_back, go_forward

pytestmark = pytest.mark.browser

WALK = "() => document.querySelector('.cm-map').getAttribute('data-cm-walk')"
# the step the map is at, set at once by a move (data-cm-walk follows a frame later: reading it
# right after a key could not see a wrong move yet)
STEP = "() => window.conceptMap.__cm.state.step"
FOCUSED_STEP = ("() => { const a = document.activeElement;"
                " return a && a.closest('.cm-walk__steps') && a.getAttribute('aria-current') === 'step'"
                " ? a.textContent : ''; }")


@pytest.fixture(scope="module")
def scenarios(real_site: Path) -> list[dict]:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    return data["graph"]["scenarios"]


def at_step(page, sid: str, n: int) -> None:
    page.wait_for_function(f"w => ({WALK})() === w", arg=f"{sid}:{n}")


def open_walk(page, base: str, sid: str, n: int) -> None:
    """The map opened at step n of scenario `sid`, drawn and on that step."""
    page.goto(base + f"concept-map/?scenario={sid}&step={n}")
    page.wait_for_function(READY, timeout=30000)
    at_step(page, sid, n)


def step_link(page, i: int) -> str:
    """The text of the panel's link to step i + 1."""
    return page.evaluate("i => document.querySelectorAll('.cm-walk__steps a')[i].textContent", i)


def panel(page) -> dict:
    return page.evaluate("""() => ({
        title: document.querySelector('.cm-panel__title').textContent,
        meta: document.querySelector('.cm-panel__meta').textContent,
        text: document.querySelector('.cm-panel__summary').textContent,
        open: document.querySelector('.cm-panel__open').getAttribute('href'),
        current: [...document.querySelectorAll('.cm-walk__steps [aria-current=step]')].map(a => a.textContent),
        selected: window.conceptMap.getSelectedNodes(),
        highlighted: Number(document.querySelector('.cm-map').getAttribute('data-cm-dimmed') || 0),
    })""")


def test_a_step_shows_its_text_node_and_the_steps_so_far(desk, real_site_url: str, scenarios: list[dict]) -> None:
    s = scenarios[0]
    page = desk
    open_walk(page, real_site_url, s["id"], 3)
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-dimmed]')")
    p = panel(page)
    step = s["steps"][2]
    assert p["title"] == s["title"]
    assert f"手順 3 / {len(s['steps'])}" in p["meta"]
    assert p["text"] == step["text"]
    assert p["open"].endswith(step["url"])
    assert len(p["current"]) == 1
    assert p["selected"] == [page.evaluate("() => window.conceptMap.__cm.model.data.scenarios[0].steps[2].node")]
    assert p["highlighted"] >= len({st["node"] for st in s["steps"][:3]})  # steps 1..3 at least
    assert page.evaluate("() => window.conceptMap.__cm.walkMs()") > 0
    assert page.console_errors == []


def test_next_prev_buttons_and_arrow_keys_move_and_back_restores(desk, real_site_url: str,
                                                                  scenarios: list[dict]) -> None:
    s = scenarios[0]
    page = desk
    open_walk(page, real_site_url, s["id"], 1)
    assert page.locator(".cm-walk__prev").is_disabled()
    page.locator(".cm-walk__next").click()
    at_step(page, s["id"], 2)
    assert "step=2" in page.url
    page.locator(".cm-walk__next").focus()
    page.keyboard.press("Enter")  # keyboard only
    at_step(page, s["id"], 3)
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("ArrowRight")  # the walk's, not the canvas' neighbour step
    at_step(page, s["id"], 4)
    page.keyboard.press("ArrowLeft")
    at_step(page, s["id"], 3)
    assert panel(page)["text"] == s["steps"][2]["text"]
    # arrows typed into a text field stay there
    page.locator("input.cm-map__search").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate(STEP) == 3
    page.locator(".cm-map__canvas").focus()
    # Back: the step before (4, then 3, 2); Forward again
    go_back(page)
    at_step(page, s["id"], 4)
    go_back(page)
    at_step(page, s["id"], 3)
    go_back(page)
    at_step(page, s["id"], 2)
    assert panel(page)["text"] == s["steps"][1]["text"]
    go_forward(page)
    at_step(page, s["id"], 3)
    # the last step: 次へ is disabled and → does nothing
    page.evaluate("n => window.conceptMap.__cm.walk(window.conceptMap.__cm.state.scenario, n)", len(s["steps"]))
    at_step(page, s["id"], len(s["steps"]))
    assert page.locator(".cm-walk__next").is_disabled()
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate(STEP) == len(s["steps"])
    assert page.evaluate(WALK) == f"{s['id']}:{len(s['steps'])}"
    assert page.console_errors == []


def test_arrows_outside_the_map_keep_their_own_meaning(desk, real_site_url: str, scenarios: list[dict]) -> None:
    """← / → step the walk only while the focus is in the map (canvas, panel, walk bar): on the
    layer filter's checkbox or a link of the text version they do not move the step."""
    s = scenarios[0]
    page = desk
    open_walk(page, real_site_url, s["id"], 2)
    for outside in ("input[data-cm-layer]", "#text-version ~ * a[href]"):
        page.locator(outside).first.focus()
        assert page.evaluate("() => !document.activeElement.closest('.cm-map__stage')")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert page.evaluate(STEP) == 2, outside
    page.locator(".cm-walk__next").focus()  # the walk bar: in the map
    page.keyboard.press("ArrowRight")
    at_step(page, s["id"], 3)
    assert page.console_errors == []


def test_escape_leaves_the_walk_and_a_step_link_moves(desk, real_site_url: str, scenarios: list[dict]) -> None:
    s = scenarios[1]
    page = desk
    open_walk(page, real_site_url, s["id"], 2)
    page.locator(".cm-walk__steps a").nth(3).click()  # the list of steps
    at_step(page, s["id"], 4)
    # the list is rebuilt: the focus stays on the step chosen, not lost to the page's start
    assert page.evaluate(FOCUSED_STEP) == step_link(page, 3)
    page.keyboard.press("ArrowLeft")  # from the list, by keyboard: the focus follows the step
    at_step(page, s["id"], 3)
    assert page.evaluate(FOCUSED_STEP) == step_link(page, 2)
    page.keyboard.press("Enter")  # the current step's link again: stays, focus kept
    page.keyboard.press("ArrowRight")
    at_step(page, s["id"], 4)
    assert page.evaluate(FOCUSED_STEP) == step_link(page, 3)
    page.locator(".cm-walk__next").focus()
    page.keyboard.press("Escape")  # the panel's Esc: the normal map
    page.wait_for_function(f"() => !({WALK})()")
    assert "scenario=" not in page.url and "step=" not in page.url
    assert page.locator(".cm-panel").is_hidden()
    assert not page.locator(".cm-map[data-cm-dimmed]").count()
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("Enter")  # a node again: the normal panel, no walk bar
    page.locator(".cm-panel").wait_for(state="visible")
    assert page.locator(".cm-walk").is_hidden()
    assert page.locator(".cm-panel__from").is_visible()
    go_back(page)
    go_back(page)
    at_step(page, s["id"], 4)
    assert page.console_errors == []


def test_the_scenarios_page_links_each_step_to_the_map(desk, real_site_url: str, scenarios: list[dict]) -> None:
    page = desk
    page.goto(real_site_url + "scenarios/")
    for s in scenarios:
        links = page.locator(f"h2#{s['id']} ~ ol").first.locator("a.cm-walk-step")
        assert links.count() == len(s["steps"])
        href = links.nth(1).get_attribute("href")
        assert re.fullmatch(rf"\.\./concept-map/\?scenario={re.escape(s['id'])}&step=2", href), href
    page.locator("a.cm-walk-link, .cm-walk-link a").first.click()
    page.wait_for_function(READY, timeout=30000)
    at_step(page, scenarios[0]["id"], 1)


def test_phone_lists_the_steps_with_the_current_one_marked(browser, real_site_url: str,
                                                          scenarios: list[dict]) -> None:
    s = scenarios[2]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(real_site_url + f"concept-map/?scenario={s['id']}&step=2")
    page.wait_for_selector(".cm-map[data-cm-state=list]", timeout=30000)
    answer = page.locator(".cm-answer")
    assert answer.locator(".cm-answer__title").inner_text() == s["title"]
    assert f"手順 2 / {len(s['steps'])}" in answer.locator(".cm-answer__meta").inner_text()
    assert answer.locator("ol.cm-walk__steps > li").count() == len(s["steps"])
    current = answer.locator("[aria-current=step]")
    assert current.count() == 1 and s["steps"][1]["text"] in current.inner_text()
    assert "いまの手順" in current.inner_text()
    answer.get_by_text("次の手順 →").click()
    page.wait_for_function("() => location.search.includes('step=3')")
    page.wait_for_selector(".cm-map[data-cm-state=list]")
    assert s["steps"][2]["text"] in page.locator(".cm-answer [aria-current=step]").inner_text()
    go_back(page)
    page.wait_for_function("() => location.search.includes('step=2')")
    page.wait_for_selector(".cm-answer [aria-current=step]")
    assert s["steps"][1]["text"] in page.locator(".cm-answer [aria-current=step]").inner_text()
    # 地図で見る: the map full screen at the same step
    page.locator(".cm-answer .cm-map__show").click()
    page.wait_for_function(READY, timeout=30000)
    at_step(page, s["id"], 2)
    context.close()

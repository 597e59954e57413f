"""The concept map page from the keyboard, with reduced motion and as a phone's bottom sheet
(issues #16 and #18), in Debian's Chromium on the real site. Only real key presses move the
focus; the view is read through `window.conceptMap` (vis-network's API)."""

from __future__ import annotations

import pytest
from test_a11y_browser import FOCUS, focus_problems

from conftest import NO_ANIMATIONS, STILL

pytestmark = pytest.mark.browser

MAP = "concept-map/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
# Where the focus is, in the map's terms.
WHERE = """() => {
    const e = document.activeElement;
    return {
        inMap: !!e.closest('.cm-map'), search: e.matches('input.cm-map__search'),
        filter: e.matches('.cm-map__filter input'), zoom: e.matches('button[data-cm-zoom]'),
        canvas: e.matches('.cm-map__canvas'), close: e.matches('.cm-panel__close'),
        open: e.matches('.cm-panel__open'), textVersion: e.getAttribute('href') === '#text-version',
    };
}"""


def stop(page) -> tuple[dict, dict]:
    """The focused element (FOCUS of test_a11y_browser) and where it is; a stop whose ring is
    still fading in is read again once no transition runs."""
    here = page.evaluate(FOCUS)
    if here is not None and focus_problems([here]):
        page.evaluate(NO_ANIMATIONS)
        here = page.evaluate(FOCUS)
    return here, page.evaluate(WHERE)


def tab_until(page, what: str, limit: int) -> list[tuple[dict, dict]]:
    """Press Tab until the focus is on `what` (a key of WHERE); every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(stop(page))
        if stops[-1][1][what]:
            return stops
    raise AssertionError(f"{what} not reached in {limit} Tabs: {[s[0] and s[0]['what'] for s in stops]}")


def selected(page) -> list[str]:
    return page.evaluate("() => window.conceptMap.getSelectedNodes()")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_walkthrough_of_the_map(browser, real_site_url: str, scheme: str) -> None:
    """#18: Tab reaches the map's search, filters and canvas with a visible ring (>= 3:1); a key
    selects a node, which the live region announces; Tab reaches the panel's link; Esc there
    clears the selection and gives the focus back to the canvas; the text version is one Tab
    from the canvas; Tab leaves the map (no trap)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(real_site_url + MAP)
    page.wait_for_function(READY, timeout=30000)

    stops = tab_until(page, "canvas", 80)
    kinds = [k for _, w in stops for k in ("search", "filter", "zoom", "canvas") if w[k]]
    assert {"search", "filter", "zoom", "canvas"} <= set(kinds), kinds
    assert kinds.index("search") < kinds.index("filter") < kinds.index("zoom") < kinds.index("canvas")
    assert focus_problems([s for s, _ in stops]) == []

    # with nothing selected, Enter selects the node nearest the centre: the panel opens and the
    # live region names it
    assert selected(page) == []
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.conceptMap.getSelectedNodes().length === 1")
    label = page.evaluate("() => window.conceptMap.__cm.model.byId[window.conceptMap.getSelectedNodes()[0]].label")
    assert page.locator(".cm-panel").is_visible()
    assert page.locator(".cm-panel__title").inner_text() == label
    live = page.locator(".cm-map__status")
    assert live.get_attribute("aria-live") in ("polite", "assertive")
    assert label in live.inner_text()

    # Tab goes on into the panel, to its 「この節を開く」 link (a visible ring on the way)
    stops = tab_until(page, "open", 6)
    assert all(w["inMap"] for _, w in stops)
    assert focus_problems([s for s, _ in stops]) == []
    assert page.locator(".cm-panel__open").inner_text() in ("この節を開く", "この章を開く")

    # Esc in the panel: no selection, no panel, the focus back on the canvas
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.conceptMap.getSelectedNodes().length === 0")
    assert page.locator(".cm-panel").is_hidden()
    assert page.evaluate(WHERE)["canvas"]

    # the text version, one Tab from the canvas, and Enter goes there
    page.keyboard.press("Tab")
    here, where = stop(page)
    assert where["textVersion"] and where["inMap"], here
    assert focus_problems([here]) == []
    page.keyboard.press("Enter")
    page.wait_for_function("() => decodeURIComponent(location.hash) === '#text-version'")
    page.wait_for_function("""() => { const r = document.getElementById('text-version').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; }""")

    # no trap: from the canvas, Tab leaves the map
    page.locator(".cm-map__canvas").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate(WHERE)["inMap"]:
            break
    else:
        raise AssertionError("40 Tabs from the canvas never left the map")
    context.close()


# Samples the scale on every animation frame from now on (window.__scales), until __stop.
RECORD = """() => {
    window.__scales = [window.conceptMap.getScale()];
    window.__stop = false;
    const tick = () => {
        window.__scales.push(window.conceptMap.getScale());
        if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
}"""
NEXT_FRAME_SCALE = "() => new Promise(r => requestAnimationFrame(() => r(window.conceptMap.getScale())))"


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_zoom_key_jumps_with_reduced_motion_and_animates_without(browser, real_site_url: str,
                                                                 motion: str) -> None:
    """#16/#18: with prefers-reduced-motion, + zooms at once (the next frame has the final scale,
    no frame in between); with motion allowed the same key press animates."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion=motion)
    page = context.new_page()
    page.goto(real_site_url + MAP)
    page.wait_for_function(READY, timeout=30000)
    page.evaluate(STILL)
    page.locator(".cm-map__canvas").focus()
    before = page.evaluate("() => window.conceptMap.getScale()")
    page.evaluate(RECORD)
    page.keyboard.press("+")
    first = page.evaluate(NEXT_FRAME_SCALE)
    page.wait_for_function("s0 => window.conceptMap.getScale() > s0 * 1.2", arg=before, timeout=10000)
    page.evaluate(STILL)
    scales = page.evaluate("() => { window.__stop = true; return window.__scales; }")
    final = page.evaluate("() => window.conceptMap.getScale()")
    between = [s for s in scales if before * 1.001 < s < final * 0.999]
    if motion == "reduce":
        assert first == pytest.approx(final), (before, first, final)
        assert between == [], between
    else:
        assert between, (before, scales, final)  # at least one frame on the way
    context.close()


def sheet_box(page) -> dict:
    page.evaluate(NO_ANIMATIONS)
    return page.locator(".cm-panel").bounding_box()


def test_phone_panel_is_a_bottom_sheet_closed_by_its_button_and_esc(browser, real_site_url: str) -> None:
    """#16: on a phone the full-screen map's panel is a bottom sheet: on screen, at the bottom,
    its top below the middle (even for the node with the most neighbours), the selected node in
    sight above it; its close button and Esc close it (Esc once more leaves the full screen)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(real_site_url + MAP)
    page.wait_for_selector(".cm-map[data-cm-state=list]", timeout=30000)
    page.locator(".cm-map__fullscreen").click()  # 「地図を全画面で開く」
    page.wait_for_function(READY, timeout=30000)
    page.wait_for_function("() => document.activeElement.matches('.cm-map__canvas')")

    def check_sheet() -> dict:
        page.evaluate(STILL)
        box = sheet_box(page)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, box
        assert box["y"] >= PHONE["height"] / 2, box  # its top below the middle
        assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, box  # at the bottom, whole
        node = page.evaluate("""() => { const m = window.conceptMap, id = m.getSelectedNodes()[0];
            return m.canvasToDOM(m.getPositions([id])[id]); }""")
        assert 0 <= node["y"] < box["y"] - 10, (node, box)  # the node is not under the sheet
        return box

    page.keyboard.press("Enter")  # the node nearest the centre
    page.locator(".cm-panel").wait_for(state="visible")
    check_sheet()
    page.locator(".cm-panel__close").click()
    page.locator(".cm-panel").wait_for(state="hidden")
    assert selected(page) == []

    # a node low on the screen, selected where it is (as a tap does): the view moves it above the sheet
    low = page.evaluate("""h => { const m = window.conceptMap;
        const ids = m.body.data.nodes.getIds({filter: n => !n.hidden});
        return ids.find(id => { const p = m.canvasToDOM(m.getPositions([id])[id]);
            return p.y > h * 0.7 && p.y < h * 0.95 && p.x > 40 && p.x < 350; }); }""", PHONE["height"])
    assert low, "no node low on the screen"
    page.evaluate("id => window.conceptMap.__cm.select(id)", low)
    page.locator(".cm-panel").wait_for(state="visible")
    check_sheet()
    page.locator(".cm-panel__close").click()
    page.locator(".cm-panel").wait_for(state="hidden")

    # the node with the most neighbours has the longest panel: still a sheet below the middle
    busiest = page.evaluate("""() => { const adj = window.conceptMap.__cm.model.adjacent;
        return Object.keys(adj).sort((a, b) => adj[b].length - adj[a].length)[0]; }""")
    page.evaluate("id => window.conceptMap.__cm.select(id, {move: true})", busiest)
    page.locator(".cm-panel").wait_for(state="visible")
    check_sheet()
    page.locator(".cm-map__canvas").focus()
    page.keyboard.press("Escape")
    page.locator(".cm-panel").wait_for(state="hidden")
    assert selected(page) == []
    assert page.evaluate("() => document.querySelector('.cm-map').classList.contains('cm-map--fullscreen')")
    assert page.evaluate(WHERE)["canvas"]
    page.keyboard.press("Escape")  # a second Esc leaves the full screen
    page.wait_for_function("() => !document.querySelector('.cm-map').classList.contains('cm-map--fullscreen')")
    context.close()

"""Accessibility of the real site in Debian's Chromium (issue #18).

- axe-core (node_modules/axe-core/axe.min.js, pinned in package-lock.json; never a CDN) over every
  page type x palette (light/dark, through prefers-color-scheme, which Material's "auto" palette
  follows) x viewport (1280x900, 390x844): no serious or critical violation.
- The concept map page: violations inside `.cm-map` (canvas, panel, legend, filters: rebuilt in
  #16) are a separate, non-strict xfail test; everything else on that page must pass.
- Keyboard walkthrough: Tab reaches the skip link, search and navigation with a visible focus
  indicator each time; the skip link moves focus to the content.
- Screenshots with forced colours and at 200 % zoom (A11Y_SCREENSHOT_DIR keeps them).

A11Y_REPORT=path appends one JSON line per axe run (page, palette, viewport, counts by rule).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITE_PREFIX = "ai-agent-concept-map/"  # site_url's path: 404.html links its assets from there
MAP_REASON = "concept map rebuild (#16) in progress"

PAGES = {
    "home": "",
    "layer-1": "layers/01-llm/",
    "layer-2": "layers/02-communication/",
    "layer-3": "layers/03-orchestration/",
    "layer-4": "layers/04-external-tools/",
    "layer-5": "layers/05-ui-operations/",
    "quick-reference": "quick-reference/",
    "concept-map": "concept-map/",
    "concept-map-selected": "concept-map/?focus=",  # + a concept's slug
    "contributing": "contributing/",
    "404": "404.html",
}
PALETTES = {"light": "default", "dark": "slate"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("serious", "critical")

# Resolves once no CSS transition or animation is running (after two frames).
NO_ANIMATIONS = """() => new Promise(resolve => {
    let frames = 0;
    const tick = () => {
        frames += 1;
        const running = document.getAnimations().some(a => a.playState === "running");
        if (frames > 2 && !running) resolve(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""

# axe over the whole document; each blocking node is tagged with whether it lies in `.cm-map`.
RUN_AXE = """async blocking => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    const out = [];
    for (const v of result.violations) {
        if (!blocking.includes(v.impact)) continue;
        for (const n of v.nodes) {
            const sel = n.target.length === 1 ? n.target[0] : null;
            const el = typeof sel === "string" ? document.querySelector(sel) : null;
            out.push({rule: v.id, impact: v.impact, target: n.target.join(" >>> "),
                      inMap: !!(el && el.closest(".cm-map")), summary: n.failureSummary});
        }
    }
    return out;
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules. Missing: a failure in CI, one clear skip line elsewhere."""
    if not AXE.is_file():
        message = f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (package-lock.json pins axe-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_url(real_site: Path, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real site served under site_url's path, as on GitHub Pages: 404.html's absolute asset
    URLs (/ai-agent-concept-map/...) resolve only there."""
    root = tmp_path_factory.mktemp("a11y-root")
    (root / SITE_PREFIX.rstrip("/")).symlink_to(real_site, target_is_directory=True)
    return serve(root) + SITE_PREFIX


@pytest.fixture(scope="session")
def focus_node(real_site: Path) -> str:
    """A concept with a page (its id, e.g. concept:lora)."""
    graph = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    for node in sorted(graph["nodes"], key=lambda n: n["id"]):
        if node.get("kind") == "concept" and node.get("url"):
            return node["id"]
    raise AssertionError("the real graph has no concept with a page")


def open_page(browser, url: str, palette: str, viewport: str, **media):
    phone = viewport == "phone"
    context = browser.new_context(
        color_scheme="dark" if palette == "dark" else "light", viewport=VIEWPORTS[viewport],
        is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1, **media)
    page = context.new_page()
    page.goto(url, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette]
    return context, page


def wait_for_map(page, node_id: str | None) -> None:
    """The map drawn (on a phone the page first shows a list; its full-screen button opens the
    map), and with `node_id` that node selected (by the ?focus= URL, else through the API)."""
    page.wait_for_selector(".cm-map[data-cm-state=ready], .cm-map[data-cm-state=list]", timeout=30000)
    if page.locator(".cm-map[data-cm-state=list]").count():
        page.locator(".cm-map__fullscreen").click()
    page.wait_for_function("() => window.conceptMap !== undefined && document.querySelector('.cm-map canvas')",
                           timeout=30000)
    if node_id:
        page.wait_for_function(
            """id => { const m = window.conceptMap;
                if (!m.getSelectedNodes().includes(id)) m.selectNodes([id]);
                return m.getSelectedNodes().includes(id); }""", arg=node_id, timeout=15000)


def axe_violations(page, axe_source: str) -> list[dict]:
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate(NO_ANIMATIONS)
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE, list(BLOCKING))


def describe(found: list[dict]) -> str:
    by_rule: dict[str, list[dict]] = {}
    for v in found:
        by_rule.setdefault(v["rule"], []).append(v)
    lines = []
    for rule, items in sorted(by_rule.items()):
        lines.append(f"{rule} ({items[0]['impact']}): {len(items)} node(s)")
        lines += [f"    {v['target']}" for v in items[:15]]
        if len(items) > 15:
            lines.append(f"    ... and {len(items) - 15} more")
    return "\n".join(lines)


def record(page_name: str, palette: str, viewport: str, found: list[dict]) -> None:
    path = os.environ.get("A11Y_REPORT")
    if not path:
        return
    counts: dict[str, int] = {}
    map_counts: dict[str, int] = {}
    for v in found:
        bucket = map_counts if v["inMap"] else counts
        bucket[v["rule"]] = bucket.get(v["rule"], 0) + 1
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"page": page_name, "palette": palette, "viewport": viewport,
                             "site": counts, "map": map_counts,
                             "map_targets": sorted({v["target"] for v in found if v["inMap"]})},
                            ensure_ascii=False) + "\n")


_runs: dict[tuple[str, str, str], list[dict]] = {}


def run_axe(browser, site_url: str, axe_source: str, focus_node: str,
            page_name: str, palette: str, viewport: str) -> list[dict]:
    """Blocking violations of one page x palette x viewport (each combination is run once)."""
    key = (page_name, palette, viewport)
    if key not in _runs:
        selected = focus_node if page_name == "concept-map-selected" else None
        url = site_url + PAGES[page_name]
        if selected:
            url += quote(selected.removeprefix("concept:"), safe="")
        context, page = open_page(browser, url, palette, viewport)
        try:
            if page_name.startswith("concept-map"):
                wait_for_map(page, selected)
            _runs[key] = axe_violations(page, axe_source)
        finally:
            context.close()
        record(page_name, palette, viewport, _runs[key])
    return _runs[key]


COMBOS = [(p, s, v) for p in PAGES for s in PALETTES for v in VIEWPORTS]


@pytest.mark.parametrize(("page_name", "palette", "viewport"), COMBOS,
                         ids=[f"{p}-{s}-{v}" for p, s, v in COMBOS])
def test_axe_no_serious_violations(browser, site_url: str, axe_source: str, focus_node: str,
                                   page_name: str, palette: str, viewport: str) -> None:
    found = run_axe(browser, site_url, axe_source, focus_node, page_name, palette, viewport)
    site = [v for v in found if not v["inMap"]]
    assert not site, f"{page_name} / {palette} / {viewport}:\n{describe(site)}"


MAP_COMBOS = [(p, s, v) for p, s, v in COMBOS if p.startswith("concept-map")]


@pytest.mark.xfail(strict=False, reason=MAP_REASON)
@pytest.mark.parametrize(("page_name", "palette", "viewport"), MAP_COMBOS,
                         ids=[f"{p}-{s}-{v}" for p, s, v in MAP_COMBOS])
def test_axe_concept_map_canvas(browser, site_url: str, axe_source: str, focus_node: str,
                                page_name: str, palette: str, viewport: str) -> None:
    found = run_axe(browser, site_url, axe_source, focus_node, page_name, palette, viewport)
    inside = [v for v in found if v["inMap"]]
    assert not inside, f"{page_name} / {palette} / {viewport}, inside .cm-map:\n{describe(inside)}"

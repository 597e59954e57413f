"""Diagrams in Debian's Chromium: every ```diagram of the real site is drawn from the site's own
Mermaid copy (no outside request), named for screen readers, legible in both palettes, and fits a
phone without widening the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_site_browser import luminance

from conftest import external_requests

pytestmark = pytest.mark.browser
DRAWN = "() => document.body.getAttribute('data-cm-diagrams') === 'drawn'"


def _diagram_pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html")
                  if 'class="cm-diagram"' in p.read_text(encoding="utf-8"))


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_is_drawn_named_and_legible(browser, real_site: Path, real_site_url: str,
                                                  scheme: str, shots: Path) -> None:
    pages = _diagram_pages(real_site)
    assert len(pages) >= 5, pages
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for rel in pages:
            page.goto(real_site_url + ("" if rel == "." else rel + "/"))
            page.wait_for_function(DRAWN, timeout=30000)
            figures = page.locator("figure.cm-diagram")
            assert figures.count() == page.locator("figure.cm-diagram--drawn").count(), rel
            info = page.evaluate("""() => [...document.querySelectorAll('figure.cm-diagram svg')].map(svg => ({
                title: svg.querySelector('title')?.textContent || '',
                desc: svg.querySelector('desc')?.textContent || '',
                labels: svg.querySelectorAll('text').length,
                nodes: [...svg.querySelectorAll('g.node')].map(node => {
                    const text = node.querySelector('text');
                    const shape = node.querySelector('rect, polygon, path, circle');
                    return {fill: text ? getComputedStyle(text).fill : '',
                            box: shape ? getComputedStyle(shape).fill : ''};
                })}))""")
            for item in info:
                assert item["title"] and item["desc"] and item["labels"] > 0, (rel, item["title"])
                for node in item["nodes"]:
                    if node["fill"].startswith("rgb") and node["box"].startswith("rgb"):
                        assert _contrast(node["fill"], node["box"]) >= 4.5, (rel, item["title"], node)
        page.screenshot(path=str(shots / f"diagram-{scheme}.png"), full_page=False)
    finally:
        context.close()
    assert errors == []
    assert external_requests(requests) == []


def test_a_diagram_fits_a_phone(browser, real_site_url: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(real_site_url + "layers/03-orchestration/")
        page.wait_for_function(DRAWN, timeout=30000)
        figure = page.locator("figure.cm-diagram").first
        figure.scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        size = page.evaluate("""() => { const t = document.querySelector('figure.cm-diagram svg text');
            return parseFloat(getComputedStyle(t).fontSize) *
                   (t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width); }""")
        assert size >= 9, f"diagram labels drawn at {size:.1f}px on a phone"
        figure.screenshot(path=str(shots / "diagram-phone.png"))
    finally:
        context.close()


def test_without_javascript_the_source_is_readable(browser, real_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(real_site_url)
        source = page.locator("figure.cm-diagram pre").first
        assert source.is_visible()
        assert "accDescr" in source.inner_text()
    finally:
        context.close()


# Each drawn diagram on a page: its title, the size its labels are drawn at, whether it scrolls
# sideways, the region's attributes and the visible line before it.
_PHONE_DIAGRAMS = """() => [...document.querySelectorAll('figure.cm-diagram')].map(fig => {
  const holder = fig.querySelector('.cm-diagram__svg'); const svg = holder.querySelector('svg');
  const text = svg.querySelector('text');
  const px = parseFloat(getComputedStyle(text).fontSize)
    * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const hint = fig.querySelector('.cm-diagram__hint');
  return {title: svg.querySelector('title')?.textContent || '', px,
          scrolls: holder.scrollWidth > holder.clientWidth + 1,
          role: holder.getAttribute('role'), tabindex: holder.getAttribute('tabindex'),
          label: holder.getAttribute('aria-label') || '',
          hint: hint && hint.getBoundingClientRect().height > 0 ? hint.textContent : '',
          fade: getComputedStyle(holder).backgroundImage};
})"""


def test_phone_diagrams_are_legible_or_say_that_they_scroll(browser, real_site: Path, real_site_url: str) -> None:
    """#24: at 390×844 no diagram's labels are drawn below 11 px. A diagram still too wide at that
    size scrolls sideways with a visible cue (a line saying so, a shadowed edge) in a named region
    reachable with Tab and scrolled with the arrow keys; a chain of boxes is drawn top-down (「判断
    するのはLLM…」 is one row of boxes as written) and fits without scrolling, and so do subgraphs
    written as rows stacked top-down, turned into columns (「ワークフローの5パターン」, 1096 px wide
    before: Mermaid 12's 152-px boxes and no subgraph-only turn; 「古典的RAG…」)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    seen: dict[str, dict] = {}
    try:
        for rel in _diagram_pages(real_site):
            page.goto(real_site_url + ("" if rel == "." else rel + "/"))
            page.wait_for_function(DRAWN, timeout=30000)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, rel
            for item in page.evaluate(_PHONE_DIAGRAMS):
                seen[item["title"]] = item
                assert item["px"] >= 10.9, (rel, item["title"], round(item["px"], 1))
                if item["scrolls"]:
                    assert (item["role"], item["tabindex"]) == ("region", "0"), (rel, item["title"])
                    assert item["title"] in item["label"] and "スクロール" in item["label"]
                    assert "スクロール" in item["hint"], (rel, item["title"])
                    assert "gradient" in item["fade"], (rel, item["title"])
                else:
                    assert item["hint"] == "" and item["tabindex"] is None, (rel, item["title"])
        assert not seen["判断するのはLLM、実行するのは第3層のプログラム"]["scrolls"]
        assert seen["判断するのはLLM、実行するのは第3層のプログラム"]["px"] >= 13.9
        for title in ("ワークフローの5パターン", "古典的RAGとツール型RAG", "Mixture of Experts のルーティング",
                      "ベクトル検索の二つの段階", "埋め込みモデルの正しい構成と壊れた構成",
                      "第5層は入口と出口で全体を包む", "5層モデルの全体図"):
            assert not seen[title]["scrolls"], title
        # the keyboard scrolls a wide one
        page.goto(real_site_url + "layers/03-orchestration/")
        page.wait_for_function(DRAWN, timeout=30000)
        region = page.locator(".cm-diagram__svg[role=region]").first
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    finally:
        context.close()
    assert any(item["scrolls"] for item in seen.values())  # the cue is checked on at least one


def test_diagrams_are_drawn_again_for_a_new_column_width(desk, real_site_url: str) -> None:
    """A desktop window narrowed to a phone's width (or a phone turned) draws the diagrams again
    for the new column: 「ワークフローの5パターン」, five rows on the desktop, becomes five columns
    that fit without scrolling; widened again, rows. Without the redraw the desktop layout stays,
    shrunk to 11 px and scrolling sideways."""
    page = desk
    page.goto(real_site_url + "layers/03-orchestration/")
    page.wait_for_function(DRAWN, timeout=30000)
    five = """() => { const svg = [...document.querySelectorAll('figure.cm-diagram svg')]
        .find(s => s.querySelector('title')?.textContent === 'ワークフローの5パターン');
        if (!svg) return null;  // being drawn again
        const holder = svg.closest('.cm-diagram__svg');
        return {w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height,
                scrolls: holder.scrollWidth > holder.clientWidth + 1}; }"""
    rows = page.evaluate(five)
    assert rows["w"] > rows["h"] / 2 and not rows["scrolls"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(f"w => document.body.dataset.cmDiagrams === 'drawn' && ({five})()?.w < w * 0.8",
                           arg=rows["w"], timeout=30000)
    assert not page.evaluate(five)["scrolls"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(f"w => document.body.dataset.cmDiagrams === 'drawn' && ({five})()?.w === w",
                           arg=rows["w"], timeout=30000)
    assert page.console_errors == []

"""The 早見表 as a tool, in Debian's Chromium on the real site (this machine has no emoji font:
the marks must still differ and be named), plus the cross-view links under chapter headings."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import NO_ANIMATIONS, external_requests
from tests.support.browser import inject

pytestmark = pytest.mark.browser

QR = "quick-reference/"
READY = "() => { const t = document.getElementById('cm-qr-tools'); return t && !t.hidden; }"



def open_qr(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY)


def test_marks_differ_without_emoji_font_and_are_named(browser, real_site_url: str) -> None:
    # the test injects a style (one ink for every mark): the site's CSP would block it
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("request", lambda r: page.requests.append(r.url))
    open_qr(page, real_site_url + QR)
    # one ink for every part of every mark: only their shape can differ
    inject(page, ".cm-mark, .cm-mark * { color: #000 !important; fill: #000 !important;"
                 " stroke: #000 !important; background: #fff !important; }", "style")
    define = page.locator("table.cm-qr .cm-mark--define").first
    use = page.locator("table.cm-qr .cm-mark--use").first
    assert define.get_attribute("aria-label") == "定義（✅）"
    assert use.get_attribute("aria-label") == "利用（🔧）"
    assert define.get_attribute("role") == use.get_attribute("role") == "img"
    # each mark alone, at the same whole-pixel spot, at a readable size
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'cm-test-stage';
        d.style.cssText = 'position:fixed;left:0;top:0;z-index:99;padding:4px;background:#fff;font-size:48px';
        document.body.append(d); }""")
    stage = page.locator("#cm-test-stage")
    pictures = []
    for badge in (define, use):
        badge.evaluate("(b) => document.getElementById('cm-test-stage').replaceChildren(b.cloneNode(true))")
        pictures.append(stage.screenshot())
    assert pictures[0] != pictures[1]
    # every mark cell of the matrix is named, none shows a bare emoji
    names = page.evaluate("""() => [...document.querySelectorAll('table.cm-qr td.cm-qr-cell')]
        .filter(td => td.textContent.trim() || td.querySelector('[role=img]'))
        .map(td => td.querySelector('[role=img]')?.getAttribute('aria-label') || 'UNNAMED')""")
    assert set(names) == {"定義（✅）", "利用（🔧）", "関係しない"}
    text = page.evaluate("() => document.querySelector('article').innerText")
    assert "✅" not in text and "🔧" not in text
    # the page's legend: badges with a visible word
    assert page.locator("article .cm-mark--define:not(.cm-mark--compact) .cm-mark__text").first.inner_text() == "定義"
    assert page.console_errors == [] and external_requests(page.requests) == []
    context.close()


STICKY = """() => {
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const tools = document.getElementById('cm-qr-tools').getBoundingClientRect();
    const heads = [...document.querySelectorAll('table.cm-qr thead th.cm-qr-labelcol')]
        .map(h => h.getBoundingClientRect());  // the cells stick (the row group does not move)
    const head = heads.find(h => h.bottom > 0 && h.top < innerHeight) || heads[0];
    const mid = document.elementFromPoint(head.left + head.width / 2, head.top + head.height / 2);
    return {scrollY, header: header.bottom, toolsTop: tools.top, toolsBottom: tools.bottom,
            headTop: head.top, headBottom: head.bottom, headHit: !!mid?.closest('thead'),
            boxes: [...document.querySelectorAll('article *')].filter(e => {
                const s = getComputedStyle(e);
                return /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
            }).map(e => e.className)};
}"""


def test_the_page_scrolls_under_the_wheel_and_the_header_stays_on_top(page_tracker, real_site_url: str) -> None:
    """No inner scroll box: the wheel over the table scrolls the page, all the way, and the
    filter box and the table's header stick at the top of the viewport under Material's header."""
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    open_qr(page, real_site_url + QR)
    page.evaluate(NO_ANIMATIONS)
    start = page.evaluate(STICKY)
    assert start["boxes"] == [], start  # nothing in the article scrolls by itself
    page.locator("#row-lora").hover()
    for _ in range(12):  # well past the ~500 px where the old box captured the wheel
        page.mouse.wheel(0, 400)
    page.wait_for_function("() => scrollY > 3000")
    where = page.evaluate(STICKY)
    assert abs(where["toolsTop"] - where["header"]) <= 1, where  # filter box right under the header
    assert abs(where["headTop"] - where["toolsBottom"]) <= 1, where  # table header under the filter
    assert where["headHit"], where  # and nothing covers it
    # a row under the pointer moved with the page, not inside a box
    page.mouse.wheel(0, 400)
    page.wait_for_function(f"() => scrollY > {where['scrollY'] + 300}")


def test_filter_reduces_rows_and_writes_url(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    open_qr(page, real_site_url + QR)
    total = page.locator("tr.cm-qr-row").count()
    assert total > 100
    page.fill("#cm-qr-q", "QLoRA")
    page.wait_for_function("() => location.search.includes('q=QLoRA')")
    visible = page.locator("tr.cm-qr-row:not([hidden])")
    assert 0 < visible.count() < total
    assert page.locator("#row-qlora").is_visible()
    assert "件を表示" in page.inner_text("#cm-qr-status")
    page.fill("#cm-qr-q", "")
    page.select_option("#cm-qr-def", "4")
    page.select_option("#cm-qr-use", "2A")
    page.wait_for_function("() => location.search.includes('def=4') && location.search.includes('use=2A')")
    rows = page.evaluate("""() => [...document.querySelectorAll('tr.cm-qr-row:not([hidden])')]
        .map(r => [r.dataset.def, r.dataset.use])""")
    assert rows and all("4" in d.split() and "2A" in u.split() for d, u in rows)
    href = page.get_attribute("#cm-qr-map", "href")
    assert href.endswith("concept-map/?layers=2,4"), href
    # the state comes back from the URL; one row left → the map focuses that concept
    open_qr(page, real_site_url + QR + "?q=QLoRA%EF%BC%88")
    assert page.input_value("#cm-qr-q") == "QLoRA（"
    assert page.locator("tr.cm-qr-row:not([hidden])").count() == 1
    href = page.get_attribute("#cm-qr-map", "href")
    assert href.endswith("concept-map/?focus=concept%3Aqlora"), href
    # group headers with nothing left under them are hidden too
    assert page.locator("tbody.cm-qr-section:not([hidden]) tr.cm-qr-group").count() == 1
    assert page.console_errors == []


def test_row_anchor_scrolls_to_the_row(page_tracker, real_site_url: str) -> None:
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    open_qr(page, real_site_url + QR + "#row-mcpサーバー")
    open_qr(page, real_site_url + QR + "#row-lora")
    page.wait_for_load_state("load")
    page.evaluate(NO_ANIMATIONS)
    where = page.evaluate("""() => {
        const row = document.getElementById('row-lora');
        const head = row.closest('table').querySelector('thead th').getBoundingClientRect();
        const r = row.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, headBottom: head.bottom, vh: innerHeight,
                tools: document.getElementById('cm-qr-tools').getBoundingClientRect().bottom};
    }""")
    assert where["top"] >= where["headBottom"] - 1, where  # not under the sticky header
    assert where["headBottom"] > where["tools"], where  # and that header is in view, under the filter
    assert where["bottom"] <= where["vh"] and where["top"] < where["headBottom"] + 40, where
    assert page.evaluate("() => getComputedStyle(document.querySelector('#row-lora > td')).backgroundColor") \
        != page.evaluate("() => getComputedStyle(document.querySelector('#row-qlora > td')).backgroundColor")


HEADING_BELOW_STICKY = """(id) => {
    const h = document.getElementById(id).getBoundingClientRect();
    const tools = document.getElementById('cm-qr-tools').getBoundingClientRect();
    return h.top >= tools.bottom - 1 && h.bottom <= innerHeight && h.top < tools.bottom + 60;
}"""


def test_jump_links_between_the_tables_both_ways(page_tracker, real_site_url: str) -> None:
    """「次の表：製品・プロジェクト」 above the concept table, 「前の表：技術・概念」 above the
    product table, and both in the sticky filter box: each lands on the heading, not under the
    sticky box."""
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    open_qr(page, real_site_url + QR)
    page.click("nav.cm-qr-jump >> text=次の表：製品・プロジェクト")
    page.wait_for_function("() => location.hash === '#products'")
    page.wait_for_function(HEADING_BELOW_STICKY, arg="products")
    page.click("nav.cm-qr-jump >> text=前の表：技術・概念")
    page.wait_for_function("() => location.hash === '#concepts'")
    page.wait_for_function(HEADING_BELOW_STICKY, arg="concepts")
    # deep in the concept table, the sticky box still offers the product table
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2500")
    link = page.locator(".cm-qr-tools__tables a", has_text="製品・プロジェクト")
    assert link.is_visible()
    link.click()
    page.wait_for_function(HEADING_BELOW_STICKY, arg="products")
    assert page.console_errors == []


def test_keyboard_reaches_filter_jumps_and_rows(page_tracker, real_site_url: str) -> None:
    """Tab order: the filter's fields and links, then the tables' jump links and row links;
    Enter on a jump link moves there; the page scrolls by keyboard (nothing else takes the keys)."""
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    open_qr(page, real_site_url + QR)
    page.focus("#cm-qr-q")
    page.keyboard.type("LoRA")
    page.wait_for_function("() => location.search.includes('q=LoRA')")
    page.fill("#cm-qr-q", "")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"
                                     " || document.activeElement.textContent"))
        if page.evaluate("() => !!document.activeElement.closest('nav.cm-qr-jump')"):
            break
    assert page.evaluate("() => document.activeElement.textContent") == "次の表：製品・プロジェクト", reached
    page.keyboard.press("Enter")
    page.wait_for_function(HEADING_BELOW_STICKY, arg="products")
    page.evaluate("() => document.activeElement.blur()")
    before = page.evaluate("() => scrollY")
    page.keyboard.press("PageDown")
    page.wait_for_function(f"() => scrollY > {before}")
    assert page.console_errors == []


def test_no_javascript_shows_the_full_table(browser, real_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + QR + "?q=zzz")
    assert page.locator("#cm-qr-tools").is_hidden()
    assert page.locator("tr.cm-qr-row:visible").count() > 100
    context.close()


def test_phone_rows_are_cards_without_sideways_scroll(browser, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_qr(page, real_site_url + QR)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    card = page.locator("#row-lora")
    box = card.bounding_box()
    assert box["width"] <= 390 and box["height"] < 200
    mark = card.locator("td.cm-qr-cell--define")
    assert mark.is_visible() and mark.get_attribute("data-colname") == "第1層"
    assert card.locator("td.cm-qr-cell:not(.cm-qr-cell--define):not(.cm-qr-cell--use)").first.is_hidden()
    assert card.locator(".cm-qr-note").is_visible()
    context.close()


def test_cross_view_links_resolve(page_tracker, real_site: Path, real_site_url: str) -> None:
    """Every link of the lines under defining headings, and every 早見表 row's map link, points
    at a page of the built site and, for a fragment, at an element with that id."""
    page = page_tracker
    hrefs: set[str] = set()
    for chapter in sorted((real_site / "layers").glob("*/index.html")):
        url = real_site_url + chapter.parent.relative_to(real_site).as_posix() + "/"
        page.goto(url)
        found = page.evaluate("() => [...document.querySelectorAll('.cm-xref a')].map(a => a.href)")
        assert found, f"no cross-view line on {url}"
        hrefs.update(found)
    open_qr(page, real_site_url + QR)
    hrefs.update(page.evaluate("() => [...document.querySelectorAll('.cm-qr-maplink')].map(a => a.href)"))
    graph = (real_site / "concept-map" / "graph.json").read_text(encoding="utf-8")
    ids_cache: dict[Path, set[str]] = {}
    for href in sorted(hrefs):
        parts = urlsplit(href)
        assert href.startswith(real_site_url), href
        target = real_site / unquote(parts.path.removeprefix(urlsplit(real_site_url).path)) / "index.html"
        assert target.is_file(), href
        if parts.fragment:
            if target not in ids_cache:
                ids_cache[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
            assert unquote(parts.fragment) in ids_cache[target], href
        if parts.query.startswith("focus="):
            node = unquote(parts.query.removeprefix("focus="))
            assert f'"id": "{node}"' in graph, href


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
    open_qr(page, real_site_url + QR + "#row-lora")
    page.evaluate(NO_ANIMATIONS)
    path = shots / f"quick-reference-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    context.close()


def test_screenshot_desktop_scrolled(browser, real_site_url: str, shots: Path) -> None:
    """The 早見表 deep in the concept table: filter box and table header at the top."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_qr(page, real_site_url + QR)
    page.locator("#row-lora").hover()
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => scrollY > 3500")
    page.evaluate(NO_ANIMATIONS)
    path = shots / "quick-reference-desktop-scrolled.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    context.close()

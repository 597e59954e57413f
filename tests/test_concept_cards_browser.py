"""Concept cards in Debian's Chromium: on the real site (hover, keyboard focus, tap, links) and
on a tiny site built with the real hook whose 早見表 row has a hostile label."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import ROOT, external_requests, mkdocs_build

pytestmark = pytest.mark.browser

CARD = ".md-content .cm-card"
EVIL = 'LoRA <img src=x onerror="window.pwned=1">'
EVIL_NOTE = '</span><script>window.pwned=2</script>'



def card_link(page, real_site: Path, base: str, chapter: str) -> str:
    """A CSS selector for the first link on `chapter` to another chapter's concept section."""
    cards = json.loads((real_site / "concept-map" / "cards.json").read_text(encoding="utf-8"))
    page.goto(base + chapter)
    urls = {urljoin(base, c["url"]) for c in cards["concepts"] if c["url"]}
    found = page.evaluate("""urls => {
        const here = location.href.split('#')[0];
        const a = [...document.querySelectorAll('.md-content article a[href]')].find(a =>
            !a.closest('.cm-xref, .headerlink, .cm-qr-maplink, .cm-related, .cm-map, .cm-local-map')
            && urls.includes(a.href) && !a.href.startsWith(here + '#'));
        if (!a) return null;
        a.id = a.id || 'cm-test-link';
        return '#' + a.id;
    }""", sorted(urls))
    assert found, f"no link to a concept section on {chapter}"
    return found


def test_card_on_hover_with_links_from_the_graph(page_tracker, real_site: Path, real_site_url: str) -> None:
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    link = card_link(page, real_site, real_site_url, "layers/03-orchestration/")
    page.locator(link).scroll_into_view_if_needed()
    page.hover(link)
    page.wait_for_selector(CARD)
    card = page.locator(CARD)
    assert card.get_attribute("role") == "group"
    assert card.get_attribute("aria-label").startswith("概念カード：")
    assert card.locator(".cm-card__chip").inner_text().startswith("第")
    assert "定義：第" in card.locator(".cm-card__layers").inner_text()
    hrefs = card.locator(".cm-card__links a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == 3
    assert "/concept-map/?focus=concept:" in hrefs[1] and "/quick-reference/#row-" in hrefs[2]
    # the card's links resolve: the row id exists on the 早見表, the section on its page
    row_id = hrefs[2].split("#", 1)[1]
    qr = (real_site / "quick-reference" / "index.html").read_text(encoding="utf-8")
    assert f'id="{unquote(row_id)}"' in qr
    # moving away closes it
    page.mouse.move(5, 890)
    page.wait_for_selector(CARD, state="detached")
    assert page.console_errors == [] and external_requests(page.requests) == []
    assert [u for u in page.requests if u.endswith(".json") and "search" not in u] == \
        [real_site_url + "concept-map/cards.json"]


def test_card_names_the_sections_that_use_the_concept(page_tracker, real_site: Path, real_site_url: str) -> None:
    """使われている節: the sections of other layers using the concept, each with its layer
    (「第3層 §6-2 …」), linking to that section (issue 24)."""
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    cards = json.loads((real_site / "concept-map" / "cards.json").read_text(encoding="utf-8"))
    used = {urljoin(real_site_url, c["url"]): c for c in cards["concepts"] if c["url"] and c["usedIn"]}
    page.goto(real_site_url + "layers/03-orchestration/")
    link = page.evaluate("""urls => {
        const here = location.href.split('#')[0];
        const a = [...document.querySelectorAll('.md-content article a[href]')].find(a =>
            !a.closest('.cm-xref, .headerlink, .cm-qr-maplink, .cm-related, .cm-map, .cm-local-map')
            && urls.includes(a.href) && !a.href.startsWith(here + '#'));
        a.id = a.id || 'cm-test-link';
        return [a.href, '#' + a.id];
    }""", sorted(used))
    concept = used[link[0]]
    page.locator(link[1]).scroll_into_view_if_needed()
    page.hover(link[1])
    page.wait_for_selector(CARD)
    line = page.locator(CARD + " .cm-card__usedin")
    assert line.inner_text().startswith("使われている節：")
    shown = line.locator("a").evaluate_all("as => as.map(a => [a.textContent, a.href])")
    expected = [[f"{u['where']} {u['label']}", urljoin(real_site_url, u["url"])] for u in concept["usedIn"]]
    assert shown == expected[:3], (shown, expected)
    assert all(re.match(r"第[1-5]層 (§[\d-]+ |章の冒頭$)", text) for text, _ in shown)
    assert page.console_errors == []


def test_card_on_keyboard_focus(page_tracker, real_site: Path, real_site_url: str) -> None:
    page = page_tracker
    link = card_link(page, real_site, real_site_url, "layers/04-external-tools/")
    page.focus(link)
    page.wait_for_selector(CARD)
    # the card follows the link in the tab order
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.cm-card')")
    assert page.evaluate("() => document.activeElement.textContent") == "節を開く"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Escape")
    page.wait_for_selector(CARD, state="detached")
    assert page.evaluate(f"() => document.activeElement === document.querySelector('{link}')")


def test_card_on_tap(browser, real_site: Path, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    link = card_link(page, real_site, real_site_url, "layers/03-orchestration/")
    url = page.url
    page.locator(link).scroll_into_view_if_needed()
    page.tap(link)
    page.wait_for_selector(CARD)
    assert page.url == url  # the first tap shows the card instead of leaving
    box = page.locator(CARD).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()


@pytest.mark.parametrize(("name", "scheme", "viewport"), [
    ("light", "light", {"width": 1280, "height": 900}),
    ("dark", "dark", {"width": 1280, "height": 900}),
    ("phone", "light", {"width": 390, "height": 844}),
])
def test_card_screenshots(browser, real_site: Path, real_site_url: str, shots: Path, name: str,
                          scheme: str, viewport: dict) -> None:
    phone = viewport["width"] < 500
    context = browser.new_context(color_scheme=scheme, viewport=viewport, is_mobile=phone,
                                  has_touch=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    link = card_link(page, real_site, real_site_url, "layers/03-orchestration/")
    page.evaluate(f"() => document.querySelector('{link}').scrollIntoView({{block: 'center'}})")
    if phone:
        page.tap(link)
    else:
        page.hover(link)
    page.wait_for_selector(CARD)
    path = shots / f"concept-card-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    context.close()


# ---------- a tiny site, built with the real hook, whose 早見表 row has a hostile label ----------

def build_hostile_site(tmp: Path) -> Path:
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    (docs / "layers").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "layers" / "a.md").write_text(textwrap.dedent("""\
        ---
        layer: 1
        summary: A
        reviewed: 2026-12-01
        ---
        # A

        ## LoRA {#lora}

        低ランク適応。
        """), encoding="utf-8")
    (docs / "layers" / "b.md").write_text(textwrap.dedent("""\
        ---
        layer: 3
        summary: B
        reviewed: 2026-12-01
        ---
        # B

        ## Uses {#uses}

        [LoRA を使う](a.md#lora)
        """), encoding="utf-8")
    (docs / "quick-reference.md").write_text(textwrap.dedent(f"""\
        # 早見表

        | 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |
        |--|:-:|:-:|:-:|:-:|:-:|:-:|--|
        | [{EVIL}](layers/a.md#lora) | ✅ | - | - | 🔧 | - | - | `{EVIL_NOTE}` |
        """), encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: hostile
        site_url: http://127.0.0.1/
        theme:
          name: material
          language: ja
          font: false
          custom_dir: overrides
        extra_css: [assets/stylesheets/extra.css, assets/stylesheets/marks.css,
                    assets/stylesheets/quick-reference.css]
        plugins: [search, concept-map/graph]
        markdown_extensions: [attr_list, md_in_html, tables, toc]
        nav: [index.md, layers/a.md, layers/b.md, quick-reference.md]
        """), encoding="utf-8")
    result = mkdocs_build(tmp / "mkdocs.yml", tmp / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    return serve(build_hostile_site(tmp_path_factory.mktemp("hostile-cards")))


def test_hostile_label_is_shown_as_text(page_tracker, hostile_site: str) -> None:
    page = page_tracker
    page.goto(hostile_site + "layers/b/")
    page.hover(".md-content article a[href$='#lora']")
    page.wait_for_selector(CARD)
    card = page.locator(CARD)
    # the label is the link's plain text as the site renders it (sitedocs.links): the raw <img>
    # is markup, not text, so it neither runs nor shows
    assert card.locator(".cm-card__title").text_content().strip() == "LoRA"
    assert "window.pwned=2" in card.locator(".cm-card__summary").text_content()  # tags dropped, text kept
    assert card.locator("img, script").count() == 0
    assert page.evaluate("() => window.pwned") is None
    page.focus(".md-content article a[href$='#lora']")
    assert page.evaluate("() => window.pwned") is None
    assert external_requests(page.requests) == []


def test_card_lists_the_concepts_relations_to_the_layers(page_tracker, real_site: Path, real_site_url: str) -> None:
    """#25: a concept's card reads its relation table cells as 「各層との関係」: the other layer's
    badge and the phrase, with a link where the cell names a section or concept."""
    page = page_tracker
    page.set_viewport_size({"width": 1280, "height": 900})
    cards = json.loads((real_site / "concept-map" / "cards.json").read_text(encoding="utf-8"))
    related = {urljoin(real_site_url, c["url"]): c for c in cards["concepts"]
               if c["url"] and len(c.get("relations", [])) >= 2 and not c["product"]}
    assert related
    page.goto(real_site_url + "layers/03-orchestration/")
    found = page.evaluate("""urls => {
        const a = [...document.querySelectorAll('.md-content article a[href]')].find(a =>
            !a.closest('.cm-xref, .headerlink, .cm-qr-maplink, .cm-related, .cm-map, .cm-local-map')
            && urls.includes(a.href));
        if (!a) return null;
        a.id = a.id || 'cm-test-rel-link';
        return '#' + a.id;
    }""", sorted(related))
    assert found, "no link to a concept with relations on layer 3"
    page.locator(found).scroll_into_view_if_needed()
    page.hover(found)
    page.wait_for_selector(CARD)
    card = page.locator(CARD)
    title = card.locator(".cm-card__title").inner_text()
    concept = next(c for c in cards["concepts"] if c["label"] == title)
    rows = card.locator(".cm-card__rel")
    assert card.locator(".cm-card__relhead").inner_text() == "各層との関係："
    assert rows.count() == len(concept["relations"]) >= 1
    for i, r in enumerate(concept["relations"]):
        row = rows.nth(i)
        assert row.locator(".cm-card__relchip").inner_text() == f"第{r['layer']}層"
        assert r["phrase"] in row.inner_text()
        assert row.locator("a").count() == (1 if r["label"] else 0)
    assert page.console_errors == []

"""#26 in Debian's Chromium: the Content-Security-Policy blocks nothing the site needs (search and
its worker, the concept map, concept cards, the 早見表 filter, the freshness view), blocks an inline
script that has no hash, and keeps hostile Markdown and front matter inert everywhere they are
shown (page, map, cards, search preview, 関連する層)."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from test_concept_cards_browser import CARD, card_link

from conftest import ROOT, external_requests, mkdocs_build
from tests.support.csp import violations, watch

pytestmark = pytest.mark.browser

MAP_READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"


@pytest.fixture
def page(browser):
    """A 1280×900 page recording CSP violations, dialogs, console errors and requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.console_errors, p.requests = [], []
    p.on("console", lambda m: m.type == "error" and p.console_errors.append(m.text))
    p.on("pageerror", lambda e: p.console_errors.append(str(e)))
    p.on("request", lambda r: p.requests.append(r.url))
    watch(p)
    yield p
    context.close()


def assert_clean(page) -> None:
    assert violations(page) == []
    assert page.dialogs == [] and page.console_errors == []
    assert external_requests(page.requests) == []


def material_search(page, query: str) -> list[str]:
    """Type `query` into Material's search (its web worker answers); the result links."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill(query)
    page.keyboard.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    return results.evaluate_all("els => els.map(e => e.href)")


def hover_selected_node(page) -> None:
    """Bring the map's selected node to the middle of the canvas and put the mouse on it."""
    page.evaluate("() => document.querySelector('.cm-map__canvas').scrollIntoView({block: 'center'})")
    node = page.evaluate("() => window.conceptMap.getSelectedNodes()[0]")
    page.evaluate("id => window.conceptMap.focus(id, {scale: 2, animation: false})", node)
    box = page.locator(".cm-map__canvas canvas").first.bounding_box()
    pos = page.evaluate("id => window.conceptMap.canvasToDOM(window.conceptMap.getPositions([id])[id])", node)
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])


# ---------- the real site: nothing it needs is blocked ----------

def test_home_and_search_under_the_policy(page, real_site_url: str) -> None:
    page.goto(real_site_url, wait_until="networkidle")
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    hrefs = material_search(page, "ファインチューニング")
    assert any("/layers/01-llm/" in h for h in hrefs), hrefs
    assert any("/workers/search" in u for u in page.requests)  # the worker did load
    assert_clean(page)


def test_chapter_local_map_cards_and_related_under_the_policy(page, real_site: Path,
                                                               real_site_url: str) -> None:
    link = card_link(page, real_site, real_site_url, "layers/03-orchestration/")
    page.wait_for_function(
        "() => document.querySelector('.cm-map--local[data-cm-state=ready]')", timeout=30000)
    page.locator(link).scroll_into_view_if_needed()
    page.hover(link)
    page.wait_for_selector(CARD)
    assert page.locator(".cm-related a").count() > 0  # 関連する層
    assert_clean(page)


def test_concept_map_and_freshness_view_under_the_policy(page, real_site_url: str) -> None:
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(MAP_READY, timeout=30000)
    page.locator("input.cm-map__search").fill("MCP")
    page.locator(".cm-map__results button").first.click()
    assert page.locator(".cm-panel__title").inner_text()
    hover_selected_node(page)
    page.locator(".cm-map div.vis-tooltip").wait_for(state="visible", timeout=10000)
    assert_clean(page)
    page.goto(real_site_url + "concept-map/?view=freshness")
    page.wait_for_function(MAP_READY, timeout=30000)
    assert page.locator(".cm-map").get_attribute("data-cm-view") == "freshness"
    assert_clean(page)


def test_quick_reference_filter_under_the_policy(page, real_site_url: str) -> None:
    page.goto(real_site_url + "quick-reference/")
    rows = page.locator("table tbody tr:visible")
    before = rows.count()
    page.fill("#cm-qr-q", "QLoRA")
    page.wait_for_function("() => location.search.includes('q=QLoRA')")
    assert 0 < rows.count() < before
    assert_clean(page)


@pytest.mark.parametrize("path", ["changelog/", "contributing/", "layers/04-external-tools/", "scenarios/"])
def test_other_pages_under_the_policy(page, real_site_url: str, path: str) -> None:
    page.goto(real_site_url + path, wait_until="networkidle")
    assert_clean(page)


# ---------- a script without its hash is blocked, and the collector notices ----------

LATE_HOOK = '''
from mkdocs.plugins import event_priority

@event_priority(-200)  # after the policy was computed: this script has no hash in it
def on_post_page(output, page, config, **kwargs):
    return output.replace("</body>", "<script>window.__late = 1</script></body>")
'''


def test_an_inline_script_without_its_hash_is_blocked_and_reported(page, tmp_path: Path, serve) -> None:
    (tmp_path / "late.py").write_text(LATE_HOOK, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - concept-map/csp\nhooks:\n  - late.py\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page.goto(serve(tmp_path / "site"), wait_until="networkidle")
    assert "window.__late = 1" in page.content()  # present in the page …
    assert page.evaluate("() => window.__late") is None  # … but not run
    found = violations(page)
    assert any(v.get("directive") == "script-src-elem" for v in found), found
    assert page.evaluate("() => document.documentElement.dataset.mdColorScheme !== undefined "
                         "|| typeof __md_get === 'function'")  # Material's own inline code ran


# ---------- hostile Markdown and front matter: nothing executes ----------

def evil(tag: str) -> str:
    """Payloads that would set window.pwned_<tag> (and open a dialog) if they ran."""
    return {
        "img": f'<img src=x onerror="window.pwned_{tag}=1;alert(1)">',
        "script": f"<script>window.pwned_{tag}=1;alert(1)</script>",
        "svg": f'<svg onload="window.pwned_{tag}=1;alert(1)"></svg>',
    }


def chapter(layer: int, body: str, *, title: str = "", summary: str = "") -> str:
    meta = f"---\nlayer: {layer}\nreviewed: 2026-12-01\n"
    meta += f"title: '{title}'\n" if title else ""
    meta += f"summary: '{summary}'\n" if summary else "summary: 章の要約\n"
    return meta + "---\n" + body


CH1 = """# 第1層 {e_img_h1}

## {e_img_head}モデル {{#model}}

{e_script_body}
<div onmouseover="window.pwned_div=1;alert(1)">ここにマウス</div>
{e_svg_body}
<a href="javascript:window.pwned_jsa=1;alert(1)">生のjavascriptリンク</a>
[javascript のリンク](javascript:window.pwned_jsmd=1)
<iframe srcdoc="<script>parent.pwned_iframe=1</script>"></iframe>
<object data="javascript:window.pwned_object=1"></object>

| 列 | 値 |
|--|--|
| {e_img_cell} | `<script>window.pwned_code=1</script>` |

本文には第2層の[{e_img_link}ツール](02-communication.md#tools)へのリンクがある。
"""
CH2 = """# 第2層

## ツール{e_script_head} {{#tools}}

第1層の[モデル](01-llm.md#model)を呼ぶ。
"""


def hostile_files() -> dict[str, str]:
    files = {
        "layers/01-llm.md": chapter(1, CH1.format(
            e_img_h1=evil("h1")["img"], e_img_head=evil("heading")["img"],
            e_script_body=evil("body")["script"], e_svg_body=evil("svg")["svg"],
            e_img_cell=evil("cell")["img"], e_img_link=evil("linktext")["img"]),
            title=evil("title")["img"].replace("'", "''"), summary=evil("summary")["svg"]),
        "layers/02-communication.md": chapter(2, CH2.format(e_script_head=evil("heading2")["script"])),
        "quick-reference.md": textwrap.dedent(f"""\
            # 早見表

            | 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |
            |--|:-:|:-:|:-:|:-:|:-:|:-:|--|
            | [{evil("qrlabel")["img"]}モデル](layers/01-llm.md#model) | ✅ | 🔧 | - | - | - | - | {
                evil("qrnote")["script"]} |
            | [ツール{evil("qrlabel2")["svg"]}](layers/02-communication.md#tools) | 🔧 | ✅ | - | - | - | - | 備考 |
            """),
        "index.md": "---\ndescription: '" + evil("description")["script"] + "'\n---\n# ホーム\n",
    }
    for n, name in ((3, "03-orchestration"), (4, "04-external-tools"), (5, "05-ui-operations")):
        files[f"layers/{name}.md"] = chapter(n, f"# 第{n}層\n\n## 節 {{#s{n}}}\n\n本文。\n")
    return files


def build_hostile_site(root: Path, *, with_csp: bool = True) -> Path:
    """The real configuration (every hook, the real templates and assets) on the hostile docs,
    built as `mkdocs serve` builds (contributor errors are logged, the pages still render)."""
    docs = root / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copy(ROOT / "docs" / "concept-map.md", docs / "concept-map.md")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    for name, text in hostile_files().items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_csp:  # the plugin's switch (mkdocs.yml has it on)
        config, found = re.subn(r"(?m)^(  - concept-map/csp:.*\n +enabled:) true", r"\1 false", config)
        assert found == 1
    config = config[:config.index("\nnav:")] + textwrap.dedent("""
        nav:
          - index.md
          - layers/01-llm.md
          - layers/02-communication.md
          - layers/03-orchestration.md
          - layers/04-external-tools.md
          - layers/05-ui-operations.md
          - quick-reference.md
          - concept-map.md
        """)
    config = config.replace("site_url: https://ai-agent-concept-map.github.io/ai-agent-concept-map/",
                            "site_url: http://127.0.0.1/")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root / "mkdocs.yml", root / "site", strict=False, command="serve")
    assert result.returncode == 0, result.stderr
    return root / "site"


PWNED = "() => Object.keys(window).filter(k => k.startsWith('pwned'))"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    return serve(build_hostile_site(tmp_path_factory.mktemp("csp-hostile")))


def touch_everything(page, base: str) -> None:
    """Visit and operate every view that shows the hostile text."""
    page.goto(base + "layers/01-llm/", wait_until="networkidle")
    page.hover("text=ここにマウス")
    page.locator("a", has_text="生のjavascriptリンク").click(no_wait_after=True)
    page.locator("a", has_text="javascript のリンク").click(no_wait_after=True)
    page.hover(".md-content article p a[href='../02-communication/#tools']")  # concept card
    page.goto(base + "layers/02-communication/", wait_until="networkidle")
    page.hover(".md-content article p a[href='../01-llm/#model']")  # the chapter's own link
    page.wait_for_selector(CARD, timeout=10000)
    assert page.locator(".cm-related").count() == 1  # 関連する層 names the hostile section
    material_search(page, "モデル")  # search preview of the hostile page
    page.goto(base + "quick-reference/", wait_until="networkidle")
    page.fill("#cm-qr-q", "モデル")
    page.goto(base + "concept-map/")
    page.wait_for_function(MAP_READY, timeout=30000)
    page.locator("input.cm-map__search").fill("モデル")
    page.locator(".cm-map__results button").first.click()
    hover_selected_node(page)
    page.locator(".cm-map div.vis-tooltip").wait_for(state="visible", timeout=10000)


def test_hostile_content_never_executes(page, hostile: str) -> None:
    seen: list[str] = []
    for path in ("", "layers/01-llm/", "layers/02-communication/", "quick-reference/", "concept-map/"):
        page.goto(hostile + path, wait_until="networkidle")
        seen += page.evaluate(PWNED)
    touch_everything(page, hostile)
    seen += page.evaluate(PWNED)
    assert seen == [] and page.dialogs == []
    # the payloads did reach the pages (raw HTML stays in the Markdown's output), and were blocked
    page.goto(hostile + "layers/01-llm/", wait_until="networkidle")
    assert page.locator("img[onerror*='pwned_heading']").count() >= 1
    assert "window.pwned_body=1" in page.content()
    assert any("script-src" in v.get("directive", "") for v in violations(page))
    assert page.evaluate(PWNED) == [] and page.dialogs == []


def test_without_the_policy_the_same_content_would_run(page, tmp_path: Path, serve) -> None:
    """The control: the sweep above can fail (these payloads do run without the policy)."""
    url = serve(build_hostile_site(tmp_path, with_csp=False))
    page.goto(url + "layers/01-llm/", wait_until="networkidle")
    page.hover("text=ここにマウス")
    ran = page.evaluate(PWNED)
    assert {"pwned_body", "pwned_div", "pwned_heading"} <= set(ran), ran
    assert page.dialogs

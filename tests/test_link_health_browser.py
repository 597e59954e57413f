"""Link health in a real browser (#15): with a fixture link report, the chapter shows a visible
text marker after the broken 📘 link and the concept map marks its section (⚠ and the panel)."""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote

import pytest
from test_link_health import BROKEN, report

from conftest import ROOT, external_requests, mkdocs_build

pytestmark = pytest.mark.browser

READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
SECTION = "section:layers/l1.md#sec"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    tmp = tmp_path_factory.mktemp("link-health")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copy(ROOT / "docs" / "concept-map.md", docs / "concept-map.md")
    (docs / "layers").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "layers" / "l1.md").write_text(
        "---\ntitle: L1\nlayer: 1\nreviewed: 2026-11-01\n---\n# L1\n\n## Sec {#sec}\n\n"
        f"- 📘 [公式ドキュメント]({BROKEN})\n- [第2層](l2.md#other)\n", encoding="utf-8")
    (docs / "layers" / "l2.md").write_text(
        "---\ntitle: L2\nlayer: 2\nreviewed: 2026-11-01\n---\n# L2\n\n## Other {#other}\n\n[戻る](l1.md#sec)\n",
        encoding="utf-8")
    (tmp / "link-report.json").write_text(json.dumps(report()), encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  language: ja\n  font: false\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        "extra_css: [assets/stylesheets/extra.css, assets/stylesheets/concept-map.css]\n"
        "plugins:\n  - search\n  - concept-map/graph:\n      link_report: link-report.json\n"
        "markdown_extensions: [attr_list, md_in_html]\n", encoding="utf-8")
    result = mkdocs_build(tmp / "mkdocs.yml", tmp / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return serve(tmp / "site")


def test_the_marker_is_visible_text_after_the_link(page_tracker, site_url: str) -> None:
    page = page_tracker
    page.goto(site_url + "layers/l1/")
    marker = page.locator(".cm-link-health--broken")
    marker.wait_for(state="visible", timeout=15000)
    assert "リンク切れ: HTTP 404 Not Found" in marker.inner_text()
    follows = page.evaluate("""() => {
        const m = document.querySelector('.cm-link-health--broken');
        return m.previousElementSibling.tagName + ' ' + m.previousElementSibling.getAttribute('href'); }""")
    assert follows == f"A {BROKEN}"
    assert external_requests(page.requests) == []


def test_the_map_marks_the_section(page_tracker, site_url: str) -> None:
    page = page_tracker
    page.goto(site_url + "concept-map/?focus=" + quote(SECTION, safe=""))
    page.wait_for_function(READY, timeout=30000)
    label = page.evaluate("id => window.conceptMap.body.data.nodes.get(id).label", SECTION)
    assert label.startswith("⚠ ")
    other = page.evaluate("() => window.conceptMap.body.data.nodes.get('section:layers/l2.md#other').label")
    assert not other.startswith("⚠")
    meta = page.locator(".cm-panel__meta")
    meta.wait_for(state="visible", timeout=15000)
    # words, not an emoji: the interface draws no ⚠ (issue #24)
    assert "要確認: リンク切れか転送のある公式リンク 2 件" in meta.inner_text()
    assert "⚠" not in meta.inner_text()


_CONTRAST = """(el) => {
    const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return v.length < 4 ? [...v, 1] : v; };
    const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
        const c = rgba(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] === 1) break;
    }
    let back = [255, 255, 255];
    for (const c of layers.reverse()) back = over(c, back);
    const fg = over(rgba(getComputedStyle(el).color), back);
    const [a, b] = [lum(fg), lum(back)].sort((x, y) => y - x);
    const icon = getComputedStyle(el, '::before');
    return {ratio: (a + 0.05) / (b + 0.05), icon: icon.content !== 'none' && icon.maskImage !== 'none',
            style: el.closest('.cm-source-updated').getAttribute('style')};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_source_updated_notice_reads_in_both_palettes(page_tracker, tmp_path, serve, scheme: str) -> None:
    """#22: 出典が更新されました is an admonition like 要再確認: title text at ≥ 4.5:1 in both
    palettes, with an icon beside the words (not colour alone), and no inline style (CSP)."""
    from linkaudit import watch

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "layers").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "layers" / "l1.md").write_text(
        "---\ntitle: L1\nlayer: 1\nreviewed: 2026-11-01\n---\n# L1\n\n## Sec {#sec}\n\n"
        f"- 📘 [公式ドキュメント]({BROKEN})\n", encoding="utf-8")
    watch.write_lock(tmp_path / "sources.lock.json", {BROKEN: watch.Seen("f", (), "2026-12-01", changed="2026-12-01")})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  language: ja\n  font: false\n"
        f"  custom_dir: {ROOT / 'overrides'}\n  palette:\n    scheme: {scheme}\n"
        "extra_css: [assets/stylesheets/extra.css]\n"
        "plugins:\n  - search\n  - concept-map/graph:\n      sources_lock: sources.lock.json\n"
        "markdown_extensions: [attr_list, md_in_html, admonition]\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    page = page_tracker
    page.goto(serve(tmp_path / "site") + "layers/l1/")
    title = page.locator(".cm-source-updated .admonition-title")
    title.wait_for(state="visible", timeout=15000)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == scheme
    assert title.inner_text().startswith("出典が更新されました（2026-12-01）")
    found = title.evaluate(_CONTRAST)
    assert found["ratio"] >= 4.5 and found["icon"] and found["style"] is None, found
    body = page.locator(".cm-source-updated > p:last-child").evaluate(_CONTRAST)
    assert body["ratio"] >= 4.5, body

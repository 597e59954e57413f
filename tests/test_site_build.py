"""The real site, built with --strict: content of the seed, language, no third-party hosts."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import yaml

from conftest import ROOT, RealSite

SEED = ROOT.parent / "shared" / "seeds" / "01-llm-layer.md"
DOCS = ROOT / "docs"
LAYER_FILES = {
    "layers/01-llm.md": 1, "layers/02-communication.md": 2, "layers/03-orchestration.md": 3,
    "layers/04-external-tools.md": 4, "layers/05-ui-operations.md": 5,
}


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_strict_build_has_no_warnings(real_site_build: RealSite) -> None:
    result = real_site_build.build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "Documentation built in" in result.stderr  # the log was captured, so the check means something
    assert (real_site_build.path / "index.html").exists()


def seed_text() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    return (ROOT / "tests" / "data" / "01-llm-layer.seed.md").read_text(encoding="utf-8")


def test_seed_copy_is_current() -> None:
    """tests/data keeps a copy of the seed so the test also runs where shared/ is absent."""
    if SEED.exists():
        assert (ROOT / "tests" / "data" / "01-llm-layer.seed.md").read_text(encoding="utf-8") == seed_text()


def test_layer1_page_has_every_heading_and_url_of_the_seed(real_site: Path) -> None:
    seed = seed_text()
    html = (real_site / "layers" / "01-llm" / "index.html").read_text(encoding="utf-8")
    text = text_of(html)
    headings = [h.strip() for h in re.findall(r"^#{2,4}\s+(.+)$", seed, flags=re.M)]
    assert len(headings) >= 25
    missing = [h for h in headings if h not in text]
    assert missing == []
    urls = set(re.findall(r"\]\((https?://[^)\s]+)\)", seed))
    assert len(urls) == 35
    # Original URLs whose page has moved (issue #13, 2026-12): the page links the new address instead.
    # Every other original URL must still be linked as written.
    MOVED = {
        "https://www.anthropic.com/core-views-on-ai-safety": "https://www.anthropic.com/news/core-views-on-ai-safety",
        "https://docs.anthropic.com/": "https://platform.claude.com/docs/",
        "https://platform.openai.com/docs/": "https://developers.openai.com/api/docs/",
        "https://platform.openai.com/docs/guides/reasoning": "https://developers.openai.com/api/docs/guides/reasoning",
        "https://platform.openai.com/docs/guides/embeddings": "https://developers.openai.com/api/docs/guides/embeddings",
    }
    assert set(MOVED) <= urls
    hrefs = set(re.findall(r'href="(https?://[^"]+)"', html))
    assert {MOVED.get(u, u) for u in urls} - hrefs == set()
    # tables and diagrams survive: every table row's first cell and diagram line is on the page
    for row in re.findall(r"^\| \*\*([^*|]+)\*\* \|", seed, flags=re.M):
        assert row in text
    for line in ("W' = W + BA", "ルーターネットワーク", "Full Fine-tuning: 全パラメータを再学習（コスト高）"):
        assert line in text
    # the position / one-liner lines became page elements, and 「第2層」 became a real link
    assert 'class="cm-layer-header"' in html and "5層モデルでの位置" in html
    assert re.search(r'<a href="\.\./02-communication/#content-blocks">第2層</a>', html)


def test_every_page_is_japanese(real_site: Path) -> None:
    pages = list(real_site.rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        assert '<html lang="ja"' in page.read_text(encoding="utf-8"), page


def test_layer_pages_declare_their_layer() -> None:
    found = {}
    for path in sorted((DOCS / "layers").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1])
        found[path.relative_to(DOCS).as_posix()] = meta["layer"]
        assert meta.get("summary"), path
    assert found == LAYER_FILES


_ASSET_ATTRS = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=[\"']([^\"']+)"
    r"|<link\b[^>]*\bhref=[\"']([^\"']+)[\"'][^>]*>", re.I)


def test_no_third_party_assets(real_site: Path) -> None:
    offenders = []
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in _ASSET_ATTRS.finditer(html):
            url = match.group(1) or match.group(2)
            tag = match.group(0)
            if match.group(2) and re.search(r'rel=["\']?(canonical|alternate|next|prev)', tag):
                continue  # navigation metadata, not a loaded resource
            if re.match(r"(https?:)?//", url):
                offenders.append(f"{page.relative_to(real_site)}: {url}")
    for css in real_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(real_site)}: {url}")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(real_site)}: {url}")
    assert offenders == []


def test_no_google_fonts_anywhere(real_site: Path) -> None:
    for path in real_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_404_page_is_japanese(real_site: Path) -> None:
    html = (real_site / "404.html").read_text(encoding="utf-8")
    assert "ページが見つかりません" in html


def test_every_page_has_an_edit_link(real_site: Path) -> None:
    for src in ["index.md", *LAYER_FILES]:
        url = src[:-3] + "/index.html" if src != "index.md" else "index.html"
        html = (real_site / url).read_text(encoding="utf-8")
        assert f"edit/main/docs/{src}" in html, src


def test_exports_are_written(real_site: Path) -> None:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    assert {n["kind"] for n in data["nodes"]} >= {"layer", "page", "section", "concept"}
    graphml = (real_site / "concept-map" / "graph.graphml").read_text(encoding="utf-8")
    assert graphml.lstrip().startswith(("<?xml", "<graphml"))


def test_the_phone_query_reaches_stylesheets_and_scripts(real_site: Path) -> None:
    """The site's stylesheets say `@media (--cm-phone)`; the built ones carry the vocabulary's
    query (graph/vocabulary.py MEDIA) and no unresolved name; every page gives a11y/main.js the
    same query (data-cm-phone)."""
    from graph.vocabulary import MEDIA

    phone = MEDIA["phone"]
    for name in ("extra.css", "concept-map.css"):
        assert "(--cm-phone)" in (DOCS / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert f"{phone} {{" in (real_site / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
    for sheet in (real_site / "assets" / "stylesheets").glob("*.css"):
        preludes = re.findall(r"@media[^{;]*", sheet.read_text(encoding="utf-8"))
        assert [p for p in preludes if "(--" in p] == [], sheet.name
    pages = sorted(real_site.rglob("*.html"))
    assert pages and all(f'a11y/main.js" data-cm-phone="{phone}"' in p.read_text(encoding="utf-8") for p in pages)

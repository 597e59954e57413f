"""On the real docs: every cross-layer link is a reference edge; every 早見表 row is a concept."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import ROOT
from graph.stats import site_graph_from_folder, stats_report
from sitedocs.markdown import mask_code_spans, outside_fences
from sitedocs.urls import page_url

DOCS = ROOT / "docs"
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^):\s]+\.md)(?:#([\w-]+))?\)")


def layer_of(path: Path) -> int | None:
    m = re.search(r"^layer:\s*(\d+)\s*$", path.read_text(encoding="utf-8"), flags=re.M)
    return int(m.group(1)) if m else None


@pytest.fixture(scope="module")
def graph_json(real_site: Path) -> dict:
    return json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))


def test_every_cross_layer_link_is_a_reference_edge(graph_json: dict) -> None:
    nodes = {n["id"]: n for n in graph_json["nodes"]}
    refs = {(nodes[e["source"]]["src"], nodes[e["target"]]["src"], nodes[e["target"]].get("url", ""))
            for e in graph_json["edges"] if e["kind"] == "reference"}
    section_urls = {n["url"] for n in graph_json["nodes"] if n["kind"] == "section"}
    expected = set()
    for path in sorted((DOCS / "layers").glob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        for _, line in outside_fences(path.read_text(encoding="utf-8").splitlines()):
            for target, anchor in LINK.findall(mask_code_spans(line)):
                dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
                if layer_of(DOCS / dest) in (None, layer_of(path)):
                    continue
                url = page_url(dest) + (f"#{anchor}" if anchor else "")
                if url not in section_urls:  # an anchor that is not a heading: the edge goes to the page
                    url = page_url(dest)
                expected.add((src, dest, url))
    assert len(expected) >= 60
    assert expected - refs == set()


def test_every_quick_reference_row_is_a_concept(graph_json: dict) -> None:
    text = (DOCS / "quick-reference.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[([^\]]+)\]\(([^)]+)\) \|(.*)\|$", text, flags=re.M)
    assert len(rows) >= 60
    concepts = {n["label"]: n for n in graph_json["nodes"] if n["kind"] == "concept"}
    edges = {(e["source"], e["target"]): e["kind"] for e in graph_json["edges"]}
    for label, target, rest in rows:
        label = label.replace("`", "")
        node = concepts[label]
        cells = [c.strip() for c in rest.split("|")][:6]
        layers = [1, 2, 2, 3, 4, 5]
        for layer, cell in zip(layers, cells, strict=True):
            kind = edges.get((node["id"], f"layer:{layer}"))
            if cell == "✅":
                assert kind == "define", (label, layer)
            elif cell == "🔧" and kind != "define":
                assert kind == "use", (label, layer)
        assert node["url"] == target.replace(".md#", "/#")


def test_stats_command_reports_the_real_docs() -> None:
    site = site_graph_from_folder(DOCS)
    report = stats_report(site)
    assert site.problems == []
    assert "concepts whose defining section is missing: 0" in report
    assert "layer pages with no cross-layer link: 0" in report


def test_chapters_list_related_layers_in_their_toc_and_each_backlink_once(real_site: Path) -> None:
    """関連する層 is in the right-hand table of contents of every chapter, and no section of
    another layer appears twice among its backlinks (issue 24: the same one three times)."""
    for chapter in sorted((real_site / "layers").glob("*/index.html")):
        html = chapter.read_text(encoding="utf-8")
        toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', html, re.DOTALL)
        assert toc and 'href="#cm-related-title"' in toc.group(0), chapter
        block = re.search(r'<section class="cm-related".*?</section>', html, re.DOTALL)
        assert block, chapter
        mentions = re.findall(r'<ul class="cm-related__list cm-related__list--mentions">(.*?)</ul>',
                              block.group(0), re.DOTALL)
        hrefs = [h for ul in mentions for h in re.findall(r'<li><span class="cm-related__where">[^<]*</span> '
                                                            r'<a href="([^"]+)"', ul)]
        assert hrefs and len(hrefs) == len(set(hrefs)), (chapter, [h for h in hrefs if hrefs.count(h) > 1])


def test_using_sections_under_defining_headings(real_site: Path) -> None:
    """使われる層 under a defining heading names the using sections with their layer, e.g. the
    agent loop's line names sections of other layers (「第N層 §…」), not only chapter tops."""
    html = (real_site / "layers" / "03-orchestration" / "index.html").read_text(encoding="utf-8")
    uses = re.findall(r'<span class="cm-xref__use">(.*?)</span>', html, re.DOTALL)
    sections = [t for u in uses for t in re.findall(r'<a href="[^"#]+#[^"]+">(第[1-5]層 §[\d-]+ [^<]+)</a>', u)]
    assert len(sections) >= 10, uses[:3]

"""Tiny docs trees built through MkDocs with the hook: exports, the 関連する層 block, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import mkdocs_build, mkdocs_cli_build

HEADER = "| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n|--|--|--|--|--|--|--|--|\n"
GOOD_ROW = "| [LoRA（低ランク適応）](a/one.md#lora) | ✅ | 🔧 | - | - | - | - | 差分 |\n"


def make_tree(tmp_path: Path, *, one_layer: str = "1", rows: str = GOOD_ROW) -> Path:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n[one](a/one.md)\n", encoding="utf-8")
    (docs / "a" / "one.md").write_text(
        f"---\ntitle: One\nlayer: {one_layer}\nsummary: first\nreviewed: 2026-11-01\n---\n"
        "# One\n\n## LoRA {#lora}\n\n"
        "!!! abstract \"一言\"\n    差分だけ学習する。\n\nsee [two](two.md#tools)\n", encoding="utf-8")
    (docs / "a" / "two.md").write_text(
        "---\ntitle: Two\nlayer: 2\nreviewed: 2026-11-01\n---\n"
        "# Two\n\n## Tools {#tools}\n\nback to [LoRA](one.md#lora), "
        "[self](two.md#tools)\n", encoding="utf-8")
    (docs / "quick-reference.md").write_text("# 早見表\n\n" + HEADER + rows, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: tiny\nsite_url: https://example.invalid/\ntheme:\n  name: mkdocs\n"
        "plugins:\n  - search\n  - concept-map/graph\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n", encoding="utf-8")
    return config


def test_graph_json_is_exactly_what_the_tree_implies(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {
        "layer:1", "layer:2", "layer:3", "layer:4", "layer:5",
        "page:a/one.md", "page:a/two.md", "section:a/one.md#lora", "section:a/two.md#tools",
        "concept:lora",
    }
    assert nodes["section:a/one.md#lora"] == {
        "id": "section:a/one.md#lora", "kind": "section", "label": "LoRA", "layer": 1, "src": "a/one.md",
        "url": "a/one/#lora", "summary": "差分だけ学習する。", "line": 9, "reviewed": "2026-11-01",
        "stale": False}
    assert nodes["page:a/one.md"]["url"] == "a/one/" and nodes["page:a/one.md"]["summary"] == "first"
    assert nodes["concept:lora"]["label"] == "LoRA（低ランク適応）"
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert edges == {
        ("layer:1", "page:a/one.md", "contains"), ("layer:2", "page:a/two.md", "contains"),
        ("page:a/one.md", "section:a/one.md#lora", "contains"),
        ("page:a/two.md", "section:a/two.md#tools", "contains"),
        ("section:a/one.md#lora", "section:a/two.md#tools", "reference"),
        ("section:a/two.md#tools", "section:a/one.md#lora", "reference"),
        ("section:a/one.md#lora", "concept:lora", "explains"),
        ("concept:lora", "layer:1", "define"), ("concept:lora", "layer:2", "use"),
    }
    graphml = (tmp_path / "site" / "concept-map" / "graph.graphml").read_text(encoding="utf-8")
    assert graphml.count("<node ") == len(nodes) and graphml.count("<edge ") == len(edges)


def test_related_block_links_both_ways(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "a" / "one" / "index.html").read_text(encoding="utf-8")
    block = html[html.index("関連する層"):]
    assert 'href="../../a/two/#tools"' in block
    assert "この章を参照している他の層" in block
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "関連する層" not in index


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"one_layer": "7"}, "a/one.md:3: front matter 'layer' must be 1–5, got 7"),
        ({"one_layer": "'x'"}, "a/one.md:3: front matter 'layer' must be an integer 1–5, got 'x'"),
        ({"rows": GOOD_ROW.replace("🔧", "○")},
         "quick-reference.md:5: 早見表 cell '○' in column 第2層A is not ✅, 🔧 or - (it holds U+25CB)"),
        ({"rows": GOOD_ROW.replace(" 差分 |", "")}, "quick-reference.md:5: 早見表 row has 7 cells"),
        ({"rows": GOOD_ROW.replace("#lora", "#nope")}, "quick-reference.md:5: concept 'LoRA（低ランク適応）' links to "
         "'a/one.md#nope', but a/one.md has no anchor '#nope'"),
        ({"rows": GOOD_ROW.replace("✅", "-")}, "quick-reference.md:5: concept 'LoRA（低ランク適応）' has no ✅"),
        ({"rows": GOOD_ROW + GOOD_ROW}, "quick-reference.md:6: concept 'LoRA（低ランク適応）' appears twice"),
    ],
)
def test_bad_input_fails_the_build_with_file_and_line(tmp_path: Path, kwargs: dict, message: str) -> None:
    config = make_tree(tmp_path, **kwargs)
    site = tmp_path / "site"
    result = mkdocs_build(config, site, strict=False)
    assert result.returncode != 0
    assert re.search(r"ERROR\s+-\s+concept_map: " + re.escape(message), result.stderr), result.stderr
    assert not (site / "concept-map" / "graph.json").exists()
    assert not (site / "concept-map" / "graph.graphml").exists()
    assert not list(site.rglob("*.html"))


def test_broken_ordinary_link_is_reported_once_by_mkdocs(tmp_path: Path) -> None:
    config = make_tree(tmp_path)
    one = tmp_path / "docs" / "a" / "one.md"
    one.write_text(one.read_text(encoding="utf-8") + "\n[gone](missing.md)\n", encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert len([line for line in result.stderr.splitlines() if "missing.md" in line]) == 1, result.stderr


def test_console_script_fails_on_bad_input_with_file_and_line(tmp_path: Path) -> None:
    """The same check through the `mkdocs` console script (hooks import the installed packages)."""
    config = make_tree(tmp_path, one_layer="7")
    result = mkdocs_cli_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "a/one.md:3: front matter 'layer' must be 1–5, got 7" in result.stderr
    assert not (tmp_path / "site" / "concept-map" / "graph.json").exists()

"""/llms.txt and the Markdown copies of the pages (search_ja/llms.py, hooks/llms_plugin.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT, mkdocs_build
from search_ja.llms import DataFile, Page, linked_paths, llms_txt, markdown_copy


def test_markdown_copy_puts_the_summary_under_the_title() -> None:
    assert markdown_copy("\n# 題\n\n本文\n", "要約") == "# 題\n\n> 要約\n\n本文\n"
    assert markdown_copy("本文", "要約") == "> 要約\n\n本文\n"
    assert markdown_copy("# 題\n本文\n\n\n") == "# 題\n本文\n"


def test_llms_txt_format() -> None:
    pages = [Page("index.md", "ホーム", "入口"), Page("layers/01-llm.md", "第1層 LLM層", "モデル", chapter=True),
             Page("quick-reference.md", "早見表", "一覧")]
    text = llms_txt("サイト", "説明", pages, [DataFile("concept-map/graph.json", "グラフ", "JSON")],
                    base="https://example.org/site/")
    lines = text.splitlines()
    assert lines[0] == "# サイト" and lines[2] == "> 説明"
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == ["## 5層モデル", "## 早見表と地図データ", "## Optional"]
    assert "- [第1層 LLM層](https://example.org/site/layers/01-llm.md): モデル" in lines
    assert linked_paths(text, "https://example.org/site/") == [
        "layers/01-llm.md", "quick-reference.md", "concept-map/graph.json", "index.md"]


def _chapter_srcs() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    srcs = []
    for item in config["nav"]:
        for value in item.values():
            srcs.extend(v for v in (value if isinstance(value, list) else [value])
                        if isinstance(v, str) and v.startswith("layers/"))
    return srcs


def test_real_site_llms_txt_lists_every_chapter_and_each_file_exists(real_site: Path) -> None:
    text = (real_site / "llms.txt").read_text(encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    paths = linked_paths(text, config["site_url"])
    chapters = _chapter_srcs()
    assert len(chapters) == 5 and all(src in paths for src in chapters)
    assert {"quick-reference.md", "concept-map/graph.json"} <= set(paths)
    for path in paths:
        assert (real_site / path).is_file(), path
    for src in chapters:  # each copy is the chapter's Markdown, served beside its page
        copy = (real_site / src).read_text(encoding="utf-8")
        assert copy.startswith("# ") and "\n---\n" not in copy[:5] and "\n## " in copy
        assert (real_site / src.removesuffix(".md") / "index.html").is_file()


def test_tiny_site_gets_llms_txt_without_network(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "layers").mkdir(parents=True)
    (docs / "index.md").write_text("# ホーム\n", encoding="utf-8")
    (docs / "layers" / "a.md").write_text("---\nlayer: 1\nsummary: 要約\n---\n# 章A\n\n[B](b.md)\n",
                                          encoding="utf-8")
    (docs / "layers" / "b.md").write_text("---\nlayer: 2\n---\n# 章B\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_description: d\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - concept-map/llms\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "site" / "llms.txt").read_text(encoding="utf-8")
    assert linked_paths(text)[:2] == ["layers/a.md", "layers/b.md"]
    assert (tmp_path / "site" / "layers" / "a.md").read_text(encoding="utf-8") == "# 章A\n\n> 要約\n\n[B](b.md)\n"

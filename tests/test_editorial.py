"""Editorial checks (#15): consistency of chapters and 早見表, review dates, `python -m graph check`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from graph.__main__ import main as graph_main
from graph.schema import node_problems
from graph.site import SourcePage, build_site_graph
from graph.stats import fs_resolver, site_graph_from_folder
from graph.synthetic import synthetic_graph

TODAY = dt.date(2026, 12, 1)
HEADER = "| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n|--|--|--|--|--|--|--|--|\n"
ROW = "| [LoRA](layers/l1.md#lora) | ✅ | 🔧 | - | - | - | - | 差分 |\n"


def chapter(layer: int | None, body: str, reviewed: str | None = "2026-11-01", extra: str = "") -> str:
    meta = "---\ntitle: T\n" + (f"layer: {layer}\n" if layer is not None else "")
    meta += (f"reviewed: {reviewed}\n" if reviewed is not None else "") + extra + "---\n"
    return meta + body


L1 = "# L1\n\n## LoRA {#lora}\n\n差分。\n\n## Generated title\n\n本文。\n"
L2 = "# L2\n\n## Tools {#tools}\n\n[LoRA](l1.md#lora) を使う。\n"


def site(files: dict[str, str]) -> list[str]:
    sources = [SourcePage(src, text, src[:-3] + "/") for src, text in files.items()]
    result = build_site_graph(sources, fs_resolver(set(files)), today=TODAY)
    return [f"{p}{'' if p.severity == 'error' else ' [warning]'}" for p in result.problems]


def tree(changes: dict[str, str] | None = None) -> dict[str, str]:
    """A consistent two-chapter tree with its 早見表, with some files replaced."""
    files = {"layers/l1.md": chapter(1, L1), "layers/l2.md": chapter(2, L2),
             "quick-reference.md": "# 早見表\n\n" + HEADER + ROW}
    return {**files, **(changes or {})}


CASES = [
    ("consistent tree", tree(), []),
    ("page in layers/ without layer",
     tree({"layers/hub.md": chapter(None, "# Hub\n")}),
     ["layers/hub.md:1: layers/ のページにはフロントマター 'layer: 1〜5' が必要です（層に属さないページは "
      "docs/layers/ の外に置いてください）"]),
    ("chapter without reviewed",
     tree({"layers/l2.md": chapter(2, L2, reviewed=None)}),
     ["layers/l2.md:3: 章のフロントマターに最終確認日 'reviewed: YYYY-MM-DD' がありません"]),
    ("bad review date", tree({"layers/l2.md": chapter(2, L2, reviewed="2026-13-01")}),
     ["layers/l2.md:4: reviewed '2026-13-01' は YYYY-MM-DD 形式の日付ではありません"]),
    ("future review date", tree({"layers/l2.md": chapter(2, L2, reviewed="2027-01-01")}),
     ["layers/l2.md:4: reviewed 2027-01-01 は未来の日付です（今日は 2026-12-01）"]),
    ("bad section date",
     tree({"layers/l1.md": chapter(1, L1.replace("{#lora}", '{#lora data-reviewed="yesterday"}'))}),
     ["layers/l1.md:8: data-reviewed 'yesterday' は YYYY-MM-DD 形式の日付ではありません"]),
    ("bad review interval", tree({"layers/l2.md": chapter(2, L2, extra="review_interval: -3\n")}),
     ["layers/l2.md:5: review_interval は正の整数（日数）にしてください（'-3'）"]),
    ("✅ in another layer than the linked section",
     tree({"quick-reference.md": "# 早見表\n\n" + HEADER + ROW.replace("| ✅ | 🔧 |", "| 🔧 | ✅ |")}),
     ["quick-reference.md:5: 概念「LoRA」の ✅ は第2層ですが、リンク先 layers/l1.md#lora は第1層の章です"
      "（✅ をリンク先の層に付けるか、その層の節へリンクしてください）"]),
    ("'-' where a chapter of that layer links to the section",
     tree({"quick-reference.md": "# 早見表\n\n" + HEADER + ROW.replace("| ✅ | 🔧 |", "| ✅ | - |")}),
     ["quick-reference.md:5: 概念「LoRA」は第2層A・第2層Bの列が '-' ですが、第2層の章 layers/l2.md:10 が"
      "その節 layers/l1.md#lora にリンクしています（🔧 を付けてください）"]),
    ("2B is enough for layer 2",
     tree({"quick-reference.md": "# 早見表\n\n" + HEADER + ROW.replace("| ✅ | 🔧 | - |", "| ✅ | - | 🔧 |")}), []),
    ("✅ with U+FE0F is the same mark",
     tree({"quick-reference.md": "# 早見表\n\n" + HEADER + ROW.replace("✅", "\u2705\ufe0f")}), []),
    ("broken anchor in body text, with a suggestion",
     tree({"layers/l2.md": chapter(2, L2.replace("l1.md#lora", "l1.md#lora2"))}),
     ["layers/l2.md:10: リンク先 layers/l1.md#lora2 という見出し（アンカー）はありません（もしかして #lora？）",
      "quick-reference.md:5: 概念「LoRA」の ✅ は第1層ですが、リンク先 layers/l1.md#lora は第1層の章です"
      "（✅ をリンク先の層に付けるか、その層の節へリンクしてください）"][:1]),
]


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_editorial_checks(name: str, files: dict[str, str], expected: list[str]) -> None:
    assert site(files) == expected


def test_cross_layer_link_into_a_generated_id_is_a_warning() -> None:
    files = tree({"layers/l2.md": chapter(2, L2 + "\n[本文](l1.md#generated-title)\n")})
    sources = [SourcePage(src, text, src[:-3] + "/") for src, text in files.items()]
    sources[0].toc_ids = ["l1", "lora", "generated-title"]  # what the build's toc extension made
    sources[0].anchors = {"l1", "lora", "generated-title"}
    problems = build_site_graph(sources, fs_resolver(set(files)), today=TODAY).problems
    assert [(str(p), p.severity) for p in problems] == [(
        "layers/l2.md:12: 層をまたぐリンク先 layers/l1.md#generated-title の id は見出しの文言から作られています。"
        "見出しを変えると切れるので layers/l1.md:12 に {#generated-title} を書いてください", "warning")]


def test_graph_nodes_follow_the_schema_with_freshness() -> None:
    for g in (site_graph_from_folder(ROOT / "docs", today=TODAY).graph, synthetic_graph(120, seed=4)):
        assert [problem for n, d in g.nodes(data=True) for problem in node_problems(n, d)] == []
    files = tree({"layers/l1.md": chapter(1, L1.replace("{#lora}", '{#lora data-reviewed="2025-01-10"}'))})
    sources = [SourcePage(src, text, src[:-3] + "/") for src, text in files.items()]
    g = build_site_graph(sources, fs_resolver(set(files)), today=TODAY).graph
    assert (g.nodes["section:layers/l1.md#lora"]["reviewed"], g.nodes["section:layers/l1.md#lora"]["stale"]) == (
        "2025-01-10", True)
    assert g.nodes["concept:lora"]["stale"] is True  # as fresh as the section explaining it
    assert (g.nodes["page:layers/l2.md"]["reviewed"], g.nodes["page:layers/l2.md"]["stale"]) == ("2026-11-01", False)


def write(folder: Path, files: dict[str, str]) -> Path:
    for src, text in files.items():
        (folder / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / src).write_text(text, encoding="utf-8")
    return folder / "docs"


def test_check_lists_stale_items_with_file_and_line(tmp_path: Path, capsys) -> None:
    docs = write(tmp_path, tree({
        "layers/l1.md": chapter(1, L1.replace("{#lora}", '{#lora data-reviewed="2025-01-10"}')),
        "layers/l2.md": chapter(2, L2, reviewed="2025-05-01")}))
    assert graph_main(["check", str(docs), "--today", "2026-12-01"]) == 0  # stale is not an error
    assert graph_main(["check", str(docs), "--stale", "--today", "2026-12-01"]) == 1
    out = capsys.readouterr().out
    assert "layers/l1.md:8: 節「LoRA」（最終確認 2025-01-10、期限 2025-07-09）" in out
    assert "layers/l2.md:4: 章「T」（最終確認 2025-05-01、期限 2025-10-28）" in out
    assert "layers/l1.md:4:" not in out  # the fresh chapter is not listed
    fresh = write(tmp_path / "fresh", tree())
    assert graph_main(["check", str(fresh), "--stale", "--today", "2026-12-01"]) == 0


def test_check_has_the_same_counts_as_the_build(real_site: Path, capsys) -> None:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    assert graph_main(["check", str(ROOT / "docs")]) == 0
    out = capsys.readouterr().out
    assert f"{len(data['nodes'])} nodes, {len(data['edges'])} edges" in out


def test_past_due_page_and_section_show_a_notice(tmp_path: Path) -> None:
    files = tree({"layers/l1.md": chapter(1, L1.replace("{#lora}", '{#lora data-reviewed="2025-01-10"}'),
                                          reviewed="2025-02-01"),
                  "index.md": "# Home\n"})
    write(tmp_path, files)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        "plugins:\n  - search\n  - concept-map/graph\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    stale = (tmp_path / "site" / "layers" / "l1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"最終確認</span>\s*<span><time datetime=\"2025-02-01\">", stale)
    assert stale.count('class="admonition warning cm-stale"') == 2  # the chapter's and the section's
    assert '<p class="cm-reviewed">最終確認 <time datetime="2025-01-10">2025-01-10</time></p>' in stale
    fresh = (tmp_path / "site" / "layers" / "l2" / "index.html").read_text(encoding="utf-8")
    assert 'datetime="2026-11-01"' in fresh and "cm-stale" not in fresh


def test_real_chapters_show_their_review_date(real_site: Path) -> None:
    for chapter_dir in sorted(d for d in (real_site / "layers").iterdir() if d.is_dir()):
        html = (chapter_dir / "index.html").read_text(encoding="utf-8")
        label = r'<span class="cm-layer-header__label">最終確認</span>\s*'
        assert re.search(label + r'<span><time datetime="\d{4}-\d{2}-\d{2}">', html), chapter_dir.name


@pytest.mark.parametrize(("command", "returncode"), [("build", 1), ("serve", 0)])
def test_under_serve_errors_are_logged_and_pages_still_render(tmp_path: Path, command: str,
                                                             returncode: int) -> None:
    files = tree({"layers/l2.md": chapter(2, L2.replace("l1.md#lora", "l1.md#lora2")), "index.md": "# Home\n"})
    write(tmp_path, files)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - search\n  - concept-map/graph\n"
        "markdown_extensions:\n  - attr_list\n  - tables\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False, command=command)
    assert result.returncode == returncode, result.stderr
    errors = [line for line in result.stderr.splitlines()
              if "lora2" in line and line.startswith(("ERROR", "WARNING"))]
    assert len(errors) == 1 and errors[0].startswith("ERROR") and "layers/l2.md:10:" in errors[0]
    assert (tmp_path / "site" / "layers" / "l2" / "index.html").exists() == (command == "serve")

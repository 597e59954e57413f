"""#25: relation tables as data (graph/relations.py): labelled edges with file:line, and their
agreement with the 早見表 marks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import ROOT, mkdocs_build
from graph.__main__ import main as graph_main
from graph.relations import parse_relation_tables
from graph.site import SourcePage, build_site_graph
from graph.stats import fs_resolver, site_graph_from_folder
from graph.vocabulary import EDGES, RELATION

TODAY = dt.date(2026, 12, 1)
QR_HEADER = ("| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n"
             "|--|--|--|--|--|--|--|--|\n")


def chapter(layer: int, body: str) -> str:
    return f"---\ntitle: T{layer}\nlayer: {layer}\nreviewed: 2026-11-01\n---\n# L{layer}\n\n" + body


L4 = """## Tools {#tools}

本文。

## Sandbox {#sandbox}

本文。

## 関係 {#relations}

| 第4層の概念 | 第1層との関係 | 第2層との関係 | 第3層との関係 | 第5層との関係 |
|--|--|--|--|--|
| [ツール](#tools) | - | tool_use として届く | [ループ](l3.md#loop)が呼ぶ | - |
| [サンドボックス](#sandbox) | - | - | 権限で制御する | 監査ログ |
"""
L3 = "## Loop {#loop}\n\n本文。\n"
QR = ("# 早見表\n\n" + QR_HEADER
      + "| [ツール](layers/l4.md#tools) | - | 🔧 | - | 🔧 | ✅ | - | x |\n"
      + "| [ループ](layers/l3.md#loop) | - | - | - | ✅ | 🔧 | - | x |\n"
      + "| [サンドボックス](layers/l4.md#sandbox) | - | - | - | 🔧 | ✅ | 🔧 | x |\n")


def tree(**changes: str) -> dict[str, str]:
    files = {"layers/l3.md": chapter(3, L3), "layers/l4.md": chapter(4, L4), "quick-reference.md": QR}
    return {**files, **changes}


def site(files: dict[str, str]):
    sources = [SourcePage(src, text, src[:-3] + "/") for src, text in files.items()]
    return build_site_graph(sources, fs_resolver(set(files)), today=TODAY)


def test_relation_kind_is_declared_once() -> None:
    assert EDGES[RELATION].label == "関係" and not EDGES[RELATION].style.default


def test_parse_reads_rows_cells_and_lines() -> None:
    rows, problems = parse_relation_tables("layers/l4.md", chapter(4, L4))
    assert problems == []
    assert [(r.label, r.line, r.layer) for r in rows] == [("ツール", 20, 4), ("サンドボックス", 21, 4)]
    assert [(c.layer, c.phrase, c.links) for c in rows[0].cells] == [
        (1, "", ()), (2, "tool_use として届く", ()), (3, "ループが呼ぶ", ("l3.md#loop",)), (5, "", ())]


def test_edges_are_labelled_with_file_and_line() -> None:
    result = site(tree())
    assert [str(p) for p in result.problems] == []
    edges = {(u, v): d for u, v, d in result.graph.edges(data=True) if d["kind"] == RELATION}
    assert edges == {
        ("concept:ツール", "concept:ループ"):
            {"kind": RELATION, "label": "ループが呼ぶ", "layer": 3, "src": "layers/l4.md", "line": 20},
        ("concept:サンドボックス", "page:layers/l3.md"):
            {"kind": RELATION, "label": "権限で制御する", "layer": 3, "src": "layers/l4.md", "line": 21},
    }  # layer 2 and 5 have no chapter in this tree: a phrase for them has no node to point at


def test_a_flipped_mark_and_a_flipped_cell_fail_with_both_places() -> None:
    flipped_mark = QR.replace("| [サンドボックス](layers/l4.md#sandbox) | - | - | - | 🔧 | ✅ | 🔧 |",
                              "| [サンドボックス](layers/l4.md#sandbox) | 🔧 | - | - | 🔧 | ✅ | 🔧 |")
    flipped_cell = chapter(4, L4.replace("| tool_use として届く |", "| - |"))
    problems = [str(p) for p in site(tree(**{"quick-reference.md": flipped_mark,
                                             "layers/l4.md": flipped_cell})).problems]
    assert problems == [
        "layers/l4.md:20: 関係表の「ツール」の第2層は - だが、早見表（quick-reference.md:5）の「ツール」は"
        "第2層が 2A🔧。関係を言葉で書くか、早見表を - にする",
        "layers/l4.md:21: 関係表の「サンドボックス」の第1層は - だが、早見表（quick-reference.md:7）の"
        "「サンドボックス」は第1層が 1🔧。関係を言葉で書くか、早見表を - にする",
    ]


def test_a_phrase_where_the_quick_reference_has_none_fails() -> None:
    body = chapter(4, L4.replace("| [サンドボックス](#sandbox) | - |", "| [サンドボックス](#sandbox) | 重みを読む |"))
    problems = [str(p) for p in site(tree(**{"layers/l4.md": body})).problems]
    assert problems == [
        "layers/l4.md:21: 関係表の「サンドボックス」の第1層は「重みを読む」だが、早見表（quick-reference.md:7）の"
        "「サンドボックス」は第1層が -。関係があるなら早見表に ✅ か 🔧 を、ないなら関係表に - を書く"]


def test_bad_shape_is_reported() -> None:
    body = chapter(4, L4.replace("| 第5層との関係 |", "| 第4層との関係 |"))
    assert [str(p) for p in site(tree(**{"layers/l4.md": body})).problems] == [
        "layers/l4.md:18: 関係表の見出し '第4層との関係' は「第M層との関係」（M は 4 以外の 1〜5）にしてください"]


def test_check_and_build_report_a_disagreement(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    body = chapter(4, L4.replace("| tool_use として届く |", "| - |"))
    for name, text in tree(**{"layers/l4.md": body}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    assert graph_main(["check", str(docs), "--today", "2026-12-01"]) == 1
    assert "layers/l4.md:20: 関係表の「ツール」の第2層は -" in capsys.readouterr().out
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.invalid/\ntheme: {name: mkdocs}\n"
        "plugins:\n  - search\n  - concept-map/graph\nmarkdown_extensions: [attr_list, tables]\n",
        encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert result.returncode == 1 and "layers/l4.md:20: 関係表の「ツール」" in result.stderr


def test_real_chapters_relations_reach_graph_json(real_site: Path) -> None:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    edges = [e for e in data["edges"] if e["kind"] == RELATION]
    by_chapter = {e["src"] for e in edges}
    assert by_chapter == {f"layers/{name}.md" for name in (
        "01-llm", "02-communication", "03-orchestration", "04-external-tools", "05-ui-operations")}
    assert all(e["label"] and e["line"] > 0 and e["source"].startswith("concept:") for e in edges)
    site = site_graph_from_folder(ROOT / "docs")
    assert [p for p in site.problems if "関係表" in p.message] == []


def test_a_product_row_sharing_the_section_is_not_compared() -> None:
    products = QR + "\n## 製品 {#products}\n\n" + QR_HEADER + \
        "| [ツールの製品](layers/l4.md#tools) | 🔧 | - | - | - | ✅ | 🔧 | x |\n"
    assert [str(p) for p in site(tree(**{"quick-reference.md": products})).problems] == []


def test_relation_tables_start_after_the_front_matter_as_the_graph_reads_it() -> None:
    """parse_relation_tables finds where the front matter ends without parsing its YAML
    (sitedocs.markdown.body_start): the offset split_front_matter gives, whatever the block holds."""
    from graph.markdown import split_front_matter
    from sitedocs.markdown import body_start

    texts = ["", "---", "---\n", "# no front matter\n---\n", "---\nlayer: 2\n---\n# x", " --- \na: 1\n...\nb",
             "---\nnot closed\n", "---\n: bad: [yaml\n---\n", "---\n- a list\n---\n", "---\n---\n",
             "\n---\na: 1\n---\n", "---\na: 1\n  ---  \n"]
    for text in texts:
        assert body_start(text.split("\n")) == split_front_matter("x.md", text)[2], text

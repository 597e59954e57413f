"""graph/quickref_view.py: the 早見表's rendered HTML as a tool (row ids, group headers, badges,
filter data) and the data/links the other views use to point at it (cards, cross-view line)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
import networkx as nx
import pytest

from graph.build import build_graph
from graph.model import Concept, PageData, PageLink, Section
from graph.quickref import parse_quick_reference
from views.quickref import (
    code_name,
    concept_cards,
    insert_xrefs,
    map_href,
    quickref_html,
    row_href,
    xref_html,
)
from views.render import map_payload

QR = """\
# 早見表

| 記号 | 意味 |
|--|--|
| ✅ | 定義 |

## 技術・概念 {#concepts}

| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |
|--|:-:|:-:|:-:|:-:|:-:|:-:|--|
| **モデルの学習** | | | | | | | |
| [LoRA（低ランク適応）](layers/a.md#lora) | ✅ | - | - | 🔧 | - | - | 低ランク行列 |
| [ツール宣言（`tools[]`）](layers/a.md#tools) | - | ✅️ | 🔧 | 🔧 | - | - | 名前と&lt;説明&gt; |
| **実行** | | | | | | | |
| [エージェントループ](layers/a.md#loop) | - | - | - | ✅ | 🔧 | 🔧 | 呼ぶ→実行 |
"""


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "toc"])


@pytest.fixture
def view() -> str:
    rows, problems = parse_quick_reference("quick-reference.md", QR)
    assert problems == []
    html, problems = quickref_html(render(QR), rows, "../")
    assert problems == []
    return html


def row_html(html: str, rid: str) -> str:
    m = re.search(rf'<tr class="cm-qr-row" id="{rid}".*?</tr>', html, re.DOTALL)
    assert m, rid
    return m.group(0)


@pytest.mark.parametrize(("rid", "defs", "uses"), [
    ("row-lora", "1", "3"),
    ("row-ツール宣言", "2A", "2B 3"),
    ("row-エージェントループ", "3", "4 5"),
])
def test_rows_have_ids_and_filter_data(view, rid, defs, uses):
    row = row_html(view, rid)
    assert f'data-def="{defs}"' in row and f'data-use="{uses}"' in row
    assert '<th scope="row" class="cm-qr-label">' in row
    names = [unescape(v) for v in re.findall(r'aria-label="([^"]*)"', row)]  # as a browser reads them
    assert names.count("定義（✅）") == len(defs.split())
    assert names.count("利用（🔧）") == len(uses.split())
    assert names.count("関係しない") == 6 - len(defs.split()) - len(uses.split())
    assert "✅" not in re.sub(r"<[^>]+>", "", row) and "🔧" not in re.sub(r"<[^>]+>", "", row)


def test_row_links_to_its_map_node(view):
    assert 'href="../concept-map/?focus=concept:lora"' in row_html(view, "row-lora")


def test_group_rows_are_rowgroup_headers(view):
    groups = re.findall(r'<tbody class="cm-qr-section"><tr class="cm-qr-group"><th colspan="8" '
                        r'scope="rowgroup" id="([^"]+)">', view)
    assert groups == ["group-モデルの学習", "group-実行"]
    assert '<td style="text-align: center;"></td>' not in view  # no empty cells left


def test_table_is_classed_in_a_plain_wrapper_and_headers_scoped(view):
    """No inner scroll box (it captured the wheel): a plain wrapper, not focusable, no region."""
    assert view.count('<table class="cm-qr">') == 1
    assert '<div class="cm-qr-wrap"><table class="cm-qr">' in view
    assert "cm-qr-scroll" not in view and 'tabindex="0"' not in view
    assert re.findall(r'<th scope="col" class="cm-qr-col" data-col="(\w+)">', view) == \
        ["1", "2A", "2B", "3", "4", "5"]
    assert "<table>" in view  # the 記号 legend table is not a matrix: left alone


def test_tools_before_first_matrix_heading(view):
    tools = view.index('id="cm-qr-tools"')
    assert view.index("<table>") < tools < view.index('<h2 id="concepts"') < view.index("cm-qr-wrap")
    assert re.search(r'id="cm-qr-tools"[^>]*hidden', view)  # shown by the script only
    assert "cm-qr-jump" not in view and "cm-qr-tools__tables" not in view  # one matrix: no jumps


PRODUCTS = """
## 製品・プロジェクト {#products}

| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |
|--|:-:|:-:|:-:|:-:|:-:|:-:|--|
| [vLLM](layers/a.md#vllm) | ✅ | - | - | - | - | - | サービング |
"""


def test_jump_links_between_the_matrices_both_ways():
    text = QR + PRODUCTS
    rows, problems = parse_quick_reference("quick-reference.md", text)
    assert problems == []
    html, problems = quickref_html(render(text), rows, "../")
    assert problems == []
    jumps = re.findall(r'<nav class="cm-qr-jump"[^>]*>(.*?)</nav><div class="cm-qr-wrap">', html)
    assert jumps == ['<a href="#products">次の表：製品・プロジェクト</a>',
                     '<a href="#concepts">前の表：技術・概念</a>']
    # each jump sits right before its own table, after that table's heading
    assert html.index('<h2 id="concepts"') < html.index("次の表") < html.index('<h2 id="products"') \
        < html.index("前の表")
    # the filter box (sticky on the page) links to both tables
    tools = re.search(r'<nav class="cm-qr-tools__tables"[^>]*>(.*?)</nav>', html)
    assert tools and re.findall(r'href="#(\w+)">([^<]+)<', tools.group(1)) == \
        [("concepts", "技術・概念"), ("products", "製品・プロジェクト")]


def test_escaped_text_stays_escaped(view):
    assert "名前と&lt;説明&gt;" in row_html(view, "row-ツール宣言")


@pytest.mark.parametrize(("text", "problem"), [
    ("| [Unknown](a.md#x) | ✅ | - | - | - | - | - | |", "no concept 'unknown'"),
])
def test_rows_without_a_concept_are_reported(text, problem):
    md = QR + text + "\n"
    rows, _ = parse_quick_reference("quick-reference.md", QR)
    _, problems = quickref_html(render(md), rows, "")
    assert any(problem in p for p in problems)


def test_page_without_matrix_unchanged():
    html = render("| a | b |\n|--|--|\n| 1 | 2 |\n")
    assert quickref_html(html, [], "")[0] == html


@pytest.mark.parametrize(("base", "node", "expected"), [
    ("../", "concept:lora", "../concept-map/?focus=concept:lora"),
    ("", "concept:a b", "concept-map/?focus=concept:a%20b"),
    ("../../", "concept:理解", "../../concept-map/?focus=concept:%E7%90%86%E8%A7%A3"),
])
def test_map_href(base, node, expected):
    assert map_href(base, node) == expected


@pytest.mark.parametrize(("cid", "expected"), [
    ("lora", "../quick-reference/#row-lora"),
    ("理解", "../quick-reference/#row-%E7%90%86%E8%A7%A3"),
])
def test_row_href(cid, expected):
    assert row_href("../", cid) == expected


@pytest.mark.parametrize(("code", "name"), [("1", "第1層"), ("2A", "第2層A"), ("2B", "第2層B")])
def test_code_name(code, name):
    assert code_name(code) == name


# ---------------------------------------------------------------- graph side

def small_graph() -> nx.DiGraph:
    rows, _ = parse_quick_reference("quick-reference.md", QR)
    page = PageData(src="layers/a.md", url="layers/a/", title="A", layer=3, summary="",
                    sections=[Section("lora", "LoRA", 2, 3), Section("tools", "Tools", 2, 5),
                              Section("loop", "Loop", 2, 7)], links=[])
    pages = [page] + [PageData(src=f"layers/{n}.md", url=f"layers/{n}/", title=str(n), layer=n,
                               summary="", sections=[], links=[]) for n in (1, 2, 4, 5)]
    concepts = [Concept(r, "layers/a.md", r.target.split("#")[1]) for r in rows]
    return build_graph(pages, concepts)


def test_concept_cards():
    rows, _ = parse_quick_reference("quick-reference.md", QR)
    cards = concept_cards(small_graph(), rows)
    by_id = {c["id"]: c for c in cards["concepts"]}
    lora = by_id["lora"]
    assert lora["define"] == ["1"] and lora["use"] == ["3"]
    assert lora["url"] == "layers/a/#lora"
    assert lora["map"] == "concept-map/?focus=concept:lora"
    assert lora["row"] == "quick-reference/#row-lora"
    assert by_id["ツール宣言"]["define"] == ["2A"] and by_id["ツール宣言"]["use"] == ["2B", "3"]
    assert cards["layers"]["3"]["url"] == "layers/a/"
    # without the rows too: the graph's one edge per layer keeps the 2B 🔧 beside the 2A ✅
    assert {c["id"]: c for c in concept_cards(small_graph())["concepts"]}["ツール宣言"]["use"] == ["2B", "3"]


def test_xref_lines_under_defining_headings():
    g = small_graph()
    lines = xref_html(g, "layers/a.md", "../../")
    assert set(lines) == {"lora", "tools", "loop"}
    loop = lines["loop"]
    assert 'href="../../concept-map/?focus=concept:%E3%82%A8' in loop
    assert 'href="../../quick-reference/#row-%E3%82%A8' in loop
    assert ">第4層</a>" in loop and ">第5層</a>" in loop
    html = insert_xrefs('<h2 id="loop">Loop</h2><p>x</p><h2 id="other">O</h2>', g, "layers/a.md", "")
    assert html.index('class="cm-xref"') > html.index("</h2>")
    assert html.count('class="cm-xref"') == 1


def graph_with_users() -> nx.DiGraph:
    """small_graph, plus a layer-4 chapter whose §6-2 links to the loop's section (twice) and
    whose opening paragraph links to it too."""
    rows, _ = parse_quick_reference("quick-reference.md", QR)
    page = PageData(src="layers/a.md", url="layers/a/", title="A", layer=3, summary="",
                    sections=[Section("lora", "LoRA", 2, 3), Section("tools", "Tools", 2, 5),
                              Section("loop", "Loop", 2, 7)], links=[])
    four = PageData(src="layers/4.md", url="layers/4/", title="4", layer=4, summary="",
                    sections=[Section("compare", "6-2. 手法の比較", 2, 10),
                              Section("later", "7. あとで", 2, 20)],
                    links=[PageLink("layers/a.md", "loop", 12, "compare"),
                           PageLink("layers/a.md", "loop", 14, "compare"),
                           PageLink("layers/a.md", "loop", 2, ""),
                           PageLink("layers/a.md", "lora", 21, "later")])
    pages = [page, four] + [PageData(src=f"layers/{n}.md", url=f"layers/{n}/", title=str(n), layer=n,
                                     summary="", sections=[], links=[]) for n in (1, 2, 5)]
    concepts = [Concept(r, "layers/a.md", r.target.split("#")[1]) for r in rows]
    return build_graph(pages, concepts)


def test_xref_lists_the_using_sections_with_their_layer():
    """使われる層 names the sections that use the concept, 「第4層 §6-2 手法の比較」, each linking
    to that section; a 🔧 layer none of whose sections links here keeps its chapter link."""
    lines = xref_html(graph_with_users(), "layers/a.md", "../../")
    loop = lines["loop"]
    use = re.search(r'<span class="cm-xref__use">(.*?)</span>', loop).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', use) == [
        ("../../layers/4/", "第4層 章の冒頭"),
        ("../../layers/4/#compare", "第4層 §6-2 手法の比較"),
        ("../../layers/5/", "第5層"),
    ]
    # LoRA is 🔧 in layer 3 only (its own chapter's layer): the layer-4 link is not a use there
    # but still the section that links to it
    lora = re.search(r'<span class="cm-xref__use">(.*?)</span>', lines["lora"]).group(1)
    assert "第4層 §7 あとで" in lora


def test_cards_carry_the_using_sections():
    cards = concept_cards(graph_with_users())
    loop = {c["id"]: c for c in cards["concepts"]}["エージェントループ"]
    assert loop["usedIn"] == [
        {"where": "第4層", "label": "章の冒頭", "url": "layers/4/"},
        {"where": "第4層 §6-2", "label": "手法の比較", "url": "layers/4/#compare"},
    ]
    assert {c["id"]: c for c in cards["concepts"]}["ツール宣言"]["usedIn"] == []


def test_xref_none_for_other_pages():
    assert xref_html(small_graph(), "layers/1.md", "") == {}


def test_real_quick_reference_rows_all_get_ids():
    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "quick-reference.md").read_text(encoding="utf-8")
    rows, _ = parse_quick_reference("quick-reference.md", text)
    html, problems = quickref_html(render(text), rows, "")
    assert problems == []
    assert html.count('<tr class="cm-qr-row" id="row-') == len(rows)
    assert 'id="row-lora"' in html


def test_rendered_label_differs_from_markdown_label():
    """Raw HTML in a label renders differently from the parser's plain text: the row still gets
    its id, by order and anchor."""
    md = QR.replace("[LoRA（低ランク適応）]", "[LoRA <b>x</b>]")
    rows, _ = parse_quick_reference("quick-reference.md", md)
    html, problems = quickref_html(render(md), rows, "")
    assert problems == []
    assert rows[0].id in {"lora-bxb", "lora-b-x-b", rows[0].id}
    assert f'id="row-{rows[0].id}"' in html


def test_map_payload_carries_the_using_sections():
    """The map panel's data: concept id -> the sections using it (indexes into the nodes; a
    chapter as its merged layer node), the same entries as the cross-view line."""
    payload = map_payload(graph_with_users())
    ids = [n["id"] for n in payload["nodes"]]
    used = [ids[i] for i in payload["usedIn"]["concept:エージェントループ"]]
    assert used == ["layer:4", "section:layers/4.md#compare"]
    assert "concept:ツール宣言" not in payload["usedIn"]

"""Table-driven unit tests of graph/: extraction, 早見表 parsing, validation, build."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.export import to_graphml, to_json
from graph.extract import extract_page
from graph.quickref import concept_id, parse_quick_reference, split_row
from graph.related import related
from graph.site import SourcePage, build_site_graph
from graph.stats import fs_resolver, page_url
from views.related import related_html

HEADER = "| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n|--|--|--|--|--|--|--|--|\n"


def page(layer: str, body: str = "# T\n") -> str:
    return f"---\ntitle: T\nlayer: {layer}\nreviewed: 2026-11-01\n---\n{body}"


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        ("1", None),
        ("5", None),
        ("0", "layer.md:3: front matter 'layer' must be 1–5, got 0"),
        ("6", "layer.md:3: front matter 'layer' must be 1–5, got 6"),
        ('"2"', "layer.md:3: front matter 'layer' must be an integer 1–5, got '2'"),
        ("2.5", "layer.md:3: front matter 'layer' must be an integer 1–5, got 2.5"),
        ("true", "layer.md:3: front matter 'layer' must be an integer 1–5, got True"),
        ("[1, 2]", "layer.md:3: front matter 'layer' must be an integer 1–5, got [1, 2]"),
    ],
)
def test_layer_front_matter(layer: str, expected: str | None) -> None:
    _, problems = extract_page("layer.md", page(layer), url="layer/", resolve=fs_resolver(set()))
    assert [str(p) for p in problems] == ([expected] if expected else [])


def test_hub_page_has_no_layer_and_broken_yaml_is_reported() -> None:
    hub, problems = extract_page("index.md", "# Home\n", url="", resolve=fs_resolver(set()))
    assert hub.layer is None and problems == []
    _, problems = extract_page("bad.md", "---\nlayer: [1\n---\n", url="bad/", resolve=fs_resolver(set()))
    assert len(problems) == 1 and str(problems[0]).startswith("bad.md:") and "YAML" in str(problems[0])


def test_sections_summaries_and_links_skip_code() -> None:
    text = page("1", """# Title

## 1. Section {#one}

!!! abstract "一言"
    要約です。[B](b.md#x)

see [b](b.md#sec) and `[not](b.md)` and ![img](b.md)

```text
[in fence](b.md)
```

### 1-1. Sub {#sub}
[again](b.md)
""")
    data, problems = extract_page("a.md", text, url="a/", resolve=fs_resolver({"a.md", "b.md"}))
    assert problems == []
    assert [(s.anchor, s.title, s.line, s.summary) for s in data.sections] == [
        ("one", "1. Section", 8, "要約です。B"),  # page() has 5 front matter lines
        ("sub", "1-1. Sub", 19, ""),
    ]
    assert [(lk.dest, lk.anchor, lk.line, lk.section) for lk in data.links] == [
        ("b.md", "x", 11, "one"), ("b.md", "sec", 13, "one"), ("b.md", "", 20, "sub"),
    ]


@pytest.mark.parametrize(
    ("label", "cid"),
    [("LoRA（低ランク適応）", "lora"), ("MCPサーバー (server)", "mcpサーバー"), ("Claude Code", "claude-code"),
     ("tools[] の宣言", "tools-の宣言"), ("o1 / o3", "o1-o3")],
)
def test_concept_id(label: str, cid: str) -> None:
    assert concept_id(label) == cid


def test_split_row_keeps_escaped_and_code_pipes() -> None:
    assert split_row(r"| a \| b | `x|y` | c |") == ["a | b", "`x|y`", "c"]


def qr(rows: str, header: str = HEADER) -> str:
    return "---\ntitle: 早見表\n---\n# 早見表\n\n" + header + rows


QR_CASES = [
    # (rows, expected problem strings)
    ("| [LoRA](l1.md#lora) | ✅ | - | - | - | - | - | ok |\n", []),
    ("| **カテゴリ** | | | | | | | |\n| [LoRA](l1.md#lora) | ✅ | 🔧 | 🔧 | - | - | - | |\n", []),
    ("| [LoRA](l1.md#lora) | ○ | - | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 cell '○' in column 第1層 is not ✅, 🔧 or - (it holds U+25CB)"]),
    ("| [LoRA](l1.md#lora) | | - | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 cell '' in column 第1層 is not ✅, 🔧 or - (it holds nothing)"]),
    # ✅ and 🔧 with the emoji variation selector (U+FE0F) look the same and are accepted
    ("| [LoRA](l1.md#lora) | \u2705\ufe0f | \U0001f527\ufe0f | - | - | - | - | |\n", []),
    # a look-alike mark: the message shows the code points
    ("| [LoRA](l1.md#lora) | \u2714 | - | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 cell '\u2714' in column 第1層 is not ✅, 🔧 or - (it holds U+2714)"]),
    # two mistakes in one row: both are reported
    ("| LoRA | ✅ | ○ | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 row must start with a link to the section that explains it, "
      "e.g. [LoRA](layers/01-llm.md#lora); got 'LoRA'",
      "quick-reference.md:8: 早見表 cell '○' in column 第2層A is not ✅, 🔧 or - (it holds U+25CB)"]),
    ("| [LoRA](l1.md#lora) | ✅ | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 row has 7 cells, the header has 8"]),
    ("| [LoRA](l1.md#lora) | 🔧 | - | - | - | - | - | |\n",
     ["quick-reference.md:8: concept 'LoRA' has no ✅: mark the layer that defines it"]),
    ("| LoRA | ✅ | - | - | - | - | - | |\n",
     ["quick-reference.md:8: 早見表 row must start with a link to the section that explains it, "
      "e.g. [LoRA](layers/01-llm.md#lora); got 'LoRA'"]),
    ("| [LoRA](l1.md#lora) | ✅ | - | - | - | - | - | |\n| [LoRA（again）](l1.md#lora) | ✅ | - | - | - | - | - | |\n",
     ["quick-reference.md:9: concept 'LoRA（again）' appears twice (id 'lora', first at line 8)"]),
]


@pytest.mark.parametrize(("rows", "expected"), QR_CASES)
def test_quick_reference_rows(rows: str, expected: list[str]) -> None:
    _, problems = parse_quick_reference("quick-reference.md", qr(rows))
    assert [str(p) for p in problems] == expected


def test_quick_reference_header_problems_and_faces() -> None:
    bad = "| 技術/概念 | 第1層 | 第2層 | 第3層 | 第4層 | 第5層 |\n|--|--|--|--|--|--|\n"
    _, problems = parse_quick_reference("quick-reference.md", qr("", bad))
    assert [str(p) for p in problems] == [
        "quick-reference.md:6: unknown 早見表 column '第2層' (expected 技術/概念, 第1層, 第2層A, 第2層B, "
        "第3層, 第4層, 第5層, 備考)",
        "quick-reference.md:6: 早見表 header lacks layer column(s): 第2層A, 第2層B",
    ]
    rows, problems = parse_quick_reference(
        "quick-reference.md",
        qr("| **通信** | | | | | | | |\n| [tool_use](l2.md#tool-use) | - | - | ✅ | 🔧 | - | - | 2B |\n"))
    assert problems == []
    (row,) = rows
    assert (row.id, row.category, row.line, row.note) == ("tool_use", "通信", 9, "2B")
    assert [(m.layer, m.face, m.kind) for m in row.marks] == [(2, "B", "define"), (3, "", "use")]


def tiny_site(qr_rows: str, l1_extra: str = "") -> list[SourcePage]:
    l1 = page("1", "# L1\n\n## LoRA {#lora}\n\nuses [tools](l2.md#tools)\n" + l1_extra)
    l2 = page("2", "# L2\n\n## Tools {#tools}\n\nsee [LoRA](l1.md#lora) and [same layer](l2.md)\n")
    return [
        SourcePage("l1.md", l1, "l1/"), SourcePage("l2.md", l2, "l2/"),
        SourcePage("index.md", "# Home\n[l1](l1.md)\n", ""),
        SourcePage("quick-reference.md", qr(qr_rows), "quick-reference/"),
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("| [LoRA](l1.md#nope) | ✅ | - | - | - | - | - | |\n",
         ["quick-reference.md:8: concept 'LoRA' links to 'l1.md#nope', but l1.md has no anchor '#nope'"]),
        ("| [LoRA](missing.md#lora) | ✅ | - | - | - | - | - | |\n",
         ["quick-reference.md:8: concept 'LoRA' links to 'missing.md#lora', which is not a page of the site"]),
        ("| [Home](index.md#x) | ✅ | - | - | - | - | - | |\n",
         ["quick-reference.md:8: concept 'Home' links to 'index.md#x', which is not a layer chapter "
          "(no 'layer' front matter)"]),
        ("| [LoRA](l1.md) | ✅ | - | - | - | - | - | |\n",
         ["quick-reference.md:8: concept 'LoRA' links to 'l1.md': link to the section that explains it (add #anchor)"]),
    ],
)
def test_concept_link_validation(rows: str, expected: list[str]) -> None:
    sources = tiny_site(rows)
    site = build_site_graph(sources, fs_resolver({s.src for s in sources}))
    assert [str(p) for p in site.problems] == expected


def test_graph_content_of_tiny_site() -> None:
    sources = tiny_site("| [LoRA](l1.md#lora) | ✅ | 🔧 | - | 🔧 | - | - | 差分 |\n")
    site = build_site_graph(sources, fs_resolver({s.src for s in sources}))
    g = site.graph
    assert site.problems == []
    refs = {(u, v, d["line"]) for u, v, d in g.edges(data=True) if d["kind"] == "reference"}
    assert refs == {("section:l1.md#lora", "section:l2.md#tools", 10),
                    ("section:l2.md#tools", "section:l1.md#lora", 10)}
    assert g.nodes["concept:lora"] == {
        "kind": "concept", "label": "LoRA", "layer": 1, "faces": "A", "src": "l1.md", "url": "l1/#lora",
        "summary": "差分", "category": "", "table": "concepts", "line": 8, "reviewed": "2026-11-01",
        "stale": False}
    kinds = {(u, v): d["kind"] for u, v, d in g.edges(data=True) if u == "concept:lora" or v == "concept:lora"}
    assert kinds == {("section:l1.md#lora", "concept:lora"): "explains", ("concept:lora", "layer:1"): "define",
                     ("concept:lora", "layer:2"): "use", ("concept:lora", "layer:3"): "use"}
    assert g.edges["concept:lora", "layer:2"]["face"] == "A"
    assert "page:index.md" not in g  # hubs are not nodes
    data = json.loads(to_json(g))
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert all("kind" in e for e in data["edges"])
    assert nx.parse_graphml(to_graphml(g)).number_of_edges() == g.number_of_edges()


def test_related_block_lists_both_directions_and_escapes() -> None:
    sources = tiny_site("| [<img src=x onerror=alert(1)>](l2.md#tools) | - | ✅ | - | - | - | - | |\n"
                        "| [Uses](l2.md#tools) | 🔧 | ✅ | - | - | - | - | |\n")
    site = build_site_graph(sources, fs_resolver({s.src for s in sources}))
    rel = related(site.graph, "l1.md")
    assert [i.url for i in rel.outgoing] == ["l2/#tools"]
    assert [i.url for i in rel.incoming] == ["l2/#tools"]
    assert [i.label for i in rel.used_concepts] == ["Uses"]
    html = related_html(rel, "../")
    assert 'href="../l2/#tools"' in html and "関連する層" in html
    site.graph.nodes["section:l2.md#tools"]["label"] = "<img src=x onerror=alert(1)>"
    html = related_html(related(site.graph, "l1.md"), "../")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(("src", "url"), [("index.md", ""), ("layers/01-llm.md", "layers/01-llm/"),
                                          ("a/index.md", "a/")])
def test_page_url(src: str, url: str) -> None:
    assert page_url(src) == url


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("LoRA {#lora}", ("LoRA", "lora", (), {})),
        ("参考リンク {#refs .no-graph}", ("参考リンク", "refs", ("no-graph",), {})),
        ("目次 {.no-graph}", ("目次", None, ("no-graph",), {})),
        ('キャッシュ {#cache data-reviewed="2026-12-01"}',
         ("キャッシュ", "cache", (), {"data-reviewed": "2026-12-01"})),
        ("キャッシュ {: #cache data-reviewed=2026-11-30 }",
         ("キャッシュ", "cache", (), {"data-reviewed": "2026-11-30"})),
        ("plain heading", ("plain heading", None, (), {})),
    ],
)
def test_heading_attribute_lists(title: str, expected: tuple) -> None:
    from graph.markdown import parse_heading_attrs

    assert parse_heading_attrs(title) == expected


def test_excluded_headings_are_not_sections_and_end_the_section_before() -> None:
    text = ("---\nlayer: 1\n---\n# P\n\n## A {#a}\n\n[x](two.md#t)\n\n## 参考リンク {#refs .no-graph}\n\n"
            "[y](two.md#t)\n")
    page, problems = extract_page("one.md", text, url="one/", resolve=lambda s, t: ("two.md", "t"))
    assert problems == []
    assert [s.anchor for s in page.sections] == ["a"]
    assert [(link.line, link.section) for link in page.links] == [(8, "a"), (12, "")]
    assert page.anchors == {"a", "refs"}  # the excluded heading's id still exists on the page


def test_a_row_defined_on_one_face_and_used_on_the_other_is_used_there_on_the_map() -> None:
    """2A ✅ + 2B 🔧 in one 早見表 row: one graph edge (define, keeping the 🔧 of 2B), but the map's
    payload sends it once per kind, each with its faces, so the panel's 使われる層 lists 第2層
    （2B） beside 定義している層 第2層（2A）, and the text version lists both."""
    from views.render import edge_kind, fallback_html, map_payload

    sources = tiny_site("| [Tools](l2.md#tools) | 🔧 | ✅ | 🔧 | - | - | - | |\n")
    site = build_site_graph(sources, fs_resolver({s.src for s in sources}))
    assert site.problems == []
    g = site.graph
    assert g.edges["concept:tools", "layer:2"]["kind"] == "define"
    payload = map_payload(g)
    ids = [n["id"] for n in payload["nodes"]]
    sent = sorted((edge_kind(e[2]), e[4] if len(e) > 4 else "") for e in payload["edges"]
                  if ids[e[0]] == "concept:tools" and ids[e[1]] == "layer:2")
    assert sent == [("define", "A"), ("use", "B")]
    assert payload["vocab"]["faces"]["B"] == {"name": "2B", "direction": "LLM→クライアント", "layer": 2}
    text = fallback_html(g, "../")
    assert "（2A）" in text and "（2B）" in text


def _networkx_graphml(g: nx.DiGraph) -> str:
    scalar = g.copy()
    scalar.graph = {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))}
    return "\n".join(nx.generate_graphml(scalar, encoding="utf-8", prettyprint=True)) + "\n"


def test_graphml_is_the_text_networkx_writes():
    """to_graphml writes GraphML itself (fast); it must stay the text networkx writes: escaping in
    text and attributes, non-ASCII as references, empty values, bools, mixed types, graph data."""
    g = nx.DiGraph(id="g<1>", name="t<&>", weight=1.5, flag=True, scenarios=[{"id": "s"}])
    g.add_node('a"b<&\n\t\r', label="x\ny\r\nz & <b> ü 日本 \u2028", n=3, ok=False, f=0.1, empty="")
    g.add_node("empty")
    g.add_node("mixed", n="three", label="ラベル")
    g.add_edge('a"b<&\n\t\r', "empty", kind="k", w=2)
    g.add_edge("empty", "mixed")
    assert to_graphml(g) == _networkx_graphml(g)
    assert to_graphml(nx.DiGraph()) == _networkx_graphml(nx.DiGraph())
    g.add_node("bad", value=[1])
    with pytest.raises(TypeError):
        to_graphml(g)

"""graph/related.py: 「関連する層」 grouped by layer, entries prefixed with their chapter, and
backlinks with the sentence holding the link (pure: no MkDocs, no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import networkx as nx

from graph.related import Item, link_sentence, plain_text, related_index
from views.related import layer_groups, related_html

EVIL = '<img src=x onerror="window.__xss=1">'


def graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for n in (1, 2):
        g.add_node(f"layer:{n}", kind="layer", label=f"第{n}層", layer=n, summary="")
    g.add_node("page:layers/a.md", kind="page", label="A", layer=1, src="layers/a.md", url="a/", summary="")
    g.add_node("page:layers/b.md", kind="page", label="B", layer=2, src="layers/b.md", url="b/", summary="")
    g.add_node("section:layers/a.md#x", kind="section", label="1-3. エックス", layer=1,
               src="layers/a.md", url="a/#x", summary="", line=3)
    g.add_node("section:layers/b.md#y", kind="section", label=f"2-1. {EVIL}", layer=2,
               src="layers/b.md", url="b/#y", summary="", line=3)
    g.add_edge("section:layers/b.md#y", "section:layers/a.md#x", kind="reference", src="layers/b.md", line=5)
    g.add_edge("section:layers/a.md#x", "page:layers/b.md", kind="reference", src="layers/a.md", line=4)
    return g


TEXTS = {
    "layers/b.md": "# B\n\n## 2-1. y {#y}\n\n前の文。**要点**は[第1層のエックス](a.md#x)で説明する。次の文。\n",
    "layers/a.md": "# A\n\n## 1-3. x {#x}\n[B](b.md)\n",
}


def test_items_say_whose_section_they_are() -> None:
    assert Item(2, "ストリーミング", "u", number="1-3").prefix == "第2層 §1-3"
    assert Item(2, "B", "u", whole=True).prefix == "第2層 章全体"
    rel = related_index(graph(), TEXTS)["layers/a.md"]
    assert [i.prefix for i in rel.incoming] == ["第2層 §2-1"]
    assert rel.incoming[0].label == EVIL  # the number is in the prefix, not the label
    assert [i.prefix for i in rel.outgoing] == ["第2層 章全体"]


def test_backlinks_carry_the_sentence_with_the_link() -> None:
    rel = related_index(graph(), TEXTS)["layers/a.md"]
    assert rel.incoming[0].sentence == "要点は第1層のエックスで説明する。"
    assert related_index(graph())["layers/a.md"].incoming[0].sentence == ""  # no texts: none


def test_link_sentence_in_a_table_cell_and_across_lines() -> None:
    table = "| a | b |\n|---|---|\n| 行 | 詳しくは[ここ](../layers/a.md#x) |\n"
    assert link_sentence(table, 3, "layers/a.md", "guide/t.md") == "詳しくはここ"
    wrapped = "最初の行で[リンク](a.md)が\n次の行で終わる。\n"
    assert link_sentence(wrapped, 1, "layers/a.md", "layers/b.md") == "最初の行でリンクが 次の行で終わる。"
    assert link_sentence(wrapped, 1, "layers/c.md", "layers/b.md") == ""
    assert plain_text("- **太字** と `code` と [L](x.md)", list_marker=True) == "太字 と code と L"


def test_one_group_per_layer_with_counts_and_escaped_text() -> None:
    rel = related_index(graph(), TEXTS)["layers/a.md"]
    groups = layer_groups(rel)
    assert [(g.layer, g.count) for g in groups] == [(2, 2)]
    html = related_html(rel, "../../")

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.tags.append(tag)

    parser = Tags()
    parser.feed(html)
    assert "img" not in parser.tags
    assert parser.tags.count("details") == 1 and "summary" in parser.tags
    assert "2件" in html and "第2層 §2-1" in html and "要点は第1層のエックスで説明する。" in html
    assert 'href="../../b/#y"' in html


def test_a_section_linking_here_several_times_is_one_backlink() -> None:
    """One edge per target section: a section linking three sections of a chapter used to give
    three entries (issue 24). Now one, with each distinct sentence once, in line order."""
    g = graph()
    for anchor, line in (("z", 7), ("w", 9)):
        g.add_node(f"section:layers/a.md#{anchor}", kind="section", label=f"1-{line}. {anchor}", layer=1,
                   src="layers/a.md", url=f"a/#{anchor}", summary="", line=line)
        g.add_edge("section:layers/b.md#y", f"section:layers/a.md#{anchor}", kind="reference",
                   src="layers/b.md", line=line)
    more = "\n[ゼット](a.md#z)を見る。\n\n[ダブリュー](a.md#w)を見る。\n"
    texts = {**TEXTS, "layers/b.md": TEXTS["layers/b.md"] + more}
    rel = related_index(g, texts)["layers/a.md"]
    assert [i.url for i in rel.incoming] == ["b/#y"]
    assert rel.incoming[0].sentences == ("要点は第1層のエックスで説明する。", "ゼットを見る。", "ダブリューを見る。")
    html = related_html(rel, "")
    assert html.count('href="b/#y"') == 1 and html.count("cm-related__sentence") == 3
    assert "被参照 1・" in html


def test_relation_cells_read_as_sentences_in_both_chapters() -> None:
    """#25: a relation table's cell becomes 「<concept> — <phrase>（第N層）」 with links, in the
    chapter whose table holds it (under the other layer) and in the chapter it points into (under
    the table's layer); the phrase is escaped."""
    g = graph()
    g.add_node("concept:c", kind="concept", label="概念シー", layer=1, src="layers/a.md", url="a/#x", summary="")
    g.add_edge("concept:c", "page:layers/b.md", kind="relation", label=f"Bで使われる{EVIL}", layer=2,
               src="layers/a.md", line=9)
    g.add_edge("concept:c", "section:layers/b.md#y", kind="relation", label="yに翻訳される", layer=2,
               src="layers/a.md", line=10)
    index = related_index(g, TEXTS)
    mine, theirs = index["layers/a.md"], index["layers/b.md"]
    assert [(r.layer, r.place, r.line) for r in mine.relations] == [(2, "第2層", 9), (2, f"第2層 {EVIL}", 10)]
    assert [(r.layer, r.concept) for r in theirs.relations] == [(1, "概念シー"), (1, "概念シー")]
    html = related_html(mine, "../")
    assert "<img" not in html and "&lt;img" in html
    assert '<a href="../a/#x">概念シー</a> — Bで使われる' in html
    assert '（<a href="../b/">第2層</a>）' in html and 'href="../b/#y"' in html
    assert "各層との関係" in html and "関係 2・" in html
    assert [g.count for g in layer_groups(mine)] == [4]
    other = related_html(theirs, "../")
    assert '<a href="../a/#x">概念シー</a> — yに翻訳される（<a href="../b/#y">' in other


def test_the_maps_text_version_reads_relations_as_sentences() -> None:
    """#25: in the map's text version a relation is 「<concept> — <phrase>（第N層）」, written once in
    the concept's row with the other end a link to its row, the phrase escaped; the other row
    links back to the concept's row under the kind (like the other kinds' grouped links)."""
    from views.render import fallback_html, row_ids

    g = graph()
    g.add_node("concept:c", kind="concept", label="概念シー", layer=1, src="layers/a.md", url="a/#x", summary="")
    g.add_edge("concept:c", "page:layers/b.md", kind="relation", label=f"Bで使われる{EVIL}", layer=2,
               src="layers/a.md", line=9)
    html = fallback_html(g, "../")
    ids = row_ids(g)
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr id="([^"]+)">.*?</tr>', html)}
    mine, chapter = rows[ids["concept:c"]], rows[ids["page:layers/b.md"]]
    evil = "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;"
    assert f'概念シー — Bで使われる{evil}（<a href="#{ids["page:layers/b.md"]}">第2層</a>）' in mine
    assert f'<li><span>関係</span> <a href="#{ids["concept:c"]}">概念シー</a></li>' in chapter
    assert html.count("Bで使われる") == 1  # the sentence once
    assert "<img" not in html

"""関連する層 does less work per chapter (#21): one entry per node, one pass to group by layer, the
template and the used concepts' lists kept for the build. Each test compares with the
straightforward computation and fails when they differ."""

from __future__ import annotations

import random
import re

import networkx as nx

from graph.related import (
    Item,
    Related,
    RelationItem,
    _add_relation,
    _dedupe,
    _merge_backlinks,
    link_sentence,
    related_index,
    section_item,
)
from graph.schema import CONCEPT, PAGE, REFERENCE, USE
from graph.vocabulary import LAYERS, RELATION
from views.related import LayerGroup, layer_groups, related_html


def slow_related_index(g: nx.DiGraph, texts: dict[str, str]) -> dict[str, Related]:
    """graph/related.py related_index before #21: section_item for both ends of every edge."""
    out: dict = {}
    inc: dict = {}
    used: dict = {}
    rels: dict = {}
    for source, target, data in g.edges(data=True):
        kind = data["kind"]
        if kind == REFERENCE:
            target_src, source_src = g.nodes[target]["src"], g.nodes[source]["src"]
            out.setdefault(source_src, set()).add(section_item(g, target))
            text = texts.get(str(data.get("src") or source_src), "")
            line = data.get("line") if isinstance(data.get("line"), int) else 0
            sentence = link_sentence(text, line, target_src, source_src) if text else ""
            inc.setdefault(target_src, set()).add(section_item(g, source, sentence, line))
        elif kind == USE:
            node, layer = g.nodes[source], g.nodes[target]["layer"]
            if node["kind"] == CONCEPT and node["layer"] != layer:
                used.setdefault(layer, set()).add(Item(node["layer"], node["label"], node.get("url", "")))
        elif kind == RELATION:
            _add_relation(g, source, target, data, rels)
    by_layer = {layer: sorted(items) for layer, items in used.items()}
    return {data["src"]: Related(_dedupe(out.get(data["src"], ())), _merge_backlinks(inc.get(data["src"], ())),
                                 list(by_layer.get(data["layer"], ())), sorted(rels.get(data["src"], ())))
            for _, data in g.nodes(data=True) if data["kind"] == PAGE}


def site(seed: int) -> tuple[nx.DiGraph, dict[str, str]]:
    """Chapters of every layer whose sections link each other (several links per line, the same
    target twice, a page as a whole), concepts used across layers and relation edges."""
    rnd = random.Random(seed)
    g = nx.DiGraph()
    for n in LAYERS:
        g.add_node(f"layer:{n}", kind="layer", label=f"第{n}層", layer=n, summary="")
    texts = {}
    sections = []
    for p in range(10):
        src, layer = f"layers/p{p}.md", p % 5 + 1
        g.add_node(f"page:{src}", kind=PAGE, label=f"P{p}", layer=layer, src=src, url=f"p{p}/", summary="")
        lines = [f"# P{p}", ""]
        for s in range(3):
            node = f"section:{src}#s{s}"
            g.add_node(node, kind="section", label=f"{s + 1}-{p}. 節{p}-{s}", layer=layer, src=src,
                       url=f"p{p}/#s{s}", summary="", line=len(lines) + 1)
            sections.append((node, src, layer))
            lines += [f"## {s + 1}-{p}. 節 {{#s{s}}}", ""]
            for _ in range(3):
                q = rnd.randrange(10)
                lines.append(f"前の文。[P{q}](p{q}.md#s{rnd.randrange(3)})と[P{q}](p{q}.md)を見る。次。")
        texts[src] = "\n".join(lines) + "\n"
    for node, src, layer in sections:
        for _ in range(4):
            other, osrc, olayer = rnd.choice(sections)
            if olayer == layer:
                continue
            target = other if rnd.random() < 0.7 else f"page:{osrc}"
            line = rnd.choice([n for n, raw in enumerate(texts[src].split("\n"), 1) if raw.startswith("前")])
            g.add_edge(node, target, kind=REFERENCE, src=src, line=line, count=1)
    for c in range(12):
        layer = c % 5 + 1
        g.add_node(f"concept:c{c}", kind=CONCEPT, label=f"概念{c % 7}", layer=layer, url=f"p{c % 10}/#s{c % 3}")
        for other in rnd.sample(list(LAYERS), 3):
            g.add_edge(f"concept:c{c}", f"layer:{other}", kind=USE)
        g.add_edge(f"concept:c{c}", rnd.choice(sections)[0], kind=RELATION, label="関係", layer=layer,
                   src=f"layers/p{c % 10}.md", line=c)
    return g, texts


def test_related_index_is_the_straightforward_index() -> None:
    for seed in range(6):
        g, texts = site(seed)
        fast, slow = related_index(g, texts), slow_related_index(g, texts)
        assert fast == slow
        assert [[i.line for i in r.incoming] for r in fast.values()] == \
            [[i.line for i in r.incoming] for r in slow.values()]  # line is no part of Item's equality
        assert sum(len(r.incoming) for r in fast.values()) > 10
        assert any(i.sentences for r in fast.values() for i in r.incoming)


def slow_layer_groups(rel: Related) -> list[LayerGroup]:
    layers = sorted({i.layer for i in (*rel.outgoing, *rel.incoming, *rel.used_concepts, *rel.relations)},
                    reverse=True)
    return [LayerGroup(n, LAYERS[n].name if n in LAYERS else "",
                       [i for i in rel.outgoing if i.layer == n],
                       [i for i in rel.incoming if i.layer == n],
                       [i for i in rel.used_concepts if i.layer == n],
                       [i for i in rel.relations if i.layer == n]) for n in layers]


def test_layer_groups_are_the_straightforward_groups() -> None:
    rnd = random.Random(3)
    for _ in range(20):
        def items(n: int) -> list[Item]:
            return [Item(rnd.choice([1, 2, 3, 4, 5, 9]), f"L{k}", f"u{k}") for k in range(n)]
        rel = Related(items(rnd.randrange(6)), items(rnd.randrange(6)), items(rnd.randrange(6)),
                      [RelationItem(rnd.randrange(1, 6), k, "c", "", "p", 2, "", "") for k in range(rnd.randrange(4))])
        assert layer_groups(rel) == slow_layer_groups(rel)


def test_chapters_sharing_a_cache_render_as_each_alone() -> None:
    """The cache keeps the template and each used-concepts list by the identity of its items:
    chapters sharing the Item objects share the rendering, and a chapter with other items (of
    the same number, or equal ones as other objects) gets its own, right one."""
    shared = [Item(2, f"共有{k}", f"s{k}/") for k in range(3)]
    other = [Item(2, f"別{k}", f"o{k}/") for k in range(3)]
    equal = [Item(2, f"共有{k}", f"s{k}/") for k in range(3)]
    chapters = [(Related(used_concepts=list(shared)), "../"), (Related(used_concepts=list(shared)), "../"),
                (Related(used_concepts=list(other)), "../"), (Related(used_concepts=list(equal)), "../"),
                (Related(used_concepts=list(shared)), "../../"), (Related(used_concepts=list(shared)), "../")]
    cache: dict = {}
    together = [related_html(rel, base, None, cache) for rel, base in chapters]
    assert together == [related_html(rel, base) for rel, base in chapters]
    assert "共有0" in together[0] and "別0" in together[2] and 'href="../../s0/"' in together[4]
    assert len([key for key in cache if len(key) > 1]) == 4  # shared at ../ once, other, equal, ../../


def test_a_group_with_badges_keeps_every_field() -> None:
    """_with_badges builds the group itself (not dataclasses.replace): it must be replace's group,
    whatever fields LayerGroup has."""
    from dataclasses import replace

    from views.related import _badged_item, _used_html, _with_badges

    incoming = [Item(3, "入", "i/", sentence="🔧 文", sentences=("🔧 文",))]
    group = LayerGroup(3, "名前", [Item(3, "✅ 出", "o/")], incoming, [Item(3, "📘 使", "u/")],
                       [RelationItem(3, 1, "c", "", "p", 2, "", "")], "")
    want = replace(group, outgoing=[_badged_item(i) for i in group.outgoing],
                   incoming=[_badged_item(i) for i in group.incoming],
                   used_html=_used_html(group.used, "../", None, None))
    assert _with_badges(group, "../", None, {}) == want
    assert "cm-mark" in want.outgoing[0].label and "cm-mark" in want.used_html


def test_a_backlinks_sentences_show_their_marks_as_badges() -> None:
    """Every sentence of a backlink (the block shows `sentences`, one per linking section's link)
    has its ✅ 🔧 📘 🔗 as badges, like the chapter text, not as emoji an emoji font must draw."""
    sentences = ("第5層に🔧を付けたものはトレースを持つ。", "✅ は定義。", "印のない文。")
    rel = Related([], [Item(5, "章", "layers/05/", sentence=sentences[0], sentences=sentences)], [], [])
    html = related_html(rel, "../")
    quotes = re.findall(r'<blockquote class="cm-related__sentence">(.*?)</blockquote>', html, re.S)
    assert len(quotes) == 3
    assert 'cm-mark--use' in quotes[0] and 'cm-mark--define' in quotes[1] and "cm-mark" not in quotes[2]
    assert not any(mark in re.sub(r"<[^>]+>", "", q) for q in quotes for mark in "✅🔧")

"""Synthetic knowledge graphs that follow the graph schema (for tests and benchmarks)."""

from __future__ import annotations

import random

import networkx as nx

from sitedocs.urls import page_url

from .schema import (
    CONCEPT,
    CONTAINS,
    DEFINE,
    EXPLAINS,
    LAYER,
    PAGE,
    REFERENCE,
    SECTION,
    TABLE_CONCEPTS,
    TABLE_PRODUCTS,
    USE,
    concept_node_id,
    layer_id,
    page_id,
    section_id,
)
from .vocabulary import LAYERS, layer_title

CHAPTERS = {
    1: "layers/01-llm.md",
    2: "layers/02-communication.md",
    3: "layers/03-orchestration.md",
    4: "layers/04-external-tools.md",
    5: "layers/05-ui-operations.md",
}


_FRESH = {"reviewed": "2026-09-01", "stale": False}
_OLD = {"reviewed": "2025-12-01", "stale": True}  # every 7th section: past its review interval


def _url(src: str, anchor: str = "") -> str:
    page = page_url(src)
    return f"{page}#{anchor}" if anchor else page


def synthetic_graph(n_nodes: int, seed: int = 0, concept_label: str | None = None) -> nx.DiGraph:
    """A schema-conforming DiGraph with about n_nodes nodes (at least 20), deterministic per seed.

    concept_label, if given, becomes the label of the first concept (e.g. hostile markup).
    """
    rnd = random.Random(seed)
    g = nx.DiGraph()
    body = max(n_nodes, 20) - 10  # 5 layer nodes + 5 page nodes
    n_sections = body * 9 // 20
    n_concepts = body - n_sections
    sections: dict[int, list[str]] = {n: [] for n in LAYERS}
    for n, layer in LAYERS.items():
        src = CHAPTERS[n]
        g.add_node(layer_id(n), kind=LAYER, label=layer_title(n), layer=n, summary=layer.short)
        g.add_node(page_id(src), kind=PAGE, label=layer_title(n), layer=n, src=src,
                   url=_url(src), summary=f"{layer.short}。", reviewed="2026-09-01", stale=False)
        g.add_edge(layer_id(n), page_id(src), kind=CONTAINS)
    for i in range(n_sections):
        n = i % 5 + 1
        src, anchor = CHAPTERS[n], f"s{i}"
        sid = section_id(src, anchor)
        g.add_node(sid, kind=SECTION, label=f"{i // 5 + 1}. 節 {i}", layer=n, src=src,
                   url=_url(src, anchor), summary=f"節 {i} の一言。", line=10 + i,
                   **(_OLD if i % 7 == 3 else _FRESH))
        g.add_edge(page_id(src), sid, kind=CONTAINS)
        sections[n].append(sid)
    for i in range(n_concepts):
        n = rnd.randint(1, 5)
        section = rnd.choice(sections[n])
        cid = concept_node_id(f"c{i}")
        label = concept_label if (i == 0 and concept_label) else f"Concept{i}（概念{i}）"
        g.add_node(cid, kind=CONCEPT, label=label, layer=n, faces="A" if n == 2 else "",
                   src=g.nodes[section]["src"], url=g.nodes[section]["url"],
                   summary=f"概念 {i} の備考。", category="カテゴリ",
                   table=TABLE_PRODUCTS if i % 7 == 6 else TABLE_CONCEPTS, line=100 + i,
                   reviewed=g.nodes[section]["reviewed"], stale=g.nodes[section]["stale"])
        g.add_edge(section, cid, kind=EXPLAINS)
        g.add_edge(cid, layer_id(n), kind=DEFINE, face="")
        for other in rnd.sample([m for m in LAYERS if m != n], rnd.randint(0, 2)):
            g.add_edge(cid, layer_id(other), kind=USE, face="")
    for n, own in sections.items():
        for sid in own:
            if rnd.random() < 0.35:
                other = rnd.choice([m for m in LAYERS if m != n])
                if sections[other]:
                    target = rnd.choice(sections[other])
                    g.add_edge(sid, target, kind=REFERENCE, src=g.nodes[sid]["src"], line=1)
    return g

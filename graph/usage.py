"""Where a concept is used: the sections of other layers that use it, from the graph.

A section uses a concept when it links to the section that explains the concept (a cross-layer
reference edge into the concept's explainer, see graph/build.py), or when a relation table
links the concept to it (a relation edge concept → section, see graph/relations.py). Each entry
carries its chapter's prefix (「第3層 §6-2」), so a bare 「6-2.」 no longer leaves the reader
guessing whose section it is. Pure: the graph in, plain data out.

    using_sections(g) -> dict[concept node, list[(Item, section node)]]
        Every concept with at least one using section, in reading order (layer, section number).
    usage_payload(g) -> dict[concept node, list[dict]]
        The same entries as JSON-ready dicts (where, label, url, node) for the cards and the map.
"""

from __future__ import annotations

import networkx as nx

from .build import explainer
from .related import Item, section_item
from .schema import CONCEPT, PAGE, REFERENCE, SECTION
from .vocabulary import RELATION


def using_nodes(g: nx.DiGraph, node: str) -> list[str]:
    """The section (or page) nodes of other layers that use the concept `node`."""
    source = explainer(g, node)
    home = g.nodes[source]["layer"] if source else g.nodes[node]["layer"]
    found: list[str] = []
    # links into the explaining section (a page as explainer: its links are not about this concept)
    if source and g.nodes[source]["kind"] == SECTION:
        found += [p for p, d in g.pred[source].items()
                  if d["kind"] == REFERENCE and g.nodes[p]["kind"] in (SECTION, PAGE)]
    found += [t for t, d in g.succ[node].items() if d["kind"] == RELATION and g.nodes[t]["kind"] == SECTION]
    return list(dict.fromkeys(n for n in found if g.nodes[n]["layer"] != home))


def _order(entry: tuple[Item, str]) -> tuple:
    item = entry[0]
    number = tuple(int(p) for p in item.number.split("-")) if item.number else ()
    return (item.layer, not item.whole, number, item.label, item.url)


OPENING = "章の冒頭"  # a link before a chapter's first section: its opening text uses the concept


def _entry(g: nx.DiGraph, node: str) -> Item:
    item = section_item(g, node)
    return Item(item.layer, OPENING, item.url) if item.whole else item  # 「第3層 章の冒頭」


def using_sections(g: nx.DiGraph) -> dict[str, list[tuple[Item, str]]]:
    """Concept node -> [(entry, section node)] of the other layers' sections that use it, in
    reading order; concepts nobody links to are left out."""
    out: dict[str, list[tuple[Item, str]]] = {}
    for node, data in g.nodes(data=True):
        if data["kind"] == CONCEPT:
            entries = [(_entry(g, n), n) for n in using_nodes(g, node)]
            if entries:
                out[node] = sorted(entries, key=_order)
    return out


def usage_payload(g: nx.DiGraph) -> dict[str, list[dict]]:
    """Concept node -> [{where, label, url, node}] (url site-root-relative), for JSON."""
    return {node: [{"where": i.prefix, "label": i.label, "url": i.url, "node": n} for i, n in entries]
            for node, entries in using_sections(g).items()}

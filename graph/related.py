"""The 「関連する層」 block of a layer chapter: what it references in other layers, what
references it (backlinks), and concepts of other layers that the 早見表 marks as used here."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import networkx as nx

from .layers import LAYERS
from .schema import CONCEPT, PAGE, REFERENCE, USE


@dataclass(frozen=True, order=True)
class Item:
    layer: int
    label: str
    url: str


@dataclass
class Related:
    outgoing: list[Item] = field(default_factory=list)
    incoming: list[Item] = field(default_factory=list)
    used_concepts: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.outgoing or self.incoming or self.used_concepts)


def _item(g: nx.DiGraph, node: str) -> Item:
    data = g.nodes[node]
    label = data["label"]
    if data["kind"] == PAGE:
        label = f"{label}（章全体）"
    return Item(data["layer"], label, data.get("url", ""))


def related(g: nx.DiGraph, src: str) -> Related:
    """Cross-layer neighbours of the page `src` and its sections."""
    return related_index(g).get(src, Related())


def related_index(g: nx.DiGraph) -> dict[str, Related]:
    """The 「関連する層」 of every layer page, in one pass over the edges (not one per page)."""
    out: dict[str, set[Item]] = {}
    inc: dict[str, set[Item]] = {}
    used: dict[int, set[Item]] = {}
    for source, target, data in g.edges(data=True):
        kind = data["kind"]
        if kind == REFERENCE:
            out.setdefault(g.nodes[source]["src"], set()).add(_item(g, target))
            inc.setdefault(g.nodes[target]["src"], set()).add(_item(g, source))
        elif kind == USE:
            node, layer = g.nodes[source], g.nodes[target]["layer"]
            if node["kind"] == CONCEPT and node["layer"] != layer:
                used.setdefault(layer, set()).add(Item(node["layer"], node["label"], node.get("url", "")))
    index = {}
    for _, data in g.nodes(data=True):
        if data["kind"] == PAGE:
            src = data["src"]
            index[src] = Related(sorted(out.get(src, ())), sorted(inc.get(src, ())),
                                 sorted(used.get(data["layer"], ())))
    return index


def related_html(rel: Related, base: str) -> str:
    """Render the block; every text is escaped. `base` is the path from the page to the site root."""
    if not rel:
        return ""
    parts = ['<section class="cm-related" aria-labelledby="cm-related-title">',
             '<h2 id="cm-related-title">関連する層</h2>']
    for title, items in (("この章が参照している他の層", rel.outgoing),
                         ("この章を参照している他の層（バックリンク）", rel.incoming),
                         ("この層で使われる他の層の概念（早見表の🔧）", rel.used_concepts)):
        if not items:
            continue
        parts.append(f"<h3>{escape(title)}</h3>\n<ul class=\"cm-related__layers\">")
        for number in sorted({item.layer for item in items}):
            parts.append(f'<li><span class="cm-layer-chip cm-layer-chip--{number}">'
                         f"第{number}層 {escape(LAYERS[number].name)}</span>\n<ul>")
            for item in items:
                if item.layer == number:
                    href = escape(base + item.url, quote=True)
                    parts.append(f'<li><a href="{href}">{escape(item.label)}</a></li>')
            parts.append("</ul></li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)

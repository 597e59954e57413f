"""The 「関連する層」 block of a layer chapter: what it references in other layers, what
references it (backlinks), and concepts of other layers that the 早見表 marks as used here."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import networkx as nx

from .build import page_id
from .layers import LAYERS


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
    if data["kind"] == "page":
        label = f"{label}（章全体）"
    return Item(data["layer"], label, data.get("url", ""))


def related(g: nx.DiGraph, src: str) -> Related:
    """Cross-layer neighbours of the page `src` and its sections."""
    pid = page_id(src)
    if pid not in g:
        return Related()
    layer = g.nodes[pid]["layer"]
    own = {pid} | {n for n in g.successors(pid) if g.edges[pid, n]["kind"] == "contains"}
    out, inc = set(), set()
    for node in own:
        for _, target, data in g.out_edges(node, data=True):
            if data["kind"] == "reference":
                out.add(_item(g, target))
        for source, _, data in g.in_edges(node, data=True):
            if data["kind"] == "reference":
                inc.add(_item(g, source))
    used = set()
    for source, _, data in g.in_edges(f"layer:{layer}", data=True):
        node = g.nodes[source]
        if data["kind"] == "use" and node["kind"] == "concept" and node["layer"] != layer:
            used.add(Item(node["layer"], node["label"], node.get("url", "")))
    return Related(sorted(out), sorted(inc), sorted(used))


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

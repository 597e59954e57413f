"""Concept cards: one search entry per concept of the knowledge graph (label, layer, summary).

The graph comes as the node-link JSON the concept map writes (graph.vocabulary.OUTPUTS.graph). A card's
location is its defining anchor. One result per concept: where the anchor is a section of the
index, the section itself is the concept's result (it gets the card's names, label and summary);
only concepts defined inside a section get an entry of their own, in their chapter's group.
Concepts defined at the same anchor share one entry (a location must be unique).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from graph.schema import CONCEPT, LAYER, TABLE_PRODUCTS
from graph.vocabulary import layer_label


@dataclass(frozen=True)
class Card:
    label: str
    layer: str  # 「第1層 LLM層」
    summary: str
    url: str  # defining section, site-relative (layers/01-llm/#lora)
    category: str = ""
    product: bool = False  # a row of the 早見表's products table (graph.schema.TABLE_PRODUCTS)


def cards_from_graph(data: dict[str, Any]) -> tuple[list[Card], list[str]]:
    """Cards for the concept nodes of a node-link graph, and problems for nodes without a url."""
    nodes = data.get("nodes") if isinstance(data, dict) else None
    if not isinstance(nodes, list):
        return [], ["not a node-link graph: no 'nodes' list"]
    layers = {n.get("layer"): n.get("label", "") for n in nodes if n.get("kind") == LAYER}
    cards: list[Card] = []
    problems: list[str] = []
    for node in nodes:
        if node.get("kind") != CONCEPT:
            continue
        label = str(node.get("label") or "").strip()
        url = str(node.get("url") or "")
        if not label or not url:
            problems.append(f"concept {node.get('id')!r} has no label or url: no search card")
            continue
        layer = node.get("layer")
        cards.append(Card(label, layers.get(layer) or (layer_label(layer) if layer else ""),
                          str(node.get("summary") or "").strip(), url, str(node.get("category") or ""),
                          node.get("table") == TABLE_PRODUCTS))
    return cards, problems


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def card_docs(cards: list[Card], boost: float, sections: set[str] | frozenset[str] = frozenset()
              ) -> list[dict[str, Any]]:
    """Search documents (HTML-escaped like the index's docs) for the cards whose defining anchor is
    not a section of the index (a concept defined inside a section: PEFT in §1-3), one per anchor,
    at the anchor itself: Material shows it in its chapter's result group. A concept whose
    defining anchor is a section (`sections`) gets no document of its own: the section carries
    its names and summary (index.rewrite_docs), so concept and section never double up."""
    by_anchor: dict[str, list[Card]] = {}
    for card in cards:
        if "#" in card.url and card.url not in sections:
            by_anchor.setdefault(card.url, []).append(card)
    docs: list[dict[str, Any]] = []
    for url, group in by_anchor.items():
        lines = [f"<b>{_esc(c.label)}</b>：{_esc(c.summary)}" if len(group) > 1 else _esc(c.summary)
                 for c in group]
        docs.append({"location": url, "title": _esc(" ／ ".join(c.label for c in group)),
                     "text": "".join(f"<p>{line}</p>" for line in lines), "boost": boost})
    return docs

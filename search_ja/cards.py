"""Concept cards: one search entry per concept of the knowledge graph (label, layer, summary).

The graph comes as the node-link JSON the concept map writes (graph.vocabulary.OUTPUTS.graph). A card's
location is its defining section with the query string `?concept`, e.g.
`layers/01-llm/?concept#lora`: Material groups results by the part before "#", so the cards of a
chapter form a result group of their own, headed by a small entry (`card_docs` writes it first:
Material needs a group's head before its sections), and each card is shown with its summary as
the preview. The link still opens the defining section (a static site ignores the query string).
Concepts defined in the same section share one card (a location must be unique).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from graph.schema import CONCEPT, LAYER


@dataclass(frozen=True)
class Card:
    label: str
    layer: str  # 「第1層 LLM層」
    summary: str
    url: str  # defining section, site-relative (layers/01-llm/#lora)
    category: str = ""


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
        cards.append(Card(label, layers.get(layer) or (f"第{layer}層" if layer else ""),
                          str(node.get("summary") or "").strip(), url, str(node.get("category") or "")))
    return cards, problems


QUERY = "?concept"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def card_docs(cards: list[Card], boost: float, head_boost: float = 0.01) -> list[dict[str, Any]]:
    """Search documents for the cards (HTML-escaped like the index's docs), grouped by page: per
    page a head entry, then one entry per defining section."""
    by_page: dict[str, dict[str, list[Card]]] = {}
    for card in cards:
        page, _, anchor = card.url.partition("#")
        if anchor:
            by_page.setdefault(page, {}).setdefault(anchor, []).append(card)
    docs: list[dict[str, Any]] = []
    for page, sections in by_page.items():
        layer = next((c.layer for cs in sections.values() for c in cs if c.layer), "")
        docs.append({"location": page + QUERY, "title": _esc(f"{layer}の概念" if layer else "概念"),
                     "text": "", "boost": head_boost})
        for anchor, group in sections.items():
            lines = []
            for card in group:
                line = f"<b>{_esc(card.label)}</b>：{_esc(card.summary)}" if len(group) > 1 else _esc(card.summary)
                lines.append(line)
            doc: dict[str, Any] = {
                "location": f"{page}{QUERY}#{anchor}",
                "title": _esc(" ／ ".join(c.label for c in group)),
                "text": "".join(f"<p>{line}</p>" for line in lines),
                "boost": boost,
            }
            if layer:
                doc["tags"] = [layer]
            docs.append(doc)
    return docs

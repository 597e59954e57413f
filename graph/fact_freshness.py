"""Per-fact freshness in the graph: a section (and its chapter) that shows a fact past its review
interval is stale, like a section past its own review date; the map's `?view=freshness` and
api/pages.json read the same `stale` attribute. `stale_facts` lists the fact ids on the node,
separated by spaces (GraphML keeps scalars only)."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from facts.load import FactBase
from facts.render import Use

from .build import node_for
from .model import PageData
from .schema import CONCEPT, EXPLAINS, page_id


def section_at(page: PageData, line: int) -> str:
    """The anchor of the section a line of the page lies in ("" before the first section)."""
    anchor = ""
    for sec in sorted(page.sections, key=lambda s: s.line):
        if sec.line > line:
            break
        anchor = sec.anchor
    return anchor


def mark_stale_facts(g: nx.DiGraph, pages: list[PageData], uses: list[Use], base: FactBase,
                     today: dt.date) -> None:
    """Set `stale` and `stale_facts` on the section, page and explained concepts of each use of a
    stale fact."""
    by_src = {p.src: p for p in pages if p.layer is not None}
    touched: set[str] = set()
    for use in uses:
        fact = base.get(use.fact)
        page = by_src.get(use.file)
        if fact is None or page is None or not fact.stale(today):
            continue
        for node in {node_for(g, page.src, section_at(page, use.line)), page_id(page.src)}:
            data = g.nodes[node]
            data["stale"] = True
            ids = data.get("stale_facts", "").split()
            if fact.id not in ids:
                data["stale_facts"] = " ".join([*ids, fact.id])
            touched.add(node)
    for node in touched:  # a concept is as fresh as the section explaining it
        for concept in g.successors(node):
            if g.nodes[concept]["kind"] == CONCEPT and g.edges[node, concept]["kind"] == EXPLAINS:
                g.nodes[concept]["stale"] = True

"""Build the networkx DiGraph of layers, pages, sections and concepts (schema: see graph.schema)."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from .model import Concept, PageData
from .review import Review
from .schema import (
    CONCEPT,
    CONTAINS,
    DEFINE,
    EXPLAINS,
    LAYER,
    PAGE,
    REFERENCE,
    SECTION,
    concept_node_id,
    layer_id,
    page_id,
    section_id,
)
from .vocabulary import LAYERS, RELATIONS, layer_title


def _freshness(review: Review | None, today: dt.date) -> dict[str, object]:
    """`reviewed` (YYYY-MM-DD, "" when unknown) and `stale` (past its review interval)."""
    if review is None:
        return {"reviewed": "", "stale": False}
    return {"reviewed": review.date.isoformat(), "stale": review.stale(today)}


def build_graph(pages: list[PageData], concepts: list[Concept], today: dt.date | None = None) -> nx.DiGraph:
    """Layers contain pages, pages contain sections; cross-layer links are `reference` edges;
    concepts carry `define` (✅) / `use` (🔧) edges to layers and are `explains`-ed by a section.
    Pages, sections and concepts carry their review date and whether it is past due."""
    today = today or dt.date.today()
    g = nx.DiGraph()
    for n, layer in LAYERS.items():
        g.add_node(layer_id(n), kind=LAYER, label=layer_title(n), layer=n,
                   summary=layer.short)
    by_src = {p.src: p for p in pages if p.layer is not None}
    for page in by_src.values():
        pid = page_id(page.src)
        g.add_node(pid, kind=PAGE, label=page.title, layer=page.layer, src=page.src,
                   url=page.url, summary=page.summary, **_freshness(page.review, today))
        g.add_edge(layer_id(page.layer), pid, kind=CONTAINS)
        for sec in page.sections:
            sid = section_id(page.src, sec.anchor)
            g.add_node(sid, kind=SECTION, label=sec.title, layer=page.layer, src=page.src,
                       url=f"{page.url}#{sec.anchor}", summary=sec.summary, line=sec.line,
                       **_freshness(sec.review, today))
            g.add_edge(pid, sid, kind=CONTAINS)
    for page in by_src.values():
        for link in page.links:
            dest = by_src.get(link.dest)
            if dest is None or dest.layer == page.layer:
                continue
            source = node_for(g, page.src, link.section)
            target = node_for(g, dest.src, link.anchor)
            if g.has_edge(source, target) and g.edges[source, target]["kind"] == REFERENCE:
                g.edges[source, target]["count"] += 1
                continue
            g.add_edge(source, target, kind=REFERENCE, src=page.src, line=link.line, count=1)
    for concept in concepts:
        _add_concept(g, concept, by_src)
    for node, data in g.nodes(data=True):  # a concept is as fresh as the section explaining it
        if data["kind"] == CONCEPT:
            section = explainer(g, node)
            source = g.nodes[section] if section else {}
            data["reviewed"] = source.get("reviewed", "")
            data["stale"] = source.get("stale", False)
    return g


def explainer(g: nx.DiGraph, node: str) -> str | None:
    """The section (or page) that explains the concept `node`: its first EXPLAINS predecessor."""
    return next((p for p, d in g.pred[node].items() if d.get("kind") == EXPLAINS), None)


def node_for(g: nx.DiGraph, src: str, anchor: str) -> str:
    """The section node for src#anchor if the graph has it, else the page node."""
    if anchor:
        sid = section_id(src, anchor)
        if sid in g:
            return sid
    return page_id(src)


def _add_concept(g: nx.DiGraph, concept: Concept, pages: dict[str, PageData]) -> None:
    row = concept.row
    cid = concept_node_id(row.id)
    if cid in g:
        return
    defining = [m for m in row.marks if m.kind == DEFINE]
    faces = "".join(sorted({m.face for m in row.marks if m.layer == 2 and m.face}))
    page = pages.get(concept.dest or "")
    section = node_for(g, page.src, concept.anchor) if page else None  # the concept's explainer
    url = ""
    if page:  # the exact link target, also when its anchor is not a heading (e.g. <span id>)
        url = f"{page.url}#{concept.anchor}" if concept.anchor else page.url
    g.add_node(cid, kind=CONCEPT, label=row.label, layer=defining[0].layer, faces=faces,
               src=page.src if page else "", url=url, summary=row.note, category=row.category,
               table=row.table, line=row.line)
    if section:
        g.add_edge(section, cid, kind=EXPLAINS)
    for kind in reversed(RELATIONS):  # the first relation (define) last: it wins on a layer with two
        for layer in sorted({m.layer for m in row.marks if m.kind == kind}):
            face = "".join(sorted({m.face for m in row.marks
                                   if m.kind == kind and m.layer == layer and m.face}))
            g.add_edge(cid, layer_id(layer), kind=kind, face=face)
    # one edge per concept and layer; on layer 2 it lists every face with its mark, so that
    # 2A ✅ + 2B 🔧 keeps the 🔧 of 2B beside the edge's ✅ (FACE_KINDS, faces_of)
    for layer in sorted({m.layer for m in row.marks if m.face and m.kind in RELATIONS}):
        g.edges[cid, layer_id(layer)][FACE_KINDS] = " ".join(
            f"{m.face}:{m.kind}" for m in sorted({(m.face, m.kind): m for m in row.marks
                                                  if m.layer == layer and m.face and m.kind in RELATIONS}.values(),
                                                 key=lambda m: m.face))


FACE_KINDS = "face_kinds"
"""Edge attribute of a concept → layer-2 edge: its faces and their marks, e.g. "A:define B:use"."""


def faces_of(data: dict, kind: str) -> str:
    """The faces ("A", "AB", "") an edge (its data) links with the relation `kind`: from FACE_KINDS
    when it has them (a define edge can carry a use on the other face), else its own face."""
    pairs = str(data.get(FACE_KINDS) or "")
    if pairs:
        return "".join(f for f, k in (p.split(":", 1) for p in pairs.split()) if k == kind)
    return str(data.get("face") or "") if data.get("kind") == kind else ""


def edge_kinds(data: dict) -> list[tuple[str, str]]:
    """(relation, faces) of every relation an edge stands for: one, or two on layer 2 when its
    faces differ (2A ✅ + 2B 🔧 → [("define", "A"), ("use", "B")])."""
    kinds = [data.get("kind", "")]
    pairs = str(data.get(FACE_KINDS) or "")
    for p in pairs.split():
        k = p.split(":", 1)[1]
        if k not in kinds:
            kinds.append(k)
    return [(str(k), faces_of(data, str(k))) for k in kinds]


def mark_link_issues(g: nx.DiGraph, pages: list[PageData], cited: list[tuple[str, int]]) -> int:
    """Count, on each section (or page) node, the citations (file, line) of links the last link
    report found broken or redirected: attribute `link_issues`. Returns how many were placed."""
    placed = 0
    by_src = {p.src: p for p in pages if p.layer is not None}
    for src, line in cited:
        page = by_src.get(src)
        if page is None:
            continue
        anchor = ""
        for sec in sorted(page.sections, key=lambda s: s.line):
            if sec.line > line:
                break
            anchor = sec.anchor
        node = node_for(g, src, anchor)
        g.nodes[node]["link_issues"] = g.nodes[node].get("link_issues", 0) + 1
        placed += 1
    return placed

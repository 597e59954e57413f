"""The whole pipeline for a docs tree: extract every page and the 早見表, validate, build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import networkx as nx

from facts.load import FactBase
from facts.render import Use, render_markdown
from sitedocs.diagrams import problems as diagram_problems

from .build import build_graph
from .extract import extract_page
from .fact_freshness import mark_stale_facts
from .model import Concept, PageData, Resolver
from .problems import BAD_FRONT_MATTER, Problem
from .quickref import parse_quick_reference
from .relations import RelationRow, agreement_problems, parse_relation_tables, relation_edges
from .scenarios import Scenario, parse_scenarios, resolve_scenarios
from .validate import validate_concepts, validate_pages
from .vocabulary import QUICKREF_SRC, SCENARIOS_SRC


@dataclass
class SourcePage:
    """One Markdown page as the site generator sees it."""

    src: str
    text: str
    url: str
    title: str | None = None
    toc_ids: list[str] | None = None
    anchors: set[str] | None = None


@dataclass
class SiteGraph:
    graph: nx.DiGraph
    pages: list[PageData]
    concepts: list[Concept]
    problems: list[Problem]
    facts: FactBase = field(default_factory=FactBase)
    fact_uses: list[Use] = field(default_factory=list)  # where each page shows a fact (file:line)


def build_site_graph(sources: list[SourcePage], resolve: Resolver,
                     quickref_src: str = QUICKREF_SRC, today: dt.date | None = None,
                     facts: FactBase | None = None) -> SiteGraph:
    """Extract, validate and build; problems are sorted by file and line. With `facts` (the data
    file, facts.load) each page's inline fact values are rendered before it is read (so the
    早見表's notes and the cards show values, not syntax), its uses are recorded, and a section
    showing a stale fact is stale."""
    today = today or dt.date.today()
    facts = facts or FactBase()
    pages: list[PageData] = []
    problems: list[Problem] = list(facts.problems)
    concepts: list[Concept] = []
    uses: list[Use] = []
    relation_rows: list[RelationRow] = []
    scenarios: list[Scenario] = []
    for source in sources:
        rendered = render_markdown(source.src, source.text, facts, today, tables=False)
        uses.extend(rendered.uses)
        problems.extend(rendered.problems)
        source = replace(source, text=rendered.text)
        problems.extend(Problem(source.src, line, message) for line, message in diagram_problems(source.text))
        page, found = extract_page(source.src, source.text, url=source.url, resolve=resolve,
                                   title=source.title, toc_ids=source.toc_ids,
                                   anchors=source.anchors, today=today)
        pages.append(page)
        problems.extend(found)
        if source.src == SCENARIOS_SRC:  # 「シナリオで読む」 (graph/scenarios.py)
            scenarios, found = parse_scenarios(source.src, source.text)
            problems.extend(found)
        if page.layer is not None:  # its relation table(s) (graph/relations.py)
            got, found = parse_relation_tables(source.src, source.text)
            relation_rows.extend(got)
            problems.extend(found)
        if source.src == quickref_src:
            rows, found = parse_quick_reference(source.src, source.text)
            problems.extend(found)
            for row in rows:  # parse_quick_reference keeps the first row of each concept only
                dest, anchor = resolve(source.src, row.target)
                concepts.append(Concept(row, dest, anchor))
    problems.extend(validate_concepts(quickref_src, concepts, pages))
    problems.extend(validate_pages(pages, quickref_src))
    problems.extend(agreement_problems(relation_rows, concepts, resolve, quickref_src))
    walks, found = resolve_scenarios(SCENARIOS_SRC, scenarios, pages, concepts, resolve)
    problems.extend(found)
    unreadable = [p for p in problems if p.code == BAD_FRONT_MATTER]
    if unreadable:  # every later check reads the front matter: its follow-on errors would bury these
        problems = unreadable
    graph = build_graph(pages, concepts, today)
    relation_edges(graph, relation_rows, concepts, pages, resolve)
    if walks:
        graph.graph["scenarios"] = walks
    mark_stale_facts(graph, pages, uses, facts, today)
    return SiteGraph(graph, pages, concepts, sorted(problems), facts, uses)

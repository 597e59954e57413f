"""The whole pipeline for a docs tree: extract every page and the 早見表, validate, build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from .build import build_graph
from .extract import extract_page
from .model import Concept, PageData, Resolver
from .problems import Problem
from .quickref import parse_quick_reference
from .validate import validate_concepts, validate_pages
from .vocabulary import QUICKREF_SRC


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


def build_site_graph(sources: list[SourcePage], resolve: Resolver,
                     quickref_src: str = QUICKREF_SRC, today: dt.date | None = None) -> SiteGraph:
    """Extract, validate and build; problems are sorted by file and line."""
    today = today or dt.date.today()
    pages: list[PageData] = []
    problems: list[Problem] = []
    concepts: list[Concept] = []
    for source in sources:
        page, found = extract_page(source.src, source.text, url=source.url, resolve=resolve,
                                   title=source.title, toc_ids=source.toc_ids,
                                   anchors=source.anchors, today=today)
        pages.append(page)
        problems.extend(found)
        if source.src == quickref_src:
            rows, found = parse_quick_reference(source.src, source.text)
            problems.extend(found)
            for row in rows:  # parse_quick_reference keeps the first row of each concept only
                dest, anchor = resolve(source.src, row.target)
                concepts.append(Concept(row, dest, anchor))
    problems.extend(validate_concepts(quickref_src, concepts, pages))
    problems.extend(validate_pages(pages, quickref_src))
    return SiteGraph(build_graph(pages, concepts, today), pages, concepts, sorted(problems))

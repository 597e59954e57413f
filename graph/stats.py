"""Graph statistics for contributors, computed from a docs folder without building the site."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from facts.load import load_facts
from sitedocs.sources import read_source, walk_docs
from sitedocs.urls import page_url

from .markdown import plain_text, read_page
from .model import Resolver, make_resolver
from .problems import BAD_FRONT_MATTER, BAD_SOURCE, MISSING_TARGET, Problem
from .review import REVIEWED_KEY
from .schema import CONCEPT, LAYER_NUMBERS, PAGE, REFERENCE, SECTION
from .site import SiteGraph, SourcePage, build_site_graph
from .vocabulary import layer_label

_HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_ATTR_ID = re.compile(r"\{[^}]*#([\w\-:]+)[^}]*\}")
_SLUGIFY = slugify(case="lower")  # as mkdocs.yml's toc: slugify


def heading_ids(text: str) -> list[str]:
    """The ids the build gives the page's headings, in order: written ones ({#id}), else made from
    the title like mkdocs.yml's toc extension does (pymdownx slugify, case lower; _1, _2 for
    repeats), so that `python -m graph check` sees the same sections and anchors as the build."""
    source, _ = read_page("", text)
    ids: list[str] = []
    for heading in source.headings:
        ids.append(heading.anchor or unique(_SLUGIFY(plain_text(heading.title), "-"), set(ids)))
    return ids


def load_docs(docs: Path) -> tuple[list[SourcePage], list[Problem]]:
    """Every Markdown page under `docs` (as MkDocs finds them), with its heading ids and every anchor
    written in it; and a problem for each file that cannot be read (sitedocs.sources)."""
    pages = []
    files, bad = walk_docs(docs)
    problems = [Problem(p.src, p.line, p.message, BAD_SOURCE) for p in bad]
    for path, src in files:
        text, problem = read_source(path, src)
        if problem is not None:
            problems.append(Problem(problem.src, problem.line, problem.message, BAD_SOURCE))
            continue
        toc_ids = heading_ids(text)
        anchors = set(toc_ids) | set(_ATTR_ID.findall(text)) | set(_HTML_ID.findall(text))
        pages.append(SourcePage(src=src, text=text, url=page_url(src), toc_ids=toc_ids, anchors=anchors))
    return pages, problems


def fs_resolver(srcs: set[str]) -> Resolver:
    """Resolve relative Markdown links against the set of files found on disk."""
    return make_resolver(lambda path: path if path in srcs else None)


def site_graph_from_folder(docs: Path, today: dt.date | None = None) -> SiteGraph:
    """Everything the build validates and builds, from the Markdown alone."""
    sources, unreadable = load_docs(docs)
    facts = load_facts(docs, today)
    site = build_site_graph(sources, fs_resolver({s.src for s in sources}), today=today, facts=facts)
    if unreadable:  # links into an unreadable page would each be a follow-on error: these come first
        site.problems = sorted([*unreadable, *(p for p in site.problems if p.code == BAD_FRONT_MATTER)])
    return site


@dataclass(frozen=True, order=True)
class StaleItem:
    """A page, a section with its own date or a fact of the data file, past its review date
    (file:line: for a fact, the data file's line)."""

    file: str
    line: int
    what: str
    reviewed: str
    due: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}（最終確認 {self.reviewed}、期限 {self.due}）"


def stale_items(site: SiteGraph, today: dt.date) -> list[StaleItem]:
    """Pages past review (at their `reviewed` line) and sections with their own overdue date."""
    items = []
    for page in site.pages:
        if page.review and page.review.stale(today):
            items.append(StaleItem(page.src, page.meta_lines.get(REVIEWED_KEY, 1), f"章「{page.title}」",
                                   page.review.date.isoformat(), page.review.due.isoformat()))
        for sec in page.sections:
            if sec.own_review and sec.review and sec.review.stale(today):
                items.append(StaleItem(page.src, sec.line, f"節「{sec.title}」", sec.review.date.isoformat(),
                                       sec.review.due.isoformat()))
    for fact in site.facts.facts:
        if fact.stale(today):
            shown = sorted({f"{u.file}:{u.line}" for u in site.fact_uses if u.fact == fact.id})
            where = f"表示: {', '.join(shown)}" if shown else "どの章でも表示していない"
            items.append(StaleItem(fact.file, fact.line, f"{fact.id} [{fact.cls}; {where}]",
                                   fact.checked.isoformat(), fact.due.isoformat()))
    return sorted(items)


def stale_by_chapter(site: SiteGraph, today: dt.date) -> list[str]:
    """The stale items grouped by the chapter they are on, with its owner: the chapter or its
    sections past review, and each stale fact the chapter shows (at the data file's line). For
    the weekly 要再確認 issue, so that each owner sees their part."""
    items = stale_items(site, today)
    lines: list[str] = []
    for page in site.pages:
        own = [i for i in items if i.file == page.src]
        shown_here = {u.fact: site.facts.get(u.fact) for u in site.fact_uses if u.file == page.src}
        facts = sorted((f for f in shown_here.values() if f is not None and f.stale(today)), key=lambda f: f.line)
        if not own and not facts:
            continue
        owner = f"担当 @{page.owner}" if page.owner else "担当なし"
        lines.append(f"{page.title}（{page.src}、{owner}）")
        lines.extend(f"  {i}" for i in own)
        for fact in facts:
            shown = sorted({u.line for u in site.fact_uses if u.fact == fact.id and u.file == page.src})
            lines.append(f"  {fact.file}:{fact.line}: {fact.id}（最終確認 {fact.checked.isoformat()}、"
                         f"期限 {fact.due.isoformat()}、この章の {', '.join(map(str, shown))} 行）")
    return lines


def stats_report(site: SiteGraph) -> str:
    """A plain-text report: nodes and edges by kind and layer, gaps contributors should fix."""
    g = site.graph
    lines = [f"nodes: {g.number_of_nodes()}  edges: {g.number_of_edges()}", "", "nodes by kind:"]
    for kind, count in sorted(Counter(d["kind"] for _, d in g.nodes(data=True)).items()):
        lines.append(f"  {kind:<10} {count}")
    lines.append("edges by kind:")
    for kind, count in sorted(Counter(d["kind"] for _, _, d in g.edges(data=True)).items()):
        lines.append(f"  {kind:<10} {count}")
    lines.append("per layer (pages / sections / concepts defined / references out / in):")
    for n in LAYER_NUMBERS:
        kinds = Counter(d["kind"] for _, d in g.nodes(data=True) if d.get("layer") == n)
        out = sum(1 for u, _, d in g.edges(data=True)
                  if d["kind"] == REFERENCE and g.nodes[u]["layer"] == n)
        inc = sum(1 for _, v, d in g.edges(data=True)
                  if d["kind"] == REFERENCE and g.nodes[v]["layer"] == n)
        lines.append(f"  {layer_label(n)}  {kinds[PAGE]:>3} / {kinds[SECTION]:>3} / "
                     f"{kinds[CONCEPT]:>3} / {out:>3} / {inc:>3}")
    missing = [p for p in site.problems if p.code == MISSING_TARGET]
    lines.append(f"concepts whose defining section is missing: {len(missing)}")
    lines.extend(f"  {p}" for p in missing)
    lonely = []
    for node, data in g.nodes(data=True):
        if data["kind"] != PAGE:
            continue
        own = {node, *g.successors(node)}
        if not any(d["kind"] == REFERENCE for u, v, d in g.edges(data=True)
                   if u in own or v in own):
            lonely.append(data["src"])
    lines.append(f"layer pages with no cross-layer link: {len(lonely)}")
    lines.extend(f"  {src}" for src in lonely)
    others = [p for p in site.problems if p not in missing]
    lines.append(f"other problems: {len(others)}")
    lines.extend(f"  {p}" for p in others)
    return "\n".join(lines)

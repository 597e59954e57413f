"""Validate the 早見表's concepts against the pages: problems are returned, never logged."""

from __future__ import annotations

from .model import Concept, PageData
from .problems import MISSING_TARGET, Problem


def validate_concepts(quickref_src: str, concepts: list[Concept],
                      pages: list[PageData]) -> list[Problem]:
    """Each concept must link to an existing section (page + anchor) of a layer chapter."""
    by_src = {p.src: p for p in pages}
    problems = []
    for concept in concepts:
        row = concept.row
        page = by_src.get(concept.dest or "")
        where = f"concept '{row.label}' links to '{row.target}'"
        if page is None:
            problems.append(Problem(quickref_src, row.line, f"{where}, which is not a page of the site",
                                    MISSING_TARGET))
        elif page.layer_invalid:
            continue  # the page's own `layer` problem is reported already
        elif page.layer is None:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}, which is not a layer chapter (no 'layer' front matter)",
                                    MISSING_TARGET))
        elif not concept.anchor:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}: link to the section that explains it (add #anchor)"))
        elif concept.anchor not in page.anchors:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}, but {page.src} has no anchor '#{concept.anchor}'",
                                    MISSING_TARGET))
    return problems

"""Plain data the graph is built from: pages of the site and the 早見表's concepts, resolved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .quickref import ConceptRow

# (from_src, target as written) -> (docs-relative src of the target or None, anchor or "").
# None means "not a page of this site" (external URL, asset, or a broken link MkDocs reports).
Resolver = Callable[[str, str], tuple[str | None, str]]


@dataclass
class Section:
    anchor: str
    title: str
    level: int
    line: int
    summary: str = ""


@dataclass
class PageLink:
    dest: str  # docs-relative src of the target page
    anchor: str
    line: int
    section: str  # anchor of the section the link sits in ("" = before any section)
    text: str = ""


@dataclass
class PageData:
    src: str
    url: str
    title: str
    layer: int | None  # None: a hub page, not part of any layer (or an invalid `layer`)
    layer_invalid: bool = False  # `layer` was given but is not an integer 1–5 (already reported)
    summary: str = ""
    sections: list[Section] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    links: list[PageLink] = field(default_factory=list)


@dataclass
class Concept:
    row: ConceptRow
    dest: str | None
    anchor: str

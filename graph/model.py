"""Plain data the graph is built from: pages of the site and the 早見表's concepts, resolved."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .quickref import ConceptRow
from .review import Review

# (from_src, target as written) -> (docs-relative src of the target or None, anchor or "").
# None means "not a page of this site" (external URL, asset, or a broken link MkDocs reports).
Resolver = Callable[[str, str], tuple[str | None, str]]


def make_resolver(lookup: Callable[[str], str | None]) -> Resolver:
    """A Resolver for relative Markdown links; `lookup` maps a docs-relative path to the src of
    a documentation page (or None), e.g. through the site generator's own file collection."""

    def resolve(from_src: str, target: str) -> tuple[str | None, str]:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            return None, ""
        if not parts.path:
            return from_src, parts.fragment
        path = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), unquote(parts.path)))
        dest = lookup(path)
        return (dest, parts.fragment) if dest is not None else (None, "")

    return resolve


@dataclass
class Section:
    anchor: str
    title: str
    level: int
    line: int
    summary: str = ""
    explicit: bool = True  # the id is written in the Markdown ({#id}), not generated from the title
    review: Review | None = None  # its own or the chapter's
    own_review: bool = False  # the heading carries its own data-reviewed


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
    review: Review | None = None  # front matter `reviewed` (+ review_interval)
    meta_lines: dict[str, int] = field(default_factory=dict)
    owner: str | None = None  # front matter `owner`: a GitHub handle, without '@'


@dataclass
class Concept:
    row: ConceptRow
    dest: str | None
    anchor: str

"""Find the links cited in the Markdown sources, with file, line and the 📘 flag.

The first layer of the link checker: it knows Markdown and MkDocs URLs, not LinkChecker. The
links are read by `sitedocs.links` (the site's own grammar, shared with the graph).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from sitedocs.links import links_in_text, read_links
from sitedocs.urls import page_url

OFFICIAL_MARK = "📘"

@dataclass(frozen=True)
class Citation:
    """One place where a link is written: docs-relative file, 1-based line, 📘 flag.

    `from_html` marks a link found only in a built HTML page (the theme wrote it, not a Markdown
    file); `file` is then the page's site path. `fact` is the fact id when the place is a source
    of a fact in the data file (docs/data/facts.yml, `fact_citations`)."""

    file: str
    line: int
    official: bool
    from_html: bool = False
    fact: str = ""

    def where(self) -> str:
        """`file:line` for reports (`file:line: <fact id>` for a fact's source)."""
        return f"{self.file}:{self.line}: {self.fact}" if self.fact else f"{self.file}:{self.line}"

    def to_json(self) -> dict[str, Any]:
        """The report's form: file, line, official, `"source": "html"` for HTML-only links and
        `"fact": id` for a fact's source."""
        data: dict[str, Any] = {"file": self.file, "line": self.line, "official": self.official}
        if self.from_html:
            data["source"] = "html"
        if self.fact:
            data["fact"] = self.fact
        return data


@dataclass(frozen=True)
class Link:
    """A link target as written in a Markdown file, and where."""

    target: str
    citation: Citation


def links_in_line(line: str) -> list[str]:
    """Every link target the site renders from one line of Markdown (`sitedocs.links`)."""
    return [link.target for link in links_in_text(line)]


def scan_file(path: Path, rel: str) -> list[Link]:
    """Links of one Markdown file as the site renders them (`sitedocs.links.read_links`: the
    graph reads the same), each cited at its line; 📘 on that line makes it official."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return [Link(link.target, Citation(rel, link.line, OFFICIAL_MARK in lines[link.line - 1]))
            for link in read_links(text)]


def scan_docs(docs_dir: Path) -> list[Link]:
    """Links of every Markdown file under `docs_dir`, in file then line order."""
    links: list[Link] = []
    for path in sorted(docs_dir.rglob("*.md")):
        links.extend(scan_file(path, path.relative_to(docs_dir).as_posix()))
    return links


def fact_citations(docs_dir: Path) -> dict[str, list[Citation]]:
    """Each source URL of the fact data file (facts.load_facts) → the facts citing it, at the
    data file's line of that source (📘: a fact's sources are official). Facts the loader drops
    for bad data are left out (the build reports them)."""
    from facts.load import load_facts

    cited: dict[str, list[Citation]] = {}
    for fact in load_facts(docs_dir).facts:
        for source in fact.source_links:
            cited.setdefault(source.url, []).append(Citation(fact.file, source.line, True, fact=fact.id))
    return cited


def is_external(target: str) -> bool:
    """True for http(s) URLs."""
    return urlsplit(target).scheme in ("http", "https")


def is_relative(target: str) -> bool:
    """True for links into the site itself (no scheme, not protocol-relative)."""
    parts = urlsplit(target)
    return not parts.scheme and not target.startswith("//")


def external_citations(links: list[Link]) -> dict[str, list[Citation]]:
    """Map each external URL to every place it is cited, in first-citation order."""
    cited: dict[str, list[Citation]] = {}
    for link in links:
        if is_external(link.target):
            cited.setdefault(link.target, []).append(link.citation)
    return cited


def normalize_site_url(site_path: str) -> str:
    """Canonical `path#fragment` form of a site path: unquoted, `index.html` dropped."""
    path, frag = urldefrag(unquote(site_path.lstrip("/")))
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return f"{path}#{frag}" if frag else path


def resolve_internal(md_rel: str, target: str, directory_urls: bool = True) -> set[str]:
    """Normalized site URLs a relative link in `md_rel` may become in the built HTML."""
    path, frag = urldefrag(target)
    suffix = f"#{frag}" if frag else ""
    here = page_url(md_rel, directory_urls)
    if not path:
        return {normalize_site_url(here + suffix)}
    base = posixpath.dirname(md_rel)
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path
    options = {normalize_site_url(posixpath.join(posixpath.dirname(here + "x"), path) + suffix)}
    if joined.endswith(".md"):
        options.add(normalize_site_url(page_url(joined.lstrip("/"), directory_urls) + suffix))
    else:
        options.add(normalize_site_url(joined.lstrip("/") + suffix))
    return {_clean(o) for o in options}


def _clean(url: str) -> str:
    path, _, frag = url.partition("#")
    trailing = path.endswith("/")
    path = posixpath.normpath(path) if path else ""
    path = "" if path == "." else path
    if trailing and path:
        path += "/"
    return f"{path}#{frag}" if frag else path

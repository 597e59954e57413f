"""Find the links cited in the Markdown sources, with file, line and the 📘 flag."""

from __future__ import annotations

import html
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root, for graph/

from graph.fences import outside_fences  # one fence rule for the graph and the link checker

OFFICIAL_MARK = "📘"

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]+)>")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_HTMLATTR = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
_BARE = re.compile(r"https?://[^\s<>()\"'`\]]+")
_TRAILING = ".,;:!?、。」』）】"


@dataclass(frozen=True)
class Citation:
    """One place where a link is written: docs-relative file, 1-based line, 📘 flag."""

    file: str
    line: int
    official: bool

    def where(self) -> str:
        """`file:line` for reports."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Link:
    """A link target as written in a Markdown file, and where."""

    target: str
    citation: Citation


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def links_in_line(line: str) -> list[str]:
    """Every link target written in one Markdown line (code spans excluded)."""
    text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    found: list[tuple[int, str]] = []
    for pattern in (_INLINE, _AUTOLINK, _REFDEF, _HTMLATTR):
        for match in pattern.finditer(text):
            found.append((match.start(1), html.unescape(match.group(1))))
            text = _blank(text, match.start(), match.end())
    for match in _BARE.finditer(text):
        found.append((match.start(), match.group(0).rstrip(_TRAILING)))
    return [target for _, target in sorted(found)]


def scan_file(path: Path, rel: str) -> list[Link]:
    """Links of one Markdown file; lines inside fenced code blocks are skipped."""
    links: list[Link] = []
    for idx, line in outside_fences(path.read_text(encoding="utf-8").splitlines()):
        official = OFFICIAL_MARK in line
        for target in links_in_line(line):
            links.append(Link(target, Citation(rel, idx + 1, official)))
    return links


def scan_docs(docs_dir: Path) -> list[Link]:
    """Links of every Markdown file under `docs_dir`, in file then line order."""
    links: list[Link] = []
    for path in sorted(docs_dir.rglob("*.md")):
        links.extend(scan_file(path, path.relative_to(docs_dir).as_posix()))
    return links


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


def page_path(md_rel: str, directory_urls: bool = True) -> str:
    """Site path (no leading slash) of the page built from docs-relative `md_rel`."""
    stem, _ = posixpath.splitext(md_rel)
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{head}/" if head else ""
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


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
    here = page_path(md_rel, directory_urls)
    if not path:
        return {normalize_site_url(here + suffix)}
    base = posixpath.dirname(md_rel)
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path
    options = {normalize_site_url(posixpath.join(posixpath.dirname(here + "x"), path) + suffix)}
    if joined.endswith(".md"):
        options.add(normalize_site_url(page_path(joined.lstrip("/"), directory_urls) + suffix))
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

"""The site for readers that are agents: /llms.txt (llmstxt.org) and a Markdown copy of each page.

Pure functions: `markdown_copy` gives the text served beside a page (its Markdown source without
front matter, the summary as a quote under the title); `llms_txt` the index file. Each copy sits
at the page's source path (docs/layers/01-llm.md → site/layers/01-llm.md), so the relative links
between chapters written in the sources (`02-communication.md#tools`) work between the copies.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

CHAPTERS = "5層モデル"
DATA = "早見表と地図データ"
OPTIONAL = "Optional"


@dataclass(frozen=True)
class Page:
    src: str  # docs-relative source path (layers/01-llm.md): also the copy's path in the site
    title: str
    summary: str = ""
    chapter: bool = False  # a layer chapter (front matter `layer`)


@dataclass(frozen=True)
class DataFile:
    path: str  # site-relative
    title: str
    note: str


def markdown_copy(body: str, summary: str = "") -> str:
    """`body` is the page's Markdown without front matter; the summary goes under its first H1."""
    body = body.lstrip("\n")
    if summary:
        lines = body.split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        quote = f"> {summary.strip()}"
        if at is None:
            lines[:0] = [quote, ""]
        else:
            lines[at + 1:at + 1] = ["", quote]
        body = "\n".join(lines)
    return body.rstrip("\n") + "\n"


def _url(base: str, path: str) -> str:
    return (base.rstrip("/") + "/" + path) if base else path


def _item(base: str, title: str, path: str, note: str) -> str:
    return f"- [{title}]({_url(base, path)})" + (f": {note}" if note else "")


def llms_txt(name: str, description: str, pages: list[Page], data: list[DataFile], base: str = "",
             quick_reference: str = "quick-reference.md", details: str = "") -> str:
    """llmstxt.org format: H1 name, a quote with the summary, optional details, then H2 lists of
    links. `base` (the site URL) makes the links absolute; empty keeps them relative."""
    out = [f"# {name}", "", f"> {description}", ""]
    if details:
        out += [details.strip(), ""]
    chapters = [p for p in pages if p.chapter]
    out += [f"## {CHAPTERS}", ""] + [_item(base, p.title, p.src, p.summary) for p in chapters] + [""]
    refs = [p for p in pages if p.src == quick_reference]
    out += [f"## {DATA}", ""]
    out += [_item(base, p.title, p.src, p.summary) for p in refs]
    out += [_item(base, d.title, d.path, d.note) for d in data] + [""]
    rest = [p for p in pages if not p.chapter and p.src != quick_reference]
    if rest:
        out += [f"## {OPTIONAL}", ""] + [_item(base, p.title, p.src, p.summary) for p in rest] + [""]
    return "\n".join(out)


def linked_paths(text: str, base: str = "") -> list[str]:
    """Site-relative paths of the links in an llms.txt (for checks)."""
    import re

    paths = []
    for url in re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", text, re.M):
        if base and url.startswith(base.rstrip("/") + "/"):
            url = url[len(base.rstrip("/")) + 1:]
        paths.append(posixpath.normpath(url))
    return paths

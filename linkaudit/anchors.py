"""One parse per built HTML page: the anchors it defines and the links it writes (with lines).

The site check (`linkaudit.site`) lets LinkChecker fetch every page once (statuses, redirects,
missing files) and checks `page#fragment` links here, against each target page's anchor set,
so the cost is linear in the number of links. Standard library only (`html.parser`).

Anchors are what browsers (and LinkChecker's AnchorCheck) scroll to: any element's `id` and
`<a name>`. Links are `href` of any element; `<script>` and `<style>` content is not markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageAnchors:
    """What one HTML page defines and links to."""

    anchors: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)  # (href as written, 1-based line)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageAnchors()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.anchors.add(value)
            elif name == "href":
                self.page.links.append((value.strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


def read_page(text: str) -> PageAnchors:
    """Anchors and links of one HTML document."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.page


def read_site(site_dir: Path) -> dict[str, PageAnchors]:
    """Every `*.html` page of a built site by its path relative to the site (posix)."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        pages[path.relative_to(site_dir).as_posix()] = read_page(text)
    return pages

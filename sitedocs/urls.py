"""The URL MkDocs gives the page built from a docs-relative Markdown path."""

from __future__ import annotations

import posixpath


def page_url(md_rel: str, directory_urls: bool = True) -> str:
    """Site path (no leading slash) of the page built from docs-relative `md_rel`, as MkDocs makes
    it: `index.md` and `README.md` become their folder, other pages `name/` (or `name.html` when
    `use_directory_urls` is off)."""
    stem, _ = posixpath.splitext(md_rel)
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{head}/" if head else ""
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem}/"

"""Turn one page's Markdown (plus what the site generator knows of it) into PageData."""

from __future__ import annotations

import datetime as dt

from .frontmatter import markup_problems
from .markdown import plain_text, read_page
from .model import PageData, PageLink, Resolver, Section
from .owner import page_owner
from .problems import Problem
from .review import page_review, section_review
from .schema import LAYER_KEY, LAYER_NUMBERS


def page_layer(src: str, meta: dict, meta_lines: dict[str, int]) -> tuple[int | None, list[Problem]]:
    """The page's layer from front matter: None for hubs; a problem unless an integer 1–5."""
    if LAYER_KEY not in meta:
        return None, []
    value = meta[LAYER_KEY]
    line = meta_lines.get(LAYER_KEY, 1)
    if isinstance(value, bool) or not isinstance(value, int):
        return None, [Problem(src, line, f"front matter 'layer' must be an integer 1–5, got {value!r}")]
    if value not in LAYER_NUMBERS:
        return None, [Problem(src, line, f"front matter 'layer' must be 1–5, got {value}")]
    return value, []


def extract_page(
    src: str,
    text: str,
    *,
    url: str,
    resolve: Resolver,
    title: str | None = None,
    toc_ids: list[str] | None = None,
    anchors: set[str] | None = None,
    today: dt.date | None = None,
) -> tuple[PageData, list[Problem]]:
    """Read a page: its layer, sections (with their 一言) and resolved links to other pages.

    `toc_ids` are the heading ids the site generator produced, in document order; when they line
    up with the Markdown headings they name sections whose id was generated, not written.
    """
    source, problems = read_page(src, text)
    today = today or dt.date.today()
    layer, layer_problems = page_layer(src, source.meta, source.meta_lines)
    problems.extend(layer_problems)
    review, review_problems = page_review(src, source.meta, source.meta_lines, today)
    problems.extend(review_problems)
    problems.extend(markup_problems(src, source.meta, source.meta_lines))
    owner, owner_problems = page_owner(src, source.meta, source.meta_lines)
    problems.extend(owner_problems)
    headings = source.headings
    ids: list[str | None] = [h.anchor for h in headings]
    if toc_ids is not None and len(toc_ids) == len(headings):
        ids = [h.anchor or generated for h, generated in zip(headings, toc_ids, strict=True)]
    sections: list[Section] = []
    starts: list[tuple[int, str]] = []  # where each section begins; an excluded heading ends one
    written: set[str] = set()
    page_title = title or str(source.meta.get("title") or "")
    for heading, anchor in zip(headings, ids, strict=True):
        if heading.level == 1:
            page_title = page_title or plain_text(heading.title)
            continue
        if not anchor:
            continue
        written.add(anchor)
        if heading.excluded:  # boilerplate (目次, 参考リンク…): its links belong to the page
            starts.append((heading.line, ""))
            continue
        sec_review, own, found = section_review(src, heading.line, heading.attrs, review, today)
        problems.extend(found)
        sections.append(Section(anchor, plain_text(heading.title), heading.level, heading.line,
                                heading.summary, explicit=heading.anchor is not None,
                                review=sec_review, own_review=own))
        starts.append((heading.line, anchor))
    links: list[PageLink] = []
    starts.sort()
    for link in source.links:
        dest, anchor = resolve(src, link.target)
        if dest is None:
            continue
        current = ""
        for line, sec in starts:
            if line > link.line:
                break
            current = sec
        links.append(PageLink(dest, anchor, link.line, current, plain_text(link.text)))
    summary = source.meta.get("summary") or ""
    page = PageData(
        src=src, url=url, title=page_title or src, layer=layer, layer_invalid=bool(layer_problems),
        summary=str(summary).strip(), sections=sections,
        anchors=set(anchors) if anchors is not None else written,
        links=links, review=review, meta_lines=dict(source.meta_lines), owner=owner,
    )
    return page, problems

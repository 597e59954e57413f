"""Machine-readable freshness: api/pages.json (every page: url, title, layer, reviewed, review_by,
stale, owner, its stale facts and changed sources) and each chapter's schema.org JSON-LD
(`lastReviewed`, `dateModified`). Pure: data in, JSON text out. The schema of pages.json is
tests/data/pages.schema.json."""

from __future__ import annotations

import datetime as dt
import json

from .fact_freshness import section_at
from .model import PageData
from .site import SiteGraph

SCHEMA_VERSION = 1


def _stale_facts(site: SiteGraph, src: str, today: dt.date) -> list[dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    page = next((p for p in site.pages if p.src == src), None)
    for use in site.fact_uses:
        fact = site.facts.get(use.fact)
        if use.file != src or fact is None or not fact.stale(today):
            continue
        entry = out.setdefault(fact.id, {
            "id": fact.id, "file": fact.file, "line": fact.line, "class": fact.cls,
            "checked": fact.checked.isoformat(), "review_by": fact.due.isoformat(),
            "sources": list(fact.sources), "shown_at": []})
        where = {"file": use.file, "line": use.line, "section": section_at(page, use.line) if page else ""}
        if where not in entry["shown_at"]:
            entry["shown_at"].append(where)
    return list(out.values())


def page_entry(site: SiteGraph, page: PageData, today: dt.date,
               changed: list[dict[str, object]] | None = None) -> dict[str, object]:
    """One page of pages.json. `changed`: the page's changed sources from the source watcher's
    lock file (empty until it exists)."""
    review = page.review
    stale_facts = _stale_facts(site, page.src, today)
    sections_stale = any(s.own_review and s.review and s.review.stale(today) for s in page.sections)
    return {
        "url": page.url,
        "src": page.src,
        "title": page.title,
        "layer": page.layer,
        "reviewed": review.date.isoformat() if review else None,
        "review_by": review.due.isoformat() if review else None,
        "stale": bool((review and review.stale(today)) or sections_stale or stale_facts),
        "owner": page.owner,
        "stale_facts": stale_facts,
        "changed_sources": list(changed or []),
    }


def pages_json(site: SiteGraph, today: dt.date, site_url: str = "", order: list[str] | None = None,
               changed: dict[str, list[dict[str, object]]] | None = None) -> str:
    """api/pages.json: every page in `order` (the navigation), then the rest by path."""
    rank = {src: i for i, src in enumerate(order or [])}
    pages = sorted(site.pages, key=lambda p: (rank.get(p.src, len(rank)), p.src))
    doc = {"version": SCHEMA_VERSION, "generated": today.isoformat(), "site_url": site_url,
           "pages": [page_entry(site, p, today, (changed or {}).get(p.src)) for p in pages]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _script_safe(text: str) -> str:
    """JSON that cannot end its <script> element or open a comment inside it."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chapter_jsonld(page: PageData, *, url: str, site_name: str, site_url: str,
                   date_modified: str | None) -> str | None:
    """schema.org WebPage for a chapter with a review date (None otherwise): lastReviewed from
    `reviewed`, dateModified from the page's last change (git), else the review date."""
    if page.review is None:
        return None
    reviewed = page.review.date.isoformat()
    doc: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "url": url,
        "inLanguage": "ja",
        "lastReviewed": reviewed,
        "dateModified": date_modified or reviewed,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
    }
    if page.summary:
        doc["description"] = page.summary
    if page.owner:
        doc["maintainer"] = {"@type": "Person", "identifier": page.owner,
                             "url": f"https://github.com/{page.owner}"}
    return _script_safe(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))

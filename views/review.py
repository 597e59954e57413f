"""Review dates on the page: the layer header's 「最終確認」 (review_view, for the template) and a
line under each section with a date of its own, with the 要再確認 notice when past due."""

from __future__ import annotations

import datetime as dt

from graph.review import Review
from sitedocs.html import after_headings


def review_view(review: Review | None, today: dt.date) -> dict[str, object] | None:
    """What a template shows: {"date", "due", "stale"} (ISO dates), or None without a review."""
    if review is None:
        return None
    return {"date": review.date.isoformat(), "due": review.due.isoformat(), "stale": review.stale(today)}


def stale_notice(what: str, view: dict[str, object]) -> str:
    """The visible notice for a page or section past its review date (plain text from dates only)."""
    return (f'<div class="admonition warning cm-stale" role="note"><p class="admonition-title">要再確認</p>'
            f"<p>この{what}は {view['date']} に確認した内容で、確認期限（{view['due']}）を過ぎています。"
            "変わりやすい事実（モデル名・パラメータ・仕様の版など）は公式ドキュメントで確かめてください。</p></div>")


def review_lines(sections: dict[str, dict[str, object]]) -> dict[str, str]:
    """Anchor → what goes under the heading of a section with its own review date (anchor →
    review_view): 「最終確認 YYYY-MM-DD」 and, when past due, the stale notice."""
    return {anchor: f'<p class="cm-reviewed">最終確認 <time datetime="{view["date"]}">{view["date"]}</time></p>'
            + (stale_notice("節", view) if view["stale"] else "") for anchor, view in sections.items()}


def annotate_sections(html: str, sections: dict[str, dict[str, object]]) -> str:
    """review_lines put under their headings."""
    return after_headings(html, review_lines(sections))

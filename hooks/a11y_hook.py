"""MkDocs hook: accessibility fixes to each page's HTML (thin wrapper around `sitedocs.a11y`):
task-list checkboxes get their item's text as their accessible name."""

from __future__ import annotations

from sitedocs.a11y import fix_html


def on_page_content(html, page, config, files, **kwargs):
    return fix_html(html)

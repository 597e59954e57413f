"""MkDocs hook: Japanese typography on every page (sitedocs.typography): a line break of the
Markdown source between Japanese characters is not shown as a space."""

from __future__ import annotations

from sitedocs.typography import join_cjk_lines


def on_page_content(html, page, config, files, **kwargs):
    return join_cjk_lines(html)

"""MkDocs hook: /llms.txt and a Markdown copy of every page, for readers that are agents.

Thin wrapper around `search_ja.llms`: on_nav keeps the navigation order, on_page_markdown the
pages' Markdown sources (before other plugins change them), on_post_build writes llms.txt and the
copies (docs/layers/01-llm.md → site/layers/01-llm.md). No network, no extra dependency.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from graph.schema import is_chapter
from graph.vocabulary import OUTPUTS
from search_ja.llms import DataFile, Page, llms_txt, markdown_copy
from sitedocs.files import write_atomic

log = get_plugin_logger("llms")
DATA_FILES = [
    DataFile(OUTPUTS.graph, "知識グラフ（JSON）",
             "networkx node-link 形式。concept ノードに label・layer・summary・url（定義する節）"),
    DataFile(OUTPUTS.graphml, "知識グラフ（GraphML）", "同じグラフの GraphML 版"),
]
_order: list[str] = []
_pages: dict[str, tuple[Page, str]] = {}


def on_config(config, **kwargs):
    _order.clear()
    _pages.clear()
    return config


def on_nav(nav, config, files, **kwargs):
    _order[:] = [page.file.src_uri for page in nav.pages]
    return nav


@event_priority(100)  # the source as written, before other plugins and hooks rewrite it
def on_page_markdown(markdown, page, config, files, **kwargs):
    meta = page.meta or {}
    summary = str(meta.get("summary") or meta.get("description") or "")
    _pages[page.file.src_uri] = (Page(page.file.src_uri, page.title or page.file.src_uri, summary,
                                      chapter=is_chapter(meta)), markdown)
    return markdown


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    srcs = [s for s in _order if s in _pages] + sorted(set(_pages) - set(_order))
    for src in srcs:
        page, markdown = _pages[src]
        write_atomic(site / src, markdown_copy(markdown, page.summary))
    text = llms_txt(config.site_name, config.site_description or "", [_pages[s][0] for s in srcs],
                    DATA_FILES, base=config.site_url or "")
    write_atomic(site / OUTPUTS.llms, text)
    log.info("llms.txt: %d pages, %d Markdown copies", len(srcs), len(srcs))

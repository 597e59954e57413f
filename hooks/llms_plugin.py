"""MkDocs plugin `concept-map/llms`: /llms.txt and a Markdown copy of every page, for readers that are agents.

Thin wrapper around `search_ja.llms`: on_nav keeps the navigation order, on_page_markdown the
pages' Markdown sources (before other plugins change them), on_post_build writes llms.txt and the
copies (docs/layers/01-llm.md → site/layers/01-llm.md). No network, no extra dependency.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

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


class LlmsPlugin(BasePlugin):
    """State of one build on the instance (reset in on_config)."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.pages: dict[str, tuple[Page, str]] = {}

    def on_startup(self, *, command, dirty) -> None:  # keeps this instance through `mkdocs serve`
        pass

    def on_config(self, config):
        self.order, self.pages = [], {}
        return config

    def on_nav(self, nav, *, config, files):
        self.order = [page.file.src_uri for page in nav.pages]
        return nav

    @event_priority(100)  # the source as written, before other plugins and hooks rewrite it
    def on_page_markdown(self, markdown, *, page, config, files):
        meta = page.meta or {}
        summary = str(meta.get("summary") or meta.get("description") or "")
        self.pages[page.file.src_uri] = (Page(page.file.src_uri, page.title or page.file.src_uri, summary,
                                              chapter=is_chapter(meta)), markdown)
        return markdown

    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        pages = self.pages
        srcs = [s for s in self.order if s in pages] + sorted(set(pages) - set(self.order))
        for src in srcs:
            page, markdown = pages[src]
            write_atomic(site / src, markdown_copy(markdown, page.summary))
        text = llms_txt(config.site_name, config.site_description or "", [pages[s][0] for s in srcs],
                        DATA_FILES, base=config.site_url or "")
        write_atomic(site / OUTPUTS.llms, text)
        log.info("llms.txt: %d pages, %d Markdown copies", len(srcs), len(srcs))

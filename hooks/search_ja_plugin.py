"""MkDocs plugin `concept-map/search-ja`: Japanese search. Thin wrapper around the pure `search_ja`
package.

    plugins:
      - search: {lang: ja}
      - concept-map/search-ja:
          enabled: true        # false: Material's plain index (the search benchmark's baseline)
          worker: true         # false: every sub-word key is found in on_post_build, in this process

on_config (before Material's search plugin reads its settings) sets the plugin's lang,
separator, pipeline and fields to `search_ja.index.plugin_settings()`, so the plugin publishes
them itself. on_page_context (before the plugin indexes the page) marks what the index should
leave out or keep apart (`search_ja.page.prepare`: the 目次 section, tables, boilerplate
headings). on_post_build (after the plugin has written search/search_index.json) adds what the
plugin cannot express: per-section sub-word keys from the Sudachi analyser, synonyms
(search_ja/synonyms.tsv), table cells in an invisible field, boosts for defining sections, and one
card per concept — from the concept graph the `concept-map/graph` plugin built in this build (its
data, not a file it wrote); written atomically. The sub-word keys of each page's texts are found
while the next pages render: on_post_page (after the search plugin has read the page) sends the
texts to a worker process (search_ja/prefetch.py), whose results on_post_build uses as a cache.
"""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from graph.vocabulary import OUTPUTS
from search_ja.cards import cards_from_graph
from search_ja.index import Extras, doc_texts, merged_cards, plugin_settings, rewrite_file
from search_ja.page import prepare
from search_ja.prefetch import KeyWorker

log = get_plugin_logger("search_ja")
SEARCH_PLUGINS = ("material/search", "search")
GRAPH_PLUGIN = "concept-map/graph"


class SearchJaConfig(base.Config):
    enabled = c.Type(bool, default=True)
    worker = c.Type(bool, default=True)


def _search_plugin(config):
    plugins = config.get("plugins") or {}
    for name in SEARCH_PLUGINS:
        if name in plugins:
            return plugins[name]
    return None


def concept_graph(config) -> nx.DiGraph | None:
    """The graph the concept-map plugin built in this build (None without that plugin or graph)."""
    plugin = (config.get("plugins") or {}).get(GRAPH_PLUGIN)
    site = getattr(getattr(plugin, "build", None), "site", None)
    return site.graph if site is not None else None


class SearchJaPlugin(BasePlugin[SearchJaConfig]):
    """See the module docstring."""

    def __init__(self) -> None:
        self.extras = Extras()  # gathered page by page; a new one in each on_config
        self.worker: KeyWorker | None = None  # this build's (on_env to on_post_build)
        self._merged: dict[str, tuple[str, str]] = {}
        self._read = 0  # the search plugin's index entries already sent to the worker

    def on_startup(self, *, command, dirty) -> None:  # keeps this instance through `mkdocs serve`
        pass

    @event_priority(50)  # before Material's search plugin: it keeps values that are set, fills in the
    def on_config(self, config):  # rest (e.g. the tags field) and builds its index from them
        self.extras = Extras()
        self._stop_worker()
        plugin = _search_plugin(config)
        if plugin is None or not self.config.enabled:
            return config
        for key, value in plugin_settings(plugin.config.get("fields")).items():
            plugin.config[key] = value
        return config

    @event_priority(50)  # before Material's search plugin indexes the page (and removes data-search-*)
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or _search_plugin(config) is None or not page.content:
            return context
        page.content, marks = prepare(page.content)

        def location(section: str) -> str:
            return page.url + (f"#{section}" if section else "")

        for section, texts in marks.tables.items():
            self.extras.tables.setdefault(location(section), []).extend(texts)
        self.extras.demoted.update(location(s) for s in marks.demoted)
        if marks.excluded:
            log.debug("%s: left out of the search index: %s", page.file.src_uri, ", ".join(marks.excluded))
        return context

    @event_priority(-60)  # after the concept-map plugin's on_env (-50): its graph is complete
    def on_env(self, env, *, config, files):
        """The concept cards (their labels and summaries join their sections' texts); the worker
        that finds sub-word keys while the pages render."""
        plugin = _search_plugin(config)
        if not self.config.enabled or plugin is None:
            return env
        self._load_cards(concept_graph(config))
        index = getattr(plugin, "search_index", None)
        if self.config.worker and isinstance(getattr(index, "entries", None), list):  # Material's plugin
            self._merged, self._read = merged_cards(self.extras.cards), 0
            self.worker = KeyWorker()
            self.worker.start()
        return env

    def on_post_page(self, output, *, page, config):
        """Send the texts the search plugin has read from the page (in its on_page_context) to the
        worker, as rewrite_docs will look them up."""
        entries = getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)
        if self.worker is None or not isinstance(entries, list):  # MkDocs' own search plugin: none
            return output
        new = entries[self._read:]
        self.worker.submit(text for entry in new for text in doc_texts(entry, self.extras, self._merged))
        self._read = len(entries)
        return output

    def on_build_error(self, *, error):
        self._stop_worker()

    def on_shutdown(self):
        self._stop_worker()

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _load_cards(self, g: nx.DiGraph | None) -> None:
        if g is None:
            log.debug("no concept graph in this build: no concept cards in the search index")
            return
        # the node-link form's nodes: all cards_from_graph reads (node_link_data would also copy
        # every edge, ~30,000 at 1,000 pages)
        cards, problems = cards_from_graph({"nodes": [{**d, "id": n} for n, d in g.nodes(data=True)]})
        for problem in problems:
            log.warning("search_ja: %s", problem)
        self.extras.cards = cards
        self.extras.defining = {card.url for card in cards}

    @event_priority(-50)  # after Material's search plugin has written the index
    def on_post_build(self, *, config):
        if not self.config.enabled:
            log.info("search_ja off: keeping Material's search index unchanged")
            return
        path = Path(config.site_dir) / OUTPUTS.search_index
        if not path.is_file():
            log.debug("no %s (search plugin disabled?): nothing to do", OUTPUTS.search_index)
            self._stop_worker()
            return
        start = time.perf_counter()
        known = self._worker_results()
        try:
            before, after, docs = rewrite_file(path, extras=self.extras, known=known)
        except Exception as exc:  # an unreadable index or a missing analyser must fail the build
            raise PluginError(f"search_ja: cannot rewrite {path}: {exc}") from exc
        log.info("Japanese search index: %d entries (%d concept cards), %d → %d bytes (%+.1f%%) in %.2fs; "
                 "the keys of %d texts found beside the build", docs, len(self.extras.cards), before, after,
                 100.0 * (after - before) / before, time.perf_counter() - start, len(known))

    def _worker_results(self) -> dict[str, list[str]]:
        """The worker's text → sub-word keys ({} without a worker; a failed one is logged)."""
        worker, self.worker = self.worker, None
        if worker is None:
            return {}
        known = worker.collect()
        if worker.problem:
            log.info("sub-word key worker: %s; finding the keys here instead", worker.problem)
        return known

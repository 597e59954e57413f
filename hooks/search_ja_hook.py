"""MkDocs hook: Japanese search. Thin wrapper around the pure `search_ja` package.

on_config (before Material's search plugin reads its settings) sets the plugin's lang,
separator, pipeline and fields to `search_ja.index.plugin_settings()`, so the plugin publishes
them itself. on_page_context (before the plugin indexes the page) marks what the index should
leave out or keep apart (`search_ja.page.prepare`: the 目次 section, tables, boilerplate
headings). on_post_build (after the plugin has written search/search_index.json and the concept
map its graph.json) adds what the plugin cannot express: per-section sub-word keys from the
Sudachi analyser, synonyms (search_ja/synonyms.tsv), table cells in an invisible field, boosts for
defining sections, and one card per concept; written atomically.

Switch: `extra.search_ja` in mkdocs.yml (true by default); the environment variable SEARCH_JA
(0/1) overrides it, e.g. SEARCH_JA=0 builds Material's plain index (the benchmark's baseline).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from graph.vocabulary import OUTPUTS
from search_ja.cards import cards_from_graph
from search_ja.index import Extras, plugin_settings, rewrite_file
from search_ja.page import prepare

log = get_plugin_logger("search_ja")
INDEX = Path(OUTPUTS.search_index)
GRAPH = Path(OUTPUTS.graph)  # written by hooks/concept_map_hook.py in on_post_build
SEARCH_PLUGINS = ("material/search", "search")

_extras = Extras()  # gathered page by page; reset in on_config (mkdocs serve reuses this module)


def enabled(config=None) -> bool:
    """mkdocs.yml's `extra.search_ja` (default true), overridden by SEARCH_JA when it is set."""
    env = os.environ.get("SEARCH_JA")
    if env is not None and env.strip():
        return env.strip().lower() not in {"0", "off", "false", "no"}
    extra = getattr(config, "extra", None) or {}
    return bool(extra.get("search_ja", True))


def _search_plugin(config):
    plugins = config.get("plugins") or {}
    for name in SEARCH_PLUGINS:
        if name in plugins:
            return plugins[name]
    return None


@event_priority(50)  # before Material's search plugin: it keeps values that are set, fills in the
def on_config(config, **kwargs):  # rest (e.g. the tags field) and builds its index from them
    global _extras
    _extras = Extras()
    plugin = _search_plugin(config)
    if plugin is None or not enabled(config):
        return config
    for key, value in plugin_settings(plugin.config.get("fields")).items():
        plugin.config[key] = value
    return config


@event_priority(50)  # before Material's search plugin indexes the page (and removes data-search-*)
def on_page_context(context, page, config, **kwargs):
    if not enabled(config) or _search_plugin(config) is None or not page.content:
        return context
    page.content, marks = prepare(page.content)

    def location(section: str) -> str:
        return page.url + (f"#{section}" if section else "")

    for section, texts in marks.tables.items():
        _extras.tables.setdefault(location(section), []).extend(texts)
    _extras.demoted.update(location(s) for s in marks.demoted)
    if marks.excluded:
        log.debug("%s: left out of the search index: %s", page.file.src_uri, ", ".join(marks.excluded))
    return context


def _load_cards(site_dir: Path) -> None:
    path = site_dir / GRAPH
    if not path.is_file():
        log.debug("no %s: no concept cards in the search index", GRAPH)
        return
    cards, problems = cards_from_graph(json.loads(path.read_text(encoding="utf-8")))
    for problem in problems:
        log.warning("search_ja: %s", problem)
    _extras.cards = cards
    _extras.defining = {card.url for card in cards}


@event_priority(-50)  # after Material's search plugin has written the index, and the concept map its graph
def on_post_build(config, **kwargs):
    if not enabled(config):
        log.info("search_ja off: keeping Material's search index unchanged")
        return
    path = Path(config.site_dir) / INDEX
    if not path.is_file():
        log.debug("no %s (search plugin disabled?): nothing to do", INDEX)
        return
    start = time.perf_counter()
    try:
        _load_cards(Path(config.site_dir))
        before, after, docs = rewrite_file(path, extras=_extras)
    except Exception as exc:  # an unreadable index or a missing analyser must fail the build
        raise PluginError(f"search_ja: cannot rewrite {path}: {exc}") from exc
    log.info("Japanese search index: %d entries (%d concept cards), %d → %d bytes (%+.1f%%) in %.2fs",
             docs, len(_extras.cards), before, after, 100.0 * (after - before) / before,
             time.perf_counter() - start)

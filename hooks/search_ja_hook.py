"""MkDocs hook: Japanese search. Thin wrapper around the pure `search_ja` package.

on_config (before Material's search plugin reads its settings) sets the plugin's lang,
separator, pipeline and fields to `search_ja.index.plugin_settings()`, so the plugin publishes
them itself. on_post_build (after the plugin has written search/search_index.json) adds what the
plugin cannot express: per-section sub-word keys from the Sudachi analyser, written atomically.

Switch: `extra.search_ja` in mkdocs.yml (true by default); the environment variable SEARCH_JA
(0/1) overrides it, e.g. SEARCH_JA=0 builds Material's plain index (the benchmark's baseline).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from search_ja.index import plugin_settings, rewrite_file

log = get_plugin_logger("search_ja")
INDEX = Path("search") / "search_index.json"
SEARCH_PLUGINS = ("material/search", "search")


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
    plugin = _search_plugin(config)
    if plugin is None or not enabled(config):
        return config
    for key, value in plugin_settings(plugin.config.get("fields")).items():
        plugin.config[key] = value
    return config


@event_priority(-50)  # after Material's search plugin has written the index
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
        before, after, docs = rewrite_file(path)
    except Exception as exc:  # an unreadable index or a missing analyser must fail the build
        raise PluginError(f"search_ja: cannot rewrite {path}: {exc}") from exc
    log.info("Japanese search index: %d sections, %d → %d bytes (%+.1f%%) in %.2fs",
             docs, before, after, 100.0 * (after - before) / before, time.perf_counter() - start)

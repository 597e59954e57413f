"""MkDocs hook: Japanese search. Thin wrapper around the pure `search_ja` package.

After Material's search plugin has written search/search_index.json (plugins run before hooks),
on_post_build rewrites it atomically: separator/lang/pipeline for Japanese and per-section
sub-word keys from the Sudachi analyser. Set SEARCH_JA=0 to build Material's plain index
(the benchmark's baseline).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from search_ja.index import rewrite_file

log = get_plugin_logger("search_ja")
INDEX = Path("search") / "search_index.json"


def enabled() -> bool:
    return os.environ.get("SEARCH_JA", "1").strip().lower() not in {"0", "off", "false", "no"}


def on_post_build(config, **kwargs):
    if not enabled():
        log.info("SEARCH_JA=0: keeping Material's search index unchanged")
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

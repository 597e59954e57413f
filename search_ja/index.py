"""Japanese search on Material's search plugin (pure functions).

`plugin_settings()` is what the hook sets on Material's search plugin in on_config, so the plugin
publishes it in search/search_index.json itself:
- config.separator: SEPARATOR, shared by the index and the query side in the browser;
- config.lang ["en"] and pipeline []: no TinySegmenter, no stemmer, no trimmer in the worker, so the
  browser's tokens are exactly the chunks of SEPARATOR (TinySegmenter would re-cut them differently
  from the query, and lunr's English trimmer deletes non-ASCII characters);
`rewrite_index()` then adds what the plugin cannot express, after it wrote the index (the texts
stay as they are: they are shown in the result list):
- two extra fields per section: "tkeys" (inner words of the title) and "keys" (inner words of the
  text), from `segment.sub_keys`. Material indexes every field listed in config.fields but renders
  only title and text, so the keys are searchable and invisible.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from search_ja.segment import SEPARATOR, Analyser, default_analyser, plain_text, sub_keys
from sitedocs.files import write_atomic

TITLE_KEYS = "tkeys"
TEXT_KEYS = "keys"
TITLE_KEYS_BOOST = 200.0
TEXT_KEYS_BOOST = 1.0
MARKER = "search_ja"  # config key telling that an index was already rewritten


def plugin_settings(fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings of Material's search plugin that make its index Japanese-ready: lang,
    separator, pipeline and fields (the given fields plus the two key fields). The hook sets them
    on the plugin in on_config, so the plugin itself publishes them in the index's config."""
    fields = dict(fields or {})
    fields.setdefault("title", {"boost": 1000.0})
    fields.setdefault("text", {"boost": 1.0})
    fields[TITLE_KEYS] = {"boost": TITLE_KEYS_BOOST}
    fields[TEXT_KEYS] = {"boost": TEXT_KEYS_BOOST}
    return {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": fields}


def rewrite_docs(docs: list[dict[str, Any]], analyser: Analyser | None = None) -> list[dict[str, Any]]:
    analyser = analyser or default_analyser()
    out = []
    for doc in docs:
        doc = dict(doc)
        title_keys = sub_keys(plain_text(doc.get("title") or ""), analyser)
        text_keys = sub_keys(plain_text(doc.get("text") or ""), analyser)
        if title_keys:
            doc[TITLE_KEYS] = " ".join(title_keys)
        if text_keys:
            doc[TEXT_KEYS] = " ".join(text_keys)
        out.append(doc)
    return out


def rewrite_index(data: dict[str, Any], analyser: Analyser | None = None) -> dict[str, Any]:
    """A new index dict with the sub-word keys added to its docs (the one thing the plugin cannot
    express); its config is left as the plugin wrote it. An index that was already rewritten is
    returned unchanged."""
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise ValueError("not a Material search index: expected an object with a 'docs' list")
    config = data.get("config") or {}
    if config.get(MARKER):
        return data
    return {**data, "config": {**config, MARKER: 1}, "docs": rewrite_docs(data["docs"], analyser)}


def dumps(data: dict[str, Any]) -> str:
    """Serialise like Material does (compact separators, ASCII escapes)."""
    return json.dumps(data, separators=(",", ":"), default=str)


def rewrite_file(path: Path, analyser: Analyser | None = None) -> tuple[int, int, int]:
    """Rewrite search_index.json in place, atomically. Returns (bytes before, bytes after, docs)."""
    raw = path.read_text(encoding="utf-8")
    data = rewrite_index(json.loads(raw), analyser)
    text = dumps(data)
    write_atomic(path, text)
    return len(raw.encode("utf-8")), len(text.encode("utf-8")), len(data["docs"])


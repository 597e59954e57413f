"""A JSON file of recent external results, so re-runs don't request the same URLs again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

VERSION = 1


class ResultCache:
    """URL -> result dict with the time it was checked; entries expire by class."""

    def __init__(self, path: Path, max_age_h: float, failure_max_age_h: float) -> None:
        self.path = path
        self.max_age = max_age_h * 3600
        self.failure_max_age = failure_max_age_h * 3600
        self.entries: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        """Read the file; a missing, corrupt or old-format file means an empty cache."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == VERSION:
            entries = data.get("entries", {})
            self.entries = entries if isinstance(entries, dict) else {}

    def get(self, url: str, now: float | None = None) -> dict[str, Any] | None:
        """The cached result for `url` if it is younger than its class's max age."""
        entry = self.entries.get(url)
        if not entry:
            return None
        age = (now if now is not None else time.time()) - float(entry.get("checked_at", 0))
        good = entry.get("result") in ("ok", "redirected")
        limit = self.max_age if good else self.failure_max_age
        return entry if 0 <= age <= limit else None

    def put(self, url: str, result: dict[str, Any], now: float | None = None) -> None:
        """Remember `result` for `url`, stamped with the current time."""
        self.entries[url] = {**result, "checked_at": now if now is not None else time.time()}

    def save(self) -> None:
        """Write the file atomically, dropping entries older than the longest max age."""
        now = time.time()
        keep = max(self.max_age, self.failure_max_age)
        entries = {
            u: e for u, e in self.entries.items() if now - float(e.get("checked_at", 0)) <= keep
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(
            json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        os.replace(tmp, self.path)

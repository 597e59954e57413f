"""A JSON file of recent external results, so re-runs don't request the same URLs again.

File format (version 1): {"version": 1, "entries": {url: {"result", "status", "message",
"attempts", "warnings", ["location", "redirect_status",] "checked_at"}}}.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkaudit.classify import ResultClass
from sitedocs.files import write_atomic

VERSION = 1
_GOOD = (ResultClass.OK, ResultClass.REDIRECTED)


@dataclass(frozen=True)
class Checked:
    """The classified result of one checked external URL (what the cache keeps)."""

    result: ResultClass
    status: int | None = None
    message: str = ""
    attempts: int = 0
    warnings: list[str] = field(default_factory=list)
    location: str | None = None
    redirect_status: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The cache file's form (location and redirect status only when redirected)."""
        data: dict[str, Any] = {"result": str(self.result), "status": self.status,
                                "message": self.message, "attempts": self.attempts,
                                "warnings": list(self.warnings)}
        if self.result is ResultClass.REDIRECTED:
            data["location"] = self.location
            data["redirect_status"] = self.redirect_status
        return data

    @classmethod
    def from_json(cls, data: Any) -> Checked | None:
        """A cache entry read back; None for an entry this version cannot read."""
        try:
            return cls(result=ResultClass(data["result"]), status=data.get("status"),
                       message=str(data.get("message", "")),
                       attempts=int(data.get("attempts", 0)),
                       warnings=[str(w) for w in data.get("warnings", [])],
                       location=data.get("location"),
                       redirect_status=data.get("redirect_status"))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


class ResultCache:
    """URL -> Checked with the time it was checked; entries expire by class."""

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

    def get(self, url: str, now: float | None = None) -> Checked | None:
        """The cached result for `url` if it is younger than its class's max age."""
        entry = self.entries.get(url)
        checked = Checked.from_json(entry) if isinstance(entry, dict) else None
        if checked is None:
            return None
        age = (now if now is not None else time.time()) - float(entry.get("checked_at", 0))
        limit = self.max_age if checked.result in _GOOD else self.failure_max_age
        return checked if 0 <= age <= limit else None

    def put(self, url: str, checked: Checked, now: float | None = None) -> None:
        """Remember `checked` for `url`, stamped with the current time."""
        stamp = now if now is not None else time.time()
        self.entries[url] = {**checked.to_json(), "checked_at": stamp}

    def save(self) -> None:
        """Write the file atomically, dropping entries older than the longest max age."""
        now = time.time()
        keep = max(self.max_age, self.failure_max_age)
        entries = {u: e for u, e in self.entries.items()
                   if isinstance(e, dict) and now - float(e.get("checked_at", 0)) <= keep}
        text = json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=1)
        write_atomic(self.path, text)

"""Cited sources watched (#22): a fingerprint of each 📘 page's main text, and what changed.

Pure functions and the lock file, no network: the checker hands in page bodies. The main text is
extracted by trafilatura (navigation, headers, footers, scripts, cookie banners and the like are
not main text) and normalised: whitespace collapsed, empty lines dropped, and stamps that change
on every build (a time of day; a line that is only "last updated/generated … <date>") removed.
A changed number, name or sentence in the main text changes the fingerprint.

Lock file (default `sources.lock.json`, committed; version 1):
  {"version": 1, "sources": {url: {"fingerprint": sha256 hex, "lines": [short hash per line],
   "seen": YYYY-MM-DD, "changed": YYYY-MM-DD, "page_date": YYYY-MM-DD or null}}}
`seen` is the last run that recorded the source, `changed` the first run that saw its present main
text: a section reviewed before `changed` cites a source that changed since (`changed_since`, for
the build's 「出典が更新されました」 marker).
Only hashes are kept (never a copy of the page): a change is summarised by the current lines
that are new (capped) and the number of lines that went.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

from sitedocs.files import write_atomic

VERSION = 1
OFFICIAL = "📘"
SUMMARY_LINES = 5  # added lines shown per changed source
SUMMARY_CHARS = 160  # characters per shown line
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|UTC|GMT|Z))?")
_STAMP = re.compile(
    r"^(?:last\s+(?:updated|modified|built|generated)|updated|generated|built|page\s+generated|"
    r"最終更新(?:日)?|更新日|生成日時?)\b[^.。]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Seen:
    """What one run saw of a source: fingerprint, line hashes, dates."""

    fingerprint: str
    lines: tuple[str, ...]
    seen: str
    page_date: str | None = None
    text: tuple[str, ...] = field(default=(), compare=False)  # this run's lines (never stored)
    changed: str = ""  # first run that saw this main text ("" until recorded: then `seen`)

    def to_json(self) -> dict[str, Any]:
        """The lock file's form (hashes and dates only)."""
        return {"fingerprint": self.fingerprint, "lines": list(self.lines), "seen": self.seen,
                "changed": self.changed or self.seen, "page_date": self.page_date}


@dataclass(frozen=True)
class Change:
    """A source whose main text changed since the lock: a capped summary of the change."""

    url: str
    added: tuple[str, ...]
    removed: int
    seen: str
    page_date: str | None
    locked_seen: str


def main_text(html: str) -> str:
    """The page's main text (trafilatura; tables kept, comments and boilerplate dropped)."""
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False,
                               include_links=False, deduplicate=False) or ""


def page_date(html: str) -> str | None:
    """The page's own last-updated date where it states one (htmldate), else None."""
    import htmldate

    try:
        return htmldate.find_date(html, original_date=False, outputformat="%Y-%m-%d",
                                  extensive_search=False)
    except (ValueError, TypeError):
        return None


def normalise(text: str) -> list[str]:
    """Main-text lines that matter: no build stamps, no times of day, whitespace collapsed."""
    lines = []
    for raw in text.splitlines():
        line = " ".join(_TIME.sub(" ", raw).split())
        if line and not _STAMP.match(line):
            lines.append(line)
    return lines


def _hash(text: str, size: int = 64) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[: size // 4]


def fingerprint(html: str, today: str) -> Seen:
    """What to record of one page body seen `today` (YYYY-MM-DD)."""
    lines = normalise(main_text(html))
    return Seen(_hash("\n".join(lines), 256), tuple(_hash(line) for line in lines), today,
                page_date(html), tuple(lines))


def compare(locked: dict[str, Seen], current: dict[str, Seen]) -> list[Change]:
    """Sources whose fingerprint differs from the lock (a source not in the lock is new: no
    change until accepted)."""
    changes = []
    for url, now in current.items():
        before = locked.get(url)
        if before is None or before.fingerprint == now.fingerprint:
            continue
        old = set(before.lines)
        added = [line for line in now.text if _hash(line) not in old]
        removed = len(old - set(now.lines))
        shown = tuple(a if len(a) <= SUMMARY_CHARS else a[: SUMMARY_CHARS - 1] + "…"
                      for a in added[:SUMMARY_LINES])
        changes.append(Change(url, shown, removed, now.seen, now.page_date, before.seen))
    return changes


def read_lock(path: Path) -> tuple[dict[str, Seen], str | None]:
    """The lock's sources, and a problem sentence if the file is unreadable (then none)."""
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError(f"not a sources lock of version {VERSION}")
        return {url: Seen(str(e["fingerprint"]), tuple(str(x) for x in e["lines"]), str(e["seen"]),
                          e.get("page_date"), changed=str(e.get("changed") or e["seen"]))
                for url, e in data["sources"].items()}, None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, f"the sources lock {path} cannot be read ({exc}); every source counts as new"


def accepted(locked: dict[str, Seen], current: dict[str, Seen]) -> dict[str, Seen]:
    """The lock after `--accept-sources`: the current state of every source seen now (its
    `changed` date kept while the main text is the same), the locked state of the others."""
    merged = dict(locked)
    for url, now in current.items():
        before = locked.get(url)
        same = before is not None and before.fingerprint == now.fingerprint
        merged[url] = replace(now, changed=before.changed if same and before else now.seen)
    return merged


def changed_since(locked: dict[str, Seen], url: str, reviewed: str) -> str | None:
    """The date `url`'s main text changed when that is after `reviewed` (YYYY-MM-DD), else None."""
    seen = locked.get(url)
    return seen.changed if seen is not None and seen.changed > reviewed else None


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CitedChange:
    """A 📘 link in a section reviewed before its source's main text changed."""

    anchor: str  # the section's anchor
    line: int  # the link's line in the page's Markdown
    url: str  # without #fragment
    changed: str  # YYYY-MM-DD


def cited_changes(text: str, sections: list[tuple[str, int, str]],
                  locked: dict[str, Seen]) -> list[CitedChange]:
    """Every 📘 link whose source changed after the review of the section it is in. `text` is the
    page's Markdown (whole file), `sections` (anchor, first line, reviewed YYYY-MM-DD) in any
    order; links before the first section belong to none."""
    from sitedocs.links import read_links

    ordered = sorted(sections, key=lambda s: s[1])
    lines = text.split("\n")
    found = []
    for link in read_links(text):
        if OFFICIAL not in lines[link.line - 1]:
            continue
        section = next((s for s in reversed(ordered) if s[1] <= link.line), None)
        if section is None:
            continue
        url = link.target.partition("#")[0]
        date = changed_since(locked, url, section[2])
        if date and _DATE.fullmatch(date):
            found.append(CitedChange(section[0], link.line, url, date))
    return found


def section_updates(changes: list[CitedChange]) -> dict[str, str]:
    """Anchor → the latest date a 📘 source cited in that section changed after its review (the
    build's 「出典が更新されました」 marker)."""
    found: dict[str, str] = {}
    for change in changes:
        found[change.anchor] = max(change.changed, found.get(change.anchor, ""))
    return found


def changed_sources(src: str, changes: list[CitedChange]) -> list[dict[str, Any]]:
    """api/pages.json's `changed_sources` of page `src`: per source URL (first-citation order)
    the date it changed and the places citing it ({file, line, section})."""
    by_url: dict[str, dict[str, Any]] = {}
    for c in changes:
        entry = by_url.setdefault(c.url, {"url": c.url, "changed": c.changed, "cited_at": []})
        entry["cited_at"].append({"file": src, "line": c.line, "section": c.anchor})
    return list(by_url.values())


def update_marker_html(date: str) -> str:
    """The notice under a section heading whose cited sources changed since its review: an
    admonition like the 要再確認 notice (views/review.py; Material's colours in both palettes,
    its icon and the title's words carry the meaning, not the colour)."""
    safe = escape(date)
    return (f'<div class="admonition info cm-source-updated" role="note"><p class="admonition-title">'
            f'出典が更新されました（<time datetime="{safe}">{safe}</time>）</p>'
            "<p>この節が引用する公式ドキュメントの本文が、節の最終確認の後に変わりました。"
            "本文の記述が今も正しいか、公式ドキュメントで確かめてください。</p></div>")


def write_lock(path: Path, sources: dict[str, Seen]) -> None:
    """Write the lock (sorted by URL, atomically)."""
    data = {"version": VERSION, "sources": {u: sources[u].to_json() for u in sorted(sources)}}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

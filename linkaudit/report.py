"""The report: typed results, the JSON form (schema below) and the Markdown form for a PR.

JSON report, version 1 (`SCHEMA` is its JSON Schema; every key is always present):
  version: 1; generated_at: ISO 8601 UTC; mode: {internal, external}: booleans;
  summary: {broken, redirected, unverifiable, ok}: counts (in `ResultClass` order);
  ignored: external URLs skipped by `ignore` in the config;
  official_warnings: [{url, file, line, host}]: 📘 links outside `official_domains`;
  results: [{url, kind: internal|external, result: a ResultClass, status, official,
             citations: [{file, line, official[, source: "html"][, fact: id]}], message, location,
             redirect_status, attempts, cached, warnings}];
  sources_changed (optional in the schema, so older reports still validate; always written):
            [{url, citations, added: [lines, capped], removed: count, seen, page_date,
              locked_seen}]: 📘 sources whose main text changed since the lock (--watch-sources);
            the citations include the facts of docs/data/facts.yml citing it (with `fact`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from linkaudit.classify import ResultClass
from linkaudit.config import Settings, host_matches
from linkaudit.sources import Citation
from sitedocs.files import write_atomic

VERSION = 1


@dataclass
class Result:
    """One reported URL: class, HTTP status, official flag and every citation."""

    url: str
    kind: str
    result: ResultClass
    status: int | None
    official: bool
    citations: list[Citation]
    message: str = ""
    location: str | None = None
    redirect_status: int | None = None
    attempts: int = 0
    cached: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report's form of this result."""
        return {
            "url": self.url, "kind": self.kind, "result": str(self.result), "status": self.status,
            "official": self.official, "citations": [c.to_json() for c in self.citations],
            "message": self.message, "location": self.location,
            "redirect_status": self.redirect_status, "attempts": self.attempts,
            "cached": self.cached, "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class SourceChanged:
    """A cited 📘 source whose main text changed since `locked_seen` (linkaudit.watch)."""

    url: str
    citations: list[Citation]
    added: tuple[str, ...]
    removed: int
    seen: str
    page_date: str | None
    locked_seen: str

    def to_json(self) -> dict[str, Any]:
        """The report's form of this change."""
        return {"url": self.url, "citations": [c.to_json() for c in self.citations],
                "added": list(self.added), "removed": self.removed, "seen": self.seen,
                "page_date": self.page_date, "locked_seen": self.locked_seen}


@dataclass(frozen=True)
class OfficialWarning:
    """A 📘 link whose host is in no vendor's official domain list."""

    url: str
    file: str
    line: int
    host: str

    def to_json(self) -> dict[str, Any]:
        """The report's form of this warning."""
        return {"url": self.url, "file": self.file, "line": self.line, "host": self.host}


def now_iso() -> str:
    """Current UTC time, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Report:
    """Everything one run found."""

    internal: bool
    external: bool
    results: list[Result]
    ignored: int = 0
    official_warnings: list[OfficialWarning] = field(default_factory=list)
    sources_changed: list[SourceChanged] = field(default_factory=list)
    generated_at: str = field(default_factory=now_iso)

    def summary(self) -> dict[ResultClass, int]:
        """Count of results per class, in ResultClass order."""
        counts = dict.fromkeys(ResultClass, 0)
        for r in self.results:
            counts[r.result] += 1
        return counts

    @property
    def broken(self) -> bool:
        """True when at least one link is broken."""
        return any(r.result == ResultClass.BROKEN for r in self.results)

    def to_json(self) -> dict[str, Any]:
        """The JSON report (see `SCHEMA`)."""
        return {
            "version": VERSION,
            "generated_at": self.generated_at,
            "mode": {"internal": self.internal, "external": self.external},
            "summary": {str(k): v for k, v in self.summary().items()},
            "ignored": self.ignored,
            "official_warnings": [w.to_json() for w in self.official_warnings],
            "results": [r.to_json() for r in self.results],
            "sources_changed": [c.to_json() for c in self.sources_changed],
        }


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": [k for k in properties if k not in optional]}


_NULLABLE_INT = {"type": ["integer", "null"]}
_CITATION = _object({"file": {"type": "string"}, "line": {"type": "integer", "minimum": 0},
                     "official": {"type": "boolean"}, "source": {"const": "html"},
                     "fact": {"type": "string"}},
                    optional=("source", "fact"))
_RESULT = _object({
    "url": {"type": "string"}, "kind": {"enum": ["internal", "external"]},
    "result": {"enum": [str(c) for c in ResultClass]}, "status": _NULLABLE_INT,
    "official": {"type": "boolean"}, "citations": {"type": "array", "items": _CITATION},
    "message": {"type": "string"}, "location": {"type": ["string", "null"]},
    "redirect_status": _NULLABLE_INT, "attempts": {"type": "integer", "minimum": 0},
    "cached": {"type": "boolean"}, "warnings": {"type": "array", "items": {"type": "string"}},
})
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "check_links.py JSON report",
    **_object({
        "version": {"const": VERSION},
        "generated_at": {"type": "string"},
        "mode": _object({"internal": {"type": "boolean"}, "external": {"type": "boolean"}}),
        "summary": _object({str(c): {"type": "integer", "minimum": 0} for c in ResultClass}),
        "ignored": {"type": "integer", "minimum": 0},
        "official_warnings": {"type": "array", "items": _object({
            "url": {"type": "string"}, "file": {"type": "string"},
            "line": {"type": "integer"}, "host": {"type": "string"}})},
        "results": {"type": "array", "items": _RESULT},
        "sources_changed": {"type": "array", "items": _object({
            "url": {"type": "string"}, "citations": {"type": "array", "items": _CITATION},
            "added": {"type": "array", "items": {"type": "string"}},
            "removed": {"type": "integer", "minimum": 0}, "seen": {"type": "string"},
            "page_date": {"type": ["string", "null"]}, "locked_seen": {"type": "string"}})},
    }, optional=("sources_changed",)),
}


def official_warnings(cited: dict[str, list[Citation]], settings: Settings) -> list[OfficialWarning]:
    """📘 links whose host (and path prefix) is in no vendor's official domain list."""
    allowed = [d for domains in settings.official_domains.values() for d in domains]
    found = []
    for url, citations in cited.items():
        if not any(c.official for c in citations) or _is_official(url, allowed):
            continue
        for c in citations:
            if c.official:
                found.append(OfficialWarning(url, c.file, c.line, urlsplit(url).hostname or ""))
    return found


def _is_official(url: str, allowed: list[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for entry in allowed:
        domain, _, prefix = entry.partition("/")
        if host_matches(host, [domain]) and (
            not prefix or (parts.path.lstrip("/") + "/").startswith(prefix.rstrip("/") + "/")
        ):
            return True
    return False


def write_json(path: Path, report: Report) -> None:
    """Write the JSON report (atomically)."""
    write_atomic(path, json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")


_SAFE_URL = re.compile(r"https?://[^\s<>|`\\]+")


def _code(text: str, in_table: bool = True) -> str:
    """`text` as one inline code span: inside it Markdown, HTML, images, links, autolinks and
    @mentions are inert (GitHub renders no mention or reference in code). Text shown in the
    report that the checker did not write (reasons, URLs, locations, file names) goes through
    here. In a table `|` is escaped as `\\|` (GFM splits cells before code spans)."""
    text = " ".join(str(text).split())
    if not text:
        return "-"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(url: str, in_table: bool = True) -> str:
    """A clickable autolink for a plain http(s) URL; anything else as code."""
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else _code(url, in_table)


def _where(result: Result) -> str:
    places = [_code(c.where()) for c in result.citations]
    return "<br>".join(places) or "-"


def _link(result: Result, in_table: bool = True) -> str:
    mark = "📘 " if result.official else ""
    return f"{mark}{_url(result.url, in_table)}"


_SECTIONS = {
    ResultClass.BROKEN: ("❌ Broken: fix or remove these links", ["Status", "Problem"]),
    ResultClass.REDIRECTED: ("↪️ Permanently redirected: update to the new location",
                             ["Status", "New location"]),
    ResultClass.UNVERIFIABLE: ("⚠️ Unverifiable: check these by hand", ["Status", "Reason"]),
}


def markdown(report: Report) -> str:
    """The Markdown report: counts, then tables of what needs a contributor's attention."""
    lines = ["## Link check report", ""]
    mode = " + ".join(k for k, on in (("internal", report.internal),
                                      ("external", report.external)) if on)
    lines += [f"Checked: {mode or '-'} links. Generated {report.generated_at}.", ""]
    lines += ["| Result | Count |", "| --- | ---: |"]
    for name, count in report.summary().items():
        lines.append(f"| {name} | {count} |")
    if report.ignored:
        lines.append(f"| ignored (config) | {report.ignored} |")
    lines.append("")
    for name, (title, cols) in _SECTIONS.items():
        rows = [r for r in report.results if r.result == name]
        if not rows:
            continue
        lines += [f"### {title} ({len(rows)})", ""]
        lines += [f"| URL | {cols[0]} | {cols[1]} | Cited at |", "| --- | --- | --- | --- |"]
        for r in rows:
            detail = r.location if name == ResultClass.REDIRECTED else r.message
            status = str(r.redirect_status or r.status or "-")
            if name == ResultClass.REDIRECTED:
                status = f"{r.redirect_status} → {r.status}"
            lines.append(f"| {_link(r)} | {status} | {_code(detail or '')} | {_where(r)} |")
        lines.append("")
    warnings = report.official_warnings
    if warnings:
        lines += [f"### 📘 links outside the official documentation domains ({len(warnings)})", ""]
        lines += ["A 📘 link should point to a vendor's official documentation "
                  "(`official_domains` in `[tool.check-links]`).", ""]
        lines += ["| URL | Host | Cited at |", "| --- | --- | --- |"]
        for w in warnings:
            lines.append(f"| {_url(w.url)} | {_code(w.host)} | {_code(f'{w.file}:{w.line}')} |")
        lines.append("")
    changed = report.sources_changed
    if changed:
        lines += [f"### 📄 Cited sources changed since their last review ({len(changed)})", ""]
        lines += ["The main text of these 📘 pages changed: check the cited places, then record the "
                  "new state with `--accept-sources`.", ""]
        lines += ["| URL | Page date | Added lines (first) | Lines gone | Cited at |",
                  "| --- | --- | --- | --- | --- |"]
        for c in changed:
            added = "<br>".join(_code(a) for a in c.added) or "-"
            places = "<br>".join(_code(x.where()) for x in c.citations) or "-"
            lines.append(f"| {_url(c.url)} | {_code(c.page_date or '')} | {added} | {c.removed} "
                         f"| {places} |")
        lines.append("")
    ok = [r for r in report.results if r.result == ResultClass.OK]
    if ok:
        lines += [f"<details><summary>OK ({len(ok)})</summary>", ""]
        lines += [f"- {_link(r, in_table=False)}" for r in ok]
        lines += ["", "</details>", ""]
    return "\n".join(lines)

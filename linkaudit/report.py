"""Classify LinkChecker outcomes and write the JSON and Markdown reports."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from links_config import Settings, host_matches
from links_sources import Citation

CLASSES = ("broken", "redirected", "unverifiable", "ok")
PERMANENT = (301, 308)
_ANCHOR_MISSING = re.compile(r"Anchor `(?P<name>[^']*)' .*not found")


@dataclass
class Outcome:
    """What LinkChecker found for one checked URL, plus the details it usually drops."""

    url: str
    valid: bool
    result: str
    warnings: list[str]
    status: int | None = None
    first_status: int | None = None
    final_url: str | None = None
    error_kind: str | None = None
    error_detail: str | None = None
    attempts: int = 0
    parent_url: str | None = None
    line: int | None = None
    extern: bool = False
    abs_url: str | None = None


@dataclass
class Result:
    """One reported URL: class, HTTP status, official flag and every citation."""

    url: str
    kind: str
    result: str
    status: int | None
    official: bool
    citations: list[dict[str, Any]]
    message: str = ""
    location: str | None = None
    redirect_status: int | None = None
    attempts: int = 0
    cached: bool = False
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def classify(outcome: Outcome, settings: Settings) -> tuple[str, str]:
    """(result class, one-line reason) for a LinkChecker outcome."""
    host = urlsplit(outcome.url).hostname or ""
    tries = f"after {outcome.attempts} attempt{'s' * (outcome.attempts != 1)}"
    if outcome.error_kind == "timeout":
        return "unverifiable", f"timed out {tries}"
    if outcome.error_kind == "redirect-loop":
        return "broken", "redirect loop (too many redirects)"
    if outcome.error_kind == "connection":
        return "broken", outcome.error_detail or connection_problem(outcome.result)
    status = outcome.status
    if status == 429:
        return "unverifiable", f"rate-limited (429) {tries}"
    if status == 403 and host_matches(host, settings.bot_blocking_hosts):
        return "unverifiable", "host is known to block bots (403); check it in a browser"
    if status is not None and status >= 500 and outcome.attempts and outcome.valid is False:
        return "broken", f"server error {status} {tries}"
    if status is not None and status >= 400:
        return "broken", outcome.result
    if not outcome.valid:
        return "broken", outcome.result
    for warning in outcome.warnings:
        missing = _ANCHOR_MISSING.search(warning)
        if missing:
            return "broken", f"fragment #{missing.group('name')} not found on the page"
    if outcome.first_status in PERMANENT:
        return "redirected", f"permanent redirect ({outcome.first_status}); update the link"
    return "ok", outcome.result


def connection_problem(error: str) -> str:
    """A short reason from a requests ConnectionError's text."""
    text = error.lower()
    if "refused" in text:
        return "connection refused"
    if "name or service not known" in text or "nameresolution" in text or "not found" in text:
        return "host not found (DNS)"
    return "connection failed: " + error.split(":", 1)[0]


def citations_json(citations: list[Citation]) -> list[dict[str, Any]]:
    """Citation objects as dicts."""
    return [{"file": c.file, "line": c.line, "official": c.official} for c in citations]


def official_warnings(
    cited: dict[str, list[Citation]], settings: Settings
) -> list[dict[str, Any]]:
    """📘 links whose host (and path prefix) is in no vendor's official domain list."""
    allowed = [d for domains in settings.official_domains.values() for d in domains]
    found = []
    for url, citations in cited.items():
        if not any(c.official for c in citations) or _is_official(url, allowed):
            continue
        for c in citations:
            if c.official:
                found.append({"url": url, "file": c.file, "line": c.line,
                              "host": urlsplit(url).hostname or ""})
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


def summarize(results: list[Result]) -> dict[str, int]:
    """Count of results per class."""
    counts = dict.fromkeys(CLASSES, 0)
    for r in results:
        counts[r.result] += 1
    return counts


def write_json(path: Path, payload: dict[str, Any]) -> None:
    """Write the JSON report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _where(result: Result) -> str:
    places = [f"`{c['file']}:{c['line']}`" for c in result.citations]
    return "<br>".join(places) or "-"


def _link(result: Result) -> str:
    mark = "📘 " if result.official else ""
    return f"{mark}{_cell(result.url)}"


def markdown(payload: dict[str, Any], results: list[Result]) -> str:
    """The Markdown report: counts, then tables of what needs a contributor's attention."""
    s = payload["summary"]
    lines = ["## Link check report", ""]
    mode = " + ".join(k for k in ("internal", "external") if payload["mode"].get(k))
    lines += [f"Checked: {mode or '-'} links. Generated {payload['generated_at']}.", ""]
    lines += ["| Result | Count |", "| --- | ---: |"]
    for name in CLASSES:
        lines.append(f"| {name} | {s[name]} |")
    if payload.get("ignored"):
        lines.append(f"| ignored (config) | {payload['ignored']} |")
    lines.append("")
    sections = [
        ("broken", "❌ Broken: fix or remove these links", ["Status", "Problem"]),
        ("redirected", "↪️ Permanently redirected: update to the new location",
         ["Status", "New location"]),
        ("unverifiable", "⚠️ Unverifiable: check these by hand", ["Status", "Reason"]),
    ]
    for name, title, cols in sections:
        rows = [r for r in results if r.result == name]
        if not rows:
            continue
        lines += [f"### {title} ({len(rows)})", ""]
        lines += [f"| URL | {cols[0]} | {cols[1]} | Cited at |", "| --- | --- | --- | --- |"]
        for r in rows:
            detail = r.location if name == "redirected" else r.message
            status = str(r.redirect_status or r.status or "-")
            if name == "redirected":
                status = f"{r.redirect_status} → {r.status}"
            lines.append(f"| {_link(r)} | {status} | {_cell(detail or '')} | {_where(r)} |")
        lines.append("")
    warnings = payload.get("official_warnings") or []
    if warnings:
        lines += [f"### 📘 links outside the official documentation domains ({len(warnings)})", ""]
        lines += ["A 📘 link should point to a vendor's official documentation "
                  "(`official_domains` in `[tool.check-links]`).", ""]
        lines += ["| URL | Host | Cited at |", "| --- | --- | --- |"]
        for w in warnings:
            lines.append(f"| {_cell(w['url'])} | {w['host']} | `{w['file']}:{w['line']}` |")
        lines.append("")
    ok = [r for r in results if r.result == "ok"]
    if ok:
        lines += [f"<details><summary>OK ({len(ok)})</summary>", ""]
        lines += [f"- {_link(r)}" for r in ok]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def now_iso() -> str:
    """Current UTC time, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()

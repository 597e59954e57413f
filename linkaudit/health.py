"""Link health for the site build: which 📘 links the last external link report found broken or
redirected, and the small markers the pages show for them.

Standard library only and independent of LinkChecker: it reads the JSON report (version 1, see
linkaudit.report) that the weekly workflow uploads. No report, no markers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

SHOWN = ("broken", "redirected")


@dataclass(frozen=True)
class LinkIssue:
    """A 📘 link the report did not find ok, with where it is cited (docs-relative file, line)."""

    url: str
    result: str  # "broken" or "redirected"
    reason: str
    checked: str  # YYYY-MM-DD of the report
    citations: tuple[tuple[str, int], ...]

    @property
    def label(self) -> str:
        return "リンク切れ" if self.result == "broken" else "転送あり"


def _reason(item: dict) -> str:
    if item.get("result") == "redirected" and item.get("location"):
        return f"転送先: {item['location']}"
    status = item.get("status")
    message = str(item.get("message") or "").strip()
    return " ".join(part for part in (f"HTTP {status}" if status else "", message) if part) or "理由不明"


def issues_from_report(data: object) -> tuple[dict[str, LinkIssue], list[str]]:
    """The report's official broken/redirected results by URL, and what is wrong with the report."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list) or data.get("version") != 1:
        return {}, ["not a link report of version 1 (expected an object with 'version': 1 and 'results')"]
    checked = str(data.get("generated_at") or "")[:10]
    issues = {}
    for item in data["results"]:
        if not isinstance(item, dict) or item.get("result") not in SHOWN or not item.get("official"):
            continue
        citations = tuple((str(c.get("file", "")), int(c.get("line", 0))) for c in item.get("citations") or []
                          if isinstance(c, dict) and c.get("official"))
        issues[str(item["url"])] = LinkIssue(str(item["url"]), item["result"], _reason(item), checked, citations)
    return issues, []


def read_report(path: Path) -> tuple[dict[str, LinkIssue], list[str]]:
    """issues_from_report for a file; a missing file is no issues and no problem."""
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, [f"cannot read the link report {path}: {exc}"]
    return issues_from_report(data)


_ANCHOR = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>.*?</a>', re.S)


def marker_html(issue: LinkIssue) -> str:
    """The marker after a link: visible text (not colour alone) with the reason, all escaped."""
    when = f"（{issue.checked} の週次検査）" if issue.checked else ""
    return (f'<span class="cm-link-health cm-link-health--{issue.result}" role="note">'
            f"⚠ {issue.label}: {escape(issue.reason)}{escape(when)}</span>")


def mark_links(html: str, issues: dict[str, LinkIssue]) -> str:
    """Add a marker after every link to a URL the report found broken or redirected."""
    if not issues:
        return html

    def add(m: re.Match[str]) -> str:
        issue = issues.get(unescape(m.group(1)))
        return m.group(0) + marker_html(issue) if issue else m.group(0)

    return _ANCHOR.sub(add, html)

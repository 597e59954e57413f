"""Link health for the site build: which 📘 links the last external link report found broken or
redirected, and the small markers the pages show for them.

Independent of LinkChecker: it reads the JSON report (version 1, see linkaudit.report) that the
weekly workflow uploads, after checking it against the report's own schema (`linkaudit.report.
SCHEMA`, with jsonschema). No report, no markers; a report that is not JSON or does not match the
schema is one problem naming the file and the first mismatch (the hook logs it as a warning, so
`mkdocs build --strict` stops on it and a plain build goes on without markers), never a traceback.
The deploy checks the downloaded artifact the same way before it copies it (scripts/
accept_link_report.py), so a bad report reaches a build only from a contributor's own file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

SHOWN = ("broken", "redirected")
MAX_BYTES = 20_000_000  # the real report is ~1 MB; a bigger file is not one of ours


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


def schema_problem(data: object) -> str | None:
    """Why `data` is not a link report (`linkaudit.report.SCHEMA`), or None when it is one."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    from linkaudit.report import SCHEMA

    error = best_match(Draft202012Validator(SCHEMA).iter_errors(data))
    if error is None:
        return None
    where = "/".join(map(str, error.absolute_path)) or "the top level"
    return f"it does not match the link report schema at {where}: {error.message[:200]}"


def issues_from_report(data: object) -> tuple[dict[str, LinkIssue], list[str]]:
    """The report's official broken/redirected results by URL, and what is wrong with the report
    (then no issues at all: a report that fails its schema is not trusted in part)."""
    problem = schema_problem(data)
    if problem is not None:
        return {}, [problem]
    assert isinstance(data, dict)
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
    """issues_from_report for a file; a missing file is no issues and no problem. Each problem is
    one sentence naming the file; with a problem there are no issues (no markers)."""
    if not path.exists():
        return {}, []
    ignored = f"link report {path} ignored, the pages get no link-health markers"
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}, [f"{ignored}: not a regular file of at most {MAX_BYTES} bytes"]
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, [f"{ignored}: it is not JSON ({exc})"]
    issues, problems = issues_from_report(data)
    return issues, [f"{ignored}: {p}" for p in problems]


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

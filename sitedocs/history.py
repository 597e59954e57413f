"""The change history of the docs from git: what the generated 更新履歴 page lists.

Standard library only. `read_history` runs `git log` (None when there is no git or no history,
e.g. a tarball or a shallow copy without the commits); `history_markdown` is pure.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

_FIELD, _RECORD = "\x1f", "\x1e"


@dataclass(frozen=True)
class Change:
    """One docs page changed by one commit."""

    date: str  # YYYY-MM-DD (author date)
    page: str  # docs-relative path, e.g. layers/01-llm.md
    subject: str
    commit: str  # abbreviated hash


def parse_log(text: str, docs_prefix: str) -> list[Change]:
    """Changes from `git log --name-only` output in our record format (see read_history)."""
    changes = []
    for record in text.split(_RECORD):
        head, _, names = record.strip("\n").partition("\n")
        fields = head.split(_FIELD)
        if len(fields) != 3:
            continue
        commit, date, subject = fields
        for name in names.splitlines():
            name = name.strip()
            if name.startswith(docs_prefix) and name.endswith(".md"):
                changes.append(Change(date, name[len(docs_prefix):], subject.strip(), commit))
    return changes


def read_history(repo: Path, docs_dir: Path, limit: int = 300) -> list[Change] | None:
    """The last `limit` commits that touched Markdown under docs_dir, newest first; None without git."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=repo, capture_output=True,
                             text=True, check=True).stdout.strip()
        prefix = docs_dir.resolve().relative_to(Path(top).resolve()).as_posix().rstrip("/") + "/"
        out = subprocess.run(
            ["git", "log", f"-n{limit}", "--no-merges", "--date=short", "--name-only",
             f"--format={_RECORD}%h{_FIELD}%ad{_FIELD}%s", "--", prefix],
            cwd=top, capture_output=True, text=True, check=True).stdout
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None
    changes = parse_log(out, prefix)
    return changes or None


# Characters that start Markdown or HTML syntax here (tables, emphasis, links, raw HTML, entities,
# attr_list, emoji shortcodes, ==mark==, ++keys++, ~~, ^^): written as character references,
# which Python-Markdown passes through untouched, so the browser shows them as typed. (Backslash
# escapes do not cover "<", ":" or "=": a subject with HTML showed a stray backslash.)
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>|#!&:=+~^$")


def _cell(text: str, limit: int = 100) -> str:
    """A commit subject as literal text in a table cell (shortened; syntax characters as
    character references)."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SPECIAL else c for c in text)


def history_markdown(changes: list[Change] | None, existing: set[str], from_page: str) -> str:
    """The 更新履歴 page: a table newest first; pages that still exist are links."""
    lines = ["# 更新履歴", "",
             "本文（`docs/`）を変更したコミットの一覧です。新しいものが上にあります。"
             "各ページの下の「最終更新日」も同じ git の履歴から作られています。", ""]
    if not changes:
        lines.append("git の履歴がない環境でビルドされたため、更新履歴は表示できません。")
        return "\n".join(lines) + "\n"
    depth = from_page.count("/")
    lines += ["| 日付 | ページ | 変更内容 | コミット |", "|--|--|--|--|"]
    for change in changes:
        page = (f"[{change.page}]({'../' * depth}{change.page})" if change.page in existing
                else f"{_cell(change.page)}（現在はないページ）")
        lines.append(f"| {change.date} | {page} | {_cell(change.subject)} | `{change.commit}` |")
    return "\n".join(lines) + "\n"

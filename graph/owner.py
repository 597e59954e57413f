"""The chapter's owner: optional front matter `owner`, a GitHub handle (`octocat` or `@octocat`),
shown in the chapter header, in api/pages.json and in the weekly 要再確認 issue."""

from __future__ import annotations

import re

from .problems import Problem

OWNER_KEY = "owner"
# GitHub's rule: 1–39 characters, letters, digits and single hyphens, not at either end.
_HANDLE = re.compile(r"^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$")


def page_owner(src: str, meta: dict, meta_lines: dict[str, int]) -> tuple[str | None, list[Problem]]:
    """The owner's handle without '@' (None when absent or invalid, with a problem for the latter)."""
    if OWNER_KEY not in meta:
        return None, []
    value = meta[OWNER_KEY]
    m = _HANDLE.match(value) if isinstance(value, str) else None
    if m is None:
        return None, [Problem(src, meta_lines.get(OWNER_KEY, 1),
                              f"{OWNER_KEY} '{value}' は GitHub のユーザー名にしてください"
                              "（例: octocat または @octocat。英数字と単独のハイフン、39文字まで）")]
    return m.group(1), []

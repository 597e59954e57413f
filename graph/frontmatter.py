"""Front matter fields that are shown as text: no markup allowed.

Material's templates (and the project's layer header) put `title`, `description` and `summary`
into the page; HTML in them would become markup on every page that shows them (the header, the
navigation, `<meta name="description">`). They must be plain text, so any tag is refused with the
docs-relative file and line. Standard library only.
"""

from __future__ import annotations

import re

from .problems import Problem

TEXT_KEYS = ("title", "description", "summary")
# A tag, a comment or a declaration: "<" followed by a letter, "/", "!" or "?". "a < b" is text.
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>?")


def markup_problems(src: str, meta: dict, meta_lines: dict[str, int]) -> list[Problem]:
    """A problem for each of TEXT_KEYS whose value holds an HTML tag."""
    problems = []
    for key in TEXT_KEYS:
        value = meta.get(key)
        if not isinstance(value, str):
            continue
        tag = _TAG.search(value)
        if tag:
            shown = tag.group(0) if len(tag.group(0)) <= 40 else tag.group(0)[:39] + "…"
            problems.append(Problem(src, meta_lines.get(key, 1),
                                    f"フロントマター '{key}' はプレーンテキストにしてください（マークアップ "
                                    f"{shown!r} があります。そのまま表示される値なので、タグは書けません。"
                                    "山括弧が要るなら全角の ＜ ＞ を使います）"))
    return problems

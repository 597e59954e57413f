"""Markdown syntax the packages share: fenced code blocks and inline code spans."""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# `## 参考リンク {#refs .no-graph}`: a boilerplate heading (目次, 参考, まとめ…): not a concept
# section in the graph, ranked low in search.
NO_GRAPH_CLASS = "no-graph"


def body_start(lines: list[str]) -> int:
    """Index of the first line after a leading YAML front matter block (0 without one, or when
    it is not closed by a `---` or `...` line)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return end + 1
    return 0


def outside_fences(lines: list[str], start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, line) of each line from `start` on that is outside fenced code blocks (the fence
    lines excluded). A fence closes with the same character, at least as many times."""
    rest = lines[start:]
    joined = "\n".join(rest)
    if "```" not in joined and "~~~" not in joined:  # no line can open a fence (most pages): all of them
        return enumerate(rest, start)
    return _outside_fences(lines, start)


def _outside_fences(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    fence: str | None = None
    for idx in range(start, len(lines)):
        raw = lines[idx]
        m = FENCE.match(raw)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield idx, raw


def mask_code_spans(line: str) -> str:
    """`line` with every inline code span replaced by spaces of the same length (columns kept)."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)

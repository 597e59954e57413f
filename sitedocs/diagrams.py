"""Diagrams written as text in the Markdown: ```diagram fences holding a Mermaid flowchart.

The fence is rendered (pymdownx.superfences custom fence, `fence_format`) as a `<figure>` holding the
escaped source; `assets/javascripts/diagrams.js` draws it with the Mermaid copy the site serves
itself (`assets/vendor/mermaid/`, no third-party request) and redraws it when the palette changes.
Without JavaScript the reader sees the source, which is written to be read. Standard library only.

Every diagram must say what it shows in words (`accTitle:` and `accDescr:` lines, which Mermaid
puts into the SVG's <title> and <desc> for screen readers; the figure shows the title as its
caption), may use only the diagram types in `KINDS`, and may not change Mermaid's configuration
(`%%{init …}%%`, `click`, which could loosen its security level). `problems` finds these mistakes
with their line numbers, for the build to report as file:line.
"""

from __future__ import annotations

import html
import re

from sitedocs.markdown import FENCE

FENCE_NAME = "diagram"
CSS_CLASS = "cm-diagram"
# Diagram types the site's pages may use (Mermaid's first keyword).
KINDS = ("flowchart", "graph", "sequenceDiagram")
_TITLE = re.compile(r"^\s*accTitle\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)
_DESCR = re.compile(r"^\s*accDescr\s*(:|\{)", re.MULTILINE)
_FORBIDDEN = re.compile(r"%%\s*\{|^\s*click\s", re.MULTILINE)


def title(source: str) -> str:
    """The diagram's `accTitle`, or an empty string."""
    m = _TITLE.search(source)
    return m.group("text") if m else ""


def source_problems(source: str) -> list[tuple[int, str]]:
    """(line offset within the source, message) for each mistake in one diagram's source."""
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    first = next(((i, ln.strip()) for i, ln in enumerate(lines)
                  if ln.strip() and not ln.strip().startswith("%%")), None)
    if first is None:
        return [(0, "図（```diagram）が空です")]
    kind = first[1].split()[0]
    if kind not in KINDS:
        found.append((first[0], f"図の種類「{kind}」は使えません（使えるもの: {', '.join(KINDS)}）"))
    if not _TITLE.search(source):
        found.append((0, "図に accTitle: がありません（図が何を示すかを1行で。キャプションと読み上げに使われます）"))
    if not _DESCR.search(source):
        found.append((0, "図に accDescr: がありません（図の内容を文章で。画面を見られない読者向けの説明です）"))
    for i, line in enumerate(lines):
        if _FORBIDDEN.search(line):
            found.append((i, "図の中で Mermaid の設定（%%{init}%%）や click は使えません"))
    return found


def problems(markdown: str) -> list[tuple[int, str]]:
    """(1-based line, message) for each mistake in the page's ```diagram fences."""
    found: list[tuple[int, str]] = []
    if FENCE_NAME not in markdown:  # no ```diagram fence (its info string names it)
        return found
    lines = markdown.splitlines()
    idx = 0
    while idx < len(lines):
        m = FENCE.match(lines[idx])
        if not m:
            idx += 1
            continue
        fence, info = m.group(1), lines[idx][m.end():].strip()
        end = idx + 1
        while end < len(lines):
            close = FENCE.match(lines[end])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence) \
                    and not lines[end][close.end():].strip():
                break
            end += 1
        if info.split(" ")[0].strip("{}. ") == FENCE_NAME:
            body = "\n".join(lines[idx + 1:end])
            found += [(idx + 2 + offset, message) for offset, message in source_problems(body)]
        idx = end + 1
    return found


def fence_format(source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
    """pymdownx.superfences formatter: the figure the script draws into (escaped source inside)."""
    caption = title(source)
    cap = f'<figcaption class="{CSS_CLASS}__caption">{html.escape(caption)}</figcaption>' if caption else ""
    return (f'<figure class="{CSS_CLASS}">'
            f'<pre class="{CSS_CLASS}__source"><code>{html.escape(source)}</code></pre>{cap}</figure>')

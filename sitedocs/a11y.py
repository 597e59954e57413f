"""Accessibility fixes to a page's HTML that Markdown extensions cannot express. Standard library
only, no MkDocs: views/page.py applies `fix_html` to every page's content (concept-map/graph plugin).

- Task-list checkboxes (pymdownx.tasklist with custom_checkbox) are rendered as
  `<label class="task-list-control"><input type="checkbox" disabled/><span ...></span></label> text`:
  the label wraps no text, so the checkbox has no accessible name. `label_task_checkboxes` gives
  each such checkbox `aria-label` = the item's own text (nested lists left out), escaped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
_NAMED = ("aria-label", "aria-labelledby", "title")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"])


class _TaskItems(HTMLParser):
    """Finds each task-list item's first checkbox (its offset in the source) and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []  # {"offset": int | None, "text": [str]}
        self._stack: list[tuple[str, dict | None, bool]] = []  # (tag, item it opens, in nested list)

    def _current(self) -> tuple[dict | None, bool]:
        for _tag, item, nested in reversed(self._stack):
            if item is not None or nested:
                return (None if nested else item), nested
        return None, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        item, _nested = self._current()
        if tag == "input" and item is not None and item["offset"] is None:
            if (a.get("type") or "").lower() == "checkbox" and not any(k in a for k in _NAMED):
                item["offset"] = self._offset()
            else:
                item["offset"] = -1  # already named (or not a checkbox): leave it alone
        if tag in _VOID:
            return
        opens = None
        if tag == "li" and "task-list-item" in (a.get("class") or "").split():
            opens = {"offset": None, "text": []}
            self.items.append(opens)
            self._stack.append((tag, opens, False))
            return
        self._stack.append((tag, None, item is not None and tag in ("ul", "ol")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        item, _nested = self._current()
        if item is not None:
            item["text"].append(data)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def run(self, source: str) -> list[dict]:
        self._line_starts = [0]
        for m in re.finditer("\n", source):
            self._line_starts.append(m.end())
        self.feed(source)
        self.close()
        return self.items


def label_task_checkboxes(source: str) -> str:
    """`source` with `aria-label="<item text>"` on every unnamed task-list checkbox."""
    if "task-list-item" not in source:
        return source
    edits = []
    for item in _TaskItems().run(source):
        offset = item["offset"]
        text = _SPACE.sub(" ", "".join(item["text"])).strip()
        if offset is None or offset < 0 or not text:
            continue
        assert source.startswith("<input", offset), source[offset:offset + 20]
        edits.append((offset + len("<input"), f' aria-label="{html.escape(text, quote=True)}"'))
    for at, attr in sorted(edits, reverse=True):
        source = source[:at] + attr + source[at:]
    return source


def fix_html(source: str) -> str:
    """Every fix of this module, applied to one page's content HTML."""
    return label_task_checkboxes(source)

"""The per-page passes over rendered HTML: everything the site changes in a page's content, in two
walks at two moments of the build.

    content_html(html, issues)      on_page_content, before the search index reads the page: one
                                    walk (sitedocs.html.rewrite) that turns ✅ 🔧 📘 🔗 into badges
                                    (views.marks), drops line breaks between Japanese characters
                                    (sitedocs.typography) and puts a link-health marker after each
                                    link the link report found broken (linkaudit.health); then the
                                    task-list checkbox names (sitedocs.a11y), a parse that runs only
                                    on pages with a task list.
    Insertions(...).apply(html)     on_page_context, after the search index has read the page (the
                                    generated blocks stay out of it): one scan of the headings
                                    inserts the lines under headings (cross-view line, own review
                                    date), the local map before the first section, 関連する層 at
                                    the end, and on 「シナリオで読む」 each step's layer badge and
                                    map link (sitedocs.html.insert_at_headings).

What runs after these (a Content-Security-Policy computed from the final HTML) belongs to
on_post_page, which MkDocs calls once the theme has rendered the whole page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape

from linkaudit.health import LinkIssue, marker_html
from sitedocs.a11y import fix_html
from sitedocs.html import ListItems, insert_at_headings, rewrite
from sitedocs.typography import join_cjk_text

from .marks import EMOJI_RE, replace_text

_HREF = re.compile(r'\bhref="([^"]+)"')
# A line break next to a character outside ASCII (spaces and tabs between): where a run of text
# can hold one join_cjk_text drops (it needs a wide character beside the break). A page without
# one, without marks and without broken links has nothing the walk would change.
_MAY_JOIN = re.compile(r"[^\x00-\x7f][ \t]*\n|\n[ \t]*[^\x00-\x7f]")


def _text_pass(with_marks: bool):
    """Each text run: marks as badges, then the Japanese line breaks joined in the text around
    them (as two walks would: the second sees the run split at the badges' tags)."""
    if not with_marks:
        return join_cjk_text

    def text(run: str) -> str:
        pos, parts = 0, []
        for m in EMOJI_RE.finditer(run):
            parts += [join_cjk_text(run[pos:m.start()]), replace_text(m.group(0))]
            pos = m.end()
        if not parts:
            return join_cjk_text(run)
        parts.append(join_cjk_text(run[pos:]))
        return "".join(parts)

    return text


def content_html(html: str, issues: Mapping[str, LinkIssue] | None = None) -> str:
    """The page content after every text-level change of the site (see the module docstring)."""
    marks = EMOJI_RE.search(html) is not None
    if not marks and not issues and _MAY_JOIN.search(html) is None:
        return fix_html(html)  # the walk would return html unchanged
    text = _text_pass(marks)
    tag = None
    if issues:
        pending: list[LinkIssue] = []

        def tag(raw: str, name: str, closing: bool) -> str:
            if name != "a":
                return raw
            if not closing:
                href = _HREF.search(raw)
                issue = issues.get(unescape(href.group(1))) if href else None
                pending[:] = [issue] if issue else []
                return raw
            if pending:
                return raw + rewrite(marker_html(pending.pop()), text=text)
            return raw

    return fix_html(rewrite(html, text=text, tag=tag))


@dataclass
class Insertions:
    """Generated blocks for one page, put in by one scan of its headings."""

    after: dict[str, list[str]] = field(default_factory=dict)  # heading id -> lines under it
    before: dict[str, str] = field(default_factory=dict)  # <h2> id -> block before it
    end: list[str] = field(default_factory=list)  # blocks at the end
    lists: dict[str, ListItems] = field(default_factory=dict)  # <h2> id -> into the first <ol> after it

    def under(self, lines: Mapping[str, str]) -> None:
        """Lines under headings; a later call's line goes right under the heading, above the
        earlier ones."""
        for anchor, line in lines.items():
            self.after.setdefault(anchor, []).insert(0, line)

    def apply(self, html: str) -> str:
        after = {anchor: "".join(lines) for anchor, lines in self.after.items()}
        return insert_at_headings(html, after=after, before=self.before, end="".join(self.end), lists=self.lists)

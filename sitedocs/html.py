"""Rewriting rendered page HTML without a parser: the walks several packages share.

- `rewrite(html, text=fn, tag=fn)`: one walk over the page's tokens: `text` gets every run of text
  between tags, except inside elements whose content is code, script or graphics (VERBATIM);
  `tag` gets every tag (and may append HTML after it). Comments and declarations are kept.
- `map_text(html, fn)`: `rewrite` with a text function only.
- `insert_at_headings(html, after=…, before=…, end=…)`: one scan of the headings: HTML right
  after the heading (h1–h6) with a given id, right before the <h2> with a given id (at the end
  when there is none), and at the end.
- `after_headings(html, extras)`: `insert_at_headings` with `after` only.
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import unescape

# Elements whose text is never rewritten (their content is code, script or already graphics).
VERBATIM = frozenset({"code", "pre", "script", "style", "textarea", "svg", "kbd", "samp", "title",
                      "template"})
# A tag (quoted attribute values may hold ">"), a comment, or a CDATA/doctype declaration.
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
                    re.DOTALL)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_HEADING = re.compile(r'<h(?P<n>[1-6])\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>.*?</h(?P=n)>', re.DOTALL)


TagFn = Callable[[str, str, bool], str]  # (the tag as written, lower-case name, closing) -> HTML


def rewrite(html: str, text: Callable[[str], str] | None = None, tag: TagFn | None = None) -> str:
    """`html` with `text` applied to each text run outside VERBATIM elements (runs are split at
    every tag, so `text` sees where markup begins and ends) and `tag` to each tag."""
    out: list[str] = []
    skip: list[str] = []  # open elements whose text is kept as is
    pos = 0
    for token in _TOKEN.finditer(html):
        run = html[pos:token.start()]
        if run:
            out.append(run if skip or text is None else text(run))
        raw = token.group(0)
        pos = token.end()
        name_match = _TAG_NAME.match(raw)
        if not name_match:
            out.append(raw)
            continue
        name = name_match.group(1).lower()
        closing = raw.startswith("</")
        out.append(tag(raw, name, closing) if tag else raw)
        if name not in VERBATIM:
            continue
        if closing:
            if name in skip:  # close up to the matching element (tolerates sloppy nesting)
                while skip and skip.pop() != name:
                    pass
        elif not raw.endswith("/>"):
            skip.append(name)
    tail = html[pos:]
    out.append(tail if skip or text is None else text(tail))
    return "".join(out)


def map_text(html: str, fn: Callable[[str], str]) -> str:
    """`html` with `fn` applied to each text run outside VERBATIM elements."""
    return rewrite(html, text=fn)


def insert_at_headings(html: str, after: Mapping[str, str] | None = None,
                       before: Mapping[str, str] | None = None, end: str = "") -> str:
    """One scan of the headings: `after[id]` right after the heading (h1–h6) with that id,
    `before[id]` right before the <h2> with that id (appended, before `end`, when no <h2> has it),
    and `end` at the end."""
    after, before = after or {}, dict(before or {})
    out: list[str] = []
    pos = 0
    if after or before:
        for m in _HEADING.finditer(html):
            anchor = unescape(m.group("id"))
            head = before.pop(anchor, "") if m.group("n") == "2" else ""
            extra = after.get(anchor, "")
            if head or extra:
                out += [html[pos:m.start()], head, m.group(0), extra]
                pos = m.end()
    out += [html[pos:], *before.values(), end]
    return "".join(out)


def after_headings(html: str, extras: Mapping[str, str]) -> str:
    """Insert `extras[id]` right after the heading (h1–h6) with that id; other headings stay."""
    if not extras:
        return html
    return insert_at_headings(html, after=extras)

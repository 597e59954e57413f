"""Rewriting rendered page HTML without a parser: the two walks several packages need.

- `map_text(html, fn)`: apply `fn` to every run of text between tags, except inside elements whose
  content is code, script or graphics (VERBATIM); tags, attribute values and comments are kept.
- `after_headings(html, extras)`: insert HTML right after each heading whose id is a key of
  `extras` (a line under a section's title).
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


def map_text(html: str, fn: Callable[[str], str]) -> str:
    """`html` with `fn` applied to each text run outside VERBATIM elements (runs are split at
    every tag, so `fn` sees where markup begins and ends)."""
    out: list[str] = []
    skip: list[str] = []  # open elements whose text is kept as is
    pos = 0
    for token in _TOKEN.finditer(html):
        text = html[pos:token.start()]
        out.append(text if skip else fn(text))
        tag = token.group(0)
        out.append(tag)
        pos = token.end()
        name_match = _TAG_NAME.match(tag)
        if not name_match:
            continue
        name = name_match.group(1).lower()
        if name not in VERBATIM:
            continue
        if tag.startswith("</"):
            if name in skip:  # close up to the matching element (tolerates sloppy nesting)
                while skip and skip.pop() != name:
                    pass
        elif not tag.endswith("/>"):
            skip.append(name)
    tail = html[pos:]
    out.append(tail if skip else fn(tail))
    return "".join(out)


def after_headings(html: str, extras: Mapping[str, str]) -> str:
    """Insert `extras[id]` right after the heading (h1–h6) with that id; other headings stay."""
    if not extras:
        return html
    return _HEADING.sub(lambda m: m.group(0) + extras.get(unescape(m.group("id")), ""), html)

"""Japanese typography of rendered HTML: a line break inside a paragraph between Japanese text
must not become a space. Browsers render a source newline as a space; CSS Text 3 says to drop it
next to East Asian wide characters, but Chromium and WebKit don't yet. Standard library only."""

from __future__ import annotations

import re
import unicodedata

from .html import map_text

_BREAK = re.compile(r"(\S)[ \t]*\n[ \t]*(\S)")
_LEADING = re.compile(r"^[ \t]*\n[ \t]*(?=(\S))")  # a break right after markup: <a>…</a>\nを
_TRAILING = re.compile(r"(?<=(\S))[ \t]*\n[ \t]*$")  # … and right before it: 層\n<a>


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and not ("\uac00" <= ch <= "\ud7a3")


def join_cjk_text(text: str) -> str:
    """One run of text (no markup in it) with its line breaks next to wide characters dropped."""
    if "\n" not in text:  # every rule is about a line break
        return text
    text = _BREAK.sub(lambda m: m.group(1) + m.group(2) if _wide(m.group(1)) or _wide(m.group(2))
                      else m.group(0), text)
    text = _LEADING.sub(lambda m: "" if _wide(m.group(1)) else m.group(0), text)
    return _TRAILING.sub(lambda m: "" if _wide(m.group(1)) else m.group(0), text)


def join_cjk_lines(html: str) -> str:
    """Drop the newlines (and the spaces around them) in text next to a wide character; markup,
    code and preformatted text are left as they are."""
    return map_text(html, join_cjk_text)

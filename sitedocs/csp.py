"""The Content-Security-Policy of a built page, computed from its final HTML.

Every page allows only its own origin, plus the sha256 hashes of the inline scripts and inline
`<style>` elements the page actually holds: no 'unsafe-inline', no 'unsafe-eval', no third-party
origin, `object-src 'none'`, `base-uri 'self'`. The policy is delivered as a
`<meta http-equiv="Content-Security-Policy">` placed first in `<head>` (after `<meta charset>`),
so it governs every script of the page. Hosts that set HTTP headers can send the same policy as a
header (`header_policy`, or `python -m sitedocs.csp site/` for the whole built site), adding the
directives a meta tag cannot carry (`frame-ancestors`).

Inline code that came from the Markdown (raw `<script>`/`<style>` in a page or its front matter) is
*untrusted*: its hashes are passed as `untrusted` and left out, so the browser blocks it even
though it is present in the page. Event-handler attributes and `javascript:` URLs are never
allowed (no 'unsafe-hashes'). Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from sitedocs.diagrams import CSS_CLASS
from sitedocs.markdown import mask_code_spans, outside_fences

# The fixed directives. script-src and style-src get the page's hashes appended.
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons are data: SVGs in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # search index, cards.json
    ("worker-src", "'self'"),  # Material's search worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only in an HTTP header: browsers ignore these in a <meta> policy.
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)
META_NAME = "Content-Security-Policy"

# Script types a browser executes (a missing or empty type is JavaScript). Data blocks such as
# <script type="application/json"> are not run and need no hash.
_JS_TYPES = frozenset({"", "module", "text/javascript", "application/javascript",
                       "application/ecmascript", "text/ecmascript", "application/x-javascript",
                       "text/x-javascript", "text/jscript", "text/livescript"})
_SCRIPT = re.compile(r"<script\b(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<body>.*?)</script\s*>",
                     re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>(?P<body>.*?)</style\s*>",
                    re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
# No leading \s* in the pattern: tried at every position of a page's long whitespace runs (Material's
# nav), it backtracked quadratically; the whitespace before a found tag is trimmed by hand.
_OWN_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_DIAGRAM = f'<figure class="{CSS_CLASS}">'
# One scan of a page finds everything its policy depends on: where each inline script and style
# may start (_SCRIPT/_STYLE then read it from there), a policy meta tag added before, a drawn
# diagram. Every alternative starts with "<", which the regex engine looks for first: a page is
# mostly its navigation, and one scan of it instead of four halves the pass. The lookahead turns
# most "<" away before the alternatives are tried (a quarter of the scan): its class holds every
# first letter they can match ("ſ" matches "s" ignoring case, as re does).
_SCAN = re.compile(rf"<(?=[sSſm{_DIAGRAM[1]}])"
                   rf"(?:(?P<code>(?i:script|style))\b|(?P<meta>{_OWN_META.pattern[1:]})|{re.escape(_DIAGRAM[1:])})")


# Material's primary sidebar: the site's navigation (partials/nav.html), most of every page of a
# large site (286 of 344 KB at 1,000 pages), which holds titles from the Markdown and no inline
# code of the theme's. A page's policy skips it: what it could find there comes from the Markdown
# (untrusted, left out anyway), so skipping can only leave a hash out, never let one in; the
# untrusted code itself is always read whole (inline_code). tests/test_csp.py checks the real
# site's navigation holds no inline code.
NAV_START = '<div class="md-sidebar md-sidebar--primary"'
NAV_END = '<div class="md-sidebar md-sidebar--secondary"'
# The page's content, after both sidebars. The sidebar's end is looked for backwards from it, over
# the table of contents, not forwards over the whole navigation (0.14 → 0.02 ms a page at 1,000
# pages): the theme escapes every title, so the marker is in neither sidebar but where it ends.
# Markdown's raw HTML could fake both markers in the content; the sidebar read then ends later,
# and that can only leave a hash of the page's own code out (tests/test_csp.py).
CONTENT_START = '<article class="md-content__inner'


def _regions(html: str) -> list[tuple[int, int]]:
    """The parts of a built page its policy is read from: all of it but the primary sidebar."""
    start = html.find(NAV_START)
    if start < 0:
        return [(0, len(html))]
    content = html.rfind(CONTENT_START, start)
    end = html.rfind(NAV_END, start, content) if content >= 0 else -1
    if end < 0:  # no content element (a page of another theme), or the sidebar ends after it
        end = html.find(NAV_END, start)
    return [(0, start), (end, len(html))] if end >= 0 else [(0, len(html))]


@dataclass(frozen=True)
class _Page:
    """What one scan of a page found (see _SCAN)."""

    code: InlineCode
    own_meta: tuple[int, int] | None  # the first policy meta tag's span
    diagram: bool


def _scan(html: str, skip_nav: bool = False) -> _Page:
    """The page's inline code as inline_code finds it, its first policy meta tag and whether it
    holds a drawn diagram, in one pass: each kind of element is read as its own regular
    expression's finditer would (a script's text is not searched for scripts; a style may sit
    in it, as a separate scan for styles would find). skip_nav: not in the primary sidebar
    (a built page's policy; see NAV_START)."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    ends = {"script": 0, "style": 0}  # where the last script / style read ends
    meta: tuple[int, int] | None = None
    diagram = False
    found = ([m for start, end in _regions(html) for m in _SCAN.finditer(html, start, end)] if skip_nav
             else _SCAN.finditer(html))
    for m in found:
        name = m.group("code")
        if name:
            name = name.lower()
            if m.start() < ends[name]:
                continue
            element = (_SCRIPT if name == "script" else _STYLE).match(html, m.start())
            if element is None:
                continue
            ends[name] = element.end()
            if name == "style":
                styles[hash_source(element.group("body"))] = None
                continue
            attrs = _attributes(element.group("attrs"))
            if "src" not in attrs and attrs.get("type", "").strip().lower() in _JS_TYPES:
                scripts[hash_source(element.group("body"))] = None
        elif m.group("meta"):
            meta = meta or m.span()
        else:
            diagram = True
    return _Page(InlineCode(tuple(scripts), tuple(styles)), meta, diagram)


@dataclass(frozen=True)
class InlineCode:
    """The hash sources ('sha256-…') of a page's executable inline scripts and inline styles."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]


def hash_source(text: str) -> str:
    """The CSP hash source of an inline element's text, as browsers compute it (UTF-8)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attributes(attrs: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) or "").strip("\"'") for m in _ATTR.finditer(attrs)}


def inline_code(html: str) -> InlineCode:
    """The distinct hashes of `html`'s executable inline scripts and `<style>` elements, in order
    of first appearance (scripts with a src, and data blocks, are skipped)."""
    return _scan(html).code


def untrusted_hashes(texts: Iterable[str]) -> set[str]:
    """The hashes of every inline script and style in `texts` (Markdown-rendered HTML, front
    matter values): code a contributor wrote, which the policy must not allow."""
    found: set[str] = set()
    for text in texts:
        code = inline_code(text)
        found.update(code.scripts, code.styles)
    return found


# Mermaid (diagrams.js) draws with <style> elements and style attributes it makes at run time,
# which no hash can name: a page holding a diagram allows inline *styles* (never scripts). A hash
# in the same directive would make browsers ignore 'unsafe-inline', so that page lists none.
INLINE_STYLES = "'unsafe-inline'"


def allows_inline_styles(html: str) -> bool:
    """True for a page with a drawn diagram (sitedocs.diagrams), which needs inline styles."""
    return _DIAGRAM in html


def _join(directives: Iterable[tuple[str, str]], code: InlineCode, inline_styles: bool = False) -> str:
    parts = []
    for name, value in directives:
        extra = code.scripts if name == "script-src" else code.styles if name == "style-src" else ()
        if name == "style-src" and inline_styles:
            extra = (INLINE_STYLES,)
        parts.append(" ".join([name, value, *extra]))
    return "; ".join(parts)


# A JavaScript string literal (no template literals: a minified bundle's CSS is in plain quotes).
_JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
_CSS_RULE = re.compile(r"^\s*[.#\w\[*:@][^{};]*\{[^{}]*:[^{}]*\}")
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _js_unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _SIMPLE_ESCAPES.get(e, e)
    return _JS_ESCAPE.sub(one, text)


def injected_style_hashes(script: str) -> tuple[str, ...]:
    """The hashes of the stylesheets a library script may inject as <style> elements: every
    string literal in it that reads as CSS rules (vis-network's standalone build injects its
    stylesheet this way, appending an empty <style> first and filling it after: the empty text's
    hash comes first). A candidate that is never injected only adds an unused hash."""
    found: dict[str, None] = {hash_source(""): None}
    for m in _JS_STRING.finditer(script):
        text = m.group(1) if m.group(1) is not None else m.group(2)
        if len(text) > 20 and _CSS_RULE.match(text):
            found[hash_source(_js_unescape(text))] = None
    return tuple(found) if len(found) > 1 else ()


def page_policy(html: str, untrusted: Collection[str] = (), styles: Collection[str] = ()) -> str:
    """The policy for one page: its own inline scripts and styles by hash, minus `untrusted`,
    plus the hash sources `styles` (those a library the page loads injects)."""
    return _policy(_scan(html, skip_nav=True), untrusted, styles)


def _policy(page: _Page, untrusted: Collection[str], styles: Collection[str]) -> str:
    code = page.code
    own_styles = [h for h in code.styles if h not in untrusted]
    code = InlineCode(tuple(h for h in code.scripts if h not in untrusted),
                      tuple(dict.fromkeys([*own_styles, *styles])))
    return _join(BASE_DIRECTIVES, code, page.diagram)


def with_policy(html: str, untrusted: Collection[str] = (), styles: Collection[str] = ()) -> str:
    """`html` with its policy as the first element of `<head>` (after `<meta charset>`, which
    must stay within the first bytes); a policy we added before is replaced. A document without
    `<head>` is returned unchanged."""
    page = _scan(html, skip_nav=True)
    if page.own_meta:  # without the policy added before (and the whitespace in front of it)
        start, end = page.own_meta
        while start and html[start - 1].isspace():
            start -= 1
        html = html[:start] + html[end:]
    head = _HEAD.search(html)
    if not head:
        return html
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    policy = _policy(page, untrusted, styles)
    meta = f'\n    <meta http-equiv="{META_NAME}" content="{policy}">'
    # = html[:at] + meta + html[at:] in one copy of the page instead of two (the page's first
    # "<head…>" text is this one: an earlier one would have been found)
    opening = html[head.start():at]
    return html.replace(opening, opening + meta, 1)


def header_policy(pages: Iterable[str]) -> str:
    """One policy for an HTTP header covering every page in `pages` (their meta policies' hashes
    united), with the header-only directives."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    inline_styles = False
    for html in pages:
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        if not meta:
            continue
        for directive in meta.group(1).split(";"):
            name, *values = directive.split()
            target = scripts if name == "script-src" else styles if name == "style-src" else None
            if target is not None:
                target.update((v, None) for v in values if v.startswith("'sha256-"))
            inline_styles |= name == "style-src" and INLINE_STYLES in values
    return _join(BASE_DIRECTIVES + HEADER_ONLY_DIRECTIVES, InlineCode(tuple(scripts), tuple(styles)),
                 inline_styles)


_RAW_CODE = re.compile(r"<(script|style)\b", re.IGNORECASE)


def raw_code_lines(markdown: str) -> list[tuple[int, str]]:
    """(1-based line, element name) of each raw `<script>`/`<style>` tag in a Markdown source
    outside fenced code and code spans: code the policy blocks, worth telling the author."""
    if not _RAW_CODE.search(markdown):  # most pages: no such tag anywhere, nothing to place
        return []
    found = []
    for idx, line in outside_fences(markdown.splitlines()):
        for m in _RAW_CODE.finditer(mask_code_spans(line)):
            found.append((idx + 1, m.group(1).lower()))
    return found


def main(argv: list[str]) -> int:
    """`python -m sitedocs.csp SITE_DIR`: print the header policy for a built site."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m sitedocs.csp SITE_DIR  (a built site, e.g. site/)", file=sys.stderr)
        return 2
    pages = (p.read_text(encoding="utf-8") for p in sorted(Path(argv[0]).rglob("*.html")))
    print(f"Content-Security-Policy: {header_policy(pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

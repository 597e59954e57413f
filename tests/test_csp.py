"""#26: the Content-Security-Policy of each page (sitedocs/csp.py, hooks/csp_plugin.py), without a
browser: the pure functions, every page of the real site, and a tiny site whose Markdown holds a
raw <script>. The browser side (nothing blocked that the site needs, hostile content inert) is in
tests/test_csp_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from conftest import build_tiny_site, mkdocs_build
from graph.vocabulary import OUTPUTS
from sitedocs import csp
from sitedocs.csp import (
    hash_source,
    header_policy,
    injected_style_hashes,
    inline_code,
    main,
    page_policy,
    raw_code_lines,
    with_policy,
)
from views.render import vis_source

VIS_STYLES = set(injected_style_hashes(vis_source().read_text(encoding="utf-8")))
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        assert name not in out, f"{name} twice in {policy}"
        out[name] = values
    return out


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hash_source_is_the_browsers_sha256_of_the_utf8_text() -> None:
    # the value Chromium prints for `<script>alert(1)</script>` in its CSP error
    assert hash_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert hash_source("x='第1層'") == sha("x='第1層'")


def test_inline_code_hashes_executable_scripts_and_styles_only() -> None:
    html = ('<script>a()</script><script src="x.js"></script><SCRIPT type="module">b()</SCRIPT>'
            '<script type="application/json">{"c": 1}</script><script>a()</script>'
            '<style>p{color:red}</style><svg><style>g{}</style></svg>')
    code = inline_code(html)
    assert code.scripts == (sha("a()"), sha("b()"))
    assert code.styles == (sha("p{color:red}"), sha("g{}"))


def test_page_policy_is_strict_and_leaves_out_untrusted_code() -> None:
    html = "<head></head><body><script>ours()</script><script>theirs()</script></body>"
    policy = directives(page_policy(html, {sha("theirs()")}))
    assert policy["script-src"] == ["'self'", sha("ours()")]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    values = [v for vs in policy.values() for v in vs]
    assert not [v for v in values if "unsafe" in v or v.startswith(("http", "*")) or v == "https:"]


def test_with_policy_goes_after_charset_before_any_script_and_is_replaced_not_doubled() -> None:
    html = ('<!doctype html><html><head>\n  <meta charset="utf-8">\n  <script>x()</script>'
            '<style>a{}</style></head><body></body></html>')
    once = with_policy(html)
    assert once.index('<meta charset="utf-8">') < once.index("Content-Security-Policy") < once.index("<script>")
    assert with_policy(once) == once
    assert len(META.findall(once)) == 1
    assert with_policy("<p>no head</p>") == "<p>no head</p>"


def test_header_policy_unites_the_pages_and_adds_frame_ancestors() -> None:
    a = with_policy("<head></head><script>a()</script>")
    b = with_policy("<head></head><script>b()</script><style>s{}</style>")
    policy = directives(header_policy([a, b, "<p>no policy</p>"]))
    assert policy["script-src"] == ["'self'", sha("a()"), sha("b()")]
    assert policy["style-src"] == ["'self'", sha("s{}")]
    assert policy["frame-ancestors"] == ["'none'"]


def test_header_command_prints_one_header(tmp_path: Path, capsys) -> None:
    (tmp_path / "index.html").write_text(with_policy("<head></head><script>a()</script>"), encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content-Security-Policy: default-src 'self'; script-src 'self' " + sha("a()"))
    assert main([str(tmp_path / "missing")]) == 2


def test_raw_code_lines_skip_code() -> None:
    text = ("# T\n\n<script>x()</script>\n\n`<script>` is a tag\n\n```html\n<style>a{}</style>\n```\n"
            "<STYLE>b{}</STYLE>\n")
    assert raw_code_lines(text) == [(3, "script"), (10, "style")]


def test_every_page_of_the_real_site_allows_exactly_its_own_inline_code(real_site: Path) -> None:
    """A new inline script (a template change, a plugin) without its hash fails here."""
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, path
        head = html[:html.index("</head>")]
        first_script = head.find("<script")
        assert first_script == -1 or head.index("Content-Security-Policy") < first_script, path
        assert head.index("Content-Security-Policy") < head.find("<style") or "<style" not in head
        policy = directives(metas[0])
        wanted = set()
        for attrs, body in SCRIPT.findall(html):
            kind = re.search(r'type="([^"]*)"', attrs)
            if "src=" in attrs or (kind and kind.group(1) not in ("text/javascript", "module")):
                continue  # loaded from a file, or a data block (JSON, JSON-LD): not run
            wanted.add(sha(body))
        assert set(policy["script-src"]) == {"'self'"} | wanted, path
        if '<figure class="cm-diagram">' in html:  # Mermaid's run-time styles: inline styles only
            assert policy["style-src"] == ["'self'", "'unsafe-inline'"], path
        else:
            library = VIS_STYLES if OUTPUTS.vis in html else set()  # what vis-network injects
            assert set(policy["style-src"]) == {"'self'"} | library | {sha(s) for s in re.findall(
                r"<style\b[^>]*>(.*?)</style>", html, re.DOTALL)}, path
            assert "unsafe-inline" not in metas[0], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], path
        assert "unsafe-inline" not in " ".join(policy["script-src"]) and "unsafe-eval" not in metas[0], path
        assert "http" not in metas[0], path  # no third-party origin
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html[html.index("<body"):]), path


RAW = """---
title: T
---
# Page

<script>window.fromMarkdown = 1</script>
<style>body{display:none}</style>
"""


def test_raw_script_in_markdown_is_left_out_of_the_policy_and_named(tmp_path: Path) -> None:
    config = "site_name: t\ntheme: {name: material}\nplugins:\n  - search\n  - concept-map/csp\n"
    site = build_tiny_site(tmp_path, {"index.md": RAW, "other.md": "# Other\n"}, config, strict=False)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>window.fromMarkdown = 1</script>" in html  # present, but not allowed:
    policy = directives(META.findall(html)[0])
    assert sha("window.fromMarkdown = 1") not in policy["script-src"]
    assert sha("body{display:none}") not in policy["style-src"]
    assert len(policy["script-src"]) > 2  # Material's own inline scripts are allowed
    assert META.findall((site / "404.html").read_text(encoding="utf-8"))  # the theme's 404 page too
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site2", strict=True)
    assert result.returncode == 1
    assert "index.md:6: Markdown に生の <script> があります" in result.stderr
    assert "index.md:7: Markdown に生の <style> があります" in result.stderr


def test_injected_style_hashes_find_css_string_literals() -> None:
    js = ('function A(g){var s=document.createElement("style");s.appendChild(document.createTextNode(g))}'
          'A(".vis-overlay{bottom:0;left:0}");A(\'div.vis-tip{content:"\\u2014";color:red}\');'
          'var x="not css at all, just text";')
    assert injected_style_hashes("var x = 'no css';") == ()
    assert injected_style_hashes(js) == (sha(""), sha(".vis-overlay{bottom:0;left:0}"),
                                         sha('div.vis-tip{content:"—";color:red}'))
    html = "<head></head><body></body>"
    assert directives(with_policy(html, styles=[sha("a{b:c}")]).split('content="')[1].split('"')[0])[
        "style-src"] == ["'self'", sha("a{b:c}")]


def test_the_scan_finds_what_the_pattern_without_its_lookahead_finds() -> None:
    """_SCAN's lookahead only skips work: every case form of script/style (ſ matches s ignoring
    case), the policy meta tag and a diagram are still found, the same as without it."""
    plain = re.compile(csp._SCAN.pattern.replace(csp._SCAN.pattern[:csp._SCAN.pattern.index("(?:")], "<", 1))
    assert plain.pattern != csp._SCAN.pattern
    html = ("<ScRiPt>a()</script><STYLE>p{}</STYLE><ſcript>b()</ſcript><ſtyle>x</style><span>s</span>"
            '<meta http-equiv="Content-Security-Policy" content="x"><figure class="cm-diagram"></figure>'
            "<svg><style>g{}</style></svg><m><f>")
    assert [m.span() for m in csp._SCAN.finditer(html)] == [m.span() for m in plain.finditer(html)]
    assert len(list(csp._SCAN.finditer(html))) == 7


def test_the_navigations_end_is_found_before_the_content_whatever_the_content_holds() -> None:
    """The sidebar's end is looked for backwards from the content (csp.CONTENT_START): a marker the
    Markdown's HTML fakes in the content changes nothing; faking both markers can only leave the
    page's own code between them out, never let the Markdown's code in."""
    def page(content: str) -> str:
        return (f"<html><head><script>head()</script></head><body>{csp.NAV_START}><script>in_nav()</script>"
                f"</div>{csp.NAV_END}><script>toc()</script></div>{csp.CONTENT_START} md-typeset\">"
                f"<script>own()</script>{content}<script>late()</script></article></body></html>")

    plain = csp.page_policy(page(""))
    assert all(sha(c) in plain for c in ("head()", "toc()", "own()", "late()")) and sha("in_nav()") not in plain
    fake_end = f"{csp.NAV_END}><script>evil()</script>"
    untrusted = csp.untrusted_hashes([fake_end])
    policy = csp.page_policy(page(fake_end), untrusted)
    assert all(sha(c) in policy for c in ("head()", "toc()", "own()", "late()")) and sha("evil()") not in policy
    both = f"{csp.NAV_END}><script>evil()</script>{csp.CONTENT_START}\"><script>evil2()</script>"
    policy = csp.page_policy(page(both), csp.untrusted_hashes([both]))
    assert sha("evil()") not in policy and sha("evil2()") not in policy and sha("head()") in policy
    assert set(re.findall(r"'sha256-[^']+'", policy)) <= set(re.findall(r"'sha256-[^']+'", plain))
    # a page without the content element: the end is looked for forwards, as before
    no_content = page("").replace(csp.CONTENT_START, "<article class=\"other")
    assert csp.page_policy(no_content) == plain


def test_a_page_policy_skips_the_navigation_and_can_only_leave_hashes_out() -> None:
    """The primary sidebar (Material's navigation) is not read for a page's policy: code there is
    not allowed, code before and after it is; the untrusted code of the Markdown is read whole, so
    Markdown that fakes the sidebar's markers hides nothing from it (and so lets nothing in)."""
    nav = f'{csp.NAV_START}><script>in_nav()</script><style>n{{}}</style></div>{csp.NAV_END}>'
    html = f"<html><head><script>head()</script></head><body>{nav}<script>after()</script></body></html>"
    policy = csp.page_policy(html)
    assert sha("head()") in policy and sha("after()") in policy
    assert sha("in_nav()") not in policy and sha("n{}") not in policy
    assert csp.page_policy(html.replace(csp.NAV_END, "<div>")) == csp.page_policy(html.replace(csp.NAV_START, "<div"))
    assert sha("in_nav()") in csp.page_policy(html.replace(csp.NAV_END, "<div>"))  # no end: all of it
    hostile = f'{csp.NAV_START}><script>evil()</script>{csp.NAV_END}>'  # in the Markdown's HTML
    untrusted = csp.untrusted_hashes([hostile])
    assert sha("evil()") in untrusted
    page = html.replace("<script>after()</script>", hostile)
    assert sha("evil()") not in csp.page_policy(page, untrusted)

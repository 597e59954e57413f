"""MkDocs hook: a Content-Security-Policy meta tag on every page (thin wrapper around `sitedocs.csp`).

on_page_content (first, right after Markdown) notes the inline scripts and styles written in the
Markdown and the front matter — the policy leaves them out, so they never run — and warns with
file:line; on_post_page (last of all, on the final HTML) adds the policy with the hashes of the
page's own inline scripts and styles (and of the stylesheets vis-network injects, on pages that
load it); on_post_template does the same for 404.html.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from graph.vocabulary import OUTPUTS
from sitedocs.csp import injected_style_hashes, raw_code_lines, untrusted_hashes, with_policy
from views.render import vis_source

log = get_plugin_logger("csp")
_untrusted: set[str] = set()  # hashes of inline code from Markdown/front matter, this build
_vis_styles: list[str] = []  # the stylesheets vis-network injects (pages that load it allow them)


def on_config(config, **kwargs):
    _untrusted.clear()  # mkdocs serve keeps this module between rebuilds
    _vis_styles[:] = injected_style_hashes(vis_source().read_text(encoding="utf-8"))


def _styles(html: str) -> list[str]:
    """Library stylesheets the page may inject: vis-network's where the page loads it (the map
    page's script, a chapter's preload for its local map)."""
    return _vis_styles if OUTPUTS.vis in html else []


@event_priority(100)  # the HTML of the Markdown itself, before any hook adds its own markup
def on_page_content(html, page, config, files, **kwargs):
    meta = [str(v) for v in (page.meta or {}).values() if isinstance(v, str)]
    _untrusted.update(untrusted_hashes([html, str(page.title or ""), *meta]))
    for line, name in raw_code_lines(page.file.content_string):
        log.warning(f"{page.file.src_uri}:{line}: Markdown に生の <{name}> があります。"
                    "Content-Security-Policy により実行・適用されません（スクリプトとスタイルは "
                    "docs/assets/ に置き、テンプレートから読み込みます）")
    return html


@event_priority(-100)  # after every other change to the page: the hashes are of the final HTML
def on_post_page(output, page, config, **kwargs):
    return with_policy(output, _untrusted, _styles(output))


@event_priority(-100)
def on_post_template(output_content, template_name, config, **kwargs):
    if template_name.endswith(".html"):
        return with_policy(output_content, _untrusted, _styles(output_content))
    return output_content

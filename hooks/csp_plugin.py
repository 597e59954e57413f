"""MkDocs plugin `concept-map/csp`: a Content-Security-Policy meta tag on every page (thin wrapper
around `sitedocs.csp`).

    plugins:
      - concept-map/csp:
          enabled: true        # false: no policy (a test builds the hostile site without it)

on_config starts a build afresh (the instance lives through `mkdocs serve`); on_page_content
(first, right after Markdown) notes the inline scripts and styles written in the Markdown and the
front matter — the policy leaves them out, so they never run — and warns with file:line;
on_post_page (last of all, on the final HTML) adds the policy with the hashes of the page's own
inline scripts and styles (and of the stylesheets vis-network injects, on pages that load it);
on_post_template does the same for 404.html.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from graph.vocabulary import OUTPUTS
from sitedocs.csp import injected_style_hashes, raw_code_lines, untrusted_hashes, with_policy
from views.render import vis_source

log = get_plugin_logger("csp")


class CspConfig(base.Config):
    """The plugin's options (validated by MkDocs: a wrong type is a config error naming it)."""

    enabled = c.Type(bool, default=True)


class CspPlugin(BasePlugin[CspConfig]):
    """State of one build on the instance (reset in on_config)."""

    def __init__(self) -> None:
        self.untrusted: set[str] = set()  # hashes of inline code from Markdown/front matter, this build
        self.vis_styles: list[str] = []  # the stylesheets vis-network injects (pages that load it allow them)

    def on_startup(self, *, command, dirty) -> None:  # keeps this instance through `mkdocs serve`
        pass

    def on_config(self, config):
        self.untrusted = set()
        self.vis_styles = list(injected_style_hashes(vis_source().read_text(encoding="utf-8")))
        return config

    def _styles(self, html: str) -> list[str]:
        """Library stylesheets the page may inject: vis-network's where the page loads it (the map
        page's script, a chapter's preload for its local map: both in the page's content, which
        on_post_page passes instead of the whole page, a tenth of its size or less)."""
        return self.vis_styles if OUTPUTS.vis in html else []

    @event_priority(100)  # the HTML of the Markdown itself, before any plugin adds its own markup
    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        meta = [str(v) for v in (page.meta or {}).values() if isinstance(v, str)]
        self.untrusted.update(untrusted_hashes([html, str(page.title or ""), *meta]))
        for line, name in raw_code_lines(page.file.content_string):
            log.warning(f"{page.file.src_uri}:{line}: Markdown に生の <{name}> があります。"
                        "Content-Security-Policy により実行・適用されません（スクリプトとスタイルは "
                        "docs/assets/ に置き、テンプレートから読み込みます）")
        return html

    @event_priority(-100)  # after every other change to the page: the hashes are of the final HTML
    def on_post_page(self, output, *, page, config):
        if not self.config.enabled:
            return output
        return with_policy(output, self.untrusted, self._styles(page.content or ""))

    @event_priority(-100)
    def on_post_template(self, output_content, *, template_name, config):
        if self.config.enabled and template_name.endswith(".html"):
            return with_policy(output_content, self.untrusted, self._styles(output_content))
        return output_content

"""MkDocs plugin `concept-map/changelog`: the generated 更新履歴 page (changelog.md) from the git history of docs/.

Thin: sitedocs.history reads git and writes the Markdown; this adds it as a generated file in
on_files, before the navigation is built (mkdocs.yml's nav lists changelog.md).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from graph.vocabulary import CHANGELOG_SRC
from sitedocs.history import history_markdown, read_history

log = get_plugin_logger("changelog")
PAGE = CHANGELOG_SRC


class ChangelogPlugin(BasePlugin):
    """Stateless: the page is made again in each build."""

    def on_files(self, files, *, config):
        docs = Path(config.docs_dir)
        changes = read_history(docs, docs)
        if changes is None:
            log.info("no git history: 更新履歴 says so")
        existing = {f.src_uri for f in files.documentation_pages()}
        files.append(File.generated(config, PAGE, content=history_markdown(changes, existing, PAGE)))
        return files

"""MkDocs hook: the generated 更新履歴 page (changelog.md) from the git history of docs/.

Thin: sitedocs.history reads git and writes the Markdown; this adds it as a generated file in
on_files, before the navigation is built (mkdocs.yml's nav lists changelog.md).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from sitedocs.history import history_markdown, read_history

log = get_plugin_logger("changelog")
PAGE = "changelog.md"


def on_files(files, config, **kwargs):
    docs = Path(config.docs_dir)
    changes = read_history(docs, docs)
    if changes is None:
        log.info("no git history: 更新履歴 says so")
    existing = {f.src_uri for f in files.documentation_pages()}
    files.append(File.generated(config, PAGE, content=history_markdown(changes, existing, PAGE)))
    return files

"""MkDocs plugin `concept-map/sources`: docs files the build cannot use are reported once and left
out, before any plugin reads them.

A thin plugin over sitedocs.sources: a folder symlink that loops (MkDocs has walked it ~40 levels
deep by now) and every file below it, a symlink to itself or to nothing (the git-revision-date
plugin would stop on an AssertionError), and a Markdown file that is not UTF-8 (MkDocs would stop
with a traceback). Each is one error naming the docs-relative file (and line), so `--strict`
fails; `mkdocs serve` goes on serving the other pages. A UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from sitedocs.sources import check_file, decode_source, looping_folders

log = get_plugin_logger("sources")


class SourcesPlugin(BasePlugin):
    """Stateless: each build checks the files afresh; no options."""

    @event_priority(100)  # before git-revision-date-localized and every other plugin's on_files
    def on_files(self, files, *, config):
        docs = Path(config.docs_dir)
        loops = looping_folders(docs)
        for src in loops:
            log.error(f"{src}: フォルダへのシンボリックリンクが自分を含むフォルダを指しています（循環）。たどりません")
        for file in list(files):
            if any(file.src_uri == loop or file.src_uri.startswith(loop + "/") for loop in loops):
                files.remove(file)
                continue
            problem = check_file(Path(file.abs_src_path), file.src_uri) if file.abs_src_path else None
            if problem is None and file.is_documentation_page() and file.abs_src_path:
                _, problem = decode_source(Path(file.abs_src_path).read_bytes(), file.src_uri)
            if problem is not None:
                log.error(str(problem))
                files.remove(file)
        return files

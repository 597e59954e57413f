"""MkDocs plugin `concept-map/graph`: translates MkDocs events into calls of the pure packages
`graph` (the model) and `views` (its HTML and JSON), and logs the problems they return.

    plugins:
      - concept-map/graph:
          link_report: link-report.json   # optional: the weekly external link report (⚠ markers)

on_config starts a fresh `Build` (the instance lives through `mkdocs serve`; nothing of one build
survives into the next); on_page_markdown renders fact values; on_page_content makes the one
text-level pass over each page (views.page.content_html); on_env, once every page is read, builds
the graph and the per-build indexes, then every chapter's local map and 「関連する層」 block;
on_page_context puts the generated blocks in (one scan of the headings, after the search index has
read the page); on_post_build writes the exports. A
Content-Security-Policy computed from the final HTML belongs to on_post_page (runs after all this).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from facts.load import FactBase, load_facts
from facts.render import render_markdown
from graph.build import mark_link_issues
from graph.export import export_texts, write_exports
from graph.model import PageData, make_resolver
from graph.pages_api import chapter_jsonld, pages_json
from graph.problems import ERROR
from graph.quickref import parse_quick_reference
from graph.related import Related, related_index
from graph.schema import is_chapter, page_id
from graph.site import SiteGraph, SourcePage, build_site_graph
from graph.vocabulary import (
    CUSTOM_MEDIA_PREFIX,
    LAYERS,
    MAP_PAGE_SRC,
    MEDIA,
    OUTPUTS,
    QUICKREF_SRC,
    SCENARIOS_SRC,
    layer_label,
    resolve_custom_media,
    to_css,
)
from linkaudit.health import LinkIssue, read_report
from linkaudit.watch import Seen, changed_sources, cited_changes, read_lock, section_updates, update_marker_html
from search_ja.synonyms import for_scripts as synonyms_for_scripts
from sitedocs.ahead import Ahead
from sitedocs.files import write_atomic
from views.fragments import theme_globals
from views.page import Insertions, content_html
from views.quickref import XrefIndex, concept_cards, defining_headings, quickref_html, xref_html
from views.related import RELATED_ID, RELATED_TITLE, related_html
from views.render import LOCAL_MAP_ID, LOCAL_MAP_TITLE, MapIndex, asset_files, local_block, map_page_html
from views.review import review_lines, review_view
from views.scenarios import step_lists

log = get_plugin_logger("concept_map")
EXPORTS = "\0exports"  # build.views' key of graph.json and graph.graphml (no page's src_uri)


class ConceptMapConfig(base.Config):
    """The plugin's options (validated by MkDocs: a wrong type is a config error naming it)."""

    link_report = c.Optional(c.Type(str))  # relative to mkdocs.yml; a missing file is fine
    sources_lock = c.Optional(c.Type(str))  # sources.lock.json (linkaudit.watch): 出典が更新されました
    # the chapters' local maps and 「関連する層」 blocks made in a forked child while the pages render
    # (sitedocs/ahead.py); false, and under `mkdocs serve`: made here, before the first page
    parallel = c.Type(bool, default=True)


@dataclass
class Build:
    """What one build has gathered (a new one in each on_config)."""

    today: dt.date = field(default_factory=dt.date.today)  # one date for the whole build
    facts: FactBase = field(default_factory=FactBase)  # docs/data/facts.yml (facts.load)
    link_issues: dict[str, LinkIssue] = field(default_factory=dict)  # url -> issue, from link_report
    sources: dict[str, Seen] = field(default_factory=dict)  # url -> last recorded state, from sources_lock
    order: list[str] = field(default_factory=list)  # the navigation's pages, for api/pages.json
    changed: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # src -> its changed sources
    site: SiteGraph | None = None
    pages: dict[str, PageData] = field(default_factory=dict)  # src -> what the graph read of it
    texts: dict[str, str] = field(default_factory=dict)  # src -> its Markdown source, read once in on_env
    # Made from the barrier (on_env) on, one page after the other (_page_views): a third less CPU
    # at 1,000 pages than each in its page's on_page_context, between the rendering of the pages.
    # src -> [the <h2> id its local map goes before, the local map, its 「関連する層」 block];
    # EXPORTS -> the graph's exports (path -> text), made last
    views: Ahead | None = None
    map_index: MapIndex | None = None  # the display graph, once per build
    xref_index: XrefIndex | None = None  # chapters and each page's concepts
    env: object = None  # the theme's Jinja environment: a theme's custom_dir can override fragments
    fragments: dict[tuple, object] = field(default_factory=dict)  # what chapters share of 関連する層 (views.related)


def _resolver(files):
    """Resolve a Markdown link with MkDocs' own file collection."""

    uris = files.src_uris  # keyed by src_uri: a normalised path is found as it is (no PurePath per link)

    def lookup(path: str) -> str | None:
        file = uris.get(path) or files.get_file_from_path(path)
        return file.src_uri if file is not None and file.is_documentation_page() else None

    return make_resolver(lookup)


def _source(files):
    """A site file's text by its site-relative path (None when the site has none)."""

    def read(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return file.content_string if file is not None else None

    return read


def _toc_ids(toc) -> list[str]:
    ids: list[str] = []
    for item in toc:
        ids.append(item.id)
        ids.extend(_toc_ids(item.children))
    return ids


def _base(page) -> str:
    """The relative path from the page to the site root ("" at the root, else ending in "/")."""
    rel = get_relative_url(".", page.url)
    return "" if rel == "." else rel + "/"


def _add_toc_entry(toc, before: str, title: str, anchor: str) -> None:
    """List a generated block in the page's table of contents, before the section it precedes
    (at the end when `before` is "" or not found)."""
    items = toc.items[0].children if toc.items and toc.items[0].level == 1 else toc.items
    entry = AnchorLink(title, anchor, 2)
    at = next((i for i, item in enumerate(items) if item.id == before), len(items))
    items.insert(at, entry)


class ConceptMapPlugin(BasePlugin[ConceptMapConfig]):
    """The concept graph, its views and the per-page passes (see the module docstring)."""

    def __init__(self) -> None:
        self.serving = False
        self.build = Build()

    def on_startup(self, *, command, dirty) -> None:  # keeps this instance through `mkdocs serve`
        self.serving = command == "serve"

    def on_config(self, config):
        self._close_views()
        self.build = build = Build()
        build.facts = load_facts(Path(config.docs_dir), build.today)  # problems: reported in on_env
        if self.config.link_report:  # the weekly external link report, if the build has it
            path = Path(config.config_file_path).parent / self.config.link_report
            build.link_issues, problems = read_report(path)
            for problem in problems:
                log.warning(problem)
        if self.config.sources_lock:  # when each cited 📘 page's main text last changed
            build.sources, problem = read_lock(Path(config.config_file_path).parent / self.config.sources_lock)
            if problem:
                log.warning(problem)
        config.extra["layers"] = {n: {"name": layer.name} for n, layer in LAYERS.items()}  # the layer header
        if OUTPUTS.vocabulary_css not in config.extra_css:  # the vocabulary's custom properties, first
            config.extra_css.insert(0, OUTPUTS.vocabulary_css)
        return config

    def on_files(self, files, *, config):
        """The vocabulary's stylesheet, generated (graph/vocabulary.py to_css); the site's own
        stylesheets with their custom media queries (`@media (--cm-phone)`) resolved from the
        vocabulary's MEDIA (an unknown one is an error naming file:line)."""
        unknown = []
        declared = "、".join(CUSTOM_MEDIA_PREFIX + k for k in MEDIA)
        for file in files:
            if file.src_uri.endswith(".css") and file.abs_src_path:
                css, missing = resolve_custom_media(file.content_string)
                unknown += [f"{file.src_uri}:{line}: メディアクエリ ({name}) は graph/vocabulary.py の "
                            f"MEDIA にありません（あるのは {declared}）" for line, name in missing]
                if css != file.content_string:
                    file.content_string = css
        for problem in unknown:
            log.error(problem)
        if unknown and not self.serving:
            raise PluginError(f"stylesheets: {len(unknown)} unknown custom media quer(ies); "
                              "see the messages above (file:line)")
        files.append(File.generated(config, OUTPUTS.vocabulary_css, content=to_css()))
        return files

    def on_nav(self, nav, *, config, files):
        self.build.order = [p.file.src_uri for p in nav.pages]
        return nav

    @event_priority(110)  # first: every later reader (search, llms copies, the 早見表) sees values, not syntax
    def on_page_markdown(self, markdown, *, page, config, files):
        """Fact values and generated fact tables (facts.render); problems are reported in on_env."""
        return render_markdown(page.file.src_uri, markdown, self.build.facts, self.build.today).text

    def on_page_content(self, html, *, page, config, files):
        """The 早見表 as a tool (rows with ids, filter, badges); then, on every page, one pass for
        marks, Japanese line breaks, link-health markers and task-list checkbox names."""
        build = self.build
        if page.file.src_uri == QUICKREF_SRC:
            text = render_markdown(page.file.src_uri, page.file.content_string, build.facts, build.today,
                                   tables=False).text
            rows, _ = parse_quick_reference(page.file.src_uri, text)  # on_env reports
            html, problems = quickref_html(html, rows, _base(page))
            for problem in problems:
                log.warning(f"{page.file.src_uri}: {problem}")
        return content_html(html, build.link_issues)

    @event_priority(-50)  # after every plugin's on_env: the barrier where all pages have been read
    def on_env(self, env, *, config, files):
        build = self.build
        sources = []
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            sources.append(SourcePage(
                src=file.src_uri, text=file.content_string, url=file.url, title=page.title,
                toc_ids=_toc_ids(page.toc), anchors=set(page.present_anchor_ids or ()),
            ))
        site = build_site_graph(sources, _resolver(files), today=build.today, facts=build.facts)
        errors = [p for p in site.problems if p.severity == ERROR]
        for problem in site.problems:
            (log.error if problem.severity == ERROR else log.warning)(str(problem))
        if errors and not self.serving:  # under serve the pages still render (the log says what's wrong)
            raise PluginError(f"concept graph: {len(errors)} problem(s) in the docs; "
                              "see the messages above (file:line)")
        build.site = site
        build.pages = {p.src: p for p in site.pages}
        cited = [cite for issue in build.link_issues.values() for cite in issue.citations]
        mark_link_issues(site.graph, site.pages, cited)  # sections with broken 📘 links, for the map
        build.texts = {s.src: s.text for s in sources}
        build.map_index, build.xref_index = MapIndex.of(site.graph), XrefIndex.of(site.graph)
        build.env = env
        env.globals.update(theme_globals(_source(files)))  # output paths and the modules to preload
        env.filters["layer_label"] = layer_label  # 「第3層」: {{ n | layer_label }}, as views/fragments.py
        # forked here, before the search plugin's worker (on_env at -60) holds a pipe the child would inherit
        self._page_views(files, env)
        return env

    def _page_views(self, files, env) -> None:
        """Each chapter's local map and 「関連する層」 block, made in page order, then the graph's exports
        (build.views)."""
        build = self.build
        site = build.site
        pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
        related: dict[str, Related] | None = None

        def views(src: str) -> tuple[str, str, str]:
            # the 「関連する層」 index is read here only: not kept on the build, whose objects every
            # garbage collection of the pages' rendering walks (at 1,000 pages, ~16,000 entries)
            nonlocal related
            page = pages.get(src)
            if page is None:  # not a documentation page of on_env (a draft `mkdocs serve` renders)
                return "", "", ""
            base = _base(page)
            anchor, local = local_block(site.graph, src, base, env, build.map_index)
            block = ""
            if is_chapter(page.meta):
                if related is None:
                    related = related_index(site.graph, build.texts)
                block = related_html(related.get(src, Related()), base, env, build.fragments)
            return anchor, local, block

        def value(key: str):
            return export_texts(site.graph) if key == EXPORTS else views(key)

        # the exports last: on_post_build writes them
        build.views = Ahead([*pages, EXPORTS], value, parallel=self.config.parallel and not self.serving)

    def _close_views(self) -> None:
        views, self.build.views = self.build.views, None
        if views is not None:
            views.close()
            if views.problem:
                log.info("concept map: the chapters' views were made in the build instead: %s", views.problem)

    def on_build_error(self, *, error):
        self._close_views()

    def on_shutdown(self):
        self._close_views()

    def on_page_context(self, context, *, page, config, nav):
        build = self.build
        site = build.site
        if site is None:
            return context
        src, base = page.file.src_uri, _base(page)
        chapter = is_chapter(page.meta)
        blocks = Insertions()
        data = build.pages.get(src)
        if data is not None and chapter:  # 最終確認 in the layer header, per section
            self._layer_header(page, config, data)
            blocks.under(review_lines({s.anchor: review_view(s.review, build.today)
                                       for s in data.sections if s.own_review}))
            changes = cited_changes(build.texts[src], [
                (s.anchor, s.line, s.review.date.isoformat()) for s in data.sections if s.review],
                build.sources)
            build.changed[src] = changed_sources(src, changes)  # api/pages.json, at on_post_build
            blocks.under({anchor: update_marker_html(date) for anchor, date in section_updates(changes).items()})
        if src == MAP_PAGE_SRC:  # the map's data and its text version
            page.content = map_page_html(page.content, site.graph, base)
        anchor, local, related = build.views.get(src) if build.views is not None else ("", "", "")
        if local:  # a chapter's local map, before its first section
            blocks.before[anchor] = local
            _add_toc_entry(page.toc, anchor, LOCAL_MAP_TITLE, LOCAL_MAP_ID)
        if chapter:
            if related:
                blocks.end.append(related)
                _add_toc_entry(page.toc, "", RELATED_TITLE, RELATED_ID)  # last, like the block
            blocks.under(xref_html(site.graph, src, base, build.xref_index))
        if src == SCENARIOS_SRC:  # a layer badge and a map link on each step (views/scenarios.py)
            blocks.lists.update(step_lists(site.graph.graph.get("scenarios", []), map_url=base + OUTPUTS.map_url))
        page.content = blocks.apply(page.content)
        return context

    def _layer_header(self, page, config, data: PageData) -> None:
        """What partials/content.html shows in a chapter's layer header (page.meta.cm_*)."""
        build = self.build
        page.meta["cm_review"] = review_view(data.review, build.today)
        if page.meta["cm_review"] is not None:
            node = build.site.graph.nodes.get(page_id(data.src), {})
            page.meta["cm_review"]["stale_facts"] = len(node.get("stale_facts", "").split())
        page.meta["cm_owner"] = data.owner
        page.meta["cm_jsonld"] = chapter_jsonld(
            data, url=page.canonical_url or page.url, site_name=config.site_name,
            site_url=config.site_url or "",
            date_modified=page.meta.get("git_revision_date_localized_raw_iso_date"))

    def on_post_build(self, *, config):
        exports = self.build.views.get(EXPORTS) if self.build.views is not None else None
        self._close_views()
        site_dir = Path(config.site_dir)
        for dest, content in asset_files().items():  # self-hosted vis-network (vendor/, from npm)
            write_atomic(site_dir / dest, content)
        site = self.build.site
        if site is None:
            return
        write_exports(site.graph, site_dir, exports)
        cards = concept_cards(site.graph, [cc.row for cc in site.concepts])
        # One synonym table (search_ja/synonyms.tsv) for the header search, the map search and the
        # 早見表 filter: the groups, and each concept's other names (synonyms, its defining heading).
        cards["synonyms"], aliases = synonyms_for_scripts(
            [c["label"] for c in cards["concepts"]], headings=defining_headings(site.graph, cards))
        for concept, names in zip(cards["concepts"], aliases, strict=True):
            concept["aliases"] = names
        write_atomic(site_dir / OUTPUTS.cards, json.dumps(cards, ensure_ascii=False, separators=(",", ":")))
        write_atomic(site_dir / OUTPUTS.pages_json,
                     pages_json(site, self.build.today, config.site_url or "", self.build.order,
                                self.build.changed))

"""MkDocs hook: translate MkDocs events into calls of the pure `graph` package.

on_config resets state (mkdocs serve keeps this module alive between rebuilds); on_env, once
every page is read, builds the graph and logs its problems; on_page_context adds the
「関連する層」 block to layer chapters; on_post_build writes the exports.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from facts.load import FactBase, load_facts
from facts.render import render_markdown
from graph.build import mark_link_issues
from graph.export import write_exports
from graph.marks import replace_marks
from graph.model import PageData, make_resolver
from graph.pages_api import chapter_jsonld, pages_json
from graph.problems import ERROR
from graph.quickref import parse_quick_reference
from graph.quickref_view import concept_cards, insert_xrefs, quickref_html
from graph.related import RELATED_ID, RELATED_TITLE, Related, related_html, related_index
from graph.render import LOCAL_MAP_ID, LOCAL_MAP_TITLE, asset_files, first_section_anchor, page_html
from graph.review import annotate_sections, review_view
from graph.schema import is_chapter, page_id
from graph.site import SiteGraph, SourcePage, build_site_graph
from graph.vocabulary import LAYERS, OUTPUTS, QUICKREF_SRC, to_css
from linkaudit.health import mark_links, read_report
from sitedocs.files import write_atomic

log = get_plugin_logger("concept_map")

@dataclass
class _State:
    """What one build has gathered; reset in on_config (mkdocs serve reuses this module)."""

    site: SiteGraph | None = None
    related: dict[str, Related] = field(default_factory=dict)  # src -> its 「関連する層」
    pages: dict[str, PageData] = field(default_factory=dict)  # src -> what the graph read of it
    env: object = None  # the theme's Jinja environment: fragments/ templates are overridable
    serving: bool = False  # `mkdocs serve`: report errors but keep serving pages
    link_issues: dict = field(default_factory=dict)  # url -> LinkIssue from extra.link_report
    facts: FactBase = field(default_factory=FactBase)  # docs/data/facts.yml (facts.load)
    today: dt.date = field(default_factory=dt.date.today)  # one date for the whole build
    order: list[str] = field(default_factory=list)  # the navigation's pages, for api/pages.json


_state = _State()


def on_startup(command, **kwargs):
    _state.serving = command == "serve"


def on_config(config, **kwargs):
    _state.site = None
    _state.related = {}
    _state.pages = {}
    _state.today = dt.date.today()
    _state.facts = load_facts(Path(config.docs_dir), _state.today)  # problems: reported in on_env
    report = config.extra.get("link_report")  # the weekly external link report, if the build has it
    _state.link_issues, problems = read_report(Path(config.config_file_path).parent / report) if report else ({}, [])
    for problem in problems:
        log.warning(problem)
    config.extra["layers"] = {n: {"name": layer.name} for n, layer in LAYERS.items()}  # the layer header
    if OUTPUTS.vocabulary_css not in config.extra_css:  # the vocabulary's custom properties, first
        config.extra_css.insert(0, OUTPUTS.vocabulary_css)
    return config


def on_files(files, config, **kwargs):
    """The vocabulary's stylesheet, generated (graph/vocabulary.py to_css)."""
    files.append(File.generated(config, OUTPUTS.vocabulary_css, content=to_css()))
    return files


def _resolver(files):
    """Resolve a Markdown link with MkDocs' own file collection."""

    def lookup(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return file.src_uri if file is not None and file.is_documentation_page() else None

    return make_resolver(lookup)


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


def on_nav(nav, config, files, **kwargs):
    _state.order = [p.file.src_uri for p in nav.pages]
    return nav


@event_priority(110)  # first: every later reader (search, llms copies, the 早見表) sees values, not syntax
def on_page_markdown(markdown, page, config, files, **kwargs):
    """Fact values and generated fact tables (facts.render); problems are reported in on_env."""
    return render_markdown(page.file.src_uri, markdown, _state.facts, _state.today).text


def on_page_content(html, page, config, files, **kwargs):
    """The 早見表 as a tool (rows with ids, filter, badges), then ✅ 🔧 📘 🔗 as badges everywhere."""
    if page.file.src_uri == QUICKREF_SRC:
        text = render_markdown(page.file.src_uri, page.file.content_string, _state.facts, _state.today,
                               tables=False).text
        rows, _ = parse_quick_reference(page.file.src_uri, text)  # on_env reports
        html, problems = quickref_html(html, rows, _base(page))
        for problem in problems:
            log.warning(f"{page.file.src_uri}: {problem}")
    return replace_marks(mark_links(html, _state.link_issues))  # ⚠ after 📘 links the report found broken


@event_priority(-50)  # after every plugin's on_env: the barrier where all pages have been read
def on_env(env, config, files, **kwargs):
    sources = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        sources.append(SourcePage(
            src=file.src_uri, text=file.content_string, url=file.url, title=page.title,
            toc_ids=_toc_ids(page.toc), anchors=set(page.present_anchor_ids or ()),
        ))
    site = build_site_graph(sources, _resolver(files), today=_state.today, facts=_state.facts)
    errors = [p for p in site.problems if p.severity == ERROR]
    for problem in site.problems:
        (log.error if problem.severity == ERROR else log.warning)(str(problem))
    if errors and not _state.serving:  # under serve the pages still render (the log says what's wrong)
        raise PluginError(f"concept graph: {len(errors)} problem(s) in the docs; "
                          "see the messages above (file:line)")
    _state.site = site
    _state.pages = {p.src: p for p in site.pages}
    cited = [c for issue in _state.link_issues.values() for c in issue.citations]
    mark_link_issues(site.graph, site.pages, cited)  # sections with broken 📘 links, for the map
    _state.related = related_index(site.graph, {s.src: s.text for s in sources})
    _state.env = env
    env.globals["cm_outputs"] = asdict(OUTPUTS)  # templates link to outputs by the vocabulary's paths
    return env


def on_page_context(context, page, config, nav, **kwargs):
    site = _state.site
    if site is None:
        return context
    base = _base(page)
    chapter = is_chapter(page.meta)
    data = _state.pages.get(page.file.src_uri)
    if data is not None and chapter:  # 最終確認 in the layer header, per section
        today = _state.today
        page.meta["cm_review"] = review_view(data.review, today)
        if page.meta["cm_review"] is not None:
            node = site.graph.nodes.get(page_id(data.src), {})
            page.meta["cm_review"]["stale_facts"] = len(node.get("stale_facts", "").split())
        page.meta["cm_owner"] = data.owner
        own = {s.anchor: review_view(s.review, today) for s in data.sections if s.own_review}
        page.content = annotate_sections(page.content, own)
        page.meta["cm_jsonld"] = chapter_jsonld(
            data, url=page.canonical_url or page.url, site_name=config.site_name,
            site_url=config.site_url or "",
            date_modified=page.meta.get("git_revision_date_localized_raw_iso_date"))
    # concept map: data + text version on its page, local map on chapters
    page.content = page_html(page.content, site.graph, page.file.src_uri, base, _state.env)
    if LOCAL_MAP_ID in page.content:
        _add_toc_entry(page.toc, first_section_anchor(site.graph, page.file.src_uri),
                       LOCAL_MAP_TITLE, LOCAL_MAP_ID)
    if chapter:
        block = related_html(_state.related.get(page.file.src_uri, Related()), base, _state.env)
        if block:
            page.content += block
            _add_toc_entry(page.toc, "", RELATED_TITLE, RELATED_ID)  # last, like the block
        page.content = insert_xrefs(page.content, site.graph, page.file.src_uri, base)
    page.content = replace_marks(page.content)  # marks in generated blocks too (idempotent)
    return context


def _add_toc_entry(toc, before: str, title: str, anchor: str) -> None:
    """List a generated block in the page's table of contents, before the section it precedes
    (at the end when `before` is "" or not found)."""
    items = toc.items[0].children if toc.items and toc.items[0].level == 1 else toc.items
    entry = AnchorLink(title, anchor, 2)
    at = next((i for i, item in enumerate(items) if item.id == before), len(items))
    items.insert(at, entry)


def on_post_build(config, **kwargs):
    for dest, content in asset_files().items():  # self-hosted vis-network (vendor/, from npm)
        write_atomic(Path(config.site_dir) / dest, content)
    site = _state.site
    if site is None:
        return
    write_exports(site.graph, Path(config.site_dir))
    cards = concept_cards(site.graph, [c.row for c in site.concepts])
    text = json.dumps(cards, ensure_ascii=False, separators=(",", ":"))
    write_atomic(Path(config.site_dir) / OUTPUTS.cards, text)
    write_atomic(Path(config.site_dir) / OUTPUTS.pages_json,
                 pages_json(site, _state.today, config.site_url or "", _state.order))

"""Validate pages and the 早見表's concepts against each other: problems are returned, never logged.

Contributors' mistakes the build must catch (file:line; new checks speak Japanese):
- a 早見表 row must link to an existing section of a layer chapter, in one of its ✅ layers;
- a row marking '-' at layer N while a chapter of layer N links to the row's defining section;
- a page under docs/layers/ without `layer`, a layer chapter without `reviewed`;
- a link to a missing anchor of another page (with a "did you mean" when one is close);
- a cross-layer link into a heading whose id is generated from its title (warning: the id
  changes when the heading does).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .model import Concept, PageData
from .problems import MISSING_TARGET, WARNING, Problem
from .quickref import LAYER_COLUMNS
from .review import REVIEWED_KEY
from .schema import CHAPTER_DIR, DEFINE, LAYER_KEY, USE
from .vocabulary import MARKS, layer_label

MARK_INCONSISTENT = "mark-inconsistent"
BROKEN_ANCHOR = "broken-anchor"
GENERATED_ID = "generated-id"
CHAPTER_META = "chapter-meta"


def validate_concepts(quickref_src: str, concepts: list[Concept],
                      pages: list[PageData]) -> list[Problem]:
    """Each concept must link to an existing section (page + anchor) of a layer chapter, that
    chapter's layer must be one of the row's ✅, and every layer whose chapters link to the
    section must be marked (✅ or 🔧) in the row."""
    by_src = {p.src: p for p in pages}
    linked = _first_links(pages)
    problems = []
    for concept in concepts:
        row = concept.row
        page = by_src.get(concept.dest or "")
        where = f"concept '{row.label}' links to '{row.target}'"
        if page is None:
            problems.append(Problem(quickref_src, row.line, f"{where}, which is not a page of the site",
                                    MISSING_TARGET))
        elif page.layer_invalid:
            continue  # the page's own `layer` problem is reported already
        elif page.layer is None:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}, which is not a layer chapter (no 'layer' front matter)",
                                    MISSING_TARGET))
        elif not concept.anchor:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}: link to the section that explains it (add #anchor)"))
        elif concept.anchor not in page.anchors:
            problems.append(Problem(quickref_src, row.line,
                                    f"{where}, but {page.src} has no anchor '#{concept.anchor}'",
                                    MISSING_TARGET))
        else:
            problems.extend(_marks_agree(quickref_src, concept, page, linked))
    return problems


def _first_links(pages: list[PageData]) -> dict[tuple[str, str], dict[int, tuple[str, int]]]:
    """(dest src, anchor) -> layer -> (src, line) of the first link from a chapter of that layer,
    in page and link order: one pass over every link instead of one per 早見表 row."""
    out: dict[tuple[str, str], dict[int, tuple[str, int]]] = {}
    for other in pages:
        if other.layer is None:
            continue
        for link in other.links:
            out.setdefault((link.dest, link.anchor), {}).setdefault(other.layer, (other.src, link.line))
    return out


def _layer_names(layer: int) -> str:
    return "・".join(name for name, (n, _) in LAYER_COLUMNS.items() if n == layer)


def _marks_agree(quickref_src: str, concept: Concept, page: PageData,
                 linked: dict[tuple[str, str], dict[int, tuple[str, int]]]) -> list[Problem]:
    row = concept.row
    defined = {m.layer for m in row.marks if m.kind == DEFINE}
    marked = {m.layer for m in row.marks}
    problems = []
    if page.layer not in defined:
        where = "・".join(layer_label(n) for n in sorted(defined))
        problems.append(Problem(
            quickref_src, row.line,
            f"概念「{row.label}」の {MARKS[DEFINE].symbol} は{where}ですが、リンク先 {row.target} は"
            f"{layer_label(page.layer)}の章です（{MARKS[DEFINE].symbol} をリンク先の層に付けるか、その層の節へ"
            "リンクしてください）", MARK_INCONSISTENT))
    first_link = linked.get((page.src, concept.anchor), {})
    for layer in sorted(set(first_link) - marked):
        src, line = first_link[layer]
        problems.append(Problem(
            quickref_src, row.line,
            f"概念「{row.label}」は{_layer_names(layer)}の列が '-' ですが、{layer_label(layer)}の章 {src}:{line} が"
            f"その節 {row.target} にリンクしています（{MARKS[USE].symbol} を付けてください）", MARK_INCONSISTENT))
    return problems


def validate_pages(pages: list[PageData], quickref_src: str = "") -> list[Problem]:
    """Chapters declare their layer and review date; links reach existing anchors; cross-layer
    links into sections use ids written in the Markdown. (The 早見表's own row links are checked
    by validate_concepts, with the row's context.)"""
    by_src = {p.src: p for p in pages}
    problems: list[Problem] = []
    for page in pages:
        if page.src.startswith(CHAPTER_DIR) and page.layer is None and not page.layer_invalid:
            problems.append(Problem(
                page.src, 1, f"{CHAPTER_DIR} のページにはフロントマター '{LAYER_KEY}: 1〜5' が必要です"
                "（層に属さないページは docs/layers/ の外に置いてください）", CHAPTER_META))
        if page.layer is not None and page.review is None and REVIEWED_KEY not in page.meta_lines:
            problems.append(Problem(
                page.src, page.meta_lines.get(LAYER_KEY, 1),
                f"章のフロントマターに最終確認日 '{REVIEWED_KEY}: YYYY-MM-DD' がありません", CHAPTER_META))
        if page.src != quickref_src:
            problems.extend(_link_problems(page, by_src))
    return problems


def _did_you_mean(anchor: str, anchors: Iterable[str]) -> str:
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.6)
    return f"（もしかして #{close[0]}？）" if close else ""


def _link_problems(page: PageData, by_src: dict[str, PageData]) -> list[Problem]:
    problems = []
    for link in page.links:
        dest = by_src.get(link.dest)
        if dest is None or not link.anchor:
            continue
        if link.anchor not in dest.anchors:
            problems.append(Problem(
                page.src, link.line,
                f"リンク先 {dest.src}#{link.anchor} という見出し（アンカー）はありません"
                + _did_you_mean(link.anchor, dest.anchors), BROKEN_ANCHOR))
            continue
        if dest.layer is None or page.layer is None or dest.layer == page.layer:
            continue
        section = next((s for s in dest.sections if s.anchor == link.anchor), None)
        if section is not None and not section.explicit:
            problems.append(Problem(
                page.src, link.line,
                f"層をまたぐリンク先 {dest.src}#{link.anchor} の id は見出しの文言から作られています。"
                f"見出しを変えると切れるので {dest.src}:{section.line} に {{#{link.anchor}}} を書いてください",
                GENERATED_ID, WARNING))
    return problems

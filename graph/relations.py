"""Relation tables of the layer chapters: how each concept of a layer meets the other layers.

The documented shape (執筆ガイド「関係表」): a Markdown table whose header is

    | 第N層の概念 | 第M層との関係 | … |        (one column per other layer, any order)

Each row starts with a link (or several, joined by ・) to the section(s) of this chapter that
explain the concept; each other cell is a linking phrase (「tools[] と tool_use / tool_result に翻訳
される」), a phrase with links, or `-` (no relation). Layer 4 §6-2 and layer 5 §5 are the models.

`parse_relation_tables` reads them; `relation_edges` turns each phrase into labelled edges of kind
RELATION (graph/vocabulary.py), and `agreement_problems` checks them against the 早見表: a phrase
where the 早見表 row of the same concept has `-` in that layer (both 2A and 2B for layer 2), or a
`-` where it has ✅/🔧, is an error naming both places.

Edges (kind "relation", attributes label / layer / src / line):
- concept → concept when the cell links a section that explains a 早見表 concept;
- concept → section when the cell links another section;
- concept → the chapter node of layer M otherwise. (Not the layer band node: the graph is a
  DiGraph and the concept's ✅/🔧 edge to the band already occupies that pair.)
A row whose link explains no 早見表 concept starts its edges at that section instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from sitedocs.links import MARKDOWN_LINKS, links_in_text, plain_text
from sitedocs.markdown import body_start, outside_fences

from .model import Concept, PageData, Resolver
from .problems import Problem
from .quickref import split_row
from .schema import TABLE_CONCEPTS, concept_node_id, page_id, section_id
from .vocabulary import DEFINE, LAYERS, MARKS, NO_MARK, RELATION, USE, layer_label


def _heading(rest: str) -> re.Pattern:
    """A relation table's heading: a layer named as the site names it (layer_label: 「第3層」),
    its number captured, then `rest`."""
    before, after = layer_label("\0").split("\0")
    number = "(" + "|".join(map(str, sorted(LAYERS))) + ")"
    return re.compile("^" + re.escape(before) + number + re.escape(after + rest) + "$")


_OWN_REST = "の概念"
_OWN = _heading(_OWN_REST)
_OWN_TAIL = layer_label("\0").split("\0")[1] + _OWN_REST  # 「層の概念」: how every such heading ends
_OTHER = _heading("との関係")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class RelationCell:
    layer: int        # the other layer (M)
    text: str         # the phrase as written (Markdown), or "-"
    phrase: str       # its plain text ("" for "-")
    links: tuple[str, ...]  # link targets in the cell, as written


@dataclass
class RelationRow:
    src: str
    line: int
    layer: int               # the chapter's layer (N)
    label: str               # plain text of the first cell
    targets: tuple[str, ...]  # link targets of the first cell, as written
    cells: list[RelationCell] = field(default_factory=list)


def parse_relation_tables(src: str, text: str) -> tuple[list[RelationRow], list[Problem]]:
    """Every row of every relation table in a chapter, and the problems of their shape."""
    if _OWN_TAIL not in text:  # no line can hold a relation table's heading
        return [], []
    lines = text.split("\n")
    offset = body_start(lines)  # where the front matter ends (extract_page has read it)
    visible = dict(outside_fences(lines, offset))
    rows: list[RelationRow] = []
    problems: list[Problem] = []
    i = offset
    while i < len(lines):
        raw = visible.get(i)
        if raw is None or not raw.lstrip().startswith("|") or (i + 1) not in visible \
                or not _SEPARATOR.match(lines[i + 1]):
            i += 1
            continue
        end = i + 2
        while end in visible and lines[end].lstrip().startswith("|"):
            end += 1
        # its first cell 「第N層の概念」 is part of the line (no other table is split into cells)
        header = split_row(raw) if _OWN_TAIL in raw else None
        own = _OWN.match(header[0]) if header else None
        if own:
            got, found = _parse_table(src, header, lines, i, end, int(own.group(1)))
            rows.extend(got)
            problems.extend(found)
        i = end
    return rows, problems


def _parse_table(src: str, header: list[str], lines: list[str], start: int, end: int,
                 own: int) -> tuple[list[RelationRow], list[Problem]]:
    layers: list[int] = []
    for name in header[1:]:
        m = _OTHER.match(name)
        if not m or int(m.group(1)) == own:
            return [], [Problem(src, start + 1, f"関係表の見出し '{name}' は「{layer_label('M')}との関係」"
                                f"（M は {own} 以外の {min(LAYERS)}〜{max(LAYERS)}）にしてください")]
        layers.append(int(m.group(1)))
    rows: list[RelationRow] = []
    problems: list[Problem] = []
    for idx in range(start + 2, end):
        cells = split_row(lines[idx])
        if len(cells) != len(header):
            problems.append(Problem(src, idx + 1, f"関係表の行のセルが {len(cells)} 個あります"
                                    f"（見出しは {len(header)} 個）"))
            continue
        targets = tuple(lk.target for lk in links_in_text(cells[0]) if lk.kind in MARKDOWN_LINKS)
        if not targets:
            problems.append(Problem(src, idx + 1, "関係表の行は、概念を解説する節へのリンクで始めてください"
                                    f"（例: [MCPサーバー](#mcp-server)）。'{cells[0]}'"))
            continue
        row = RelationRow(src, idx + 1, own, plain_text(cells[0]), targets)
        for layer, cell in zip(layers, cells[1:], strict=True):
            value = cell.strip()
            if not value:
                problems.append(Problem(src, idx + 1, f"関係表の{layer_label(layer)}のセルが空です"
                                        f"（関係がなければ {NO_MARK} と書きます）"))
                continue
            links = tuple(lk.target for lk in links_in_text(value) if lk.kind in MARKDOWN_LINKS)
            phrase = "" if value == NO_MARK else plain_text(value)
            row.cells.append(RelationCell(layer, value, phrase, links))
        rows.append(row)
    return rows, problems


def _concepts_by_section(concepts: list[Concept]) -> dict[tuple[str, str], list[Concept]]:
    """The 早見表 rows that link each section: its concept rows; products only where no concept
    row links it (a relation table speaks of concepts; a product row shares its section)."""
    by: dict[tuple[str, str], list[Concept]] = {}
    for c in concepts:
        if c.dest:
            by.setdefault((c.dest, c.anchor), []).append(c)
    for key, found in by.items():
        own = [c for c in found if c.row.table == TABLE_CONCEPTS]
        by[key] = own or found
    return by


def _link_nodes(src: str, target: str, resolve: Resolver,
                by_section: dict[tuple[str, str], list[Concept]]) -> list[tuple[str, Concept | None]]:
    """What a link of `src` stands for in the graph: (node id, concept) of each concept the linked
    section explains, else [(the section's node, or the page's without an anchor, None)]; [] when
    the link resolves to no page."""
    dest, anchor = resolve(src, target)
    if dest is None:
        return []
    found = by_section.get((dest, anchor))
    if found:
        return [(concept_node_id(c.row.id), c) for c in found]
    return [(section_id(dest, anchor) if anchor else page_id(dest), None)]


def _sources(row: RelationRow, resolve: Resolver,
             by_section: dict[tuple[str, str], list[Concept]]) -> list[tuple[str, Concept | None]]:
    """(node id, concept or None) for each link of the row's first cell."""
    return [node for target in row.targets for node in _link_nodes(row.src, target, resolve, by_section)]


def agreement_problems(rows: list[RelationRow], concepts: list[Concept], resolve: Resolver,
                       quickref_src: str) -> list[Problem]:
    """A relation cell and the 早見表 mark of the same concept and layer must agree."""
    by_section = _concepts_by_section(concepts)
    problems = []
    for row in rows:
        for _, concept in _sources(row, resolve, by_section):
            if concept is None:
                continue
            marks = concept.row.marks
            for cell in row.cells:
                here = [m for m in marks if m.layer == cell.layer]
                shown = "・".join(f"{'2' + m.face if m.face else m.layer}{MARKS[m.kind].symbol}"
                                  for m in here) or NO_MARK
                qr = f"{quickref_src}:{concept.row.line}"
                if cell.phrase and not here:
                    problems.append(Problem(row.src, row.line, (
                        f"関係表の「{row.label}」の{layer_label(cell.layer)}は「{cell.phrase}」だが、早見表（{qr}）の"
                        f"「{concept.row.label}」は{layer_label(cell.layer)}が {NO_MARK}。関係があるなら早見表に "
                        f"{MARKS[DEFINE].symbol} か {MARKS[USE].symbol} を、ないなら関係表に {NO_MARK} を書く")))
                elif not cell.phrase and here:
                    problems.append(Problem(row.src, row.line, (
                        f"関係表の「{row.label}」の{layer_label(cell.layer)}は {NO_MARK} だが、早見表（{qr}）の"
                        f"「{concept.row.label}」は{layer_label(cell.layer)}が {shown}。関係を言葉で書くか、"
                        f"早見表を {NO_MARK} にする")))
    return problems


def relation_edges(g: nx.DiGraph, rows: list[RelationRow], concepts: list[Concept],
                   pages: list[PageData], resolve: Resolver) -> int:
    """Add the labelled RELATION edges of `rows` to `g` (where both ends are nodes of `g`);
    return how many were added."""
    by_section = _concepts_by_section(concepts)
    chapter = {}
    for page in sorted(pages, key=lambda p: p.src):
        if page.layer is not None:
            chapter.setdefault(page.layer, page_id(page.src))
    added = 0
    for row in rows:
        for source, _ in _sources(row, resolve, by_section):
            if source not in g:
                continue
            for cell in row.cells:
                if not cell.phrase:
                    continue
                targets = [node for link in cell.links
                           for node, _ in _link_nodes(row.src, link, resolve, by_section)
                           if node in g and node != source]
                if not targets and cell.layer in chapter:
                    targets = [chapter[cell.layer]]
                for target in dict.fromkeys(targets):
                    if g.has_edge(source, target):
                        continue  # never replace a structural or mark edge
                    g.add_edge(source, target, kind=RELATION, label=cell.phrase, layer=cell.layer,
                               src=row.src, line=row.line)
                    added += 1
    return added


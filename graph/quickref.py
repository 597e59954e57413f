"""Parse the 早見表 (docs/quick-reference.md): the technology × layer matrix.

A table whose header has a 技術/概念 column is a matrix. Its layer columns are 第1層, 第2層A,
第2層B, 第3層, 第4層, 第5層 (any order); 備考 is optional. Each concept row starts with a link to
the section that explains it; each layer cell holds a relation mark of graph/vocabulary.py
(✅ defined, 🔧 used / affected) or -.
A bold label with empty cells is a category row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitedocs.links import LINK, MdLink, link_spans
from sitedocs.markdown import outside_fences

from .markdown import _HEADING, plain_text, split_front_matter
from .problems import Problem
from .schema import TABLE_CONCEPTS, TABLE_PRODUCTS
from .vocabulary import DEFINE, MARKS, NO_MARK

LABEL_COLUMN = "技術/概念"
NOTE_COLUMN = "備考"
LAYER_COLUMNS: dict[str, tuple[int, str]] = {
    "第1層": (1, ""),
    "第2層A": (2, "A"),
    "第2層B": (2, "B"),
    "第3層": (3, ""),
    "第4層": (4, ""),
    "第5層": (5, ""),
}
# What a layer cell may hold: a relation mark's symbol (✅ 🔧 …) or NO_MARK.
CELL_VALUES: dict[str, str | None] = {**{m.symbol: k for k, m in MARKS.items() if m.relation}, NO_MARK: None}
CELL_CHOICES = ", ".join(k for k, v in CELL_VALUES.items() if v) + f" or {NO_MARK}"  # "✅, 🔧 or -"
_VARIATION_SELECTORS = dict.fromkeys(map(ord, "\ufe0e\ufe0f"))  # ✅ and ✅️ look the same: accept both


def normalize_mark(cell: str) -> str:
    """The cell without emoji/text variation selectors (U+FE0F, U+FE0E)."""
    return cell.translate(_VARIATION_SELECTORS).strip()


def code_points(text: str) -> str:
    """'U+2705 U+FE0F' — what a cell holds, for messages about marks that look right but aren't."""
    return " ".join(f"U+{ord(c):04X}" for c in text)
_CATEGORY = re.compile(r"^\*\*(?P<label>[^*]+)\*\*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass
class CellMark:
    """A relation mark in one layer cell of a row."""

    layer: int
    face: str  # "A"/"B" for layer 2 columns, "" otherwise
    kind: str  # a relation mark's key (graph.vocabulary.RELATIONS): "define", "use", …


@dataclass
class ConceptRow:
    id: str
    label: str
    target: str  # the link's target as the site reads it (sitedocs.links), relative to quick-reference.md
    marks: list[CellMark]
    note: str
    category: str
    table: str  # "concepts" or "products"
    line: int


def concept_id(label: str) -> str:
    """The concept's id: the label before any bracket, lower-cased, spaces to hyphens."""
    head = re.split(r"[（(]", label, maxsplit=1)[0].strip() or label.strip()
    slug = re.sub(r"[\s/・]+", "-", head.lower())
    slug = re.sub(r"[^\w\-.]", "", slug)
    return slug.strip("-.") or "concept"


def leading_link(cell: str) -> MdLink | None:
    """The link a 早見表 label cell starts with, read by the site's one link grammar
    (sitedocs.links: titles, angle brackets and nested parentheses as Python-Markdown renders
    them, so the row's target is the link the graph and the link checker read); None when the
    cell does not start with an inline link."""
    spans = link_spans(cell.strip())
    if not spans:
        return None
    start, _, link = spans[0]
    return link if start == 0 and link.kind == LINK and link.target and link.text.strip() else None


def split_row(line: str) -> list[str]:
    """Split a Markdown table row into cells (escaped pipes and pipes in code spans kept)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells, current, in_code = [], [], False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    return cells


def parse_quick_reference(src: str, text: str) -> tuple[list[ConceptRow], list[Problem]]:
    """Return every concept row of every matrix table in the 早見表, and the problems found."""
    _, _, offset, problems = split_front_matter(src, text)
    rows: list[ConceptRow] = []
    lines = text.split("\n")
    visible = dict(outside_fences(lines, offset))  # the shared fence rule: code is never a row
    heading, i = "", offset
    while i < len(lines):
        raw = visible.get(i)
        if raw is None:
            i += 1
            continue
        hm = _HEADING.match(raw)
        if hm:
            heading = plain_text(hm.group(2))
        if raw.lstrip().startswith("|") and (i + 1) in visible and _SEPARATOR.match(lines[i + 1]):
            header = split_row(raw)
            end = i + 2
            while end in visible and lines[end].lstrip().startswith("|"):
                end += 1
            if LABEL_COLUMN in header:
                table = TABLE_PRODUCTS if "製品" in heading else TABLE_CONCEPTS
                got, probs = _parse_table(src, header, lines, i, end, table)
                rows.extend(got)
                problems.extend(probs)
            i = end
            continue
        i += 1
    rows, duplicates = _first_occurrences(src, rows)
    problems.extend(duplicates)
    return rows, problems


def _parse_table(
    src: str, header: list[str], lines: list[str], start: int, end: int, table: str
) -> tuple[list[ConceptRow], list[Problem]]:
    problems: list[Problem] = []
    header_line = start + 1
    known = {LABEL_COLUMN, NOTE_COLUMN, *LAYER_COLUMNS}
    for name in header:
        if name not in known:
            problems.append(Problem(src, header_line, f"unknown 早見表 column '{name}' "
                                    f"(expected {LABEL_COLUMN}, {', '.join(LAYER_COLUMNS)}, {NOTE_COLUMN})"))
    missing = [name for name in LAYER_COLUMNS if name not in header]
    if missing:
        problems.append(Problem(src, header_line, f"早見表 header lacks layer column(s): {', '.join(missing)}"))
    if problems:
        return [], problems
    rows: list[ConceptRow] = []
    category = ""
    for idx in range(start + 2, end):
        number = idx + 1
        cells = split_row(lines[idx])
        if len(cells) != len(header):
            problems.append(Problem(src, number, f"早見表 row has {len(cells)} cells, the header has "
                                    f"{len(header)}"))
            continue
        by = dict(zip(header, cells, strict=True))
        first = by[LABEL_COLUMN]
        others = [v for k, v in by.items() if k != LABEL_COLUMN]
        cat = _CATEGORY.match(first)
        if cat and not any(others):
            category = cat.group("label").strip()
            continue
        link = leading_link(first)
        row_problems: list[Problem] = []
        if not link:
            row_problems.append(Problem(src, number, f"早見表 row must start with a link to the section "
                                        f"that explains it, e.g. [LoRA](layers/01-llm.md#lora); got '{first}'"))
        marks: list[CellMark] = []
        bad = False
        for name, (layer, face) in LAYER_COLUMNS.items():
            value = normalize_mark(by[name])
            if value not in CELL_VALUES:
                row_problems.append(Problem(src, number, f"早見表 cell '{by[name]}' in column {name} is not "
                                            f"{CELL_CHOICES} (it holds {code_points(by[name]) or 'nothing'})"))
                bad = True
            elif CELL_VALUES[value]:
                marks.append(CellMark(layer, face, CELL_VALUES[value]))
        label = plain_text(link.text) if link else plain_text(first)
        if not bad and not any(m.kind == DEFINE for m in marks):
            row_problems.append(Problem(src, number, f"concept '{label}' has no {MARKS[DEFINE].symbol}: "
                                        "mark the layer that defines it"))
        if row_problems or link is None:  # every mistake of the row at once
            problems.extend(row_problems)
            continue
        rows.append(ConceptRow(
            id=concept_id(label), label=label, target=link.target, marks=marks,
            note=plain_text(by.get(NOTE_COLUMN, "")), category=category, table=table, line=number,
        ))
    return rows, problems


def _first_occurrences(src: str, rows: list[ConceptRow]) -> tuple[list[ConceptRow], list[Problem]]:
    """Keep the first row of each concept id; report every later one as a duplicate."""
    seen: dict[str, ConceptRow] = {}
    problems = []
    for row in rows:
        first = seen.get(row.id)
        if first is not None:
            problems.append(Problem(src, row.line, f"concept '{row.label}' appears twice (id "
                                    f"'{row.id}', first at line {first.line})"))
        else:
            seen[row.id] = row
    return list(seen.values()), problems

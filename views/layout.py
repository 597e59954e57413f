"""Deterministic band layout of the concept map: one horizontal band per layer.

Layer 5 is the top band, layer 1 the bottom one (vis-network's y axis points down). Inside a
band, the layer node sits at the left edge; concepts fill rows of a grid, and pages and sections
(in reading order: src, line) fill the rows half a row below them, shifted by half a column.
The map opens on the concepts alone (semantic zoom: sections appear once the reader zooms in),
so the section rows sit in the gaps between concept rows instead of taking rows of their own
that would be empty in the overview. Concepts follow the slot of the section that explains
them, so that the "explains" edges stay short. Rows wrap at a common column count.
No randomness and no physics: the same graph always gives the same coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from graph.schema import LAYER, PAGE, SECTION, node_layer

COL_WIDTH = 170
ROW_HEIGHT = 84  # a concept row and, half a row below it, a section row
BAND_PAD = 30
BAND_GAP = 16
LAYER_NODE_X = -280
LABEL_HEAD = 140  # a band's head row when its layer node stands above its grid (label_above)
ASPECT = 1.5  # width:height of the map canvas on a desktop screen
TALL_ASPECT = 0.6  # ... and on a phone held upright
LAYER_ORDER = (5, 4, 3, 2, 1, 0)  # top to bottom; 0 = nodes without a valid layer

STRUCT_KINDS = (PAGE, SECTION)


@dataclass(frozen=True)
class Band:
    """The vertical extent of one layer's band (vis canvas coordinates)."""

    layer: int
    top: int
    bottom: int


@dataclass(frozen=True)
class Layout:
    """Node positions and the bands they were placed in."""

    positions: dict[str, tuple[int, int]]
    bands: list[Band]
    left: int
    right: int


def _reading_key(g: nx.DiGraph, n: str) -> tuple:
    d = g.nodes[n]
    kind_rank = 0 if d.get("kind") == PAGE else 1
    line = d.get("line") if isinstance(d.get("line"), int) else 0
    return (str(d.get("src", "")), kind_rank, line, str(d.get("label", "")), str(n))


def _concept_key(g: nx.DiGraph, n: str, slot_of: dict[str, int]) -> tuple:
    """Concepts sort by the slot of their explaining section, then in reading order."""
    xs = [slot_of[p] for p in g.predecessors(n) if p in slot_of]
    return (min(xs) if xs else math.inf, *_reading_key(g, n))


def _offset(struct: int, concepts: int) -> int:
    """How far below the concept rows the section rows are: half a row, or none in a band
    without concepts or without sections (nothing to interleave)."""
    return ROW_HEIGHT // 2 if struct and concepts else 0


def _band_height(struct: int, concepts: int, cols: int, head: int = 0) -> int:
    rows = max(_rows(struct, cols), _rows(concepts, cols), 1)
    return 2 * BAND_PAD + head + (rows - 1) * ROW_HEIGHT + _offset(struct, concepts)


def columns_for(sizes: list[tuple[int, int]], aspect: float = ASPECT) -> int:
    """The column count whose map is closest to width:height = aspect (the canvas' shape).

    sizes holds (pages and sections, concepts) per band.
    """
    lo, hi = 4, 200
    # From `widest` columns on every band is a single row, so the height no longer changes and the
    # cost |log(width / height / aspect)| is convex in cols: only the columns around its minimum
    # there can win. Same result as trying every count up to 200, without ~1,000 evaluations.
    widest = max([lo, *(max(s, c) for s, c in sizes)])
    candidates = list(range(lo, min(hi, widest) + 1))
    if widest < hi:
        flat = sum(_band_height(s, c, widest) + BAND_GAP for s, c in sizes) or 1
        ideal = (flat * aspect + LAYER_NODE_X) / COL_WIDTH
        around = {math.floor(ideal), math.ceil(ideal), widest + 1, hi}
        candidates += sorted(c for c in around if widest < c <= hi)
    best, best_cost = lo, math.inf
    for cols in candidates:
        height = sum(_band_height(s, c, cols) + BAND_GAP for s, c in sizes) or 1
        width = cols * COL_WIDTH - LAYER_NODE_X
        cost = abs(math.log(width / height / aspect))
        if cost < best_cost:
            best, best_cost = cols, cost
    return best


def _rows(count: int, cols: int) -> int:
    return math.ceil(count / cols) if count else 0


def _slot(i: int, cols: int) -> tuple[int, int]:
    """Column x and row index of slot i."""
    row, col = divmod(i, cols)
    return col * COL_WIDTH, row


Bands = list[tuple[int, list[str], list[str], list[str]]]
"""Per layer present, top to bottom: (layer, its layer nodes, its pages and sections in reading
order, its concepts in slot order): what a layout places, whatever its column count."""


def band_order(g: nx.DiGraph) -> Bands:
    """The nodes of each band in the order they fill its grid (see the module docstring)."""
    groups: dict[int, dict[str, list[str]]] = {}
    for n, d in g.nodes(data=True):
        bucket = groups.setdefault(node_layer(d), {"layer": [], "struct": [], "concept": []})
        kind = d.get("kind")
        if kind == LAYER:
            bucket["layer"].append(n)
        elif kind in STRUCT_KINDS:
            bucket["struct"].append(n)
        else:
            bucket["concept"].append(n)
    out: Bands = []
    for layer in LAYER_ORDER:
        bucket = groups.get(layer)
        if not bucket:
            continue
        struct = sorted(bucket["struct"], key=lambda n: _reading_key(g, n))
        slot_of = {n: i for i, n in enumerate(struct)}
        concepts = sorted(bucket["concept"], key=lambda n, slots=slot_of: _concept_key(g, n, slots))
        out.append((layer, sorted(bucket["layer"], key=str), struct, concepts))
    return out


def band_layout(g: nx.DiGraph, columns: int | None = None, aspect: float = ASPECT,
                label_above: bool = False, order: Bands | None = None) -> Layout:
    """Compute positions for every node of g; see the module docstring for the rules.

    aspect is the width:height the map should have (ASPECT for a desktop canvas,
    TALL_ASPECT for a phone held upright); columns, if given, overrides it. label_above: each
    band's layer node stands in a head row above the band's grid, centred over its columns,
    instead of at the band's left edge (a narrow map: a chapter's local map on a phone).
    order: band_order(g), when several layouts of one graph are made (it does not depend on
    the column count).
    """
    bands_in = band_order(g) if order is None else order
    sizes = [(len(struct), len(concepts)) for _, _, struct, concepts in bands_in]
    cols = columns or columns_for(sizes, aspect)
    positions: dict[str, tuple[int, int]] = {}
    bands: list[Band] = []
    y = 0
    for layer, layer_nodes, struct, concepts in bands_in:
        top = y
        head = LABEL_HEAD if label_above else 0
        first = top + BAND_PAD + head
        offset = _offset(len(struct), len(concepts))
        for i, n in enumerate(struct):  # half a row below the concepts, half a column right
            x, row = _slot(i, cols)
            positions[n] = (x + (COL_WIDTH // 2 if offset else 0), first + row * ROW_HEIGHT + offset)
        for i, n in enumerate(concepts):
            x, row = _slot(i, cols)
            positions[n] = (x, first + row * ROW_HEIGHT)
        y = top + _band_height(len(struct), len(concepts), cols, head)
        # Between a concept row and a section row (never on one), so that edges into it do not
        # run along a row.
        rows = max(_rows(len(struct), cols), _rows(len(concepts), cols), 1)
        middle = first + ((rows - 1) // 2) * ROW_HEIGHT + (ROW_HEIGHT // 4 if offset or rows > 1 else 0)
        for i, n in enumerate(layer_nodes):
            if label_above:
                positions[n] = ((cols - 1) * COL_WIDTH // 2, top + BAND_PAD + 50 + i * ROW_HEIGHT)
            else:
                positions[n] = (LAYER_NODE_X, middle + i * ROW_HEIGHT)
        bands.append(Band(layer, top, y))
        y += BAND_GAP
    right = cols * COL_WIDTH - COL_WIDTH // 2
    if label_above:  # the grid's cells exactly: the layer nodes stand inside them
        return Layout(positions, bands, -COL_WIDTH // 2, right)
    return Layout(positions, bands, LAYER_NODE_X - COL_WIDTH // 2, right + COL_WIDTH // 2)

"""The graph's schema in one place: node kinds, id prefixes, edge kinds, the layer range and the
attributes each node kind carries (with their types). Extract, build, layout, render, stats,
synthetic and the map's JSON payload all spell these through this module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

# Node kinds as stored in the graph. PRODUCT is a display kind only: a concept of the 製品 table.
LAYER: Final = "layer"
PAGE: Final = "page"
SECTION: Final = "section"
CONCEPT: Final = "concept"
PRODUCT: Final = "product"
NODE_KINDS: Final = (LAYER, PAGE, SECTION, CONCEPT)
DISPLAY_KINDS: Final = (*NODE_KINDS, PRODUCT)

# Edge kinds.
CONTAINS: Final = "contains"    # layer → page → section
REFERENCE: Final = "reference"  # a cross-layer Markdown link, section/page → section/page
DEFINE: Final = "define"        # concept → layer (✅ in the 早見表)
USE: Final = "use"              # concept → layer (🔧 in the 早見表)
EXPLAINS: Final = "explains"    # section → concept (the 早見表 row's link)
EDGE_KINDS: Final = (DEFINE, USE, REFERENCE, EXPLAINS, CONTAINS)

# The layers and the front matter key that puts a page in one.
LAYER_NUMBERS: Final = range(1, 6)
LAYER_KEY: Final = "layer"

# The table of the 早見表 a concept row comes from.
TABLE_CONCEPTS: Final = "concepts"
TABLE_PRODUCTS: Final = "products"

# Node attributes by kind, with their types (every node also has `kind`, `label` and `layer`).
COMMON_ATTRS: Final[dict[str, type]] = {"kind": str, "label": str, "layer": int, "summary": str}
FRESHNESS_ATTRS: Final[dict[str, type]] = {"reviewed": str, "stale": bool}  # "YYYY-MM-DD" or ""
NODE_ATTRS: Final[dict[str, dict[str, type]]] = {
    LAYER: {},
    PAGE: {"src": str, "url": str, **FRESHNESS_ATTRS},
    SECTION: {"src": str, "url": str, "line": int, **FRESHNESS_ATTRS},
    CONCEPT: {"src": str, "url": str, "faces": str, "category": str, "table": str, "line": int,
              **FRESHNESS_ATTRS},
}
CHAPTER_DIR: Final = "layers/"  # every page under docs/layers/ is a layer chapter


def layer_id(n: int) -> str:
    return f"{LAYER}:{n}"


def page_id(src: str) -> str:
    return f"{PAGE}:{src}"


def section_id(src: str, anchor: str) -> str:
    return f"{SECTION}:{src}#{anchor}"


def concept_node_id(cid: str) -> str:
    return f"{CONCEPT}:{cid}"


def is_chapter(meta: Mapping[str, Any]) -> bool:
    """Whether a page is a layer chapter: its front matter names a layer (valid or not; an invalid
    value is reported by extract.page_layer)."""
    return meta.get(LAYER_KEY) is not None


def _is(value: object, typ: type) -> bool:
    """isinstance, except that a bool is not an int here."""
    return isinstance(value, typ) and (typ is bool or not isinstance(value, bool))


def node_problems(node: str, data: Mapping[str, Any]) -> list[str]:
    """What is wrong with one node's attributes against the schema ([] when it conforms)."""
    kind = data.get("kind")
    if kind not in NODE_ATTRS:
        return [f"{node}: unknown kind {kind!r}"]
    wanted = {**COMMON_ATTRS, **NODE_ATTRS[kind]}
    problems = [f"{node}: missing {name}" for name in wanted if name not in data]
    problems += [f"{node}: {name} is {type(data[name]).__name__}, not {typ.__name__}"
                 for name, typ in wanted.items()
                 if name in data and not _is(data[name], typ)]
    if isinstance(data.get("layer"), int) and data["layer"] not in LAYER_NUMBERS:
        problems.append(f"{node}: layer {data['layer']} is not 1–5")
    if not node.startswith(f"{kind}:"):
        problems.append(f"{node}: id does not start with '{kind}:'")
    return problems

# Colours of the layers (0: a node without a valid layer). The map's canvas, legend and panel
# take them from the payload; the stylesheets' --cm-layer-N custom properties should match.
LAYER_COLOURS: Final = {0: "#546e7a", 1: "#6d4c41", 2: "#1565c0", 3: "#8e24aa", 4: "#2e7d32",
                        5: "#b84500"}  # white text on each: >= 4.5:1 (WCAG AA)

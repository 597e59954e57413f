"""The graph's schema: id prefixes and the attributes each node kind carries (with their types).
The kinds themselves (node, edge, page) and the layer range are declared in graph/vocabulary.py and
re-exported here for the model's modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .vocabulary import (  # the kinds, the layer range and the page kinds are declared there
    CHAPTER_DIR,
    CONCEPT,
    CONTAINS,
    DEFINE,
    EDGE_KINDS,
    EXPLAINS,
    LAYER,
    LAYER_COLOURS,
    LAYER_KEY,
    LAYER_NUMBERS,
    NODE_KINDS_DECL,
    PAGE,
    PRODUCT,
    REFERENCE,
    SECTION,
    USE,
)

__all__ = [  # re-exported from the vocabulary for the model's modules
    "CHAPTER_DIR",
    "CONCEPT",
    "CONTAINS",
    "DEFINE",
    "DISPLAY_KINDS",
    "EDGE_KINDS",
    "EXPLAINS",
    "LAYER",
    "LAYER_COLOURS",
    "LAYER_KEY",
    "LAYER_NUMBERS",
    "NODE_KINDS",
    "PAGE",
    "PRODUCT",
    "REFERENCE",
    "SECTION",
    "TABLE_CONCEPTS",
    "TABLE_PRODUCTS",
    "USE",
    "concept_node_id",
    "is_chapter",
    "layer_id",
    "node_layer",
    "node_problems",
    "page_id",
    "section_id",
]

NODE_KINDS: Final = tuple(k for k, kind in NODE_KINDS_DECL.items() if kind.stored)
DISPLAY_KINDS: Final = tuple(NODE_KINDS_DECL)

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


def node_layer(data: dict) -> int:
    """The layer number of a node (1..5), or 0 when it has none."""
    layer = data.get("layer")
    if type(layer) is int and layer in LAYER_NUMBERS:  # the usual case, first (called per node per view)
        return layer
    if isinstance(layer, bool) or not isinstance(layer, int | str):
        return 0
    try:
        value = int(layer)
    except ValueError:
        return 0
    return value if value in LAYER_NUMBERS else 0

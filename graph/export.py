"""Export the graph as networkx node-link JSON and GraphML, written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath

import networkx as nx

from sitedocs.files import write_atomic

from .vocabulary import OUTPUTS

JSON_NAME = PurePosixPath(OUTPUTS.graph).name
GRAPHML_NAME = PurePosixPath(OUTPUTS.graphml).name


def to_json(g: nx.DiGraph) -> str:
    """networkx node-link JSON: the text of `json.dumps(data, ensure_ascii=False, indent=1,
    sort_keys=True)` (tests/test_export_json.py compares them), made faster (_indented)."""
    data = nx.node_link_data(g, edges="edges")
    return _indented(data, 0)


_SCALARS = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=16)
def _flat_encoder(level: int) -> Callable[[object], str]:
    """The C encoder for a dict of scalars `level` deep (one per depth, not one per dict)."""
    pad = "\n" + " " * (level + 1)
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=("," + pad, ": ")).encode


def _indented(value: object, level: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)` as it reads nested `level`
    deep. With an indent, json uses its pure-Python encoder (~1/3 of the export's time at 1,000
    pages); a dict of scalars (each node and edge) is encoded by the C encoder instead, its item
    separator carrying the line break and indentation the indented form puts between items."""
    pad = "\n" + " " * (level + 1)
    if type(value) is dict and value:
        if _SCALARS.issuperset(map(type, value.values())):  # keys of any type: the C encoder's as json's
            return "{" + pad + _flat_encoder(level)(value)[1:-1] + pad[:-1] + "}"
        if all(type(k) is str for k in value):
            items = (json.dumps(k, ensure_ascii=False) + ": " + _indented(v, level + 1)
                     for k, v in sorted(value.items()))
            return "{" + pad + ("," + pad).join(items) + pad[:-1] + "}"
    if type(value) is list and value:
        return "[" + pad + ("," + pad).join(_indented(v, level + 1) for v in value) + pad[:-1] + "]"
    # anything else (scalars, empty containers, tuples, other key types): json itself, its lines
    # moved `level` deeper (a line break in its output is always followed by its indentation)
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n" + " " * level) if level else text


def to_graphml(g: nx.DiGraph) -> str:
    """GraphML of g; graph attributes that are not scalars (the scenarios) stay in graph.json only.

    The same text as networkx's `generate_graphml(g, prettyprint=True)` joined by line breaks
    (tests/test_graph_unit.py compares them), written directly: networkx builds an ElementTree
    of the whole graph first, which took most of the export's time at 1,000 pages.
    """
    graph = {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))}
    graph_id = graph.pop("id", None)
    keys: dict[tuple[str, str, str], str] = {}
    key_lines: list[str] = []

    def data(scope: str, attrs: dict, indent: str) -> list[str]:
        out = []
        for k, v in attrs.items():
            xml_type = _XML_TYPES.get(type(v))
            if xml_type is None:
                raise TypeError(f"GraphML does not support type {type(v)} as data values.")
            key = keys.get((str(k), xml_type, scope))
            if key is None:
                key = keys[str(k), xml_type, scope] = f"d{len(keys)}"
                key_lines.append(f'  <key id="{key}" for="{scope}" attr.name="{_attr(str(k))}" '
                                 f'attr.type="{xml_type}" />')
            text = str(v)
            out.append(f'{indent}<data key="{key}">{_text(text)}</data>' if text else f'{indent}<data key="{key}" />')
        return out

    graph_data = data("graph", {k: v for k, v in graph.items() if k not in ("node_default", "edge_default")},
                      "    ")
    body: list[str] = []
    for n, d in g.nodes(data=True):
        body += _element(f'node id="{_attr(str(n))}"', data("node", d, "      "))
    for u, v, d in g.edges(data=True):
        body += _element(f'edge source="{_attr(str(u))}" target="{_attr(str(v))}"', data("edge", d, "      "))
    body += graph_data  # networkx appends the graph's own data after its nodes and edges
    head = 'graph edgedefault="directed"' + (f' id="{_attr(str(graph_id))}"' if graph_id is not None else "")
    lines = [f'<graphml xmlns="{_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_SCHEMA}">',
             *reversed(key_lines), *_element(head, body, "  "), "</graphml>"]
    # characters outside ASCII as references, in one pass over the whole text (the same as one per
    # value: a reference holds no line break for splitlines to find)
    return "\n".join(_ascii("\n".join(lines)).splitlines()) + "\n"


_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = f"{_NS} {_NS}/1.0/graphml.xsd"
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}  # as networkx names them


def _element(head: str, children: list[str], indent: str = "    ") -> list[str]:
    """An element's lines: open, children, close; self-closing when it has none (as ElementTree)."""
    name = head.split(" ", 1)[0]
    if not children:
        return [f"{indent}<{head} />"]
    return [f"{indent}<{head}>", *children, f"{indent}</{name}>"]


def _ascii(text: str) -> str:
    """Characters outside ASCII as character references (ElementTree's default encoding)."""
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _text(text: str) -> str:
    """Escaped element text (non-ASCII characters stay: to_graphml refers to them at the end)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    """An escaped attribute value (non-ASCII characters stay, as in _text)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def export_texts(g: nx.DiGraph) -> dict[str, str]:
    """Both formats, by their site-relative paths (OUTPUTS)."""
    return {OUTPUTS.graph: to_json(g), OUTPUTS.graphml: to_graphml(g)}


def write_exports(g: nx.DiGraph, site_dir: Path, texts: dict[str, str] | None = None) -> list[Path]:
    """Serialise both formats first (texts: export_texts(g) made already), then write them where
    OUTPUTS says (under the site's root); return the written paths."""
    payloads = {site_dir / path: text for path, text in (texts or export_texts(g)).items()}
    for path, text in payloads.items():
        write_atomic(path, text)
    return list(payloads)

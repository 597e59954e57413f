"""Export the graph as networkx node-link JSON and GraphML, written atomically."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import networkx as nx

from sitedocs.files import write_atomic

from .vocabulary import OUTPUTS

JSON_NAME = PurePosixPath(OUTPUTS.graph).name
GRAPHML_NAME = PurePosixPath(OUTPUTS.graphml).name


def to_json(g: nx.DiGraph) -> str:
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


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
    return "\n".join("\n".join(lines).splitlines()) + "\n"


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
    return _ascii(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _attr(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _ascii(text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def write_exports(g: nx.DiGraph, site_dir: Path) -> list[Path]:
    """Serialise both formats first, then write them where OUTPUTS says (under the site's root);
    return the written paths."""
    payloads = {site_dir / OUTPUTS.graph: to_json(g), site_dir / OUTPUTS.graphml: to_graphml(g)}
    for path, text in payloads.items():
        write_atomic(path, text)
    return list(payloads)

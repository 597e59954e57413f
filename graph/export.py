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
    """GraphML of g; graph attributes that are not scalars (the scenarios) stay in graph.json only."""
    if any(not isinstance(v, (str, int, float, bool)) for v in g.graph.values()):
        g = g.copy()
        g.graph = {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))}
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"


def write_exports(g: nx.DiGraph, site_dir: Path) -> list[Path]:
    """Serialise both formats first, then write them where OUTPUTS says (under the site's root);
    return the written paths."""
    payloads = {site_dir / OUTPUTS.graph: to_json(g), site_dir / OUTPUTS.graphml: to_graphml(g)}
    for path, text in payloads.items():
        write_atomic(path, text)
    return list(payloads)

"""Export the graph as networkx node-link JSON and GraphML, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from sitedocs.files import write_atomic

JSON_NAME = "graph.json"
GRAPHML_NAME = "graph.graphml"


def to_json(g: nx.DiGraph) -> str:
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def to_graphml(g: nx.DiGraph) -> str:
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"


def write_exports(g: nx.DiGraph, folder: Path) -> list[Path]:
    """Serialise both formats first, then write them; return the written paths."""
    payloads = {folder / JSON_NAME: to_json(g), folder / GRAPHML_NAME: to_graphml(g)}
    for path, text in payloads.items():
        write_atomic(path, text)
    return list(payloads)

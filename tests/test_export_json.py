"""graph.json is json.dumps(node-link data, ensure_ascii=False, indent=1, sort_keys=True), made
faster (graph/export.py _indented): the same text on tricky data, or the test fails."""

from __future__ import annotations

import json
import math
from enum import IntEnum

import networkx as nx
import pytest

from graph.export import _indented, to_json


class Level(IntEnum):
    ONE = 1


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


TRICKY = [
    {}, [], "", 0, -0.0, 1.5, math.inf, -math.inf, math.nan, True, False, None, 10 ** 30,
    {"b": 1, "a": "x", "c": None, "d": True, "e": 2.5},
    {"日本語": "引用符\" と \\ と\n改行と\t\x01", "emoji": "🔧✅", "<&>": "<&>"},
    {"nested": {"z": [], "y": {}, "x": [1, [2, [3, {}]], {"k": ()}]}, "t": (1, "a"), "n": [None, {"a": 1}]},
    {2: "int key", 1.5: "float key"}, {False: "bool key", True: []}, {None: "none key"}, {"n": {1: [2], 3: {}}},
    {"enum": Level.ONE, "sub": {"enum": Level.ONE}},
    [{"a": 1}, {"b": [1, 2]}, [], {}, "s", [[[]]]],
    {"nodes": [{"id": "n", "v": math.nan}], "graph": {"scenarios": [{"steps": [{"n": 1, "text": "x"}]}]}},
]


@pytest.mark.parametrize("value", TRICKY)
def test_indented_is_json_dumps(value: object) -> None:
    assert _indented(value, 0) == reference(value)
    assert _indented({"wrap": [value]}, 0) == reference({"wrap": [value]})  # the same nested deeper


def test_graph_json_is_json_dumps_of_node_link_data() -> None:
    g = nx.DiGraph(scenarios=[{"id": "s", "steps": [{"n": 1, "node": "a"}]}], name="グラフ")
    g.add_node("a", kind="page", label='"A" & <B>', layer=1, stale=False, weight=0.5)
    g.add_node("b", kind="concept", tags=["x", "y"], nothing=None, extra={"k": {}})
    g.add_node("c")
    g.add_edge("a", "b", kind="use", count=2)
    g.add_edge("b", "c")
    assert to_json(g) == reference(nx.node_link_data(g, edges="edges"))

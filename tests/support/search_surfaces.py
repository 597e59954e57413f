"""The two other search surfaces driven in Chromium — the concept map's search box and the 早見表
filter — and what each should find for a query of tests/data/search_queries.json: shared by
tests/test_search_surfaces_browser.py and benchmarks/search.py (no timing assertions here).

A query's `expect` lists sections (site-relative URLs). On the map the expected nodes are the
nodes at those URLs (a concept node or a section node); on the 早見表 the expected rows are the
concepts defined at those URLs. A query may say otherwise with "map": [node ids] or
"quickref": [concept ids]; a query with nothing to find on a surface is left out of it.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.vocabulary import OUTPUTS
from tests.support.search_ui import QueryResult, first_rank

SURFACES = ("map", "quickref")
MAP_RESULTS = ".cm-map__results:not(.cm-map__suggest)"  # the search box's list (the path form's share the class)

# Installed once per page: when the results last changed and when the query was typed.
_INSTRUMENT = """(selector) => {
  window.__cmLast = 0; window.__cmT0 = 0;
  new MutationObserver(() => { window.__cmLast = performance.now(); })
    .observe(document.querySelector(selector), {childList: true, subtree: true, attributes: true});
}"""
# settled: no change for 200 ms (and at least 300 ms since typing: an empty list stays unchanged)
_SETTLED = "() => performance.now() - Math.max(window.__cmLast, window.__cmT0 + 100) > 200"

_MAP_RESULTS = """() => {
  const out = [];
  for (const li of document.querySelectorAll(".cm-map__results:not(.cm-map__suggest) > li")) {
    if (li.classList.contains("cm-map__noresult")) break;  // what follows are suggestions
    const b = li.querySelector("button[data-id]");
    if (b) out.push(b.getAttribute("data-id"));
  }
  return out;
}"""
_QR_ROWS = """() => [...document.querySelectorAll("table.cm-qr tr.cm-qr-row")]
  .filter(r => !r.hidden && !r.closest("tbody[hidden]") && r.offsetParent !== null)
  .map(r => r.dataset.concept || r.id)"""


def expectations(site: Path, queries: list[dict]) -> dict[str, list[list[str]]]:
    """Per surface, per query: the expected node ids / concept ids ([] = not on that surface)."""
    graph = json.loads((site / OUTPUTS.graph).read_text(encoding="utf-8"))
    cards = json.loads((site / OUTPUTS.cards).read_text(encoding="utf-8"))
    nodes_at: dict[str, list[str]] = {}
    for node in graph["nodes"]:
        if node.get("url"):
            nodes_at.setdefault(node["url"], []).append(node["id"])
    rows_at: dict[str, list[str]] = {}
    for concept in cards["concepts"]:
        rows_at.setdefault(concept["url"], []).append(concept["id"])
    out: dict[str, list[list[str]]] = {"map": [], "quickref": []}
    for q in queries:
        out["map"].append(q["map"] if "map" in q else [i for u in q["expect"] for i in nodes_at.get(u, [])])
        out["quickref"].append(q["quickref"] if "quickref" in q
                               else [i for u in q["expect"] for i in rows_at.get(u, [])])
    return out


def open_map(page, base: str) -> None:
    page.goto(base + OUTPUTS.map_url, wait_until="networkidle")
    page.locator("input.cm-map__search").wait_for(timeout=15000)
    page.evaluate(_INSTRUMENT, MAP_RESULTS)


def map_search(page, query: str, timeout: float = 15000) -> list[str]:
    """Type `query` into the map's search box; the result list's node ids, in order."""
    box = page.locator("input.cm-map__search")
    box.fill("")
    page.evaluate("() => { window.__cmT0 = performance.now(); }")
    box.fill(query)
    page.wait_for_function(_SETTLED, timeout=timeout)
    return page.evaluate(_MAP_RESULTS)


def open_quickref(page, base: str) -> None:
    page.goto(base + OUTPUTS.quickref_url, wait_until="networkidle")
    page.locator("#cm-qr-q").wait_for(timeout=15000)
    page.evaluate(_INSTRUMENT, "table.cm-qr")


def quickref_filter(page, query: str, timeout: float = 15000) -> list[str]:
    """Type `query` into the 早見表 filter; the concept ids of the rows left, top to bottom."""
    box = page.locator("#cm-qr-q")
    page.evaluate("() => { window.__cmT0 = performance.now(); }")
    box.fill(query)
    page.wait_for_function(_SETTLED, timeout=timeout)
    return page.evaluate(_QR_ROWS)


def run_surface(page, base: str, surface: str, queries: list[dict], expect: list[list[str]]
                ) -> list[QueryResult]:
    """Every query with something to find on `surface`, typed into it; ranks as the reader sees."""
    if surface == "map":
        open_map(page, base)
        find = map_search
    else:
        open_quickref(page, base)
        find = quickref_filter
    results = []
    for q, want in zip(queries, expect, strict=True):
        if not want:
            continue
        ranking = find(page, q["query"])
        results.append(QueryResult(q["query"], q.get("kind", ""), want, ranking, first_rank(ranking, want), 0.0))
    return results

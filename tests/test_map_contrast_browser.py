"""Contrast on the concept map's canvas (#18), which axe cannot see: label text on its box
>= 4.5:1 and the lines that carry meaning >= 3:1 against the page, in both palettes; each edge
kind has its own dash pattern (not colour alone). #25: the relation kind, the phrases drawn on a
selected node's relations (text on their box, frame against the page), the lines of a
「XとYの関係」 path and of a scenario's walk, as drawn over the veil (colours from
graph/vocabulary.py and the page's palette)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
RATIO = """
  const parse = c => {
    if (c[0] === '#') return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)).concat([1]);
    const v = c.match(/[\\d.]+/g).map(Number); return v.length === 3 ? v.concat([1]) : v;
  };
  const over = (c, bg) => c.slice(0, 3).map((v, i) => v * c[3] + bg[i] * (1 - c[3]));
  const channel = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => { const [r, g, b] = c.map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const page = parse(getComputedStyle(document.body).backgroundColor);
"""
MEASURE = "() => {" + RATIO + """
  const groups = window.conceptMap.groups;  // vis-network's Groups: names, and get(name)
  const labels = {};
  for (const name of groups._groupNames) {
    const g = groups.get(name);
    if (!g.font || !g.font.color || !g.color || !g.color.background) continue;
    const box = over(parse(g.color.background), page.slice(0, 3));
    labels[name] = ratio(over(parse(g.font.color), box), box);
  }
  const edges = {}, dashes = {};
  for (const e of Object.values(window.conceptMap.body.edges)) {
    const o = e.options, kind = window.conceptMap.body.data.edges.get(e.id).kind;
    // the colour a line has when it carries meaning: its node hovered or selected (#24: zoomed
    // in, the other lines are faint context; test_map_reader_browser checks that split)
    const c = typeof o.color === 'string' ? o.color : o.color.highlight;
    const r = ratio(over(parse(c), page.slice(0, 3)), page.slice(0, 3));
    edges[kind] = Math.min(edges[kind] || 99, r);
    dashes[kind] = JSON.stringify(o.dashes || false);
  }
  // every kind of the vocabulary with a colour of its own, drawn or not (the real map's relation
  // edges all end at a chapter, so they share the line of the concept's use edge there)
  const dark = document.body.getAttribute('data-md-color-scheme') === 'slate';
  const vocab = {};
  for (const [k, v] of Object.entries(window.conceptMap.__cm.model.data.vocab.edges)) {
    const c = dark ? v.colour.dark : v.colour.light;
    if (c !== 'layer') vocab[k] = ratio(over(parse(c), page.slice(0, 3)), page.slice(0, 3));
  }
  return {labels, edges, dashes, vocab};
}"""
# What was drawn over the veil last: each line's kind and colour against the page, each
# phrase's text against its box and its frame against the page (overlay.js, phrases.js).
DRAWN = "() => {" + RATIO + """
  const against = c => ratio(over(parse(c), page.slice(0, 3)), page.slice(0, 3));
  const lines = window.conceptMap.__cm.drawnLines().map(l => [l.kind, against(l.colour)]);
  const phrases = window.conceptMap.__cm.phrases().map(p => {
    const box = over(parse(p.background), page.slice(0, 3));
    return [p.text, ratio(over(parse(p.colour), box), box), against(p.border)];
  });
  return {lines, phrases};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_text_and_lines_have_enough_contrast(browser, real_site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site_url + "concept-map/")
    page.wait_for_function(READY, timeout=30000)
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    page.wait_for_function("() => window.conceptMap.groups._groupNames.length > 0")
    result = page.evaluate(MEASURE)
    context.close()
    low_labels = {name: round(r, 2) for name, r in result["labels"].items() if r < 4.5}
    assert len(result["labels"]) >= 15 and low_labels == {}
    low_lines = {kind: round(r, 2) for kind, r in result["edges"].items() if r < 3}
    assert set(result["edges"]) >= {"define", "use", "reference", "explains"} and low_lines == {}
    low_vocab = {kind: round(r, 2) for kind, r in result["vocab"].items() if r < 3}
    assert "relation" in result["vocab"] and low_vocab == {}
    assert len(set(result["dashes"].values())) == len(result["dashes"]), result["dashes"]  # one pattern a kind


def relation_node_and_pair(real_site) -> tuple[str, str, str]:
    """The concept with the most relation edges, and two concepts of layers 1 and 4 (a path)."""
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    count: dict[str, int] = {}
    for e in data["edges"]:
        if e.get("kind") == "relation":
            count[e["source"]] = count.get(e["source"], 0) + 1
    first: dict[int, str] = {}
    for n in sorted(data["nodes"], key=lambda n: n["id"]):
        if n.get("kind") == "concept":
            first.setdefault(n.get("layer"), n["id"])
    return max(sorted(count), key=lambda c: count[c]), first[1], first[4]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_relation_phrases_path_and_walk_highlight_have_enough_contrast(browser, real_site, real_site_url: str,
                                                                  scheme: str) -> None:
    node, a, b = relation_node_and_pair(real_site)
    graph = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    scenario = graph["graph"]["scenarios"][0]["id"]
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site_url + "concept-map/?focus=" + node.removeprefix("concept:"))
    page.wait_for_function(READY, timeout=30000)
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    page.wait_for_function("() => window.conceptMap.__cm.phrases().length >= 3")
    selected = page.evaluate(DRAWN)
    page.evaluate("([a, b]) => window.conceptMap.__cm.path(a, b)", [a, b])
    page.wait_for_function("() => document.querySelector('.cm-map[data-cm-path]')")
    page.wait_for_function("() => window.conceptMap.__cm.drawnLines().length >= 2")
    path = page.evaluate(DRAWN)
    # a scenario's step: its walk lines (walk.js) over the veil
    page.goto(real_site_url + f"concept-map/?scenario={scenario}&step=3")
    page.wait_for_function(READY, timeout=30000)
    page.wait_for_function("() => window.conceptMap.__cm.drawnLines().some(l => l.kind === 'walk')")
    walk = page.evaluate(DRAWN)
    context.close()
    assert len(selected["phrases"]) >= 3 and len(selected["lines"]) >= 3
    assert [p for p in selected["phrases"] if p[1] < 4.5 or p[2] < 3] == []
    assert [line for line in selected["lines"] + path["lines"] + walk["lines"] if line[1] < 3] == []
    assert len(path["lines"]) >= 2 and any(kind == "walk" for kind, _ in walk["lines"])

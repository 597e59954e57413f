"""Contrast on the concept map's canvas (#18), which axe cannot see: label text on its box
>= 4.5:1 and the lines that carry meaning >= 3:1 against the page, in both palettes; each edge
kind has its own dash pattern (not colour alone)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

READY = "() => window.conceptMap !== undefined && document.querySelector('.cm-map[data-cm-state=ready]')"
MEASURE = """() => {
  const parse = c => {
    if (c[0] === '#') return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)).concat([1]);
    const v = c.match(/[\\d.]+/g).map(Number); return v.length === 3 ? v.concat([1]) : v;
  };
  const over = (c, bg) => c.slice(0, 3).map((v, i) => v * c[3] + bg[i] * (1 - c[3]));
  const channel = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => { const [r, g, b] = c.map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const page = parse(getComputedStyle(document.body).backgroundColor);
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
  return {labels, edges, dashes};
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
    assert len(set(result["dashes"].values())) == len(result["dashes"]), result["dashes"]  # one pattern a kind

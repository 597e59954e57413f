"""Benchmark the concept map in headless Chromium: `python3 scripts/bench.py map [--runs N]`.

Measures, in one run, the time from navigation start to a rendered, interactive map (and the
time a 「XとYの関係」 path and a scenario step (?scenario=&step=) take from the request to the
end of the frame that highlights them: requestAnimationFrame, then a message task, which runs
once that frame is rendered) for
  - our page (/concept-map/, fixed band positions, no physics) with the real graph and with
    synthetic graphs of 500 and 2,000 nodes (same page, payload and text version swapped), and
  - pyvis's stock output (physics on, `cdn_resources="in_line"`) of the same graphs.
"Ready" is the first frame vis-network draws for our map (physics is off, nothing moves after
it) and, for the stock page, the end of its stabilisation (when pyvis hides its loading bar).
The site is built with `mkdocs build` into a temporary folder and served on 127.0.0.1; every
request to another host fails at name resolution and is counted (the stock page asks jsDelivr
for Bootstrap). Each
measurement uses a fresh browser context (cold cache); the median of the runs is printed
(the stock page is measured once by default: it takes minutes at 2,000 nodes), followed by
the map page's transfer size (uncompressed), the load average, and the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from graph.synthetic import synthetic_graph
from graph.vocabulary import OUTPUTS
from sitedocs.modules import preloads
from tests.support.browser import launch
from tests.support.http import start_server, stop_server
from views import render

ROOT = Path(__file__).resolve().parent.parent
# Every host but 127.0.0.1 fails to resolve, so nothing leaves the machine. (Not Playwright's
# request interception: routing each request through the driver costs ~150 ms per page load
# and its variance, which is not the page's cost.)
BENCH_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
ISLAND = re.compile(r'<template class="cm-map-data">.*?</template>', re.S)
FALLBACK = re.compile(r'<div class="cm-fallback">.*?</tbody></table></div></div>', re.S)
STOCK_READY = """<script>(function () {
  function done() { requestAnimationFrame(function () { window.__benchReady = performance.now(); }); }
  if (network.physics.options.enabled) network.once("stabilizationIterationsDone", done);
  else network.once("afterDrawing", done);
})();</script>
"""


def own_files(site: Path) -> list[str]:
    """The map page's own files in the built site: its HTML, its stylesheet, its entry module and
    every module that one imports (what the browser fetches; a typedef-only module it never
    imports is not counted, a shared module outside concept-map/ is)."""
    def read(rel: str) -> str | None:
        f = site / rel
        return f.read_text(encoding="utf-8") if f.is_file() else None

    return ["concept-map/index.html", "assets/stylesheets/concept-map.css", OUTPUTS.map_script,
            *preloads([OUTPUTS.map_script], read)]


def build_site(dest: Path) -> Path:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
           "-d", str(dest)]
    subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return dest


def real_graph(site: Path) -> nx.DiGraph:
    data = json.loads((site / OUTPUTS.graph).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


def with_scenario(g: nx.DiGraph) -> nx.DiGraph:
    """g with one scenario of eight steps through concepts of every layer (a synthetic graph has
    none), so that the walk is measured at its size too; a graph with scenarios stays as it is."""
    if g.graph.get("scenarios"):
        return g
    concepts = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "concept"),
                      key=lambda n: (g.nodes[n].get("layer", 0), n))
    picks = [concepts[(i * 7919) % len(concepts)] for i in range(8)] if concepts else []
    steps = [{"n": i + 1, "text": f"手順 {i + 1}。", "node": n, "layer": g.nodes[n].get("layer", 0),
              "url": g.nodes[n].get("url", "")} for i, n in enumerate(picks)]
    g = g.copy()
    g.graph["scenarios"] = [{"id": "bench", "title": "ベンチマーク", "url": "", "steps": steps}]
    return g


def our_page(site: Path, name: str, g: nx.DiGraph) -> str:
    """Our map page with g's payload and text version (same depth as /concept-map/)."""
    g = with_scenario(g)
    html = (site / "concept-map" / "index.html").read_text(encoding="utf-8")
    island, fallback = render.json_island(render.map_payload(g)), render.fallback_html(g, "../")
    html, n1 = ISLAND.subn(lambda _m: island, html, count=1)
    html, n2 = FALLBACK.subn(lambda _m: fallback, html, count=1)
    assert n1 == n2 == 1, "the map page's structure changed: update the bench patterns"
    folder = site / f"bench-ours-{name}"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(html, encoding="utf-8")
    return f"bench-ours-{name}/"


def stock_page(site: Path, name: str, g: nx.DiGraph) -> str:
    """pyvis's stock page of g (default physics), plus a hook that records readiness."""
    net = Network(height="750px", width="100%", directed=True, cdn_resources="in_line")
    net.from_nx(g.copy())
    html = net.generate_html()
    html = html.replace("</body>", STOCK_READY + "</body>", 1)
    folder = site / f"bench-stock-{name}"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(html, encoding="utf-8")
    return f"bench-stock-{name}/"


def measure(browser, base: str, path: str, ready: str, timeout_s: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []  # requests to other hosts (they fail: see BENCH_ARGS)
    page.on("request", lambda r: None if r.url.startswith(base) else blocked.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path, wait_until="commit")
    page.wait_for_function(f"() => {ready} !== undefined", timeout=timeout_s * 1000,
                           polling=50)
    ms = page.evaluate(f"() => {ready}")
    marks = page.evaluate("""() => Object.fromEntries([
        ['dcl', Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventStart)],
        ...performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)])])""")
    transfer = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return [nav, ...performance.getEntriesByType('resource')]
            .reduce((s, e) => s + (e.decodedBodySize || 0), 0); }""")
    context.close()
    time.sleep(0.5)  # let the closed context's teardown finish outside the next measurement
    return {"ms": ms, "blocked": blocked, "errors": errors, "bytes": transfer, "marks": marks}


# The end of the next frame: its requestAnimationFrame callbacks (vis-network draws the canvas in
# one), then a message task, which runs once the frame's style, layout and paint are done.
FRAME = """() => new Promise(r => requestAnimationFrame(() => {
  const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }))"""
PATH_TIMES = """async () => {
  const net = window.conceptMap, m = net.__cm.model, frame = FRAME;
  const concepts = m.nodes.filter(n => n.kind === m.k.concept);
  const times = [];
  for (let i = 0; i < 5 && concepts.length > 1; i++) {
    const a = concepts[(i * 7919) % concepts.length].id, b = concepts[(i * 104729 + 13) % concepts.length].id;
    if (a === b) continue;
    const t = performance.now();
    net.__cm.path(a, b);  // find the paths, fill the panel, highlight (the next frame draws it)
    await frame();
    times.push([performance.now() - t, net.__cm.pathMs()]);
    await new Promise(r => setTimeout(r, 400));  // the move's animation (and the relabelling) ends
  }
  return times;
}""".replace("FRAME;", FRAME + ";")
WALK_TIMES = """async () => {
  const net = window.conceptMap, frame = FRAME;
  const scenarios = net.__cm.model.data.scenarios || [];
  const times = [];
  for (let i = 0; i < 6 && scenarios.length; i++) {
    const s = scenarios[i % scenarios.length], n = 1 + (i * 3) % s.steps.length;
    const t = performance.now();
    net.__cm.walk(s.id, n);  // the step's node, the steps so far, the panel (the next frame draws it)
    await frame();
    times.push([performance.now() - t, net.__cm.walkMs()]);
    await new Promise(r => setTimeout(r, 400));
  }
  return times;
}""".replace("FRAME;", FRAME + ";")


def highlight_times(browser, base: str, path: str, script: str) -> list[list[float]]:
    """A 「XとYの関係」 path for five pairs (PATH_TIMES) or six scenario steps (WALK_TIMES), each
    from the overview after the one before has settled: [ms from asking to the end of the frame
    that shows it, ms of the script's own work (paths, panel, highlight state, URL)]."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_function("() => window.conceptMapReadyAt !== undefined", timeout=60000)
    times = page.evaluate(script)
    context.close()
    return times


def file_sizes(site: Path, own: list[str]) -> dict[str, int]:
    sizes = {rel: (site / rel).stat().st_size for rel in own}
    sizes[render.VIS_ASSET] = (site / render.VIS_ASSET).stat().st_size
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measurements per page (median)")
    parser.add_argument("--sizes", default="500,2000", help="synthetic graph sizes")
    parser.add_argument("--stock-runs", type=int, default=1,
                        help="measurements of the stock page (slow: minutes at 2,000 nodes)")
    parser.add_argument("--variants", default="ours,stock", help="ours, stock or both")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average before the run: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} CPU(s)")
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        site = build_site(Path(tmp) / "site")
        graphs = {"real": real_graph(site)}
        for size in (int(s) for s in args.sizes.split(",") if s):
            graphs[str(size)] = synthetic_graph(size, seed=size)
        pages = {}
        for name, g in graphs.items():
            pages[name] = (our_page(site, name, g), stock_page(site, name, g))
        server, base = start_server(site)
        results: dict[tuple[str, str], dict] = {}
        try:
            with sync_playwright() as p:
                browser = launch(p, BENCH_ARGS)
                # One discarded load: the browser's own start-up work (its first renderer,
                # font configuration) is not the page's. Every measured load still gets a
                # fresh context, so nothing of the page is cached.
                measure(browser, base, "concept-map/", "window.conceptMapReadyAt", 60)
                for name, (ours, stock) in pages.items():
                    for variant, path, ready, limit in (
                        ("ours", ours, "window.conceptMapReadyAt", 60),
                        ("stock", stock, "window.__benchReady", 900),
                    ):
                        if variant not in args.variants.split(","):
                            continue
                        count = args.runs if variant == "ours" else args.stock_runs
                        runs = [measure(browser, base, path, ready, limit) for _ in range(count)]
                        results[name, variant] = {
                            "ms": statistics.median(r["ms"] for r in runs),
                            "all": [round(r["ms"]) for r in runs],
                            "blocked": sorted({u for r in runs for u in r["blocked"]}),
                            "errors": sorted({e for r in runs for e in r["errors"]}),
                            "bytes": runs[0]["bytes"],
                            "marks": runs[-1]["marks"],
                        }
                        print(f"  {name:>5} {variant:<5} median {results[name, variant]['ms']:8.0f} ms"
                              f"  runs {results[name, variant]['all']}  (last: {results[name, variant]['marks']})",
                              flush=True)
                for name, (ours, _stock) in pages.items():
                    if "ours" not in args.variants.split(","):
                        continue
                    for what, script, words in (("path", PATH_TIMES, "「XとYの関係」"),
                                                ("walk", WALK_TIMES, "scenario step")):
                        times = highlight_times(browser, base, ours, script) or [[0, 0]]
                        results[name, what] = {"ms": statistics.median(t[0] for t in times),
                                               "own": statistics.median(t[1] for t in times),
                                               "all": [round(t[0]) for t in times]}
                        print(f"  {name:>5} {what}  median {results[name, what]['ms']:8.0f} ms "
                              f"({words}: ask to highlighted frame, runs {results[name, what]['all']}; "
                              f"script's own work {results[name, what]['own']:.0f} ms)", flush=True)
                browser.close()
        finally:
            stop_server(server)
        own_paths = own_files(site)
        sizes = file_sizes(site, own_paths)

    print()
    print(f"load average after the run: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} CPU(s)")
    print(f"{'graph':>6} {'nodes':>6} {'edges':>6} {'ours ms':>9} {'stock ms':>10} {'speed-up':>9}")
    nan = {"ms": float("nan")}
    for name, g in graphs.items():
        ours, stock = results.get((name, "ours"), nan)["ms"], results.get((name, "stock"), nan)["ms"]
        print(f"{name:>6} {g.number_of_nodes():>6} {g.number_of_edges():>6} {ours:>9.0f}"
              f" {stock:>10.0f} {stock / ours:>8.1f}×")
    for key, r in results.items():
        if r.get("blocked") or r.get("errors"):
            print(f"  note {key}: blocked {len(r['blocked'])} outside request(s) "
                  f"{r['blocked'][:3]}; page errors {r['errors'][:2]}")
    own = sum(sizes[f] for f in own_paths)
    print()
    print("map page transfer size (uncompressed):")
    for rel, size in sizes.items():
        print(f"  {size / 1024:8.1f} KB  {rel}")
    print(f"  {own / 1024:8.1f} KB  HTML + the page's own JS/CSS")
    print(f"  {(own + sizes[render.VIS_ASSET]) / 1024:8.1f} KB  ... + vis-network (cached across pages)")
    fetched = results.get(("real", "ours"), {}).get("bytes", 0)
    print(f"  {fetched / 1024:8.1f} KB  everything the browser had fetched when the map was ready "
          "(incl. Material's CSS/JS)")
    largest = max((n for n in graphs if n != "real"), key=int, default=None)

    def ms(name: str, variant: str) -> float:
        return results.get((name, variant), nan)["ms"]

    checks = [("real graph < 1000 ms", ms("real", "ours") < 1000),
              ("page HTML + own JS/CSS < 600 KB", own < 600 * 1024),
              ("path highlight on the real graph < 100 ms", ms("real", "path") < 100),
              ("scenario step highlight on the real graph < 100 ms", ms("real", "walk") < 100)]
    if largest:
        checks += [(f"{largest} nodes < 3000 ms", ms(largest, "ours") < 3000),
                   (f"path highlight at {largest} nodes < 300 ms", ms(largest, "path") < 300),
                   (f"scenario step highlight at {largest} nodes < 300 ms", ms(largest, "walk") < 300),
                   (f">= 5x faster than stock at {largest} nodes",
                    ms(largest, "stock") / ms(largest, "ours") >= 5)]
    print()
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

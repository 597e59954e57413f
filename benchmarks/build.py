"""Benchmark: site build time with and without the project's plugins on synthetic docs trees.

Generates trees of 100 and 1,000 layer pages (5 sections each, ~10 cross-layer links per page)
plus a 500-row 早見表, builds each with the real theme and Markdown extensions: without the
project's plugins and hooks, with the concept-graph plugin only, and with every plugin and hook of
mkdocs.yml (the figure the target is about), and prints the times and the ratios measured in the
same run: wall-clock time, and the CPU time of the build process (user + system), which a machine
busy with other work disturbs much less.

Each round builds every variant once, one right after the other (the order rotates from round to
round); a ratio is taken within each round, and the median over the rounds is printed, with the
range of the rounds' ratios beside it. The same build's CPU time varies by ±10 % from one run to
the next on a shared machine; a ratio of the fastest runs (the figure before) hangs on the one
lucky run of the plain build, the median of the rounds' ratios does not (benchmarks/map.py prints
medians too).

    python3 scripts/bench.py build [--pages 100 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEADER = "| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n|--|--|--|--|--|--|--|--|\n"
SECTIONS = 5
LINKS_PER_PAGE = 10
ROWS = 500


def make_tree(folder: Path, pages: int, seed: int = 7) -> None:
    """Write docs/ with `pages` layer chapters and a 早見表 into `folder`."""
    rnd = random.Random(seed)
    docs = folder / "docs"
    (docs / "layers").mkdir(parents=True)
    (docs / "index.md").write_text("# ホーム\n\n[早見表](quick-reference.md)\n", encoding="utf-8")
    layer_of = {i: i % 5 + 1 for i in range(pages)}
    linked_from: dict[tuple[int, int], set[int]] = {}  # (page, section) -> layers of the pages linking to it
    for i in range(pages):
        lines = [f"---\ntitle: ページ{i}\nlayer: {layer_of[i]}\nsummary: 合成ページ{i}の要約。\n"
                 "reviewed: 2026-11-01\n---\n",
                 f"# ページ{i}\n"]
        link_sections = sorted(rnd.sample(range(SECTIONS), k=min(SECTIONS, 5)))
        links_left = LINKS_PER_PAGE
        for s in range(SECTIONS):
            lines.append(f"## {s + 1}. 節{i}-{s} {{#s{s}}}\n\n!!! abstract \"一言\"\n    節{i}-{s}の一言。\n")
            lines.append("この節では合成した文章でビルド時間を測る。" * 6 + "\n")
            per = LINKS_PER_PAGE // len(link_sections) if s in link_sections else 0
            for _ in range(min(per, links_left)):
                j = rnd.randrange(pages)
                while layer_of[j] == layer_of[i]:
                    j = rnd.randrange(pages)
                target = rnd.randrange(SECTIONS)
                linked_from.setdefault((j, target), set()).add(layer_of[i])
                lines.append(f"- 参照: [ページ{j}の節](p{j:04d}.md#s{target})\n")
                links_left -= 1
            lines.append("\n| 項目 | 値 |\n|--|--|\n| a | 1 |\n| b | 2 |\n")
        (docs / "layers" / f"p{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    rows = []
    for r in range(ROWS):
        i, s = rnd.randrange(pages), rnd.randrange(SECTIONS)
        cells = ["-"] * 6
        col = {1: 0, 2: rnd.choice([1, 2]), 3: 3, 4: 4, 5: 5}[layer_of[i]]
        cells[col] = "✅"
        cells[rnd.choice([c for c in range(6) if c != col])] = "🔧"
        for layer in linked_from.get((i, s), ()):  # 🔧 wherever a chapter links to the section (the build checks it)
            cols = [1, 2] if layer == 2 else [layer if layer > 2 else 0]  # columns 1 2A 2B 3 4 5
            if all(cells[c] == "-" for c in cols):
                cells[cols[0]] = "🔧"
        rows.append(f"| [概念{r}](layers/p{i:04d}.md#s{s}) | " + " | ".join(cells) + " | 合成 |")
    (docs / "quick-reference.md").write_text("# 早見表\n\n## 技術・概念\n\n" + HEADER + "\n".join(rows) + "\n",
                                             encoding="utf-8")


OWN_PLUGINS = "concept-map/"  # the project's plugins (pyproject.toml entry points)
GRAPH_PLUGIN = "concept-map/graph"
VARIANTS = {"none": "no plugins", "graph": "graph plugin", "all": "all plugins"}


def _name(entry) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def write_config(folder: Path, variant: str) -> Path:
    """The real mkdocs.yml with the synthetic docs and the hooks of `variant` (see VARIANTS)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=yaml.UnsafeLoader)  # the config uses !!python tags, as MkDocs does
    config.pop("nav", None)
    config["docs_dir"] = str(folder / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    hooks = config.get("hooks", []) if variant == "all" else []
    config["hooks"] = [str(ROOT / h) for h in hooks]
    keep = {"none": lambda name: not name.startswith(OWN_PLUGINS),
            "graph": lambda name: not name.startswith(OWN_PLUGINS) or name == GRAPH_PLUGIN,
            "all": lambda name: True}[variant]
    config["plugins"] = [p for p in config.get("plugins", []) if keep(_name(p))]
    config["extra_css"] = []
    config["extra_javascript"] = []
    config["validation"] = {"nav": {"omitted_files": "ignore"}}
    path = folder / f"{variant}.yml"
    # keep the !!python tags MkDocs needs: re-dump the markdown_extensions from the original text
    md_ext = text[text.index("markdown_extensions:"):]
    md_ext = md_ext[: md_ext.index("\nnav:")] if "\nnav:" in md_ext else md_ext
    config.pop("markdown_extensions", None)
    path.write_text(yaml.safe_dump(config, allow_unicode=True) + md_ext + "\n", encoding="utf-8")
    return path


def build_seconds(config: Path, site: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the build process) of one `mkdocs build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                            capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed for {config.name}:\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


Times = dict[str, list[tuple[float, float]]]  # variant -> (wall s, CPU s) of each round


def summary(times: Times, at: int) -> dict[str, tuple[float, float, float, float]]:
    """Per variant: (median seconds, median of the rounds' ratios to "none", lowest and highest
    of those ratios); at: 0 for wall-clock time, 1 for CPU time. A round's ratio compares builds
    that ran one right after the other, so a drift of the machine's speed affects both alike."""
    out = {}
    for variant, runs in times.items():
        ratios = [run[at] / base[at] for run, base in zip(runs, times["none"], strict=True)]
        out[variant] = (statistics.median(t[at] for t in runs), statistics.median(ratios), min(ratios), max(ratios))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=5,
                        help="rounds (each builds every variant once); medians are printed")
    args = parser.parse_args()
    print(f"{'pages':>6} {'':>5} {'no plugins':>10} {'graph plugin':>12} {'ratio':>6} {'all plugins':>11} "
          f"{'ratio':>6} {'ms/page (graph)':>16}   rounds' ratios (graph, all)")
    for pages in args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_tree(folder, pages)
            configs = {v: write_config(folder, v) for v in VARIANTS}
            times: Times = {v: [] for v in VARIANTS}
            order = list(VARIANTS)
            for _ in range(args.repeat):
                order = order[1:] + order[:1]  # rotate: no variant always runs first or last
                for variant in order:  # interleaved, so drift affects all alike
                    times[variant].append(build_seconds(configs[variant], folder / "site"))
                    shutil.rmtree(folder / "site", ignore_errors=True)
            for what, at in (("wall", 0), ("cpu", 1)):
                s = summary(times, at)
                (base, _, _, _), (graph, g_ratio, g_low, g_high), (every, a_ratio, a_low, a_high) = (
                    s[v] for v in VARIANTS)
                print(f"{pages:>6} {what:>5} {base:>9.2f}s {graph:>11.2f}s {g_ratio:>6.3f} {every:>10.2f}s "
                      f"{a_ratio:>6.3f} {1000 * graph / pages:>16.1f}   "
                      f"{g_low:.3f}–{g_high:.3f}, {a_low:.3f}–{a_high:.3f}", flush=True)


if __name__ == "__main__":
    main()

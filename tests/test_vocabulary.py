"""The vocabulary (graph/vocabulary.py): every kind complete, the generated CSS and payload match it,
and no kind colour, threshold or output path is spelled anywhere else."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from graph import vocabulary as v

ROOT = Path(__file__).resolve().parent.parent
# Page scripts that predate the vocabulary in the payload (none left: every page script reads
# `vocab`). Everything else is scanned.
LEGACY_JS: set[str] = set()
SCANNED = ("graph", "hooks", "sitedocs", "search_ja", "linkaudit", "benchmarks", "overrides", "docs/assets",
           "scripts", "mkdocs.yml")
SUFFIXES = {".py", ".js", ".mjs", ".css", ".html", ".yml"}


def _filled(obj) -> list[str]:
    """The names of the dataclass fields of obj that are empty (None is allowed where declared)."""
    empty = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None and "None" in str(f.type):
            continue
        if value in ("", None) or (isinstance(value, tuple | dict | list) and not value):
            empty.append(f.name)
    return empty


@pytest.mark.parametrize("table", ["LAYERS", "MARKS", "EDGES", "NODE_KINDS_DECL", "PAGE_KINDS", "FRESHNESS",
                                   "VOLATILITY"])
def test_every_kind_has_every_attribute(table):
    entries = getattr(v, table)
    assert entries
    for key, entry in entries.items():
        assert _filled(entry) == [], f"{table}[{key!r}]"
        assert getattr(entry, "key", getattr(entry, "number", None)) == key


def test_marks_edges_and_palettes():
    for key, mark in v.MARKS.items():
        assert mark.svg.startswith('<svg class="cm-mark__svg"') and mark.shape in mark.svg
        assert mark.colour.light and mark.colour.dark
        assert (key in v.RELATIONS) == (mark.edge is not None) == (mark.reading is not None)
    assert v.RELATIONS[0] == v.DEFINE  # the relation that gives a concept its layer comes first
    for edge in v.EDGES.values():
        assert edge.label and edge.meaning and edge.style.width > 0
        assert edge.style.colour.light and edge.style.colour.dark
        assert edge.mark is None or edge.mark in v.MARKS
        assert _filled(edge.reading) == [] and edge.reading.cost > 0
        assert "{s}" in edge.reading.step and ("{o}" in edge.reading.step or "{place}" in edge.reading.step)
        assert set(re.findall(r"\{(\w+)\}", edge.reading.step)) <= {"s", "o", "place", "how", "phrase"}
    relations = [e.reading.cost for k, e in v.EDGES.items() if k in v.RELATIONS]
    assert max(relations) < v.EDGES[v.CONTAINS].reading.cost  # paths prefer relations to structure
    patterns = [e.style.dashes for e in v.EDGES.values()]
    assert len(set(patterns)) == len(patterns)  # told apart by the line, not by colour alone
    assert set(v.DEFAULT_EDGES) < set(v.EDGES)
    assert len({m.symbol for m in v.MARKS.values()}) == len(v.MARKS)
    assert v.NO_MARK not in {m.symbol for m in v.MARKS.values()}


def test_freshness_thresholds_and_volatility():
    ages = [f.max_days for f in v.FRESHNESS.values() if f.max_days is not None]
    assert ages == sorted(ages) and ages[-1] > v.DEFAULT_INTERVAL_DAYS
    assert all(x.interval_days > 0 for x in v.VOLATILITY.values())


def test_outputs_are_site_relative():
    for name, path in dataclasses.asdict(v.OUTPUTS).items():
        assert path and not path.startswith("/") and ".." not in path, name
    assert v.OUTPUTS.graph.startswith(v.OUTPUTS.export_dir + "/")


def test_payload_is_json_and_mirrors_the_tables():
    payload = json.loads(json.dumps(v.to_payload(), ensure_ascii=False))
    assert set(payload["layers"]) == {str(n) for n in (0, *v.LAYERS)}
    assert list(payload["edges"]) == list(v.EDGES)  # display order
    assert set(payload["marks"]) == set(v.MARKS)
    assert payload["marks"]["use"]["relation"] is True and payload["marks"]["official"]["relation"] is False
    assert payload["edges"]["use"]["dashes"] == list(v.EDGES["use"].style.dashes)
    assert set(payload["nodeKinds"]) == set(v.NODE_KINDS_DECL)
    assert payload["freshness"]["order"] == list(v.FRESHNESS)
    assert payload["freshness"]["buckets"]["fresh"]["maxDays"] == v.FRESHNESS["fresh"].max_days
    assert payload["freshness"]["defaultIntervalDays"] == v.DEFAULT_INTERVAL_DAYS
    assert {payload["freshness"]["stale"], payload["freshness"]["undated"]} <= set(v.FRESHNESS)
    assert all({"out", "in", "step", "pathCost"} <= set(e) for e in payload["edges"].values())
    assert payload["outputs"]["cards"] == v.OUTPUTS.cards
    assert set(payload["volatility"]) == set(v.VOLATILITY)


def _css_blocks(css: str) -> dict[str, dict[str, str]]:
    blocks = {}
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        blocks[selector.strip()] = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", body))
    return blocks


def test_generated_css_matches_the_vocabulary():
    blocks = _css_blocks(v.to_css())
    light, dark = blocks[":root"], {**blocks[":root"], **blocks['[data-md-color-scheme="slate"]']}
    assert light == v.css_properties("light") and dark == v.css_properties("dark")
    for n, layer in v.LAYERS.items():
        assert light[f"--cm-layer-{n}"] == layer.colour.light
    for key, mark in v.MARKS.items():
        assert (light[f"--cm-mark-{key}"], dark[f"--cm-mark-{key}"]) == (mark.colour.light, mark.colour.dark)
    assert dark["--cm-edge-reference"] == v.EDGES["reference"].style.colour.dark
    css = v.to_css()
    for key in v.MARKS:  # every kind styled by a generated rule, none by hand
        assert f".cm-mark--{key} {{\n  color: var(--cm-mark-{key});\n}}" in css
    for key in v.EDGES:
        assert f".cm-line.cm-line--{key} {{\n  border-top-style: var(--cm-edge-{key}-style);\n" in css
        if v.EDGES[key].style.sample == "gradient":  # its dashes to scale, in its colour
            assert f"var(--cm-edge-{key}) 0 var(--cm-edge-{key}-dash)" in css
    for key, mark in v.MARKS.items():  # the lines inside a filled badge, also in forced colours
        rule = f".cm-mark--{key} .cm-mark__svg path {{\n  stroke: var(--cm-mark-{key}-inner);\n}}"
        assert (rule in css) == (mark.inner is not None)
        assert (f"--cm-mark-{key}-inner" in light) == (mark.inner is not None)
    assert css.rstrip().endswith("}\n}") and "@media (forced-colors: active) {\n  .cm-mark--define" in css
    for key in v.RELATIONS:  # the 早見表 cell of a relation mark, in the mark's colour
        assert f".cm-qr-cell--{key} {{\n  --cm-qr-mark: var(--cm-mark-{key});\n}}" in css


def test_stylesheets_use_only_declared_properties():
    """Every var(--cm-…) of the hand-written CSS is generated or declared by the stylesheets."""
    generated = set(v.css_properties("light"))
    generated |= {p for decls in v.css_rules().values() for p in decls if p.startswith("--")}
    sheets = (ROOT / "docs/assets/stylesheets").glob("*.css")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sheets)
    declared = set(re.findall(r"(--cm-[\w-]+)\s*:", text))
    used = set(re.findall(r"var\((--cm-[\w-]+)", text))
    assert used - generated - declared == set()
    # a kind's own rule is generated, not hand-written
    kinds = "|".join(map(re.escape, [*v.MARKS, *v.EDGES]))
    assert re.findall(rf"^\.cm-mark--({kinds}) \{{ color", text, re.M) == []


def _literals() -> dict[str, re.Pattern]:
    """What must not be spelled outside the vocabulary: kind colours (hex or r,g,b), freshness
    thresholds and output paths as string literals."""
    colours = set()
    for palette in [*(x.colour for x in (*v.LAYERS.values(), v.NO_LAYER, *v.MARKS.values(),
                                         *v.FRESHNESS.values())),
                    *(e.style.colour for e in v.EDGES.values())]:
        colours |= {c for c in (palette.light, palette.dark) if c.startswith("#")}
    found = {}
    for c in colours:
        r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
        found[c] = re.compile(rf"{re.escape(c)}\b|\b{r},\s*{g},\s*{b}\b", re.IGNORECASE)
    for days in {f.max_days for f in v.FRESHNESS.values() if f.max_days} | {v.DEFAULT_INTERVAL_DAYS}:
        # a number of days: on a line that speaks of days, dates or review intervals
        found[f"{days} days"] = re.compile(rf"(?i)(?=.*(day|interval|fresh|stale|review))"
                                           rf".*(?<![\w.#-]){days}(?![\w.-])")
    for path in (v.OUTPUTS.graph, v.OUTPUTS.graphml, v.OUTPUTS.cards, v.OUTPUTS.vocabulary_css,
                 v.OUTPUTS.search_index):
        name = path.rsplit("/", 1)[-1]
        found[path] = re.compile(rf"[\"']({re.escape(path)}|{re.escape(name)})[\"']")
    return found


def _scanned_files():
    for entry in SCANNED:
        path = ROOT / entry
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        for file in files:
            rel = file.relative_to(ROOT).as_posix()
            if rel == "graph/vocabulary.py" or rel in LEGACY_JS or "/vendor/" in rel:
                continue
            yield rel, file.read_text(encoding="utf-8")


def test_no_vocabulary_literal_elsewhere():
    literals = _literals()
    offenders = []
    for rel, text in _scanned_files():
        for lineno, line in enumerate(text.splitlines(), 1):
            if rel.endswith(".py") and re.match(r"\s*(#|\"\"\"|[A-Za-z].*\"\"\"$)", line):
                continue
            offenders += [f"{rel}:{lineno}: {what}" for what, rx in literals.items() if rx.search(line)]
    assert offenders == []


def test_the_literal_scan_can_fail():
    """The scan above finds each kind of literal (so an empty result means something)."""
    literals = _literals()
    samples = {"#1565c0": "color: #1565C0;", "183 days": "days < 183 ?", v.OUTPUTS.cards: "x = 'cards.json'"}
    for what, line in samples.items():
        assert literals[what].search(line), what
    assert not literals["183 days"].search("width: 1.83rem; id-183; days")
    assert not literals["180 days"].search("SENTENCE_LIMIT = 180")


# ------------------------------------------------------------------ kind names in scripts and styles

FRONT_END = ("docs/assets/javascripts", "docs/assets/stylesheets", "overrides")
# Being converted to a module by another change (its URL parameters ?def=&use= name its filters).
KIND_SCAN_PENDING = {"docs/assets/javascripts/quick-reference.js"}


def _kind_patterns() -> dict[str, list[re.Pattern]]:
    """How a script, stylesheet or template would spell an edge kind or mark kind itself: a quoted
    name or an object key in JS ("define", { use: 1 }), a class or custom property of the site's
    own (cm-) in CSS and HTML (.cm-line--reference, var(--cm-mark-define); Material's
    .md-search-result__article is not one). Freshness buckets: a quoted name in JS."""
    kinds = "|".join(sorted(map(re.escape, {*v.EDGES, *v.MARKS}), key=len, reverse=True))
    buckets = "|".join(map(re.escape, v.FRESHNESS))
    return {
        ".js": [re.compile(rf"[\"'`]({kinds}|{buckets})[\"'`]"), re.compile(rf"[{{,]\s*({kinds})\s*:")],
        ".css": [re.compile(rf"\bcm-[\w-]*?[-_]({kinds})(?!\w)")],
        ".html": [re.compile(rf"\bcm-[\w-]*?[-_]({kinds})(?!\w)|[\"']({kinds})[\"']")],
    }


def _code_only(text: str, suffix: str) -> str:
    """The text without comments (JS and CSS block comments, JS line comments, Jinja comments)."""
    text = re.sub(r"/\*.*?\*/|\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), text, flags=re.DOTALL)
    if suffix == ".js":
        text = re.sub(r"(?m)(^|\s)//.*$", r"\1", text)
    return text


def _kind_offenders(rel: str, text: str, patterns: dict[str, list[re.Pattern]]) -> list[str]:
    suffix = Path(rel).suffix
    found = []
    for lineno, line in enumerate(_code_only(text, suffix).splitlines(), 1):
        found += [f"{rel}:{lineno}: {m.group()}" for rx in patterns.get(suffix, []) for m in rx.finditer(line)]
    return found


def test_no_kind_name_in_scripts_or_styles():
    """Scripts, stylesheets and templates read every edge and mark kind from the vocabulary
    (the payload's `vocab`, generated vocabulary.css): adding a kind needs no line there."""
    patterns = _kind_patterns()
    offenders = []
    for entry in FRONT_END:
        for file in sorted((ROOT / entry).rglob("*")):
            rel = file.relative_to(ROOT).as_posix()
            if file.suffix in patterns and "/vendor/" not in rel and rel not in KIND_SCAN_PENDING:
                offenders += _kind_offenders(rel, file.read_text(encoding="utf-8"), patterns)
    assert offenders == []


@pytest.mark.parametrize(("name", "text"), [
    ("a.js", 'if (kind === "define") x();'),
    ("a.js", "const COST = { relation: 1, use: 2 };"),
    ("a.js", "return 'old';"),
    ("a.css", ".cm-line--reference { border: 0; }"),
    ("a.css", "  color: var(--cm-mark-use);"),
    ("a.css", ".cm-qr-cell--define::after { content: 'x'; }"),
    ("a.html", '<span class="cm-mark cm-mark--official">'),
])
def test_the_kind_scan_can_fail(name, text):
    assert _kind_offenders(name, text, _kind_patterns()) != []


@pytest.mark.parametrize(("name", "text"), [
    ("a.js", '"use strict"; // "define" in a comment'),
    ("a.js", "const used = user.reference_count; /* 'use' */"),
    ("a.css", ".cm-line { user-select: none; } /* .cm-line--reference */"),
    ("a.css", ".cm-qr-cell--mark { color: var(--cm-qr-mark); }"),
    ("a.css", ".md-search-result__article > p { display: none; }"),
])
def test_the_kind_scan_passes_other_words(name, text):
    assert _kind_offenders(name, text, _kind_patterns()) == []


# ------------------------------------------------------- the layer label and the concept id prefix

LABEL_SCANNED = ("graph", "views", "hooks", "sitedocs", "search_ja", "docs/assets/javascripts", "overrides")
# 「第{n}層」 built in code (an f-string or format template, a JS concatenation or template
# literal, a regular expression that reads it) and the concept id prefix spelled in a script:
# both come from the vocabulary
RESPELLED = {
    ".py": [re.compile(r"第\{|第\\?[(\[]")],
    ".html": [re.compile(r"第\{")],
    ".js": [re.compile(r"[\"'`]第[\"'`]\s*\+|第\$\{"),
            re.compile(rf"[\"'`]{re.escape(v.NODE_KINDS_DECL[v.CONCEPT].prefix)}")],
}


def _respelled(rel: str, text: str) -> list[str]:
    suffix = Path(rel).suffix
    found = []
    for lineno, line in enumerate(_code_only(text, suffix).splitlines(), 1):
        if suffix == ".py" and re.match(r"\s*(#|\"\"\"|[A-Za-z].*\"\"\"$)", line):
            continue
        found += [f"{rel}:{lineno}: {m.group()}" for rx in RESPELLED.get(suffix, []) for m in rx.finditer(line)]
    return found


def test_layer_label_and_concept_prefix_come_from_the_vocabulary():
    """「第N層」 is formatted by one function per language — graph/vocabulary.py layer_label /
    layer_title, the page scripts' layerLabel / layerTitle (concept-map/vocab.js, from the payload's
    `layerLabel`) — and no script spells the concept id prefix."""
    assert (v.layer_label(3), v.layer_label("2・5"), v.layer_title(1)) == ("第3層", "第2・5層", "第1層 LLM層")
    assert v.to_payload()["layerLabel"] == v.LAYER_LABEL
    offenders = []
    for entry in LABEL_SCANNED:
        for file in sorted((ROOT / entry).rglob("*")):
            rel = file.relative_to(ROOT).as_posix()
            if file.suffix in RESPELLED and rel != "graph/vocabulary.py" and "/vendor/" not in rel:
                offenders += _respelled(rel, file.read_text(encoding="utf-8"))
    assert offenders == []


@pytest.mark.parametrize(("name", "text"), [
    ("a.py", '    where = f"第{self.layer}層"'),
    ("a.py", '_OWN = re.compile(r"^第([1-5])層の概念$")'),
    ("a.py", 'HEADING = re.compile(r"第[1-5]層")'),
    ("a.js", '  const where = "第" + n.layer + "層";'),
    ("a.js", "  return `第${n}層`;"),
    ("a.js", '  href = base + "?focus=" + encodeURIComponent("concept:" + id);'),
])
def test_the_label_scan_can_fail(name, text):
    assert _respelled(name, text) != []


# ------------------------------------------------------------------------- named media queries

# Not scanned: the vocabulary itself and its JSON copy for the Node tests (test_map_modules keeps
# it equal to the payload); build output and installed packages.
MEDIA_UNSCANNED = {"graph/vocabulary.py", "tests/js/vocab.json"}
MEDIA_SKIPPED_DIRS = {".git", ".venv", "node_modules", "site", "__pycache__", ".ruff_cache", ".pytest_cache"}


def _media_lengths() -> dict[str, re.Pattern]:
    """Each length a named media query of the vocabulary declares, as the number alone (so that
    a query written another way with the same number is found too)."""
    numbers = {n for query in v.MEDIA.values() for n in re.findall(r"\d+(?:\.\d+)?(?=em|px|rem)", query)}
    return {n: re.compile(rf"(?<![\d.]){re.escape(n)}(?![\d])") for n in numbers}


def _media_offenders(rel: str, text: str, lengths: dict[str, re.Pattern]) -> list[str]:
    return [f"{rel}:{lineno}: {n}" for lineno, line in enumerate(text.splitlines(), 1)
            for n, rx in lengths.items() if rx.search(line)]


def test_media_queries_are_spelled_only_in_the_vocabulary():
    """The phone breakpoint is declared once (graph/vocabulary.py MEDIA): stylesheets write
    `@media (--cm-phone)`, which the build resolves; the scripts read the query from the payload
    (vocab.media) or from a11y/main.js's tag (overrides/main.html data-cm-phone)."""
    assert v.to_payload()["media"] == v.MEDIA and "phone" in v.MEDIA
    lengths = _media_lengths()
    assert lengths
    offenders = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in MEDIA_SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            rel = path.relative_to(ROOT).as_posix()
            if rel not in MEDIA_UNSCANNED and path.suffix in {*SUFFIXES, ".md", ".json", ".toml", ".txt"}:
                offenders += _media_offenders(rel, path.read_text(encoding="utf-8", errors="replace"), lengths)
    assert offenders == []


def test_the_media_scan_can_fail():
    lengths = _media_lengths()
    query = v.MEDIA["phone"]
    number = re.search(r"\d+(?:\.\d+)?", query).group()
    for line in (f"@media screen and {query} {{", f'export const PHONE = "{query}";',
                 f"if (!window.matchMedia('(max-width: {number}em)').matches) return;"):
        assert _media_offenders("a.css", line, lengths) != [], line
    assert _media_offenders("a.css", f"width: 1{number}em; x: {number}5", lengths) == []


def test_custom_media_queries_resolve_from_the_vocabulary():
    css = ".a { color: red; }\n@media screen and (--cm-phone) {\n  .b { display: none; }\n}\n" \
          ".c { --cm-phone: 1; }\n@media (--cm-tablet), (--cm-phone) { }\n"
    resolved, unknown = v.resolve_custom_media(css)
    assert resolved == css.replace("(--cm-phone) {\n", v.MEDIA["phone"] + " {\n").replace(
        "(--cm-tablet), (--cm-phone)", "(--cm-tablet), " + v.MEDIA["phone"])
    assert ".c { --cm-phone: 1; }" in resolved  # a custom property, not a media query
    assert unknown == [(6, "--cm-tablet")]
    assert v.resolve_custom_media(".a { color: red; }\n") == (".a { color: red; }\n", [])

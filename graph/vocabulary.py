"""The site's vocabulary, declared once: layers, marks and edge kinds, node kinds, page kinds,
freshness thresholds, volatility classes and output paths.

Python reads it everywhere (schema, 早見表 parser, build, views, hooks); the page scripts get it
in the map payload and cards.json as `vocab` (`to_payload()`); the stylesheets get it as custom
properties in a stylesheet written at build time (`to_css()`, served at `OUTPUTS.vocabulary_css`).
Nothing here imports anything of the project: pure data and two serialisers.

Adding a mark kind (say a third concept→layer relation) is one `Mark` entry in `MARKS` (with an
`EdgeStyle` when it is a relation typed in the 早見表) plus its tests.

Shape of `to_payload()` (JSON; what the front-end consumes, keys stable):

    {
      "version": 1,
      "layers": {"1": {"name": "LLM層", "short": "モデルそのもの",
                       "colour": {"light": "#6d4c41", "dark": "#6d4c41"}}, …, "0": {…}},
                    # "0": a node without a valid layer
      "layerLabel": "第{n}層",
                    # a layer named by number: {n} is the number (or numbers joined: 「第2・5層」)
      "faces": {"A": {"name": "2A", "direction": "クライアント→LLM", "layer": 2}, "B": {…}},
                    # layer 2's faces: a payload edge's fifth item lists them ("A", "AB")
      "marks": {"define": {"symbol": "✅", "text": "定義", "name": "定義（✅）",
                           "meaning": "…", "svg": "<svg …>…</svg>",
                           "colour": {"light": "#1b7a3a", "dark": "#5fd38a"},
                           "relation": true}, …},
                    # relation: typed in a 早見表 layer cell, becomes a concept→layer edge
      "edges": {"define": {"label": "定義", "words": "定義", "meaning": "…", "mark": "define",
                           "dashes": null | [6, 5], "width": 1.2, "arrow": true,
                           "colour": {"light": "layer" | css colour, "dark": …},
                           "default": false, "out": "定義している層", "in": "この層で定義する概念",
                           "step": "{s}は{place}で定義される{how}。", "pathCost": 1,
                           "labelChars": 0 | 16}, …},
                    # in display order; "mark": the mark whose badge stands for the kind (or null);
                    # "labelChars": a labelled kind's phrase on the canvas, shortened to that
                    # many characters (0: no label);
                    # colour "layer": the colour of the node's layer (the script lightens it on
                    # dark backgrounds); "default": shown when the map opens; "out"/"in": the
                    # panel's headings of neighbours; "step": a path's step in words (EdgeReading);
                    # "pathCost": lower is preferred by 「XとYの関係」
      "edgeContext": {"alpha": 0.12, "width": 1.0},
                    # the full map's lines that are only context (zoomed in, not focused): their
                    # kind's colour at alpha times its opacity, width canvas px (ContextLine)
      "nodeKinds": {"layer": {"name": "層", "prefix": "layer:", "stored": true}, …,
                    "product": {"name": "製品", "prefix": "concept:", "stored": false}},
      "freshness": {"buckets": {"fresh": {"name": "…", "maxDays": 183,
                                          "colour": {"light": "#2e7d32", "dark": …},
                                          "dashes": null | [6, 3], "border": "solid"}, …},
                    "order": ["fresh", "aging", "old", "unknown"], "stale": "old", "undated": "unknown",
                    "defaultIntervalDays": 180},
                    # a node's bucket: "old" when stale, "unknown" without a date, else the first
                    # bucket (in order) whose maxDays is above its age in days
      "volatility": {"model-lineup": {"name": "…", "intervalDays": 30}, …},
      "outputs": {"graph": "concept-map/graph.json", "cards": "concept-map/cards.json", …},
                    # site-root-relative paths and URLs
      "media": {"phone": "(max-width: …em)"},
                    # named media queries (MEDIA), for matchMedia
    }
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Final


@dataclass(frozen=True)
class Palette:
    """A colour for Material's light ("default") and dark ("slate") schemes."""

    light: str
    dark: str

    def to_json(self) -> dict[str, str]:
        return {"light": self.light, "dark": self.dark}


def same(colour: str) -> Palette:
    """One colour for both schemes (e.g. a band that carries white text in both)."""
    return Palette(colour, colour)


# ------------------------------------------------------------------------------------------ layers

@dataclass(frozen=True)
class Layer:
    number: int
    name: str
    short: str
    colour: Palette  # white text on it: >= 4.5:1 (WCAG AA) in both schemes


LAYERS: Final[dict[int, Layer]] = {
    1: Layer(1, "LLM層", "モデルそのもの", same("#6d4c41")),
    2: Layer(2, "通信層", "APIを流れるもの", same("#1565c0")),
    3: Layer(3, "LLMオーケストレーション層", "LLMと対話するプログラム", same("#8e24aa")),
    4: Layer(4, "外部ツール層", "ツールの実体", same("#2e7d32")),
    5: Layer(5, "UI・運用層", "人が触る画面と運用", same("#b84500")),
}
NO_LAYER: Final = Layer(0, "層なし", "", same("#546e7a"))  # a node without a valid layer
LAYER_NUMBERS: Final = range(1, 6)
LAYER_LABEL: Final = "第{n}層"  # how the site names a layer by number (payload `layerLabel`)


def layer_label(n: int | str) -> str:
    """「第3層」 (n may be several numbers already joined: 「第2・5層」)."""
    return LAYER_LABEL.format(n=n)


def layer_title(n: int) -> str:
    """「第3層 LLMオーケストレーション層」: the label and the layer's name."""
    return f"{layer_label(n)} {LAYERS[n].name}"
LAYER_COLOURS: Final[dict[int, str]] = {0: NO_LAYER.colour.light,
                                        **{n: layer.colour.light for n, layer in LAYERS.items()}}


@dataclass(frozen=True)
class Face:
    """A face of layer 2 (the 早見表's 2A/2B columns): the side of the API a concept is on."""

    key: str        # "A" / "B": the face as the graph stores it (a concept's faces, an edge's face)
    name: str       # 2A / 2B: how the site names it
    direction: str  # クライアント→LLM / LLM→クライアント


FACE_LAYER: Final = 2  # the layer with faces
FACES: Final[dict[str, Face]] = {
    "A": Face("A", "2A", "クライアント→LLM"),
    "B": Face("B", "2B", "LLM→クライアント"),
}

# ------------------------------------------------------------------------------- marks and edges

@dataclass(frozen=True)
class EdgeStyle:
    """How an edge kind is drawn on the map (and its line sample in the legend). The dash
    pattern tells kinds apart without colour (WCAG 1.4.1); every colour is >= 3:1 on the page
    in its scheme (WCAG 1.4.11). colour "layer": the colour of the edge's layer."""

    colour: Palette
    dashes: tuple[int, ...] | None = None  # canvas dash pattern in px; None: solid
    width: float = 1.2
    arrow: bool = True
    default: bool = True  # shown when the map opens
    # the legend's line sample: "border" (a CSS border in the kind's dash style) or "gradient"
    # (its dashes to scale, in its colour, as the map draws it: for long dashes CSS cannot draw)
    sample: str = "border"
    # a labelled kind (relation): the selected node's edges carry their phrase on the canvas,
    # shortened to this many characters (the full phrase in the tooltip and the panel); 0: none
    label_chars: int = 0


@dataclass(frozen=True)
class EdgeReading:
    """How the map reads an edge kind: the panel's headings of a node's neighbours by it, one step
    of a path (「XとYの関係」) in words, and how much a path prefers it."""

    out: str   # heading of the neighbours an edge of the kind leads to (定義している層)
    into: str  # heading of the neighbours it comes from (この層で定義する概念)
    # one step: {s} the subject, {o} the object, {place} the object (a layer: 「第N層 …」),
    # {how} the relation table's phrase in brackets (or nothing), {phrase} the bare phrase
    step: str
    cost: float  # the cost of walking it in a path: lower is preferred


@dataclass(frozen=True)
class Mark:
    """A mark authors type in Markdown and the site draws as a badge (SVG + text label)."""

    key: str      # define / use / official / article
    symbol: str   # the character authors type (without U+FE0F)
    text: str     # the visible label: 定義, 利用, 公式, 記事
    name: str     # the accessible name: 定義（✅）, 利用（🔧）, 公式ドキュメント, 記事・論文
    meaning: str  # one line for legends
    shape: str    # SVG body in a 16×16 viewBox, drawn with currentColor
    colour: Palette  # the badge's colour
    # the lines drawn inside a filled badge (define's check), when the shape has any
    inner: Palette | None = None
    edge: EdgeStyle | None = None  # a relation of a concept to a layer, typed in a 早見表 cell
    reading: EdgeReading | None = None  # a relation's words and path cost (with `edge`)

    @property
    def relation(self) -> bool:
        return self.edge is not None

    @property
    def svg(self) -> str:
        """The bare SVG, hidden from assistive technology (the badge names it)."""
        return ('<svg class="cm-mark__svg" viewBox="0 0 16 16" width="16" height="16" '
                f'aria-hidden="true" focusable="false">{self.shape}</svg>')


DEFINE: Final = "define"      # concept → layer (✅ in the 早見表): the layer that defines it
USE: Final = "use"            # concept → layer (🔧 in the 早見表): a layer that uses it
OFFICIAL: Final = "official"  # 📘 official documentation link
ARTICLE: Final = "article"    # 🔗 article or paper link
REFERENCE: Final = "reference"  # a cross-layer Markdown link, section/page → section/page
EXPLAINS: Final = "explains"    # section → concept (the 早見表 row's link)
CONTAINS: Final = "contains"    # layer → page → section
RELATION: Final = "relation"    # concept → concept/section/chapter, labelled: a relation table cell

_FG_LIGHT, _FG_DARK = "33,33,33", "226,228,233"  # Material's body text in each scheme


def _fg(alpha: float) -> Palette:
    """The page's text colour at `alpha` (lines that recede behind the layer colours)."""
    return Palette(f"rgba({_FG_LIGHT},{alpha})", f"rgba({_FG_DARK},{alpha})")


# Shapes: a filled disc with a check (define), a hollow diamond with a centre dot (use),
# a book (official documentation), two chain links (article / paper).
MARKS: Final[dict[str, Mark]] = {
    DEFINE: Mark(
        DEFINE, "\u2705", "定義", "定義（✅）", "その層で定義される（その層の章で解説する）",
        '<circle cx="8" cy="8" r="7.5" fill="currentColor"/>'
        '<path d="M4.3 8.3l2.4 2.4 5-5.2" fill="none" stroke="#fff" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round"/>',
        Palette("#1b7a3a", "#5fd38a"),
        Palette("#fff", "#0b1f12"),  # the check: white, and dark on slate's light disc
        # implied by the band colour: off when the map opens
        EdgeStyle(Palette("layer", "layer"), default=False),
        EdgeReading("定義している層", "この層で定義する概念", "{s}は{place}で定義される{how}。", 1)),
    USE: Mark(
        USE, "\U0001F527", "利用", "利用（🔧）", "その層で使われる／影響する",
        '<path d="M8 1.2L14.8 8 8 14.8 1.2 8z" fill="none" stroke="currentColor" '
        'stroke-width="1.8" stroke-linejoin="round"/><circle cx="8" cy="8" r="2.2" '
        'fill="currentColor"/>',
        Palette("#8a4b00", "#ffb454"), None,
        EdgeStyle(_fg(0.65), (6, 5)),
        EdgeReading("使われる層", "この層で使う概念", "{s}は{place}で使われる{how}。", 1.2)),
    OFFICIAL: Mark(
        OFFICIAL, "\U0001F4D8", "公式", "公式ドキュメント", "公式ドキュメントへのリンク",
        '<path d="M2 2.5h4.2c1 0 1.8.8 1.8 1.8V14c0-.8-.7-1.4-1.5-1.4H2z'
        'M14 2.5H9.8c-1 0-1.8.8-1.8 1.8V14c0-.8.7-1.4 1.5-1.4H14z" fill="none" '
        'stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>',
        Palette("#2f4fb3", "#9db4ff")),
    ARTICLE: Mark(
        ARTICLE, "\U0001F517", "記事", "記事・論文", "記事・論文・解説へのリンク",
        '<path d="M6.6 9.4a3 3 0 0 0 4.2 0l2.4-2.4a3 3 0 0 0-4.2-4.2l-1 1'
        'M9.4 6.6a3 3 0 0 0-4.2 0L2.8 9a3 3 0 0 0 4.2 4.2l1-1" fill="none" '
        'stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>',
        Palette("#5b5b66", "#c3c3cf")),
}
NO_MARK: Final = "-"  # a 早見表 layer cell without a relation
RELATIONS: Final[tuple[str, ...]] = tuple(k for k, m in MARKS.items() if m.relation)


@dataclass(frozen=True)
class EdgeKind:
    """A kind of edge of the graph: a relation mark's, or a structural one."""

    key: str
    label: str    # the name shown in the map's filter and the text version
    meaning: str
    style: EdgeStyle
    reading: EdgeReading
    mark: str | None = None  # the mark whose badge stands for it


_STRUCTURAL: Final = (
    EdgeKind(REFERENCE, "層をまたぐ参照", "他の層の章・節へのリンク",
             EdgeStyle(Palette("#d81b60", "#f48fb1"), (14, 4), width=2.5, sample="gradient"),
             EdgeReading("参照先（他の層）", "参照元（他の層）", "{s}は{o}を参照する。", 2)),
    EdgeKind(EXPLAINS, "解説", "概念を解説する節",
             EdgeStyle(_fg(0.65), (2, 4)),
             EdgeReading("解説している概念", "解説している節", "{s}は{o}を解説する。", 1.5)),
    # a chapter's relation table (graph/relations.py): its phrase is the edge's label
    EdgeKind(RELATION, "関係", "関係表の言葉でつながる概念と層・概念",
             EdgeStyle(Palette("#00796b", "#4db6ac"), (10, 3, 2, 3), width=1.6, default=False,
                       label_chars=16),
             EdgeReading("関係する節・概念", "関係づけている概念", "{s}は{place}と関係する: {phrase}。", 1)),
    # implied by the bands: off when the map opens
    EdgeKind(CONTAINS, "構成", "層・章・節の入れ子",
             EdgeStyle(_fg(0.6), (1, 7), width=1, arrow=False, default=False),
             EdgeReading("含む", "含まれる", "{s}は{o}を含む。", 4)),
)
# Display order: the relations (in MARKS order), then the structural kinds.
EDGES: Final[dict[str, EdgeKind]] = {
    **{k: EdgeKind(k, m.text, m.meaning, m.edge, m.reading, mark=k)
       for k, m in MARKS.items() if m.edge and m.reading},
    **{e.key: e for e in _STRUCTURAL},
}
EDGE_KINDS: Final[tuple[str, ...]] = tuple(EDGES)


@dataclass(frozen=True)
class ContextLine:
    """How the full map draws an edge that is only context (zoomed in, neither end hovered nor
    selected): its kind's colour at `alpha` times its opacity, `width` canvas px wide, so that the
    lines do not cross every label (#24). The focused node's edges keep their kind's full style
    (and the >= 3:1 contrast EdgeStyle promises)."""

    alpha: float = 0.12
    width: float = 1.0


CONTEXT_LINE: Final = ContextLine()
LOCAL_CONTEXT_LINE: Final = ContextLine(alpha=0.35, width=0.0)  # width 0: the kind's own
"""A chapter's local map at rest: its lines say which concept meets which, so they stay visible,
but below the labels they cross (a phone's chapter map is mostly lines otherwise); the hovered or
selected node's lines are drawn in full."""
DEFAULT_EDGES: Final[tuple[str, ...]] = tuple(k for k, e in EDGES.items() if e.style.default)

# ------------------------------------------------------------------------------------- node kinds

@dataclass(frozen=True)
class NodeKind:
    key: str
    name: str     # 層, 章, 節, 概念, 製品
    stored: bool  # a kind of node in the graph (False: a display kind, derived when drawn)
    prefix: str   # the id prefix of its nodes


LAYER: Final = "layer"
PAGE: Final = "page"
SECTION: Final = "section"
CONCEPT: Final = "concept"
PRODUCT: Final = "product"  # a concept of the 早見表's 製品 table
NODE_KINDS_DECL: Final[dict[str, NodeKind]] = {
    LAYER: NodeKind(LAYER, "層", True, f"{LAYER}:"),
    PAGE: NodeKind(PAGE, "章", True, f"{PAGE}:"),
    SECTION: NodeKind(SECTION, "節", True, f"{SECTION}:"),
    CONCEPT: NodeKind(CONCEPT, "概念", True, f"{CONCEPT}:"),
    PRODUCT: NodeKind(PRODUCT, "製品", False, f"{CONCEPT}:"),
}

# ------------------------------------------------------------------------------------- page kinds

@dataclass(frozen=True)
class PageKind:
    key: str
    name: str
    recognised_by: str  # how the build tells a page of this kind
    template: str       # the template (under overrides/) that shapes it
    on_map: bool        # whether its pages are nodes of the concept map


CHAPTER_DIR: Final = "layers/"  # every page under docs/layers/ is a layer chapter
LAYER_KEY: Final = "layer"      # the front matter key that puts a page in a layer
QUICKREF_SRC: Final = "quick-reference.md"
MAP_PAGE_SRC: Final = "concept-map.md"
SCENARIOS_SRC: Final = "scenarios.md"  # 「シナリオで読む」 (graph/scenarios.py)
CHANGELOG_SRC: Final = "changelog.md"
PAGE_KINDS: Final[dict[str, PageKind]] = {
    "chapter": PageKind("chapter", "層の章", f"front matter `{LAYER_KEY}` (pages under {CHAPTER_DIR})",
                        "partials/content.html", True),
    "quick-reference": PageKind("quick-reference", "早見表", f"src {QUICKREF_SRC}",
                                "main.html", False),
    "concept-map": PageKind("concept-map", "概念マップ", f"src {MAP_PAGE_SRC}", "main.html", False),
    "changelog": PageKind("changelog", "更新履歴", f"src {CHANGELOG_SRC} (generated from git)",
                          "main.html", False),
    "other": PageKind("other", "その他", "any other page", "main.html", False),
}


def page_kind(src: str, meta: dict | None = None) -> str:
    """The key of the page kind of a docs-relative src with its front matter."""
    if (meta or {}).get(LAYER_KEY) is not None:
        return "chapter"
    return {QUICKREF_SRC: "quick-reference", MAP_PAGE_SRC: "concept-map",
            CHANGELOG_SRC: "changelog"}.get(src, "other")


# ------------------------------------------------------------------------ freshness and volatility

@dataclass(frozen=True)
class Freshness:
    """A bucket of the map's freshness view: the age of a node's review date."""

    key: str
    name: str
    max_days: int | None  # below this many days since the review (None: not by age)
    colour: Palette
    dashes: tuple[int, ...] | None  # its border on the canvas (not colour alone)
    border: str  # the legend key's CSS border style


DEFAULT_INTERVAL_DAYS: Final = 180  # a chapter's review interval without `review_interval`
FRESHNESS: Final[dict[str, Freshness]] = {
    "fresh": Freshness("fresh", "半年以内に確認", 183, same("#2e7d32"), None, "solid"),
    "aging": Freshness("aging", "半年〜1年前に確認（破線）", 365, same("#c88c00"), (6, 3), "dashed"),
    "old": Freshness("old", "1年以上前か確認期限切れ（点線・要再確認）", None, same("#c62828"),
                     (2, 3), "dotted"),
    "unknown": Freshness("unknown", "確認日なし", None, same("#78909c"), None, "solid"),
}
STALE_BUCKET: Final = "old"        # a node past its review date, whatever its age
UNDATED_BUCKET: Final = "unknown"  # a node without a review date


@dataclass(frozen=True)
class Volatility:
    """How fast a kind of fact changes, and how often it must be re-checked."""

    key: str
    name: str
    interval_days: int


# The `class` of each entry of docs/data/facts.yml (facts/): a fact whose `checked` date is more
# than interval_days ago is stale (「要再確認」 beside the value, `graph check --stale`).
VOLATILITY: Final[dict[str, Volatility]] = {
    "model-lineup": Volatility("model-lineup", "モデルの顔ぶれ（名前・ID・コンテキスト長・状態）", 30),
    "deprecation": Volatility("deprecation", "提供終了・非推奨の日程", 30),
    "price": Volatility("price", "料金", 60),
    "api-parameter": Volatility("api-parameter", "APIのパラメータ・仕様の版", 90),
    "concept": Volatility("concept", "概念・仕組み（変わりにくい事実）", 365),
}

# The kinds of fact (the data file's per-vendor lists) and the statuses they carry, with the
# labels pages show; the words a rendered value or row carries.
FACT_MODELS: Final = "models"
FACT_PARAMETERS: Final = "parameters"
FACT_VALUES: Final = "values"
FACT_KINDS: Final = (FACT_MODELS, FACT_PARAMETERS, FACT_VALUES)
MODEL_STATUS: Final[dict[str, str]] = {
    "current": "現行", "legacy": "旧世代（利用可）", "deprecated": "非推奨", "retired": "提供終了"}
PARAMETER_STATUS: Final[dict[str, str]] = {
    "ga": "一般提供", "beta": "ベータ", "preview": "プレビュー", "deprecated": "非推奨", "removed": "廃止"}
FACT_STALE_LABEL: Final = "要再確認"
FACT_CHECKED_LABEL: Final = "確認日"
FACTS_SRC: Final = "data/facts.yml"  # docs-relative; not published (mkdocs.yml exclude_docs)

# ---------------------------------------------------------------------------------- output paths

# vis-network's version is pinned once, in package.json (installed by `npm ci`; the build serves the
# committed copy vendor/vis-network/vis-network.min.js, which tests/test_vendor.py keeps equal to it).
VIS_VERSION: Final = json.loads((Path(__file__).resolve().parent.parent / "package.json").read_text(
    encoding="utf-8"))["dependencies"]["vis-network"]


@dataclass(frozen=True)
class Outputs:
    """Where the build writes what (site-root-relative), and the URLs pages link to."""

    export_dir: str = "concept-map"
    graph: str = "concept-map/graph.json"
    graphml: str = "concept-map/graph.graphml"
    cards: str = "concept-map/cards.json"
    vis: str = f"assets/vendor/vis-network/{VIS_VERSION}/vis-network.min.js"
    vocabulary_css: str = "assets/stylesheets/vocabulary.css"
    marks_css: str = "assets/stylesheets/marks.css"
    map_script: str = "assets/javascripts/concept-map/main.js"  # an ES module; its siblings beside it
    search_index: str = "search/search_index.json"
    llms: str = "llms.txt"
    map_url: str = "concept-map/"
    quickref_url: str = "quick-reference/"
    pages_json: str = "api/pages.json"  # every page's freshness (graph/pages_api.py)


OUTPUTS: Final = Outputs()
SEARCH_SUGGEST_SCRIPT: Final = "assets/javascripts/search-suggest.js"  # the header search's empty result
# The module scripts whose imports every page preloads (<link rel="modulepreload">, overrides/main.html):
# the list of modules is read from their imports at build time (sitedocs/modules.py), never written.
PRELOAD_FROM: Final = (OUTPUTS.map_script, SEARCH_SUGGEST_SCRIPT)

# ----------------------------------------------------------------------------------- breakpoints

# The site's media queries by name. "phone": the phone layout (the map as a list, its panel a
# bottom sheet, chapter tables that scroll under a sticky first column, their words kept whole),
# just under Material's 45em (720 px) breakpoint. The stylesheets write `@media (--cm-phone)` (a
# custom media query, CSS Media Queries 5) and the build resolves it (resolve_custom_media); the
# scripts get the query in the payload (`media`) and, on every page, from a11y/main.js's tag
# (overrides/main.html data-cm-phone).
MEDIA: Final[dict[str, str]] = {"phone": "(max-width: 44.9375em)"}
CUSTOM_MEDIA_PREFIX: Final = "--cm-"  # `(--cm-<name>)` in a stylesheet's @media: MEDIA[name]

# ----------------------------------------------------------------------------------- serialisers


def _dashes(d: tuple[int, ...] | None) -> list[int] | None:
    return list(d) if d else None


@cache
def to_payload() -> dict:
    """The vocabulary as JSON-ready data for the page scripts (shape: module docstring). Cached:
    callers serialise it and never change it."""
    return {
        "version": 1,
        "layers": {str(n): {"name": layer.name, "short": layer.short, "colour": layer.colour.to_json()}
                   for n, layer in {**LAYERS, 0: NO_LAYER}.items()},
        "layerLabel": LAYER_LABEL,
        "faces": {k: {"name": f.name, "direction": f.direction, "layer": FACE_LAYER} for k, f in FACES.items()},
        "marks": {k: {"symbol": m.symbol, "text": m.text, "name": m.name, "meaning": m.meaning,
                      "svg": m.svg, "colour": m.colour.to_json(), "relation": m.relation}
                  for k, m in MARKS.items()},
        "edges": {k: {"label": e.label, "words": e.label, "meaning": e.meaning, "mark": e.mark,
                      "dashes": _dashes(e.style.dashes), "width": e.style.width, "arrow": e.style.arrow,
                      "colour": e.style.colour.to_json(), "default": e.style.default,
                      "out": e.reading.out, "in": e.reading.into, "step": e.reading.step,
                      "pathCost": e.reading.cost, "labelChars": e.style.label_chars}
                  for k, e in EDGES.items()},
        "edgeContext": asdict(CONTEXT_LINE),
        "edgeContextLocal": asdict(LOCAL_CONTEXT_LINE),
        "nodeKinds": {k: {"name": n.name, "prefix": n.prefix, "stored": n.stored}
                      for k, n in NODE_KINDS_DECL.items()},
        "freshness": {
            "buckets": {k: {"name": f.name, "maxDays": f.max_days, "colour": f.colour.to_json(),
                            "dashes": _dashes(f.dashes), "border": f.border} for k, f in FRESHNESS.items()},
            "order": list(FRESHNESS),
            "stale": STALE_BUCKET,
            "undated": UNDATED_BUCKET,
            "defaultIntervalDays": DEFAULT_INTERVAL_DAYS,
        },
        "volatility": {k: {"name": v.name, "intervalDays": v.interval_days} for k, v in VOLATILITY.items()},
        "outputs": asdict(OUTPUTS),
        "media": dict(MEDIA),
    }


def _css_dash(dashes: tuple[int, ...] | None) -> str:
    """A line sample's background for a dash pattern (the colour comes from a variable)."""
    return "solid" if not dashes else "dashed" if dashes[0] >= 4 else "dotted"


def css_properties(scheme: str) -> dict[str, str]:
    """Custom property → value for one scheme ("light" or "dark")."""
    props: dict[str, str] = {}
    for n, layer in {0: NO_LAYER, **LAYERS}.items():
        props[f"--cm-layer-{n}"] = getattr(layer.colour, scheme)
    for k, m in MARKS.items():
        props[f"--cm-mark-{k}"] = getattr(m.colour, scheme)
        if m.inner:
            props[f"--cm-mark-{k}-inner"] = getattr(m.inner, scheme)
    for k, e in EDGES.items():
        colour = getattr(e.style.colour, scheme)
        props[f"--cm-edge-{k}"] = "var(--md-default-fg-color--light)" if colour == "layer" else colour
        props[f"--cm-edge-{k}-width"] = f"{e.style.width:g}px"
        props[f"--cm-edge-{k}-style"] = _css_dash(e.style.dashes)
        dash = e.style.dashes or (1, 0)
        props[f"--cm-edge-{k}-dash"] = f"{dash[0]}px"
        props[f"--cm-edge-{k}-gap"] = f"{dash[1] if len(dash) > 1 else 0}px"
    for k, f in FRESHNESS.items():
        props[f"--cm-fresh-{k}"] = getattr(f.colour, scheme)
        props[f"--cm-fresh-{k}-border"] = f.border
    return props


def _line_sample(k: str, style: EdgeStyle) -> dict[str, str]:
    """An edge kind's legend line: its dash style as a border, or its dashes to scale."""
    rule = {"border-top-style": f"var(--cm-edge-{k}-style)"}
    if style.sample == "gradient":
        dash, gap = f"var(--cm-edge-{k}-dash)", f"var(--cm-edge-{k}-gap)"
        rule |= {"border-top": "0", "height": f"{math.ceil(style.width)}px",
                 "background": f"repeating-linear-gradient(90deg, var(--cm-edge-{k}) 0 {dash}, "
                               f"transparent {dash} calc({dash} + {gap}))"}
    return rule


def css_rules() -> dict[str, dict[str, str]]:
    """The rules each kind needs (selector -> declarations), so that a new kind is styled
    without a hand-written line: a mark's badge colour (and the lines inside a filled badge),
    a relation mark's 早見表 cell colour (--cm-qr-mark, which the phone layout of
    quick-reference.css draws the cell in), an edge kind's legend line (two classes: it wins
    over the generic .cm-line of concept-map.css, which loads later)."""
    rules = {f".cm-mark--{k}": {"color": f"var(--cm-mark-{k})"} for k in MARKS}
    rules |= {f".cm-mark--{k} .cm-mark__svg path": {"stroke": f"var(--cm-mark-{k}-inner)"}
              for k, m in MARKS.items() if m.inner}
    rules |= {f".cm-qr-cell--{k}": {"--cm-qr-mark": f"var(--cm-mark-{k})"} for k in RELATIONS}
    rules |= {f".cm-line.cm-line--{k}": _line_sample(k, e.style) for k, e in EDGES.items()}
    return rules


def forced_colour_rules() -> dict[str, dict[str, str]]:
    """In forced colours (Windows high contrast) the lines inside a filled badge take the page's
    background, the badge the text colour (marks.css)."""
    return {f".cm-mark--{k} .cm-mark__svg path": {"stroke": "Canvas"} for k, m in MARKS.items() if m.inner}


def to_css() -> str:
    """The stylesheet of custom properties and per-kind rules (written at build time to
    OUTPUTS.vocabulary_css; no inline style, so a strict Content-Security-Policy needs no hash)."""
    light, dark = css_properties("light"), css_properties("dark")

    def block(selector: str, props: dict[str, str]) -> str:
        return selector + " {\n" + "".join(f"  {k}: {v};\n" for k, v in props.items()) + "}\n"

    changed = {k: v for k, v in dark.items() if light[k] != v}
    forced = "".join("  " + block(selector, decls).replace("\n  ", "\n    ").replace("\n}", "\n  }")
                     for selector, decls in forced_colour_rules().items())
    return ("/* Generated from graph/vocabulary.py at build time: do not edit. */\n"
            + block(":root", light) + block('[data-md-color-scheme="slate"]', changed)
            + "".join(block(selector, decls) for selector, decls in css_rules().items())
            + (f"@media (forced-colors: active) {{\n{forced}}}\n" if forced else ""))


_MEDIA_PRELUDE = re.compile(r"@media\b[^{;]*")
_CUSTOM_MEDIA = re.compile(r"\(\s*(--[\w-]+)\s*\)")


def resolve_custom_media(css: str) -> tuple[str, list[tuple[int, str]]]:
    """The stylesheet with each custom media query of its @media rules (`(--cm-phone)`) replaced
    by the query MEDIA declares, and the (line, name) of each one MEDIA does not declare (left
    as written: a browser would never apply its rules)."""
    unknown: list[tuple[int, str]] = []

    def name(m: re.Match, start: int) -> str:
        key = m.group(1).removeprefix(CUSTOM_MEDIA_PREFIX)
        if m.group(1).startswith(CUSTOM_MEDIA_PREFIX) and key in MEDIA:
            return MEDIA[key]
        unknown.append((css.count("\n", 0, start + m.start()) + 1, m.group(1)))
        return m.group()

    def prelude(m: re.Match) -> str:
        return _CUSTOM_MEDIA.sub(lambda c: name(c, m.start()), m.group())

    return _MEDIA_PRELUDE.sub(prelude, css), unknown

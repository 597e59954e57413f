"""The 早見表 as a tool, and the links that let the three views (chapters, 早見表, map) point at
each other. Pure: HTML strings and plain data in, HTML strings, data and problems out.

    quickref_html(html, rows, base) -> (html, problems)
        Post-process the rendered 早見表 page: every matrix table (header with 技術/概念) gets
        class cm-qr (so Material leaves it alone) in a plain wrapper (no inner scroll box: the
        page scrolls, the header sticks under Material's); scope="col"
        headers with compact layer names; each group row (**bold** label, empty cells) becomes
        a <tbody> opened by <th colspan scope="rowgroup">; each concept row gets
        id="row-<concept id>", data-def / data-use (column codes 1 2A 2B 3 4 5), its first
        cell as <th scope="row"> with a 「地図」 link, and badges instead of ✅ / 🔧 / -.
        The filter box (hidden until quick-reference.js shows it) goes before the first matrix,
        with links to every matrix; each matrix is preceded by links to the others
        (「次の表：製品・プロジェクト」), so neither table needs scrolling through the other.
    concept_cards(g) -> dict
        The JSON the concept cards read (OUTPUTS.cards): layers and concepts with site-root-relative
        URLs of their section, map node and 早見表 row, and the vocabulary (`vocab`).
    xref_html(g, page_src, base) -> dict[anchor, html] / insert_xrefs(html, g, page_src, base)
        One quiet line under each heading that defines a concept:
        地図で見る · 早見表の行 · 使われる層 (the using sections, graph/usage.py).

Every text from Markdown is escaped; hrefs are percent-encoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import quote

import networkx as nx

from graph.build import edge_kinds, faces_of
from graph.quickref import LABEL_COLUMN, LAYER_COLUMNS, NOTE_COLUMN, ConceptRow, concept_id
from graph.related import Item
from graph.schema import CONCEPT, PAGE, SECTION, TABLE_CONCEPTS
from graph.usage import usage_payload, using_sections
from graph.vocabulary import LAYER_LABEL, LAYERS, OUTPUTS, RELATION, RELATIONS, layer_label, to_payload
from sitedocs.html import after_headings, leading_element

from .marks import DEFINE, USE, badge_html, mark_for_emoji, replace_marks

QUICKREF_URL = OUTPUTS.quickref_url
MAP_URL = OUTPUTS.map_url
ROW_PREFIX = "row-"
TOOLS_ID = "cm-qr-tools"
# Column code (the filter's values and data-def/data-use) for each layer column of the 早見表.
COLUMN_CODES = {name: f"{layer}{face}" for name, (layer, face) in LAYER_COLUMNS.items()}
CODE_NAMES = {code: name for name, code in COLUMN_CODES.items()}

_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t(?P<tag>[dh])(?P<attrs>[^>]*)>(?P<content>.*?)</t(?P=tag)>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_GROUP = re.compile(r"^\s*<strong>(?P<label>.*?)</strong>\s*$", re.DOTALL)
_H2 = re.compile(r"<h2\b")
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_H2_ID = re.compile(r'<h2\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)</h2>', re.DOTALL)


def row_anchor(cid: str) -> str:
    """The id of a concept's 早見表 row, e.g. row-lora."""
    return f"{ROW_PREFIX}{cid}"


def _frag(anchor: str) -> str:
    return quote(anchor, safe="-._~")


def map_href(base: str, node: str) -> str:
    """The map focused on one node: concept-map/?focus=concept%3Alora (relative to `base`)."""
    return f"{base}{MAP_URL}?focus={quote(node, safe=':')}"


def row_href(base: str, cid: str) -> str:
    return f"{base}{QUICKREF_URL}#{_frag(row_anchor(cid))}"


def text_of(html: str) -> str:
    """The visible text of an HTML fragment (tags dropped, entities decoded)."""
    return unescape(_TAGS.sub("", html)).strip()


def _group_id(label: str) -> str:
    return "group-" + (concept_id(label) or "x")


# ---------------------------------------------------------------------------- the 早見表 page

def _header(cells: list[re.Match]) -> list[str]:
    return [text_of(c.group("content")) for c in cells]


def _header_html(names: list[str]) -> str:
    out = []
    for name in names:
        if name in COLUMN_CODES:
            code = COLUMN_CODES[name]
            head, face = (name[:-1], name[-1]) if code[-1] in "AB" else (name, "")
            face_html = f'<span class="cm-qr-face">{face}</span>' if face else ""
            out.append(f'<th scope="col" class="cm-qr-col" data-col="{code}">'
                       f"{escape(head)}{face_html}</th>")
        elif name == LABEL_COLUMN:
            out.append(f'<th scope="col" class="cm-qr-labelcol">{escape(name)}</th>')
        else:
            out.append(f'<th scope="col" class="cm-qr-notecol">{escape(name)}</th>')
    return "<thead><tr>" + "".join(out) + "</tr></thead>"


def _mark_cell(name: str, content: str) -> tuple[str, str | None]:
    """A layer cell as a badge; returns (html, define/use/None)."""
    value = text_of(content)
    mark = mark_for_emoji(value) if value else None
    code = COLUMN_CODES[name]
    if mark is not None and mark.relation:
        body = badge_html(mark.key, label=False)
        kind = mark.key
    elif value in ("-", ""):
        body = '<span class="cm-qr-none" role="img" aria-label="関係しない">-</span>' if value else ""
        kind = None
    else:  # the parser reports it; keep the author's text
        body, kind = content, None
    # a relation mark's cell: the phone layout names the mark in words (data-mark) in its colour
    extra = f' data-mark="{escape(mark.text)}"' if kind and mark is not None else ""
    cls = f"cm-qr-cell cm-qr-cell--mark cm-qr-cell--{kind}" if kind else "cm-qr-cell"
    return (f'<td class="{cls}" data-col="{code}" data-colname="{escape(name)}"{extra}>{body}</td>', kind)


def _matrix(body: str, names: list[str], known: dict[str, ConceptRow], seen: set[str],
            base: str, problems: list[str]) -> str:
    width = len(names)
    tbodies: list[list[str]] = [[]]
    tbody_match = re.search(r"<tbody>(?P<rows>.*)</tbody>", body, re.DOTALL)
    for row in _ROW.finditer(tbody_match.group("rows") if tbody_match else ""):
        cells = list(_CELL.finditer(row.group("cells")))
        if len(cells) != width:
            tbodies[-1].append(row.group(0))
            continue
        first = cells[0].group("content")
        rest = [text_of(c.group("content")) for c in cells[1:]]
        group = _GROUP.match(first)
        if group and not any(rest):
            label = text_of(group.group("label"))
            gid = _group_id(label)
            tbodies.append([f'<tr class="cm-qr-group"><th colspan="{width}" scope="rowgroup" '
                            f'id="{escape(gid)}"><span class="cm-qr-group__label">'
                            f"{group.group('label')}</span></th></tr>"])
            continue
        link = leading_element(first, "a")  # the label is the cell's link, when it starts with one
        label = text_of(link.inner) if link else text_of(first)
        cid = concept_id(label)
        if cid not in known or cid in seen:
            # The rendered text can differ from the Markdown label (raw HTML in it): take the
            # next row of the 早見表, in order, if it links to the same anchor.
            nxt = next((r for r in known.values() if r.id not in seen), None)
            href = link.attrs.get("href", "") if link else ""
            if nxt and "#" in href and nxt.target.partition("#")[2] == href.partition("#")[2]:
                cid = nxt.id
            elif cid in seen:
                problems.append(f"早見表 row '{label}': id 'row-{cid}' is already used")
                cid = ""
            else:
                problems.append(f"早見表 row '{label}': no concept '{cid}' (the row gets no id)")
                cid = ""
        seen.add(cid)
        out_cells: list[str] = []
        defs: list[str] = []
        uses: list[str] = []
        for name, cell in zip(names, cells, strict=True):
            content = cell.group("content")
            if name == LABEL_COLUMN:
                extra = ""
                if cid:
                    aria = escape(f"{label} を地図で見る", quote=True)
                    extra = (f' <a class="cm-qr-maplink" href="{escape(map_href(base, f"{CONCEPT}:{cid}"))}"'
                             f' aria-label="{aria}">地図</a>')
                out_cells.append(f'<th scope="row" class="cm-qr-label">{content}{extra}</th>')
            elif name in COLUMN_CODES:
                html, kind = _mark_cell(name, content)
                if kind == DEFINE:
                    defs.append(COLUMN_CODES[name])
                elif kind == USE:
                    uses.append(COLUMN_CODES[name])
                out_cells.append(html)
            elif name == NOTE_COLUMN:
                out_cells.append(f'<td class="cm-qr-note">{content}</td>')
            else:
                out_cells.append(f"<td>{content}</td>")
        attrs = f' id="{escape(row_anchor(cid))}" data-concept="{escape(cid)}"' if cid else ""
        tbodies[-1].append(f'<tr class="cm-qr-row"{attrs} data-def="{" ".join(defs)}" '
                           f'data-use="{" ".join(uses)}">' + "".join(out_cells) + "</tr>")
    parts = [f'<tbody class="cm-qr-section">{"".join(rows)}</tbody>' for rows in tbodies if rows]
    return (f'<div class="cm-qr-wrap"><table class="cm-qr">{_header_html(names)}{"".join(parts)}'
            "</table></div>")


def jump_html(tables: list[tuple[str, str]], here: int) -> str:
    """Links from the matrix number `here` to the other matrices' headings (id, title):
    「次の表：製品・プロジェクト」; "" when there is only one."""
    links = [f'<a href="#{escape(_frag(anchor))}">{"前" if i < here else "次"}の表：{escape(title)}</a>'
             for i, (anchor, title) in enumerate(tables) if i != here and anchor]
    if not links:
        return ""
    return f'<nav class="cm-qr-jump" aria-label="早見表のほかの表">{"".join(links)}</nav>'


def _tables_nav(tables: list[tuple[str, str]]) -> str:
    """The filter box's links to every matrix (it stays in view while the page scrolls)."""
    links = "".join(f'<a href="#{escape(_frag(anchor))}">{escape(title)}</a>'
                    for anchor, title in tables if anchor)
    return f'<nav class="cm-qr-tools__tables" aria-label="表へ移動">表へ移動：{links}</nav>' if links else ""


def tools_html(base: str, tables: list[tuple[str, str]] | None = None) -> str:
    """The filter box; hidden until the script runs (without JavaScript the full table shows).
    data-cm-cards: where the script reads the synonyms and aliases (OUTPUTS.cards); data-layer-label:
    how the script names layers (the vocabulary's LAYER_LABEL: 「第3層」).
    With two or more matrices (heading id, title), it also links to each of them."""
    def options() -> str:
        return '<option value="">すべて</option>' + "".join(
            f'<option value="{code}">{escape(name)}</option>' for name, code in COLUMN_CODES.items())

    return (f'<div id="{TOOLS_ID}" class="cm-qr-tools" role="search" aria-label="早見表の絞り込み" '
            f'data-cm-cards="{escape(base + OUTPUTS.cards)}" data-layer-label="{escape(LAYER_LABEL)}" hidden>'
            '<div class="cm-qr-tools__field"><label for="cm-qr-q">名前・備考で絞り込む</label>'
            '<input id="cm-qr-q" type="search" autocomplete="off" spellcheck="false" '
            'placeholder="例: LoRA、MCP、ストリーミング"></div>'
            '<div class="cm-qr-tools__field"><label for="cm-qr-def">定義された層</label>'
            f'<select id="cm-qr-def">{options()}</select></div>'
            '<div class="cm-qr-tools__field"><label for="cm-qr-use">使われる層</label>'
            f'<select id="cm-qr-use">{options()}</select></div>'
            f'<a id="cm-qr-map" class="cm-qr-tools__map" href="{escape(base + MAP_URL)}">地図で見る</a>'
            '<p id="cm-qr-status" class="cm-qr-tools__status" aria-live="polite"></p>'
            f'{_tables_nav(tables) if tables and len(tables) > 1 else ""}</div>')


def quickref_html(html: str, rows: list[ConceptRow], base: str) -> tuple[str, list[str]]:
    """The 早見表 page's HTML as a tool (see the module docstring); returns (html, problems)."""
    known = {row.id: row for row in rows}
    seen: set[str] = set()
    problems: list[str] = []
    matrices = []
    for table in _TABLE.finditer(html):
        head = re.search(r"<thead>(?P<h>.*?)</thead>", table.group("body"), re.DOTALL)
        names = _header(list(_CELL.finditer(head.group("h")))) if head else []
        if LABEL_COLUMN in names and all(n in names for n in COLUMN_CODES):
            matrices.append((table, names))
    # each matrix's heading (the last h2 before it): its id and title, for the jump links
    tables = []
    for table, _ in matrices:
        heads = list(_H2_ID.finditer(html, 0, table.start()))
        title = _HEADERLINK.sub("", heads[-1].group("title")) if heads else ""
        tables.append((unescape(heads[-1].group("id")), text_of(title)) if heads else ("", ""))
    out: list[str] = []
    pos = 0
    first_start = -1
    for i, (table, names) in enumerate(matrices):
        if first_start < 0:
            first_start = len("".join(out)) + (table.start() - pos)
        out.append(html[pos:table.start()])
        out.append(jump_html(tables, i))
        out.append(_matrix(table.group("body"), names, known, seen, base, problems))
        pos = table.end()
    out.append(html[pos:])
    result = "".join(out)
    if first_start >= 0:  # the tools go before the heading over the first matrix, if any
        heads = [m.start() for m in _H2.finditer(result, 0, first_start)]
        at = heads[-1] if heads else first_start
        result = result[:at] + tools_html(base, tables) + result[at:]
    return result, problems


# ---------------------------------------------------------------------------- graph data

def _codes(g: nx.DiGraph, node: str, kind: str) -> list[str]:
    codes: list[str] = []
    for _, target, data in g.out_edges(node, data=True):
        if kind not in (k for k, _ in edge_kinds(data)):
            continue
        layer = g.nodes[target]["layer"]
        faces = faces_of(data, kind) if layer == 2 else ""
        codes.extend(f"{layer}{f}" for f in faces) if faces else codes.append(str(layer))
    return sorted(codes)


def layer_pages(g: nx.DiGraph) -> dict[int, str]:
    """Layer number -> the URL of its chapter (the first page of that layer)."""
    out: dict[int, str] = {}
    pages = [data for _, data in g.nodes(data=True) if data["kind"] == PAGE]
    for data in sorted(pages, key=lambda d: d.get("src", "")):
        out.setdefault(data["layer"], data["url"])
    return out


def code_name(code: str) -> str:
    """第2層A for 2A, 第3層 for 3."""
    return layer_label(code[0]) + code[1:]


def row_codes(row: ConceptRow, kind: str) -> list[str]:
    """The column codes of a row's marks of one kind (exact: 2A ✅ and 2B 🔧 both survive)."""
    return sorted({f"{m.layer}{m.face}" for m in row.marks if m.kind == kind})


def defining_headings(g: nx.DiGraph, cards: dict) -> list[str]:
    """For each card of `concept_cards`, the heading of the section its URL points to ('' when it
    points to no section): one more name the searches know the concept by."""
    heading = {d.get("url"): d.get("label", "") for _, d in g.nodes(data=True) if d.get("kind") == SECTION}
    return [heading.get(c["url"], "") for c in cards["concepts"]]


def concept_cards(g: nx.DiGraph, rows: list[ConceptRow] | None = None) -> dict:
    """What a concept card shows, for every concept; URLs relative to the site root. With the
    早見表 rows, define/use come from the marks as written (the graph keeps one edge per layer,
    so a 2A ✅ hides a 2B 🔧); without them, from the graph's edges."""
    chapters = layer_pages(g)
    usage = usage_payload(g)
    by_id = {row.id: row for row in rows or ()}
    concepts = []
    for node, data in g.nodes(data=True):
        if data["kind"] != CONCEPT:
            continue
        cid = node.split(":", 1)[1]
        concepts.append({
            "id": cid, "node": node, "label": data["label"], "summary": data.get("summary", ""),
            "layer": data["layer"], "category": data.get("category", ""),
            "product": data.get("table", TABLE_CONCEPTS) != TABLE_CONCEPTS,
            # per relation mark (define, use, …): the 早見表 columns that carry it
            **{kind: row_codes(by_id[cid], kind) if cid in by_id else _codes(g, node, kind)
               for kind in RELATIONS},
            "url": data.get("url", ""),
            "usedIn": [{k: u[k] for k in ("where", "label", "url")} for u in usage.get(node, ())],
            "relations": _relations(g, node),
            "map": map_href("", node),
            "row": f"{QUICKREF_URL}#{_frag(row_anchor(cid))}",
        })
    concepts.sort(key=lambda c: (c["product"], g.nodes[c["node"]].get("line", 0)))
    # a layer's name and colour are the vocabulary's (in "vocab"): only its chapter here
    layers = {str(n): {"url": chapters.get(n, "")} for n in LAYERS}
    return {"version": 1, "layers": layers, "concepts": concepts, "vocab": to_payload()}


def _relations(g: nx.DiGraph, node: str) -> list[dict]:
    """A concept's relation table cells (#25), in the table's order: the other layer, the phrase,
    and the section or concept the cell links ("label" and "url"; "" for the layer as a whole,
    whose chapter is "url")."""
    out = []
    for _, target, d in g.out_edges(node, data=True):
        if d.get("kind") != RELATION:
            continue
        t = g.nodes[target]
        whole = t.get("kind") == PAGE
        out.append({"layer": d.get("layer") or t.get("layer"), "phrase": d.get("label", ""),
                    "label": "" if whole else t.get("label", ""), "url": t.get("url", ""),
                    "line": d.get("line") or 0})
    out.sort(key=lambda r: (r["line"], r["layer"]))
    return [{k: r[k] for k in ("layer", "phrase", "label", "url")} for r in out]


@dataclass(frozen=True)
class XrefIndex:
    """Each layer's chapter URL and each page's concepts (with a section anchor): computed once
    per build, so that a page's cross-view lines cost its own concepts, not the whole graph."""

    chapters: dict[int, str]
    concepts: dict[str, list[tuple[str, dict]]]  # src -> (node, data), in graph order
    using: dict[str, list[tuple[Item, str]]]  # concept -> the sections using it (graph/usage.py)

    @classmethod
    def of(cls, g: nx.DiGraph) -> XrefIndex:
        concepts: dict[str, list[tuple[str, dict]]] = {}
        for node, data in g.nodes(data=True):
            if data["kind"] == CONCEPT and "#" in data.get("url", ""):
                concepts.setdefault(data.get("src", ""), []).append((node, data))
        return cls(layer_pages(g), concepts, using_sections(g))


def xref_html(g: nx.DiGraph, page_src: str, base: str, index: XrefIndex | None = None) -> dict[str, str]:
    """Anchor -> the quiet line to put under that heading of `page_src`: for the first concept
    the heading defines (concepts before products, in 早見表 order) 地図で見る · 早見表の行 ·
    使われる層 (each section of another layer that uses it, 「第3層 §6-2 手法の比較」, then the
    chapters of the other 🔧 layers none of whose sections links here); the other concepts
    explained there follow as links to their 早見表 rows."""
    index = index or XrefIndex.of(g)
    chapters, using = index.chapters, index.using
    by_anchor: dict[str, list[tuple[str, dict]]] = {}
    for node, data in index.concepts.get(page_src, ()):
        by_anchor.setdefault(data["url"].split("#", 1)[1], []).append((node, data))
    sep = '<span class="cm-xref__sep" aria-hidden="true"> · </span>'
    out: dict[str, str] = {}
    for anchor, items in by_anchor.items():
        items.sort(key=lambda nd: (nd[1].get("table") != TABLE_CONCEPTS, nd[1].get("line", 0)))
        node, data = items[0]
        cid = node.split(":", 1)[1]
        name_cls = "cm-xref__name" if len(items) > 1 else "cm-xref__name cm-qr-vh"
        entries = using.get(node, [])
        uses = [(item.layer, i, f'<a href="{escape(base + item.url)}">{escape(item.prefix)} {escape(item.label)}</a>')
                for i, (item, _) in enumerate(entries)]
        covered = {item.layer for item, _ in entries}
        for code in _codes(g, node, USE):  # a 🔧 layer no section of which links here: its chapter
            if int(code[0]) in covered:
                continue
            url = chapters.get(int(code[0]))
            text = escape(code_name(code))
            uses.append((int(code[0]), len(entries), f'<a href="{escape(base + url)}">{text}</a>' if url else text))
        uses = [html for *_, html in sorted(uses)]
        parts = [f'<span class="{name_cls}">{escape(data["label"])}：</span>'
                 f'<a href="{escape(map_href(base, node))}">地図で見る</a>{sep}'
                 f'<a href="{escape(row_href(base, cid))}">早見表の行</a>{sep}'
                 f'<span class="cm-xref__use">使われる層：{"、".join(uses) if uses else "なし"}</span>']
        if len(items) > 1:
            others = "、".join(
                f'<a href="{escape(row_href(base, other.split(":", 1)[1]))}">{escape(d["label"])}</a>'
                for other, d in items[1:])
            parts.append(f'{sep}<span class="cm-xref__others">この節のほかの行：{others}</span>')
        out[anchor] = replace_marks(f'<p class="cm-xref" data-cm-concept="{escape(cid)}">' + "".join(parts)
                                    + "</p>")  # marks in labels taken from the 早見表
    return out


def insert_xrefs(html: str, g: nx.DiGraph, page_src: str, base: str, index: XrefIndex | None = None) -> str:
    """Put each line of xref_html right after its heading (anchors that are not headings: none)."""
    return after_headings(html, xref_html(g, page_src, base, index))

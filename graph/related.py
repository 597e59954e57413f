"""The 「関連する層」 block of a layer chapter: what it references in other layers, what
references it (backlinks, each with the sentence that holds the link, like Obsidian's linked
mentions), and concepts of other layers that the 早見表 marks as used here.

Entries are grouped by layer (one collapsible group per layer, with counts) and prefixed with
their chapter (「第2層 §1-3」), so that a bare 「1-3.」 no longer leaves the reader guessing
whose section it is. The HTML is views/related.py's (from its template).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import networkx as nx

from sitedocs.links import MdLink, line_spans, link_spans, links_in_text, plain_text

from .schema import CONCEPT, PAGE, REFERENCE, USE
from .vocabulary import RELATION, layer_label

SENTENCE_LIMIT = 180
_NUMBER = re.compile(r"^\s*(\d+(?:-\d+)*)\.?\s+")


@dataclass(frozen=True, order=True)
class Item:
    layer: int
    label: str
    url: str
    number: str = ""      # the section's number, 「1-3」 ("" for a page or a concept)
    whole: bool = False   # the chapter as a whole (a link to the page, not to a section)
    sentence: str = ""    # for a backlink: the sentence of the other chapter holding the link
    # a backlink from a section that links here several times (to several sections of this
    # chapter): all its sentences, in reading order, one entry for the section
    sentences: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where the link is, for that order

    @property
    def prefix(self) -> str:
        """「第2層 §1-3」, 「第2層 章全体」 or 「第2層」: whose entry this is."""
        where = layer_label(self.layer)
        if self.whole:
            return f"{where} 章全体"
        return f"{where} §{self.number}" if self.number else where


@dataclass(frozen=True, order=True)
class RelationItem:
    """One relation table cell as a sentence 「<concept> — <phrase>（第N層）」: `layer` is the layer
    of the group it belongs to (the other layer, seen from the chapter), `target_layer` the N."""

    layer: int
    line: int       # the row in its relation table (reading order)
    concept: str
    concept_url: str
    phrase: str
    target_layer: int
    target_label: str  # "" when the cell names the layer as a whole (its chapter)
    target_url: str

    @property
    def place(self) -> str:
        """「第N層」, or 「第N層 <label>」 when the cell links a section or concept."""
        return layer_label(self.target_layer) + (f" {self.target_label}" if self.target_label else "")


@dataclass
class Related:
    outgoing: list[Item] = field(default_factory=list)
    incoming: list[Item] = field(default_factory=list)
    used_concepts: list[Item] = field(default_factory=list)
    # the relation tables' sentences: this chapter's concepts meeting other layers, and other
    # chapters' concepts meeting this one (graph/relations.py)
    relations: list[RelationItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.outgoing or self.incoming or self.used_concepts or self.relations)


def section_item(g: nx.DiGraph, node: str, sentence: str = "", line: int = 0) -> Item:
    """A page or section node as an entry: its number split off the label (「1-3. X」)."""
    data = g.nodes[node]
    label = str(data["label"])
    number = ""
    m = _NUMBER.match(label)
    if m:
        number, label = m.group(1), label[m.end():]
    return Item(data["layer"], label, data.get("url", ""), number, data["kind"] == PAGE, sentence,
                (sentence,) if sentence else (), line)


_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=\. )")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@lru_cache(maxsize=64)
def _lines(source: str) -> tuple[str, ...]:
    """A page's lines, split once for all the links into it (link_sentence runs per link)."""
    return tuple(source.split("\n"))


def link_sentence(source: str, line: int, target_src: str, from_src: str) -> str:
    """The sentence (plain text) of `source` (Markdown, 1-based line numbers) at `line` that
    holds a link to the page target_src; "" when the line has none. A sentence that goes on
    past the line is followed for up to two more lines; a table row gives its cell."""
    lines = _lines(source)
    if not 0 < line <= len(lines):
        return ""
    raw = lines[line - 1]
    here = posixpath.dirname(from_src)

    def links_target(link: MdLink) -> bool:
        path = link.target.split("#", 1)[0]
        return bool(path) and posixpath.normpath(posixpath.join(here, path)) == target_src

    if raw.lstrip().startswith("|"):
        cells = [c for c in raw.split("|") if any(links_target(lk) for lk in links_in_text(c))]
        return _clip(plain_text(cells[0], list_marker=True)) if cells else ""
    follow = [raw]
    for extra in lines[line: line + 2]:
        if "。" in "".join(follow) or not extra.strip() or extra.lstrip().startswith(("-", "|", "#")):
            break
        follow.append(extra)
    text = " ".join(follow)
    # the line's links as read_links read them (no second reading), unless the sentence goes on
    spans = line_spans(source, line) if len(follow) == 1 else None
    for start, _, link in reversed(link_spans(text) if spans is None else spans):
        if links_target(link):
            text = text[:start] + "\x00" + text[start:]
    for sentence in _sentences(text):
        if "\x00" in sentence:
            return _clip(plain_text(sentence.replace("\x00", ""), list_marker=True))
    return ""


def _clip(text: str) -> str:
    return text if len(text) <= SENTENCE_LIMIT else text[: SENTENCE_LIMIT - 1] + "…"


def related(g: nx.DiGraph, src: str, texts: Mapping[str, str] | None = None) -> Related:
    """Cross-layer neighbours of the page `src` and its sections."""
    return related_index(g, texts).get(src, Related())


def related_index(g: nx.DiGraph, texts: Mapping[str, str] | None = None) -> dict[str, Related]:
    """The 「関連する層」 of every layer page, in one pass over the edges (not one per page).

    texts (src → Markdown source) gives the backlinks their sentences: a reference edge
    carries the src and line of its link."""
    texts = texts or {}
    out: dict[str, set[Item]] = {}
    inc: dict[str, set[Item]] = {}
    used: dict[int, set[Item]] = {}
    rels: dict[str, set[RelationItem]] = {}
    entries: dict[str, Item] = {}  # node -> section_item(g, node), made once per node

    def entry(node: str) -> Item:
        found = entries.get(node)
        if found is None:
            found = entries[node] = section_item(g, node)
        return found

    for source, targets in g.adjacency():  # g.edges(data=True)'s order, without its view
        for target, data in targets.items():
            kind = data["kind"]
            if kind == REFERENCE:
                _add_reference(g, source, target, data, texts, entry, out, inc)
            elif kind == USE:
                _add_use(g, source, target, used)
            elif kind == RELATION:
                _add_relation(g, source, target, data, rels)
    by_layer = {layer: sorted(items) for layer, items in used.items()}  # sorted once per layer
    index = {}
    for _, data in g.nodes(data=True):
        if data["kind"] == PAGE:
            src = data["src"]
            index[src] = Related(_dedupe(out.get(src, ())), _merge_backlinks(inc.get(src, ())),
                                 list(by_layer.get(data["layer"], ())), sorted(rels.get(src, ())))
    return index


def _add_reference(g: nx.DiGraph, source: str, target: str, data: dict, texts: Mapping[str, str],
                   entry, out: dict[str, set[Item]], inc: dict[str, set[Item]]) -> None:
    """A reference edge: the target's entry for the linking chapter, and the source's entry with
    the sentence of the link for the linked one (section_item's, from `entry`: one per node)."""
    target_src, source_src = g.nodes[target]["src"], g.nodes[source]["src"]
    out.setdefault(source_src, set()).add(entry(target))
    text = texts.get(str(data.get("src") or source_src), "")
    line = data.get("line") if isinstance(data.get("line"), int) else 0
    sentence = link_sentence(text, line, target_src, source_src) if text else ""
    at = entry(source)
    inc.setdefault(target_src, set()).add(
        Item(at.layer, at.label, at.url, at.number, at.whole, sentence, (sentence,) if sentence else (), line))


def _add_use(g: nx.DiGraph, source: str, target: str, used: dict[int, set[Item]]) -> None:
    node, layer = g.nodes[source], g.nodes[target]["layer"]
    if node["kind"] == CONCEPT and node["layer"] != layer:
        used.setdefault(layer, set()).add(Item(node["layer"], node["label"], node.get("url", "")))


def _add_relation(g: nx.DiGraph, source: str, target: str, data: dict,
                  rels: dict[str, set[RelationItem]]) -> None:
    """A relation edge as a sentence, for the chapter whose table holds it (grouped by the other
    layer) and for the chapter it points into (grouped by the table's layer)."""
    table = str(data.get("src", ""))
    if not table:
        return
    s, t = g.nodes[source], g.nodes[target]
    own = int(s.get("layer") or 0)
    other = int(data.get("layer") or t.get("layer") or 0)
    whole = t["kind"] == PAGE
    label = "" if whole else _NUMBER.sub("", str(t.get("label", "")))
    line = data.get("line") if isinstance(data.get("line"), int) else 0
    item = RelationItem(other, line, str(s["label"]), str(s.get("url", "")), str(data.get("label", "")),
                        other, label, str(t.get("url", "")))
    rels.setdefault(table, set()).add(item)
    there = str(t.get("src", ""))
    if there and there != table:
        rels.setdefault(there, set()).add(replace(item, layer=own))


def _dedupe(items) -> list[Item]:
    """Sorted, one entry per (url, sentence): the same link twice on a line counts once."""
    seen: dict[tuple[str, str], Item] = {}
    for item in sorted(items, key=_reading_order):
        seen.setdefault((item.url, item.sentence), item)
    return list(seen.values())


def _merge_backlinks(items) -> list[Item]:
    """One entry per linking section, however many links it has into this chapter (one edge per
    target section, so a section linking three sections here gave three entries): its sentences
    in the order of the lines, each once, empty ones dropped."""
    by_url: dict[str, list[Item]] = {}
    for item in items:
        by_url.setdefault(item.url, []).append(item)
    merged = []
    for group in by_url.values():
        group.sort(key=lambda i: (i.line, i.sentence))
        sentences = tuple(dict.fromkeys(i.sentence for i in group if i.sentence))
        first = group[0]
        merged.append(Item(first.layer, first.label, first.url, first.number, first.whole,
                           sentences[0] if sentences else "", sentences, first.line))
    return sorted(merged, key=_reading_order)


def _reading_order(item: Item) -> tuple:
    number = tuple(map(int, item.number.split("-"))) if item.number else ()
    return (item.layer, not item.whole, number, item.label, item.url, item.sentence)

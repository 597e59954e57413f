"""「関連する層」 at the end of a layer chapter, rendered: the data (graph.related) grouped by layer
and put through the template fragments/concept-map/related.html (the list of used concepts, the
same for every chapter of a layer, through related-used.html once per build for each)."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from html import escape

import jinja2
from markupsafe import Markup

from graph.related import Item, Related, RelationItem
from graph.vocabulary import LAYERS, USE

from .fragments import render_fragment
from .marks import EMOJI_RE, badge_html, replace_text

TEMPLATE = "fragments/concept-map/related.html"
USED_TEMPLATE = "fragments/concept-map/related-used.html"
RELATED_ID = "cm-related-title"  # the block's heading (the plugin lists it in the TOC)
RELATED_TITLE = "関連する層"


@dataclass(frozen=True)
class LayerGroup:
    layer: int
    name: str
    outgoing: list[Item]
    incoming: list[Item]
    used: list[Item]
    # the relation tables' sentences 「<concept> — <phrase>（第N層）」 between this chapter and the layer
    relations: list[RelationItem] = field(default_factory=list)
    used_html: str = ""  # the used concepts' list, rendered (Markup)

    @property
    def count(self) -> int:
        return len(self.outgoing) + len(self.incoming) + len(self.used) + len(self.relations)


def layer_groups(rel: Related) -> list[LayerGroup]:
    """One group per other layer, top layer first (the map's order); each list keeps its order.
    One pass over each list (not one per layer)."""
    by: dict[int, tuple[list, list, list, list]] = {}
    for kind, found in enumerate((rel.outgoing, rel.incoming, rel.used_concepts, rel.relations)):
        for item in found:
            lists = by.get(item.layer)
            if lists is None:
                lists = by[item.layer] = ([], [], [], [])
            lists[kind].append(item)
    return [LayerGroup(n, LAYERS[n].name if n in LAYERS else "", *by[n]) for n in sorted(by, reverse=True)]


def _badged(text: str) -> str:
    """A label or sentence from the Markdown, escaped, with its ✅ 🔧 📘 🔗 as badges (Markup: the
    template's |e leaves it as it is); plain text when it has none."""
    return Markup(replace_text(escape(text))) if EMOJI_RE.search(text) else text


def _badged_item(item: Item) -> Item:
    """The item with the marks of its label and sentences as badges (the template shows
    `sentences`, a backlink's sentences; `sentence` is the first of them)."""
    label, sentence = _badged(item.label), _badged(item.sentence)
    sentences = tuple(_badged(s) for s in item.sentences)
    if label is item.label and sentence is item.sentence and all(
            a is b for a, b in zip(sentences, item.sentences, strict=True)):  # no marks: the item as it is
        return item
    return replace(item, label=label, sentence=sentence, sentences=sentences)


def _used_html(items: list[Item], base: str, env: jinja2.Environment | None,
               cache: MutableMapping[tuple, object] | None) -> str:
    """The used concepts' list (related-used.html); `cache` keeps it for the next chapter of the
    layer at the same depth (the plugin gives a new one to each build). The chapters of a layer
    share their Item objects (graph.related): the key is the items' identities, and the entry
    keeps the items themselves, so that no id in a key can be another object's while it is there."""
    key = (USED_TEMPLATE, base, *map(id, items))
    found = cache.get(key) if cache is not None else None
    if found is None:
        html = Markup(render_fragment(USED_TEMPLATE, env, base=base, items=[_badged_item(i) for i in items]))
        if cache is None:
            return html
        found = cache[key] = (tuple(items), html)
    return found[1]


def _with_badges(group: LayerGroup, base: str, env: jinja2.Environment | None,
                 cache: MutableMapping[tuple, object] | None) -> LayerGroup:
    def items(found: list[Item]) -> list[Item]:
        return [_badged_item(i) for i in found]

    used_html = _used_html(group.used, base, env, cache) if group.used else ""
    return LayerGroup(group.layer, group.name, items(group.outgoing), items(group.incoming), group.used,
                      group.relations, used_html)  # dataclasses.replace, without its field walk


def related_html(rel: Related, base: str, env: jinja2.Environment | None = None,
                 cache: MutableMapping[tuple, object] | None = None) -> str:
    """Render the block from its template; every text is escaped there, and the marks in the
    labels and sentences are badges already. `base` is the path from the page to the site root;
    `cache` (a dict for one build and one Jinja environment) keeps what chapters share: the used
    concepts' lists."""
    if not rel:
        return ""
    groups = [_with_badges(group, base, env, cache) for group in layer_groups(rel)]
    return render_fragment(TEMPLATE, env, base=base, groups=groups, use_badge=Markup(badge_html(USE)),
                           heading_id=RELATED_ID, title=RELATED_TITLE,
                           counts={"out": len(rel.outgoing), "in": len(rel.incoming),
                                   "used": len(rel.used_concepts), "relations": len(rel.relations)})

"""「関連する層」 at the end of a layer chapter, rendered: the data (graph.related) grouped by layer
and put through the template fragments/concept-map/related.html."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from graph.related import Item, Related
from graph.vocabulary import LAYERS, USE

from .fragments import render_fragment
from .marks import badge_html

TEMPLATE = "fragments/concept-map/related.html"
RELATED_ID = "cm-related-title"  # the block's heading (the plugin lists it in the TOC)
RELATED_TITLE = "関連する層"


@dataclass(frozen=True)
class LayerGroup:
    layer: int
    name: str
    outgoing: list[Item]
    incoming: list[Item]
    used: list[Item]

    @property
    def count(self) -> int:
        return len(self.outgoing) + len(self.incoming) + len(self.used)


def layer_groups(rel: Related) -> list[LayerGroup]:
    """One group per other layer, top layer first (the map's order)."""
    layers = sorted({i.layer for i in (*rel.outgoing, *rel.incoming, *rel.used_concepts)}, reverse=True)
    return [LayerGroup(n, LAYERS[n].name if n in LAYERS else "",
                       [i for i in rel.outgoing if i.layer == n],
                       [i for i in rel.incoming if i.layer == n],
                       [i for i in rel.used_concepts if i.layer == n]) for n in layers]


def related_html(rel: Related, base: str, env: jinja2.Environment | None = None) -> str:
    """Render the block from its template; every text is escaped there. `base` is the path from
    the page to the site root."""
    if not rel:
        return ""
    return render_fragment(TEMPLATE, env, base=base, groups=layer_groups(rel), use_badge=Markup(badge_html(USE)),
                           heading_id=RELATED_ID, title=RELATED_TITLE,
                           counts={"out": len(rel.outgoing), "in": len(rel.incoming),
                                   "used": len(rel.used_concepts)})

"""The 「シナリオで読む」 page's view: a layer badge on each step (the scenarios come from
graph/scenarios.py, in graph.graph["scenarios"])."""

from __future__ import annotations

import re

# A step's layer badge: the layer header's chip (text, so not by colour alone).
STEP_CHIP = '<span class="cm-layer-chip cm-layer-chip--{layer}">第{layer}層</span> '


def badge_steps(html: str, scenarios: list[dict], chip: str = STEP_CHIP) -> str:
    """The page's HTML with a layer badge at the start of each step: `chip` is a format string
    with {layer}. Each scenario's first <ol> after its heading gets them, item by item."""
    for scenario in scenarios:
        head = re.search(rf'<h2[^>]*\bid="{re.escape(scenario["id"])}"', html)
        if not head:
            continue
        start = html.find("<ol", head.end())
        end = html.find("</ol>", start)
        if start < 0 or end < 0:
            continue
        layers = iter(s["layer"] for s in scenario["steps"])

        def badge(m: re.Match, layers=layers) -> str:
            layer = next(layers, 0)
            return m.group(0) + (chip.format(layer=layer) if layer else "")

        block = re.sub(r"<li>", badge, html[start:end])
        html = html[:start] + block + html[end:]
    return html

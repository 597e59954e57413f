"""The 「シナリオで読む」 page's view: a layer badge on each step and the links that play a
scenario on the map, 「地図でたどる」 (the scenarios come from graph/scenarios.py, in
graph.graph["scenarios"])."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from graph.vocabulary import LAYER_LABEL

# A step's layer badge: the layer header's chip (text, so not by colour alone).
STEP_CHIP = ('<span class="cm-layer-chip cm-layer-chip--{layer}">'
             + LAYER_LABEL.replace("{n}", "{layer}") + "</span> ")


# The map walk of a scenario (?scenario=<id>&step=<n>), after its list and at the end of each step.
WALK_LINK = '<p class="cm-walk-link"><a href="{href}">このシナリオを地図でたどる</a></p>'
STEP_LINK = ' <a class="cm-walk-step" href="{href}" aria-label="手順 {n} を地図でたどる">地図でたどる</a>'


def walk_href(map_url: str, scenario: str, step: int) -> str:
    """The map's URL of a scenario's step (escaped for an attribute)."""
    return escape(f"{map_url}?scenario={quote(scenario, safe='')}&step={step}", quote=True)


def badge_steps(html: str, scenarios: list[dict], chip: str = STEP_CHIP, map_url: str = "") -> str:
    """The page's HTML with a layer badge at the start of each step: `chip` is a format string
    with {layer}. Each scenario's first <ol> after its heading gets them, item by item. With
    `map_url` (the map page, relative to this page) each step ends with a 「地図でたどる」 link
    to that step on the map, and the list is followed by one to the scenario's first step."""
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
        after = ""
        if map_url:
            numbers = iter(s["n"] for s in scenario["steps"])

            def walk(m: re.Match, numbers=numbers, sid=scenario["id"]) -> str:
                n = next(numbers, 0)
                return (STEP_LINK.format(href=walk_href(map_url, sid, n), n=n) if n else "") + m.group(0)

            block = re.sub(r"</li>", walk, block)
            after = WALK_LINK.format(href=walk_href(map_url, scenario["id"], 1))
        html = html[:start] + block + "</ol>" + after + html[end + len("</ol>"):]
    return html

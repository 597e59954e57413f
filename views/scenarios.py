"""The 「シナリオで読む」 page's view: a layer badge on each step and the links that play a
scenario on the map, 「地図でたどる」 (the scenarios come from graph/scenarios.py, in
graph.graph["scenarios"])."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from graph.vocabulary import LAYER_LABEL
from sitedocs.html import ListItems, insert_at_headings

# A step's layer badge: the layer header's chip (text, so not by colour alone).
STEP_CHIP = ('<span class="cm-layer-chip cm-layer-chip--{layer}">'
             + LAYER_LABEL.replace("{n}", "{layer}") + "</span> ")


# The map walk of a scenario (?scenario=<id>&step=<n>), after its list and at the end of each step.
WALK_LINK = '<p class="cm-walk-link"><a href="{href}">このシナリオを地図でたどる</a></p>'
STEP_LINK = ' <a class="cm-walk-step" href="{href}" aria-label="手順 {n} を地図でたどる">地図でたどる</a>'


def walk_href(map_url: str, scenario: str, step: int) -> str:
    """The map's URL of a scenario's step (escaped for an attribute)."""
    return escape(f"{map_url}?scenario={quote(scenario, safe='')}&step={step}", quote=True)


def step_lists(scenarios: list[dict], chip: str = STEP_CHIP, map_url: str = "") -> dict[str, ListItems]:
    """What each scenario's list gets (the page's one scan of its headings puts it in: sitedocs.html
    insert_at_headings): a layer badge at the start of each step (`chip`: a format string with
    {layer}); with `map_url` (the map page, relative to this page) a 「地図でたどる」 link to that
    step on the map at its end, and one to the scenario's first step after the list."""
    out = {}
    for scenario in scenarios:
        steps, sid = scenario["steps"], scenario["id"]
        out[sid] = ListItems(
            starts=[chip.format(layer=s["layer"]) if s["layer"] else "" for s in steps],
            ends=[STEP_LINK.format(href=walk_href(map_url, sid, s["n"]), n=s["n"]) if map_url and s["n"] else ""
                  for s in steps],
            after=WALK_LINK.format(href=walk_href(map_url, sid, 1)) if map_url else "")
    return out


def badge_steps(html: str, scenarios: list[dict], chip: str = STEP_CHIP, map_url: str = "") -> str:
    """The page's HTML with what step_lists gives each scenario's first <ol> after its heading."""
    return insert_at_headings(html, lists=step_lists(scenarios, chip, map_url))

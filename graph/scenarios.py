"""The 「シナリオで読む」 page (docs/scenarios.md): walks through the layers as ordered steps.

Shape (執筆ガイド「シナリオ」): each scenario is a `## title {#id}` heading followed by a numbered
list; each item is a step of one or two sentences that links the section explaining it
(`[ツール宣言](layers/02-communication.md#tools)`). The first link of a step is its place on
the map. Every step must link an existing section of a layer chapter (file:line otherwise), and a
scenario has at least two steps.

Exported into graph.json as the graph attribute `scenarios` (`{"graph": {"scenarios": [...]}}`;
GraphML leaves it out). One scenario:

    {"id": "coding-agent-fixes-a-test", "title": "コーディングエージェントがテストを直すまで",
     "url": "scenarios/#coding-agent-fixes-a-test", "src": "scenarios.md", "line": 12,
     "steps": [{"n": 1, "text": "利用者が…頼む。",            # plain text of the step
                "node": "concept:ide統合",                    # the concept its first link
                                                              # explains, else that section's node
                "section": "section:layers/05-ui-operations.md#ide-integration",
                "nodes": ["section:…", …],                    # every linked node, in order
                "layer": 5,                                   # the layer of that section
                "url": "layers/05-ui-operations/#ide-integration",  # site-root-relative
                "line": 14}, …]}

The map plays a scenario from `?scenario=<id>&step=<n>` (n from 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitedocs.links import MARKDOWN_LINKS, links_in_text, plain_text
from sitedocs.markdown import outside_fences

from .markdown import _HEADING, parse_heading_attrs, split_front_matter
from .model import Concept, PageData, Resolver
from .problems import Problem
from .schema import concept_node_id, page_id, section_id

_STEP = re.compile(r"^(\d+)\.\s+(.*)$")
_CONTINUATION = re.compile(r"^\s{2,}\S")


@dataclass
class Step:
    n: int
    text: str          # Markdown as written (continuation lines joined)
    line: int
    targets: list[str]  # link targets as written


@dataclass
class Scenario:
    id: str
    title: str
    line: int
    steps: list[Step] = field(default_factory=list)


def parse_scenarios(src: str, text: str) -> tuple[list[Scenario], list[Problem]]:
    """The scenarios of the page: `##` headings with an id, each with its numbered list."""
    _, _, offset, problems = split_front_matter(src, text)
    lines = text.split("\n")
    scenarios: list[Scenario] = []
    current: Scenario | None = None
    for idx, raw in outside_fences(lines, offset):
        heading = _HEADING.match(raw)
        if heading:
            current = None
            if len(heading.group(1)) == 2:
                title, anchor, classes, _ = parse_heading_attrs(heading.group(2))
                if anchor and "no-graph" not in classes:
                    current = Scenario(anchor, plain_text(title), idx + 1)
                    scenarios.append(current)
            continue
        if current is None:
            continue
        step = _STEP.match(raw)
        if step:
            current.steps.append(Step(len(current.steps) + 1, step.group(2).strip(), idx + 1, []))
        elif current.steps and _CONTINUATION.match(raw):
            current.steps[-1].text += " " + raw.strip()
    for scenario in scenarios:
        for s in scenario.steps:
            s.targets = [lk.target for lk in links_in_text(s.text) if lk.kind in MARKDOWN_LINKS]
        if len(scenario.steps) < 2:
            problems.append(Problem(src, scenario.line, f"シナリオ「{scenario.title}」には番号付きの手順が"
                                    "2つ以上必要です（1. 2. … の箇条書き）"))
    return scenarios, problems


def resolve_scenarios(src: str, scenarios: list[Scenario], pages: list[PageData],
                      concepts: list[Concept], resolve: Resolver) -> tuple[list[dict], list[Problem]]:
    """Check that every step links an existing section of a layer chapter; the JSON of each
    scenario (module docstring) for the steps that do."""
    by_src = {p.src: p for p in pages}
    explains = {(c.dest, c.anchor): concept_node_id(c.row.id) for c in reversed(concepts) if c.dest}
    page_url = by_src[src].url if src in by_src else ""
    problems: list[Problem] = []
    out: list[dict] = []
    for scenario in scenarios:
        steps = []
        for step in scenario.steps:
            nodes: list[tuple[str, str, int, str]] = []  # (section node, concept or "", layer, url)
            for target in step.targets:
                dest, anchor = resolve(src, target)
                page = by_src.get(dest or "")
                if page is None or page.layer is None:
                    continue
                if anchor and anchor not in page.anchors:
                    problems.append(Problem(src, step.line, f"手順 {step.n} のリンク先 {dest}#{anchor} "
                                            "という節はありません"))
                    continue
                node = section_id(page.src, anchor) if anchor else page_id(page.src)
                url = f"{page.url}#{anchor}" if anchor else page.url
                nodes.append((node, explains.get((page.src, anchor), ""), page.layer, url))
            if not nodes:
                problems.append(Problem(src, step.line, f"シナリオ「{scenario.title}」の手順 {step.n} には、"
                                        "解説する節へのリンク（例: [ツール宣言](layers/02-communication.md#tools)）"
                                        "が必要です"))
                continue
            first = nodes[0]
            steps.append({"n": step.n, "text": plain_text(step.text), "node": first[1] or first[0],
                          "section": first[0], "nodes": [n[1] or n[0] for n in nodes],
                          "layer": first[2], "url": first[3], "line": step.line})
        out.append({"id": scenario.id, "title": scenario.title, "url": f"{page_url}#{scenario.id}",
                    "src": src, "line": scenario.line, "steps": steps})
    return out, problems

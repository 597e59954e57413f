"""#25: the 「シナリオで読む」 page (graph/scenarios.py): steps link existing sections (file:line
otherwise), the scenarios reach graph.json for the map, each step carries a layer badge."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import build_tiny_site
from graph.scenarios import parse_scenarios
from graph.site import SourcePage, build_site_graph
from graph.stats import fs_resolver
from views.scenarios import badge_steps

TODAY = dt.date(2026, 12, 1)
CHAPTER = "---\nlayer: {n}\nreviewed: 2026-11-01\n---\n# L{n}\n\n## S{n} {{#s{n}}}\n\n本文。\n"
PAGE = """---
title: シナリオで読む
---
# シナリオで読む

## 一つ目 {{#one}}

1. 利用者が[画面](layers/l5.md#s5)で頼む。
2. [ループ](layers/l3.md#s3)が
   モデルを呼ぶ。
{extra}
## 二つ目 {{#two}}

1. [ループ](layers/l3.md#s3)だけ。
"""


def site(extra: str = ""):
    files = {f"layers/l{n}.md": CHAPTER.format(n=n) for n in (3, 5)}
    files["scenarios.md"] = PAGE.format(extra=extra)
    sources = [SourcePage(src, text, src[:-3] + "/") for src, text in files.items()]
    return build_site_graph(sources, fs_resolver(set(files)), today=TODAY)


def test_parse_reads_steps_with_lines_and_continuations() -> None:
    scenarios, problems = parse_scenarios("scenarios.md", PAGE.format(extra=""))
    assert [(s.id, s.title, [(st.n, st.line) for st in s.steps]) for s in scenarios] == [
        ("one", "一つ目", [(1, 8), (2, 9)]), ("two", "二つ目", [(1, 14)])]
    assert scenarios[0].steps[1].text == "[ループ](layers/l3.md#s3)が モデルを呼ぶ。"
    assert [str(p) for p in problems] == [
        "scenarios.md:12: シナリオ「二つ目」には番号付きの手順が2つ以上必要です（1. 2. … の箇条書き）"]


def test_steps_must_link_an_existing_section() -> None:
    extra = "3. [ない節](layers/l3.md#nope)へ。\n4. リンクのない手順。\n"
    problems = [str(p) for p in site(extra).problems]
    assert "scenarios.md:11: 手順 3 のリンク先 layers/l3.md#nope という節はありません" in problems
    assert ("scenarios.md:12: シナリオ「一つ目」の手順 4 には、解説する節へのリンク"
            "（例: [ツール宣言](layers/02-communication.md#tools)）が必要です") in problems


def test_scenarios_are_a_graph_attribute_with_nodes_of_the_graph() -> None:
    result = site()
    one = result.graph.graph["scenarios"][0]
    assert one["id"] == "one" and one["url"] == "scenarios/#one" and one["line"] == 6
    assert [(s["n"], s["node"], s["layer"], s["url"], s["line"]) for s in one["steps"]] == [
        (1, "section:layers/l5.md#s5", 5, "layers/l5/#s5", 8),
        (2, "section:layers/l3.md#s3", 3, "layers/l3/#s3", 9)]
    assert all(s["node"] in result.graph for s in one["steps"])


def test_badges_go_on_each_step_in_order() -> None:
    html = ('<h2 id="one">一つ目</h2><ol><li>a</li><li>b</li></ol>'
            '<h2 id="two">二つ目</h2><ol><li>c</li></ol><ol><li>not a step</li></ol>')
    scenarios = [{"id": "one", "steps": [{"layer": 5}, {"layer": 3}]}, {"id": "two", "steps": [{"layer": 1}]}]
    out = badge_steps(html, scenarios, "[{layer}]")
    assert out == ('<h2 id="one">一つ目</h2><ol><li>[5]a</li><li>[3]b</li></ol>'
                   '<h2 id="two">二つ目</h2><ol><li>[1]c</li></ol><ol><li>not a step</li></ol>')


def test_real_site_scenarios(real_site: Path) -> None:
    data = json.loads((real_site / "concept-map" / "graph.json").read_text(encoding="utf-8"))
    scenarios = data["graph"]["scenarios"]
    ids = {n["id"] for n in data["nodes"]}
    assert len(scenarios) >= 4
    for scenario in scenarios:
        assert len(scenario["steps"]) >= 2
        assert all(s["node"] in ids and s["section"] in ids and 1 <= s["layer"] <= 5 for s in scenario["steps"])
    html = (real_site / "scenarios" / "index.html").read_text(encoding="utf-8")
    for scenario in scenarios:
        block = html[html.index(f'id="{scenario["id"]}"'):]
        block = block[block.index("<ol"):block.index("</ol>")]
        chips = re.findall(r'<li><span class="cm-layer-chip cm-layer-chip--(\d)">第\d層</span>', block)
        assert [int(c) for c in chips] == [s["layer"] for s in scenario["steps"]]
    assert "scenarios.graphml" not in str(list((real_site / "concept-map").iterdir()))
    graphml = (real_site / "concept-map" / "graph.graphml").read_text(encoding="utf-8")
    assert "scenarios" not in graphml.split("<node", 1)[0]  # GraphML leaves the list out


def test_each_step_and_scenario_links_its_map_walk() -> None:
    html = '<h2 id="one">一つ目</h2><ol><li>a</li><li>b</li></ol><p>後</p>'
    scenarios = [{"id": "one", "steps": [{"layer": 5, "n": 1}, {"layer": 3, "n": 2}]}]
    out = badge_steps(html, scenarios, "[{layer}]", map_url="../concept-map/")
    assert out == ('<h2 id="one">一つ目</h2><ol>'
                   '<li>[5]a <a class="cm-walk-step" href="../concept-map/?scenario=one&amp;step=1"'
                   ' aria-label="手順 1 を地図でたどる">地図でたどる</a></li>'
                   '<li>[3]b <a class="cm-walk-step" href="../concept-map/?scenario=one&amp;step=2"'
                   ' aria-label="手順 2 を地図でたどる">地図でたどる</a></li></ol>'
                   '<p class="cm-walk-link"><a href="../concept-map/?scenario=one&amp;step=1">'
                   'このシナリオを地図でたどる</a></p><p>後</p>')


NESTED = """---
title: シナリオで読む
---
# シナリオで読む

## 一つ目 {#one}

1. 利用者が[画面](layers/l5.md#s5)で頼む。次のどちらか。
    - 文章で頼む
    - 画面を選んで頼む
2. [ループ](layers/l3.md#s3)がモデルを呼ぶ。
"""


def test_a_step_holding_a_nested_list_keeps_its_badge_and_walk_link(tmp_path: Path) -> None:
    """The steps are the list's own items: a list inside a step gets no badge and does not
    take the step's 「地図でたどる」 link (the built page, through the plugin)."""
    files = {f"layers/l{n}.md": CHAPTER.format(n=n) for n in (3, 5)}
    files["scenarios.md"] = NESTED
    files["index.md"] = "# Home\n"
    site = build_tiny_site(tmp_path, files, "site_name: t\ntheme: {name: material}\n"
                           "plugins: [concept-map/graph]\nmarkdown_extensions: [attr_list]\n")
    html = (site / "scenarios" / "index.html").read_text(encoding="utf-8")
    steps = html[html.index('id="one"'):]
    steps = steps[steps.index("<ol>"):steps.index("</ol>") + 5]
    chip = '<span class="cm-layer-chip cm-layer-chip--{n}">第{n}層</span> '
    link = ('<a class="cm-walk-step" href="../concept-map/?scenario=one&amp;step={n}"'
            ' aria-label="手順 {n} を地図でたどる">地図でたどる</a>')
    assert steps.count("<span class=\"cm-layer-chip") == 2 and steps.count("cm-walk-step") == 2
    assert re.sub(r"\s+", " ", steps) == (
        f'<ol> <li>{chip.format(n=5)}利用者が<a href="../layers/l5/#s5">画面</a>で頼む。次のどちらか。'
        '<ul> <li>文章で頼む</li> <li>画面を選んで頼む</li> </ul> '
        f'{link.format(n=1)}</li> <li>{chip.format(n=3)}<a href="../layers/l3/#s3">ループ</a>がモデルを呼ぶ。 '
        f'{link.format(n=2)}</li> </ol>')

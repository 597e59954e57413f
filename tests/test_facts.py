"""Volatile facts as data (#22): the data file's checks (file:line), the rendering of values and
tables with source and 確認日, per-fact staleness (page, graph, --stale), owner, api/pages.json
and the chapters' JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, mkdocs_build
from facts.classes import VOLATILITY_CLASSES
from facts.load import DATA_FILE, load_facts, parse_facts
from facts.render import render_markdown
from graph.__main__ import main as graph_main
from graph.stats import site_graph_from_folder

TODAY = dt.date(2026, 12, 2)
SCHEMA = json.loads((ROOT / "tests" / "data" / "pages.schema.json").read_text(encoding="utf-8"))
SOURCE = "https://platform.claude.com/docs/en/about-claude/models/overview"

GOOD = f"""\
vendors:
  anthropic:
    name: Anthropic
    models:
      - id: opus
        name: Claude Opus 9
        api_id: claude-opus-9
        context_window: 1000000
        max_output: 128000
        status: current
        sources:
          - url: {SOURCE}
            title: Models overview
        checked: 2026-12-02
        class: model-lineup
      - id: haiku-old
        name: Claude Haiku 1
        api_id: claude-haiku-1
        context_window: 200000
        status: retired
        shutdown: 2026-11-30
        sources: [{SOURCE}]
        checked: 2026-09-01
        class: model-lineup
    parameters:
      - id: effort
        topic: reasoning
        dialect: Anthropic
        spec: "`output_config.effort`"
        values: "`low` / `high`"
        status: ga
        sources: [https://platform.claude.com/docs/en/build-with-claude/effort]
        checked: 2026-12-02
        class: api-parameter
  openai:
    name: OpenAI
    parameters:
      - id: reasoning-effort
        topic: reasoning
        dialect: OpenAI Responses
        spec: "`reasoning.effort`"
        status: ga
        sources: [https://developers.openai.com/api/docs/guides/reasoning]
        checked: 2026-12-02
        class: api-parameter
    values:
      - id: assistants-shutdown
        name: Assistants API の提供終了日
        value: 2026-08-26
        sources: [https://developers.openai.com/api/docs/deprecations]
        checked: 2026-12-02
        class: deprecation
"""


def lines_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_good_data_loads_every_entry_with_its_line() -> None:
    base = parse_facts(GOOD, today=TODAY)
    assert base.problems == []
    assert [f.id for f in base.facts] == ["anthropic/opus", "anthropic/haiku-old", "anthropic/effort",
                                          "openai/reasoning-effort", "openai/assistants-shutdown"]
    opus = base.get("anthropic/opus")
    assert (opus.file, opus.line, opus.cls, opus.sources) == (DATA_FILE, lines_of(GOOD, "id: opus"),
                                                              "model-lineup", (SOURCE,))
    assert opus.fields["context_window"] == 1000000 and opus.checked == TODAY
    assert opus.due == TODAY + dt.timedelta(days=VOLATILITY_CLASSES["model-lineup"].interval_days)
    assert base.get("anthropic/haiku-old").stale(TODAY)  # checked 2026-09-01, 30-day class
    assert not opus.stale(TODAY)


BAD = [
    ("unknown class", ("class: model-lineup", "class: weekly", 1),
     "'anthropic/opus' の class 'weekly' は不明です"),
    ("missing source", (f"          - url: {SOURCE}\n            title: Models overview\n", "", 1),
     "'anthropic/opus' の sources が空です"),
    ("no sources key", ("        sources: [https://developers.openai.com/api/docs/deprecations]\n", "", 1),
     "'openai/assistants-shutdown' に sources（📘 公式ページのURL）がありません"),
    ("http source", ("sources: [https://developers.openai.com/api/docs/guides/reasoning]",
                     "sources: [http://example.com/x]", 1), "は https:// で始まるURLにしてください"),
    ("future date", ("checked: 2026-12-02", "checked: 2026-12-24", 1),
     "'anthropic/opus' の checked 2026-12-24 は未来の日付です（今日は 2026-12-02）"),
    ("not a date", ("checked: 2026-12-02", "checked: 2026-13-02", 1),
     "'anthropic/opus' の checked '2026-13-02' は YYYY-MM-DD 形式の日付ではありません"),
    ("wrong type", ("context_window: 1000000", "context_window: 1M", 1),
     "'anthropic/opus' の context_window は正の整数にしてください（'1M'）"),
    ("bool is not an int", ("max_output: 128000", "max_output: true", 1),
     "'anthropic/opus' の max_output は正の整数にしてください（'True'）"),
    ("unknown status", ("status: current", "status: live", 1), "'anthropic/opus' の status 'live' は"),
    ("unknown key", ("context_window: 200000", "context_window: 200000\n        contxt: 1", 1),
     "'anthropic/haiku-old': 不明なキー 'contxt'"),
    ("missing field", ("        api_id: claude-opus-9\n", "", 1), "'anthropic/opus' に api_id がありません"),
    ("model listed twice", ("id: haiku-old", "id: opus", 1), "'anthropic/opus' が2回書かれています（最初は 5 行目）"),
    ("model ID listed twice", ("api_id: claude-haiku-1", "api_id: claude-opus-9", 1),
     "モデルID 'claude-opus-9' が2回書かれています"),
    ("YAML key twice", ("        status: ga\n", "        status: ga\n        status: beta\n", 1),
     "キー 'status' が2回書かれています"),
    ("pipe in a table cell", ('values: "`low` / `high`"', 'values: "low | high"', 1), "に '|'"),
]


@pytest.mark.parametrize(("case", "edit", "message"), BAD, ids=[c[0] for c in BAD])
def test_bad_data_is_one_problem_at_its_line(case: str, edit: tuple[str, str, int], message: str) -> None:
    old, new, count = edit
    assert old in GOOD
    text = GOOD.replace(old, new, count)
    problems = parse_facts(text, today=TODAY).problems
    assert len(problems) == 1, problems
    problem = problems[0]
    assert message in problem.message, problem
    assert problem.file == DATA_FILE
    # the line of the offending entry or key in the data file
    line = text.split("\n")[problem.line - 1]
    wanted = new.split("\n")[-1].strip() or None
    if wanted and case not in {"model listed twice", "missing source"}:
        assert wanted.split(":")[0] in line or "id:" in line, (problem, line)


def test_yaml_syntax_error_has_a_line() -> None:
    problems = parse_facts("vendors:\n  a: [\n", today=TODAY).problems
    assert len(problems) == 1 and problems[0].file == DATA_FILE and problems[0].line >= 2


def test_inline_values_carry_their_checked_date_and_stale_mark() -> None:
    base = parse_facts(GOOD, today=TODAY)
    text = ("Opus: {{ fact: anthropic/opus context_window }}、名前 {{fact: anthropic/opus}}。\n"
            "旧: {{ fact: anthropic/haiku-old status }}、`{{ fact: anthropic/opus }}` はコード。\n"
            "```\n{{ fact: nope/x }}\n```\n終了日 {{ fact: openai/assistants-shutdown }}")
    out = render_markdown("p.md", text, base, TODAY)
    assert out.problems == []
    lines = out.text.split("\n")
    assert lines[0] == "Opus: 1,000,000トークン（確認日 2026-12-02）、名前 Claude Opus 9（確認日 2026-12-02）。"
    assert lines[1] == "旧: 提供終了（確認日 2026-09-01、要再確認）、`{{ fact: anthropic/opus }}` はコード。"
    assert lines[3] == "{{ fact: nope/x }}"  # fenced code: shown as written
    assert lines[5] == "終了日 2026-08-26（確認日 2026-12-02）"
    assert [(u.fact, u.line) for u in out.uses] == [("anthropic/opus", 1), ("anthropic/opus", 1),
                                                    ("anthropic/haiku-old", 2), ("openai/assistants-shutdown", 6)]


@pytest.mark.parametrize(("line", "message"), [
    ("{{ fact: anthropic/opuss }}",
     "不明な事実ID 'anthropic/opuss'（data/facts.yml にありません）（もしかして 'anthropic/opus'？）"),
    ("{{ fact: anthropic/opus price }}", "'anthropic/opus' に項目 'price' はありません"),
    ("{{ fact: anthropic/haiku-old max_output }}", "'anthropic/haiku-old' には max_output の値がありません"),
    ("{{ fact anthropic/opus }}", "事実の記法が読めません"),
    ("{{ fact-table: models mistral }}", "fact-table: 'mistral' はベンダーのキーでも事実IDでもありません"),
    ("{{ fact-table: parameters sampling }}", "fact-table: パラメータ表の話題 'sampling' がありません（reasoning）"),
    ("{{ fact-table: prices }}", "fact-table: 表の種類 'prices' は不明です"),
])
def test_syntax_errors_name_file_and_line(line: str, message: str) -> None:
    base = parse_facts(GOOD, today=TODAY)
    out = render_markdown("layers/x.md", "---\nlayer: 1\n---\n\n" + line + "\n", base, TODAY)
    assert len(out.problems) == 1 and str(out.problems[0]).startswith(f"layers/x.md:5: {message}"), out.problems
    assert "{{" not in out.text.replace(line, "") and "{{ fact-table" not in out.text.replace(line, "")


def table_rows(text: str) -> list[str]:
    return [row for row in text.split("\n") if row.startswith("| ") and not row.startswith("| 提供元")
            and not row.startswith("| モデル") and not row.startswith("| 方言")]


def test_tables_show_every_fact_with_source_link_and_date() -> None:
    base = parse_facts(GOOD, today=TODAY)
    text = "前\n\n{{ fact-table: models anthropic }}\n\n{{ fact-table: parameters reasoning }}\n"
    out = render_markdown("p.md", text, base, TODAY)
    assert out.problems == []
    rows = table_rows(out.text)
    assert len(rows) == 4
    for fact in (f for f in base.facts if f.kind != "values"):
        row = next(r for r in rows if (fact.fields.get("name") or fact.fields.get("dialect")) in r)
        for url in fact.sources:
            assert f"]({url})" in row and "📘 [" in row
        assert f"確認日 {fact.checked.isoformat()}" in row
        assert ("要再確認" in row) == fact.stale(TODAY)
    assert "| Claude Opus 9 | `claude-opus-9` | 1,000,000 | 128,000 | 現行 | 📘 [Models overview]" in out.text
    assert "提供終了（提供終了 2026-11-30）" in out.text
    assert "| OpenAI Responses | `reasoning.effort` | — | 一般提供 |" in out.text
    assert {u.line for u in out.uses} == {3, 5} and len(out.uses) == 4
    # without tables the directive line stays (line numbers of the source are kept)
    kept = render_markdown("p.md", "{{ fact-table: models anthropic }}\n", base, TODAY, tables=False)
    assert kept.text == "{{ fact-table: models anthropic }}\n" and len(kept.uses) == 2


def test_table_status_filter_and_several_vendors() -> None:
    base = parse_facts(GOOD, today=TODAY)
    out = render_markdown("p.md", "{{ fact-table: models status=current }}", base, TODAY).text
    assert "Claude Opus 9" in out and "Haiku" not in out and "提供元" not in out
    base2 = parse_facts(GOOD.replace("    parameters:\n      - id: reasoning-effort", """\
    models:
      - id: gpt
        name: GPT-9
        api_id: gpt-9
        status: current
        sources: [https://developers.openai.com/api/docs/models]
        checked: 2026-12-02
        class: model-lineup
    parameters:
      - id: reasoning-effort"""), today=TODAY)
    assert base2.problems == []
    out2 = render_markdown("p.md", "{{ fact-table: models anthropic openai }}", base2, TODAY).text
    assert "| 提供元 |" in out2 and "| OpenAI | GPT-9 |" in out2


# --- the data in a docs tree: check --stale, the built pages, pages.json, JSON-LD ----------------

HEADER = "| 技術/概念 | 第1層 | 第2層A | 第2層B | 第3層 | 第4層 | 第5層 | 備考 |\n|--|--|--|--|--|--|--|--|\n"


def tree(tmp_path: Path, data: str = GOOD, owner: str = "owner: octocat\n") -> Path:
    docs = tmp_path / "docs"
    files = {
        "index.md": "# Home\n\n[one](layers/one.md)\n",
        "layers/one.md": (f"---\ntitle: One\nlayer: 1\nsummary: 最初の章\nreviewed: 2026-11-20\n{owner}---\n"
                          "# One\n\n## Models {#models}\n\n"
                          "!!! abstract \"一言\"\n    モデルの顔ぶれ。\n\n"
                          "{{ fact-table: models anthropic }}\n\n"
                          "## Old {#old}\n\n旧モデルは {{ fact: anthropic/haiku-old }} である。\n\n"
                          "## Effort {#effort}\n\n深さは {{ fact: anthropic/effort }} で決める。\n"),
        "quick-reference.md": ("# 早見表\n\n" + HEADER
                               + "| [モデル](layers/one.md#models) | ✅ | - | - | - | - | - | "
                                 "上限 {{ fact: anthropic/opus context_window }} |\n"),
        "data/facts.yml": data,
    }
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: tiny\nsite_url: https://example.invalid/tiny/\ntheme:\n  name: material\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        "exclude_docs: |\n  /data/facts.yml\n"
        "plugins:\n  - search\n  - concept-map/graph\n  - concept-map/search-ja\n  - concept-map/llms\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n", encoding="utf-8")
    return config


def test_check_stale_lists_the_fact_at_its_data_line(tmp_path: Path, capsys) -> None:
    tree(tmp_path)
    docs = tmp_path / "docs"
    assert graph_main(["check", str(docs), "--today", "2026-12-02"]) == 0
    assert graph_main(["check", str(docs), "--stale", "--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    line = lines_of(GOOD, "id: haiku-old")
    page = (docs / "layers" / "one.md").read_text(encoding="utf-8")
    table, old = lines_of(page, "fact-table"), lines_of(page, "旧モデル")
    assert (f"data/facts.yml:{line}: anthropic/haiku-old [model-lineup; 表示: layers/one.md:{table}, "
            f"layers/one.md:{old}]"
            f"（最終確認 2026-09-01、期限 2026-10-01）") in out
    assert "anthropic/opus" not in out  # fresh
    site = site_graph_from_folder(docs, today=TODAY)
    g = site.graph
    assert g.nodes["section:layers/one.md#old"]["stale"] is True
    assert g.nodes["section:layers/one.md#old"]["stale_facts"] == "anthropic/haiku-old"
    assert g.nodes["section:layers/one.md#models"]["stale"] is True  # the table shows it too
    assert g.nodes["section:layers/one.md#effort"]["stale"] is False
    assert g.nodes["page:layers/one.md"]["stale"] is True
    assert g.nodes["concept:モデル"]["stale"] is True  # explained by the stale section
    # a month later the api-parameter fact is still fresh, the lineup is not
    later = site_graph_from_folder(docs, today=dt.date(2027, 1, 15)).graph
    assert later.nodes["section:layers/one.md#effort"]["stale"] is False
    assert later.nodes["section:layers/one.md#models"]["stale"] is True


def test_check_reports_bad_data_and_unknown_ids_at_file_line(tmp_path: Path, capsys) -> None:
    tree(tmp_path, data=GOOD.replace("class: api-parameter", "class: sometimes", 1))
    page = tmp_path / "docs" / "layers" / "one.md"
    text = page.read_text(encoding="utf-8") + "\n{{ fact: anthropic/mythos }}\n"
    page.write_text(text, encoding="utf-8")
    assert graph_main(["check", str(tmp_path / "docs"), "--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    assert f"data/facts.yml:{lines_of(GOOD, 'class: api-parameter')}: 'anthropic/effort' の class 'sometimes'" in out
    assert f"layers/one.md:{lines_of(text, 'mythos')}: 不明な事実ID 'anthropic/mythos'" in out


def test_build_fails_on_bad_data_with_file_and_line(tmp_path: Path) -> None:
    config = tree(tmp_path, data=GOOD.replace("checked: 2026-12-02", "checked: 2099-01-01", 1))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert f"data/facts.yml:{lines_of(GOOD, 'checked: 2026-12-02')}: 'anthropic/opus' の checked 2099-01-01 は未来" \
        in result.stderr
    assert not (tmp_path / "site" / "api" / "pages.json").exists()


def test_build_fails_on_an_unknown_fact_id_with_file_and_line(tmp_path: Path) -> None:
    config = tree(tmp_path)
    page = tmp_path / "docs" / "layers" / "one.md"
    text = page.read_text(encoding="utf-8").replace("{{ fact: anthropic/effort }}", "{{ fact: anthropic/efort }}")
    page.write_text(text, encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert (f"layers/one.md:{lines_of(text, 'efort')}: 不明な事実ID 'anthropic/efort'（data/facts.yml にありません）"
            "（もしかして 'anthropic/effort'？）") in result.stderr


def test_data_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.yml").write_bytes(b"vendors:\n  a:\n    name: \xff\n")
    problems = load_facts(tmp_path, TODAY).problems
    assert len(problems) == 1 and (problems[0].file, problems[0].line) == (DATA_FILE, 3)


def test_owner_must_be_a_github_handle(tmp_path: Path, capsys) -> None:
    tree(tmp_path, owner="owner: not a handle!\n")
    assert graph_main(["check", str(tmp_path / "docs")]) == 1
    assert "layers/one.md:6: owner 'not a handle!' は GitHub のユーザー名にしてください" in capsys.readouterr().out


TEMPLATE = re.compile(r"\{\{\s*facts?[-:\s]")


def visible(html: str) -> str:
    """The page's HTML without <code>/<pre> (where the guide may show the syntax on purpose)."""
    return re.sub(r"<(code|pre)\b.*?</\1>", "", html, flags=re.S)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("facts-site")
    config = tree(root)
    result = mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_built_page_shows_values_tables_and_stale_marks(tiny_site: Path) -> None:
    html = (tiny_site / "layers" / "one" / "index.html").read_text(encoding="utf-8")
    assert not TEMPLATE.search(html)
    assert "旧モデルは Claude Haiku 1（確認日 2026-09-01、要再確認） である" in html
    assert f'<a href="{SOURCE}">Models overview</a>' in html or f'href="{SOURCE}"' in html
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    assert any("claude-opus-9" in r and "確認日 2026-12-02" in r and SOURCE in r for r in rows)
    assert any("claude-haiku-1" in r and "要再確認" in r for r in rows)
    assert "この章の 1 件の値" in html  # the chapter notice counts its stale facts
    assert 'href="https://github.com/octocat">@octocat</a>' in html  # owner in the header
    assert not (tiny_site / "data" / "facts.yml").exists()  # the data file is not published


def test_no_template_syntax_where_readers_or_crawlers_look(tiny_site: Path) -> None:
    for path in tiny_site.rglob("*"):
        if path.suffix in {".html", ".json", ".md", ".txt"} and path.is_file():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".html":
                text = visible(text)
            assert not TEMPLATE.search(text), path
    cards = (tiny_site / "concept-map" / "cards.json").read_text(encoding="utf-8")
    assert "上限 1,000,000トークン（確認日 2026-12-02）" in cards
    assert "1,000,000トークン（確認日 2026-12-02）" in (tiny_site / "quick-reference" / "index.html").read_text(
        encoding="utf-8")
    copy = (tiny_site / "layers" / "one.md").read_text(encoding="utf-8")
    assert "| Claude Opus 9 | `claude-opus-9` |" in copy and "Claude Haiku 1（確認日 2026-09-01、要再確認）" in copy
    index = json.loads((tiny_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Claude Haiku 1（確認日 2026-09-01、要再確認）" in d.get("text", "") for d in index["docs"])


def test_pages_json_validates_and_lists_stale_facts(tiny_site: Path) -> None:
    doc = json.loads((tiny_site / "api" / "pages.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    by_src = {p["src"]: p for p in doc["pages"]}
    assert set(by_src) == {"index.md", "layers/one.md", "quick-reference.md"}
    one = by_src["layers/one.md"]
    assert (one["url"], one["layer"], one["reviewed"], one["review_by"], one["owner"], one["stale"]) == \
        ("layers/one/", 1, "2026-11-20", "2027-05-19", "octocat", True)
    assert [f["id"] for f in one["stale_facts"]] == ["anthropic/haiku-old"]
    fact = one["stale_facts"][0]
    assert fact["line"] == lines_of(GOOD, "id: haiku-old") and fact["sources"] == [SOURCE]
    assert {(p["line"], p["section"]) for p in fact["shown_at"]} == {(15, "models"), (19, "old")}
    assert by_src["index.md"]["stale"] is False and by_src["index.md"]["layer"] is None


def test_schema_rejects_a_broken_pages_json(tiny_site: Path) -> None:
    doc = json.loads((tiny_site / "api" / "pages.json").read_text(encoding="utf-8"))
    del doc["pages"][0]["review_by"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


def jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return [json.loads(b) for b in blocks]


def test_chapter_jsonld_parses_with_last_reviewed(tiny_site: Path) -> None:
    (doc,) = jsonld((tiny_site / "layers" / "one" / "index.html").read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "WebPage"
    assert doc["lastReviewed"] == "2026-11-20"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["dateModified"])
    assert doc["url"] == "https://example.invalid/tiny/layers/one/"
    assert doc["maintainer"]["identifier"] == "octocat"
    assert jsonld((tiny_site / "index.html").read_text(encoding="utf-8")) == []  # not a chapter


def test_real_site_pages_json_and_jsonld(real_site: Path) -> None:
    doc = json.loads((real_site / "api" / "pages.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    chapters = [p for p in doc["pages"] if p["layer"]]
    assert len(chapters) == 5
    for page in chapters:
        (ld,) = jsonld((real_site / page["url"] / "index.html").read_text(encoding="utf-8"))
        assert ld["lastReviewed"] == page["reviewed"]


def test_real_data_file_is_clean_and_every_fact_is_shown(real_site: Path) -> None:
    base = load_facts(ROOT / "docs", TODAY)
    assert base.problems == []
    site = site_graph_from_folder(ROOT / "docs", today=TODAY)
    shown = {u.fact for u in site.fact_uses}
    assert [f.id for f in base.facts if f.id not in shown] == []
    for path in [*real_site.rglob("*.html"), *real_site.rglob("*.md"), real_site / "llms.txt",
                 real_site / "search" / "search_index.json", real_site / "concept-map" / "cards.json"]:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = visible(text)
        if path.name == "contributing.md":  # the guide shows the syntax in code
            text = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.S)
        assert not TEMPLATE.search(text), path


def test_check_stale_groups_by_chapter_with_owner(tmp_path: Path, capsys) -> None:
    tree(tmp_path)
    assert graph_main(["check", str(tmp_path / "docs"), "--stale", "--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    grouped = out.split("章ごと（担当者つき）:\n", 1)[1]
    page = (tmp_path / "docs" / "layers" / "one.md").read_text(encoding="utf-8")
    assert "  One（layers/one.md、担当 @octocat）\n" in grouped
    assert (f"data/facts.yml:{lines_of(GOOD, 'id: haiku-old')}: anthropic/haiku-old（最終確認 2026-09-01、"
            f"期限 2026-10-01、この章の {lines_of(page, 'fact-table')}, {lines_of(page, '旧モデル')} 行）") in grouped

"""The weekly 要再確認 issue (#22): stale items and changed sources together, grouped by chapter
with its owner, rendered from fixture data (a docs tree and a check_links.py JSON report)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.__main__ import main as graph_main

SOURCE = "https://vendor.example/docs/models"
FACTS = f"""\
vendors:
  acme:
    name: Acme
    models:
      - id: rocket
        name: Rocket 2
        api_id: rocket-2
        status: current
        sources: [{SOURCE}]
        checked: 2026-06-01
        class: model-lineup
"""
L1 = ("---\nlayer: 1\nreviewed: 2026-11-01\nowner: \"@alice\"\n---\n# 第1層\n\n## Models {#models}\n\n"
      "現行は {{ fact: acme/rocket }} である。\n")
L2 = ("---\nlayer: 2\nreviewed: 2026-11-01\n---\n# 第2層\n\n## Wire {#wire}\n\n"
      "- 📘 [spec](https://spec.example/wire)\n")


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "layers").mkdir()
    (docs / "data" / "facts.yml").write_text(FACTS, encoding="utf-8")
    (docs / "layers" / "l1.md").write_text(L1, encoding="utf-8")
    (docs / "layers" / "l2.md").write_text(L2, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    return docs


def _changed(url: str, *citations: dict) -> dict:
    return {"url": url, "citations": list(citations), "added": ["| Rocket 3 | @bob <b>x</b> |"], "removed": 1,
            "seen": "2026-12-07", "page_date": None, "locked_seen": "2026-11-30"}


def test_the_issue_lists_stale_facts_and_changed_sources_by_chapter_with_owner(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    report = tmp_path / "link-report.json"
    report.write_text(json.dumps({"sources_changed": [
        _changed(SOURCE, {"file": "data/facts.yml", "line": 9, "official": True, "fact": "acme/rocket"}),
        _changed("https://spec.example/wire", {"file": "layers/l2.md", "line": 10, "official": True}),
    ]}), encoding="utf-8")
    issue = tmp_path / "issue.md"
    code = graph_main(["check", str(docs), "--stale", "--today", "2026-12-07", "--sources-report", str(report),
                       "--issue", str(issue), "--run-url", "https://github.com/o/r/actions/runs/1"])
    body = issue.read_text(encoding="utf-8")
    assert code == 1
    assert "確認期限を過ぎたもの 1 件、本文が変わった出典 2 件" in body
    l1, l2 = body.index("### 第1層（`layers/l1.md`、担当 @alice）"), body.index("### 第2層（`layers/l2.md`、担当なし）")
    assert l1 < l2
    first, second = body[l1:l2], body[l2:]
    assert "`data/facts.yml:5: acme/rocket" in first  # the stale fact, at the data file's line
    assert f"<{SOURCE}>" in first and "`data/facts.yml:9: acme/rocket`" in first  # its source changed
    assert "<https://spec.example/wire>" in second and "`layers/l2.md:10`" in second
    assert SOURCE not in second and "acme/rocket" not in second
    assert "`| Rocket 3 | @bob <b>x</b> |`" in body  # report text only inside code spans (inert)


def test_nothing_to_review_gives_exit_0(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    facts = docs / "data" / "facts.yml"
    facts.write_text(FACTS.replace("2026-06-01", "2026-11-01"), encoding="utf-8")
    issue = tmp_path / "issue.md"
    assert graph_main(["check", str(docs), "--stale", "--today", "2026-11-02", "--issue", str(issue)]) == 0
    assert "確認期限を過ぎたもの 0 件、本文が変わった出典 0 件" in issue.read_text(encoding="utf-8")

"""Link health on the pages (#15): 📘 links the weekly report found broken or redirected get a
marker with the reason; their sections carry `link_issues` in graph.json. No report, no markers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build_tiny_site, mkdocs_build
from linkaudit.health import LinkIssue, issues_from_report, mark_links

BROKEN = "https://docs.example.com/gone"
MOVED = "https://docs.example.com/old"
FINE = "https://docs.example.com/fine"


def report(**extra: object) -> dict:
    def result(url: str, result: str, official: bool = True, **more: object) -> dict:
        return {"url": url, "kind": "external", "result": result, "status": more.get("status"), "official": official,
                "citations": [{"file": "layers/l1.md", "line": 10, "official": official}],
                "message": more.get("message", ""), "location": more.get("location"), "redirect_status": None,
                "attempts": 1, "cached": False, "warnings": []}
    return {"version": 1, "generated_at": "2026-11-30T03:17:00+00:00",
            "mode": {"internal": False, "external": True},
            "summary": {"broken": 2, "redirected": 1, "unverifiable": 0, "ok": 1},
            "ignored": 0, "official_warnings": [],
            "results": [result(BROKEN, "broken", status=404, message="Not Found"),
                        result(MOVED, "redirected", location="https://docs.example.com/new"),
                        result(FINE, "ok", status=200),
                        result("https://blog.example.com/x", "broken", official=False, status=404)],
            **extra}


def test_only_official_broken_or_redirected_links_are_issues() -> None:
    issues, problems = issues_from_report(report())
    assert problems == []
    assert sorted(issues) == [BROKEN, MOVED]
    assert issues[BROKEN] == LinkIssue(BROKEN, "broken", "HTTP 404 Not Found", "2026-11-30", (("layers/l1.md", 10),))
    assert issues[MOVED].reason == "転送先: https://docs.example.com/new"


@pytest.mark.parametrize("bad", [[], {"results": []}, {"version": 2, "results": []}, "x"])
def test_a_report_of_another_shape_is_a_problem_not_a_crash(bad: object) -> None:
    issues, problems = issues_from_report(bad)
    assert issues == {} and len(problems) == 1


def test_markers_are_text_and_escaped() -> None:
    issue = LinkIssue(BROKEN, "broken", "<img src=x onerror=alert(1)>", "2026-11-30", ())
    html = mark_links(f'<p><a href="{BROKEN}">docs</a> and <a href="{FINE}">fine</a></p>', {BROKEN: issue})
    assert html == (f'<p><a href="{BROKEN}">docs</a><span class="cm-link-health cm-link-health--broken" role="note">'
                    "⚠ リンク切れ: &lt;img src=x onerror=alert(1)&gt;（2026-11-30 の週次検査）</span>"
                    f' and <a href="{FINE}">fine</a></p>')


CHAPTER = ("---\nlayer: 1\nreviewed: 2026-11-01\n---\n# L1\n\n## Sec {#sec}\n\n"
           f"- 📘 [docs]({BROKEN})\n- 📘 [old]({MOVED})\n- 📘 [fine]({FINE})\n")
CONFIG = ("site_name: t\nplugins:\n  - search\n  - concept-map/graph:\n      link_report: link-report.json\n"
          "markdown_extensions:\n  - attr_list\n")


def make_site(tmp_path: Path, with_report: bool) -> Path:
    if with_report:
        (tmp_path / "link-report.json").write_text(json.dumps(report()), encoding="utf-8")
    return build_tiny_site(tmp_path, {"layers/l1.md": CHAPTER, "index.md": "# Home\n"}, CONFIG)


def test_site_marks_the_links_and_the_section(tmp_path: Path) -> None:
    site = make_site(tmp_path, with_report=True)
    html = (site / "layers" / "l1" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="cm-link-health') == 2
    assert "⚠ リンク切れ: HTTP 404 Not Found（2026-11-30 の週次検査）" in html
    assert "⚠ 転送あり: 転送先: https://docs.example.com/new" in html
    nodes = {n["id"]: n for n in json.loads((site / "concept-map" / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    assert nodes["section:layers/l1.md#sec"]["link_issues"] == 2


def test_without_a_report_nothing_is_shown(tmp_path: Path) -> None:
    site = make_site(tmp_path, with_report=False)
    assert "cm-link-health" not in (site / "layers" / "l1" / "index.html").read_text(encoding="utf-8")


def _with_result(**changes: object) -> str:
    data = report()
    data["results"][0] = {**data["results"][0], **changes}
    return json.dumps(data)


def _with_citation_line(line: object) -> str:
    data = report()
    data["results"][0]["citations"][0]["line"] = line
    return json.dumps(data)


def _without_url() -> str:
    data = report()
    del data["results"][0]["url"]
    return json.dumps(data)


MALFORMED = {
    "line is text": (_with_citation_line("abc"), "results/0/citations/0/line"),
    "no url": (_without_url(), "results/0"),
    "null": ("null", "the top level"),
    "not JSON": ("{not json", "it is not JSON"),
    "status is text": (_with_result(status="404"), "results/0/status"),
    "results is an object": (json.dumps({**report(), "results": {}}), "results"),
    "not UTF-8": ("\udcff", "it is not JSON"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_report_is_one_warning_naming_the_file_and_no_markers(tmp_path: Path, name: str) -> None:
    """A bad link-report.json (#26): the build goes on without markers after one warning that
    names the file and where the report is wrong; --strict stops on that warning; no traceback."""
    text, where = MALFORMED[name]
    report_file = tmp_path / "link-report.json"
    report_file.write_bytes(text.encode("utf-8", "surrogateescape"))
    files = {"layers/l1.md": CHAPTER, "index.md": "# Home\n"}
    site = build_tiny_site(tmp_path, files, CONFIG, strict=False)
    assert "cm-link-health" not in (site / "layers" / "l1" / "index.html").read_text(encoding="utf-8")
    strict = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "strict-site")
    warnings = [line for line in strict.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, strict.stderr
    assert str(report_file) in warnings[0] and where in warnings[0], warnings[0]
    assert "no link-health markers" in warnings[0]
    assert "Traceback" not in strict.stderr and strict.returncode == 1


def test_a_section_whose_source_changed_since_its_review_says_so(tmp_path: Path) -> None:
    """#22: from sources.lock.json, 出典が更新されました（date） under a section reviewed before its
    📘 source's main text changed; not under one reviewed after, nor for a 🔗 link."""
    from linkaudit import watch

    changed = watch.Seen("f", (), "2026-12-01", changed="2026-12-01")
    watch.write_lock(tmp_path / "sources.lock.json", {BROKEN: changed, MOVED: changed, FINE: changed})
    chapter = ("---\nlayer: 1\nreviewed: 2026-11-01\n---\n# L1\n\n## Old {#old}\n\n"
               f"- 📘 [docs]({BROKEN}#part)\n\n"
               '## Fresh {#fresh data-reviewed="2026-12-02"}\n\n'
               f"- 📘 [docs]({MOVED})\n\n## Blog {{#blog}}\n\n- 🔗 [post]({FINE})\n")
    config = CONFIG.replace("link_report: link-report.json", "sources_lock: sources.lock.json")
    site = build_tiny_site(tmp_path, {"layers/l1.md": chapter, "index.md": "# Home\n"}, config)
    html = (site / "layers" / "l1" / "index.html").read_text(encoding="utf-8")
    assert html.count("出典が更新されました") == 1
    assert html.count('class="admonition info cm-source-updated" role="note"') == 1  # styled like 要再確認
    old = html.index('id="old"')
    marker = html.index("出典が更新されました（<time datetime=\"2026-12-01\">2026-12-01</time>）")
    assert old < marker < html.index('id="fresh"')
    # api/pages.json carries the same data per page (#22): the changed source, when, and where cited
    doc = json.loads((site / "api" / "pages.json").read_text(encoding="utf-8"))
    pages = {p["src"]: p for p in doc["pages"]}
    assert pages["layers/l1.md"]["changed_sources"] == [
        {"url": BROKEN, "changed": "2026-12-01", "cited_at": [{"file": "layers/l1.md", "line": 9, "section": "old"}]}]
    assert pages["index.md"]["changed_sources"] == []
    import jsonschema

    from conftest import ROOT
    schema = json.loads((ROOT / "tests" / "data" / "pages.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)

"""scripts/check_links.py --site: internal links and #anchors of a tiny MkDocs Material build."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import mkdocs_build
from linkaudit.report import SCHEMA
from tests.support.links_fixture import run_check

MKDOCS_YML = """site_name: Tiny
site_url: https://example.org/sub/
theme:
  name: material
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
"""

INDEX = """# Home

[Other present](other.md#present)
[Other nope](other.md#nope)
[Missing page](missing.md)
<a href="other/#gone-html">raw html anchor</a>
[Self broken](#no-such)
[Self ok](#top)

## Top {#top}
"""

OTHER = """# Other

## Present {#present}

[Back home](index.md)

![Broken image](img/none.png)
[Nope again](#nope)
"""


def build(tmp: Path, files: dict[str, str]) -> Path:
    """Write a docs tree, config and build it with MkDocs (not strict: links may be broken)."""
    (tmp / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp / "pyproject.toml").write_text('[tool.check-links]\ndocs_dir = "docs"\n',
                                        encoding="utf-8")
    for name, text in files.items():
        (tmp / "docs").mkdir(exist_ok=True)
        (tmp / "docs" / name).write_text(text, encoding="utf-8")
    result = mkdocs_build(tmp / "mkdocs.yml", tmp / "site", strict=False)  # in-process
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def check(tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    """Run the CLI on tmp/site; return the process and the JSON report."""
    proc = run_check(tmp / "pyproject.toml", "--site", str(tmp / "site"),
                     "--json", str(tmp / "r.json"), "--markdown", str(tmp / "r.md"))
    report = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    return proc, report


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    build(tmp, {"index.md": INDEX, "other.md": OTHER})
    proc, report = check(tmp)
    return tmp, proc, report


def test_broken_internal_links_and_anchors_are_found(broken_site):
    _, proc, report = broken_site
    assert proc.returncode == 1, proc.stderr
    broken = {r["url"]: r for r in report["results"] if r["result"] == "broken"}
    assert set(broken) == {"other/#nope", "missing.md", "other/#gone-html", "#no-such",
                           "other/img/none.png"}
    assert all(r["kind"] == "internal" for r in report["results"])


@pytest.mark.parametrize(
    ("url", "where", "status"),
    [
        ("other/#nope", ("index.md", 4, "other.md", 8), 200),
        ("missing.md", ("index.md", 5), 404),
        ("other/#gone-html", ("index.md", 6), 200),
        ("#no-such", ("index.md", 7), 200),
        ("other/img/none.png", ("other.md", 7), 404),
    ],
)
def test_each_broken_link_is_cited_at_every_markdown_line(broken_site, url, where, status):
    result = {r["url"]: r for r in broken_site[2]["results"]}[url]
    assert result["status"] == status
    cited = [(c["file"], c["line"]) for c in result["citations"]]
    assert cited == [tuple(where[i:i + 2]) for i in range(0, len(where), 2)]


def test_anchors_on_directory_urls_are_checked(broken_site):
    results = {r["url"]: r for r in broken_site[2]["results"]}
    assert results["other/#present"]["result"] == "ok"
    assert ("index.md", 3) in [(c["file"], c["line"]) for c in results["other/#present"]
                               ["citations"]]
    assert results["#top"]["result"] == "ok"
    assert "#nope not found" in results["other/#nope"]["message"]


def test_pages_under_the_site_url_base_path_resolve(broken_site):
    results = broken_site[2]["results"]
    assert any(r["url"].startswith("assets/") and r["result"] == "ok" for r in results)
    assert not [r for r in results if r["url"].startswith("assets/") and r["result"] != "ok"]


def test_markdown_report_for_the_pr(broken_site):
    text = (broken_site[0] / "r.md").read_text(encoding="utf-8")
    assert "| broken | 5 |" in text
    assert ("| `other/#nope` | 200 | `fragment #nope not found on the page` "
            "| `index.md:4`<br>`other.md:8` |") in text


def test_clean_site_exits_0(tmp_path):
    build(tmp_path, {"index.md": "# Home\n\n[Other](other.md#present)\n",
                     "other.md": "# Other\n\n## Present {#present}\n"})
    proc, report = check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["summary"]["broken"] == 0 and report["summary"]["ok"] > 3


def test_link_only_in_the_html_is_cited_at_the_html_page(tmp_path):
    site = build(tmp_path, {"index.md": "# Home\n", "other.md": "# Other\n"})
    page = site / "other" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", '<a href="../#theme-only">x</a></body>'),
                    encoding="utf-8")
    proc, report = check(tmp_path)
    assert proc.returncode == 1
    broken = [r for r in report["results"] if r["result"] == "broken"]
    assert [r["url"] for r in broken] == ["#theme-only"]
    [citation] = broken[0]["citations"]
    assert citation["file"] == "other/index.html" and citation["source"] == "html"
    assert citation["line"] == html[: html.index("</body>")].count("\n") + 1

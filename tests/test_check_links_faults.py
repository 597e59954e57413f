"""A cited host that trickles or floods (#26): every external URL has an overall deadline
(connect + headers + body) and an anchor check reads at most a byte cap; hitting either makes
the link unverifiable with the reason, never ok. Fault server on 127.0.0.6 only; its loops are
bounded, so a checker without these limits still ends (with the wrong verdicts)."""

from __future__ import annotations

import json

import pytest

from tests.support.links_fixture import FixtureServer, run_check

HOST = "127.0.0.6"
CONFIG = """
[tool.check-links]
docs_dir = "docs"
timeout = 2.0
deadline = 1.5
retries = 0
per_host_rate = 50
threads = 8
check_fragments = true
cache_file = ".cache/links.json"
"""
CITED = ["/trickle-body#x", "/trickle-headers", "/huge#end", "/huge-chunked#end",
         "/gzip-bomb#end", "/anchors#present", "/anchors#absent", "/ok"]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with FixtureServer(HOST) as server:
        (tmp / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
        (tmp / "docs").mkdir()
        lines = ["# Faults", ""] + [f"- 📘 [{p}]({server.url(p)})" for p in CITED]
        (tmp / "docs" / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        proc = run_check(tmp / "pyproject.toml", "--external", "--no-cache",
                         "--json", str(tmp / "r.json"), timeout=240)
        report = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
        return proc, {r["url"].removeprefix(server.url("")): r for r in report["results"]}


@pytest.mark.parametrize("path", ["/trickle-body#x", "/trickle-headers"])
def test_a_trickling_host_hits_the_overall_deadline(results, path):
    result = results[1][path]
    assert result["result"] == "unverifiable", result
    assert "within 1.5 s" in result["message"] and "deadline" in result["message"]


@pytest.mark.parametrize("path", ["/huge#end", "/huge-chunked#end", "/gzip-bomb#end"])
def test_an_anchor_on_a_page_over_the_byte_cap_is_unverifiable(results, path):
    result = results[1][path]
    assert result["result"] == "unverifiable", result
    assert result["message"] == ("#end not checked: the page is larger than 5,242,880 bytes "
                                 "(the byte cap for anchor checks)")


def test_ordinary_pages_and_anchors_are_still_checked(results):
    proc, by_path = results
    assert by_path["/anchors#present"]["result"] == "ok"
    assert by_path["/anchors#absent"]["result"] == "broken"
    assert by_path["/ok"]["result"] == "ok"
    assert proc.returncode == 1  # the missing anchor; the faults are not "broken"

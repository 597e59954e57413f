"""Unit tests of the link checker's pieces: Markdown scanning, config, cache, rate, classes."""

from __future__ import annotations

import json
import sys
import time
from email.utils import formatdate
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import links_cache
import links_config
import links_engine
import links_external
import links_report
import links_sources


def test_links_in_line_finds_every_form_and_skips_code_spans():
    line = ("- 📘 [Doc](https://a.example/x_(y) \"title\") --- see https://b.example/z。"
            " `https://code.example/` <https://d.example/q> <a href=\"https://e.example/?a=1&amp;b=2\">"
            " [rel](../02-communication.md#tools)")
    assert links_sources.links_in_line(line) == [
        "https://a.example/x_(y)", "https://b.example/z", "https://d.example/q",
        "https://e.example/?a=1&b=2", "../02-communication.md#tools"]


def test_scan_file_lines_official_flag_and_fences(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# T\n\n- 📘 [a](https://a.example/)\n```text\nhttps://skip.example/\n```\n"
                    "~~~~\n```\nhttps://skip2.example/\n~~~~\n- 🔗 [b](https://b.example/)\n"
                    "[ref]: https://c.example/doc\n", encoding="utf-8")
    links = links_sources.scan_file(page, "layers/p.md")
    assert [(lk.target, lk.citation.line, lk.citation.official) for lk in links] == [
        ("https://a.example/", 3, True), ("https://b.example/", 11, False),
        ("https://c.example/doc", 12, False)]
    assert links[0].citation.where() == "layers/p.md:3"


@pytest.mark.parametrize(
    ("md", "target", "expected"),
    [
        ("layers/01-llm.md", "02-communication.md#tools", "layers/02-communication/#tools"),
        ("layers/01-llm.md", "#lora", "layers/01-llm/#lora"),
        ("index.md", "layers/01-llm.md#lora", "layers/01-llm/#lora"),
        ("layers/01-llm.md", "../index.md", ""),
        ("layers/01-llm.md", "../assets/x.png", "assets/x.png"),
    ],
)
def test_resolve_internal_follows_mkdocs_directory_urls(md, target, expected):
    assert expected in links_sources.resolve_internal(md, target)


def test_page_sources_and_site_url_normalization():
    assert links_sources.page_path("layers/01-llm.md") == "layers/01-llm/"
    assert links_sources.page_path("layers/index.md") == "layers/"
    assert links_sources.page_path("a.md", directory_urls=False) == "a.html"
    assert links_sources.normalize_site_url("/a/index.html#x%2Dy") == "a/#x-y"


def test_config_validation_messages_are_one_sentence(tmp_path):
    ok = links_config.from_mapping({"timeout": 3, "bot_blocking_hosts": ["x.com"]}, tmp_path)
    assert ok.timeout == 3.0 and ok.bot_blocking_hosts == ["x.com"]
    bad = [({"retries": 1.5}, "'retries' must be an integer"),
           ({"per_host_rate": 0}, "'per_host_rate' must be greater than 0"),
           ({"ignore": ["("]}, "invalid regular expression"),
           ({"official_domains": {"v": "a.com"}}, "'official_domains.v' must be a list"),
           ({"check_fragments": "yes"}, "must be true or false"),
           ({"threads": True}, "'threads' must be an integer")]
    for data, needle in bad:
        with pytest.raises(links_config.ConfigError, match=needle) as info:
            links_config.from_mapping(data, tmp_path)
        assert str(info.value).count("\n") == 0


def test_repo_config_section_is_valid():
    root = Path(__file__).resolve().parent.parent
    settings = links_config.load(root / "pyproject.toml")
    assert settings.official_domains and settings.bot_blocking_hosts
    assert settings.threads > 1 and settings.retries >= 1 and settings.cache_max_age_hours > 0


def test_host_matches_subdomains_only():
    assert links_config.host_matches("docs.x.com", ["x.com"])
    assert links_config.host_matches("X.com.", ["x.com"])
    assert not links_config.host_matches("notx.com", ["x.com"])


def test_cache_expires_by_class_and_survives_a_round_trip(tmp_path):
    path = tmp_path / "c" / "cache.json"
    cache = links_cache.ResultCache(path, max_age_h=24, failure_max_age_h=1)
    now = time.time()
    cache.put("https://ok.example/", {"result": "ok"}, now=now - 2 * 3600)
    cache.put("https://bad.example/", {"result": "broken"}, now=now - 2 * 3600)
    cache.put("https://old.example/", {"result": "ok"}, now=now - 25 * 3600)
    assert cache.get("https://ok.example/", now=now)["result"] == "ok"
    assert cache.get("https://bad.example/", now=now) is None
    assert cache.get("https://old.example/", now=now) is None
    cache.save()
    again = links_cache.ResultCache(path, 24, 1)
    again.load()
    assert set(again.entries) == {"https://ok.example/", "https://bad.example/"}
    path.write_text("{not json", encoding="utf-8")
    broken = links_cache.ResultCache(path, 24, 1)
    broken.load()
    assert broken.entries == {}


def test_retry_after_accepts_seconds_and_http_dates():
    assert links_engine.retry_after("3") == 3.0
    assert 8 <= links_engine.retry_after(formatdate(time.time() + 10, usegmt=True)) <= 10
    assert links_engine.retry_after("soon") is None
    assert links_engine.retry_after(None) is None


def test_host_limiter_spaces_requests_per_host_not_across_hosts():
    delays: list[float] = []
    limiter = links_engine.HostLimiter(rate=2.0, sleep=delays.append)
    limiter.wait("a.example")
    limiter.wait("b.example")
    assert delays == []
    limiter.wait("a.example")
    limiter.wait("a.example")
    assert len(delays) == 2 and 0.4 < delays[0] <= 0.5 and 0.9 < delays[1] <= 1.0
    unlimited = links_engine.HostLimiter(rate=None, sleep=delays.append)
    unlimited.wait("a.example")
    unlimited.wait("a.example")
    assert len(delays) == 2


def _outcome(**kw):
    base = {"url": "https://x.example/p", "valid": True, "result": "200 OK", "warnings": [],
            "status": 200, "attempts": 1}
    return links_report.Outcome(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "klass"),
    [
        ({}, "ok"),
        ({"first_status": 301, "final_url": "https://x.example/q"}, "redirected"),
        ({"first_status": 302}, "ok"),
        ({"status": 429, "attempts": 3}, "unverifiable"),
        ({"status": 403, "valid": False, "url": "https://bot.example/"}, "unverifiable"),
        ({"status": 403, "valid": False}, "broken"),
        ({"status": None, "valid": False, "error_kind": "timeout"}, "unverifiable"),
        ({"status": None, "valid": False, "error_kind": "connection"}, "broken"),
        ({"warnings": ["Anchor `x' (decoded: `x') not found. Available anchors: -."]},
         "broken"),
    ],
)
def test_classify(kw, klass):
    settings = links_config.Settings(bot_blocking_hosts=["bot.example"])
    assert links_report.classify(_outcome(**kw), settings)[0] == klass


def test_official_domains_with_path_prefixes():
    settings = links_config.Settings(official_domains={"anthropic": ["anthropic.com",
                                                                      "github.com/anthropics"]})
    cite = [links_sources.Citation("a.md", 1, True)]
    cited = {"https://docs.anthropic.com/x": cite, "https://github.com/anthropics/sdk": cite,
             "https://github.com/someone/fork": cite, "https://blog.example/post": cite,
             "https://blog.example/not-official": [links_sources.Citation("a.md", 2, False)]}
    warned = [w["url"] for w in links_report.official_warnings(cited, settings)]
    assert warned == ["https://github.com/someone/fork", "https://blog.example/post"]


def test_interleave_round_robins_hosts():
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://c/2"]
    assert links_external.interleave(urls) == ["http://a/1", "http://b/1", "http://c/1",
                                             "http://a/2", "http://c/2", "http://a/3"]


def test_json_report_shape(tmp_path):
    result = links_report.Result(url="https://x/", kind="external", result="ok", status=200,
                                 official=True, citations=[{"file": "a.md", "line": 1,
                                                            "official": True}])
    links_report.write_json(tmp_path / "r.json", {"results": [result.as_dict()]})
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(data["results"][0]) >= {"url", "result", "status", "official", "citations",
                                       "location", "message"}

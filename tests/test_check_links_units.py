"""Unit tests of the link checker's pieces: Markdown scanning, config, cache, rate, classes."""

from __future__ import annotations

import socket
import time
from email.utils import formatdate
from pathlib import Path

import pytest

from linkaudit import adapter, cache, classify, config, external, report, sources
from linkaudit.cache import Checked
from linkaudit.classify import ResultClass
from linkaudit.outcome import ErrorKind, Outcome
from sitedocs.urls import page_url


def test_links_in_line_finds_every_form_and_skips_code_spans():
    # A bare URL is text on the site (no magiclink): not a link, as the graph reads it too.
    line = ("- 📘 [Doc](https://a.example/x_(y) \"title\") --- see https://b.example/z。"
            " `https://code.example/` <https://d.example/q> <a href=\"https://e.example/?a=1&amp;b=2\">"
            " [rel](../02-communication.md#tools)")
    assert sources.links_in_line(line) == [
        "https://a.example/x_(y)", "https://d.example/q",
        "https://e.example/?a=1&b=2", "../02-communication.md#tools"]


def test_scan_file_lines_official_flag_and_fences(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# T\n\n- 📘 [a](https://a.example/)\n```text\nhttps://skip.example/\n```\n"
                    "~~~~\n```\nhttps://skip2.example/\n~~~~\n- 🔗 [b](https://b.example/)\n"
                    "[ref]: https://c.example/doc\n📘 [c][ref]\n", encoding="utf-8")
    links = sources.scan_file(page, "layers/p.md")
    assert [(lk.target, lk.citation.line, lk.citation.official) for lk in links] == [
        ("https://a.example/", 3, True), ("https://b.example/", 11, False),
        ("https://c.example/doc", 13, True)]  # a reference link: cited where it is used
    assert links[0].citation.where() == "layers/p.md:3"


# Each link may become the page MkDocs rewrites it to, or (left as written) the URL a browser
# resolves from the page's directory URL; both are candidates, nothing else.
@pytest.mark.parametrize(
    ("md", "target", "expected"),
    [
        ("layers/01-llm.md", "02-communication.md#tools",
         {"layers/02-communication/#tools", "layers/01-llm/02-communication.md#tools"}),
        ("layers/01-llm.md", "#lora", {"layers/01-llm/#lora"}),
        ("index.md", "layers/01-llm.md#lora", {"layers/01-llm/#lora", "layers/01-llm.md#lora"}),
        ("layers/01-llm.md", "../index.md", {"", "layers/index.md"}),
        ("layers/01-llm.md", "../assets/x.png", {"assets/x.png", "layers/assets/x.png"}),
    ],
)
def test_resolve_internal_follows_mkdocs_directory_urls(md, target, expected):
    assert sources.resolve_internal(md, target) == expected


def test_page_sources_and_site_url_normalization():
    assert page_url("layers/01-llm.md") == "layers/01-llm/"
    assert page_url("layers/index.md") == "layers/"
    assert page_url("a.md", directory_urls=False) == "a.html"
    assert sources.normalize_site_url("/a/index.html#x%2Dy") == "a/#x-y"


def test_config_validation_messages_are_one_sentence(tmp_path):
    ok = config.from_mapping({"timeout": 3, "bot_blocking_hosts": ["x.com"]}, tmp_path)
    assert ok.timeout == 3.0 and ok.bot_blocking_hosts == ["x.com"]
    bad = [({"retries": 1.5}, "'retries' must be an integer"),
           ({"per_host_rate": 0}, "'per_host_rate' must be greater than 0"),
           ({"ignore": ["("]}, "invalid regular expression"),
           ({"official_domains": {"v": "a.com"}}, "'official_domains.v' must be a list"),
           ({"check_fragments": "yes"}, "must be true or false"),
           ({"threads": True}, "'threads' must be an integer"),
           ({"deadline": 0}, "'deadline' must be greater than 0"),
           ({"anchor_max_bytes": 1.5}, "'anchor_max_bytes' must be an integer")]
    for data, needle in bad:
        with pytest.raises(config.ConfigError, match=needle) as info:
            config.from_mapping(data, tmp_path)
        assert str(info.value).count("\n") == 0


def test_repo_config_section_is_valid():
    root = Path(__file__).resolve().parent.parent
    settings = config.load(root / "pyproject.toml")
    assert settings.official_domains and settings.bot_blocking_hosts
    assert settings.threads > 1 and settings.retries >= 1 and settings.cache_max_age_hours > 0


def test_host_matches_subdomains_only():
    assert config.host_matches("docs.x.com", ["x.com"])
    assert config.host_matches("X.com.", ["x.com"])
    assert not config.host_matches("notx.com", ["x.com"])


def test_cache_expires_by_class_and_survives_a_round_trip(tmp_path):
    path = tmp_path / "c" / "cache.json"
    results = cache.ResultCache(path, max_age_h=24, failure_max_age_h=1)
    now = time.time()
    moved = Checked(ResultClass.REDIRECTED, 200, "moved", 1, [], "https://new.example/", 301)
    results.put("https://ok.example/", Checked(ResultClass.OK), now=now - 2 * 3600)
    results.put("https://bad.example/", Checked(ResultClass.BROKEN), now=now - 2 * 3600)
    results.put("https://old.example/", Checked(ResultClass.OK), now=now - 25 * 3600)
    results.put("https://moved.example/", moved, now=now - 2 * 3600)
    assert results.get("https://ok.example/", now=now).result == "ok"
    assert results.get("https://bad.example/", now=now) is None
    assert results.get("https://old.example/", now=now) is None
    results.save()
    assert path.stat().st_mode & 0o777 == 0o644
    again = cache.ResultCache(path, 24, 1)
    again.load()
    assert set(again.entries) == {"https://ok.example/", "https://bad.example/",
                                  "https://moved.example/"}
    assert again.get("https://moved.example/") == moved
    path.write_text("{not json", encoding="utf-8")
    broken = cache.ResultCache(path, 24, 1)
    broken.load()
    assert broken.entries == {}


def test_retry_after_accepts_seconds_and_http_dates():
    assert adapter.retry_after("3") == 3.0
    assert 8 <= adapter.retry_after(formatdate(time.time() + 10, usegmt=True)) <= 10
    assert adapter.retry_after("soon") is None
    assert adapter.retry_after(None) is None


def test_host_limiter_spaces_requests_per_host_not_across_hosts():
    delays: list[float] = []
    limiter = adapter.HostLimiter(rate=2.0, sleep=delays.append)
    limiter.wait("a.example")
    limiter.wait("b.example")
    assert delays == []
    limiter.wait("a.example")
    limiter.wait("a.example")
    assert len(delays) == 2 and 0.4 < delays[0] <= 0.5 and 0.9 < delays[1] <= 1.0
    unlimited = adapter.HostLimiter(rate=None, sleep=delays.append)
    unlimited.wait("a.example")
    unlimited.wait("a.example")
    assert len(delays) == 2


def _outcome(**kw):
    base = {"url": "https://x.example/p", "valid": True, "result": "200 OK", "status": 200,
            "attempts": 1}
    return Outcome(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "klass"),
    [
        ({}, "ok"),
        ({"first_status": 301, "final_url": "https://x.example/q"}, "redirected"),
        ({"first_status": 302}, "ok"),
        ({"status": 429, "attempts": 3}, "unverifiable"),
        ({"status": 403, "valid": False, "url": "https://bot.example/"}, "unverifiable"),
        ({"status": 403, "valid": False}, "broken"),
        ({"status": None, "valid": False, "error_kind": ErrorKind.TIMEOUT}, "unverifiable"),
        ({"status": None, "valid": False, "error_kind": ErrorKind.CONNECTION}, "broken"),
        ({"missing_fragment": "x"}, "broken"),
        # LinkChecker's result line is never read: a translated one changes nothing.
        ({"result": "Anker 'x' niet gevonden.", "missing_fragment": None}, "ok"),
    ],
)
def test_classify(kw, klass):
    settings = config.Settings(bot_blocking_hosts=["bot.example"])
    assert classify.classify(_outcome(**kw), settings).result == klass


def test_result_classes_have_one_order():
    assert [str(c) for c in ResultClass] == ["broken", "redirected", "unverifiable", "ok"]
    assert [c.rank for c in ResultClass] == [0, 1, 2, 3]
    empty = report.Report(internal=True, external=False, results=[])
    assert list(empty.to_json()["summary"]) == [str(c) for c in ResultClass]


def _wrapping(inner: BaseException) -> BaseException:
    outer = RuntimeError("wrapper")
    outer.__cause__ = inner
    return outer


def test_connection_problems_come_from_exception_types_not_texts():
    refused = _wrapping(ConnectionRefusedError(111, "Verbinding geweigerd"))
    assert adapter.connection_problem(refused) == "connection refused"
    dns = _wrapping(socket.gaierror(-2, "Naam of dienst niet bekend"))
    assert adapter.connection_problem(dns) == "host not found (DNS)"
    assert adapter.connection_problem(_wrapping(TimeoutError())) == "connection failed: TimeoutError"


def test_official_domains_with_path_prefixes():
    settings = config.Settings(official_domains={"anthropic": ["anthropic.com",
                                                               "github.com/anthropics"]})
    cite = [sources.Citation("a.md", 1, True)]
    cited = {"https://docs.anthropic.com/x": cite, "https://github.com/anthropics/sdk": cite,
             "https://github.com/someone/fork": cite, "https://blog.example/post": cite,
             "https://blog.example/not-official": [sources.Citation("a.md", 2, False)]}
    warned = [w.url for w in report.official_warnings(cited, settings)]
    assert warned == ["https://github.com/someone/fork", "https://blog.example/post"]


def test_interleave_round_robins_hosts():
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://c/2"]
    assert external.interleave(urls) == ["http://a/1", "http://b/1", "http://c/1",
                                             "http://a/2", "http://c/2", "http://a/3"]



HOSTILE = ("@octocat see ![x](https://evil.example/p.png) [click](https://evil.example/) "
           "<img src=x onerror=alert(1)> <script>x</script> a|b `tick` #1 https://evil.example/")


def _report_with(message: str, url: str = "https://a.example/x") -> str:
    citation = sources.Citation("layers/a`b.md", 3, True)
    result = report.Result(url=url, kind="external", result=ResultClass.BROKEN, status=404,
                           official=True, citations=[citation], message=message)
    return report.markdown(report.Report(internal=False, external=True, results=[result]))


def test_markdown_report_cells_keep_hostile_text_inert():
    """A reason copied from a server (or a URL, a file name) cannot mention, link, embed or
    inject HTML in the job summary or the broken-links issue: it is one code span per cell."""
    text = _report_with(HOSTILE)
    row = next(line for line in text.splitlines() if line.startswith("| 📘"))
    cells = row[2:-2].split(" | ")
    assert cells == ["📘 <https://a.example/x>", "404",
                     "``@octocat see ![x](https://evil.example/p.png) [click](https://evil.example/) "
                     "<img src=x onerror=alert(1)> <script>x</script> a\\|b `tick` #1 "
                     "https://evil.example/``",
                     "``layers/a`b.md:3``"]


@pytest.mark.parametrize("url", ["https://a.example/<img src=x>", "javascript:alert(1)",
                                 "https://a.example/x|y", "https://a.example/ x"])
def test_a_url_that_is_not_plain_is_shown_as_code(url):
    row = next(line for line in _report_with("gone", url).splitlines() if line.startswith("| 📘"))
    assert row.startswith("| 📘 `")

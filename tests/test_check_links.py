"""scripts/check_links.py --external against real HTTP servers on 127.0.0.x (never the internet)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from linkaudit import adapter
from linkaudit.report import SCHEMA
from tests.support.links_fixture import ROOT, SCRIPT, FixtureServer, closed_port, run_check

BOT_HOST, PLAIN_HOST, DEAD_HOST = "127.0.0.2", "127.0.0.3", "127.0.0.4"

CONFIG = """
[tool.check-links]
docs_dir = "docs"
timeout = 2.0
retries = 2
backoff = 0.2
max_retry_after = 5
per_host_rate = 50
threads = 8
check_fragments = true
cache_file = ".cache/links.json"
bot_blocking_hosts = ["127.0.0.2"]
ignore = ["/ignored-by-config"]

[tool.check-links.official_domains]
fixture = ["127.0.0.3"]
"""

# The JSON report's keys (documented in linkaudit/report.py), written out here independently.
REPORT_KEYS = ["version", "generated_at", "mode", "summary", "ignored", "official_warnings",
               "results", "sources_changed"]
RESULT_KEYS = ["url", "kind", "result", "status", "official", "citations", "message",
               "location", "redirect_status", "attempts", "cached", "warnings"]
SUMMARY_KEYS = ["broken", "redirected", "unverifiable", "ok"]


def run_cli(tmp: Path, *args: str, env: dict[str, str] | None = None):
    """Run the CLI with the tmp config; reports go to tmp."""
    return run_check(tmp / "pyproject.toml", *args, env=env, timeout=120)


def write_tree(tmp: Path, files: dict[str, str], config: str = CONFIG) -> None:
    """A docs tree and its pyproject.toml in `tmp`."""
    (tmp / "pyproject.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = tmp / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def servers():
    with FixtureServer(BOT_HOST) as bot, FixtureServer(PLAIN_HOST) as plain:
        yield bot, plain


# (path on the plain host, expected class, expected status, expected redirect status)
CASES = [
    ("/ok", "ok", 200, None),
    ("/r301", "redirected", 200, 301),
    ("/r308", "redirected", 200, 308),
    ("/r302", "ok", 200, None),
    ("/404", "broken", 404, None),
    ("/410", "broken", 410, None),
    ("/forbidden", "broken", 403, None),
    ("/rate-limited", "ok", 200, None),
    ("/flaky", "ok", 200, None),
    ("/down", "broken", 500, None),
    ("/slow", "unverifiable", None, None),
    ("/loop-a", "broken", 301, None),
    ("/anchors#present", "ok", 200, None),
    ("/anchors#missing", "broken", 200, None),
]


def _docs(bot: FixtureServer, plain: FixtureServer, dead_port: int) -> dict[str, str]:
    lines = ["# Fixture", ""]
    for path, *_ in CASES:
        lines.append(f"- 📘 [{path}]({plain.url(path)}) --- case")
    lines.append(f"- 🔗 [bot 403]({bot.url('/forbidden')})")
    lines.append(f"- 🔗 [refused](http://{DEAD_HOST}:{dead_port}/)")
    lines.append(f"- 📘 [not official]({bot.url('/ok')})")
    lines.append(f"- 🔗 [ignored]({plain.url('/ignored-by-config')})")
    lines += ["", "```text", f"{plain.url('/in-code-block')}", "```", ""]
    other = ["# Other", "", f"See also [ok]({plain.url('/ok')}) and <{plain.url('/404')}>.", "",
             f"A bare URL is text on the site, not a link: {plain.url('/bare-text')}", ""]
    return {"index.md": "\n".join(lines) + "\n", "sub/other.md": "\n".join(other)}


@pytest.fixture(scope="module")
def first_run(servers, tmp_path_factory):
    bot, plain = servers
    tmp = tmp_path_factory.mktemp("ext")
    dead_port = closed_port(DEAD_HOST)
    write_tree(tmp, _docs(bot, plain, dead_port))
    before = bot.total() + plain.total()
    proc = run_cli(tmp, "--external", "--json", str(tmp / "r.json"),
                   "--markdown", str(tmp / "r.md"))
    sent = bot.total() + plain.total() - before
    report = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
    return tmp, proc, report, sent, dead_port


def _by_url(report: dict) -> dict[str, dict]:
    return {r["url"]: r for r in report["results"]}


def test_exit_code_is_1_when_something_is_broken(first_run):
    _, proc, report, sent, _ = first_run
    assert proc.returncode == 1, proc.stderr
    assert sent > 0
    assert report["summary"] == {"broken": 7, "redirected": 2, "unverifiable": 2, "ok": 6}


@pytest.mark.parametrize(("path", "klass", "status", "redirect"), CASES)
def test_each_fixture_case_is_classified(servers, first_run, path, klass, status, redirect):
    _, plain = servers
    report = first_run[2]
    result = _by_url(report)[plain.url(path)]
    assert (result["result"], result["status"]) == (klass, status), result
    assert result["redirect_status"] == redirect
    if klass == "redirected":
        assert result["location"] == plain.url("/ok")
    line = 3 + [c[0] for c in CASES].index(path)
    assert {"file": "index.md", "line": line, "official": True} in result["citations"]
    assert result["official"] is True


def test_retries_honour_retry_after_and_count_attempts(servers, first_run):
    _, plain = servers
    report = first_run[2]
    results = _by_url(report)
    assert results[plain.url("/rate-limited")]["attempts"] == 2
    assert results[plain.url("/flaky")]["attempts"] == 2
    assert results[plain.url("/down")]["attempts"] == 3
    assert results[plain.url("/slow")]["attempts"] == 3
    assert "timed out" in results[plain.url("/slow")]["message"]
    assert "redirect loop" in results[plain.url("/loop-a")]["message"]
    assert "#missing not found" in results[plain.url("/anchors#missing")]["message"]
    first, second = plain.times["/rate-limited"][:2]
    assert second - first >= 0.95, "the retry came before Retry-After: 1 had passed"


def test_bot_blocking_host_is_unverifiable_with_a_warning(servers, first_run):
    bot, plain = servers
    results = _by_url(first_run[2])
    blocked = results[bot.url("/forbidden")]
    assert (blocked["result"], blocked["status"], blocked["official"]) == ("unverifiable", 403,
                                                                           False)
    assert blocked["warnings"] and "blocks bots" in blocked["warnings"][0]
    assert results[plain.url("/forbidden")]["result"] == "broken"


def test_connection_refused_is_broken(first_run):
    _, _, report, _, dead_port = first_run
    refused = _by_url(report)[f"http://{DEAD_HOST}:{dead_port}/"]
    assert (refused["result"], refused["status"]) == ("broken", None)
    assert refused["message"] == "connection refused"
    assert refused["citations"] == [{"file": "index.md", "line": 18, "official": False}]


def test_every_citation_is_listed_and_code_blocks_and_ignored_urls_are_skipped(servers,
                                                                               first_run):
    _, plain = servers
    _, _, report, _, _ = first_run
    results = _by_url(report)
    assert results[plain.url("/ok")]["citations"] == [
        {"file": "index.md", "line": 3, "official": True},
        {"file": "sub/other.md", "line": 3, "official": False},
    ]
    assert [c["file"] for c in results[plain.url("/404")]["citations"]] == ["index.md",
                                                                           "sub/other.md"]
    assert plain.url("/in-code-block") not in results
    assert plain.url("/bare-text") not in results and plain.hits["/bare-text"] == 0
    assert plain.url("/ignored-by-config") not in results
    assert report["ignored"] == 1
    assert plain.hits["/in-code-block"] == 0 and plain.hits["/ignored-by-config"] == 0


def test_official_flag_outside_official_domains_warns(servers, first_run):
    bot, _ = servers
    warnings = first_run[2]["official_warnings"]
    assert warnings == [{"url": bot.url("/ok"), "file": "index.md", "line": 19,
                         "host": BOT_HOST}]


def test_json_report_of_a_real_run_matches_the_documented_schema(first_run):
    report = first_run[2]
    jsonschema.validate(report, SCHEMA)
    assert list(report) == REPORT_KEYS
    assert report["version"] == 1
    assert report["mode"] == {"internal": False, "external": True}
    assert list(report["summary"]) == SUMMARY_KEYS
    assert len(report["results"]) == sum(report["summary"].values()) == 17
    for result in report["results"]:
        assert list(result) == RESULT_KEYS, result
        assert result["kind"] == "external" and result["cached"] is False
        assert result["result"] in SUMMARY_KEYS
        for citation in result["citations"]:
            assert list(citation) == ["file", "line", "official"]
    for warning in report["official_warnings"]:
        assert list(warning) == ["url", "file", "line", "host"]
    bad = {**report, "results": [{**report["results"][0], "extra": 1}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_markdown_report_lists_what_to_fix(servers, first_run):
    _, plain = servers
    tmp = first_run[0]
    text = (tmp / "r.md").read_text(encoding="utf-8")
    assert "| broken | 7 |" in text
    assert f"📘 <{plain.url('/404')}> | 404 |" in text
    assert f"| 301 → 200 | `{plain.url('/ok')}` |" in text
    assert "`index.md:7`<br>`sub/other.md:3`" in text
    assert "outside the official documentation domains (1)" in text


def test_second_run_within_cache_age_sends_no_request(servers, first_run):
    bot, plain = servers
    tmp, _, report, _, _ = first_run
    before = bot.total() + plain.total()
    proc = run_cli(tmp, "--external", "--json", str(tmp / "again.json"))
    assert bot.total() + plain.total() == before
    again = json.loads((tmp / "again.json").read_text(encoding="utf-8"))
    assert proc.returncode == 1
    assert all(r["cached"] for r in again["results"])
    strip = [{k: v for k, v in r.items() if k != "cached"} for r in again["results"]]
    assert strip == [{k: v for k, v in r.items() if k != "cached"} for r in report["results"]]


def test_no_cache_checks_again(servers, tmp_path):
    _, plain = servers
    write_tree(tmp_path, {"a.md": f"[ok]({plain.url('/ok?nocache')})\n"})
    assert run_cli(tmp_path, "--external").returncode == 0
    hits = plain.hits["/ok"]
    assert run_cli(tmp_path, "--external").returncode == 0
    assert plain.hits["/ok"] == hits
    assert run_cli(tmp_path, "--external", "--no-cache").returncode == 0
    assert plain.hits["/ok"] == hits + 1


def test_missing_fragment_is_broken_in_another_locale(servers, tmp_path):
    # LinkChecker translates its messages (nl_NL ships with it): classification must not read them.
    _, plain = servers
    write_tree(tmp_path, {"a.md": f"- [gone]({plain.url('/anchors#nl-missing')})\n"
                                  f"- [here]({plain.url('/anchors#present')})\n"})
    env = {"LANG": "nl_NL.UTF-8", "LANGUAGE": "nl", "LC_ALL": "", "LC_MESSAGES": ""}
    proc = run_cli(tmp_path, "--external", "--no-cache", "--json", str(tmp_path / "r.json"),
                   env=env)
    results = _by_url(json.loads((tmp_path / "r.json").read_text(encoding="utf-8")))
    missing = results[plain.url("/anchors#nl-missing")]
    assert (missing["result"], missing["status"]) == ("broken", 200), missing
    assert missing["message"] == "fragment #nl-missing not found on the page"
    assert results[plain.url("/anchors#present")]["result"] == "ok"
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_unreachable_network_gives_one_message_and_exit_3(tmp_path):
    ports = [closed_port("127.0.0.5"), closed_port("127.0.0.6")]
    urls = [f"http://127.0.0.5:{ports[0]}/a", f"http://127.0.0.6:{ports[1]}/b",
            f"http://127.0.0.5:{ports[0]}/c"]
    write_tree(tmp_path, {"a.md": "\n".join(f"- 📘 [x]({u})" for u in urls) + "\n"})
    proc = run_cli(tmp_path, "--external", "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "network is unreachable" in lines[0], proc.stderr
    assert "BROKEN" not in proc.stdout
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize(
    ("args", "config", "needle"),
    [
        ([], CONFIG, "nothing to check"),
        (["--external", "--bogus"], CONFIG, "unrecognized arguments"),
        (["--external"], CONFIG.replace("timeout = 2.0", 'timeout = "soon"'),
         "'timeout' must be a number"),
        (["--external"], CONFIG + "\n[tool.check-links.extra]\n", "'extra' is not a known"),
        (["--external"], "[tool.other]\n", "has no [tool.check-links] section"),
        (["--site", "nowhere"], CONFIG, "is not a built site"),
    ],
)
def test_bad_usage_or_config_gives_one_sentence_and_exit_2(tmp_path, args, config, needle):
    write_tree(tmp_path, {"a.md": "# A\n"}, config=config)
    proc = run_cli(tmp_path, *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr


@pytest.mark.parametrize("installed", ["10.5.0", "11.0.0", None])
def test_another_linkchecker_version_gives_one_sentence_and_exit_2(tmp_path, installed):
    with pytest.raises(adapter.UnsupportedLinkChecker, match=r"linkchecker==10\.6\.0"):
        adapter.check_version(installed)
    write_tree(tmp_path, {"a.md": "[x](http://127.0.0.3:9/)\n"})
    # The same command line, with importlib.metadata reporting another installed version.
    code = ("import importlib.metadata as m, sys\n"
            f"installed, real = {installed!r}, m.version\n"
            "def version(name):\n"
            "    if name != 'linkchecker': return real(name)\n"
            "    if installed is None: raise m.PackageNotFoundError(name)\n"
            "    return installed\n"
            "m.version = version\n"
            "from linkaudit.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.run([sys.executable, "-c", code, "--config",
                           str(tmp_path / "pyproject.toml"), "--external"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "linkchecker==10.6.0" in lines[0], proc.stderr
    assert "LinkChecker " + (installed or "is not installed") in lines[0]


LINKCHECK_IMPORT = re.compile(r"\s*(?:import|from)\s+linkcheck\b")


def test_only_the_adapter_imports_linkchecker():
    importers = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith(".") or rel.parts[0] in ("site", "build"):
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if LINKCHECK_IMPORT.match(line):
                importers.append(rel.as_posix())
                break
    assert importers == ["linkaudit/adapter.py"]


@pytest.mark.skipif(not Path("/usr/bin/python3").exists(), reason="no system /usr/bin/python3")
def test_entry_point_starts_with_the_standard_library_only():
    # Debian's python3 without site-packages (-S): no PyYAML, no LinkChecker; the script
    # re-executes itself as `python -m linkaudit` in .venv, whose argparse answers --help.
    proc = subprocess.run(["/usr/bin/python3", "-S", str(SCRIPT), "--help"], capture_output=True,
                          text=True, timeout=600, cwd=ROOT,
                          env={k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"})
    assert proc.returncode == 0, proc.stderr
    assert "usage: check_links.py" in proc.stdout and "--external" in proc.stdout


def test_python_m_linkaudit_is_the_same_command():
    proc = subprocess.run([sys.executable, "-m", "linkaudit", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "usage: check_links.py" in proc.stdout

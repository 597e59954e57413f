"""Cited sources watched (#22): the main text of each 📘 page is fingerprinted into a lock file;
a changed number, name or paragraph is reported with the citing file:line, while navigation,
footers, scripts, cookie banners, build stamps and whitespace are not. Loopback pages only."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linkaudit import watch
from linkaudit.report import SCHEMA
from tests.support.links_fixture import run_check

FACTS = {"nav": "Home Docs Pricing", "cookie": "We use cookies to improve your experience. Accept",
         "script": "window.build = 'a1b2c3';", "footer": "© 2026 Example Corp. Built 2026-12-01T10:00Z",
         "stamp": "Last updated 2026-11-30 10:22", "model": "Sonnet 5.5", "context": "200,000",
         "extra": "<p>Batch requests are billed at half price and complete within twenty-four hours.</p>",
         "space": " "}


def page(**changes: str) -> str:
    """A vendor-like documentation page; `changes` replace parts of it."""
    f = {**FACTS, **changes}
    return f"""<!doctype html><html><head><title>Models</title><script>{f['script']}</script></head>
<body><header><nav><a href="/">{f['nav'].replace(' ', '</a> <a href="/x">')}</a></nav></header>
<div class="cookie-banner" id="cookie-consent">{f['cookie']}</div>
<main><article><h1>Models overview</h1>
<p>The{f['space']}current models are listed below with their context windows and their status.</p>
<table id="table"><tr><th>Model</th><th>Context window</th></tr><tr><td>{f['model']}</td><td>{f['context']}</td></tr>
<tr><td>Haiku 5.5</td><td>200,000</td></tr></table>
<p>Older models are retired on the dates given in the deprecation schedule of this documentation.</p>
{f['extra']}
<p class="updated">{f['stamp']}</p></article></main>
<footer>{f['footer']}</footer></body></html>"""


NOISE = {"navigation": {"nav": "Home Guides Pricing Blog"},
         "cookie banner": {"cookie": "This site uses cookies. Reject all / Accept all"},
         "inline script": {"script": "window.build = 'ffff9999'; track();"},
         "footer": {"footer": "© 2027 Example Corp. Built 2026-12-02T08:15Z"},
         "build timestamp": {"stamp": "Last updated 2026-12-02 08:15"},
         "whitespace": {"space": "  \n   "}}
REAL = {"a number in a table": {"context": "400,000"},
        "a renamed model": {"model": "Sonnet 6"},
        "a removed paragraph": {"extra": ""}}


def _changed(changes: dict[str, str]) -> bool:
    before = watch.fingerprint(page(), "2026-12-01")
    return bool(watch.compare({"u": before}, {"u": watch.fingerprint(page(**changes), "2026-12-02")}))


@pytest.mark.parametrize("name", NOISE)
def test_boilerplate_changes_are_not_source_changes(name: str) -> None:
    assert not _changed(NOISE[name])


@pytest.mark.parametrize("name", REAL)
def test_main_text_changes_are_source_changes(name: str) -> None:
    assert _changed(REAL[name])


def test_the_summary_shows_added_lines_and_counts_the_gone_ones_without_copying_the_page() -> None:
    before = watch.fingerprint(page(), "2026-12-01")
    [change] = watch.compare({"u": before}, {"u": watch.fingerprint(page(context="400,000"), "2026-12-02")})
    assert change.added == ("| Sonnet 5.5 | 400,000 |",) and change.removed == 1
    stored = json.dumps(before.to_json())
    assert "Sonnet" not in stored and "context" not in stored  # hashes and dates only


def test_the_lock_keeps_the_date_the_main_text_changed(tmp_path: Path) -> None:
    old = watch.fingerprint(page(), "2026-11-01")
    lock = watch.accepted({}, {"u": old})
    assert lock["u"].changed == "2026-11-01"
    lock = watch.accepted(lock, {"u": watch.fingerprint(page(nav="other nav"), "2026-11-20")})
    assert (lock["u"].seen, lock["u"].changed) == ("2026-11-20", "2026-11-01")  # same main text
    lock = watch.accepted(lock, {"u": watch.fingerprint(page(context="1"), "2026-12-01")})
    assert lock["u"].changed == "2026-12-01"
    watch.write_lock(tmp_path / "l.json", lock)
    read, problem = watch.read_lock(tmp_path / "l.json")
    assert problem is None and read["u"].changed == "2026-12-01"
    assert watch.changed_since(read, "u", "2026-11-15") == "2026-12-01"  # reviewed before: marker
    assert watch.changed_since(read, "u", "2026-12-02") is None


class _Pages:
    """A loopback server answering each path with the HTML in `bodies` (mutable)."""

    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}
        pages = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.bodies.get(self.path, "").encode()
                self.send_response(200 if self.path in pages.bodies else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.7", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.7:{self.server.server_address[1]}"


@pytest.fixture()
def pages() -> Iterator[_Pages]:
    served = _Pages()
    yield served
    served.server.shutdown()
    served.server.server_close()


def test_watch_reports_a_changed_source_with_its_citations(tmp_path: Path, pages: _Pages) -> None:
    pages.bodies = {"/models": page(), "/other": page(model="Opus 5.5")}
    (tmp_path / "pyproject.toml").write_text(
        '[tool.check-links]\ndocs_dir = "docs"\ntimeout = 2.0\nretries = 0\nper_host_rate = 50\n'
        'cache_file = ".cache/links.json"\n', encoding="utf-8")
    (tmp_path / "docs" / "layers").mkdir(parents=True)
    (tmp_path / "docs" / "layers" / "l1.md").write_text(
        f"# L1\n\n## Models {{#models}}\n\n- 📘 [models]({pages.base}/models#table)\n"
        f"- 📘 [other]({pages.base}/other)\n- 🔗 [blog]({pages.base}/models)\n", encoding="utf-8")
    lock = tmp_path / "sources.lock.json"
    args = ("--external", "--no-cache", "--sources-lock", str(lock), "--json", str(tmp_path / "r.json"),
            "--markdown", str(tmp_path / "r.md"))
    accepted = run_check(tmp_path / "pyproject.toml", *args, "--accept-sources", timeout=120)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert sorted(json.loads(lock.read_text(encoding="utf-8"))["sources"]) == [
        f"{pages.base}/models", f"{pages.base}/other"]
    pages.bodies["/models"] = page(context="400,000", nav="Home Changed Nav")
    pages.bodies["/other"] = page(model="Opus 5.5", footer="a new footer", stamp="Last updated 2027-01-01 00:00")
    watched = run_check(tmp_path / "pyproject.toml", *args, "--watch-sources", timeout=120)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    [changed] = report["sources_changed"]
    assert changed["url"] == f"{pages.base}/models"
    assert changed["citations"] == [{"file": "layers/l1.md", "line": 5, "official": True}]
    assert changed["added"] == ["| Sonnet 5.5 | 400,000 |"] and changed["removed"] == 1
    assert "Cited sources changed since their last review (1)" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "SOURCE CHANGED" in watched.stdout


FACT_SOURCE = "https://vendor.example/docs/models"
FACTS_YML = f"""\
vendors:
  acme:
    name: Acme
    models:
      - id: rocket
        name: Rocket 2
        api_id: rocket-2
        status: current
        sources: [{FACT_SOURCE}]
        checked: 2026-12-01
        class: model-lineup
      - id: sled
        name: Sled 1
        api_id: sled-1
        status: current
        sources:
          - https://vendor.example/docs/other
          - url: {FACT_SOURCE}#table
            title: Models
        checked: 2026-12-01
        class: model-lineup
"""


def test_changed_sources_list_the_facts_that_cite_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#22: a 📘 source of docs/data/facts.yml that changed is listed with each fact citing it
    (`data/facts.yml:LINE: <fact id>`, at the source's line), beside the Markdown citations."""
    from linkaudit import cli, external
    from linkaudit.config import load
    from linkaudit.sources import external_citations, fact_citations, scan_docs

    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data" / "facts.yml").write_text(FACTS_YML, encoding="utf-8")
    (docs / "l1.md").write_text(f"# L1\n\n- 📘 [models]({FACT_SOURCE})\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.check-links]\ndocs_dir = "docs"\n', encoding="utf-8")
    settings = load(tmp_path / "pyproject.toml")
    bodies = {FACT_SOURCE: page(), "https://vendor.example/docs/other": page()}
    monkeypatch.setattr(external, "fetch_bodies", lambda _s, urls: {u: bodies[u].encode() for u in urls})
    lock = tmp_path / "sources.lock.json"
    cited, facts = external_citations(scan_docs(docs)), fact_citations(docs)
    assert cli.watch_sources(settings, cited, lock, True, facts) == []
    bodies[FACT_SOURCE] = page(model="Rocket 3")
    [changed] = cli.watch_sources(settings, cited, lock, False, facts)
    assert changed.url == FACT_SOURCE
    assert [c.where() for c in changed.citations] == [
        "l1.md:3", "data/facts.yml:9: acme/rocket", "data/facts.yml:18: acme/sled"]
    report = json.loads(json.dumps({"c": [c.to_json() for c in changed.citations]}))["c"]
    assert report[1] == {"file": "data/facts.yml", "line": 9, "official": True, "fact": "acme/rocket"}
    jsonschema.validate(report[2], SCHEMA["properties"]["sources_changed"]["items"]["properties"]["citations"]["items"])

#!/usr/bin/env python3
"""Benchmark the link checker on loopback: the external check (300 URLs, 50 ms latency per
response) or, with --site, the site check at 1x and 10x the links.

  python3 scripts/bench.py links [--urls 300] [--hosts 30] [--latency 0.05] [--threaded-default]
  python3 scripts/bench.py links --site [--pages 10] [--links-per-page 500]

Serves the URLs from `--hosts` HTTP servers on 127.0.0.10, 127.0.0.11, ... (one per "vendor"),
writes a docs tree that cites them section by section (as the chapters do: a vendor's links
together), then times, in one run:
  1. scripts/check_links.py --external with the repo's [tool.check-links] settings (no cache),
  2. the `linkchecker` command with its defaults, single-threaded (--threads 0), given the
     URLs in citation order,
  3. scripts/check_links.py again: a re-run answered from the cache.
Prints the times, the ratio 2/1 and the requests each run sent. Only 127.0.0.x is contacted.

--site writes two built-looking sites (tests.support.links_fixture.write_static_site: every link
a `page#fragment`, as on the concept-map page) with the same pages and 1x and 10x the links per
page, times `scripts/check_links.py --site` on each and prints the ratio: about 10 is linear
growth, about 100 would be quadratic (the check before #26 re-fetched a page per fragment).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class _Server:
    """A loopback HTTP server answering 200 (or 404 for robots.txt) after `latency` s."""

    def __init__(self, host: str, latency: float, hits: Counter[str]) -> None:
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                time.sleep(latency)
                with lock:
                    hits["robots" if self.path == "/robots.txt" else "page"] += 1
                body = b"<html><body><h1 id='top'>doc</h1></body></html>"
                self.send_response(404 if self.path == "/robots.txt" else 200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *_: None  # type: ignore[method-assign]
        self.base = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def write_docs(docs: Path, bases: list[str], urls: int) -> list[str]:
    """Chapters citing `urls` URLs, a vendor's links together; returns them in citation order."""
    per_host = urls // len(bases)
    cited = []
    for start in range(0, len(bases), 5):
        lines = [f"# Chapter {start // 5 + 1}", ""]
        for number, base in enumerate(bases[start:start + 5], start=start):
            lines += [f"## Vendor {number}", ""]
            for page in range(per_host):
                url = f"{base}/docs/page-{page}"
                mark = "📘" if page % 2 == 0 else "🔗"
                lines.append(f"- {mark} [page {page}]({url}) --- reference")
                cited.append(url)
            lines.append("")
        (docs / f"chapter-{start // 5 + 1}.md").write_text("\n".join(lines), encoding="utf-8")
    return cited


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time and exit code of a command (its output is discarded)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, proc.returncode


def site_growth(pages: int, links_per_page: int) -> dict[str, Any]:
    """Time the site check at 1x and 10x the links per page; print and return the figures."""
    from tests.support.links_fixture import write_static_site

    figures: dict[str, Any] = {"pages": pages + 1}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "docs").mkdir()
        config = Path(tmp, "pyproject.toml")
        config.write_text('[tool.check-links]\ndocs_dir = "docs"\n', encoding="utf-8")
        for scale in (1, 10):
            site = Path(tmp, f"site-{scale}x")
            write_static_site(site, pages, links_per_page * scale)
            links = (pages + 1) * links_per_page * scale
            seconds, code = timed([sys.executable, str(ROOT / "scripts" / "check_links.py"),
                                   "--config", str(config), "--site", str(site)])
            figures[f"{scale}x"] = {"links": links, "seconds": round(seconds, 2), "exit": code}
            print(f"site check {scale:2}x: {links:7} links  {seconds:7.2f} s  exit {code}",
                  flush=True)
    ratio = figures["10x"]["seconds"] / figures["1x"]["seconds"]
    figures["ratio_10x_to_1x"] = round(ratio, 1)
    print(f"10x the links took {ratio:.1f}x the time (linear: ~10x; quadratic: ~100x)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=300)
    parser.add_argument("--hosts", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the slow LinkChecker-defaults run (no ratio then)")
    parser.add_argument("--threaded-default", action="store_true",
                        help="also time LinkChecker's multi-threaded defaults (10 threads)")
    parser.add_argument("--site", action="store_true",
                        help="time the site check at 1x and 10x the links instead")
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--links-per-page", type=int, default=500)
    args = parser.parse_args()
    if args.site:
        print(json.dumps(site_growth(args.pages, args.links_per_page)))
        return 0
    hits: Counter[str] = Counter()
    servers = [_Server(f"127.0.0.{10 + i}", args.latency, hits) for i in range(args.hosts)]
    figures: dict[str, Any] = {"urls": args.urls, "hosts": args.hosts, "latency_s": args.latency}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            docs = Path(tmp, "docs")
            docs.mkdir()
            cited = write_docs(docs, [s.base for s in servers], args.urls)
            ours = [sys.executable, str(ROOT / "scripts" / "check_links.py"), "--external",
                    "--docs", str(docs), "--cache", str(Path(tmp, "cache.json"))]
            runs = [("ours", [*ours, "--no-cache"])]
            if not args.no_baseline:
                runs.append(("linkchecker_single_thread_defaults",
                             [str(BIN / "linkchecker"), "--threads", "0", "--no-status",
                              "-o", "none", *cited]))
            if args.threaded_default:
                runs.append(("linkchecker_threaded_defaults",
                             [str(BIN / "linkchecker"), "--no-status", "-o", "none", *cited]))
            runs.append(("ours_cached_rerun", ours))
            for name, cmd in runs:
                hits.clear()
                seconds, code = timed(cmd)
                figures[name] = {"seconds": round(seconds, 2), "exit": code,
                                 "page_requests": hits["page"],
                                 "robots_requests": hits["robots"]}
                print(f"{name:38} {seconds:7.2f} s  exit {code}  requests {hits['page']}"
                      f" (+{hits['robots']} robots.txt)", flush=True)
    finally:
        for server in servers:
            server.close()
    cached = figures["ours_cached_rerun"]["seconds"]
    if not args.no_baseline:
        base = figures["linkchecker_single_thread_defaults"]["seconds"]
        ratio = base / figures["ours"]["seconds"]
        figures["speedup_vs_single_thread_defaults"] = round(ratio, 1)
        print(f"speed-up vs LinkChecker single-threaded defaults: {ratio:.1f}x; "
              f"cached re-run {cached:.2f} s")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

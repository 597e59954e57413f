"""The link checker's test fixtures: HTTP servers on 127.0.0.x answering the cases it must
classify, and running its command line (scripts/check_links.py) the way contributors do."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "check_links.py"

PAGE = b"<html><body><h1 id='present'>Present</h1><a name='named'></a>ok</body></html>"


class FixtureServer:
    """One loopback HTTP server; `hits` counts requests per path, `times` their arrival."""

    def __init__(self, host: str, slow_seconds: float = 5.0) -> None:
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.slow_seconds = slow_seconds
        fixture = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fixture.answer(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *_: None  # type: ignore[method-assign]
        self.host = host
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        """Absolute URL of `path` on this server."""
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def total(self) -> int:
        """Number of requests received so far."""
        with self.lock:
            return sum(self.hits.values())

    def answer(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?")[0]
        with self.lock:
            self.hits[path] += 1
            count = self.hits[path]
            self.times.setdefault(path, []).append(time.monotonic())
        if path in ("/ok", "/anchors"):
            self.send(req, 200, PAGE)
        elif path in ("/r301", "/r308", "/r302"):
            self.send(req, int(path[2:]), b"", {"Location": "/ok"})
        elif path in ("/404", "/410"):
            self.send(req, int(path[1:]), b"gone")
        elif path == "/forbidden":
            self.send(req, 403, b"no bots")
        elif path == "/rate-limited":
            if count == 1:
                self.send(req, 429, b"slow down", {"Retry-After": "1"})
            else:
                self.send(req, 200, PAGE)
        elif path == "/flaky":
            self.send(req, 500 if count == 1 else 200, PAGE)
        elif path == "/down":
            self.send(req, 500, b"down")
        elif path == "/slow":
            time.sleep(self.slow_seconds)
            self.send(req, 200, PAGE)
        elif path in FAULTS:
            FAULTS[path](req)
        elif path in ("/loop-a", "/loop-b"):
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            self.send(req, 301, b"", {"Location": other})
        else:
            self.send(req, 404, b"unknown")

    @staticmethod
    def send(req: BaseHTTPRequestHandler, status: int, body: bytes,
             headers: dict[str, str] | None = None) -> None:
        req.send_response(status)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            req.send_header(key, value)
        req.end_headers()
        with contextlib.suppress(OSError):
            req.wfile.write(body)


# Faults a cited host can inject (#26). Each handler stops when the client hangs up, and every
# loop is bounded, so a checker without a deadline still finishes (late).
HUGE_BYTES = 6 * 1024 * 1024  # over the default anchor byte cap (5 MiB)
END_ANCHOR = b"<h1 id='end'>end</h1></body></html>"


def _write(req: BaseHTTPRequestHandler, data: bytes) -> bool:
    """Write and flush; False once the client has gone."""
    try:
        req.wfile.write(data)
        req.wfile.flush()
        return True
    except OSError:
        return False


def _trickle_body(req: BaseHTTPRequestHandler) -> None:
    """A chunked HTML body, 100 bytes every 0.2 s (at most 150 chunks), the anchor never sent."""
    head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n")
    if not _write(req, head.encode()):
        return
    for _ in range(150):
        if not _write(req, b"64\r\n" + b"." * 100 + b"\r\n"):
            return
        time.sleep(0.2)
    _write(req, b"0\r\n\r\n")


def _trickle_headers(req: BaseHTTPRequestHandler) -> None:
    """Status line, then one header every 0.3 s (at most 90: under http.client's limit of 100)."""
    if not _write(req, b"HTTP/1.1 200 OK\r\n"):
        return
    for n in range(90):
        if not _write(req, f"X-Slow-{n}: {n}\r\n".encode()):
            return
        time.sleep(0.3)
    _write(req, b"Content-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")


def _huge(chunked: bool) -> Any:
    def send(req: BaseHTTPRequestHandler) -> None:
        """HUGE_BYTES of HTML with the anchor at the very end (chunked: no Content-Length)."""
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {HUGE_BYTES}"
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{framing}\r\nConnection: close\r\n\r\n"
        if not _write(req, head.encode()):
            return
        piece = b" " * 65536
        body_left = HUGE_BYTES - len(END_ANCHOR)
        while body_left > 0:
            data = piece[:body_left]
            body_left -= len(data)
            if not _write(req, b"%x\r\n%s\r\n" % (len(data), data) if chunked else data):
                return
        _write(req, b"%x\r\n%s\r\n0\r\n\r\n" % (len(END_ANCHOR), END_ANCHOR) if chunked
               else END_ANCHOR)

    return send


def _gzip_bomb_body() -> bytes:
    """~50 MB of HTML (the anchor at its end) gzipped to ~50 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(b"<html><body>")]
    parts += [packer.compress(b" " * 1_000_000) for _ in range(50)]
    parts += [packer.compress(END_ANCHOR), packer.flush()]
    return b"".join(parts)


def _gzip_bomb(req: BaseHTTPRequestHandler) -> None:
    body = _gzip_bomb_body()
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    _write(req, head.encode() + body)


FAULTS = {"/trickle-body": _trickle_body, "/trickle-headers": _trickle_headers,
          "/huge": _huge(chunked=False), "/huge-chunked": _huge(chunked=True),
          "/gzip-bomb": _gzip_bomb}


def closed_port(host: str) -> int:
    """A port on `host` with nothing listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def run_check(config: Path, *args: str, env: dict[str, str] | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run scripts/check_links.py with the venv's python and `config`; `env` adds variables."""
    cmd = [sys.executable, str(SCRIPT), "--config", str(config), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def processes_with(*needles: str) -> list[int]:
    """Pids of live (not zombie) processes whose command line contains every needle."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if all(n in cmdline for n in needles) and is_alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def is_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def is_serving(pid: int) -> bool:
    """True once process `pid` holds an established TCP connection (it answers a client)."""
    try:
        inodes = {os.readlink(fd).removeprefix("socket:[").rstrip("]")
                  for fd in Path(f"/proc/{pid}/fd").iterdir()}
    except OSError:
        return False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for row in Path(table).read_text().splitlines()[1:]:
                fields = row.split()
                if fields[3] == "01" and fields[9] in inodes:  # 01: ESTABLISHED
                    return True
    return False


def wait_until(condition: Any, timeout: float, poll: float = 0.02) -> bool:
    """Poll `condition()` until it is true or `timeout` seconds pass; return its last value."""
    end = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > end:
            return bool(condition())
        time.sleep(poll)


def write_static_site(site: Path, pages: int, links_per_page: int) -> None:
    """A built-looking site (no MkDocs): an index and `pages` pages, each linking to the others'
    anchors, `links_per_page` links per page, every fragment present."""
    site.mkdir(parents=True, exist_ok=True)
    names = ["index.html"] + [f"p{n}/index.html" for n in range(pages)]
    for number, name in enumerate(names):
        here = "../" if "/" in name else ""
        links = []
        for k in range(links_per_page):
            target = names[(number + k) % len(names)]
            href = here + target.removesuffix("index.html")
            links.append(f'<li id="s{k}"><a href="{href or "./"}#s{k}">link {k}</a></li>')
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body><h1 id='top'>Page {number}</h1><ul>\n"
                        + "\n".join(links) + "\n</ul></body></html>\n", encoding="utf-8")

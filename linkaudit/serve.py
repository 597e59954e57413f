"""Serve a built site on 127.0.0.1 for the internal check; run as `python -m linkaudit.serve DIR
[BASE_PATH]`, it prints the port, then serves until terminated. Standard library only."""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _Handler(SimpleHTTPRequestHandler):
    base_path = "/"

    def translate_path(self, path: str) -> str:
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def server(site_dir: Path, base_path: str) -> ThreadingHTTPServer:
    """A loopback server on an ephemeral port answering `base_path...` from `site_dir`."""
    handler = type("Handler", (_Handler,), {"base_path": base_path})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    httpd.daemon_threads = True
    httpd.handle_error = lambda *_: None  # type: ignore[method-assign]
    return httpd


def main(argv: list[str]) -> None:
    """Print the port, then serve until terminated."""
    httpd = server(Path(argv[0]), argv[1] if len(argv) > 1 else "/")
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])

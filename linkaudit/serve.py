"""Serve a built site on 127.0.0.1 for the internal check; run as `python -m linkaudit.serve DIR
[BASE_PATH] [--parent PID]`, it prints the port, then serves until terminated. Standard library only.

With `--parent PID` (how `linkaudit.site` starts it) the server dies with that parent, whatever
ends the parent (SIGKILL included): on Linux the kernel sends it SIGKILL when the parent dies
(PR_SET_PDEATHSIG), and everywhere two watchdogs end it: EOF on its stdin (a pipe only the parent
holds open) and the parent pid no longer being its parent.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 0.5


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


def _ask_kernel_to_kill_us_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the watchdogs below still end the server


def _exit_on_stdin_eof() -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    os._exit(0)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(0)


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies, however it dies."""
    _ask_kernel_to_kill_us_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)
    threading.Thread(target=_exit_on_stdin_eof, daemon=True).start()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def main(argv: list[str]) -> None:
    """Print the port, then serve until terminated (or until the --parent process is gone)."""
    args = list(argv)
    if "--parent" in args:
        at = args.index("--parent")
        die_with_parent(int(args[at + 1]))
        del args[at:at + 2]
    httpd = server(Path(args[0]), args[1] if len(args) > 1 else "/")
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])

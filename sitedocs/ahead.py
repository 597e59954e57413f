"""Values worked out ahead, in a forked child process, while the parent goes on.

`Ahead(keys, compute)` forks: the child computes `compute(key)` for each key, in order, and writes
each value as one JSON line to a pipe; the parent's `get(key)` reads the lines up to that key's.
A build that asks for the values in the same order (the pages, as MkDocs renders them) finds each
one ready: the child works on the next pages' values while the parent renders this page, on a
second processor. The child shares the parent's memory as it was at the fork (copy on write), so
nothing has to be sent to it.

The values are the same with or without the child: without fork (`parallel=False`, no `os.fork`, or
another thread running, as under `mkdocs serve`: a fork copies no thread but the caller's, and a
lock another thread holds would stay locked in the child) every value is computed at once, in
this process, one after the other; when the child fails (its pipe ends early: the parent then computes
the rest itself, and an error in `compute` is raised here, with its traceback) or cannot be
forked, `problem` says why. A value must be JSON data (a tuple comes back as a list).
Fork before starting child processes that hold pipes: the child inherits every open file
descriptor (the search index's worker starts after this fork: hooks/search_ja_plugin.py on_env).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

PIPE_BYTES = 1 << 20  # the pipe's buffer where Linux allows (F_SETPIPE_SZ): the child may run far ahead
_F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ (named there from Python 3.10 on Linux only)


def other_threads() -> bool:
    """Whether a thread besides this one runs (then there is no fork)."""
    return threading.active_count() > 1


class Ahead:
    """See the module docstring."""

    def __init__(self, keys: Sequence[str], compute: Callable[[str], Any], parallel: bool = True) -> None:
        self._keys = list(dict.fromkeys(keys))
        self._wanted = set(self._keys)
        self._compute = compute
        self._values: dict[str, Any] = {}
        self._next = 0  # the position in _keys of the child's next line
        self._reader: BinaryIO | None = None
        self._pid = 0
        self.problem = ""
        self.forked = False  # whether a child was forked to compute the values
        self.exit_status: int | None = None  # the child's, as os.waitpid gives it (after close)
        if not (parallel and hasattr(os, "fork") and not other_threads() and self._keys and self._fork()):
            self._values = {key: compute(key) for key in self._keys}
            self._next = len(self._keys)

    def get(self, key: str) -> Any:
        """key's value (each key's once: it is not kept afterwards)."""
        if key in self._values:
            return self._values.pop(key)
        if key not in self._wanted:
            return self._compute(key)
        while self._reader is not None and self._next < len(self._keys):
            line = self._reader.readline()
            if not line.endswith(b"\n"):
                self._give_up(f"the child ended after {self._next} of {len(self._keys)} values")
                break
            at, self._next = self._keys[self._next], self._next + 1
            value = json.loads(line)
            if at == key:
                return value
            self._values[at] = value
        return self._compute(key)  # the child failed before key: the same value, computed here

    def close(self) -> None:
        """Stop the child (if it still runs) and let go of the values not asked for."""
        self._values.clear()
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                self.exit_status = os.waitpid(self._pid, 0)[1]
            self._pid = 0

    def _give_up(self, problem: str) -> None:
        self.problem = problem
        self.close()
        self._next = len(self._keys)

    def _fork(self) -> bool:
        """Start the child; False when the system refuses (no pipe or no process left, no memory)."""
        try:
            read, write = os.pipe()
        except OSError as exc:
            self.problem = f"no pipe: {exc}"
            return False
        with contextlib.suppress(OSError, ImportError):
            import fcntl

            fcntl.fcntl(write, _F_SETPIPE_SZ, PIPE_BYTES)
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(read)
            os.close(write)
            self.problem = f"no fork: {exc}"
            return False
        if pid == 0:  # the child: write every value, then leave without running the parent's exit code
            os.close(read)
            gc.freeze()  # the parent's objects: no collection walks them (and copies their pages)
            status = 1
            try:
                with os.fdopen(write, "wb") as out:
                    for key in self._keys:
                        out.write(json.dumps(self._compute(key), ensure_ascii=False).encode("utf-8") + b"\n")
                        out.flush()
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self.forked = pid, True
        self._reader = os.fdopen(read, "rb")
        return True

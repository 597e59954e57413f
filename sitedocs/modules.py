"""The ES modules a page's module scripts import, for `<link rel="modulepreload">`.

A module script fetches its imports only once it has been parsed, one import level after the
other; preloading every module it reaches fetches them all at once. The list is read from the
modules' own `import … from "./x.js"` declarations, so a module added to an import is preloaded
without anyone writing its name down (overrides/main.html iterates what this returns).
Standard library only.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

# A static import or re-export of a relative module, at the start of a line (JSDoc's
# `import("./types.js")` inside comments is a type, not a module the browser fetches). The
# clause may span lines (`import {\n  a,\n} from "./x.js";`); an import for its side effects
# has none (`import "./x.js";`), and the browser fetches it all the same.
_STATIC = re.compile(r"""^(?:(?:import|export)\s[^;"'`]*?\sfrom|import)\s*["'](\.{1,2}/[^"'\s]+\.js)["']""",
                     re.M)


def static_imports(source: str) -> list[str]:
    """The relative module specifiers `source` imports or re-exports statically, in order."""
    return list(dict.fromkeys(_STATIC.findall(source)))


def preloads(entries: Iterable[str], read: Callable[[str], str | None]) -> list[str]:
    """The site-relative paths of every module the `entries` (site-relative module scripts)
    import, directly or not, the entries themselves left out: each module after the ones it
    imports, in the order the imports are written. `read(path)` gives a module's source, None
    when the site has no such file (its imports are then unknown; it is listed all the same)."""
    entries = list(entries)
    out: dict[str, None] = {}
    seen: set[str] = set()

    def visit(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        source = read(path)
        for spec in static_imports(source or ""):
            visit(posixpath.normpath(posixpath.join(posixpath.dirname(path), spec)))
        if path not in entries:
            out[path] = None

    for entry in entries:
        visit(entry)
    return list(out)

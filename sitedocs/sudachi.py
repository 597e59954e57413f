"""Sudachi's core dictionary, loaded once per process: the map's label wrapping (views/labels.py,
mode C) and the search index (search_ja/segment.py, mode A) tokenise with the same dictionary
(each load takes ~30 ms). sudachipy is imported on first use, so this package stays importable
without it."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sudachipy import Dictionary


@lru_cache(maxsize=1)
def core_dictionary() -> Dictionary:
    """The sudachidict-core dictionary (one object: its tokenizers share it)."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")

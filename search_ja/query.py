"""What Material's search worker makes of a query, reproduced in Python.

Before splitting a query with the separator, the worker cuts every run of kanji with its
"segment" function (integrations/search/query/segment in Material's sources): it looks up the
run's substrings in the index's vocabulary, keeps the longest matches and joins them with "* ".
The function never looks at the whole run, so a run whose prefix is a word of the index loses
its tail: with 「関数」 in the index, the query 「関数呼び出し」 becomes 「関数び出し」. Synonyms
must therefore be indexed in the form the worker will search for, not only as written;
`browser_terms` gives that form, so the index can carry it.
"""

from __future__ import annotations

import re
from collections.abc import Container

from search_ja.segment import HAN, split_chunks

_HAN_RUN = re.compile(f"[{HAN}]+")


def segment(run: str, vocabulary: Container[str]) -> list[str]:
    """Material's segment(query, index), line by line (a Set keeps insertion order)."""
    n = len(run)
    cuts = [0] * n
    for i in range(n):
        for j in range(i + 1, n):
            if run[i:j] in vocabulary:
                cuts[i] = j - i
    segments: dict[str, None] = {}
    stack = [0]
    s = 1
    while s > 0:
        s -= 1
        p = stack[s]
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments[run[p:p + q]] = None
                _put(stack, s, p + q)
                s += 1
        q = p + cuts[p]
        if q < n and cuts[q] and q < n - 1:
            _put(stack, s, q)
            s += 1
        segments[run[p:q]] = None
    if "" in segments:
        return [run]
    return list(segments)


def _put(stack: list[int], at: int, value: int) -> None:
    if at < len(stack):
        stack[at] = value
    else:
        stack.append(value)


def browser_terms(query: str, vocabulary: Container[str]) -> list[str]:
    """The terms the worker searches for (each with a trailing wildcard), lower-cased."""
    query = _HAN_RUN.sub(lambda m: "* ".join(segment(m.group(0), vocabulary)), query)
    terms: list[str] = []
    for part in query.split():
        terms.extend(split_chunks(part.replace("*", " ")))
    return list(dict.fromkeys(t for t in terms if t))

"""Knowledge graph of the 5-layer model: extract, build, validate, render, export.

Pure Python + networkx: no MkDocs and no logging imports. Functions return data and lists of
problems; the MkDocs hook in hooks/ logs them.
"""

"""Japanese search for Material's client-side search (pure code, no MkDocs imports).

segment: the separator both the browser and Python use, and the morpheme analyser (Sudachi).
index:   rewrites Material's search_index.json data (config + per-section sub-word keys).
"""

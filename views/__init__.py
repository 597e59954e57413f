"""The site's views of the knowledge graph: HTML and JSON for pages, from the model in `graph/`.

map page and local maps (render), 関連する層 (related), the 早見表 tool and cross-view lines
(quickref), marks as badges (marks), review dates (review), the per-page passes (page); the
Jinja fragments live in views/templates/ (fragments.py). No MkDocs: hooks/ calls these.
"""

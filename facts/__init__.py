"""Volatile facts as data: models, API parameters, dates and prices read from one schema-checked
file (docs/data/facts.yml), rendered into the chapters' Markdown with their source and 確認日.

Pure Python (PyYAML only), runnable without MkDocs: `load.load_facts(docs_dir)` reads and checks
the data, `render.render_markdown` expands the inline syntax and the generated tables.
"""

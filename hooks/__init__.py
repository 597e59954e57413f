"""MkDocs event glue: the project's plugins (registered as `concept-map/…` entry points in
pyproject.toml) and hooks. Thin: each translates MkDocs events into calls of the pure packages."""

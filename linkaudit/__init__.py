"""The site's link checker: Markdown citations → LinkChecker (through one adapter) → result
classes → JSON and Markdown reports. Run it as `python3 scripts/check_links.py` or
`python -m linkaudit`.

Layers, each importing only those before it:
  config, sources   settings from [tool.check-links]; links cited in the Markdown (file, line, 📘)
  outcome           typed engine results (no LinkChecker objects)
  adapter           ALL coupling to LinkChecker 10.6.0 (the one module importing `linkcheck`)
  classify          outcome → result class (ResultClass: the one order of classes) and reason
  report, cache     typed results → JSON (schema: report.SCHEMA) and Markdown; the result cache
  external, site    the two checks: cited external URLs; a built site's internal links (served
                    by `python -m linkaudit.serve`, standard library only)
  cli               the command line (exit codes 0 ok, 1 broken, 2 usage/config, 3 network down)
"""

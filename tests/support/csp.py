"""Collecting Content-Security-Policy violations in a Playwright page (tests/test_csp_browser.py)."""

from __future__ import annotations

# Installed before any page script (page.add_init_script): each `securitypolicyviolation` event
# is kept in window.__cspViolations, and its text also goes to the console.
COLLECT = """(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", e => {
    window.__cspViolations.push({directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample});
  }, true);
})();"""


def watch(page) -> None:
    """Record CSP violations (events and console messages) and dialogs on `page`, which must not
    have loaded anything yet: page.csp_console, page.dialogs; read events with `violations`."""
    page.csp_console = []
    page.dialogs = []
    page.add_init_script(COLLECT)
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_console.append(m.text))

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)


def violations(page) -> list[dict]:
    """The violations the current document has seen, plus CSP console messages so far."""
    events = page.evaluate("() => window.__cspViolations || []")
    return events + [{"console": text} for text in page.csp_console]

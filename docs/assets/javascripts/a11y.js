/* Site-wide keyboard accessibility (issue #18), loaded after Material's bundle (overrides/main.html).
 *
 * 1. The header's drawer and search labels (overrides/partials/header.html: tabindex="0",
 *    role="button") open on Enter and Space, as a button does; the opened search takes the focus.
 * 2. A region that scrolls sideways (a code block, a wide table) and holds nothing focusable
 *    gets tabindex="0", so that keyboard users can scroll it (axe: scrollable-region-focusable).
 *    Material does this for code blocks only on devices with hover and removes it elsewhere:
 *    a MutationObserver puts it back while the region still scrolls.
 * 3. The skip link moves the keyboard focus to the page's heading (tabindex="-1"), not only the
 *    view: the next Tab goes on from there into the content.
 * No innerHTML anywhere; only attributes are set.
 */
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
  var REGIONS = ".md-typeset pre > code, .md-typeset .md-typeset__scrollwrap";
  var marked = new WeakSet();

  function scrolls(el) {
    return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  }

  function update(el) {
    /* A code block's line anchors (empty <a href>) do not count: nothing there takes focus. */
    var needs = scrolls(el) && (el.tagName === "CODE" || !el.querySelector(FOCUSABLE));
    if (needs && !el.hasAttribute("tabindex")) {
      el.setAttribute("tabindex", "0");
      marked.add(el);
      if (el.classList.contains("md-typeset__scrollwrap") && !el.hasAttribute("role")) {
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "表（横にスクロールできます）");
      }
    } else if (!needs && marked.has(el)) {
      el.removeAttribute("tabindex");
      marked.delete(el);
    }
  }

  function updateAll() {
    document.querySelectorAll(REGIONS).forEach(update);
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; updateAll(); });
  }

  /* Capture phase on window, first of all: Material's own keyboard handler also clicks a focused
     label on Enter (for its navigation labels); it must not click ours a second time. */
  window.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (!(el instanceof HTMLLabelElement) || el.getAttribute("role") !== "button") return;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      ev.stopPropagation();
      el.click();
      /* The search opened from the keyboard: type at once (Material does not always move focus). */
      var toggle = document.getElementById(el.htmlFor);
      var input = document.querySelector(".md-search__input");
      if (el.htmlFor === "__search" && toggle && toggle.checked && input) input.focus();
    }
  }, true);

  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a.md-skip") : null;
    if (!link || !link.hash) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  });

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var el = records[i].target;
      if (el.matches && el.matches(REGIONS) && !el.hasAttribute("tabindex")) marked.delete(el);
    }
    schedule();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["tabindex"], subtree: true });
  window.addEventListener("resize", schedule);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(schedule);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", schedule);
  } else {
    schedule();
  }
})();

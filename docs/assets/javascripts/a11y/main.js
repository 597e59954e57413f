// @ts-check
/* Site-wide keyboard accessibility (issue #18), a module run after Material's bundle
 * (overrides/main.html).
 *
 * 1. The header's drawer and search labels (overrides/partials/header.html: tabindex="0",
 *    role="button") open on Enter and Space, as a button does; the opened search takes the focus.
 * 2. A region that scrolls sideways (a code block, a wide table) and holds nothing focusable
 *    gets tabindex="0" (regions.js). Material does this for code blocks only on devices with
 *    hover and removes it elsewhere: a MutationObserver puts it back while the region still scrolls.
 * 3. The skip link moves the keyboard focus to the page's heading (tabindex="-1"), not only the
 *    view: the next Tab goes on from there into the content.
 * 4. On a phone, the words of chapter tables are kept whole (tables.js: text nodes split into
 *    spans); the phone's media query is the vocabulary's (graph/vocabulary.py MEDIA), from this
 *    script's tag (data-cm-phone, overrides/main.html). No innerHTML anywhere. */

import { REGIONS, TABLE_LABEL, needsFocus, regionAction } from "./regions.js";
import { fitTableWords } from "./tables.js";

const tag = document.querySelector("script[data-cm-phone]");
const PHONE = (tag && tag.getAttribute("data-cm-phone")) || "";

/** The regions we made focusable (so we remove only our own tabindex). */
const marked = new WeakSet();
let pending = false;

/** @param {Element} el */
function update(el) {
  if (!(el instanceof HTMLElement)) return;
  const action = regionAction(needsFocus(el), el.hasAttribute("tabindex"), marked.has(el));
  if (action === "add") {
    el.setAttribute("tabindex", "0");
    marked.add(el);
    if (el.classList.contains("md-typeset__scrollwrap") && !el.hasAttribute("role")) {
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", TABLE_LABEL);
    }
  } else if (action === "remove") {
    el.removeAttribute("tabindex");
    marked.delete(el);
  }
}

function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    fitTableWords(PHONE);
    document.querySelectorAll(REGIONS).forEach(update);
  });
}

/** Enter or Space on a header label with role="button" clicks it. Capture phase on window,
 * first of all: Material's own keyboard handler also clicks a focused label on Enter (for its
 * navigation labels); it must not click ours a second time. @param {KeyboardEvent} ev */
function onKey(ev) {
  const el = ev.target;
  if (!(el instanceof HTMLLabelElement) || el.getAttribute("role") !== "button") return;
  if (ev.key !== "Enter" && ev.key !== " ") return;
  ev.preventDefault();
  ev.stopPropagation();
  el.click();
  /* The search opened from the keyboard: type at once (Material does not always move focus). */
  const toggle = document.getElementById(el.htmlFor);
  const input = document.querySelector(".md-search__input");
  if (el.htmlFor === "__search" && toggle instanceof HTMLInputElement && toggle.checked &&
      input instanceof HTMLElement) input.focus();
}

/** The skip link focuses its target. @param {MouseEvent} ev */
function onClick(ev) {
  const link = ev.target instanceof Element ? ev.target.closest("a.md-skip") : null;
  if (!(link instanceof HTMLAnchorElement) || !link.hash) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

window.addEventListener("keydown", onKey, true);
document.addEventListener("click", onClick);
new MutationObserver((records) => {
  for (const record of records) {
    const el = record.target;
    if (el instanceof Element && el.matches(REGIONS) && !el.hasAttribute("tabindex")) marked.delete(el);
  }
  schedule();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["tabindex"], subtree: true });
window.addEventListener("resize", schedule);
const material = /** @type {{ document$?: { subscribe?: (fn: () => void) => void } }} */ (/** @type {unknown} */ (window));
if (material.document$ && typeof material.document$.subscribe === "function") {
  material.document$.subscribe(schedule);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", schedule);
} else {
  schedule();
}

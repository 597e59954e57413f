// @ts-check
/* Scrollable regions, the pure part: whether a region (a code block, a wide table) must take
 * the keyboard focus so that keyboard users can scroll it (axe: scrollable-region-focusable),
 * and what to change. Works on anything shaped like an element (unit-tested in Node). */

/** What takes the focus by itself. */
export const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
/** The regions that may scroll sideways. */
export const REGIONS = ".md-typeset pre > code, .md-typeset .md-typeset__scrollwrap";
/** The accessible name of a wide table's scrolling wrapper. */
export const TABLE_LABEL = "表（横にスクロールできます）";

/**
 * @typedef {{ scrollWidth: number, clientWidth: number, scrollHeight: number,
 *   clientHeight: number, tagName: string, querySelector: (s: string) => unknown }} RegionLike
 */

/** Whether it scrolls (a pixel of rounding does not count). @param {RegionLike} el */
export function scrolls(el) {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/** Whether it must be focusable: it scrolls, and it is a code block (its line anchors, empty
 * <a href>, take no focus) or holds nothing focusable. @param {RegionLike} el */
export function needsFocus(el) {
  return scrolls(el) && (el.tagName === "CODE" || !el.querySelector(FOCUSABLE));
}

/** "add" tabindex=0, "remove" the one we added, or "" (leave it: someone else's or not needed).
 * @param {boolean} needs @param {boolean} hasTabindex @param {boolean} ours
 * @returns {"add" | "remove" | ""} */
export function regionAction(needs, hasTabindex, ours) {
  if (needs && !hasTabindex) return "add";
  if (!needs && ours) return "remove";
  return "";
}

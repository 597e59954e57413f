// Scrollable regions (docs/assets/javascripts/a11y/regions.js): which take the keyboard focus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FOCUSABLE, needsFocus, regionAction, scrolls } from "../../docs/assets/javascripts/a11y/regions.js";

/** An element-like region: its sizes, its tag, whether it holds something focusable. */
function region(tagName, scrollWidth, clientWidth, focusable = false) {
  return { tagName, scrollWidth, clientWidth, scrollHeight: 10, clientHeight: 10,
    querySelector: (/** @type {string} */ s) => (s === FOCUSABLE && focusable ? {} : null) };
}

test("a region scrolls beyond a pixel of rounding", () => {
  assert.equal(scrolls(region("DIV", 101, 100)), false);
  assert.equal(scrolls(region("DIV", 102, 100)), true);
  assert.equal(scrolls({ ...region("DIV", 10, 10), scrollHeight: 50 }), true);
});

test("a scrolling code block always needs the focus; a table only without focusable content", () => {
  assert.equal(needsFocus(region("CODE", 300, 100, true)), true);   // its line anchors take none
  assert.equal(needsFocus(region("DIV", 300, 100, false)), true);
  assert.equal(needsFocus(region("DIV", 300, 100, true)), false);   // a link in it: Tab scrolls it
  assert.equal(needsFocus(region("CODE", 100, 100)), false);
});

test("tabindex is added where needed and removed only where we added it", () => {
  assert.equal(regionAction(true, false, false), "add");
  assert.equal(regionAction(true, true, false), "");     // someone else's tabindex stays
  assert.equal(regionAction(false, true, true), "remove");
  assert.equal(regionAction(false, true, false), "");
  assert.equal(regionAction(false, false, false), "");
});

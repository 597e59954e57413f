// The path form's boxes as comboboxes, pure part (docs/assets/javascripts/concept-map/pathform.js):
// which option an arrow key makes active (ARIA APG combobox: on a closed list ↓ opens at the
// first option and ↑ at the last).
import { test } from "node:test";
import assert from "node:assert/strict";
import { arrowTarget } from "../../docs/assets/javascripts/concept-map/pathform.js";

test("from no active option, ↓ goes to the first and ↑ to the last", () => {
  assert.equal(arrowTarget(-1, 5, 1), 0);
  assert.equal(arrowTarget(-1, 5, -1), 4);
});

test("↓ and ↑ move one option, round the ends", () => {
  assert.equal(arrowTarget(0, 5, 1), 1);
  assert.equal(arrowTarget(4, 5, 1), 0);
  assert.equal(arrowTarget(2, 5, -1), 1);
  assert.equal(arrowTarget(0, 5, -1), 4);
});

test("no options: none active", () => {
  assert.equal(arrowTarget(-1, 0, 1), -1);
  assert.equal(arrowTarget(-1, 0, -1), -1);
});

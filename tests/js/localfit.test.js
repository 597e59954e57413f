// A chapter's local map: which of its layouts fits a canvas, and how tall the canvas becomes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseLayout, layoutHeight, placeModel } from "../../docs/assets/javascripts/concept-map/localfit.js";

/** A layout `cols` cells of 170 wide and `rows` rows of 84 (positions only matter for the height). */
const grid = (cols, rows) => ({
  pos: Array.from({ length: rows }, (_, r) => /** @type {[number, number]} */ ([0, r * 84])),
  bands: [], extent: { left: -85, right: cols * 170 - 85 },
});

test("the widest layout whose width at the readable scale fits the canvas", () => {
  const layouts = [grid(9, 4), grid(8, 5), grid(4, 10), grid(3, 13)];
  assert.equal(chooseLayout(layouts, 686, 0.4886, 21), layouts[1]);  // 8 columns: a desktop's text column
  assert.equal(chooseLayout(layouts, 800, 0.4886, 21), layouts[0]);
  assert.equal(chooseLayout(layouts, 356, 0.4886, 21), layouts[2]);  // a phone: 4 columns
  assert.equal(chooseLayout(layouts, 200, 0.4886, 21), layouts[3]);  // none fits: the narrowest
  assert.equal(chooseLayout(layouts, 686, 0.4886, 200), layouts[2]);  // a wider margin, fewer columns
});

test("the canvas is as tall as the layout at the scale its width allows", () => {
  // 5 rows: 4 * 84 between the first and the last centre, plus a cell: 420 canvas units
  const layout = grid(8, 5);
  assert.equal(layoutHeight(layout, 686, 0.49, 0, 84, 0), Math.ceil(420 * 686 / 1360));
  assert.equal(layoutHeight(layout, 686, 0.49, 0, 84, 24), Math.ceil(420 * 686 / 1360 + 24));
  // never below the readable scale (the canvas too narrow: its height at that scale) ...
  assert.equal(layoutHeight(layout, 300, 0.49, 0, 84, 0), Math.ceil(420 * 0.49));
  // ... nor above the detail level (a small map in a wide canvas)
  assert.ok(layoutHeight(grid(3, 2), 2000, 0.49, 0, 84, 0) <= Math.ceil(168 * 1.1));
});

test("a layout chosen again moves the model's own node objects and brings its bands", () => {
  const nodes = [{ id: "a", x: 0, y: 0 }, { id: "b", x: 170, y: 0 }];
  const model = /** @type {any} */ ({ nodes, byId: { a: nodes[0], b: nodes[1] }, bands: [], extent: { left: 0, right: 0 } });
  const narrow = { pos: [[0, 0], [0, 84]], bands: [{ layer: 3, top: -42, bottom: 126 }], extent: { left: -85, right: 85 } };
  assert.equal(placeModel(model, /** @type {any} */ (narrow)), true);
  assert.deepEqual(nodes.map((n) => [n.x, n.y]), [[0, 0], [0, 84]]);
  assert.equal(model.byId.b, nodes[1]);  // the same objects: byId and the view see the move
  assert.equal(model.bands, narrow.bands);
  assert.equal(model.extent, narrow.extent);
  assert.equal(placeModel(model, /** @type {any} */ (narrow)), false);  // nothing moved
});

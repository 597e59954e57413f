// The part of the canvas the map's panel leaves free (one computation for phrases, paths, selection).
import { test } from "node:test";
import assert from "node:assert/strict";
import { freeArea, PANEL_GAP } from "../../docs/assets/javascripts/concept-map/panelarea.js";

test("no panel: the whole canvas is free", () => {
  assert.deepEqual(freeArea(1000, 600, null), { w: 1000, h: 600, side: "" });
  assert.deepEqual(freeArea(1000, 600, { position: "static", width: 300, height: 200 }),
    { w: 1000, h: 600, side: "" });
});

test("a side panel leaves its left, less the gap; a bottom sheet its top", () => {
  assert.deepEqual(freeArea(1000, 600, { position: "absolute", width: 300, height: 600 }),
    { w: 1000 - 300 - PANEL_GAP, h: 600, side: "right" });
  assert.deepEqual(freeArea(390, 800, { position: "fixed", width: 390, height: 300 }),
    { w: 390, h: 500, side: "bottom" });
});

test("never less than a third of the canvas", () => {
  assert.equal(freeArea(600, 600, { position: "absolute", width: 590, height: 600 }).w, 200);
  assert.equal(freeArea(390, 900, { position: "fixed", width: 390, height: 880 }).h, 300);
});

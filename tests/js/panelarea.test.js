// The part of the canvas the map's panel leaves free (one computation for phrases, paths, selection).
import { test } from "node:test";
import assert from "node:assert/strict";
import { centreY, freeArea, PANEL_GAP } from "../../docs/assets/javascripts/concept-map/panelarea.js";

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

test("a selection's view centre: the node mid-screen, else stopped at the bands' edges", () => {
  const bands = { top: 0, bottom: 2000 };
  assert.equal(centreY(1000, bands, 800, 800), 1000);  // no panel: the node in the middle
  assert.equal(centreY(100, bands, 800, 800), 400);  // the top band: the view starts at its top
  assert.equal(centreY(1950, bands, 800, 800), 1600);  // the bottom band: it ends at its bottom
  assert.equal(centreY(100, null, 800, 800), 100);
  assert.equal(centreY(100, { top: 0, bottom: 700 }, 800, 800), 100);  // all of it fits
});

test("under a bottom sheet the node is in the middle of what is seen, never under the sheet", () => {
  const bands = { top: 0, bottom: 2000 };
  // 800 tall, 500 seen above the sheet: the node 250 below the view's top, the centre 150 lower
  assert.equal(centreY(1000, bands, 800, 500), 1150);
  assert.equal(centreY(1950, bands, 800, 500), 1900);  // the seen part ends at the bands' bottom
  assert.ok(1950 < centreY(1950, bands, 800, 500) - 400 + 500);  // ... with the node inside it
  assert.equal(centreY(100, bands, 800, 500), 400);
});

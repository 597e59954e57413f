// URL state of the concept map: reading, writing, defaults left out, unknown values dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { readState, stateQuery, defaultEdges, viewQuery } from "../../docs/assets/javascripts/concept-map/state.js";
import { payload } from "./fixture.js";

const model = makeModel(payload(), false);

test("an empty query is everything shown with the default edge kinds", () => {
  const s = readState(model, "");
  assert.deepEqual([...s.layers].sort(), [0, 1, 2]);
  assert.deepEqual([...s.edges], ["use", "reference", "explains"]);
  assert.equal(s.focus, "");
  assert.equal(s.zoom, null);
  assert.equal(stateQuery(model, s, null, ""), "");
});

test("layers, edges, sections, focus and view are read, unknown ones dropped", () => {
  const s = readState(model, "?layers=2,9&edges=define,bogus&sections=1&focus=a&z=1.5&c=10,-20&view=freshness");
  assert.deepEqual([...s.layers].sort(), [0, 2]);
  assert.deepEqual([...s.edges], ["define"]);
  assert.equal(s.sections, true);
  assert.equal(s.focus, "a");
  assert.equal(s.view, "freshness");
  assert.deepEqual(s.zoom, { scale: 1.5, x: 10, y: -20 });
});

test("a bad zoom or centre gives no zoom", () => {
  assert.equal(readState(model, "?z=0&c=1,2").zoom, null);
  assert.equal(readState(model, "?z=2&c=1").zoom, null);
  assert.equal(readState(model, "?z=2&c=a,b").zoom, null);
});

test("the query round-trips and keeps other parameters; a concept's prefix is dropped", () => {
  const s = readState(model, "");
  s.layers = new Set([0, 1]);
  s.edges = new Set(["define", "use"]);
  s.focus = "concept:a";
  s.sections = true;
  const q = stateQuery(model, s, { scale: 1.23456, x: 10.4, y: -3.6 }, "?view=freshness");
  assert.equal(q, "view=freshness&layers=1&edges=define%2Cuse&sections=1&focus=a&z=1.235&c=10%2C-4");
  const back = readState(model, "?" + q);
  assert.deepEqual([...back.layers].sort(), [0, 1]);
  assert.deepEqual([...back.edges], ["define", "use"]);
  assert.equal(back.focus, "a");
});

test("defaults are left out of the query; a section's id stays whole", () => {
  const s = readState(model, "?layers=1,2&focus=section:s");
  s.focus = "section:s";
  assert.equal(stateQuery(model, s, null, "?layers=1,2"), "focus=section%3As");
  assert.deepEqual([...defaultEdges(model)], ["use", "reference", "explains"]);
});

test("saving the view writes z and c only: a step or focus already in the address stays", () => {
  const q = viewQuery("?scenario=s&step=4&focus=lora&z=1.000&c=0,0", { scale: 0.4951, x: 768.4, y: 521.6 });
  const p = new URLSearchParams(q);
  assert.equal(p.get("step"), "4");
  assert.equal(p.get("focus"), "lora");
  assert.equal(p.get("z"), "0.495");
  assert.equal(p.get("c"), "768,522");
});

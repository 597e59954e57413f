// 「シナリオで読む」 on the map, the pure part: the scenario, the step kept in range, the steps so
// far with the edges that join consecutive steps, the step's URL; the URL state of a walk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { findScenario, clampStep, walkPath, stepQuery } from "../../docs/assets/javascripts/concept-map/walkpath.js";
import { readState, stateQuery } from "../../docs/assets/javascripts/concept-map/state.js";
import { payload } from "./fixture.js";

function withScenario() {
  const data = /** @type {any} */ (payload());
  data.scenarios = [{ id: "one", title: "一つ目", url: "scenarios/#one", steps: [
    { text: "節を読む。", node: "section:s", layer: 1, url: "l1/#s" },
    { text: "概念 a。", node: "concept:a", layer: 1, url: "l1/#a" },
    { text: "概念 b。", node: "concept:b", layer: 2, url: "l2/#b" },
    { text: "また a。", node: "concept:a", layer: 1, url: "l1/#a" },
  ] }];
  return data;
}

test("a scenario is found by id; a step number is kept in range", () => {
  const data = withScenario();
  const s = findScenario(data, "one");
  assert.equal(s && s.title, "一つ目");
  assert.equal(findScenario(data, "nope"), null);
  assert.equal(findScenario(payload(), "one"), null);
  assert.deepEqual([0, 1, 3, 4, 9, NaN].map((n) => clampStep(/** @type {any} */ (s), n)), [1, 1, 3, 4, 4, 1]);
});

test("the steps so far: their nodes in order, the edges joining consecutive steps directly", () => {
  const data = withScenario();
  const model = makeModel(data, false);
  const s = /** @type {any} */ (findScenario(data, "one"));
  const one = walkPath(model, s, 1);
  assert.deepEqual(one.steps, ["section:s"]);
  assert.deepEqual(one.edges, []);
  const two = walkPath(model, s, 2);
  assert.deepEqual(two.steps, ["section:s", "concept:a"]);
  assert.deepEqual(two.edges.map((id) => model.edgeById[id].kind), ["explains"]);  // section → a
  const all = walkPath(model, s, 99);
  assert.deepEqual(all.steps, ["section:s", "concept:a", "concept:b", "concept:a"]);
  assert.deepEqual([...all.nodes].sort(), ["concept:a", "concept:b", "section:s"]);
  assert.equal(all.edges.length, 1);  // a and b share no edge: the walk's own line joins them
});

test("a step's URL, and the walk in the map's URL state", () => {
  assert.equal(stepQuery("a b", 3), "?scenario=a%20b&step=3");
  const model = makeModel(withScenario(), false);
  const s = readState(model, "?scenario=one&step=2&focus=a");
  assert.equal(s.scenario, "one");
  assert.equal(s.step, 2);
  assert.equal(readState(model, "?scenario=one&step=x").step, 1);
  s.focus = "";
  assert.equal(stateQuery(model, s, null, "?focus=a"), "scenario=one&step=2");
  s.scenario = "";
  assert.equal(stateQuery(model, s, null, "?scenario=one&step=2"), "");
});

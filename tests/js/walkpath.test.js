// 「シナリオで読む」 on the map, the pure part (walkpath.js) and its URL state (state.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { readState, stateQuery } from "../../docs/assets/javascripts/concept-map/state.js";
import { clampStep, findScenario, stepQuery, walkPath } from "../../docs/assets/javascripts/concept-map/walkpath.js";
import { payload } from "./fixture.js";

/** The fixture with one scenario: section s → concept a → layer 2 → (a node not on the map) → b. */
function withScenario() {
  const data = payload();
  const step = (/** @type {string} */ node, /** @type {number} */ layer) => ({ text: node, node, layer, url: "x/" });
  data.scenarios = [{ id: "walk", title: "歩く", url: "scenarios/#walk",
    steps: [step("section:s", 1), step("concept:a", 1), step("layer:2", 2), step("concept:gone", 2), step("concept:b", 2)] }];
  return data;
}

test("a scenario is found by its id; an unknown id or a payload without scenarios gives null", () => {
  const data = withScenario();
  assert.equal(findScenario(data, "walk"), data.scenarios[0]);
  assert.equal(findScenario(data, "nope"), null);
  assert.equal(findScenario(payload(), "walk"), null);
});

test("a step number is kept between 1 and the number of steps", () => {
  const s = withScenario().scenarios[0];
  assert.equal(clampStep(s, 0), 1);
  assert.equal(clampStep(s, -3), 1);
  assert.equal(clampStep(s, NaN), 1);
  assert.equal(clampStep(s, 2.6), 3);
  assert.equal(clampStep(s, 99), 5);
});

test("the path so far: the step nodes in order (off-map ones left out) and the edges joining them", () => {
  const data = withScenario();
  const model = makeModel(data, false);
  const s = data.scenarios[0];
  const two = walkPath(model, s, 2);
  assert.deepEqual(two.steps, ["section:s", "concept:a"]);
  assert.deepEqual([...two.nodes], ["section:s", "concept:a"]);
  assert.deepEqual(two.edges.map((id) => model.edgeById[id].kind), ["explains"]);
  const all = walkPath(model, s, 99);
  assert.deepEqual(all.steps, ["section:s", "concept:a", "layer:2", "concept:b"]);
  assert.deepEqual(all.edges.map((id) => [model.edgeById[id].from, model.edgeById[id].to]),
    [["section:s", "concept:a"], ["concept:a", "layer:2"], ["concept:b", "layer:2"]]);
});

test("a node met twice is one node, and an edge walked twice is listed once", () => {
  const data = withScenario();
  const s = data.scenarios[0];
  s.steps = [s.steps[1], s.steps[0], s.steps[1]];  // a, s, a
  const w = walkPath(makeModel(data, false), s, 3);
  assert.deepEqual(w.steps, ["concept:a", "section:s", "concept:a"]);
  assert.equal(w.nodes.size, 2);
  assert.equal(w.edges.length, 1);
});

test("a step's query string escapes the id", () => {
  assert.equal(stepQuery("walk", 2), "?scenario=walk&step=2");
  assert.equal(stepQuery("a b/c", 1), "?scenario=a%20b%2Fc&step=1");
});

test("the URL state carries the scenario and its step, and drops both when the walk ends", () => {
  const model = makeModel(withScenario(), false);
  const s = readState(model, "?scenario=walk&step=3");
  assert.equal(s.scenario, "walk");
  assert.equal(s.step, 3);
  assert.equal(readState(model, "?scenario=walk&step=0").step, 1);
  assert.equal(readState(model, "?scenario=walk&step=x").step, 1);
  assert.equal(readState(model, "").scenario, "");
  assert.equal(stateQuery(model, s, null, ""), "scenario=walk&step=3");
  s.scenario = "";
  s.step = 0;
  assert.equal(stateQuery(model, s, null, "?scenario=walk&step=3&view=freshness"), "view=freshness");
});

// 「使われている節」: the using sections of a concept, each with its chapter in front.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { usedInNodes, usedInText } from "../../docs/assets/javascripts/concept-map/usedin.js";
import { payload } from "./fixture.js";

test("a using section reads 「第N層 §x-y name」, a chapter 「第N層 章の冒頭」", () => {
  const data = payload();
  data.nodes.push({ id: "section:t", label: "6-2. 手法の比較", kind: "section", layer: 2, x: 0, y: 0 },
    { id: "section:u", label: "はじめに", kind: "section", layer: 2, x: 0, y: 0 });
  const at = (/** @type {string} */ id) => data.nodes.findIndex((n) => n.id === id);
  data.usedIn = { "concept:a": [at("layer:2"), at("section:t"), 999, at("section:u")] };  // indexes into nodes
  const model = makeModel(data, false);
  const used = usedInNodes(model, "concept:a");
  assert.deepEqual(used.map((n) => n.id), ["layer:2", "section:t", "section:u"]);  // unknown indexes dropped
  assert.deepEqual(used.map((n) => usedInText(model, n)),
    ["第2層 章の冒頭", "第2層 §6-2 手法の比較", "第2層 はじめに"]);
  assert.deepEqual(usedInNodes(model, "concept:b"), []);
});

// 「XとYの関係」: shortest meaningful paths and their steps in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { findPaths, pathNodes, stepSentence } from "../../docs/assets/javascripts/concept-map/paths.js";
import { payload } from "./fixture.js";

test("a path goes through the layer both concepts meet in, in words", () => {
  const model = makeModel(payload(), false);
  const paths = findPaths(model, "concept:a", "concept:b");
  assert.ok(paths.length >= 1);
  assert.deepEqual(pathNodes(paths[0]), ["concept:a", "layer:2", "concept:b"]);
  assert.deepEqual(paths[0].map((h) => stepSentence(model, h)),
    ["「プロンプトキャッシュ」は第2層 通信層で使われる。", "「ストリーミング」は第2層 通信層で定義される。"]);
});

test("a relation edge is preferred and read with its phrase; alternatives differ", () => {
  const data = payload();
  data.edges.push([2, 3, "relation", "応答を分けて送る"]);
  const model = makeModel(data, false);
  const paths = findPaths(model, "concept:b", "concept:a");
  assert.deepEqual(pathNodes(paths[0]), ["concept:b", "concept:a"]);
  assert.equal(stepSentence(model, paths[0][0]),
    "「プロンプトキャッシュ」は「ストリーミング」と関係する: 応答を分けて送る。");
  assert.ok(paths.length >= 2 && paths.length <= 3);
  const keys = paths.map((p) => p.map((h) => h.edge.id).join());
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(pathNodes(paths[1]), ["concept:b", "layer:2", "concept:a"]);
});

test("a define or use edge with a relation's phrase reads it too", () => {
  const data = payload();
  data.edges[1] = [2, 1, "use", "キャッシュ済みの接頭辞を送る"];
  const model = makeModel(data, false);
  const [path] = findPaths(model, "concept:a", "concept:b");
  assert.equal(stepSentence(model, path[0]), "「プロンプトキャッシュ」は第2層 通信層で使われる（キャッシュ済みの接頭辞を送る）。");
});

test("no path: unknown or equal ends, or nothing connects them", () => {
  const data = payload();
  data.nodes.push({ id: "concept:lonely", label: "孤立", kind: "concept", layer: 1, x: 0, y: 0 });
  const model = makeModel(data, false);
  assert.deepEqual(findPaths(model, "concept:a", "concept:a"), []);
  assert.deepEqual(findPaths(model, "concept:a", "nowhere"), []);
  assert.deepEqual(findPaths(model, "concept:a", "concept:lonely"), []);
});

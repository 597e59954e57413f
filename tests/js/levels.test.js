// Semantic zoom, the arrow keys' target, freshness buckets and the search's ranking.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeModel } from "../../docs/assets/javascripts/concept-map/model.js";
import { readState } from "../../docs/assets/javascripts/concept-map/state.js";
import {
  labelAt, nodeHidden, edgeHidden, stepTarget, minReadableScale, DETAIL_SCALE, HIDDEN_FONT,
} from "../../docs/assets/javascripts/concept-map/levels.js";
import { freshnessBucket } from "../../docs/assets/javascripts/concept-map/freshness.js";
import { matches } from "../../docs/assets/javascripts/concept-map/search.js";
import { edgeVocab, freshnessBuckets } from "../../docs/assets/javascripts/concept-map/vocab.js";
import { payload } from "./fixture.js";

const model = makeModel(payload(), false);
const concept = model.byId["concept:a"];
const section = model.byId["section:s"];

test("the overview shows short labels at 12 px, the detail level full ones", () => {
  const at = labelAt(model, concept, 0.5, false);
  assert.equal(at.label, "プロンプト\nキャッシュ");
  assert.equal(at.size, 24);
  assert.deepEqual(labelAt(model, concept, DETAIL_SCALE, false), { label: "プロンプトキャッシュ", size: 12 });
  assert.equal(labelAt(model, concept, 0.05, false).size, HIDDEN_FONT);  // too small to read
  assert.equal(labelAt(model, section, 0.5, false).size, HIDDEN_FONT);
  assert.notEqual(labelAt(model, section, 0.5, false, true).size, HIDDEN_FONT);  // 「節も表示」
  assert.equal(labelAt(model, model.byId["layer:1"], 0.5, false).size, null);
  const warned = Object.assign({}, concept, { link_issues: 2 });
  assert.match(labelAt(model, warned, 2, false).label, /^⚠ /);
  assert.ok(minReadableScale(model) > 0.4 && minReadableScale(model) < 0.5);
});

test("the short labels' width and lines come from the payload's cell", () => {
  const data = payload();
  data.cell = { w: 170, h: 84, em: 6.5, lines: 3 };
  const three = minReadableScale(makeModel(data, false));
  assert.ok(Math.abs(three - 3.4 * 12 / 84) < 1e-9);  // three lines need the height
  data.cell = { w: 170, h: 84, em: 8, lines: 2 };
  const wide = makeModel(data, false);
  assert.ok(Math.abs(minReadableScale(wide) - 8 * 12 / 170) < 1e-9);  // a wider line, the width
  assert.equal(labelAt(wide, wide.byId["concept:a"], 0.55, false).size, HIDDEN_FONT);  // 93 px < 96
  assert.notEqual(labelAt(wide, wide.byId["concept:a"], 0.6, false).size, HIDDEN_FONT);
});

test("sections and edges come with zoom; hidden layers hide their nodes", () => {
  const state = readState(model, "");
  assert.equal(nodeHidden(model, state, section, 0.5, false), true);
  assert.equal(nodeHidden(model, state, section, 0.5, true), false);  // a local map
  assert.equal(nodeHidden(model, state, section, DETAIL_SCALE, false), false);
  const use = model.edges[1];
  assert.equal(edgeHidden(state, use, 0.5, false), true);
  assert.equal(edgeHidden(state, use, DETAIL_SCALE, false), false);
  assert.equal(edgeHidden(state, model.edges[0], DETAIL_SCALE, false), true);  // define: off by default
  state.layers.delete(1);
  assert.equal(nodeHidden(model, state, concept, 2, false), true);
});

test("the arrow keys go to the nearest node in their direction", () => {
  const from = { x: 0, y: 0 };
  const nodes = [{ id: "right", x: 100, y: 10 }, { id: "far", x: 300, y: 0 },
    { id: "down", x: 0, y: 50 }, { id: "steep", x: 10, y: -100 }];
  assert.equal(stepTarget(nodes, from, [1, 0])?.id, "right");
  assert.equal(stepTarget(nodes, from, [0, 1])?.id, "down");
  assert.equal(stepTarget(nodes, from, [0, -1])?.id, "steep");
  assert.equal(stepTarget(nodes, from, [-1, 0]), null);
});

test("freshness buckets follow the vocabulary's thresholds", () => {
  const data = model.data;
  const now = Date.parse("2026-12-02");
  const daysAgo = (d) => new Date(now - d * 86400000).toISOString().slice(0, 10);
  const [fresh, aging] = freshnessBuckets(data).map(([, b]) => b.maxDays);
  assert.ok(fresh > 0 && aging > fresh);
  assert.equal(freshnessBucket(data, { reviewed: daysAgo(1) }, now), "fresh");
  assert.equal(freshnessBucket(data, { reviewed: daysAgo(fresh - 1) }, now), "fresh");
  assert.equal(freshnessBucket(data, { reviewed: daysAgo(fresh + 1) }, now), "aging");
  assert.equal(freshnessBucket(data, { reviewed: daysAgo(aging + 1) }, now), "old");
  assert.equal(freshnessBucket(data, { reviewed: daysAgo(1), stale: true }, now), "old");
  assert.equal(freshnessBucket(data, { reviewed: "" }, now), "unknown");
  assert.equal(freshnessBucket(data, {}, now), "unknown");
  assert.deepEqual(freshnessBuckets(data).map(([k]) => k), ["fresh", "aging", "old", "unknown"]);
});

test("another vocabulary moves the thresholds and the edge styles with it", () => {
  const data = payload();
  data.vocab.freshness.buckets.fresh.maxDays = 30;
  data.vocab.freshness.buckets.aging.maxDays = 60;
  data.vocab.edges.use.dashes = [1, 1];
  const now = Date.parse("2026-12-02");
  assert.equal(freshnessBucket(data, { reviewed: "2026-10-20" }, now), "aging");
  assert.equal(freshnessBucket(data, { reviewed: "2026-09-01" }, now), "old");
  assert.deepEqual(edgeVocab(data, "use").dashes, [1, 1]);
  assert.deepEqual(edgeVocab(data, "nothing"), {});
});

test("search: exact before prefix before anywhere, concepts before sections", () => {
  assert.deepEqual(matches(model, "キャッシュ").map((n) => n.id), ["concept:a", "section:s"]);
  assert.deepEqual(matches(model, "プロンプトキャッシュ").map((n) => n.id), ["concept:a"]);
  assert.deepEqual(matches(model, "b").map((n) => n.id), ["concept:b"]);  // the slug
  assert.deepEqual(matches(model, "  "), []);
  assert.deepEqual(matches(model, "通信"), [model.byId["layer:2"]]);
});

test("a faded colour keeps its hue and takes a share of its opacity", async () => {
  const { faded } = await import("../../docs/assets/javascripts/concept-map/util.js");
  assert.equal(faded("#d81b60", 0.3), "rgba(216,27,96,0.3)");
  assert.equal(faded("rgba(33,33,33,0.65)", 0.3), "rgba(33,33,33,0.195)");
  assert.equal(faded("rgb(1,2,3)", 0.5), "rgba(1,2,3,0.5)");
  assert.equal(faded("layer", 0.5), "layer");
});

// Relation phrases on the canvas: shortening, which edges carry one, and boxes that do not overlap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clipSegment, labelled, phraseChars, placeBox, shortPhrase, phraseColours } from "../../docs/assets/javascripts/concept-map/phrases.js";
import { payload } from "./fixture.js";

test("a long phrase is cut to the limit with 「…」; a short one, or no limit, keeps it whole", () => {
  assert.equal(shortPhrase("tools[] と tool_use / tool_result に翻訳される", 16), "tools[] と tool_…");
  assert.equal(Array.from(shortPhrase("あ".repeat(40), 16)).length, 16);
  assert.equal(shortPhrase("APIで呼ぶ", 16), "APIで呼ぶ");
  assert.equal(shortPhrase("あ".repeat(40), 0), "あ".repeat(40));
  assert.equal(shortPhrase("😀".repeat(20), 5), "😀😀😀😀…");  // code points, not UTF-16 units
});

test("an edge with a phrase carries it (a use edge too: it stands for the relation to the chapter)", () => {
  const data = payload();
  assert.ok(data.vocab.edges.relation.labelChars > 0);
  assert.equal(phraseChars(data), data.vocab.edges.relation.labelChars);
  assert.equal(labelled(data, { id: "e", from: "a", to: "b", kind: "relation", phrase: "呼ぶ" }), true);
  assert.equal(labelled(data, { id: "e", from: "a", to: "b", kind: "use", phrase: "呼ぶ" }), true);
  assert.equal(labelled(data, { id: "e", from: "a", to: "b", kind: "relation" }), false);
  const none = Object.assign({}, data, { vocab: { edges: { use: { labelChars: 0 } } } });
  assert.equal(labelled(none, { id: "e", from: "a", to: "b", kind: "use", phrase: "呼ぶ" }), false);
});

test("a box that would overlap one placed already moves off it", () => {
  const first = placeBox({ x: 0, y: 0 }, 40, 10, []);
  assert.deepEqual(first, { x: 0, y: 0, w: 40, h: 10 });
  const second = placeBox({ x: 5, y: 2 }, 40, 10, [first]);
  assert.ok(Math.abs(second.y - first.y) >= 10, JSON.stringify(second));
  const third = placeBox({ x: 5, y: 2 }, 40, 10, [first, second]);
  for (const b of [first, second]) assert.ok(Math.abs(third.y - b.y) >= 10, JSON.stringify(third));
  assert.deepEqual(placeBox({ x: 500, y: 0 }, 40, 10, [first]), { x: 500, y: 0, w: 40, h: 10 });
});

test("the phrase's text and box are the page's colours, its frame the line's", () => {
  const c = phraseColours("#00796b", { dark: false, bg: [255, 255, 255], fg: [33, 33, 33], layer: {}, font: "" });
  assert.deepEqual(c, { colour: "rgb(33,33,33)", background: "rgb(255,255,255)", border: "#00796b" });
});

test("a line is cut to the part inside the visible rectangle; one wholly outside gives null", () => {
  const r = { left: 0, top: 0, right: 100, bottom: 100 };
  assert.deepEqual(clipSegment({ x: 50, y: 50 }, { x: 250, y: 50 }, r), [{ x: 50, y: 50 }, { x: 100, y: 50 }]);
  assert.deepEqual(clipSegment({ x: -100, y: 50 }, { x: 50, y: 50 }, r), [{ x: 0, y: 50 }, { x: 50, y: 50 }]);
  assert.deepEqual(clipSegment({ x: 10, y: 10 }, { x: 20, y: 20 }, r), [{ x: 10, y: 10 }, { x: 20, y: 20 }]);
  assert.equal(clipSegment({ x: 150, y: 0 }, { x: 150, y: 90 }, r), null);
  assert.equal(clipSegment({ x: -50, y: 120 }, { x: 120, y: 300 }, r), null);
});

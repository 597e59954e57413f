// How a map draws its context lines: the full map's and a chapter's local map's, from the payload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { edgeContext } from "../../docs/assets/javascripts/concept-map/vocab.js";
import { payload } from "./fixture.js";

test("the full map and a local map read their own context line; without a vocabulary, full strength", () => {
  const data = payload();
  const full = edgeContext(data);
  const local = edgeContext(data, true);
  assert.deepEqual(full, data.vocab.edgeContext);
  assert.deepEqual(local, data.vocab.edgeContextLocal);
  assert.ok(full.alpha < local.alpha && local.alpha < 1);  // a local map's lines say who meets whom
  assert.deepEqual(edgeContext(/** @type {any} */ ({}), true), { alpha: 1, width: 0 });
});

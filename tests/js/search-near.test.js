// The header search's empty result, pure part (docs/assets/javascripts/search-near.js): the
// concepts to suggest for a query that finds no page, and the sentence over them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { conceptName, emptyText, suggestions } from "../../docs/assets/javascripts/search-near.js";

const GROUPS = [["プロンプトキャッシュ", "プロンプトキャッシング", "prompt caching"]];
/** @param {string} label @param {string[]} [aliases] */
const concept = (label, aliases = []) => ({ label, url: "x/", aliases });
const CONCEPTS = [
  concept("キャッシュとバッチの料金規則"),
  concept("プロンプトキャッシュ（cache_control）"),
  concept("思考ブロック（thinking）", ["拡張思考"]),
  concept("MCP", ["Model Context Protocol"]),
];
/** @param {string} q @param {number} [limit] */
const names = (q, limit) => suggestions(CONCEPTS, GROUPS, q, limit).map(conceptName);

test("matches by name come first, best first (the head of a compound before a modifier)", () => {
  assert.deepEqual(names("キャッシュ", 2), ["プロンプトキャッシュ", "キャッシュとバッチの料金規則"]);
});

test("aliases and the synonym table count as names", () => {
  assert.deepEqual(names("拡張思考", 1), ["思考ブロック"]);
  assert.deepEqual(names("prompt caching", 1), ["プロンプトキャッシュ"]);
  assert.deepEqual(names("model context protocol", 1), ["MCP"]);
});

test("a misspelt query gets the nearest names, each concept once, at most `limit`", () => {
  const near = names("プロンプトキャシング");
  assert.equal(near[0], "プロンプトキャッシュ");
  assert.equal(new Set(near).size, near.length);
  assert.ok(near.length <= 3);
  assert.deepEqual(names("量子テレポーテーション"), []);
});

test("the sentence: no page, then the nearest concepts or other wordings to try", () => {
  assert.equal(emptyText("abc", 2), "「abc」に一致するページはありません。近い概念：");
  assert.match(emptyText("abc", 0), /^「abc」に一致するページはありません。別の言い方/);
});

test("a suggestion's name is its label without brackets", () => {
  assert.equal(conceptName(CONCEPTS[1]), "プロンプトキャッシュ");
});

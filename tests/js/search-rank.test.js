// The shared ranking of the map search and the 早見表 filter (docs/assets/javascripts/search-rank.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  rank, suggest, labelNames, synonymsOf, queryParts, editDistance, TIERS,
} from "../../docs/assets/javascripts/search-rank.js";

const GROUPS = [
  ["プロンプトキャッシュ", "プロンプトキャッシング", "prompt caching"],
  ["思考ブロック", "拡張思考", "extended thinking"],
];

/** @param {string[]} labels */
const entries = (labels) => labels.map((label) => ({ names: labelNames(label), text: "" }));
/** @param {ReturnType<typeof entries>} list @param {string} q */
const labels = (list, q) => rank(list, q, GROUPS).map((h) => list[h.index].names[0]);

test("a label's names: without brackets, each bracketed alias, the whole label", () => {
  assert.deepEqual(labelNames("ツール結果（tool_result / functionResponse）"),
    ["ツール結果", "tool_result", "functionResponse", "ツール結果（tool_result / functionResponse）"]);
  assert.deepEqual(labelNames("MCP"), ["MCP"]);
});

test("the head of a compound before a modifier: キャッシュ picks プロンプトキャッシュ", () => {
  const list = entries(["キャッシュとバッチの料金規則", "プロンプトキャッシュ（cache_control）", "キャッシュヒット率の監視"]);
  assert.equal(labels(list, "キャッシュ")[0], "プロンプトキャッシュ");
});

test("the whole name beats compounds that start with it: ツール before ツール層", () => {
  const list = entries(["ツール層の設計", "ツール結果（tool_result）", "ツール", "外部ツール"]);
  const got = labels(list, "ツール");
  assert.equal(got[0], "ツール");
  assert.ok(got.indexOf("外部ツール") < got.indexOf("ツール層の設計"));
  assert.deepEqual(labels(entries(["MCP Apps", "MCP"]), "MCP"), ["MCP", "MCP Apps"]);
  assert.equal(rank(list, "ツール", GROUPS)[0].tier, TIERS.exact);
});

test("synonyms: English and other names reach the concept; case and width do not matter", () => {
  const list = entries(["プロンプトキャッシュ（cache_control）", "思考ブロック（thinking）", "ストリーミング"]);
  assert.deepEqual(labels(list, "prompt caching"), ["プロンプトキャッシュ"]);
  assert.deepEqual(labels(list, "Prompt  Caching"), ["プロンプトキャッシュ"]);
  assert.deepEqual(labels(list, "拡張思考"), ["思考ブロック"]);
  assert.equal(rank(list, "拡張思考", GROUPS)[0].tier, TIERS.synonym);
  assert.deepEqual(synonymsOf("ＰＲＯＭＰＴ caching", GROUPS), ["プロンプトキャッシュ", "プロンプトキャッシング"]);
  assert.deepEqual(labels(list, "thinking"), ["思考ブロック"]);  // a bracketed alias
});

test("text matches come after name matches; a longer query matches by its parts", () => {
  const list = [
    { names: ["LLM"], text: "大規模言語モデル" },
    { names: ["MCP"], text: "ツールをLLMにつなぐプロトコル。層の関係を決める" },
    { names: ["言語モデルの評価"], text: "" },
  ];
  assert.deepEqual(rank(list, "言語モデル").map((h) => h.index), [2, 0]);
  assert.deepEqual(queryParts("MCPとLLMの関係"), ["mcp", "llm", "関係"]);
  assert.deepEqual(queryParts("ツール結果"), ["ツール結果"]);
  assert.deepEqual(rank(list, "MCPとLLMの関係").map((h) => h.index), [1]);
  assert.deepEqual(rank(list, "  "), []);
});

test("nothing found: suggestions by the query's parts, prefixes and edit distance", () => {
  const list = entries(["プロンプトキャッシュ", "ストリーミング", "MCP", "LLM", "ガードレール"]);
  assert.deepEqual(rank(list, "プロンプトキャシュ"), []);
  assert.equal(list[suggest(list, "プロンプトキャシュ")[0].index].names[0], "プロンプトキャッシュ");
  assert.equal(list[suggest(list, "ストリーミンク")[0].index].names[0], "ストリーミング");
  const parts = suggest(list, "MCPとLLMの違い").map((h) => list[h.index].names[0]);
  assert.deepEqual(parts.slice(0, 2).sort(), ["LLM", "MCP"]);
  assert.deepEqual(suggest(list, "量子コンピュータ"), []);  // nothing near: no suggestion
  assert.equal(editDistance("kitten", "sitting"), 3);
});

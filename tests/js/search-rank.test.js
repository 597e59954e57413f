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
  assert.deepEqual(queryParts("ツール結果"), ["ツール", "結果"]);  // used only when nothing matches whole
  assert.deepEqual(queryParts("A2Aプロトコル"), ["a2a", "プロトコル"]);
  assert.deepEqual(queryParts("サンドボックス化"), ["サンドボックス"]);  // a one-character suffix is left out
  assert.deepEqual(queryParts("ストリーミング"), ["ストリーミング"]);
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

test("aliases match a step weaker than own names; concepts before products", () => {
  const list = [
    { names: ["PEFT", "Parameter-Efficient Fine-Tuning"], aliases: ["ファインチューニング"] },
    { names: ["ファインチューニング"], aliases: ["微調整"] },
    { names: ["Playwright MCP"], rank: 1 },
    { names: ["MCPの層またぎ構造"], aliases: ["層をまたぐプロトコルとしてのMCP"] },
  ];
  assert.deepEqual(rank(list, "ファインチューニング").map((h) => h.index), [1, 0]);
  assert.equal(rank(list, "ファインチューニング")[1].tier, TIERS.synonym);
  assert.deepEqual(rank(list, "微調整").map((h) => h.index), [1]);
  // MCP: the concept named by its defining heading (head of a compound) before the product
  assert.deepEqual(rank(list, "MCP").map((h) => h.index), [3, 2]);
});

test("an own name reached through the synonym table beats an alias that merely mentions it", () => {
  const groups = [["ファインチューニング", "微調整", "fine-tuning"]];
  const list = [
    { names: ["PEFT", "Parameter-Efficient Fine-Tuning"], aliases: ["ファインチューニング", "微調整"] },
    { names: ["ファインチューニング"], aliases: ["微調整", "fine-tuning"] },
  ];
  assert.deepEqual(rank(list, "微調整", groups).map((h) => h.index), [1, 0]);
});

test("a compound's parts in an entry's names beat another entry's text that mentions it whole", () => {
  // 「ベクトル検索」 names no entry: the one whose names hold ベクトル and whose group (the heading
  // it sits under) holds 検索 comes before rows that only mention ベクトル検索 in their notes
  const list = [
    { names: ["全文検索エンジン", "BM25"], text: "ベクトル検索と組み合わせて補完する", group: "検索・知識" },
    { names: ["Qdrant"], text: "専用ベクトル検索エンジン", group: "ベクトルDB・検索エンジン", rank: 1 },
    { names: ["ベクトルデータベース"], aliases: ["ベクトルDB"], text: "近似最近傍索引で検索", group: "検索・知識" },
    { names: ["ベクトルデータベースと検索エンジン"], rank: 2 },
    { names: ["検索・知識の概要"], text: "" },
  ];
  const hits = rank(list, "ベクトル検索");
  assert.deepEqual(hits.map((h) => h.index), [3, 2, 0, 1]);
  assert.deepEqual(hits.map((h) => h.tier), [TIERS.named, TIERS.named, TIERS.text, TIERS.text]);
  // the group alone is not enough: some part must be in the entry's own names or aliases
  assert.deepEqual(rank([{ names: ["MCP"], group: "ベクトル検索" }], "ベクトル検索"), []);
  // a one-part query is not split into a group match
  assert.deepEqual(rank([{ names: ["データベース"], group: "ベクトル" }], "ベクトル"), []);
});

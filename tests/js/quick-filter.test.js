// The 早見表 filter's pure part (quick-filter.js): rows left best first, the layer selects, the
// suggestions when none is left, and the map link for the rows left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { filterRows, mapSelection, nearRows, rowEntries } from "../../docs/assets/javascripts/quick-filter.js";

const VOCAB = JSON.parse(readFileSync(new URL("./vocab.json", import.meta.url), "utf8"));

const GROUPS = [["思考ブロック", "拡張思考", "extended thinking"]];

/** @param {string} label @param {string} concept @param {string[]} def @param {string[]} use
 * @param {string} [note] @param {string[]} [aliases] */
const row = (label, concept, def, use, note = "", aliases = []) => ({ label, note, concept, def, use, aliases });

const ROWS = [
  row("キャッシュとバッチの料金規則", "pricing", ["2A"], ["5"], "割引の条件"),
  row("プロンプトキャッシュ（cache_control）", "prompt-caching", ["2A"], ["3", "5"]),
  row("思考ブロック（thinking）", "thinking", ["2A"], ["3"], "", ["extended thinking"]),
  row("MCP", "mcp", ["4"], ["3"], "キャッシュしない"),
];

test("a row's entry: its label's names, its concept id and its aliases; its note as text", () => {
  const [e] = rowEntries([ROWS[1]]);
  assert.deepEqual(e.names, ["プロンプトキャッシュ", "cache_control", "プロンプトキャッシュ（cache_control）", "prompt-caching"]);
  assert.equal(e.text, "");
});

test("best match first: the head of a compound before a modifier, names before notes", () => {
  assert.deepEqual(filterRows(ROWS, "キャッシュ", GROUPS), [1, 0, 3]);
  assert.deepEqual(filterRows(ROWS, "拡張思考", GROUPS), [2]);  // the synonym table
  assert.deepEqual(filterRows(ROWS, "MCP", GROUPS), [3]);
});

test("no query: table order; the layer selects keep only rows with that mark", () => {
  assert.deepEqual(filterRows(ROWS, "  ", GROUPS), [0, 1, 2, 3]);
  assert.deepEqual(filterRows(ROWS, "", GROUPS, "4"), [3]);
  assert.deepEqual(filterRows(ROWS, "", GROUPS, "", "5"), [0, 1]);
  assert.deepEqual(filterRows(ROWS, "キャッシュ", GROUPS, "2A", "3"), [1]);
  assert.deepEqual(filterRows(ROWS, "キャッシュ", GROUPS, "4", "5"), []);
});

test("nothing left: the nearest rows by name", () => {
  assert.deepEqual(filterRows(ROWS, "プロンプトキャシュ", GROUPS), []);
  assert.equal(nearRows(ROWS, "プロンプトキャシュ", GROUPS)[0], 1);
  assert.deepEqual(nearRows(ROWS, "量子コンピュータ", GROUPS), []);
});

test("the map link: one concept is focused, else the layers of the marks asked for or held", () => {
  const base = "../concept-map/";
  const named = { vocab: VOCAB };
  assert.deepEqual(mapSelection(base, false, ROWS, "", "", named), { href: base, label: "地図で見る" });
  const one = mapSelection(base, true, [{ ...ROWS[3], node: "concept:mcp" }], "", "", named);
  assert.equal(one.href, base + "?focus=" + encodeURIComponent("concept:mcp"));  // the node its map link names
  assert.equal(one.label, "地図で見る（MCP）");
  assert.equal(mapSelection(base, true, [ROWS[3]], "", "", named).href, base + "?focus=mcp");  // else its id
  assert.deepEqual(mapSelection(base, true, ROWS.slice(0, 2), "2A", "5", named),
    { href: base + "?layers=2,5", label: "地図で見る（第2・5層）" });  // the vocabulary's layer label
  assert.equal(mapSelection(base, true, ROWS, "", "", named).href, base + "?layers=2,4");
  assert.deepEqual(mapSelection(base, true, [], "4", "", named), { href: base, label: "地図で見る" });
});

test("a row's category (the group it sits under) completes a compound its name only starts", () => {
  const rows = [
    { ...row("全文検索エンジン（BM25）", "fts", ["4"], []), note: "ベクトル検索と組み合わせて補完する", category: "検索・知識" },
    { ...row("ベクトルデータベース", "vdb", ["4"], []), note: "埋め込みベクトルを索引で探す", category: "検索・知識" },
  ];
  assert.equal(rowEntries(rows)[1].group, "検索・知識");
  assert.deepEqual(filterRows(rows, "ベクトル検索", []), [1, 0]);
  assert.deepEqual(filterRows(rows.map((r) => ({ ...r, category: "" })), "ベクトル検索", []), [0]);
});

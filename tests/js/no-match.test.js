// The one no-result sentence of the three search surfaces (docs/assets/javascripts/search-rank.js
// noMatchText): the header search (search-near.js), the map search and its phone list
// (concept-map/search.js) and the 早見表 filter (quick-reference.js) say it the same way, and no
// other script writes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { FOUND, noMatchText } from "../../docs/assets/javascripts/search-rank.js";
import { emptyText } from "../../docs/assets/javascripts/search-near.js";
import { noResultText } from "../../docs/assets/javascripts/concept-map/search.js";

const SCRIPTS = new URL("../../docs/assets/javascripts/", import.meta.url);
const RETRY = "別の言い方（英語名・略称・カタカナ表記）で試してください。";
/** @param {string} label */
const node = (label) => ({ id: "concept:" + label, label, kind: "concept", layer: 1 });

test("the sentence: the query, what is not found, then the nearest or other wordings", () => {
  assert.equal(noMatchText(" abc ", FOUND.items, 2), "「abc」に一致する項目はありません。近い項目：");
  assert.equal(noMatchText("abc", FOUND.items, 0), "「abc」に一致する項目はありません。" + RETRY);
  assert.equal(noMatchText("abc", FOUND.rows, 1, 40), "「abc」に一致する行はありません（全 40 件）。近い行：");
  assert.equal(noMatchText("", FOUND.rows, 0, 40), "条件に一致する行はありません（全 40 件）。");
});

test("the three surfaces say it the same way", () => {
  const said = [emptyText("abc", 0), noResultText("abc", []), noMatchText("abc", FOUND.rows, 0, 40)];
  assert.deepEqual(said.map((s) => s.replace("（全 40 件）", "").replace(/ページ|項目|行/, "*")),
    Array(3).fill("「abc」に一致する*はありません。" + RETRY));
  assert.equal(emptyText("abc", 2), "「abc」に一致するページはありません。近い概念：");
  assert.equal(noResultText("abc", [node("x")]), "「abc」に一致する項目はありません。近い項目：");
});

// (The path form's 「「X」に当たる概念が見つかりませんでした」 is a form's message about a box, not a
// search's empty result.)
test("no script but search-rank.js writes a no-result sentence", () => {
  /** @param {URL} dir @returns {string[]} */
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(new URL(e.name + "/", dir)) : e.name.endsWith(".js") ? [new URL(e.name, dir).href] : []);
  const offenders = walk(SCRIPTS)
    .filter((href) => !href.endsWith("/search-rank.js") && !href.includes("/vendor/"))
    .filter((href) => /に一致する|」は見つかりませんでした/.test(
      readFileSync(new URL(href), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")));
  assert.deepEqual(offenders.map((h) => h.slice(SCRIPTS.href.length)), []);
});

// Concept cards' pure part (docs/assets/javascripts/concept-cards/data.js): the index by section,
// which concept a link's text names, and the card's texts from the vocabulary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  cardKey, codeName, indexConcepts, layerChip, norm, othersText, pickConcept, relationLines, usedInShown,
} from "../../docs/assets/javascripts/concept-cards/data.js";

const VOCAB = JSON.parse(readFileSync(new URL("./vocab.json", import.meta.url), "utf8"));
const ROOT = "https://example.org/site/";

/** @param {object} fields */
function concept(fields) {
  return { id: "x", node: "concept:x", label: "X", summary: "", layer: 3, category: "", product: false,
    define: ["3"], use: [], url: "layers/03/#x", usedIn: [], map: "concept-map/?focus=x",
    row: "quick-reference/#row-x", ...fields };
}

function data() {
  return { layers: {}, vocab: VOCAB, concepts: [
    concept({ id: "lora", label: "LoRA（低ランク適応）", url: "layers/01/#lora", define: ["1"], use: ["3", "2A"] }),
    concept({ id: "ft", label: "ファインチューニング", url: "layers/01/#lora" }),
    concept({ id: "tool", label: "Claude Code", url: "layers/01/#lora", product: true }),
    concept({ id: "nourl", url: "" }),
    concept({ id: "enc", label: "文字コード", url: "layers/02/index.html#%E6%96%87" }),
  ] };
}

test("a URL's key: its path without index.html and its decoded fragment", () => {
  assert.equal(cardKey(new URL("https://e.org/a/index.html#%E6%96%87")), "/a/#文");
  assert.equal(cardKey(new URL("https://e.org/a/#%E0%A4%A")), "/a/#%E0%A4%A");  // bad escape: kept
});

test("concepts are indexed by the section that defines them; none without a URL", () => {
  const byKey = indexConcepts(data(), ROOT);
  assert.deepEqual(Object.keys(byKey).sort(), ["/site/layers/01/#lora", "/site/layers/02/#文"]);
  assert.deepEqual(byKey["/site/layers/01/#lora"].map((c) => c.id), ["lora", "ft", "tool"]);
});

test("the link's text picks the concept: exact, by the name before its gloss, else no product", () => {
  const list = indexConcepts(data(), ROOT)["/site/layers/01/#lora"];
  assert.equal(pickConcept(list, "ファイン チューニング")?.concept.id, "ft");
  assert.equal(pickConcept(list, "LoRAの仕組み")?.concept.id, "lora");
  assert.equal(pickConcept([...list].reverse(), "この節")?.concept.id, "ft");
  assert.deepEqual(pickConcept(list, "LoRA")?.others.map((c) => c.id), ["ft", "tool"]);
  assert.equal(pickConcept([], "x"), null);
  assert.equal(norm(" Ｌｏ Ｒ Ａ "), "lora");
});

test("a card's lines: layer chip and one line per relation mark, in the vocabulary's words", () => {
  const d = data();
  const lora = d.concepts[0];
  assert.equal(codeName(d, "2A"), "第2層A");
  assert.equal(codeName(d, "3"), "第3層");
  assert.equal(layerChip(d, 1), "第1層 " + VOCAB.layers["1"].name);
  const relations = Object.keys(VOCAB.marks).filter((k) => VOCAB.marks[k].relation);
  const lines = relationLines(d, lora);
  assert.deepEqual(lines.map((l) => l.key), relations);
  assert.equal(lines[0].text, VOCAB.marks[relations[0]].text + "：第1層");
  assert.equal(lines[1].text, VOCAB.marks[relations[1]].text + "：第3層・第2層A");
  assert.equal(relationLines(d, d.concepts[1])[1].text, VOCAB.marks[relations[1]].text + "：なし");
  assert.deepEqual(relationLines({ layers: {}, concepts: [] }, lora), []);  // no vocabulary: no lines
});

test("using sections: three shown, the rest counted; other concepts: four named", () => {
  const usedIn = ["a", "b", "c", "d", "e"].map((l) => ({ where: "第2層", label: l, url: l }));
  const { shown, more } = usedInShown(concept({ usedIn }));
  assert.deepEqual(shown.map((u) => u.label), ["a", "b", "c"]);
  assert.equal(more, 2);
  assert.deepEqual(usedInShown(concept({ usedIn: undefined })), { shown: [], more: 0 });
  const others = ["A", "B", "C", "D", "E"].map((label) => concept({ label }));
  assert.equal(othersText(others), "同じ節の概念：A、B、C、D ほか1件");
  assert.equal(othersText(others.slice(0, 2)), "同じ節の概念：A、B");
  assert.equal(othersText([]), "");
});

// The model of the concept map: neighbours, groups, bands, focus resolution.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  makeModel, neighbourhood, neighbourGroups, bandShifts, resolveFocus, focusParam, layerText, layerIds,
  facesText, edgeBetween, labelLines, expandPayload, nodeRows,
} from "../../docs/assets/javascripts/concept-map/model.js";
import { payload } from "./fixture.js";

const model = makeModel(payload(), false);

test("edges get ids and both ends' adjacency", () => {
  assert.equal(model.edges.length, 5);
  assert.deepEqual(model.edges[0], { id: "e0", from: "concept:a", to: "layer:1", kind: "define" });
  assert.equal(model.adjacent["layer:2"].length, 3);
  assert.deepEqual(model.adjacent["concept:a"].map((a) => [a.other, a.out]),
    [["layer:1", true], ["layer:2", true], ["section:s", false]]);
  assert.deepEqual(layerIds(model.data), [0, 1, 2]);
});

test("the tall layout's positions and bands replace the wide ones", () => {
  const data = payload();
  data.tall = { pos: data.nodes.map((_n, i) => [i, i * 10]), bands: [{ layer: 1, top: 0, bottom: 1 }],
    extent: { left: 0, right: 1 } };
  const tall = makeModel(data, true);
  assert.deepEqual([tall.nodes[3].x, tall.nodes[3].y], [3, 30]);
  assert.equal(tall.bands.length, 1);
  assert.equal(makeModel(data, false).nodes[3].y, 200);
});

test("the neighbourhood keeps only the visible edges", () => {
  const all = neighbourhood(model, "concept:a", () => true);
  assert.deepEqual([...all.nodes].sort(), ["concept:a", "layer:1", "layer:2", "section:s"]);
  const uses = neighbourhood(model, "concept:a", (e) => e.kind === "use");
  assert.deepEqual([...uses.nodes], ["concept:a", "layer:2"]);
  assert.deepEqual(uses.edges, ["e1"]);
  assert.deepEqual([...neighbourhood(model, "nowhere", () => true).nodes], ["nowhere"]);
});

test("neighbours are grouped by kind and direction", () => {
  assert.deepEqual(neighbourGroups(model, "layer:2"), { "use<": ["concept:a"], "define<": ["concept:b"],
    "reference<": ["section:s"] });
});

test("hidden layers' bands are taken out of the stack", () => {
  assert.deepEqual(bandShifts(model.bands, new Set([0, 1, 2])), { 1: 0, 2: 0 });
  assert.deepEqual(bandShifts(model.bands, new Set([0, 2])), { 1: 0, 2: 200 });
});

test("a focus is a slug, an id, a merged page or a label", () => {
  assert.equal(resolveFocus(model, "a"), "concept:a");
  assert.equal(resolveFocus(model, "section:s"), "section:s");
  assert.equal(resolveFocus(model, "page:layer1.md"), "layer:1");
  assert.equal(resolveFocus(model, "ストリー ミング"), "concept:b");
  assert.equal(resolveFocus(model, "nothing"), "");
  assert.equal(resolveFocus(model, ""), "");
  assert.equal(focusParam(model, "concept:a"), "a");
  assert.equal(focusParam(model, "layer:1"), "layer:1");
  assert.equal(layerText(model.data, model.byId["concept:b"]), "第2層 通信層");
});

test("an edge's layer-2 faces: the fifth item, named by the vocabulary (「（2A）」)", () => {
  const data = payload();
  data.edges.push([2, 1, "define", "", "B"], [3, 1, "use", "送る側", "AB"]);
  const m = makeModel(data, false);
  const defined = edgeBetween(m, "concept:a", "layer:2", "define", true);
  assert.equal(defined && defined.faces, "B");
  assert.equal(defined && defined.phrase, undefined);  // "" is no phrase
  assert.equal(facesText(data, defined && defined.faces), "（2B）");
  const used = edgeBetween(m, "concept:b", "layer:2", "use", true);
  assert.equal(used && used.phrase, "送る側");
  assert.equal(facesText(data, "AB"), "（2A・2B）");
  assert.equal(facesText(data, ""), "");
  assert.equal(facesText(data, undefined), "");
  assert.equal(edgeBetween(m, "concept:a", "layer:2", "define", false), undefined);  // direction counts
});

test("a label's lines come as offsets into it (views/render.py label_spans)", () => {
  assert.equal(labelLines("1-1. システムプロンプト", [0, 9, 9, 14]), "1-1. システム\nプロンプト");
  assert.equal(labelLines("A2A Protocol Specification", [0, 12, 13, 26]), "A2A Protocol\nSpecification");
  assert.equal(labelLines("ベースモデルとファインチューニングの関係", [0, 6, 6, 11, 11, 17, 1]),
    "ベースモデル\nとファイン\nチューニング…");
  assert.equal(labelLines("𝑥 と y", [0, 4, 5, 6]), "𝑥 と\ny");
  assert.equal(labelLines("名前（説明）", "名前\n別名"), "名前\n別名");
  const data = payload();
  data.nodes[2].short = [0, 5, 5, 10];
  const m = makeModel(data, false);
  assert.equal(m.byId["concept:a"].short, "プロンプト\nキャッシュ");
  assert.equal(data.nodes[2].short.length, 4);  // the payload is not changed
});

test("expandPayload: a concept named \"as\" its explaining section gets its url and review date", () => {
  const data = payload();
  data.nodes[4].url = "layers/1/#cache";
  data.nodes[4].reviewed = "2026-11-02";
  delete data.nodes[2].reviewed;
  data.nodes[2].as = 4;
  data.nodes[2].short = [0, 5, 5, 10];
  delete data.nodes[4].kind;  // implied by its id's prefix ("section:")
  delete data.nodes[0].kind;
  data.nodes[3].kind = "product";  // a product has a concept's prefix: it keeps its kind
  data.scenarios = [{ id: "w", title: "W", url: "scenarios/", steps: [
    { text: "一。", node: "concept:a" }, { text: "二。", node: "layer:2", layer: 2, url: "layers/2/#x" }] }];
  expandPayload(data);
  const a = data.nodes[2];
  assert.deepEqual([a.url, a.reviewed, a.stale, "as" in a], ["layers/1/#cache", "2026-11-02", undefined, false]);
  assert.equal(a.short, "プロンプト\nキャッシュ");
  assert.deepEqual(data.nodes.map((n) => n.kind), ["layer", "layer", "concept", "product", "section"]);
  const steps = (data.scenarios || [])[0].steps;
  assert.deepEqual(steps.map((s) => [s.layer, s.url]), [[1, "layers/1/#cache"], [2, "layers/2/#x"]]);
  assert.deepEqual(expandPayload(structuredClone(data)), data);  // idempotent
  const coded = payload();
  const kinds = Object.keys(coded.vocab.edges);
  coded.edges = coded.edges.map((e) => [e[0], e[1], kinds.indexOf(String(e[2]))]);
  assert.deepEqual(expandPayload(coded).edges, payload().edges);  // kinds by their index in vocab.edges
});

test("expandPayload: nodes sent as columns (views/render.py node_columns) become the same objects", () => {
  const rows = payload().nodes;
  /** @type {Record<string, unknown[]>} */
  const columns = {};
  rows.forEach((n, i) => {
    for (const [k, v] of Object.entries(n)) (columns[k] = columns[k] || rows.map(() => null))[i] = v;
  });
  assert.ok(Object.values(columns).some((c) => c.includes(null)));  // some node lacks a field
  assert.deepEqual(nodeRows(columns), rows);
  const sparse = { ...columns, url: { 1: "layers/1/", 3: "x/" } };  // a field few nodes have
  assert.deepEqual(nodeRows(sparse).map((n) => n.url), [undefined, "layers/1/", undefined, "x/", undefined]);
  const data = payload();
  data.nodes = /** @type {any} */ (columns);
  assert.deepEqual(expandPayload(data), expandPayload(payload()));
  assert.deepEqual(expandPayload(structuredClone(data)), data);  // idempotent
});

test("expandPayload: a section without a url has its chapter's url and its anchor", () => {
  const data = payload();
  data.nodes[0].url = "layers/1/";
  data.nodes.push({ id: "section:layer1.md#x", label: "x", kind: "section", layer: 1, x: 0, y: 0 },
    { id: "section:layer1.md#y", label: "y", kind: "section", layer: 1, x: 0, y: 0, url: "elsewhere/#y" });
  expandPayload(data);
  assert.deepEqual(data.nodes.slice(-2).map((n) => n.url), ["layers/1/#x", "elsewhere/#y"]);
});

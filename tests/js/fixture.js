// A small payload in the shape views/render.py map_payload() writes, for the unit tests. Its
// vocabulary is graph/vocabulary.py's (vocab.json; tests/test_map_modules.py keeps it current),
// the only place the payload names kinds, layers, colours and paths.
import { readFileSync } from "node:fs";

const VOCAB = JSON.parse(readFileSync(new URL("./vocab.json", import.meta.url), "utf8"));

/** Two layers; concepts a (defined in 1, used in 2) and b (defined in 2); a section of layer 1
 * explaining a; layer 2's band referenced by the section. */
export function payload() {
  return {
    nodes: [
      { id: "layer:1", label: "LLM層", kind: "layer", layer: 1, x: 0, y: 0 },
      { id: "layer:2", label: "通信層", kind: "layer", layer: 2, x: 0, y: 200 },
      { id: "concept:a", label: "プロンプトキャッシュ", kind: "concept", layer: 1, x: 100, y: 0,
        short: "プロンプト\nキャッシュ", reviewed: "2026-11-01" },
      { id: "concept:b", label: "ストリーミング", kind: "concept", layer: 2, x: 100, y: 200 },
      { id: "section:s", label: "2-1. キャッシュの仕組み", kind: "section", layer: 1, x: 200, y: 0 },
    ],
    edges: [[2, 0, "define"], [2, 1, "use"], [3, 1, "define"], [4, 2, "explains"], [4, 1, "reference"]],
    merged: { "page:layer1.md": "layer:1" },
    bands: [{ layer: 1, top: -50, bottom: 50 }, { layer: 2, top: 150, bottom: 250 }],
    extent: { left: -100, right: 300 },
    cell: { w: 170, h: 84, em: 6.5, lines: 3 },  // views/render.py map_payload's
    vocab: twoLayers(structuredClone(VOCAB)),
  };
}

/** The vocabulary with its layers cut to 0 (no layer), 1 and 2, as the payload's nodes.
 * @param {any} vocab */
function twoLayers(vocab) {
  vocab.layers = { 0: vocab.layers[0], 1: vocab.layers[1], 2: vocab.layers[2] };
  return vocab;
}

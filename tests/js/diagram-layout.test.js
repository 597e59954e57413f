import { test } from "node:test";
import assert from "node:assert/strict";
import { FONT_PX, MIN_FONT_PX, plan, turned, turnedInside } from "../../docs/assets/javascripts/diagrams/layout.js";

test("turned swaps the flowchart's direction and its subgraphs'", () => {
  const src = "flowchart LR\n  accTitle: t\n  subgraph A\n    direction TB\n    a --> b\n  end\n  subgraph B\n    direction LR\n  end";
  const out = turned(src);
  assert.ok(out);
  assert.match(out, /^flowchart TB$/m);
  assert.match(out, /direction LR\n {4}a --> b/);
  assert.match(out, /subgraph B\n {4}direction TB/);
  assert.equal(turned(out)?.split("\n")[0], "flowchart LR");
  assert.equal(turned("flowchart TD\n a-->b")?.split("\n")[0], "flowchart LR");
  assert.equal(turned("sequenceDiagram\n a->>b: x"), null);
  assert.equal(turned("graph RL\n a-->b")?.split("\n")[0], "graph TB");
});

test("plan: fits, shrinks while labels stay legible, else scrolls", () => {
  assert.deepEqual(plan(300, 358), { width: 300, scrolls: false });
  assert.deepEqual(plan(400, 358), { width: 358, scrolls: false });
  const wide = plan(1000, 358);
  assert.equal(wide.scrolls, true);
  assert.ok(wide.width * FONT_PX / 1000 >= MIN_FONT_PX - 0.01);
  assert.ok(wide.width > 358);
});

test("turnedInside turns the subgraphs only, and only where there are subgraph directions", () => {
  const src = "flowchart TD\n  subgraph A\n    direction LR\n    a --> b\n  end\n  subgraph B\n    direction TB\n  end";
  const out = turnedInside(src);
  assert.ok(out);
  assert.match(out, /^flowchart TD$/m);
  assert.match(out, /subgraph A\n {4}direction TB/);
  assert.match(out, /subgraph B\n {4}direction LR/);
  assert.equal(turnedInside("flowchart TD\n a-->b"), null);
  assert.equal(turnedInside("sequenceDiagram\n a->>b: x"), null);
});

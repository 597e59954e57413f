//# allFunctionsCalledOnLoad
// @ts-check
/* 「シナリオで読む」 on the map, the pure part: a scenario of the payload, a step number kept in
 * range, and the path so far (steps 1..n: their nodes in order, the edges that join them). */

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Scenario} Scenario */
/** @typedef {{ nodes: Set<string>, edges: string[], steps: string[] }} WalkPath */

/** The scenario `id` of the payload, or null. @param {Payload} data @param {string} id
 * @returns {Scenario | null} */
export function findScenario(data, id) {
  return (data.scenarios || []).find((s) => s.id === id) || null;
}

/** `n` kept between 1 and the scenario's number of steps. @param {Scenario} scenario
 * @param {number} n */
export function clampStep(scenario, n) {
  return Math.min(Math.max(1, Math.round(n) || 1), scenario.steps.length);
}

/** The path so far at step `n` (1-based): the step nodes of steps 1..n in order (a node met
 * twice once), and the map's edges that join two consecutive steps directly (the steps without
 * one are joined by the walk's own line, overlay.js). @param {Model} model
 * @param {Scenario} scenario @param {number} n @returns {WalkPath} */
export function walkPath(model, scenario, n) {
  const steps = scenario.steps.slice(0, clampStep(scenario, n)).map((s) => s.node)
    .filter((id) => model.byId[id]);
  /** @type {string[]} */
  const edges = [];
  for (let i = 1; i < steps.length; i++) {
    const direct = (model.adjacent[steps[i - 1]] || []).find((a) => a.other === steps[i]);
    if (direct && edges.indexOf(direct.edge.id) < 0) edges.push(direct.edge.id);
  }
  return { nodes: new Set(steps), edges, steps };
}

/** The query string of a step of a scenario (the map's URL without script).
 * @param {string} id @param {number} n */
export function stepQuery(id, n) {
  return "?scenario=" + encodeURIComponent(id) + "&step=" + n;
}

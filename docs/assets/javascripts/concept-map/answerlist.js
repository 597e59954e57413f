//# allFunctionsCalledOnLoad
// @ts-check
/* The text answer above a phone's list (no canvas): for ?scenario=<id>&step=<n> the scenario's
 * steps as an ordered list with the current one marked, 前へ／次へ and the step's section; for
 * ?from=&to= the two concepts' summaries and each path as ordered steps in words with links to the
 * sections. Moves are plain links (each a history entry: Back restores). Text via textContent. */

import { findScenario, clampStep, stepQuery } from "./walkpath.js";
import { findPaths, stepSentence } from "./paths.js";
import { makeModel, resolveFocus, layerText } from "./model.js";
import { layerLabel, layerTitle } from "./vocab.js";
import { matches } from "./search.js";
import { siteUrl } from "./util.js";

/** @typedef {import("./types.js").Payload} Payload */
/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Scenario} Scenario */

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** @param {string} href @param {string} text */
function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

/** 「地図で見る」: the map full screen, showing the same answer. @param {() => void} open */
function mapButton(open) {
  const b = el("button", "cm-map__show", "地図で見る");
  b.setAttribute("type", "button");
  b.addEventListener("click", open);
  return b;
}

/** The scenario's steps, the current one marked in words. @param {Payload} data
 * @param {Scenario} s @param {number} n */
function scenarioSteps(data, s, n) {
  const ol = el("ol", "cm-walk__steps");
  s.steps.forEach((step, i) => {
    const li = el("li", i + 1 === n ? "cm-walk__current" : "");
    if (i + 1 === n) {
      li.setAttribute("aria-current", "step");
      li.appendChild(el("strong", "", "いまの手順："));
    }
    li.append(el("span", "cm-layer-chip cm-layer-chip--" + step.layer, layerLabel(data, step.layer)), " ",
      step.text, " ");
    li.appendChild(i + 1 === n ? link(siteUrl(step.url), "この節を開く") : link(stepQuery(s.id, i + 1), "この手順へ"));
    ol.appendChild(li);
  });
  return ol;
}

/** A scenario step as text. @param {Payload} data @param {Scenario} s @param {number} n
 * @param {() => void} open */
function scenarioAnswer(data, s, n, open) {
  const box = el("section", "cm-answer");
  box.setAttribute("aria-label", s.title);
  box.appendChild(el("p", "cm-answer__title", s.title));
  const step = s.steps[n - 1];
  box.appendChild(el("p", "cm-answer__meta", "シナリオ・手順 " + n + " / " + s.steps.length + "・" +
    layerTitle(data, step.layer)));
  const now = el("p", "cm-answer__step", step.text + " ");  /* the step first, then where it is in the list */
  now.appendChild(link(siteUrl(step.url), "この節を開く"));
  box.appendChild(now);
  const nav = el("p", "cm-walk");
  if (n > 1) nav.append(link(stepQuery(s.id, n - 1), "← 前の手順"), " ");
  if (n < s.steps.length) nav.append(link(stepQuery(s.id, n + 1), "次の手順 →"), " ");
  nav.append(mapButton(open), " ", link(location.pathname, "シナリオを終える"));
  box.append(nav, scenarioSteps(data, s, n));
  return box;
}

/** Each end's name, layer and summary, with its section. @param {Model} model @param {string} id */
function endCard(model, id) {
  const n = model.byId[id];
  const li = el("li");
  li.append(n.url ? link(siteUrl(n.url), n.label) : el("strong", "", n.label), "（" + layerText(model.data, n) + "）");
  if (n.summary) li.append(" — " + n.summary);
  return li;
}

/** The paths from `a` to `b` as text. @param {Model} model @param {string} a @param {string} b
 * @param {() => void} open */
function pathAnswer(model, a, b, open) {
  const box = el("section", "cm-answer");
  const title = "「" + model.byId[a].label + "」と「" + model.byId[b].label + "」の関係";
  box.setAttribute("aria-label", title);
  box.appendChild(el("p", "cm-answer__title", title));
  const ends = el("ul", "cm-answer__ends");
  ends.append(endCard(model, a), endCard(model, b));
  box.appendChild(ends);
  const paths = findPaths(model, a, b);
  box.appendChild(el("p", "cm-answer__meta", paths.length ? "つながり方 " + paths.length + " 通り（短い順）"
    : "地図の上ではつながっていない。"));
  paths.forEach((path, i) => {
    box.appendChild(el("p", "cm-answer__path", "道筋 " + (i + 1) + "（" + path.length + " 段）"));
    const ol = el("ol", "cm-path__steps");
    for (const hop of path) {
      const li = el("li", "", stepSentence(model, hop) + " ");
      const small = el("small");
      small.append("（", endLink(model, hop.from), " → ", endLink(model, hop.to), "）");
      li.appendChild(small);
      ol.appendChild(li);
    }
    box.appendChild(ol);
  });
  const nav = el("p");
  nav.append(mapButton(open), " ", link(location.pathname, "関係の表示を終える"));
  box.appendChild(nav);
  return box;
}

/** A node's name linking its section (or as text). @param {Model} model @param {string} id */
function endLink(model, id) {
  const n = model.byId[id];
  return n.url ? link(siteUrl(n.url), n.label) : el("span", "", n.label);
}

/** The answer the URL asks for (a scenario step or a path), or null.
 * @param {Payload} data @param {Model} model @param {string} search @param {() => void} open */
export function phoneAnswer(data, model, search, open) {
  const q = new URLSearchParams(search);
  const s = findScenario(data, q.get("scenario") || "");
  if (s && s.steps.length) return scenarioAnswer(data, s, clampStep(s, Number(q.get("step") || 1)), open);
  const end = (/** @type {string} */ v) => resolveFocus(model, v) || ((matches(model, v, 1)[0] || {}).id || "");
  const a = end(q.get("from") || "");
  const b = end(q.get("to") || "");
  return a && b && a !== b ? pathAnswer(model, a, b, open) : null;
}

/** The phone's model (the tall layout's positions; only names and links are used here).
 * @param {Payload} data */
export function phoneModel(data) {
  return makeModel(data, true);
}

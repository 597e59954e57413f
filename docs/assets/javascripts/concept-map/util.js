//# allFunctionsCalledOnLoad
// @ts-check
/* Small pure helpers of the concept map (text, colours) and its few browser helpers. */

/** The site's root: this module lives at assets/javascripts/concept-map/. */
export const ROOT = new URL("../../../", import.meta.url);

/** Text compared loosely: NFKC, lower case, without spaces, dashes, dots and 中黒.
 * @param {unknown} text */
export function norm(text) {
  return String(text || "").normalize("NFKC").toLowerCase().replace(/[\s\-_・･.]/g, "");
}

/** [r, g, b] of a CSS rgb()/rgba() or #rrggbb colour, else null.
 * @param {string | null | undefined} text
 * @returns {number[] | null} */
export function parseRgb(text) {
  let m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(text || "");
  if (m) return [+m[1], +m[2], +m[3]];
  m = /^#([0-9a-f]{6})$/i.exec((text || "").trim());
  if (m) {
    const v = parseInt(m[1], 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  return null;
}

/** @param {number[]} c @param {number} [alpha] */
export function rgb(c, alpha) {
  return alpha === undefined ? "rgb(" + c.join(",") + ")"
    : "rgba(" + c.join(",") + "," + alpha + ")";
}

/** A CSS colour (#rrggbb, rgb() or rgba()) at `factor` times its opacity; others as they are.
 * @param {string} css @param {number} factor */
export function faded(css, factor) {
  const c = parseRgb(css);
  if (!c) return css;
  const alpha = /rgba\([^)]*,\s*([\d.]+)\s*\)/.exec(css);
  return rgb(c, Math.round((alpha ? Number(alpha[1]) : 1) * factor * 1000) / 1000);
}

/** a mixed with b: t = 0 is a, 1 is b.
 * @param {number[]} a @param {number[]} b @param {number} t */
export function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] * (1 - t) + b[i] * t));
}

/** Calls `close` when the focus leaves all of `els` for anything else (Tab, Shift+Tab, a click
 * elsewhere); a pointer pressed inside them keeps the focus where it is, so that pressing an
 * option does not close the list before its click (the map search's results, the path form's
 * suggestions). @param {HTMLElement[]} els @param {() => void} close */
export function closeOnFocusLeave(els, close) {
  for (const el of els) {
    if (el.tagName !== "INPUT") el.addEventListener("mousedown", (ev) => ev.preventDefault());
    el.addEventListener("focusout", (ev) => {
      const to = ev.relatedTarget;
      if (!(to instanceof Node && els.some((box) => box.contains(to)))) close();
    });
  }
}

/** A site-relative URL made absolute. @param {string} url */
export function siteUrl(url) { return new URL(url, ROOT).href; }

/** Navigate like a click on a link (so the theme's navigation can take over).
 * @param {string} url */
export function navigate(url) {
  const a = document.createElement("a");
  a.href = siteUrl(url);
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/* One animation at a time: vis-network runs a second one on top of the first, and the
   first's end can win. While one runs (or with reduced motion), views jump. */
let animatingUntil = 0;
/** vis-network's animation option for a move of `ms`, or false (jump).
 * @param {number} ms */
export function animation(ms) {
  const now = performance.now();
  if (reducedMotion() || now < animatingUntil) return false;
  animatingUntil = now + ms + 50;
  return { duration: ms, easingFunction: "easeInOutQuad" };
}

/** @type {Record<string, Promise<import("./types.js").Vis>>} */
const visPromises = {};

/** vis-network: already there (the map page runs it before the data), else a script added once.
 * @param {string} src
 * @returns {Promise<import("./types.js").Vis>} */
export function loadVis(src) {
  const w = /** @type {any} */ (window);
  if (w.vis && w.vis.Network) return Promise.resolve(w.vis);
  if (!visPromises[src]) {
    visPromises[src] = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = () => {
        if (w.vis && w.vis.Network) resolve(w.vis);
        else reject(new Error("vis-network did not load"));
      };
      s.onerror = () => {
        delete visPromises[src];
        reject(new Error("vis-network could not be fetched"));
      };
      document.head.appendChild(s);
    });
  }
  return visPromises[src];
}

/** The element matching `selector` in `root`, or an error naming it (the template lacks it).
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...a: any[]) => T} type
 * @returns {T} */
export function must(root, selector, type) {
  const el = root.querySelector(selector);
  if (!(el instanceof type)) throw new Error("concept map: no " + selector);
  return el;
}

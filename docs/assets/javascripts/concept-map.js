//# allFunctionsCalledOnLoad
/* 概念マップ: renders every .cm-map[data-cm-map] container of the page with vis-network.
 *
 * Data: a <template class="cm-map-data"> holding JSON, written at build time by
 * graph/render.py (nodes with fixed band positions, edges, bands, options, node kinds, id
 * prefixes, layer colours and the site-relative path of the self-hosted vis-network). On the map
 * page a parser-blocking <script> right before the data has already run vis-network; a chapter's
 * local map has a <link rel="preload"> of it, and loadVis() below adds the script.
 *
 * The reader's view:
 *  - overview first: the bands with their concepts' short names; sections and the full names
 *    come with zoom (semantic zoom). Every label is drawn at LABEL_PX CSS px or not at all.
 *  - focus + context: hovering or selecting a node dims everything but it, its neighbours and
 *    the edges between them (drawn again over a veil, after vis-network's own frame).
 *  - a click selects (side panel / status line); double-click or Enter opens the page.
 *  - selection, zoom and centre live in the URL (?focus=…&z=…&c=…) with the filters.
 * All text from the graph is plain text and is only ever assigned with textContent.
 * Works with and without Material's instant navigation (document$).
 * The first line is V8's compile hint (see COMPILE_HINT in graph/render.py).
 */
(function () {
  "use strict";

  /* Loaded async in <head> on every page by overrides/main.html: it may run before <body>
     and before Material's document$ exist. Each map's data is followed by an inline
     __conceptMapScript.init() call; DOMContentLoaded and document$ catch the rest. */
  if (window.__conceptMapScript) {
    window.__conceptMapScript.attach();
    return;
  }

  var SCRIPT = document.currentScript ||
    document.querySelector('script[src*="assets/javascripts/concept-map.js"]');
  var ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  var LABEL_PX = 12;         /* every label is drawn at (at least) this many CSS px ... */
  var DRAW_THRESHOLD = 12;   /* ... vis-network draws none below 11 px (fades 11–12) */
  var DETAIL_SCALE = 1.1;    /* from this scale on: sections and full names */
  var DETAIL_FONT = 12;      /* canvas units of a label at the detail level (≥ 13 px there) */
  var SECTION_FONT = 11;     /* ≥ 12 px from DETAIL_SCALE */
  var BAND_FONT = 30;
  var MAX_SCALE = 3;
  var HIDDEN_FONT = 1;       /* a label this small is never drawn (semantic zoom: "hidden") */
  var visPromises = {};
  var active = [];

  /* ---------- small pure helpers ---------- */

  function loadVis(src) {
    if (window.vis && window.vis.Network) return Promise.resolve(window.vis);
    if (!visPromises[src]) {
      visPromises[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () {
          if (window.vis && window.vis.Network) resolve(window.vis);
          else reject(new Error("vis-network did not load"));
        };
        s.onerror = function () {
          delete visPromises[src];
          reject(new Error("vis-network could not be fetched"));
        };
        document.head.appendChild(s);
      });
    }
    return visPromises[src];
  }

  function norm(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(/[\s\-_・･.]/g, "");
  }

  function parseRgb(text) {
    var m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(text || "");
    if (m) return [+m[1], +m[2], +m[3]];
    m = /^#([0-9a-f]{6})$/i.exec((text || "").trim());
    if (m) {
      var v = parseInt(m[1], 16);
      return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
    }
    return null;
  }

  function rgb(c, alpha) {
    return alpha === undefined ? "rgb(" + c.join(",") + ")"
      : "rgba(" + c.join(",") + "," + alpha + ")";
  }

  function mix(a, b, t) {
    return [0, 1, 2].map(function (i) { return Math.round(a[i] * (1 - t) + b[i] * t); });
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* One animation at a time: vis-network runs a second one on top of the first, and the
     first's end can win. While one runs (or with reduced motion), views jump. */
  var animatingUntil = 0;
  function animation(ms) {
    var now = performance.now();
    if (reducedMotion() || now < animatingUntil) return false;
    animatingUntil = now + ms + 50;
    return { duration: ms, easingFunction: "easeInOutQuad" };
  }

  function layerIds(data) {
    return Object.keys(data.colours || { 0: 1 }).map(Number);
  }

  /* Colours of the current theme (Material light "default" or dark "slate"); the layers'
     colours are the stylesheet's --cm-layer-N, else the schema's (payload "colours"). */
  function palette(data) {
    var cs = getComputedStyle(document.body);
    var bg = parseRgb(cs.backgroundColor) || [255, 255, 255];
    var dark = (0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]) < 128;
    var fg = dark ? [226, 228, 233] : [33, 33, 33];
    var root = getComputedStyle(document.documentElement);
    var layer = {};
    layerIds(data).forEach(function (n) {
      layer[n] = parseRgb(root.getPropertyValue("--cm-layer-" + n)) ||
        parseRgb(data.colours[String(n)]) || fg;
    });
    /* Labels use the site's font stack: it matches the text around the map, and naming a
       Japanese font up front spares the canvas a slow per-glyph fallback search. */
    return { dark: dark, bg: bg, fg: fg, layer: layer, font: cs.fontFamily || "sans-serif" };
  }

  function groups(data, pal) {
    var out = {};
    var white = [255, 255, 255];
    var k = data.kinds;
    layerIds(data).forEach(function (n) {
      var c = pal.dark ? mix(pal.layer[n], white, 0.2) : pal.layer[n];  /* contrast on slate */
      var tint = mix(c, pal.bg, pal.dark ? 0.72 : 0.86);
      var focusBorder = { border: rgb(pal.fg) };
      /* band and chapter boxes carry white text: the layer colour itself in both palettes
         (white on it >= 4.5:1; the lightened colour would drop below that on slate) */
      var band = pal.layer[n];
      var solid = { background: rgb(band), border: rgb(c),
        highlight: Object.assign({ background: rgb(band) }, focusBorder),
        hover: Object.assign({ background: rgb(band) }, focusBorder) };
      var light = { background: rgb(tint), border: rgb(c),
        highlight: Object.assign({ background: rgb(tint) }, focusBorder),
        hover: Object.assign({ background: rgb(tint) }, focusBorder) };
      var text = { color: rgb(pal.fg), size: DETAIL_FONT, face: pal.font };
      out[k.layer + "-" + n] = { shape: "box", color: solid, margin: 14, borderWidth: 2,
        font: { color: rgb(white), size: BAND_FONT, face: pal.font } };
      out[k.page + "-" + n] = { shape: "box", color: solid, margin: 8, borderWidth: 2,
        font: { color: rgb(white), size: 20, face: pal.font } };
      out[k.section + "-" + n] = { shape: "box", margin: 4, borderWidth: 1,
        shapeProperties: { borderRadius: 2 }, color: light,
        font: Object.assign({}, text, { size: SECTION_FONT }) };
      /* concepts: rounded tinted boxes; products: square boxes with a dashed border (the
         legend says so in words: shape, not colour, tells them apart) */
      out[k.concept + "-" + n] = { shape: "box", margin: 4, borderWidth: 2, color: light,
        shapeProperties: { borderRadius: 10 }, font: text };
      out[k.product + "-" + n] = { shape: "box", margin: 4, borderWidth: 2, color: light,
        shapeProperties: { borderRadius: 0, borderDashes: [4, 3] }, font: text };
    });
    return out;
  }

  function edgeDefaults(pal) {
    return { color: { color: rgb(pal.fg, 0.45), highlight: rgb(pal.fg), hover: rgb(pal.fg),
      inherit: false }, width: 1.2, dashes: false };
  }

  /* data.roles names the schema's edge kinds (graph/render.py EDGE_ROLES). */
  /* Each kind has its own dash pattern (not colour alone: WCAG 1.4.1), and every line is drawn
     at >= 3:1 against the page in both palettes (WCAG 1.4.11). */
  function edgeStyle(data, kind, pal, layer) {
    var r = data.roles;
    var white = [255, 255, 255];
    var own = pal.layer[layer] || pal.fg;
    if (kind === r.define) return { color: rgb(pal.dark ? mix(own, white, 0.35) : own, 0.8) };
    if (kind === r.use) return { dashes: [6, 5], color: rgb(pal.fg, 0.65) };
    if (kind === r.reference) return { dashes: [14, 4], color: pal.dark ? "rgb(244,143,177)" : "rgb(216,27,96)", width: 2.5 };
    if (kind === r.explains) return { dashes: [2, 4], color: rgb(pal.fg, 0.65) };
    if (kind === r.contains) {
      return { dashes: [1, 7], color: rgb(pal.fg, 0.6), width: 1, arrows: { to: { enabled: false } } };
    }
    return {};
  }

  function layerText(data, node) {
    if (!node.layer) return "層なし";
    var text = "第" + node.layer + "層 " + (data.layers[String(node.layer)] || "");
    return node.faces ? text + "（" + node.faces + "）" : text;
  }

  function kindName(data, kind) {
    return (data.kindNames && data.kindNames[kind]) || "";
  }

  function tooltipFor(data, node) {
    var el = document.createElement("div");
    el.className = "cm-tooltip";
    var lines = [node.label, layerText(data, node) + "・" + kindName(data, node.kind)];
    if (node.summary) lines.push(node.summary);
    el.textContent = lines.join("\n");
    return el;
  }

  function siteUrl(url) { return new URL(url, ROOT).href; }

  /* Navigate like a click on a link, so Material's instant navigation can take over. */
  function navigate(url) {
    var a = document.createElement("a");
    a.href = siteUrl(url);
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* ---------- the model: derived once from the payload (never mutated) ---------- */

  function makeModel(data, tall) {
    var pos = tall && data.tall ? data.tall.pos : null;
    var nodes = data.nodes.map(function (n, i) {
      return Object.assign({}, n, { layer: n.layer || 0,
        x: pos ? pos[i][0] : n.x, y: pos ? pos[i][1] : n.y });
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var edges = data.edges.map(function (e, i) {
      return { id: "e" + i, from: nodes[e[0]].id, to: nodes[e[1]].id, kind: e[2] };
    });
    var adjacent = {};
    nodes.forEach(function (n) { adjacent[n.id] = []; });
    edges.forEach(function (e) {
      adjacent[e.from].push({ edge: e, other: e.to, out: true });
      adjacent[e.to].push({ edge: e, other: e.from, out: false });
    });
    return { data: data, nodes: nodes, byId: byId, edges: edges, adjacent: adjacent,
      bands: pos ? data.tall.bands : data.bands, extent: pos ? data.tall.extent : data.extent,
      kinds: Object.keys(data.edgeKinds || {}), k: data.kinds };
  }

  /* ---------- URL state (?focus=lora&z=1.2&c=10,20&layers=1,2&edges=define,use) ---------- */

  function focusParam(model, id) {
    var p = model.data.prefixes[model.k.concept];
    return id.indexOf(p) === 0 ? id.slice(p.length) : id;
  }

  function defaultEdges(model) {
    return new Set(model.data.defaultEdges || model.kinds);
  }

  function readState(model, search) {
    var q = new URLSearchParams(search);
    var all = layerIds(model.data);
    var layers = new Set(all);
    var edges = defaultEdges(model);
    if (q.has("layers")) {
      layers = new Set(q.get("layers").split(",").map(Number).filter(function (n) {
        return all.indexOf(n) >= 0;
      }));
      layers.add(0);
    }
    if (q.has("edges")) {
      edges = new Set(q.get("edges").split(",").filter(function (k) {
        return model.kinds.indexOf(k) >= 0;
      }));
    }
    var z = parseFloat(q.get("z"));
    var c = (q.get("c") || "").split(",").map(Number);
    return { layers: layers, edges: edges, focus: q.get("focus") || "",
      sections: q.get("sections") === "1", view: q.get("view") || "",
      zoom: z > 0 && c.length === 2 && c.every(isFinite) ? { scale: z, x: c[0], y: c[1] } : null };
  }

  function stateQuery(model, state, view, search) {
    var q = new URLSearchParams(search);
    var shown = layerIds(model.data).filter(function (n) { return n && state.layers.has(n); });
    if (shown.length < layerIds(model.data).length - 1) q.set("layers", shown.join(","));
    else q.delete("layers");
    var edges = model.kinds.filter(function (k) { return state.edges.has(k); });
    var defaults = model.kinds.filter(function (k) { return defaultEdges(model).has(k); });
    if (edges.join(",") !== defaults.join(",")) q.set("edges", edges.join(","));
    else q.delete("edges");
    if (state.sections) q.set("sections", "1"); else q.delete("sections");
    if (state.focus) q.set("focus", focusParam(model, state.focus)); else q.delete("focus");
    if (view) {
      q.set("z", view.scale.toFixed(3));
      q.set("c", Math.round(view.x) + "," + Math.round(view.y));
    }
    return q.toString();
  }

  function writeState(model, state, view) {
    var q = stateQuery(model, state, view, location.search);
    var url = location.pathname + (q ? "?" + q : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", url);
    }
  }

  function resolveFocus(model, value) {
    if (!value) return "";
    var merged = model.data.merged || {};
    var id = merged[value] || value;
    var concept = model.data.prefixes[model.k.concept] + value;
    if (model.byId[concept]) return concept;
    if (model.byId[id]) return id;
    var q = norm(value);
    var hit = model.nodes.filter(function (n) { return norm(n.label) === q; })[0];
    return hit ? hit.id : "";
  }

  /* ---------- bands: visible layers stacked without gaps ---------- */

  /* The vertical shift of each layer's band once the hidden layers' bands are taken out. */
  function bandShifts(bands, layers) {
    var shifts = {};
    var removed = 0;
    bands.forEach(function (b, i) {
      shifts[b.layer] = removed;
      if (!layers.has(b.layer)) {
        var next = bands[i + 1];
        removed += (next ? next.top : b.bottom) - b.top;
      }
    });
    return shifts;
  }

  /* ---------- semantic zoom ---------- */

  function isText(model, n) {
    var k = model.k;
    return n.kind === k.concept || n.kind === k.product || n.kind === k.section;
  }

  /* The label and font (canvas units) of a node at a scale; size HIDDEN_FONT hides it. */
  function labelAt(model, n, scale, local) {
    var at = plainLabelAt(model, n, scale, local);
    /* a section with 📘 links the weekly link report found broken or redirected: ⚠ in front */
    return n.link_issues ? { label: "⚠ " + at.label, size: at.size } : at;
  }

  function plainLabelAt(model, n, scale, local) {
    var k = model.k;
    if (!isText(model, n)) return { label: n.wrap || n.label, size: null };
    if (scale >= DETAIL_SCALE) {
      return { label: n.wrap || n.label, size: n.kind === k.section ? SECTION_FONT : DETAIL_FONT };
    }
    var short = n.short || n.wrap || n.label;
    var px = LABEL_PX;
    /* does a short label (≤ 6 em wide, 2 lines) fit its grid cell at this scale? */
    var cell = model.data.cell || { w: 170, h: 84 };
    var fits = cell.w * scale >= 6.5 * px && cell.h * scale >= 2.4 * px;
    if (!fits || (n.kind === k.section && !local && !model.sectionsOn)) {
      return { label: short, size: HIDDEN_FONT };
    }
    return { label: short, size: Math.ceil(px / scale * 100) / 100 };
  }

  /* Whether the sections are shown at a scale (always on a local map; else on request or in
     the detail level). */
  function sectionsShown(state, scale, local) {
    return local || state.sections || scale >= DETAIL_SCALE;
  }

  /* Edges are context: the overview draws none (the focus overlay draws a node's own); the
     detail level, a local map or 「節も表示」 draws every checked kind. */
  function edgeHidden(state, e, scale, local) {
    return !state.edges.has(e.kind) || !(local || state.sections || scale >= DETAIL_SCALE);
  }

  function nodeHidden(model, state, n, scale, local) {
    if (!state.layers.has(n.layer)) return true;
    return n.kind === model.k.section && !sectionsShown(state, scale, local);
  }

  /* The smallest scale at which a short label can be read: used when the fit is smaller. */
  function minReadableScale(model) {
    var cell = model.data.cell || { w: 170, h: 84 };
    return Math.max(6.5 * LABEL_PX / cell.w, 2.4 * LABEL_PX / cell.h);
  }

  /* ---------- focus + context ---------- */

  function neighbourhood(model, id, visibleEdge) {
    var nodes = new Set([id]);
    var edges = [];
    (model.adjacent[id] || []).forEach(function (a) {
      if (!visibleEdge(a.edge)) return;
      nodes.add(a.other);
      edges.push(a.edge.id);
    });
    return { nodes: nodes, edges: edges };
  }

  /* The neighbour (else any visible node) of `from` that lies in the arrow's direction and
     is nearest, weighing the sideways distance double. */
  function stepTarget(candidates, from, dir) {
    var best = null;
    var bestCost = Infinity;
    candidates.forEach(function (c) {
      var dx = c.x - from.x;
      var dy = c.y - from.y;
      var along = dx * dir[0] + dy * dir[1];
      if (along <= 0) return;
      var across = Math.abs(dx * dir[1] - dy * dir[0]);
      if (across > along * 2.5) return;
      var cost = along + 2 * across;
      if (cost < bestCost) { bestCost = cost; best = c; }
    });
    return best;
  }

  /* ---------- ?view=freshness: nodes coloured by the age of their review ---------- */

  var DAY = 86400000;
  /* fresh (< 6 months), aging (< 1 year), old (older, or past its review date: stale),
     unknown (no review date). Colour and border style both tell them apart. */
  var FRESHNESS = {
    fresh: { name: "半年以内に確認", colour: [46, 125, 50], dashes: false },
    aging: { name: "半年〜1年前に確認（破線）", colour: [200, 140, 0], dashes: [6, 3] },
    old: { name: "1年以上前か確認期限切れ（点線・要再確認）", colour: [198, 40, 40], dashes: [2, 3] },
    unknown: { name: "確認日なし", colour: [120, 144, 156], dashes: false }
  };

  function freshnessBucket(node, now) {
    if (node.stale) return "old";
    var t = Date.parse(node.reviewed || "");
    if (!isFinite(t)) return "unknown";
    var days = (now - t) / DAY;
    return days < 183 ? "fresh" : days < 365 ? "aging" : "old";
  }

  function freshnessStyle(bucket, pal) {
    var f = FRESHNESS[bucket];
    var bg = mix(f.colour, pal.bg, pal.dark ? 0.6 : 0.8);
    return { color: { background: rgb(bg), border: rgb(f.colour),
      highlight: { background: rgb(bg), border: rgb(pal.fg) },
      hover: { background: rgb(bg), border: rgb(pal.fg) } },
      borderWidth: 2, shapeProperties: { borderDashes: f.dashes } };
  }

  function freshnessLegend(model, now) {
    var counts = {};
    model.nodes.forEach(function (n) {
      if (n.kind === model.k.layer) return;
      var b = freshnessBucket(n, now);
      counts[b] = (counts[b] || 0) + 1;
    });
    var ul = document.createElement("ul");
    ul.className = "cm-legend cm-legend--freshness";
    ul.setAttribute("aria-label", "確認日の凡例");
    Object.keys(FRESHNESS).forEach(function (b) {
      var li = document.createElement("li");
      var key = document.createElement("span");
      key.className = "cm-key cm-key--freshness";
      key.style.borderColor = rgb(FRESHNESS[b].colour);
      key.style.borderStyle = FRESHNESS[b].dashes ? (b === "old" ? "dotted" : "dashed") : "solid";
      li.appendChild(key);
      li.appendChild(document.createTextNode(FRESHNESS[b].name + "：" + (counts[b] || 0)));
      li.setAttribute("data-bucket", b);
      ul.appendChild(li);
    });
    return ul;
  }

  /* ---------- the map ---------- */

  function build(root, data, vis) {
    var full = root.getAttribute("data-cm-map") === "full";
    var local = !full;
    var canvas = root.querySelector(".cm-map__canvas");
    var pal = palette(data);
    var model = makeModel(data, canvas.clientWidth < canvas.clientHeight);
    model.sectionsOn = false;
    var k = model.k;
    var state = full ? readState(model, location.search)
      : { layers: new Set(layerIds(data)), edges: defaultEdges(model), focus: "", sections: false,
        view: "", zoom: null };
    model.sectionsOn = state.sections;
    /* ?view=freshness: every node's group gets its review bucket (vis-network puts a group's
       colours back on each update of a node, so the colours live in the groups) */
    var freshView = full && state.view === "freshness";
    var openedAt = Date.now();
    function groupOf(n) {
      return n.kind + "-" + n.layer + (freshView && n.kind !== k.layer ? "-" + freshnessBucket(n, openedAt) : "");
    }
    function allGroups() {
      var base = groups(data, pal);
      if (!freshView) return base;
      var out = Object.assign({}, base);
      Object.keys(base).forEach(function (g) {
        Object.keys(FRESHNESS).forEach(function (b) {
          out[g + "-" + b] = Object.assign({}, base[g], freshnessStyle(b, pal),
            { shapeProperties: Object.assign({}, base[g].shapeProperties, freshnessStyle(b, pal).shapeProperties) });
        });
      });
      return out;
    }
    var hover = "";
    var current = { scale: 0, shifts: bandShifts(model.bands, state.layers) };

    /* An edge of the focus' context: its kind is checked and both ends' layers are shown
       (an end hidden by semantic zoom, a section in the overview, is drawn with it). */
    function visibleEdge(e) {
      return state.edges.has(e.kind) && state.layers.has(model.byId[e.from].layer) &&
        state.layers.has(model.byId[e.to].layer);
    }

    var nodes = new vis.DataSet(model.nodes.map(function (n) {
      var at = labelAt(model, n, 0.5, local);
      var item = { id: n.id, label: at.label, group: groupOf(n),
        x: n.x, y: n.y - current.shifts[n.layer], kind: n.kind, layer: n.layer,
        hidden: nodeHidden(model, state, n, 0.5, local) };
      if (at.size) item.font = { size: at.size };
      return item;
    }));
    var edges = new vis.DataSet(model.edges.map(function (e) {
      return Object.assign(edgeStyle(data, e.kind, pal, (model.byId[e.to] || {}).layer),
        { id: e.id, from: e.from, to: e.to, kind: e.kind, hidden: edgeHidden(state, e, 0.5, local) });
    }));
    performance.mark("cm:data");
    var options = Object.assign({}, data.options || {});
    options.groups = allGroups();
    options.edges = Object.assign({}, options.edges || {}, edgeDefaults(pal));
    options.nodes = Object.assign({}, options.nodes || {},
      { scaling: { label: { drawThreshold: DRAW_THRESHOLD, maxVisible: 36 } } });
    options.interaction = Object.assign({}, options.interaction || {}, { zoomView: true });
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options);
    var status = root.querySelector(".cm-map__status");
    var panel = full ? document.querySelector(".cm-panel") : null;
    /* vis-network's own frame takes a tab stop of its own, next to our canvas': drop it */
    canvas.querySelectorAll(".vis-network").forEach(function (el) { el.tabIndex = -1; });

    /* --- ?view=freshness --- */
    if (freshView) {
      var now = Date.now();
      var legend = freshnessLegend(model, now);
      var heading = document.createElement("p");
      heading.className = "cm-map__view";
      heading.textContent = "表示: 確認日の新しさ（色と枠線で区別）。";
      var back = document.createElement("a");
      back.href = location.pathname;
      back.textContent = "層の色に戻す";
      heading.appendChild(back);
      canvas.parentNode.parentNode.insertBefore(heading, canvas.parentNode);
      canvas.parentNode.parentNode.insertBefore(legend, canvas.parentNode);
      root.setAttribute("data-cm-view", "freshness");
    }

    /* --- bands --- */
    network.on("beforeDrawing", function (ctx) {
      model.bands.forEach(function (b) {
        if (!state.layers.has(b.layer)) return;
        var c = pal.layer[b.layer] || pal.fg;
        var shift = current.shifts[b.layer];
        ctx.fillStyle = rgb(c, pal.dark ? 0.16 : 0.08);
        ctx.fillRect(model.extent.left, b.top - shift, model.extent.right - model.extent.left,
          b.bottom - b.top);
      });
    });

    /* --- focus + context: a veil over the frame, then the neighbourhood drawn again --- */
    function focusId() {
      return hover || network.getSelectedNodes()[0] || "";
    }
    network.on("afterDrawing", function (ctx) {
      var id = focusId();
      if (!id || !nodes.get(id) || !state.layers.has(model.byId[id].layer)) {
        root.removeAttribute("data-cm-dimmed");
        return;
      }
      var near = neighbourhood(model, id, visibleEdge);
      var tl = network.DOMtoCanvas({ x: 0, y: 0 });
      var br = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
      ctx.fillStyle = rgb(pal.bg, 0.78);
      ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
      var body = network.body;
      var scale = network.getScale();
      near.edges.forEach(function (eid) { drawEdge(ctx, edgeById[eid], scale); });
      near.nodes.forEach(function (nid) {
        var drawn = body.nodes[nid];
        if (!drawn) return;
        drawn.draw(ctx);
        if (drawn.labelModule.fontOptions.size * scale < DRAW_THRESHOLD) {
          drawLabel(ctx, model.byId[nid], drawn, scale);
        }
      });
      root.setAttribute("data-cm-dimmed", String(near.nodes.size));
    });

    var edgeById = {};
    model.edges.forEach(function (e) { edgeById[e.id] = e; });

    /* Where the segment from (x0, y0) to a node's centre meets the node's box. */
    function boxPoint(drawn, x0, y0) {
      var dx = x0 - drawn.x;
      var dy = y0 - drawn.y;
      var w = (drawn.shape.width || 10) / 2;
      var h = (drawn.shape.height || 10) / 2;
      var t = Math.min(Math.abs(dx) > 1e-6 ? w / Math.abs(dx) : Infinity,
        Math.abs(dy) > 1e-6 ? h / Math.abs(dy) : Infinity, 1);
      return { x: drawn.x + dx * t, y: drawn.y + dy * t };
    }

    /* An edge of the focused node, drawn over the veil (vis-network draws none in the
       overview): a line in the kind's style with an arrowhead at the target's box. */
    function drawEdge(ctx, e, scale) {
      var from = network.body.nodes[e.from];
      var to = network.body.nodes[e.to];
      if (!from || !to) return;
      var style = edgeStyle(data, e.kind, pal, model.byId[e.to].layer);
      var a = boxPoint(from, to.x, to.y);
      var b = boxPoint(to, from.x, from.y);
      var width = Math.max(style.width || 1.2, 1.5) / Math.min(scale, 1);
      var colour = typeof style.color === "string" ? style.color : rgb(pal.fg, 0.7);
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = width;
      if (style.dashes) ctx.setLineDash(style.dashes.map(function (d) { return d / Math.min(scale, 1); }));
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
      ctx.setLineDash([]);
      if (!style.arrows) {
        var angle = Math.atan2(b.y - a.y, b.x - a.x);
        var size = 9 / Math.min(scale, 1);
        ctx.beginPath();
        ctx.moveTo(b.x, b.y);
        ctx.lineTo(b.x - size * Math.cos(angle - 0.4), b.y - size * Math.sin(angle - 0.4));
        ctx.lineTo(b.x - size * Math.cos(angle + 0.4), b.y - size * Math.sin(angle + 0.4));
        ctx.closePath();
        ctx.fill();
      }
      ctx.restore();
    }

    /* A label vis-network does not draw (semantic zoom hid it), at LABEL_PX below the node. */
    function drawLabel(ctx, n, drawn, scale) {
      var size = LABEL_PX / scale;
      var lines = (n.short || n.wrap || n.label).split("\n");
      ctx.font = size + "px " + pal.font;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = rgb(pal.bg);
      ctx.fillStyle = rgb(pal.fg);
      var y = drawn.y + (drawn.shape.height || 0) / 2 + 2 / scale;
      lines.forEach(function (line, i) {
        ctx.strokeText(line, drawn.x, y + i * size * 1.2);
        ctx.fillText(line, drawn.x, y + i * size * 1.2);
      });
    }

    /* --- semantic zoom: labels and sections follow the scale --- */
    function applyLevel(force) {
      var scale = network.getScale();
      var detail = scale >= DETAIL_SCALE;
      var prev = current.scale;
      var sameLevel = prev && (prev >= DETAIL_SCALE) === detail &&
        Math.abs(scale / prev - 1) < 0.06;
      if (sameLevel && !force) return;
      current.scale = scale;
      var updates = [];
      model.nodes.forEach(function (n) {
        var item = nodes.get(n.id);
        var hidden = nodeHidden(model, state, n, scale, local);
        var at = labelAt(model, n, scale, local);
        var change = { id: n.id };
        var changed = false;
        if (item.hidden !== hidden) { change.hidden = hidden; changed = true; }
        if (at.size && (item.label !== at.label || !item.font || item.font.size !== at.size)) {
          change.label = at.label;
          change.font = { size: at.size };
          changed = true;
        }
        if (changed) updates.push(change);
      });
      if (updates.length) nodes.update(updates);
      var edgeUpdates = model.edges.filter(function (e) {
        return edges.get(e.id).hidden !== edgeHidden(state, e, scale, local);
      }).map(function (e) { return { id: e.id, hidden: edgeHidden(state, e, scale, local) }; });
      if (edgeUpdates.length) edges.update(edgeUpdates);
      root.setAttribute("data-cm-level", detail ? "detail" : "overview");
    }

    /* --- panel (full map) / status line (local map) --- */
    function neighbourGroups(id) {
      var out = {};
      (model.adjacent[id] || []).forEach(function (a) {
        var key = a.edge.kind + (a.out ? ">" : "<");
        (out[key] = out[key] || []).push(a.other);
      });
      return out;
    }

    function relationName(kind, out) {
      var r = data.roles;
      if (kind === r.define) return out ? "✅ 定義している層" : "✅ この層で定義する概念";
      if (kind === r.use) return out ? "🔧 使われる層" : "🔧 この層で使う概念";
      if (kind === r.reference) return out ? "参照先（他の層）" : "参照元（他の層）";
      if (kind === r.explains) return out ? "解説している概念" : "解説している節";
      if (kind === r.contains) return out ? "含む" : "含まれる";
      return (data.edgeKinds || {})[kind] || kind;
    }

    function nodeLink(id) {
      var n = model.byId[id];
      var a = document.createElement("a");
      a.href = "?focus=" + encodeURIComponent(focusParam(model, id));
      a.textContent = n.label;
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        select(id, { move: true });
      });
      return a;
    }

    function fillPanel(n) {
      if (!panel) return;
      panel.querySelector(".cm-panel__title").textContent = n.label;
      panel.querySelector(".cm-panel__meta").textContent =
        layerText(data, n) + "・" + kindName(data, n.kind) +
        (n.reviewed ? "・最終確認 " + n.reviewed : "") + (n.stale ? "（要再確認）" : "") +
        (n.link_issues ? "・⚠ リンク切れか転送のある公式リンク " + n.link_issues + " 件" : "");
      var summary = panel.querySelector(".cm-panel__summary");
      summary.textContent = n.summary || "";
      summary.hidden = !n.summary;
      var open = panel.querySelector(".cm-panel__open");
      open.hidden = !n.url;
      if (n.url) {
        open.href = siteUrl(n.url);
        open.textContent = n.kind === k.layer || n.kind === k.page ? "この章を開く" : "この節を開く";
      }
      var list = panel.querySelector(".cm-panel__links");
      list.textContent = "";
      var grouped = neighbourGroups(n.id);
      Object.keys(grouped).sort().forEach(function (key) {
        var dt = document.createElement("dt");
        dt.textContent = relationName(key.slice(0, -1), key.slice(-1) === ">") +
          "（" + grouped[key].length + "）";
        var dd = document.createElement("dd");
        var ul = document.createElement("ul");
        grouped[key].forEach(function (id) {
          var li = document.createElement("li");
          li.appendChild(nodeLink(id));
          ul.appendChild(li);
        });
        dd.appendChild(ul);
        list.appendChild(dt);
        list.appendChild(dd);
      });
      panel.hidden = false;
      root.classList.add("cm-map--panel");
    }

    function showStatus(n) {
      if (!status) return;
      status.textContent = "";
      if (!n) return;
      var strong = document.createElement("strong");
      strong.textContent = n.label;
      status.appendChild(strong);
      status.appendChild(document.createTextNode("（" + layerText(data, n) + "・" +
        kindName(data, n.kind) + "）" + (n.summary ? " " + n.summary : "") + " "));
      if (n.url) {
        var a = document.createElement("a");
        a.href = siteUrl(n.url);
        a.textContent = n.kind === k.layer || n.kind === k.page ? "この章を開く" : "この節を開く";
        status.appendChild(a);
      }
    }

    function clearPanel() {
      if (panel) panel.hidden = true;
      root.classList.remove("cm-map--panel");
      showStatus(null);
    }

    /* --- selection --- */
    function ensureVisible(n) {
      var changed = false;
      if (!state.layers.has(n.layer)) { state.layers.add(n.layer); changed = true; }
      if (changed) applyFilters(false);
    }

    function select(id, how) {
      var n = model.byId[id];
      if (!n) return false;
      ensureVisible(n);
      if (n.kind === k.section && nodes.get(id).hidden) {
        network.moveTo({ scale: DETAIL_SCALE, animation: false });
        applyLevel(true);
      }
      network.selectNodes([id]);
      state.focus = id;
      fillPanel(n);
      showStatus(n);
      if (how && how.move) {
        var p = network.getPositions([id])[id];
        network.moveTo({ position: p, scale: Math.max(network.getScale(), how.scale || 0),
          animation: animation(350) });
      } else {
        keepClearOfPanel(id);
      }
      network.redraw();
      if (full) writeState(model, state, viewNow());
      return true;
    }

    /* The panel covers the right of the canvas (a phone: its bottom): bring a node it hides
       into the free part. */
    function keepClearOfPanel(id) {
      if (!panel || panel.hidden) return;
      var at = network.canvasToDOM(network.getPositions([id])[id]);
      var view = network.getViewPosition();
      if (getComputedStyle(panel).position === "fixed") {  /* a bottom sheet (phones) */
        var above = canvas.clientHeight - panel.offsetHeight;
        if (at.y < above - 40) return;
        network.moveTo({ position: { x: view.x, y: view.y + (at.y - above / 2) / network.getScale() },
          animation: animation(250) });
        return;
      }
      if (getComputedStyle(panel).position !== "absolute") return;
      var free = canvas.clientWidth - panel.offsetWidth - 24;
      if (at.x < free - 40) return;
      var dx = (at.x - free / 2) / network.getScale();
      network.moveTo({ position: { x: view.x + dx, y: view.y }, animation: animation(250) });
    }

    function clearSelection() {
      network.unselectAll();
      state.focus = "";
      clearPanel();
      network.redraw();
      if (full) writeState(model, state, viewNow());
    }

    function openNode(id) {
      var n = model.byId[id];
      if (!n) return;
      if (full) writeState(model, state, viewNow());
      if (n.url) navigate(n.url);
    }

    /* --- view --- */
    function viewNow() {
      var p = network.getViewPosition();
      return { scale: network.getScale(), x: p.x, y: p.y };
    }
    var saveTimer = 0;
    function saveSoon() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(function () { writeState(model, state, viewNow()); }, 200);
    }

    function visibleIds() {
      return nodes.getIds({ filter: function (n) { return !n.hidden; } });
    }

    /* The view that shows the visible nodes whole (from their positions, not from what
       vis-network last drew: the bands may just have moved). */
    function fitView() {
      var items = nodes.get({ filter: function (n) { return !n.hidden; } });
      if (!items.length) return viewNow();
      var cell = data.cell || { w: 170, h: 84 };
      var box = items.reduce(function (b, n) {
        /* a band node's label: up to 13 em of BAND_FONT, plus its margin */
        var half = n.kind === k.layer || n.kind === k.page ? 13 * BAND_FONT / 2 + 14 : cell.w / 2;
        return { left: Math.min(b.left, n.x - half), right: Math.max(b.right, n.x + half),
          top: Math.min(b.top, n.y - cell.h / 2), bottom: Math.max(b.bottom, n.y + cell.h / 2) };
      }, { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity });
      var scale = Math.min(canvas.clientWidth / (box.right - box.left),
        canvas.clientHeight / (box.bottom - box.top), DETAIL_SCALE * 0.99);
      var view = { scale: scale, x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      var min = minReadableScale(model) * 1.02;
      if (scale < min) {  /* too much to read at once: the top of it (layer 5) first */
        view = { scale: min, x: Math.max(view.x - (box.right - box.left) / 2 + canvas.clientWidth / 2 / min,
          box.left + canvas.clientWidth / 2 / min), y: box.top + canvas.clientHeight / 2 / min };
      }
      return view;
    }

    /* Fit what is visible; never below the scale at which the short labels can be read. */
    function fitVisible(animate) {
      var view = fitView();
      var anim = animate ? animation(300) : false;
      network.moveTo({ scale: view.scale, position: { x: view.x, y: view.y }, animation: anim });
      if (!anim) applyLevel(true);
    }

    /* --- filters --- */
    function syncControls() {
      root.querySelectorAll("input[data-cm-layer]").forEach(function (box) {
        box.checked = state.layers.has(Number(box.getAttribute("data-cm-layer")));
      });
      root.querySelectorAll("input[data-cm-edge]").forEach(function (box) {
        box.checked = state.edges.has(box.getAttribute("data-cm-edge"));
      });
      root.querySelectorAll("input[data-cm-sections]").forEach(function (box) {
        box.checked = state.sections;
      });
    }

    function applyFilters(refit) {
      current.shifts = bandShifts(model.bands, state.layers);
      model.sectionsOn = state.sections;
      var scale = network.getScale();
      nodes.update(model.nodes.map(function (n) {
        return { id: n.id, y: n.y - current.shifts[n.layer],
          hidden: nodeHidden(model, state, n, scale, local) };
      }));
      edges.update(model.edges.map(function (e) {
        return { id: e.id, hidden: edgeHidden(state, e, scale, local) };
      }));
      syncControls();
      if (refit) fitVisible(true);
      else applyLevel(true);
      if (full) writeState(model, state, null);
    }

    /* --- events --- */
    var titled = {};
    network.on("hoverNode", function (params) {
      var n = model.byId[params.node];
      if (n && !titled[n.id]) {  /* tooltips are built on first hover */
        titled[n.id] = true;
        nodes.update({ id: n.id, title: tooltipFor(data, n) });
      }
      hover = params.node;
      network.redraw();
    });
    network.on("blurNode", function () {
      hover = "";
      network.redraw();
    });
    network.on("click", function (params) {
      if (params.nodes.length) select(params.nodes[0]);
      else if (!params.edges.length) clearSelection();
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) openNode(params.nodes[0]);
    });
    network.on("zoom", function () { applyLevel(false); if (full) saveSoon(); });
    network.on("dragEnd", function () { if (full) saveSoon(); });
    network.on("animationFinished", function () { applyLevel(false); if (full) saveSoon(); });

    root.querySelectorAll("input[data-cm-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        var n = Number(box.getAttribute("data-cm-layer"));
        if (box.checked) state.layers.add(n); else state.layers.delete(n);
        applyFilters(true);
      });
    });
    root.querySelectorAll("input[data-cm-edge]").forEach(function (box) {
      box.addEventListener("change", function () {
        var kind = box.getAttribute("data-cm-edge");
        if (box.checked) state.edges.add(kind); else state.edges.delete(kind);
        applyFilters(false);
      });
    });
    root.querySelectorAll("input[data-cm-sections]").forEach(function (box) {
      box.addEventListener("change", function () {
        state.sections = box.checked;
        applyFilters(true);
      });
    });

    function zoom(how) {
      if (how === "fit") { fitVisible(true); return; }
      var scale = Math.min(MAX_SCALE, network.getScale() * (how === "in" ? 1.4 : 1 / 1.4));
      var anim = animation(200);
      network.moveTo({ scale: scale, animation: anim });
      if (!anim) applyLevel(false);
    }
    root.querySelectorAll("button[data-cm-zoom]").forEach(function (btn) {
      btn.addEventListener("click", function () { zoom(btn.getAttribute("data-cm-zoom")); });
    });
    if (panel) {
      panel.querySelector(".cm-panel__close").addEventListener("click", function () {
        clearSelection();
        canvas.focus();
      });
      /* Esc anywhere in the panel closes it, as on the canvas, and the focus goes back there. */
      panel.addEventListener("keydown", function (ev) {
        if (ev.key !== "Escape" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        ev.preventDefault();
        clearSelection();
        canvas.focus();
      });
    }

    /* Wheel on a local map scrolls the page, unless the map has the focus or Ctrl is held
       (the event is stopped before it reaches vis-network's frame). */
    if (local) {
      canvas.addEventListener("wheel", function (ev) {
        if (!ev.ctrlKey && document.activeElement !== canvas) ev.stopPropagation();
      }, { capture: true });
    }

    /* Keyboard: the canvas takes focus. With a node selected, arrows step to the neighbour in
       that direction (else the nearest node there), Enter opens it, Esc clears; with none,
       arrows pan and Enter selects the node nearest the centre. + / - zoom, 0 fits. */
    var DIRS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    var hint = document.createElement("span");
    hint.className = "cm-visually-hidden";
    hint.id = "cm-keys-" + active.length;
    hint.textContent = "キーボード操作: ノードを選んでいないときは矢印キーで地図を移動、" +
      "Enter で中央のノードを選択。選んでいるときは矢印キーでその方向の隣のノードへ移動、" +
      "Enter でそのページを開き、Esc で選択を解除。+ と - で拡大・縮小、0 で全体表示。";
    canvas.parentNode.insertBefore(hint, canvas.nextSibling);
    /* The map's text version (#text-version, further down the page, which may not be parsed
       yet), one Tab away from the canvas; shown while it has the focus. */
    if (full) {
      var skip = document.createElement("a");
      skip.className = "cm-map__skip";
      skip.href = "#text-version";
      skip.textContent = "テキスト版（一覧表）へ移動";
      hint.parentNode.insertBefore(skip, hint.nextSibling);
    }
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "application");
    canvas.setAttribute("aria-roledescription", "概念マップ");
    canvas.setAttribute("aria-describedby", hint.id);

    function drawnPositions(ids) {
      var pos = network.getPositions(ids);
      return ids.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; });
    }

    function step(dir) {
      var id = network.getSelectedNodes()[0];
      var from = drawnPositions([id])[0];
      var near = Array.from(neighbourhood(model, id, visibleEdge).nodes).filter(function (n) {
        return n !== id;
      });
      var target = stepTarget(drawnPositions(near), from, dir) ||
        stepTarget(drawnPositions(visibleIds().filter(function (n) { return n !== id; })), from, dir);
      if (target) select(target.id, { move: true });
    }

    function nearestToCentre() {
      var c = network.getViewPosition();
      var best = null;
      drawnPositions(visibleIds()).forEach(function (p) {
        var d = Math.hypot(p.x - c.x, p.y - c.y);
        if (!best || d < best.d) best = { id: p.id, d: d };
      });
      return best && best.id;
    }

    canvas.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var dir = DIRS[ev.key];
      var selected = network.getSelectedNodes()[0];
      if (dir && selected) {
        step(dir);
      } else if (dir) {
        var at = network.getViewPosition();
        var dist = Math.min(canvas.clientWidth, canvas.clientHeight) * 0.2 / network.getScale();
        network.moveTo({ position: { x: at.x + dir[0] * dist, y: at.y + dir[1] * dist },
          animation: animation(120) });
      } else if (ev.key === "+" || ev.key === "=") {
        zoom("in");
      } else if (ev.key === "-" || ev.key === "_") {
        zoom("out");
      } else if (ev.key === "0") {
        zoom("fit");
      } else if (ev.key === "Enter") {
        if (selected) openNode(selected);
        else if (nearestToCentre()) select(nearestToCentre());
      } else if (ev.key === "Escape" && selected) {
        clearSelection();
      } else {
        return;
      }
      ev.preventDefault();
    });

    /* --- search --- */
    var search = root.querySelector("input.cm-map__search");
    var results = root.querySelector(".cm-map__results");
    function matches(text) {
      var q = norm(text);
      if (!q) return [];
      var rank = {};
      rank[k.concept] = 0; rank[k.product] = 0; rank[k.section] = 1; rank[k.page] = 1; rank[k.layer] = 2;
      var prefix = data.prefixes[k.concept];
      return model.nodes.map(function (n) {
        var label = norm(n.label);
        var slug = n.id.indexOf(prefix) === 0 ? norm(n.id.slice(prefix.length)) : "";
        var at = label.indexOf(q);
        if (at < 0 && slug.indexOf(q) < 0) return null;
        var exact = label === q || slug === q ? 0 : (at === 0 || slug.indexOf(q) === 0 ? 1 : 2);
        return { n: n, score: [exact, rank[n.kind] || 0, label.length] };
      }).filter(Boolean).sort(function (a, b) {
        for (var i = 0; i < 3; i++) if (a.score[i] !== b.score[i]) return a.score[i] - b.score[i];
        return a.n.id < b.n.id ? -1 : 1;
      }).slice(0, 8).map(function (m) { return m.n; });
    }
    function showResults(list) {
      if (!results) return;
      results.textContent = "";
      list.forEach(function (n) {
        var li = document.createElement("li");
        var btn = document.createElement("button");
        btn.type = "button";
        btn.setAttribute("data-id", n.id);
        btn.textContent = n.label;
        var small = document.createElement("small");
        small.textContent = " " + layerText(data, n) + "・" + kindName(data, n.kind);
        btn.appendChild(small);
        btn.addEventListener("click", function () {
          select(n.id, { move: true, scale: DETAIL_SCALE });
          showResults([]);
        });
        li.appendChild(btn);
        results.appendChild(li);
      });
      results.hidden = list.length === 0;
    }
    if (search) {
      search.addEventListener("input", function () { showResults(matches(search.value)); });
      search.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          ev.preventDefault();
          var first = matches(search.value)[0];
          if (first) { select(first.id, { move: true, scale: DETAIL_SCALE }); showResults([]); }
          else if (status) status.textContent = "「" + search.value + "」は見つかりませんでした。";
        } else if (ev.key === "Escape") {
          showResults([]);
        }
      });
    }

    /* --- the opening view: the URL's view, else its focus, else the overview --- */
    syncControls();
    fitVisible(false);
    var focusAt = resolveFocus(model, state.focus);
    state.focus = "";
    if (state.zoom) {
      network.moveTo({ scale: Math.min(MAX_SCALE, state.zoom.scale),
        position: { x: state.zoom.x, y: state.zoom.y }, animation: false });
      applyLevel(true);
      if (focusAt) select(focusAt);
    } else if (focusAt && (model.byId[focusAt].kind === k.layer || model.byId[focusAt].kind === k.page)) {
      select(focusAt);  /* a band: the overview, with its chapter in the panel */
      if (full) root.scrollIntoView({ block: "start" });
    } else if (focusAt) {
      select(focusAt, { move: true, scale: Math.max(DETAIL_SCALE, 1.2) });
      network.moveTo({ position: network.getPositions([focusAt])[focusAt],
        scale: Math.max(network.getScale(), DETAIL_SCALE * 1.1), animation: false });
      applyLevel(true);
      if (full) root.scrollIntoView({ block: "start" });
    }

    /* Material sets the palette attributes on <body> once its bundle runs, usually to the
       values already in effect: redraw only when the colours really changed. */
    function restyle() {
      var next = palette(data);
      if (JSON.stringify(next) === JSON.stringify(pal)) return;
      pal = next;
      network.setOptions({ groups: allGroups(), edges: edgeDefaults(pal) });
      nodes.update(model.nodes.map(function (n) { return { id: n.id, group: groupOf(n) }; }));
      edges.update(model.edges.map(function (e) {
        return Object.assign(edgeStyle(data, e.kind, pal, (model.byId[e.to] || {}).layer), { id: e.id });
      }));
    }
    var observer = new MutationObserver(function () { restyle(); });
    observer.observe(document.body, { attributes: true,
      attributeFilter: ["data-md-color-scheme", "data-md-color-media"] });

    network.once("afterDrawing", function () {
      performance.mark("cm:ready");
      root.setAttribute("data-cm-state", "ready");
      if (full || !window.conceptMap || !document.body.contains(window.conceptMap.__cmRoot)) {
        window.conceptMap = network;
      }
      window.conceptMapReadyAt = performance.now();
      root.dispatchEvent(new CustomEvent("conceptmap:ready", { bubbles: true }));
    });
    network.__cmRoot = root;
    network.__cm = { freshness: function (n) { return freshnessBucket(n, Date.now()); }, select: select, clear: clearSelection, level: function () { return current.scale; },
      relevel: function () { applyLevel(true); },
      model: model, state: state };
    active.push({ root: root, network: network, observer: observer });
    return network;
  }

  function render(root) {
    if (root.getAttribute("data-cm-state")) return;
    var island = root.querySelector("template.cm-map-data, script.cm-map-data");
    /* still being parsed: the inline init() call after it (or DOMContentLoaded) comes later */
    if (!island || (document.readyState === "loading" && !island.nextElementSibling)) return;
    root.setAttribute("data-cm-state", "loading");
    root.classList.add("cm-map--js");
    var data;
    try {
      data = JSON.parse(island.content ? island.content.textContent : island.textContent);
    } catch (err) {
      root.setAttribute("data-cm-state", "error");
      return;
    }
    var src = new URL(data.vis, ROOT).href;
    performance.mark("cm:start");
    Promise.all([loadVis(src), stylesLoaded()]).then(function (loaded) {
      performance.mark("cm:vis");
      if (root.getAttribute("data-cm-map") === "full" && phoneList(root, data, function () {
        return build(root, data, loaded[0]);
      })) return;
      build(root, data, loaded[0]);
      performance.mark("cm:network");
    }).catch(function (err) {
      root.setAttribute("data-cm-state", "error");
      var status = root.querySelector(".cm-map__status");
      if (status) status.textContent = "概念マップを表示できませんでした（" + err.message + "）。";
      if (window.console) console.error(err);
    });
  }

  /* ---------- phones: a list by layer first, the canvas full-screen on request ---------- */

  function listItem(data, n, onPick) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.textContent = n.label;
    a.href = n.url ? siteUrl(n.url) : "#";
    li.appendChild(a);
    if (n.summary) {
      var small = document.createElement("small");
      small.textContent = " — " + n.summary;
      li.appendChild(small);
    }
    var show = document.createElement("button");
    show.type = "button";
    show.className = "cm-map__show";
    show.textContent = "地図で見る";
    show.setAttribute("aria-label", n.label + " を地図で見る");
    show.addEventListener("click", function () { onPick(n.id); });
    li.appendChild(document.createTextNode(" "));
    li.appendChild(show);
    return li;
  }

  /* The list (concepts and chapters, by layer); the search box filters it. */
  function buildList(root, data, onPick) {
    var list = root.querySelector(".cm-map__list");
    var k = data.kinds;
    var layers = Object.keys(data.layers).map(Number).sort(function (a, b) { return b - a; });
    list.textContent = "";
    layers.forEach(function (layer) {
      var items = data.nodes.filter(function (n) {
        return n.layer === layer && n.kind !== k.section;
      });
      var details = document.createElement("details");
      details.open = true;
      details.setAttribute("data-layer", String(layer));
      var summary = document.createElement("summary");
      summary.textContent = "第" + layer + "層 " + data.layers[String(layer)] + "（" + items.length + "）";
      details.appendChild(summary);
      var ul = document.createElement("ul");
      items.forEach(function (n) {
        var li = listItem(data, n, onPick);
        li.setAttribute("data-key", norm(n.label + " " + n.id));
        ul.appendChild(li);
      });
      details.appendChild(ul);
      list.appendChild(details);
    });
    var search = root.querySelector("input.cm-map__search");
    if (search) {
      search.addEventListener("input", function () {
        var q = norm(search.value);
        list.querySelectorAll("li[data-key]").forEach(function (li) {
          li.hidden = q !== "" && li.getAttribute("data-key").indexOf(q) < 0;
        });
      });
    }
  }

  function phoneList(root, data, buildMap) {
    if (!window.matchMedia || !window.matchMedia("(max-width: 44.9375em)").matches) return false;
    var network = null;
    var button = root.querySelector(".cm-map__fullscreen");
    function open(focus) {
      root.classList.add("cm-map--fullscreen");
      button.setAttribute("aria-pressed", "true");
      button.textContent = "一覧に戻る";
      if (!network) network = buildMap();
      else network.fit({ animation: false });
      if (focus) network.__cm.select(focus, { move: true, scale: 1.2 });
      root.querySelector(".cm-map__canvas").focus();
    }
    function close() {
      root.classList.remove("cm-map--fullscreen");
      button.setAttribute("aria-pressed", "false");
      button.textContent = "地図を全画面で開く";
      button.focus();
    }
    button.addEventListener("click", function () {
      if (root.classList.contains("cm-map--fullscreen")) close(); else open("");
    });
    root.addEventListener("keydown", function (ev) {
      /* not the Esc that just cleared a selection (the canvas or the panel took it) */
      if (ev.key === "Escape" && !ev.defaultPrevented && root.classList.contains("cm-map--fullscreen") &&
          !(network && network.getSelectedNodes().length)) close();
    });
    buildList(root, data, open);
    root.setAttribute("data-cm-state", "list");
    root.dispatchEvent(new CustomEvent("conceptmap:list", { bubbles: true }));
    return true;
  }

  /* The theme colours and the canvas size come from the stylesheets: wait for them. */
  function stylesLoaded() {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="stylesheet"]'));
    return Promise.all(links.filter(function (l) { return !l.sheet; }).map(function (l) {
      return new Promise(function (resolve) {
        l.addEventListener("load", resolve);
        l.addEventListener("error", resolve);
      });
    }));
  }

  function init() {
    active = active.filter(function (entry) {
      if (document.documentElement.contains(entry.root)) return true;
      entry.observer.disconnect();
      entry.network.destroy();
      if (window.conceptMap === entry.network) window.conceptMap = undefined;
      return false;
    });
    document.querySelectorAll(".cm-map[data-cm-map]").forEach(render);
  }

  var attached = false;
  function attach() {
    if (!attached && window.document$ && typeof window.document$.subscribe === "function") {
      attached = true;
      window.document$.subscribe(init);
    }
  }
  window.__conceptMapScript = { attach: attach, init: init };

  /* Render what is already parsed, again on DOMContentLoaded (render is idempotent), and on
     every page Material's instant navigation swaps in. */
  init();
  attach();
  document.addEventListener("DOMContentLoaded", function () {
    init();
    attach();
  });
})();

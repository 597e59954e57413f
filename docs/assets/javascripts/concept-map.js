//# allFunctionsCalledOnLoad
/* 概念マップ: renders every .cm-map[data-cm-map] container of the page with vis-network.
 *
 * Data: a <template class="cm-map-data"> holding JSON, written at build time by
 * graph/render.py (nodes with fixed band positions, edges, bands, options, and the
 * site-relative path of the self-hosted vis-network). On the map page a parser-blocking
 * <script> right before the data has already run vis-network; a chapter's local map has a
 * <link rel="preload"> of it, and loadVis() below adds the script.
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
  var VIS_FALLBACK = "assets/vendor/vis-network/9.1.2/vis-network.min.js";
  var LAYER_IDS = [0, 1, 2, 3, 4, 5];
  var visPromises = {};
  var active = [];

  /* ---------- helpers ---------- */

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

  /* Colours of the current theme (Material light "default" or dark "slate"). */
  function palette() {
    var body = document.body;
    var cs = getComputedStyle(body);
    var bg = parseRgb(cs.backgroundColor) || [255, 255, 255];
    var dark = (0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]) < 128;
    var fg = dark ? [226, 228, 233] : [33, 33, 33];
    var root = getComputedStyle(document.documentElement);
    var defaults = ["#78909c", "#6d4c41", "#1e88e5", "#8e24aa", "#2e7d32", "#ef6c00"];
    var layer = LAYER_IDS.map(function (n) {
      return parseRgb(root.getPropertyValue("--cm-layer-" + n)) || parseRgb(defaults[n]);
    });
    /* Labels use the site's font stack: it matches the text around the map, and naming a
       Japanese font up front spares the canvas a slow per-glyph fallback search. */
    var font = cs.fontFamily || "sans-serif";
    return { dark: dark, bg: bg, fg: fg, layer: layer, font: font };
  }

  function groups(pal) {
    var out = {};
    var white = [255, 255, 255];
    LAYER_IDS.forEach(function (n) {
      var c = pal.dark ? mix(pal.layer[n], white, 0.2) : pal.layer[n];  /* contrast on slate */
      var solid = { background: rgb(c), border: rgb(c),
        highlight: { background: rgb(c), border: rgb(pal.fg) },
        hover: { background: rgb(c), border: rgb(pal.fg) } };
      var tint = mix(c, pal.bg, pal.dark ? 0.72 : 0.86);
      var labelFont = { color: rgb(pal.fg), size: 13, face: pal.font, strokeWidth: 3,
        strokeColor: rgb(pal.bg) };
      out["layer-" + n] = { shape: "box", color: solid, margin: 14, borderWidth: 2,
        font: { color: rgb(white), size: 30, face: pal.font } };
      out["page-" + n] = { shape: "box", color: solid, margin: 8, borderWidth: 2,
        font: { color: rgb(white), size: 20, face: pal.font } };
      out["section-" + n] = { shape: "box", margin: 6, borderWidth: 1,
        shapeProperties: { borderRadius: 3 },
        color: { background: rgb(tint), border: rgb(c),
          highlight: { background: rgb(tint), border: rgb(pal.fg) },
          hover: { background: rgb(tint), border: rgb(pal.fg) } },
        font: { color: rgb(pal.fg), size: 13, face: pal.font } };
      out["concept-" + n] = { shape: "dot", size: 9, color: solid, borderWidth: 2, font: labelFont };
      out["product-" + n] = { shape: "diamond", size: 9, color: solid, borderWidth: 2,
        font: labelFont };
    });
    return out;
  }

  /* Shared edge style (vis options.edges) and the per-kind differences (kept small: they are
     parsed once per edge). */
  function edgeDefaults(pal) {
    return { color: { color: rgb(pal.fg, 0.55), highlight: rgb(pal.fg), hover: rgb(pal.fg),
      inherit: false }, width: 1.2, dashes: false };
  }

  function edgeStyle(kind, pal, layer) {
    if (kind === "define") {  /* redundant with the band colour: keep it light */
      return { color: rgb(pal.layer[layer] || pal.fg, 0.4) };
    }
    if (kind === "use") return { dashes: [6, 5] };
    if (kind === "reference") return { color: "rgba(216,27,96,0.85)", width: 2.2 };
    if (kind === "explains") return { dashes: [2, 4], color: rgb(pal.fg, 0.45) };
    if (kind === "contains") {
      return { color: rgb(pal.fg, 0.28), width: 1, arrows: { to: { enabled: false } } };
    }
    return {};
  }

  function layerText(data, node) {
    if (!node.layer) return "層なし";
    var text = "第" + node.layer + "層 " + (data.layers[String(node.layer)] || "");
    return node.faces ? text + "（" + node.faces + "）" : text;
  }

  /* Display names of the node kinds come with the data (graph/render.py KIND_NAMES). */
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

  /* ---------- URL state (?focus=lora&layers=1,2&edges=define,use) ---------- */

  function focusParam(id) { return id.indexOf("concept:") === 0 ? id.slice(8) : id; }

  function defaultEdges(data, kinds) {
    return new Set(data.defaultEdges || kinds);
  }

  function readState(data, kinds) {
    var q = new URLSearchParams(location.search);
    var layers = new Set(LAYER_IDS);
    var edges = defaultEdges(data, kinds);
    if (q.has("layers")) {
      layers = new Set(q.get("layers").split(",").map(Number).filter(function (n) {
        return LAYER_IDS.indexOf(n) >= 0;
      }));
      layers.add(0);
    }
    if (q.has("edges")) {
      edges = new Set(q.get("edges").split(",").filter(function (k) { return kinds.indexOf(k) >= 0; }));
    }
    return { layers: layers, edges: edges, focus: q.get("focus") || "" };
  }

  function writeState(state, kinds, data) {
    var url = new URL(location.href);
    var q = url.searchParams;
    var shown = [1, 2, 3, 4, 5].filter(function (n) { return state.layers.has(n); });
    if (shown.length < 5) q.set("layers", shown.join(",")); else q.delete("layers");
    var edges = kinds.filter(function (k) { return state.edges.has(k); });
    var defaults = kinds.filter(function (k) { return defaultEdges(data, kinds).has(k); });
    if (edges.join(",") !== defaults.join(",")) q.set("edges", edges.join(","));
    else q.delete("edges");
    if (state.focus) q.set("focus", focusParam(state.focus)); else q.delete("focus");
    history.replaceState(history.state, "", url.pathname + (q.toString() ? "?" + q : "") + url.hash);
  }

  /* ---------- the map ---------- */

  function build(root, data, vis) {
    var full = root.getAttribute("data-cm-map") === "full";
    var canvas = root.querySelector(".cm-map__canvas");
    var kinds = Object.keys(data.edgeKinds || {});
    var pal = palette();
    if (data.tall && canvas.clientWidth < canvas.clientHeight) {  /* phone held upright */
      data.nodes.forEach(function (n, i) { n.x = data.tall.pos[i][0]; n.y = data.tall.pos[i][1]; });
      data.bands = data.tall.bands;
      data.extent = data.tall.extent;
    }
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    data.edges = data.edges.map(function (e) {  /* [from index, to index, kind] */
      return Array.isArray(e) ? { from: data.nodes[e[0]].id, to: data.nodes[e[1]].id, kind: e[2] } : e;
    });
    var state = full ? readState(data, kinds)
      : { layers: new Set(LAYER_IDS), edges: defaultEdges(data, kinds), focus: "" };

    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return { id: n.id, label: n.wrap || n.label, group: n.kind + "-" + (n.layer || 0), x: n.x, y: n.y,
        kind: n.kind, layer: n.layer || 0, url: n.url || "",
        hidden: !state.layers.has(n.layer || 0) };
    }));
    var edges = new vis.DataSet(data.edges.map(function (e, i) {
      var item = edgeStyle(e.kind, pal, (byId[e.to] || {}).layer);
      item.id = "e" + i;
      item.from = e.from;
      item.to = e.to;
      item.kind = e.kind;
      item.hidden = !state.edges.has(e.kind);
      return item;
    }));
    performance.mark("cm:data");
    var options = data.options || {};
    options.groups = groups(pal);
    options.edges = Object.assign({}, options.edges || {}, edgeDefaults(pal));
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options);
    var status = root.querySelector(".cm-map__status");

    var labelled = {};  /* bands with a layer node need no drawn label */
    data.nodes.forEach(function (n) { if (n.kind === "layer") labelled[n.layer] = true; });
    network.on("beforeDrawing", function (ctx) {
      (data.bands || []).forEach(function (b) {
        var c = pal.layer[b.layer] || pal.fg;
        ctx.fillStyle = rgb(c, pal.dark ? 0.16 : 0.08);
        ctx.fillRect(data.extent.left, b.top, data.extent.right - data.extent.left,
          b.bottom - b.top);
        if (!labelled[b.layer] && b.layer) {
          ctx.fillStyle = rgb(c);
          ctx.font = "bold 18px " + pal.font;
          ctx.fillText("第" + b.layer + "層 " + (data.layers[String(b.layer)] || ""),
            data.extent.left + 10, b.top + 24);
        }
      });
    });

    function showStatus(node) {
      if (!status) return;
      status.textContent = "";
      if (!node) return;
      var strong = document.createElement("strong");
      strong.textContent = node.label;
      status.appendChild(strong);
      status.appendChild(document.createTextNode("（" + layerText(data, node) + "・" +
        kindName(data, node.kind) + "）" + (node.summary ? " " + node.summary : "") + " "));
      if (node.url) {
        var a = document.createElement("a");
        a.href = siteUrl(node.url);
        a.textContent = "このページを開く";
        status.appendChild(a);
      }
    }

    function syncControls() {
      root.querySelectorAll("input[data-cm-layer]").forEach(function (box) {
        box.checked = state.layers.has(Number(box.getAttribute("data-cm-layer")));
      });
      root.querySelectorAll("input[data-cm-edge]").forEach(function (box) {
        box.checked = state.edges.has(box.getAttribute("data-cm-edge"));
      });
    }

    function applyFilters() {
      nodes.update(data.nodes.map(function (n) {
        return { id: n.id, hidden: !state.layers.has(n.layer || 0) };
      }));
      edges.update(data.edges.map(function (e, i) {
        return { id: "e" + i, hidden: !state.edges.has(e.kind) };
      }));
      syncControls();
      if (full) writeState(state, kinds, data);
    }

    function resolveFocus(value) {
      if (!value) return "";
      if (byId["concept:" + value]) return "concept:" + value;
      if (byId[value]) return value;
      var q = norm(value);
      var hit = data.nodes.filter(function (n) { return norm(n.label) === q; })[0];
      return hit ? hit.id : "";
    }

    function focusNode(id, animate) {
      var node = byId[id];
      if (!node) return false;
      if (!state.layers.has(node.layer || 0)) {
        state.layers.add(node.layer || 0);
        applyFilters();
      }
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.1),
        animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
      state.focus = id;
      if (full) writeState(state, kinds, data);
      showStatus(node);
      return true;
    }

    /* Tooltips are built on first hover (before vis' tooltip delay runs out). */
    var titled = {};
    network.on("hoverNode", function (params) {
      var node = byId[params.node];
      if (node && !titled[node.id]) {
        titled[node.id] = true;
        nodes.update({ id: node.id, title: tooltipFor(data, node) });
      }
    });

    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var node = byId[params.nodes[0]];
      if (node && node.url) navigate(node.url);
      else if (node) focusNode(node.id, true);
    });

    root.querySelectorAll("input[data-cm-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        var n = Number(box.getAttribute("data-cm-layer"));
        if (box.checked) state.layers.add(n); else state.layers.delete(n);
        applyFilters();
      });
    });
    root.querySelectorAll("input[data-cm-edge]").forEach(function (box) {
      box.addEventListener("change", function () {
        var k = box.getAttribute("data-cm-edge");
        if (box.checked) state.edges.add(k); else state.edges.delete(k);
        applyFilters();
      });
    });
    function zoom(how) {
      if (how === "fit") { network.fit({ animation: { duration: 300 } }); return; }
      var scale = network.getScale() * (how === "in" ? 1.4 : 1 / 1.4);
      network.moveTo({ scale: scale, animation: { duration: 200 } });
    }
    root.querySelectorAll("button[data-cm-zoom]").forEach(function (btn) {
      btn.addEventListener("click", function () { zoom(btn.getAttribute("data-cm-zoom")); });
    });

    /* Keyboard: the canvas takes focus; arrows pan, + and - zoom, 0 fits, Enter opens the
       selected node (a search hit or a clicked one). */
    var PAN = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    var hint = document.createElement("span");
    hint.className = "cm-visually-hidden";
    hint.id = "cm-keys-" + active.length;
    hint.textContent = "キーボード操作: 矢印キーで移動、+ と - で拡大・縮小、0 で全体表示、" +
      "Enter で選択中のノードのページを開きます。";
    canvas.parentNode.insertBefore(hint, canvas.nextSibling);
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "application");
    canvas.setAttribute("aria-roledescription", "概念マップ");
    canvas.setAttribute("aria-describedby", hint.id);
    canvas.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var pan = PAN[ev.key];
      if (pan) {
        var at = network.getViewPosition();
        var step = Math.min(canvas.clientWidth, canvas.clientHeight) * 0.2 / network.getScale();
        network.moveTo({ position: { x: at.x + pan[0] * step, y: at.y + pan[1] * step },
          animation: { duration: 120 } });
      } else if (ev.key === "+" || ev.key === "=") {
        zoom("in");
      } else if (ev.key === "-" || ev.key === "_") {
        zoom("out");
      } else if (ev.key === "0") {
        zoom("fit");
      } else if (ev.key === "Enter") {
        var selected = byId[network.getSelectedNodes()[0]];
        if (!selected) return;
        if (selected.url) navigate(selected.url); else showStatus(selected);
      } else {
        return;
      }
      ev.preventDefault();
    });

    var search = root.querySelector("input.cm-map__search");
    var results = root.querySelector(".cm-map__results");
    function matches(text) {
      var q = norm(text);
      if (!q) return [];
      var rank = { concept: 0, product: 0, section: 1, page: 1, layer: 2 };
      return data.nodes.map(function (n) {
        var label = norm(n.label);
        var slug = n.id.indexOf("concept:") === 0 ? norm(n.id.slice(8)) : "";
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
          focusNode(n.id, true);
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
          if (first) { focusNode(first.id, true); showResults([]); }
          else if (status) status.textContent = "「" + search.value + "」は見つかりませんでした。";
        } else if (ev.key === "Escape") {
          showResults([]);
        }
      });
    }

    syncControls();
    var focusId = resolveFocus(state.focus);
    state.focus = "";
    if (focusId) focusNode(focusId, false);

    /* Material sets the palette attributes on <body> once its bundle runs, usually to the
       values already in effect: redraw only when the colours really changed. */
    function restyle() {
      var next = palette();
      if (JSON.stringify(next) === JSON.stringify(pal)) return;
      pal = next;
      network.setOptions({ groups: groups(pal), edges: edgeDefaults(pal) });
      nodes.update(data.nodes.map(function (n) {
        return { id: n.id, group: n.kind + "-" + (n.layer || 0) };
      }));
      edges.update(data.edges.map(function (e, i) {
        var item = edgeStyle(e.kind, pal, (byId[e.to] || {}).layer);
        item.id = "e" + i;
        return item;
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
    var src = new URL(data.vis || VIS_FALLBACK, ROOT).href;
    performance.mark("cm:start");
    Promise.all([loadVis(src), stylesLoaded()]).then(function (loaded) {
      var vis = loaded[0];
      performance.mark("cm:vis");
      build(root, data, vis);
      performance.mark("cm:network");
    }).catch(function (err) {
      root.setAttribute("data-cm-state", "error");
      var status = root.querySelector(".cm-map__status");
      if (status) status.textContent = "概念マップを表示できませんでした（" + err.message + "）。";
    });
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

/* The 早見表's filter (graph/quickref_view.py renders the table and the hidden filter box).
   Without this script the whole table shows. State lives in the URL (?q=&def=&use=), and
   「地図で見る」 opens the concept map with the same selection (?focus=concept:<id> when one
   row is left, else ?layers=<n,…>). Only textContent and attributes are written. */
(function () {
  "use strict";

  function norm(text) {
    return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function layerOf(code) { return code.charAt(0); }

  /* The map's link for the rows left: one concept (?focus=), else their layers (?layers=). */
  function mapSelection(mapBase, filtered, visible, defValue, useValue) {
    if (filtered && visible.length === 1 && visible[0].dataset.concept) {
      var a = visible[0].querySelector(".cm-qr-label a");
      return { href: mapBase + "?focus=" + encodeURIComponent("concept:" + visible[0].dataset.concept),
        label: "地図で見る（" + (a ? a.textContent : visible[0].dataset.concept) + "）" };
    }
    var layers = {};
    if (filtered && visible.length > 0) {
      if (defValue) layers[layerOf(defValue)] = true;
      if (useValue) layers[layerOf(useValue)] = true;
      if (!defValue && !useValue) {
        visible.forEach(function (row) {
          (row.getAttribute("data-def") || "").split(" ").forEach(function (c) {
            if (c) layers[layerOf(c)] = true;
          });
        });
      }
    }
    var list = Object.keys(layers).sort();
    if (!list.length) return { href: mapBase, label: "地図で見る" };
    return { href: mapBase + "?layers=" + list.join(","), label: "地図で見る（第" + list.join("・") + "層）" };
  }

  /* The page scrolls (no inner box): on desktop the filter box sticks under Material's header
     and the tables' headers under the filter box. Their heights go into custom properties
     (CSSOM, allowed by the CSP) that the stylesheet uses for `top` and `scroll-margin-top`,
     measured now and whenever the header or the filter box changes size. Returns the measure. */
  function stickyOffsets(tools) {
    var scope = tools.parentElement || document.documentElement;
    var header = document.querySelector(".md-header");
    var thead = document.querySelector("table.cm-qr thead");
    function measure() {
      var top = header ? header.getBoundingClientRect().height : 0;
      var sticky = getComputedStyle(tools).position === "sticky";
      scope.style.setProperty("--cm-qr-top", top + "px");
      scope.style.setProperty("--cm-qr-head", (sticky ? top + tools.getBoundingClientRect().height : top) + "px");
      if (thead) scope.style.setProperty("--cm-qr-thead", thead.getBoundingClientRect().height + "px");
    }
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(measure);
      observer.observe(tools);
      if (header) observer.observe(header);
    } else {
      window.addEventListener("resize", measure);
    }
    return measure;
  }

  function init() {
    var tools = document.getElementById("cm-qr-tools");
    if (!tools || tools.dataset.ready) return;
    tools.dataset.ready = "1";
    var q = document.getElementById("cm-qr-q");
    var def = document.getElementById("cm-qr-def");
    var use = document.getElementById("cm-qr-use");
    var mapLink = document.getElementById("cm-qr-map");
    var status = document.getElementById("cm-qr-status");
    var mapBase = mapLink.getAttribute("href");
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.cm-qr tr.cm-qr-row"));
    var sections = Array.prototype.slice.call(document.querySelectorAll("table.cm-qr tbody.cm-qr-section"));
    var texts = rows.map(function (row) {
      var label = row.querySelector(".cm-qr-label");
      var note = row.querySelector(".cm-qr-note");
      var labelText = label ? (label.querySelector("a") || label).textContent : "";
      return norm(labelText + " " + (note ? note.textContent : "") + " " + (row.dataset.concept || ""));
    });

    var params = new URLSearchParams(location.search);
    q.value = params.get("q") || "";
    def.value = params.get("def") || "";
    use.value = params.get("use") || "";
    if (def.value !== (params.get("def") || "")) def.value = "";
    if (use.value !== (params.get("use") || "")) use.value = "";

    function has(row, attr, code) {
      return (row.getAttribute(attr) || "").split(" ").indexOf(code) >= 0;
    }

    function apply(writeUrl) {
      var needle = norm(q.value);
      var visible = [];
      rows.forEach(function (row, i) {
        var ok = (!needle || texts[i].indexOf(needle) >= 0) &&
          (!def.value || has(row, "data-def", def.value)) &&
          (!use.value || has(row, "data-use", use.value));
        row.hidden = !ok;
        if (ok) visible.push(row);
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("tr.cm-qr-row:not([hidden])") &&
          !!section.querySelector("tr.cm-qr-row");
      });
      var filtered = !!(needle || def.value || use.value);
      status.textContent = filtered
        ? visible.length + " 件を表示しています（全 " + rows.length + " 件）"
        : "全 " + rows.length + " 件";

      // the same selection on the map
      var target = mapSelection(mapBase, filtered, visible, def.value, use.value);
      mapLink.setAttribute("href", target.href);
      mapLink.textContent = target.label;

      if (writeUrl) {
        var p = new URLSearchParams(location.search);
        [["q", q.value.trim()], ["def", def.value], ["use", use.value]].forEach(function (kv) {
          if (kv[1]) p.set(kv[0], kv[1]); else p.delete(kv[0]);
        });
        var search = p.toString();
        history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
      }
    }

    var measure = stickyOffsets(tools);

    // #row-…: the row just under the sticky headers (scroll-margin-top), the filter cleared if it hid it
    function showTarget() {
      var id = decodeURIComponent(location.hash.slice(1));
      var row = id && document.getElementById(id);
      if (!row || !row.classList.contains("cm-qr-row")) return;
      if (row.hidden) { q.value = ""; def.value = ""; use.value = ""; apply(true); }
      measure();
      row.scrollIntoView({ block: "start" });
    }

    q.addEventListener("input", function () { apply(true); });
    window.addEventListener("hashchange", showTarget);
    // the browser's own jump to the fragment comes after this script: place the row again then
    if (document.readyState !== "complete") window.addEventListener("load", function () {
      requestAnimationFrame(showTarget);
    });
    def.addEventListener("change", function () { apply(true); });
    use.addEventListener("change", function () { apply(true); });
    tools.hidden = false;
    apply(false);
    measure();
    showTarget();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

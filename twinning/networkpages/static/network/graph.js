/* Draws the network of a place with Cytoscape from the JSON embedded in the page (#network-data).
   A big city stays readable: beyond GROUP_ABOVE partners of partners, the outer ring is drawn as one node per
   country ("Frankreich · 23") until the visitor asks for every place; partners sit on a circle wide enough for
   one label line each, with labels pointing outwards (see radial), so labels do not overlap. */
(function () {
  "use strict";
  var GROUP_ABOVE = 40;

  function countryNamer(language) {
    try {
      var names = new Intl.DisplayNames([language || "de"], { type: "region" });
      return function (code) { try { return code ? names.of(code) : "?"; } catch (e) { return code; } };
    } catch (e) {
      return function (code) { return code || "?"; };
    }
  }

  function elementsFor(data, grouped, countryName) {
    var elements = [];
    var groupOf = {};
    var groups = {};
    data.nodes.forEach(function (node) {
      var id = String(node.place_id);
      if (grouped && node.distance === 2) {
        var key = "country-" + (node.country || "unknown");
        groupOf[id] = key;
        groups[key] = groups[key] || { code: node.country, count: 0 };
        groups[key].count += 1;
        return;
      }
      elements.push({ data: { id: id, label: node.name, distance: node.distance, url: node.url, country: node.country } });
    });
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      elements.push({ data: { id: key, label: countryName(group.code) + " · " + group.count, distance: 2, group: true, weight: group.count } });
    });
    var seen = {};
    data.edges.forEach(function (edge) {
      var source = groupOf[String(edge.source)] || String(edge.source);
      var target = groupOf[String(edge.target)] || String(edge.target);
      var layer = edge.layer || "partnership";
      var id = "e" + layer + source + "-" + target;
      if (source === target || seen[id] || seen["e" + layer + target + "-" + source]) { return; }
      seen[id] = true;
      elements.push({ data: { id: id, source: source, target: target, kind: edge.kind, layer: layer } });
    });
    return elements;
  }

  /* Radial positions: the place in the centre, its partners on a circle (by country, then name), the outer ring
     around them, each outer node near the partners it hangs on. Labels point outwards along their radius, so
     neighbouring labels run side by side instead of on top of each other. */
  function radial(elements) {
    var FONT = 11, CHAR = 6.2;
    var nodes = elements.filter(function (e) { return !e.data.source; });
    var edges = elements.filter(function (e) { return e.data.source; });
    var ring1 = nodes.filter(function (n) { return n.data.distance === 1; });
    var ring2 = nodes.filter(function (n) { return n.data.distance !== 0 && n.data.distance !== 1; });
    ring1.sort(function (a, b) { return (a.data.country || "").localeCompare(b.data.country || "") || String(a.data.label).localeCompare(String(b.data.label)); });
    var longest = 0;
    ring1.forEach(function (n) { longest = Math.max(longest, String(n.data.label).length); });
    var r1 = Math.max(120, ring1.length * (FONT + 4) / (2 * Math.PI));
    var angle = {};
    ring1.forEach(function (n, i) { angle[n.data.id] = -Math.PI / 2 + 2 * Math.PI * i / Math.max(ring1.length, 1); });
    var sums = {};
    edges.forEach(function (e) {
      [[e.data.source, e.data.target], [e.data.target, e.data.source]].forEach(function (pair) {
        if (angle[pair[1]] !== undefined && angle[pair[0]] === undefined) {
          var sum = sums[pair[0]] || (sums[pair[0]] = { x: 0, y: 0 });
          sum.x += Math.cos(angle[pair[1]]);
          sum.y += Math.sin(angle[pair[1]]);
        }
      });
    });
    ring2.forEach(function (n) { var sum = sums[n.data.id]; n.data.wish = sum ? Math.atan2(sum.y, sum.x) : 0; });
    ring2.sort(function (a, b) { return a.data.wish - b.data.wish; });
    ring2.forEach(function (n, i) { angle[n.data.id] = ring2[0].data.wish + 2 * Math.PI * i / Math.max(ring2.length, 1); });
    var r2 = Math.max(r1 + longest * CHAR + 60, ring2.length * (FONT + 4) / (2 * Math.PI));
    var positions = {};
    nodes.forEach(function (n) {
      var a = angle[n.data.id];
      if (n.data.distance === 0 || a === undefined) { positions[n.data.id] = { x: 0, y: 0 }; return; }
      var r = n.data.distance === 1 ? r1 : r2;
      positions[n.data.id] = { x: r * Math.cos(a), y: r * Math.sin(a) };
      var right = Math.cos(a) >= 0;
      var half = String(n.data.label).length * CHAR / 2 + 10;
      n.data.rotation = right ? a : a + Math.PI;
      n.data.dx = half * Math.cos(a);
      n.data.dy = half * Math.sin(a);
    });
    return positions;
  }

  function draw() {
    var box = document.getElementById("network-graph");
    var source = document.getElementById("network-data");
    if (!box || !source || typeof cytoscape === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var language = document.documentElement.lang;
    var countryName = countryNamer(language);
    var further = data.nodes.filter(function (n) { return n.distance === 2; }).length;
    var partners = data.nodes.filter(function (n) { return n.distance === 1; }).length;
    var grouped = further > GROUP_ABOVE;
    var cy = null;
    var toggle = null;

    function render() {
      if (cy) { cy.destroy(); }
      var elements = elementsFor(data, grouped, countryName);
      var positions = radial(elements);
      cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.1,
        maxZoom: 4,
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 10, "min-zoomed-font-size": 6, "width": 10, "height": 10, "background-color": "#6f8fb0", "color": "#1a1a1a", "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
          { selector: "node[distance = 0]", style: { "width": 26, "height": 26, "background-color": "#083d6e", "font-size": 16, "font-weight": "bold", "min-zoomed-font-size": 0 } },
          { selector: "node[distance = 1]", style: { "width": 14, "height": 14, "background-color": "#0b5394", "font-size": 11, "min-zoomed-font-size": 4 } },
          { selector: "node[?group]", style: { "shape": "round-rectangle", "width": "mapData(weight, 1, 200, 14, 44)", "height": "mapData(weight, 1, 200, 14, 44)", "background-color": "#9fb3c8", "font-size": 11 } },
          { selector: "node[rotation]", style: { "text-rotation": "data(rotation)", "text-margin-x": "data(dx)", "text-margin-y": "data(dy)", "text-halign": "center", "text-valign": "center" } },
          { selector: "edge", style: { "width": 1, "line-color": "#b8c4d0", "curve-style": "haystack" } },
          { selector: "edge[layer = \"cooperation\"]", style: { "line-style": "dashed", "line-color": "#c27c0e", "width": 2, "curve-style": "bezier" } }
        ],
        layout: { name: "preset", positions: function (node) { return positions[node.id()]; }, fit: true, padding: 16, animate: false }
      });
      cy.on("tap", "node", function (event) {
        /* Only http(s) addresses are followed (labels are painted on the canvas as plain text). */
        var url = event.target.data("url"), parsed = null;
        try { parsed = url ? new URL(url, window.location.href) : null; } catch (e) { parsed = null; }
        if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) { window.location.assign(parsed.href); }
      });
      if (toggle) {
        toggle.textContent = grouped ? box.dataset.labelShowAll || "Show every place" : box.dataset.labelGroup || "Group by country";
        toggle.setAttribute("aria-pressed", grouped ? "false" : "true");
      }
    }

    if (further > GROUP_ABOVE) {
      toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "kern-btn kern-btn--secondary kern-btn--x-small network-toggle";
      toggle.addEventListener("click", function () { grouped = !grouped; render(); });
      box.parentNode.insertBefore(toggle, box);
    }
    render();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

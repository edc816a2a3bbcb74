/* Draws the network of a place with Cytoscape from the JSON embedded in the page (#network-data).
   A big city stays readable: beyond GROUP_ABOVE partners of partners, the outer ring is drawn as one node per
   country ("Frankreich · 23") until the visitor asks for every place; the layout reserves room for every label
   (nodeDimensionsIncludeLabels), so labels do not overlap, and small labels appear only when zoomed in. */
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
      elements.push({ data: { id: id, label: node.name, distance: node.distance, url: node.url } });
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
      cy = cytoscape({
        container: box,
        elements: elementsFor(data, grouped, countryName),
        minZoom: 0.1,
        maxZoom: 4,
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 10, "min-zoomed-font-size": 7, "width": 10, "height": 10, "background-color": "#6f8fb0", "color": "#1a1a1a", "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
          { selector: "node[distance = 0]", style: { "width": 26, "height": 26, "background-color": "#083d6e", "font-size": 16, "font-weight": "bold", "min-zoomed-font-size": 0 } },
          { selector: "node[distance = 1]", style: { "width": 14, "height": 14, "background-color": "#0b5394", "font-size": partners > 30 ? 11 : 13, "min-zoomed-font-size": 5 } },
          { selector: "node[?group]", style: { "shape": "round-rectangle", "width": "mapData(weight, 1, 200, 14, 44)", "height": "mapData(weight, 1, 200, 14, 44)", "background-color": "#9fb3c8", "font-size": 11 } },
          { selector: "edge", style: { "width": 1, "line-color": "#b8c4d0", "curve-style": "haystack" } },
          { selector: "edge[layer = \"cooperation\"]", style: { "line-style": "dashed", "line-color": "#c27c0e", "width": 2, "curve-style": "bezier" } }
        ],
        layout: {
          name: "concentric",
          concentric: function (n) { var d = n.data("distance"); return (d === null || d === undefined) ? 1.5 : 3 - d; },
          levelWidth: function () { return 1; },
          minNodeSpacing: 6,
          nodeDimensionsIncludeLabels: true,
          avoidOverlap: true,
          animate: false
        }
      });
      cy.on("tap", "node", function (event) {
        var url = event.target.data("url");
        if (url) { window.location.href = url; }
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

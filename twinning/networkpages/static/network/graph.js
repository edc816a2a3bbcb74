/* Draws the network of a place with Cytoscape from the JSON embedded in the page (#network-data). */
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("network-graph");
    var source = document.getElementById("network-data");
    if (!box || !source || typeof cytoscape === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var elements = [];
    data.nodes.forEach(function (node) {
      elements.push({ data: { id: String(node.place_id), label: node.name, distance: node.distance, url: node.url } });
    });
    data.edges.forEach(function (edge) {
      elements.push({ data: { id: "e" + (edge.layer || "partnership") + edge.source + "-" + edge.target, source: String(edge.source), target: String(edge.target), kind: edge.kind, layer: edge.layer || "partnership" } });
    });
    var cy = cytoscape({
      container: box,
      elements: elements,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 10, "width": 10, "height": 10, "background-color": "#6f8fb0", "color": "#1a1a1a" } },
        { selector: "node[distance = 0]", style: { "width": 24, "height": 24, "background-color": "#083d6e", "font-size": 14, "font-weight": "bold" } },
        { selector: "node[distance = 1]", style: { "width": 16, "height": 16, "background-color": "#0b5394", "font-size": 12 } },
        { selector: "edge", style: { "width": 1, "line-color": "#b8c4d0" } },
        { selector: "edge[layer = \"cooperation\"]", style: { "line-style": "dashed", "line-color": "#c27c0e", "width": 2 } }
      ],
      layout: { name: "concentric", concentric: function (n) { var d = n.data("distance"); return (d === null || d === undefined) ? 1.5 : 3 - d; }, levelWidth: function () { return 1; }, minNodeSpacing: 8, animate: false }
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) { window.location.href = url; }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

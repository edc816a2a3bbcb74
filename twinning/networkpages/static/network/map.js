/* Draws a place and its partners with Leaflet on the bundled Natural Earth outlines (TopoJSON);
   a tile layer only when the server configures one. Data from the JSON embedded as #map-data.
   Names come from imports and are never HTML: Leaflet inserts string tooltips and popups as
   HTML, so every label is a DOM node whose text is set with textContent. */
(function () {
  "use strict";
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value === null || value === undefined ? "" : String(value);
    return span;
  }
  function safeHref(url) {
    /* Only links within this site or to http(s) pages. */
    var parsed;
    try { parsed = new URL(url, window.location.href); } catch (e) { return null; }
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  }
  function draw() {
    var box = document.getElementById("network-map");
    var source = document.getElementById("map-data");
    if (!box || !source || typeof L === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var map = L.map(box, { worldCopyJump: true, attributionControl: true });
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution || "" }).addTo(map);
    } else if (typeof topojson !== "undefined") {
      fetch(box.dataset.outlines).then(function (r) { return r.json(); }).then(function (world) {
        L.geoJSON(topojson.feature(world, world.objects.countries), {
          style: { color: "#8aa0b4", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false
        }).addTo(map).bringToBack();
      });
    }
    var points = [];
    var home = data.place;
    if (home.lat !== null && home.lon !== null) {
      points.push([home.lat, home.lon]);
      L.circleMarker([home.lat, home.lon], { radius: 8, color: "#083d6e", fillOpacity: 0.9 })
        .bindTooltip(text(home.name)).addTo(map);
    }
    data.partners.forEach(function (p) {
      if (p.lat === null || p.lon === null) { return; }
      points.push([p.lat, p.lon]);
      if (home.lat !== null && home.lon !== null) {
        L.polyline([[home.lat, home.lon], [p.lat, p.lon]], { color: "#0b5394", weight: 1.5, opacity: 0.7 }).addTo(map);
      }
      var marker = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b5394", fillOpacity: 0.8 }).addTo(map);
      var href = safeHref(p.url);
      var link = document.createElement(href ? "a" : "span");
      if (href) { link.href = href; }
      link.textContent = p.name;
      marker.bindPopup(link).bindTooltip(text(p.name));
    });
    if (points.length > 1) { map.fitBounds(points, { padding: [30, 30] }); }
    else if (points.length === 1) { map.setView(points[0], 5); }
    else { map.setView([20, 0], 2); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();

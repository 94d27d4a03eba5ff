// Drawing a delivery zone on a Leaflet map: clicks add corners and the GeoJSON text area is
// kept in step ([lng, lat], ring closed). Without Leaflet or tiles the text area still works.
(function () {
  "use strict";
  var box = document.getElementById("zone-map");
  if (!box || !window.L) return;
  var target = document.getElementById(box.dataset.target);
  var lat = parseFloat(box.dataset.lat) || 0, lng = parseFloat(box.dataset.lng) || 0;
  var map = L.map(box).setView([lat, lng], 13);
  L.tileLayer(box.dataset.tiles, {maxZoom: 19, attribution: "© OpenStreetMap contributors"}).addTo(map);
  L.marker([lat, lng]).addTo(map);
  try {
    JSON.parse(box.dataset.zones || "[]").forEach(function (polygon) {
      L.geoJSON(polygon, {style: {color: "#888", weight: 1}}).addTo(map);
    });
  } catch (e) { /* existing zones are only a backdrop */ }
  var corners = [], shape = null;
  function redraw() {
    if (shape) map.removeLayer(shape);
    shape = corners.length ? L.polygon(corners, {color: "#1a5fb4"}).addTo(map) : null;
    if (corners.length >= 3) {
      var ring = corners.map(function (c) { return [Number(c[1].toFixed(6)), Number(c[0].toFixed(6))]; });
      ring.push(ring[0]);
      target.value = JSON.stringify({type: "Polygon", coordinates: [ring]});
    }
  }
  map.on("click", function (e) { corners.push([e.latlng.lat, e.latlng.lng]); redraw(); });
  document.getElementById("zone-clear").addEventListener("click", function () { corners = []; target.value = ""; redraw(); });
})();

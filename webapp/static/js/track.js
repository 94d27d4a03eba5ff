// The public tracking page: the driver's position and the ETA, live over the websocket
// (room track:{order}), with a slow poll as a fallback. Without Leaflet or tiles the text
// above the map still says everything.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("config").textContent);
  const track = config.tracking;
  const s = (text) => (config.strings && config.strings[text]) || text;
  const statusEl = document.getElementById("track-status");
  const etaEl = document.getElementById("track-eta");
  const driverEl = document.getElementById("track-driver");
  let map = null, driverMarker = null, ended = false;

  function setupMap() {
    const box = document.getElementById("track-map");
    if (!box || typeof L === "undefined") return;
    const start = track.driver || track.store;
    if (!start) return;
    map = L.map(box).setView([start.lat, start.lng], 14);
    L.tileLayer(track.tiles, {maxZoom: 19, attribution: "© OpenStreetMap contributors"}).addTo(map);
    if (track.store) L.circleMarker([track.store.lat, track.store.lng], {radius: 6}).addTo(map).bindTooltip(track.store_name);
    if (track.driver) driverMarker = L.marker([track.driver.lat, track.driver.lng]).addTo(map);
  }

  function showDriver(lat, lng) {
    driverEl.textContent = s("The driver was last seen {minutes} min ago.").replace("{minutes}", "0");
    if (!map) return;
    if (driverMarker) driverMarker.setLatLng([lat, lng]);
    else driverMarker = L.marker([lat, lng]).addTo(map);
    map.panTo([lat, lng]);
  }

  function showEta(minutes) {
    if (minutes) etaEl.textContent = s("Arrives in about {minutes} min.").replace("{minutes}", String(minutes));
  }

  function finish() {
    ended = true;
    statusEl.textContent = s("This delivery has ended. Thank you!");
    etaEl.textContent = "";
  }

  function onFrame(frame) {
    const p = frame.payload || {};
    if (frame.type === "DRIVER_LOCATION_UPDATED") {
      showDriver(p.lat, p.lng);
      const mine = (p.orders || []).find((o) => o.order_id === track.order_id);
      if (mine) showEta(mine.eta_minutes);
    } else if (frame.type === "DRIVER_ETAS_UPDATED") {
      // A stop before this one on the driver's run is done: the ETA counted again from there.
      const mine = (p.orders || []).find((o) => o.order_id === track.order_id);
      if (mine) showEta(mine.eta_minutes);
    } else if (frame.type === "ORDER_STATUS_CHANGED") {
      if (p.to === "delivered" || p.to === "cancelled") finish();
      else statusEl.textContent = (track.statuses || {})[p.to] || statusEl.textContent;
    }
  }

  function connect() {
    if (ended) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/ws?tracking=${encodeURIComponent(track.token)}`);
    ws.onmessage = (event) => { try { onFrame(JSON.parse(event.data)); } catch (e) { /* not ours */ } };
    ws.onclose = (event) => { if (event.code !== 4401) setTimeout(connect, 5000); };
  }

  async function poll() {
    if (ended) return;
    try {
      const response = await fetch(`/api/v1/track/${encodeURIComponent(track.token)}`, {cache: "no-store"});
      if (response.status === 410) return finish();
      if (response.ok) {
        const view = await response.json();
        if (view.driver) showDriver(view.driver.lat, view.driver.lng);
        showEta(view.eta_minutes);
      }
    } catch (e) { /* offline: try again later */ }
    setTimeout(poll, 30000);
  }

  setupMap();
  connect();
  setTimeout(poll, 30000);
  document.body.dataset.trackReady = "1";
})();

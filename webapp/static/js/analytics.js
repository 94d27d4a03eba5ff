/* Client analytics for the storefront and the Mini Apps: events are queued and sent in
   batches every 5 s (POST /api/v1/events) and with navigator.sendBeacon when the page is
   hidden. Signed-in visitors are also recorded with rrweb (every input masked), in chunks
   sent to /api/v1/events/replay; a recording lasts at most 15 minutes, then a new one starts. */
(() => {
  "use strict";
  const FLUSH_MS = 5000, MAX_BATCH = 50, RECORDING_MS = 14 * 60 * 1000;
  const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  let clientId = localStorage.getItem("analytics:client");
  if (!clientId) { clientId = "c" + randomId(); localStorage.setItem("analytics:client", clientId); }
  const app = window.App;
  const queue = [];
  const token = () => (window.App && window.App.auth && window.App.auth.tokens() ? window.App.auth.tokens().access : null);

  function track(type, props, path) {
    queue.push({ type, at: new Date().toISOString(), path: (path || location.pathname).slice(0, 500), props: storeProps(props || {}) });
    if (queue.length >= MAX_BATCH) flush();
  }

  function body(events) { return JSON.stringify({ client_id: clientId, events }); }

  async function flush() {
    while (queue.length) {
      const events = queue.splice(0, MAX_BATCH);
      const headers = { "Content-Type": "application/json" };
      if (token()) headers.Authorization = "Bearer " + token();
      try { await fetch("/api/v1/events", { method: "POST", headers, body: body(events), keepalive: true }); }
      catch (e) { return; }  // analytics never get in the customer's way
    }
  }

  function beacon() {
    while (queue.length) {
      const blob = new Blob([body(queue.splice(0, MAX_BATCH))], { type: "application/json" });
      if (!navigator.sendBeacon || !navigator.sendBeacon("/api/v1/events", blob)) break;
    }
    sendChunk(true);
  }

  // Session replay (signed-in visitors only: the server refuses anonymous chunks).
  let recording = null, frames = [], chunk = 0, stop = null;
  let loading = false;
  function startRecording() {
    if (!token() || stop) return;
    if (!window.rrwebRecord) {
      // Loaded only for signed-in visitors, so anonymous pages stay light.
      if (!loading) {
        loading = true;
        const script = document.createElement("script");
        script.src = "/static/vendor/rrweb/rrweb-record.min.js";
        script.onload = startRecording;
        document.head.appendChild(script);
      }
      return;
    }
    recording = "r" + randomId(); chunk = 0; frames = [];
    stop = window.rrwebRecord({ emit: (e) => frames.push(e), maskAllInputs: true });
    setTimeout(() => { sendChunk(false); if (stop) stop(); stop = null; startRecording(); }, RECORDING_MS);
  }
  function sendChunk(onHide) {
    if (!recording || !frames.length || !token()) return;
    const payload = JSON.stringify(Object.assign({ recording_id: recording, chunk: chunk++, client_id: clientId, events: frames.splice(0, 2000) }, storeProps({})));
    fetch("/api/v1/events/replay", { method: "POST", keepalive: onHide && payload.length < 60000,
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token() }, body: payload }).catch(() => {});
  }

  // Business events, read off the page's own API calls and cart, so page scripts stay as
  // they are: searches (and those with no results), product views, favorites, orders placed,
  // zone refusals and API errors; cart additions, removals and quantity changes.
  function storeProps(extra) { return Object.assign(app && app.cfg.store ? { store_id: app.cfg.store.id } : {}, extra); }
  if (app && app.api) {
    const api = app.api;
    app.api = async (path, options = {}) => {
      const method = (options.method || "GET").toUpperCase();
      const url = new URL(path, location.href);
      try {
        const data = await api(path, options);
        const product = url.pathname.match(/\/products\/(\d+)$/);
        const favorite = url.pathname.match(/\/favorites\/(\d+)$/);
        if (method === "GET" && /\/products$/.test(url.pathname) && url.searchParams.get("q")) {
          const results = data && data.items ? data.items.length : 0;
          track(results ? "search" : "search_no_results", storeProps({ q: url.searchParams.get("q").slice(0, 100), results }));
        } else if (method === "GET" && product) track("product_view", storeProps({ product_id: Number(product[1]) }));
        else if (favorite) track(method === "DELETE" ? "favorite_remove" : "favorite_add", storeProps({ product_id: Number(favorite[1]) }));
        else if (method === "POST" && url.pathname === "/api/v1/orders") track("place_order", storeProps({ order_id: data && data.id }));
        return data;
      } catch (e) {
        const code = (e.error && e.error.code) || "network";
        track(code === "zone_unavailable" ? "zone_unavailable" : "api_error", storeProps({ code, status: e.status || 0, message: String(e.message).slice(0, 200), api: url.pathname.slice(0, 200) }));
        throw e;
      }
    };
  }
  if (app && app.saved) {
    const set = app.saved.set.bind(app.saved);
    app.saved.set = (key, value) => {
      if (String(key).startsWith("cart:") && Array.isArray(value)) {
        const before = new Map((app.saved.get(key, []) || []).map((i) => [i.variant_id, i.quantity]));
        for (const item of value) {
          const was = before.get(item.variant_id) || 0;
          if (!was && item.quantity > 0) track("cart_add", storeProps({ variant_id: item.variant_id, quantity: item.quantity }));
          else if (was && item.quantity <= 0) track("cart_remove", storeProps({ variant_id: item.variant_id }));
          else if (was !== item.quantity) track("cart_update_qty", storeProps({ variant_id: item.variant_id, quantity: item.quantity }));
          before.delete(item.variant_id);
        }
        for (const variant of before.keys()) track("cart_remove", storeProps({ variant_id: variant }));
      }
      return set(key, value);
    };
  }
  window.addEventListener("hashchange", () => {
    track("page_view", storeProps({ hash: location.hash.slice(0, 100) }));
    if (location.hash.startsWith("#/checkout")) track("checkout_start", storeProps({}));
  });

  window.addEventListener("error", (e) => track("js_error", { message: String(e.message).slice(0, 300), source: String(e.filename || "").slice(0, 200), line: e.lineno || 0 }));
  window.addEventListener("unhandledrejection", (e) => track("js_error", { message: String(e.reason).slice(0, 300) }));
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") beacon(); });
  setInterval(() => { flush(); sendChunk(false); startRecording(); }, FLUSH_MS);
  window.Analytics = { track, flush, clientId: () => clientId, recordingId: () => recording, sendChunk: () => sendChunk(false) };
  track("page_view");
  startRecording();
})();

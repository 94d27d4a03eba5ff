/* Shared by the three Mini Apps: config and texts from the server, the API client with
   token refresh, the live (websocket) connection, Telegram helpers, a tiny DOM builder. */
(() => {
  "use strict";
  const cfg = JSON.parse(document.getElementById("config").textContent);
  const webApp = window.Telegram && window.Telegram.WebApp;
  const tg = webApp && webApp.initData ? webApp : null;

  const _ = (text, values) => {
    let out = cfg.strings[text] || text;
    if (values) for (const key of Object.keys(values)) out = out.split("{" + key + "}").join(values[key]);
    return out;
  };

  const saved = {
    get(key, fallback) {
      try { const raw = localStorage.getItem(key); return raw === null ? fallback : JSON.parse(raw); }
      catch (e) { return fallback; }
    },
    set(key, value) { localStorage.setItem(key, JSON.stringify(value)); },
    drop(key) { localStorage.removeItem(key); },
  };

  const tokenKey = "tokens:" + cfg.bot;
  const auth = {
    tokens() { return saved.get(tokenKey, null); },
    save(body) { saved.set(tokenKey, { access: body.access_token, refresh: body.refresh_token, user: body.user }); },
    user() { const t = this.tokens(); return t ? t.user : null; },
    clear() { saved.drop(tokenKey); },
    /* Lazy sign-in: inside Telegram with initData, silently; elsewhere the page asks. */
    async ensure() {
      if (this.tokens()) return true;
      if (!tg) return false;
      const body = await api("/api/v1/auth/telegram", { method: "POST", body: { init_data: tg.initData, bot: cfg.bot } });
      this.save(body);
      return true;
    },
    async refresh() {
      const t = this.tokens();
      if (!t) return false;
      const response = await fetch("/api/v1/auth/refresh", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: t.refresh }),
      });
      if (!response.ok) { this.clear(); return false; }
      this.save(await response.json());
      return true;
    },
  };

  async function api(path, options = {}) {
    const { method = "GET", body, signed = false, headers = {} } = options;
    const send = async () => {
      const h = { "Accept-Language": cfg.locale, ...headers };
      if (body !== undefined) h["Content-Type"] = "application/json";
      const t = auth.tokens();
      if (signed && t) h.Authorization = "Bearer " + t.access;
      return fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    };
    let response = await send();
    if (response.status === 401 && signed && (await auth.refresh())) response = await send();
    const type = response.headers.get("content-type") || "";
    const data = type.includes("json") ? await response.json() : null;
    if (!response.ok) {
      const error = (data && data.error) || { code: "http_" + response.status, message: response.statusText };
      // `text` is the server's sentence for people, in the page's language.
      throw Object.assign(new Error(error.text || error.message), { status: response.status, error });
    }
    return data;
  }

  function money(cents, currency) {
    return new Intl.NumberFormat(cfg.locale, { style: "currency", currency }).format(cents / 100);
  }

  function when(iso) {
    return new Intl.DateTimeFormat(cfg.locale, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: cfg.store ? cfg.store.timezone : undefined,
    }).format(new Date(iso));
  }

  /* Elements from data, never from HTML strings: text goes in as text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function toast(text, kind) {
    const box = el("div", { class: "toast " + (kind || ""), role: "status" }, text);
    document.body.append(box);
    setTimeout(() => box.remove(), 3500);
  }

  function explain(error) {
    const fields = error.error && !error.error.text && error.error.fields ? Object.values(error.error.fields).join("; ") : "";
    toast((error.message || _("Something went wrong. Please try again.")) + (fields ? " — " + fields : ""), "error");
    haptic("error");
  }

  /* Live events for the signed-in identity; reconnects and replays what it missed. */
  function live(onEvent, onState) {
    let lastId = sessionStorage.getItem("last-event:" + cfg.bot) || "";
    let socket = null;
    let delay = 500;
    let pinger = null;
    const open = () => {
      const t = auth.tokens();
      if (!t) return;
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const query = new URLSearchParams({ token: t.access });
      if (lastId) query.set("last_event_id", lastId);
      socket = new WebSocket(`${scheme}://${location.host}/ws?${query}`);
      socket.onopen = () => { delay = 500; pinger = setInterval(() => socket.send('{"type":"ping"}'), 20000); };
      socket.onmessage = (message) => {
        const frame = JSON.parse(message.data);
        if (frame.type === "welcome") { if (onState) onState("live"); return; }
        if (!frame.id) return;
        lastId = frame.id;
        sessionStorage.setItem("last-event:" + cfg.bot, lastId);
        onEvent(frame);
      };
      socket.onclose = async (event) => {
        clearInterval(pinger);
        if (onState) onState("offline");
        if (event.code === 4401) await auth.refresh();
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 15000);
      };
    };
    open();
  }

  function haptic(kind) {
    if (!tg || !tg.HapticFeedback) return;
    if (kind === "error" || kind === "success") tg.HapticFeedback.notificationOccurred(kind);
    else tg.HapticFeedback.impactOccurred("light");
  }

  const telegram = {
    inside: Boolean(tg),
    start() {
      if (!tg) return;
      tg.ready();
      tg.expand();
      const theme = tg.themeParams || {};
      const root = document.documentElement.style;
      for (const [name, value] of Object.entries(theme)) root.setProperty("--tg-" + name.replace(/_/g, "-"), value);
    },
    main(text, handler) {
      if (!tg || !tg.MainButton) return false;
      tg.MainButton.offClick(telegram._main || (() => {}));
      telegram._main = handler;
      if (!text) { tg.MainButton.hide(); return true; }
      tg.MainButton.setText(text);
      tg.MainButton.onClick(handler);
      tg.MainButton.show();
      return true;
    },
    back(handler) {
      if (!tg || !tg.BackButton) return;
      tg.BackButton.offClick(telegram._back || (() => {}));
      telegram._back = handler;
      if (handler) { tg.BackButton.onClick(handler); tg.BackButton.show(); } else tg.BackButton.hide();
    },
  };

  const STATUS = {
    pending: _("New"), confirmed: _("Confirmed"), ready: _("Ready for pickup"), assigned: _("Driver assigned"),
    picked_up: _("On the way"), delivered: _("Delivered"), cancelled: _("Cancelled"),
  };

  /* Statuses and order events (the ID check, a refused handover) in time order, as
     [when, what] pairs; a cancellation shows its reason, in the reader's language when it is
     one of ours. */
  const EVENTS = { id_checked: _("ID checked at handover"), handover_refused: _("Handover refused") };
  // Marked so the page's catalog carries them: _(h.reason) below can then translate them.
  const REASONS = [_("Out of stock"), _("Customer asked"), _("Outside delivery hours"), _("Other reason"),
    _("Handover refused: no valid ID"), _("Handover refused: the customer is under age"),
    _("Handover refused: nobody at the address"), _("Handover refused: the customer did not take the order")];
  void REASONS;
  function timeline(order) {
    const said = (h) => h.to_status === "cancelled" && h.reason ? ` (${_(h.reason)})` : "";
    return [...order.history.map((h) => [h.at, STATUS[h.to_status] + said(h)]),
      ...(order.events || []).map((e) => [e.at, EVENTS[e.kind] || e.kind])]
      .sort((a, b) => new Date(a[0]) - new Date(b[0]));
  }

  window.App = { cfg, _, api, auth, money, when, el, toast, explain, live, haptic, telegram, saved, STATUS, timeline };
  telegram.start();
})();

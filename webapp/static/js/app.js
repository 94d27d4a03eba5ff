/* Shared by the three Mini Apps: config and texts from the server, the API client with
   token refresh, the live (websocket) connection, Telegram helpers, a tiny DOM builder. */
(() => {
  "use strict";
  const cfg = JSON.parse(document.getElementById("config").textContent);
  const webApp = window.Telegram && window.Telegram.WebApp;
  const tg = webApp && webApp.initData ? webApp : null;

  const fill = (text, values) => {
    let out = text;
    if (values) for (const key of Object.keys(values)) out = out.split("{" + key + "}").join(values[key]);
    return out;
  };
  const _ = (text, values) => fill(cfg.strings[text] || text, values);

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
      // A FormData body (a file upload) goes as multipart with the browser's own boundary.
      const form = typeof FormData !== "undefined" && body instanceof FormData;
      if (body !== undefined && !form) h["Content-Type"] = "application/json";
      const t = auth.tokens();
      if (signed && t) h.Authorization = "Bearer " + t.access;
      return fetch(path, { method, headers: h, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
    };
    let response;
    try { response = await send(); } catch (e) {
      throw Object.assign(new Error("network"), { status: 0, error: { code: "network", message: String(e) } });
    }
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

  /* One toast at a time: a new one replaces the last instead of piling up. */
  let shownToast = null;
  function toast(text, kind) {
    if (shownToast) shownToast.remove();
    const box = el("div", { class: "toast " + (kind || ""), role: kind === "error" ? "alert" : "status" }, text);
    shownToast = box;
    document.body.append(box);
    setTimeout(() => { box.remove(); if (shownToast === box) shownToast = null; }, 4000);
  }

  /* Every error code the pages can meet, as a sentence a customer or a dispatcher reads.
     The server's own message is for developers and never shown. */
  const ERRORS = {
    network: _("No connection. Check your internet and try again."),
    unavailable: _("The service is busy. Please try again in a minute."),
    rate_limited: _("Too many attempts. Please wait {seconds} s and try again."),
    unauthorized: _("Please sign in again."),
    invalid_token: _("Please sign in again."),
    token_expired: _("Please sign in again."),
    not_authenticated: _("Please sign in again."),
    refresh_invalid: _("Please sign in again."),
    refresh_expired: _("Please sign in again."),
    refresh_reused: _("Please sign in again."),
    forbidden: _("You are not allowed to do that."),
    not_found: _("We could not find that. It may have been removed."),
    in_stock: _("This product is in stock: you can order it now."),
    validation_error: _("Check the highlighted fields."),
    bad_request: _("Check the highlighted fields."),
    invalid_json: _("Something went wrong. Please try again."),
    otp_invalid: _("That code is not right. Check it and try again."),
    otp_expired: _("That code has expired. Ask for a new one."),
    otp_blocked: _("Too many wrong codes. Ask for a new one."),
    otp_cooldown: _("We have just sent you a code. You can ask for another in {seconds} s."),
    otp_delivery_failed: _("We could not send a code right now. Please try again in a minute."),
    invalid_phone: _("Enter the phone number with its country code, like +34 600 111 222."),
    invalid_email: _("Enter a valid e-mail address."),
    weak_password: _("The password needs at least 8 characters."),
    invalid_credentials: _("The e-mail or the password is not right."),
    phone_not_verified: _("Confirm your phone number first: we sent you a code."),
    account_disabled: _("This account is disabled. Contact the pharmacy."),
    email_taken: _("An account with this e-mail exists. Sign in instead."),
    phone_taken: _("This phone number belongs to another account."),
    tg_id_taken: _("This Telegram account belongs to another customer."),
    account_conflict: _("We could not create your account. Please try again."),
    telegram_taken: _("This Telegram account belongs to another customer."),
    init_data_invalid: _("Telegram sign-in failed. Close the app and open it again."),
    init_data_bad_hash: _("Telegram sign-in failed. Close the app and open it again."),
    init_data_bad_signature: _("Telegram sign-in failed. Close the app and open it again."),
    init_data_expired: _("Telegram sign-in failed. Close the app and open it again."),
    below_minimum: _("The minimum order for this address is {amount}."),
    zone_unavailable: _("We do not deliver to this address yet."),
    address_not_found: _("We could not find this address. Check it or share your location."),
    geocoder_unavailable: _("We cannot check addresses right now. Share your location or try again."),
    insufficient_stock: _("Some items are no longer in stock in that quantity. Check your cart."),
    over_limit: _("Some items are over the limit per order."),
    unknown_variant: _("Some items are no longer sold. Check your cart."),
    slot_full: _("This delivery time is full. Choose another one."),
    slot_unavailable: _("This delivery time has passed. Choose another one."),
    slot_not_found: _("This delivery time has passed. Choose another one."),
    promo_invalid: _("This promo code does not exist."),
    promo_not_started: _("This promo code is not active yet."),
    promo_expired: _("This promo code has expired."),
    promo_min_order: _("This promo code needs a bigger order."),
    promo_exhausted: _("This promo code has been used up."),
    promo_already_used: _("You have already used this promo code."),
    insufficient_funds: _("Your wallet balance is too low."),
    age_verification_required: _("Items for adults need your date of birth."),
    underage: _("Some items in your cart are sold to adults only."),
    idempotency_key_reused: _("Your cart changed while we were placing the order. Please try again."),
    payment_pending: _("The payment has not arrived yet."),
    illegal_transition: _("This order has already moved on: the board now shows where it is."),
    order_changed: _("This order has already moved on: the board now shows where it is."),
    driver_offline: _("This driver is no longer on shift. Choose another one."),
    not_a_driver: _("This account is not a driver of this pharmacy."),
    shift_open: _("Your shift is already open."),
    no_shift: _("Start your shift first."),
    deliveries_in_hand: _("Finish your deliveries before ending the shift."),
    cash_amount_required: _("Enter the cash you collected."),
    cash_amount_short: _("The cash is less than the order total."),
    id_check_required: _("Check the customer's ID before handing over."),
    kept_cold_required: _("Confirm the goods were kept cold before handing over."),
    proof_photo_required: _("Take a photo of the delivered order before handing over."),
    not_picked_up: _("Mark the order as picked up first."),
    already_reviewed: _("You have already reviewed this product."),
    not_a_buyer: _("Only customers who received this product can review it."),
    reset_token_invalid: _("This link has expired or was used already. Ask for a new one."),
    mail_failed: _("We could not send the e-mail right now. Please try again in a minute."),
  };

  function describe(error) {
    const body = (error && error.error) || {};
    const code = body.code || "";
    const template = ERRORS[code] || (body.fields ? ERRORS.validation_error : _("Something went wrong. Please try again."));
    return fill(template, {
      seconds: body.retry_after || 1,
      amount: body.min_order_cents !== undefined && cfg.store ? money(body.min_order_cents, cfg.store.currency) : "",
    });
  }

  function explain(error) {
    toast(describe(error), "error");
    haptic("error");
  }

  /* One message area per form; an error replaces the last message and marks the fields
     it names (inputs are matched by their `name`, or through `aliases`). */
  function messageArea(scope, aliases = {}) {
    const box = el("p", { class: "form-message", role: "alert", "aria-live": "assertive", hidden: true });
    const area = {
      node: box,
      clear() {
        box.hidden = true; box.textContent = ""; box.className = "form-message";
        for (const input of scope().querySelectorAll("[aria-invalid=true]")) input.removeAttribute("aria-invalid");
      },
      show(text, kind) {
        area.clear();
        box.textContent = text; box.className = "form-message " + (kind || "error"); box.hidden = false;
      },
      error(e) {
        area.show(describe(e), "error");
        haptic("error");
        const fields = (e.error && e.error.fields) || {};
        for (const key of Object.keys(fields)) {
          const name = aliases[key] || key.split(".").pop();
          const input = scope().querySelector(`[name="${CSS.escape(name)}"]`);
          if (input) input.setAttribute("aria-invalid", "true");
        }
      },
    };
    return area;
  }

  /* Run `work` for a button: it shows progress and cannot be pressed again until done. */
  async function busy(button, work) {
    if (!button || button.getAttribute("aria-busy") === "true") return undefined;
    button.setAttribute("aria-busy", "true");
    button.disabled = true;
    try { return await work(); } finally {
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }
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

  function luminance(hex) {
    const n = parseInt(hex.replace("#", "").padEnd(6, "0").slice(0, 6), 16);
    const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }
  function readable(background, text) {
    if (!/^#[0-9a-f]{6}$/i.test(background) || !/^#[0-9a-f]{6}$/i.test(text)) return background;
    let n = parseInt(background.slice(1), 16);
    const darker = luminance(text) > 0.5;  // light text: darken the button, else lighten it
    for (let step = 0; step < 20 && contrast("#" + n.toString(16).padStart(6, "0"), text) < 4.6; step++) {
      n = [16, 8, 0].reduce((acc, shift) => {
        const v = (n >> shift) & 255;
        return acc | (Math.max(0, Math.min(255, Math.round(darker ? v * 0.92 : v + (255 - v) * 0.12))) << shift);
      }, 0);
    }
    return "#" + n.toString(16).padStart(6, "0");
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
      // Telegram's own button colours can fall short of 4.5:1 (#2481cc on white text is 4.0):
      // darken the button until its text reads.
      if (theme.button_color && theme.button_text_color) {
        root.setProperty("--tg-button-color", readable(theme.button_color, theme.button_text_color));
      }
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
    returning: _("Returning to the pharmacy"), returned: _("Returned to the pharmacy"),
  };

  /* Switching the language keeps the page: the shop's page lives in the fragment. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(".langs a");
    if (link && location.hash && !link.getAttribute("href").includes("#")) link.href = link.getAttribute("href") + location.hash;
  });

  /* Statuses and order events (the ID check, a refused handover) in time order, as
     [when, what] pairs; a cancellation shows its reason, in the reader's language when it is
     one of ours. */
  const EVENTS = {
    id_checked: _("ID checked at handover"), handover_refused: _("Handover refused"),
    prescription_submitted: _("Prescription sent"), prescription_approved: _("Prescription approved"),
    prescription_rejected: _("Prescription rejected"), kept_cold: _("Kept cold at handover"), chat_message: _("Message"),
    proof_photo: _("Photo taken at delivery"),
  };
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

  window.App = { cfg, _, api, auth, money, when, el, toast, explain, describe, messageArea, busy, live, haptic, telegram, saved, STATUS, timeline };
  telegram.start();
})();

/* The sales Mini App and web storefront: anonymous catalog, cart in localStorage, sign-in
   only at checkout (initData inside Telegram; phone + code in a browser), live order status. */
(() => {
  "use strict";
  const { cfg, _, api, auth, money, when, el, toast, explain, live, haptic, telegram, saved, STATUS, timeline } = window.App;
  const storeId = cfg.store.id;
  const currency = cfg.store.currency;
  const view = document.getElementById("view");
  const cartKey = "cart:" + storeId;
  const cart = {
    items() { return saved.get(cartKey, []); },
    set(items) { saved.set(cartKey, items.filter((i) => i.quantity > 0)); renderBadge(); },
    add(variantId, delta) {
      const items = this.items();
      const line = items.find((i) => i.variant_id === variantId);
      if (line) line.quantity += delta; else items.push({ variant_id: variantId, quantity: delta });
      this.set(items);
    },
    count() { return this.items().reduce((n, i) => n + i.quantity, 0); },
  };

  function renderBadge() {
    const badge = document.getElementById("cart-count");
    if (badge) badge.textContent = String(cart.count());
  }

  function show(...nodes) {
    view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
    window.scrollTo(0, 0);
  }

  async function catalog(params) {
    const query = new URLSearchParams({ per_page: "24", ...params });
    const [tree, page] = await Promise.all([
      api(`/api/v1/stores/${storeId}/categories`),
      api(`/api/v1/stores/${storeId}/products?${query}`),
    ]);
    const search = el("input", { type: "search", placeholder: _("Search"), value: params.q || "", "aria-label": _("Search"),
      onkeydown: (e) => { if (e.key === "Enter") go("#/?q=" + encodeURIComponent(e.target.value)); } });
    const chips = el("nav", { class: "chips" },
      el("a", { href: "#/", class: params.category ? "" : "active" }, _("All")),
      tree.items.map((c) => el("a", { href: `#/?category=${c.id}`, class: String(c.id) === params.category ? "active" : "" }, c.name)));
    const grid = el("section", { class: "grid" }, page.items.map(productCard));
    show(search, chips, page.items.length ? grid : el("p", { class: "muted" }, _("Nothing found. Try another word.")));
    telegram.back(null);
    telegram.main(cart.count() ? _("🛒 Cart") : "", () => go("#/cart"));
  }

  function productCard(p) {
    const from = Math.min(...p.variants.map((v) => v.price_cents));
    const inStock = p.variants.some((v) => v.stock > 0);
    return el("article", { class: "card product", "data-product": p.id },
      el("a", { href: `#/product/${p.id}` }, el("h3", {}, p.name)),
      p.age_restricted ? el("span", { class: "tag" }, "18+") : null,
      el("p", { class: "price" }, money(from, currency)),
      inStock
        ? el("button", { class: "add", onclick: () => { cart.add(p.variants.find((v) => v.stock > 0).id, 1); haptic(); toast(_("Added to cart")); } }, _("Add"))
        : el("p", { class: "muted" }, _("out of stock")));
  }

  async function product(id) {
    const p = await api(`/api/v1/stores/${storeId}/products/${id}`);
    show(el("article", { class: "card" },
      el("h2", {}, p.name), p.age_restricted ? el("span", { class: "tag" }, "18+") : null,
      el("p", {}, p.description),
      el("ul", { class: "variants" }, p.variants.map((v) => el("li", {},
        el("span", {}, `${v.name} · ${money(v.price_cents, currency)}`),
        v.stock > 0 ? el("button", { onclick: () => { cart.add(v.id, 1); haptic(); toast(_("Added to cart")); } }, _("Add"))
                    : el("span", { class: "muted" }, _("out of stock")))))));
    telegram.back(() => history.back());
    telegram.main(_("🛒 Cart"), () => go("#/cart"));
  }

  async function cartView() {
    const items = cart.items();
    if (!items.length) { show(el("p", { class: "muted" }, _("Your cart is empty."))); telegram.main("", null); return; }
    const priced = await api(`/api/v1/stores/${storeId}/cart/price`, { method: "POST", body: { items } });
    const rows = priced.lines.map((line) => el("li", { class: "line" },
      el("span", {}, `${line.name} (${line.variant_name})`),
      el("span", { class: "qty" },
        el("button", { "aria-label": "−", onclick: () => { cart.add(line.variant_id, -1); cartView(); } }, "−"),
        String(line.quantity),
        el("button", { "aria-label": "+", onclick: () => { cart.add(line.variant_id, 1); cartView(); } }, "+")),
      el("span", {}, money(line.line_total_cents, currency)),
      line.problem ? el("em", { class: "problem" }, line.problem === "insufficient_stock" ? _("Only {count} left", { count: line.stock }) : _("Over the limit")) : null));
    show(el("h2", {}, _("Cart")), el("ul", { class: "lines" }, rows),
      el("p", { class: "total" }, _("Subtotal: {total}", { total: money(priced.subtotal_cents, currency) })),
      el("button", { id: "to-checkout", class: "primary", disabled: priced.has_problems, onclick: () => go("#/checkout") }, _("Check out")));
    telegram.back(() => go("#/"));
    telegram.main(_("Check out"), () => go("#/checkout"));
  }

  async function signIn() {
    if (await auth.ensure()) return true;
    const phone = el("input", { type: "tel", name: "phone", placeholder: "+34600111222", autocomplete: "tel" });
    const code = el("input", { name: "code", inputmode: "numeric", placeholder: "123456", hidden: true });
    const button = el("button", { class: "primary" }, _("Send code"));
    return new Promise((resolve) => {
      button.onclick = async () => {
        try {
          if (code.hidden) {
            await api("/api/v1/auth/otp/request", { method: "POST", body: { phone: phone.value, purpose: "login" } });
            code.hidden = false; button.textContent = _("Sign in"); toast(_("We sent you a code."));
          } else {
            auth.save(await api("/api/v1/auth/otp/verify", { method: "POST", body: { phone: phone.value, code: code.value } }));
            resolve(true);
          }
        } catch (e) { explain(e); }
      };
      show(el("h2", {}, _("Sign in to order")), el("p", {}, _("We will send a code to your phone.")), phone, code, button,
        el("p", {}, el("a", { href: "/api/v1/auth/google/start?next=" + encodeURIComponent(location.pathname + location.search + "#/checkout") }, _("Sign in with Google"))));
    });
  }

  async function checkout() {
    if (!(await signIn())) return;
    const me = await api("/api/v1/me", { signed: true });
    const items = cart.items();
    const priced = await api(`/api/v1/stores/${storeId}/cart/price`, { method: "POST", body: { items } });
    const state = { address: null };
    const address = el("input", { name: "address", placeholder: _("Street, number, city"), autocomplete: "street-address" });
    const details = el("input", { name: "details", placeholder: _("Flat, floor, door code") });
    const quote = el("p", { class: "quote muted" });
    const check = async (body) => {
      try {
        const q = await api(`/api/v1/stores/${storeId}/delivery/quote`, { method: "POST", body: { address: body } });
        state.address = { text: q.address_text, lat: q.lat, lng: q.lng };
        quote.className = "quote ok";
        quote.textContent = _("We deliver there: {fee} delivery, about {minutes} min.", { fee: money(q.fee_cents, currency), minutes: q.eta_minutes });
        if (!q.open_now) quote.textContent += " " + (q.asap_from
          ? _("We are closed now and open again on {time}. An order for “as soon as possible” is delivered from then.", { time: when(q.asap_from) })
          : _("We are closed for the coming days: choose a delivery time."));
      } catch (e) { state.address = null; quote.className = "quote problem"; quote.textContent = e.message; }
    };
    address.onchange = () => check({ text: address.value });
    const locate = el("button", { type: "button", id: "use-location", onclick: () => {
      navigator.geolocation.getCurrentPosition(
        (pos) => check({ lat: pos.coords.latitude, lng: pos.coords.longitude }),
        () => toast(_("We could not get your location."), "error"));
    } }, _("📍 Send my location"));
    const slots = await api(`/api/v1/stores/${storeId}/slots`);
    const slot = el("select", { name: "slot" }, el("option", { value: "" }, _("As soon as possible")),
      slots.items.map((s) => el("option", { value: s.id }, `${when(s.starts_at)} (${s.remaining})`)));
    const payment = el("select", { name: "payment" },
      el("option", { value: "cash" }, _("Cash on delivery")), el("option", { value: "card" }, _("Card on delivery")),
      el("option", { value: "crypto" }, _("Crypto")));
    const promo = el("input", { name: "promo", placeholder: _("Promo code") });
    const birth = priced.age_restricted && !me.date_of_birth_given ? el("input", { name: "dob", type: "date" }) : null;
    const key = sessionStorage.getItem("checkout-key") || crypto.randomUUID();
    sessionStorage.setItem("checkout-key", key);
    const place = async () => {
      if (!state.address) { toast(_("Check the address first."), "error"); return; }
      try {
        if (birth) await api("/api/v1/me/date-of-birth", { method: "PUT", signed: true, body: { date_of_birth: birth.value } });
        const order = await api("/api/v1/orders", { method: "POST", signed: true, headers: { "Idempotency-Key": key },
          body: { store_id: storeId, items, payment_method: payment.value, promo_code: promo.value || null,
                  slot_id: slot.value ? Number(slot.value) : null, address: { ...state.address, details: details.value } } });
        sessionStorage.removeItem("checkout-key");
        cart.set([]);
        haptic("success");
        go(`#/order/${order.id}`);
      } catch (e) { explain(e); }
    };
    show(el("h2", {}, _("Delivery")), address, details, locate, quote,
      el("label", {}, _("When?"), slot), el("label", {}, _("How will you pay?"), payment),
      el("label", {}, _("Promo code"), promo),
      birth ? el("label", {}, _("Date of birth (18+ items)"), birth) : null,
      el("p", { class: "total" }, _("Subtotal: {total}", { total: money(priced.subtotal_cents, currency) })),
      el("button", { id: "place-order", class: "primary", onclick: place }, _("✅ Place order")));
    telegram.back(() => go("#/cart"));
    telegram.main(_("✅ Place order"), place);
  }

  async function orderView(id) {
    const order = await api(`/api/v1/orders/${id}`, { signed: true });
    show(el("article", { class: "card order", "data-status": order.status },
      el("h2", {}, order.number),
      el("p", { id: "order-status", class: "status" }, STATUS[order.status]),
      order.eta_minutes && ["assigned", "picked_up"].includes(order.status)
        ? el("p", {}, _("Arrives in about {minutes} min.", { minutes: order.eta_minutes })) : null,
      el("ul", { class: "lines" }, order.items.map((i) => el("li", {}, `${i.name} × ${i.quantity}`))),
      el("p", { class: "total" }, _("Total: {amount}", { amount: money(order.total_cents, order.currency) })),
      el("ol", { class: "timeline" }, timeline(order).map(([at, what]) => el("li", {}, `${when(at)} — ${what}`)))));
    telegram.back(() => go("#/"));
    telegram.main("", null);
  }

  function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

  async function route() {
    const [path, search] = location.hash.slice(1).split("?");
    const params = Object.fromEntries(new URLSearchParams(search || ""));
    try {
      if (path.startsWith("/product/")) await product(path.split("/")[2]);
      else if (path === "/cart") await cartView();
      else if (path === "/checkout") await checkout();
      else if (path.startsWith("/order/")) await orderView(path.split("/")[2]);
      else await catalog(params);
    } catch (e) { explain(e); }
  }

  const fromGoogle = new URLSearchParams(location.hash.split("#").pop());
  if (fromGoogle.get("access_token")) {
    auth.save({ access_token: fromGoogle.get("access_token"), refresh_token: fromGoogle.get("refresh_token"), user: null });
    history.replaceState(null, "", location.pathname + location.search + "#/checkout");
  }
  window.addEventListener("hashchange", route);
  renderBadge();
  route();
  if (auth.tokens()) startLive();

  function startLive() {
    live((frame) => {
      const shown = location.hash.match(/^#\/order\/(\d+)/);
      if (shown && frame.payload && String(frame.payload.order_id) === shown[1]) route();
    });
  }
  window.addEventListener("storage", () => renderBadge());  // another tab changed the cart
  // Signing in at checkout starts the live connection for the order page that follows.
  const saveTokens = auth.save.bind(auth);
  auth.save = (body) => { const first = !auth.tokens(); saveTokens(body); if (first) startLive(); };
})();

/* The sales Mini App and web storefront: anonymous catalog, cart in localStorage, sign-in
   only at checkout (initData inside Telegram; phone + code in a browser), live order status. */
(() => {
  "use strict";
  const { cfg, _, api, auth, money, when, el, toast, explain, describe, messageArea, busy, live, haptic, telegram, saved, STATUS, timeline } = window.App;
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

  const SORTS = { relevance: _("Best match"), name: _("Name"), price_asc: _("Price: low to high"), price_desc: _("Price: high to low"), newest: _("Newest") };
  const PER_PAGE = 24;

  async function catalog(params) {
    const wanted = { ...params };
    const query = (page) => new URLSearchParams({ ...wanted, per_page: String(PER_PAGE), page: String(page) });
    const [tree, first] = await Promise.all([
      api(`/api/v1/stores/${storeId}/categories`),
      api(`/api/v1/stores/${storeId}/products?${query(1)}`),
    ]);
    const hashFor = (change) => {
      const next = { ...wanted, ...change };
      for (const key of Object.keys(next)) if (next[key] === "" || next[key] === undefined) delete next[key];
      return "#/?" + new URLSearchParams(next);
    };
    const search = el("input", { type: "search", name: "q", placeholder: _("Search"), value: params.q || "", "aria-label": _("Search"),
      onkeydown: (e) => { if (e.key === "Enter") go(hashFor({ q: e.target.value })); } });
    const chips = el("nav", { class: "chips", "aria-label": _("Categories") },
      el("a", { href: hashFor({ category: "" }), class: params.category ? "" : "active" }, _("All")),
      tree.items.map((c) => el("a", { href: hashFor({ category: String(c.id) }), class: String(c.id) === params.category ? "active" : "" }, c.name)));
    const sort = el("select", { name: "sort", id: "sort", onchange: () => go(hashFor({ sort: sort.value })) },
      Object.entries(SORTS).map(([value, label]) => el("option", { value, selected: (params.sort || "relevance") === value }, label)));
    const inStock = el("input", { type: "checkbox", name: "in_stock", id: "in-stock", checked: params.in_stock === "true",
      onchange: () => go(hashFor({ in_stock: inStock.checked ? "true" : "" })) });
    const tools = el("div", { class: "tools" }, el("label", { for: "sort" }, _("Sort by"), sort),
      el("label", { for: "in-stock", class: "check" }, inStock, _("In stock only")));
    const grid = el("section", { class: "grid", id: "products" }, first.items.map(productCard));
    const counter = el("p", { class: "muted", id: "shown-count", "aria-live": "polite" });
    let page = 1;
    const more = el("button", { type: "button", id: "load-more" }, _("Show more"));
    const update = (shown) => {
      counter.textContent = _("Showing {shown} of {total}", { shown, total: first.total });
      more.hidden = page >= first.pages;
    };
    more.onclick = () => busy(more, async () => {
      const next = await api(`/api/v1/stores/${storeId}/products?${query(page + 1)}`);
      page = next.page;
      grid.append(...next.items.map(productCard));
      update(grid.children.length);
    });
    update(first.items.length);
    show(search, chips, tools, first.items.length ? grid : el("p", { class: "muted" }, _("Nothing found. Try another word.")), counter, more);
    telegram.back(null);
    telegram.main(cart.count() ? _("🛒 Cart") : "", () => go("#/cart"));
  }

  async function signedIn() {
    if (auth.tokens()) return true;
    return signIn();
  }

  async function ordersView() {
    if (!(await signedIn())) return;
    const list = await api("/api/v1/orders", { signed: true });
    const rows = list.items.filter((o) => o.store_id === storeId).map((o) => {
      const again = el("button", { type: "button", "data-reorder": o.id, onclick: () => busy(again, () => reorder(o.id)) }, _("🔁 Order again"));
      return el("li", { class: "card", "data-order-row": o.id, "data-status": o.status },
        el("a", { href: `#/order/${o.id}` }, el("strong", {}, o.number)), " · ", when(o.created_at),
        el("p", { class: "status-line" }, STATUS[o.status], " · ", money(o.total_cents, o.currency)), again);
    });
    show(el("h2", {}, _("My orders")), rows.length ? el("ul", { class: "lines", id: "my-orders" }, rows) : el("p", { class: "muted" }, _("No orders yet.")));
    telegram.back(() => go("#/"));
    telegram.main("", null);
  }

  async function reorder(orderId) {
    try {
      await api(`/api/v1/orders/${orderId}/reorder`, { method: "POST", signed: true });
      const server = await api(`/api/v1/stores/${storeId}/cart`, { signed: true });
      cart.set(server.lines.filter((l) => !l.problem || l.problem === "insufficient_stock")
        .map((l) => ({ variant_id: l.variant_id, quantity: Math.min(l.quantity, Math.max(l.stock, 0)) })));
      haptic("success");
      go("#/cart");
    } catch (e) { explain(e); }
  }

  async function favoritesView() {
    if (!(await signedIn())) return;
    const mine = await api(`/api/v1/stores/${storeId}/favorites`, { signed: true });
    const products = await Promise.all(mine.product_ids.map((id) => api(`/api/v1/stores/${storeId}/products/${id}`).catch(() => null)));
    const found = products.filter(Boolean);
    show(el("h2", {}, _("Favorites")), found.length ? el("section", { class: "grid", id: "favorites" }, found.map(productCard))
      : el("p", { class: "muted" }, _("Nothing here yet: tap ♡ on a product to keep it.")));
    telegram.back(() => go("#/"));
  }

  function productCard(p) {
    const from = Math.min(...p.variants.map((v) => v.price_cents));
    const inStock = p.variants.some((v) => v.stock > 0);
    return el("article", { class: "card product", "data-product": p.id },
      p.image_url ? el("img", { src: p.image_url, alt: "", width: 160, height: 160, loading: "lazy", decoding: "async" }) : null,
      el("a", { href: `#/product/${p.id}` }, el("h3", {}, p.name)),
      p.age_restricted ? el("span", { class: "tag" }, "18+") : null,
      p.prescription_required ? el("span", { class: "tag rx" }, "Rx") : null,
      p.cold_chain ? el("span", { class: "tag cold" }, "❄") : null,
      el("p", { class: "price" }, money(from, currency)),
      inStock
        ? el("button", { class: "add", onclick: () => { cart.add(p.variants.find((v) => v.stock > 0).id, 1); haptic(); toast(_("Added to cart")); } }, _("Add"))
        : el("p", { class: "muted" }, _("out of stock")));
  }

  async function product(id) {
    const [p, reviews] = await Promise.all([
      api(`/api/v1/stores/${storeId}/products/${id}`),
      api(`/api/v1/stores/${storeId}/products/${id}/reviews`),
    ]);
    const favorite = el("button", { type: "button", id: "favorite", "aria-pressed": "false", "aria-label": _("Keep in favorites") }, "♡");
    const setHeart = (on) => { favorite.setAttribute("aria-pressed", on ? "true" : "false"); favorite.textContent = on ? "♥" : "♡"; };
    if (auth.tokens()) {
      api(`/api/v1/stores/${storeId}/favorites`, { signed: true }).then((f) => setHeart(f.product_ids.includes(p.id))).catch(() => {});
    }
    favorite.onclick = () => busy(favorite, async () => {
      if (!(await signedIn())) return;
      const on = favorite.getAttribute("aria-pressed") !== "true";
      try {
        await api(`/api/v1/stores/${storeId}/favorites/${p.id}`, { method: on ? "PUT" : "DELETE", signed: true });
        setHeart(on);
        toast(on ? _("Kept in favorites") : _("Removed from favorites"));
      } catch (e) { explain(e); }
    });
    const stars = (n) => "★".repeat(n) + "☆".repeat(5 - n);
    const reviewList = el("section", { id: "reviews", "aria-label": _("Reviews") },
      el("h3", {}, reviews.average === null ? _("No reviews yet.") : _("Rated {average} of 5", { average: reviews.average.toFixed(1) })),
      el("ul", { class: "lines" }, reviews.items.map((r) => el("li", {}, el("span", { "aria-label": _("{count} of 5 stars", { count: r.rating }) }, stars(r.rating)), " ", r.text))));
    const rating = el("select", { name: "rating", id: "rating" }, [5, 4, 3, 2, 1].map((n) => el("option", { value: n }, stars(n))));
    const text = el("input", { name: "text", id: "review-text", maxlength: 2000 });
    const send = el("button", { type: "submit" }, _("Send review"));
    const reviewForm = el("form", { id: "review-form", novalidate: true });
    const msg = messageArea(() => reviewForm);
    reviewForm.onsubmit = (event) => {
      event.preventDefault();
      busy(send, async () => {
        if (!(await signedIn())) return;
        try {
          await api(`/api/v1/stores/${storeId}/products/${p.id}/reviews`, { method: "POST", signed: true, body: { rating: Number(rating.value), text: text.value } });
          msg.show(_("Thank you for your review."), "ok");
        } catch (e) { msg.error(e); }
      });
    };
    reviewForm.append(el("label", { for: "rating" }, _("Your rating"), rating), el("label", { for: "review-text" }, _("Your review"), text), msg.node, send);
    show(el("article", { class: "card" },
      el("div", { class: "title-row" }, el("h2", {}, p.name), favorite), p.age_restricted ? el("span", { class: "tag" }, "18+") : null,
      p.prescription_required ? el("span", { class: "tag rx" }, "Rx") : null,
      p.cold_chain ? el("span", { class: "tag cold" }, "❄") : null,
      p.image_url ? el("img", { src: p.image_url, alt: p.name, width: 320, height: 320, loading: "lazy", decoding: "async" }) : null,
      el("p", {}, p.description),
      el("ul", { class: "variants" }, p.variants.map((v) => el("li", {},
        el("span", {}, `${v.name} · ${money(v.price_cents, currency)}`),
        v.stock > 0 ? el("button", { onclick: () => { cart.add(v.id, 1); haptic(); toast(_("Added to cart")); } }, _("Add"))
                    : el("span", { class: "muted" }, _("out of stock")))))),
      reviewList, reviewForm);
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
    const phone = el("input", { type: "tel", name: "phone", id: "phone", placeholder: "+34600111222", autocomplete: "tel", required: true });
    const code = el("input", { name: "code", id: "code", inputmode: "numeric", autocomplete: "one-time-code", placeholder: "123456" });
    const codeLabel = el("label", { for: "code", hidden: true }, _("Code from the message"), code);
    const button = el("button", { type: "submit", class: "primary" }, _("Send code"));
    const form = el("form", { id: "sign-in", novalidate: true });
    const msg = messageArea(() => form);
    const askForCode = () => { codeLabel.hidden = false; button.textContent = _("Sign in"); code.focus(); };
    return new Promise((resolve) => {
      form.onsubmit = (event) => {
        event.preventDefault();
        busy(button, async () => {
          try {
            if (codeLabel.hidden) {
              await api("/api/v1/auth/otp/request", { method: "POST", body: { phone: phone.value, purpose: "login" } });
              askForCode();
              msg.show(_("We sent you a code."), "ok");
            } else {
              auth.save(await api("/api/v1/auth/otp/verify", { method: "POST", body: { phone: phone.value, code: code.value } }));
              resolve(true);
            }
          } catch (e) {
            msg.error(e);
            if (e.error && e.error.code === "otp_cooldown") askForCode();  // the earlier code still works
          }
        });
      };
      form.append(el("label", { for: "phone" }, _("Phone number"), phone), codeLabel, msg.node, button);
      show(el("h2", {}, _("Sign in to order")), el("p", {}, _("We will send a code to your phone.")), form,
        passwordForm(resolve),
        el("p", {}, el("a", { href: "/api/v1/auth/google/start?next=" + encodeURIComponent(location.pathname + location.search + "#/checkout") }, _("Sign in with Google"))));
      phone.focus();
    });
  }

  /* E-mail and password, with "forgot password": folded away under the phone form. */
  function passwordForm(resolve) {
    const email = el("input", { type: "email", name: "email", id: "email", autocomplete: "username" });
    const password = el("input", { type: "password", name: "password", id: "password", autocomplete: "current-password" });
    const submit = el("button", { type: "submit" }, _("Sign in"));
    const forgot = el("button", { type: "button", id: "forgot" }, _("Forgot password?"));
    const form = el("form", { id: "password-sign-in", novalidate: true });
    const msg = messageArea(() => form);
    form.onsubmit = (event) => {
      event.preventDefault();
      busy(submit, async () => {
        try {
          auth.save(await api("/api/v1/auth/login", { method: "POST", body: { email: email.value, password: password.value } }));
          resolve(true);
        } catch (e) { msg.error(e); }
      });
    };
    forgot.onclick = () => busy(forgot, async () => {
      if (!email.value.trim()) { msg.show(_("Enter your e-mail first."), "error"); email.setAttribute("aria-invalid", "true"); return; }
      try {
        await api("/api/v1/auth/password/forgot", { method: "POST", body: { email: email.value } });
        msg.show(_("If this e-mail has an account, we sent it a link to set a new password."), "ok");
      } catch (e) { msg.error(e); }
    });
    form.append(el("label", { for: "email" }, _("E-mail"), email), el("label", { for: "password" }, _("Password"), password),
      msg.node, el("div", { class: "actions" }, submit, forgot));
    return el("details", { class: "card" }, el("summary", {}, _("Sign in with e-mail and password")), form);
  }

  function resetView() {
    const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
    const password = el("input", { type: "password", name: "password", id: "new-password", autocomplete: "new-password", minlength: 8 });
    const submit = el("button", { type: "submit", class: "primary" }, _("Set the new password"));
    const form = el("form", { id: "reset", novalidate: true });
    const msg = messageArea(() => form);
    form.onsubmit = (event) => {
      event.preventDefault();
      busy(submit, async () => {
        try {
          await api("/api/v1/auth/password/reset", { method: "POST", body: { token, password: password.value } });
          form.replaceChildren(el("p", { class: "form-message ok" }, _("Your password is changed. Sign in with it.")), el("a", { class: "button", href: "/" }, _("Open the shop")));
        } catch (e) { msg.error(e); }
      });
    };
    form.append(el("label", { for: "new-password" }, _("New password (at least 8 characters)"), password), msg.node, submit);
    show(el("h2", {}, _("New password")), form);
  }

  async function checkout() {
    if (!(await signIn())) return;
    const items = cart.items();
    if (!items.length) { go("#/cart"); return; }
    const [me, priced, slots] = await Promise.all([
      api("/api/v1/me", { signed: true }),
      api(`/api/v1/stores/${storeId}/cart/price`, { method: "POST", body: { items } }),
      api(`/api/v1/stores/${storeId}/slots`),
    ]);
    const state = { address: null, balance: 0, asked: 0, blocked: false };
    const form = el("form", { id: "checkout", novalidate: true });
    const msg = messageArea(() => form, { date_of_birth: "dob", slot_id: "slot", promo_code: "promo", wallet_cents: "wallet", "address.text": "address" });
    const address = el("input", { name: "address", id: "address", placeholder: _("Street, number, city"), autocomplete: "street-address" });
    const details = el("input", { name: "details", id: "details", placeholder: _("Flat, floor, door code") });
    const quote = el("p", { class: "quote muted", id: "quote", "aria-live": "polite" });
    const summary = el("div", { class: "summary", id: "summary", "aria-live": "polite" });
    const rows = (...nodes) => el("dl", {}, ...nodes);
    const check = async (body, via) => {
      try {
        const q = await api(`/api/v1/stores/${storeId}/delivery/quote`, { method: "POST", body: { address: body } });
        state.address = { text: q.address_text, lat: q.lat, lng: q.lng };
        if (via === "location") address.value = q.address_text;  // shown, never replaced silently
        address.removeAttribute("aria-invalid");
        quote.className = "quote ok";
        quote.textContent = _("We deliver there: {fee} delivery, about {minutes} min.", { fee: money(q.fee_cents, currency), minutes: q.eta_minutes })
          + (via === "location" ? " " + _("Using your location: {address}. Edit the address above to deliver elsewhere.", { address: q.address_text }) : "");
        if (!q.open_now) quote.textContent += " " + (q.asap_from
          ? _("We are closed now and open again on {time}. An order for “as soon as possible” is delivered from then.", { time: when(q.asap_from) })
          : _("We are closed for the coming days: choose a delivery time."));
      } catch (e) {
        state.address = null;
        quote.className = "quote problem";
        quote.textContent = describe(e);
        address.setAttribute("aria-invalid", "true");
      }
      await reprice();
    };
    address.oninput = () => { state.address = null; quote.className = "quote muted"; quote.textContent = _("We check the address when you leave the field."); };
    address.onchange = () => { if (address.value.trim()) check({ text: address.value }, "typed"); };
    const locate = el("button", { type: "button", id: "use-location", onclick: () => {
      if (!navigator.geolocation) { msg.show(_("We could not get your location."), "error"); return; }
      navigator.geolocation.getCurrentPosition(
        (pos) => check({ lat: pos.coords.latitude, lng: pos.coords.longitude }, "location"),
        () => msg.show(_("We could not get your location."), "error"));
    } }, _("📍 Send my location"));
    const slot = el("select", { name: "slot", id: "slot", onchange: () => reprice() }, el("option", { value: "" }, _("As soon as possible")),
      slots.items.map((s) => el("option", { value: s.id }, _("{time} · {count} places left", { time: when(s.starts_at), count: s.remaining }))));
    const payment = el("select", { name: "payment", id: "payment" },
      el("option", { value: "cash" }, _("Cash on delivery")), el("option", { value: "card" }, _("Card on delivery")),
      el("option", { value: "crypto" }, _("Crypto")));
    const promo = el("input", { name: "promo", id: "promo", placeholder: _("Promo code"), autocomplete: "off", onchange: () => reprice() });
    const wallet = el("input", { type: "checkbox", name: "wallet", id: "wallet", onchange: () => reprice() });
    const walletLabel = el("label", { for: "wallet", class: "check", hidden: true }, wallet, el("span", { id: "wallet-text" }));
    const birth = priced.age_restricted && !me.date_of_birth_given ? el("input", { name: "dob", id: "dob", type: "date", required: true }) : null;
    const placeButton = el("button", { type: "submit", id: "place-order", class: "primary" }, _("✅ Place order"));
    const key = sessionStorage.getItem("checkout-key") || crypto.randomUUID();
    sessionStorage.setItem("checkout-key", key);
    const body = () => ({ store_id: storeId, items, payment_method: payment.value, promo_code: promo.value.trim() || null,
      slot_id: slot.value ? Number(slot.value) : null, wallet_cents: wallet.checked ? state.balance : 0,
      address: { ...state.address, details: details.value } });

    const row = (label, value, id, extra) => [el("dt", { class: extra || "" }, label), el("dd", { id, class: extra || "" }, value)];
    /* The summary is priced by the server with the same path as placing the order. */
    async function reprice() {
      const asked = ++state.asked;
      const subtotal = row(_("Items"), money(priced.subtotal_cents, currency), "sum-subtotal");
      if (!state.address) {
        summary.replaceChildren(rows(...subtotal, ...row(_("Delivery"), "—", "sum-fee")),
          el("p", { class: "note muted" }, _("Enter your address to see the delivery fee and the total.")));
        return;
      }
      try {
        const sent = body();
        const p = await api("/api/v1/orders/preview", { method: "POST", signed: true, body: sent });
        if (asked !== state.asked) return;  // a newer change is being priced
        state.balance = p.wallet_balance_cents;
        walletLabel.hidden = p.wallet_balance_cents <= 0;
        document.getElementById("wallet-text").textContent = _("Pay from my wallet ({amount} available)", { amount: money(p.wallet_balance_cents, currency) });
        // Ticked before the balance was known: ask again with it (once).
        if (wallet.checked && sent.wallet_cents === 0 && p.wallet_balance_cents > 0) return reprice();
        promo.removeAttribute("aria-invalid");
        state.blocked = p.missing_for_minimum_cents > 0;
        summary.replaceChildren(rows(...subtotal,
          ...row(_("Delivery"), money(p.delivery_fee_cents, currency), "sum-fee"),
          ...(p.discount_cents ? row(_("Discount"), "−" + money(p.discount_cents, currency), "sum-discount") : []),
          ...(p.wallet_cents ? row(_("From your wallet"), "−" + money(p.wallet_cents, currency), "sum-wallet") : []),
          ...row(_("Total to pay"), money(p.total_cents, currency), "sum-total", "grand")),
          ...(state.blocked ? [el("p", { class: "note problem", id: "sum-minimum" }, _("Add {amount} more to reach the minimum order of {minimum} for this address.",
            { amount: money(p.missing_for_minimum_cents, currency), minimum: money(p.min_order_cents, currency) }))] : []));
        placeButton.disabled = state.blocked;
        if (msg.node.className.includes("error")) msg.clear();
      } catch (e) {
        if (asked !== state.asked) return;
        msg.error(e);
      }
    }

    const place = async () => {
      if (!state.address) { msg.show(_("Check the address first."), "error"); address.setAttribute("aria-invalid", "true"); address.focus(); return; }
      if (birth && !birth.value) { msg.show(_("Items for adults need your date of birth."), "error"); birth.setAttribute("aria-invalid", "true"); birth.focus(); return; }
      try {
        if (birth) await api("/api/v1/me/date-of-birth", { method: "PUT", signed: true, body: { date_of_birth: birth.value } });
        const order = await api("/api/v1/orders", { method: "POST", signed: true, headers: { "Idempotency-Key": key }, body: body() });
        sessionStorage.removeItem("checkout-key");
        cart.set([]);
        haptic("success");
        go(`#/order/${order.id}`);
      } catch (e) { msg.error(e); }
    };
    form.onsubmit = (event) => { event.preventDefault(); busy(placeButton, place); };
    form.append(...[
      el("label", { for: "address" }, _("Address"), address), el("label", { for: "details" }, _("Flat, floor, door code"), details),
      locate, quote,
      el("label", { for: "slot" }, _("When?"), slot), el("label", { for: "payment" }, _("How will you pay?"), payment),
      el("label", { for: "promo" }, _("Promo code"), promo), walletLabel,
      birth ? el("label", { for: "dob" }, _("Date of birth (18+ items)"), birth) : null,
      summary, msg.node, placeButton].filter(Boolean));
    show(el("h2", {}, _("Delivery")), form);
    await reprice();
    telegram.back(() => go("#/cart"));
    telegram.main(_("✅ Place order"), () => placeButton.click());
  }

  const RX_STATE = {
    required: _("Send the prescription: a pharmacist checks it before we confirm the order."),
    submitted: _("A pharmacist is checking your prescription."),
    approved: _("Prescription approved."),
    rejected: _("The pharmacist could not accept the prescription. Send another one, or remove the prescription items."),
  };

  /* An order with prescription items: its state, and while it waits, the ways to answer. */
  function prescriptionPanel(order) {
    if (!RX_STATE[order.prescription_state]) return null;
    const open = order.status === "pending" && ["required", "rejected", "submitted"].includes(order.prescription_state);
    const note = [...(order.events || [])].reverse().find((e) => e.kind === "prescription_rejected");
    let form = null;
    const msg = messageArea(() => form);
    const file = el("input", { type: "file", name: "file", id: "rx-file", accept: "image/jpeg,image/png,application/pdf" });
    const code = el("input", { name: "code", id: "rx-code", maxlength: 64, autocomplete: "off" });
    const send = el("button", { type: "submit", id: "rx-send", class: "primary" }, _("Send prescription"));
    form = el("form", { id: "rx-form", onsubmit: (event) => { event.preventDefault(); busy(send, () => upload()); } },
      el("label", { for: "rx-file" }, _("Photo or PDF (up to 10 MB)"), file),
      el("label", { for: "rx-code" }, _("…or the e-prescription code"), code),
      send, msg.node);
    const drop = el("button", { type: "button", id: "rx-remove", onclick: () => busy(drop, async () => {
      try {
        await api(`/api/v1/orders/${order.id}/prescription/remove-items`, { method: "POST", signed: true });
        await orderView(order.id);
      } catch (e) { explain(e); }
    }) }, _("Remove the prescription items"));
    async function upload() {
      try {
        if (file.files.length) {
          const data = new FormData();
          data.append("file", file.files[0]);
          const t = auth.tokens();
          const response = await fetch(`/api/v1/orders/${order.id}/prescription`, {
            method: "POST", body: data,
            headers: { "Accept-Language": cfg.locale, ...(t ? { Authorization: "Bearer " + t.access } : {}) },
          });
          if (!response.ok) {
            const error = ((await response.json().catch(() => null)) || {}).error || { code: "http_" + response.status };
            throw Object.assign(new Error(error.text || error.message), { status: response.status, error });
          }
        } else if (code.value.trim()) {
          await api(`/api/v1/orders/${order.id}/prescription`, { method: "POST", signed: true, body: { code: code.value.trim() } });
        } else {
          msg.show(_("Choose a file or type the code."));
          return;
        }
        toast(_("Prescription sent"));
        await orderView(order.id);
      } catch (e) { explain(e); }
    }
    return el("section", { class: "prescription", id: "prescription", "data-rx": order.prescription_state },
      el("p", { class: "note" }, RX_STATE[order.prescription_state]),
      note && note.data && note.data.note ? el("p", { class: "note problem" }, note.data.note) : null,
      open ? form : null,
      open ? drop : null);
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
      prescriptionPanel(order),
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
      else if (path === "/orders") await ordersView();
      else if (path === "/favorites") await favoritesView();
      else await catalog(params);
    } catch (e) { explain(e); }
  }

  const fromGoogle = new URLSearchParams(location.hash.split("#").pop());
  if (fromGoogle.get("access_token")) {
    auth.save({ access_token: fromGoogle.get("access_token"), refresh_token: fromGoogle.get("refresh_token"), user: null });
    history.replaceState(null, "", location.pathname + location.search + "#/checkout");
  }
  renderBadge();
  if (location.pathname === "/reset-password") resetView();
  else { window.addEventListener("hashchange", route); route(); }
  if (auth.tokens()) startLive();

  function startLive() {
    live((frame) => {
      const shown = location.hash.match(/^#\/order\/(\d+)/);
      if (shown && frame.payload && String(frame.payload.order_id) === shown[1]) route();
      if (location.hash === "#/orders" && frame.type.startsWith("ORDER_")) route();  // live statuses
    });
  }
  window.addEventListener("storage", () => renderBadge());  // another tab changed the cart
  // Signing in at checkout starts the live connection for the order page that follows.
  const saveTokens = auth.save.bind(auth);
  auth.save = (body) => { const first = !auth.tokens(); saveTokens(body); if (first) startLive(); };
})();

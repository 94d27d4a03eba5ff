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

  /* What the customer has typed into the view's text fields and not yet sent (value no longer
     the field's default), by id, and which of them has the focus. */
  function typed() {
    const fields = [...view.querySelectorAll("input[id]:not([type=checkbox]):not([type=radio]), textarea[id]")]
      .filter((f) => f.value !== f.defaultValue);
    const focused = fields.find((f) => f === document.activeElement);
    return { values: fields.map((f) => [f.id, f.value]), focused: focused ? focused.id : null };
  }

  // Fields of a page drawn over: the browser still fires their change event as they go.
  const replaced = new WeakSet();

  /* Views are async: a slow one finishing after the customer moved on must not draw over the
     newer page. Each view takes its own `show` from screen() before its first await; once
     another route has begun, that show stops the stale view (route() ignores the Stale). */
  class Stale extends Error {}
  let routes = 0;
  function screen() {
    const mine = routes;
    return (...nodes) => { if (mine !== routes) throw new Stale(); draw(...nodes); };
  }

  function draw(...nodes) {
    // A page drawn again (a filter chosen, a list refreshed) keeps what is being typed: the
    // new field takes the typed value unless it arrives with one of its own.
    const kept = typed();
    for (const field of view.querySelectorAll("input, textarea, select")) replaced.add(field);
    view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
    for (const [id, value] of kept.values) {
      const field = document.getElementById(id);
      if (!field || !view.contains(field) || field.value !== field.defaultValue) continue;
      field.value = value;
      // A value set by script never fires "change" on its own: leaving the field still
      // applies what was typed, as it would have in the field it replaced.
      let changed = false;
      field.addEventListener("change", () => { changed = true; }, { once: true });
      field.addEventListener("blur", () => {
        if (!changed && field.value !== field.defaultValue) field.dispatchEvent(new Event("change"));
      }, { once: true });
    }
    const again = kept.focused && document.getElementById(kept.focused);
    if (again && view.contains(again)) again.focus({ preventScroll: true });
    else window.scrollTo(0, 0);
  }

  const SORTS = { relevance: _("Best match"), name: _("Name"), price_asc: _("Price: low to high"), price_desc: _("Price: high to low"), newest: _("Newest") };
  const PER_PAGE = 24;
  const CARD_SIZES = "(min-width: 40rem) 12rem, 45vw";
  const PAGE_SIZES = "(min-width: 40rem) 20rem, 90vw";

  async function catalog(params) {
    const show = screen();
    const wanted = { ...params };
    const query = (page) => new URLSearchParams({ ...wanted, per_page: String(PER_PAGE), page: String(page) });
    const home = !params.q && !params.category;
    const [tree, brands, first, banners] = await Promise.all([
      api(`/api/v1/stores/${storeId}/categories`),
      api(`/api/v1/stores/${storeId}/brands`).catch(() => ({ items: [] })),
      api(`/api/v1/stores/${storeId}/products?${query(1)}`),
      /* The store's banners on the home screen only; a failure just leaves them out. */
      home ? api(`/api/v1/stores/${storeId}/banners`).catch(() => ({ items: [] })) : { items: [] },
    ]);
    const strip = banners.items.length ? el("section", { class: "banners", id: "banners" }, banners.items.map((b) => {
      const img = el("img", { src: b.image_url, alt: b.title || "", loading: "lazy" });
      return b.link ? el("a", { href: b.link, class: "banner", "data-banner": String(b.id) }, img)
        : el("div", { class: "banner", "data-banner": String(b.id) }, img);
    })) : null;
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
    const brand = el("select", { name: "brand", id: "brand", onchange: () => go(hashFor({ brand: brand.value })) },
      el("option", { value: "" }, _("All brands")),
      brands.items.map((b) => el("option", { value: b.id, selected: String(b.id) === params.brand }, b.name)));
    // Prices are typed in the currency's units and sent in cents, as the API counts them.
    const cents = (v) => (v === "" || Number.isNaN(Number(v)) ? "" : String(Math.round(Number(v) * 100)));
    const units = (c) => (c ? String(Number(c) / 100) : "");
    const priceBox = (id, key, label) => el("input", { type: "number", min: 0, step: "0.01", inputmode: "decimal", id, name: key,
      value: units(params[key]), "aria-label": label, placeholder: label,
      // A field replaced while typed into hands its value to the new one (see show); the old
      // one's change must not navigate with this page's filters.
      onchange: (e) => { if (!replaced.has(e.target)) go(hashFor({ [key]: cents(e.target.value) })); } });
    const tools = el("div", { class: "tools" }, el("label", { for: "sort" }, _("Sort by"), sort),
      el("label", { for: "brand" }, _("Brand"), brand),
      el("label", { for: "price-min" }, _("Price from"), priceBox("price-min", "price_min", _("Price from"))),
      el("label", { for: "price-max" }, _("Price up to"), priceBox("price-max", "price_max", _("Price up to"))),
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
    show(strip, search, chips, tools, first.items.length ? grid : el("p", { class: "muted" }, _("Nothing found. Try another word.")), counter, more);
    telegram.back(null);
    telegram.main(cart.count() ? _("🛒 Cart") : "", () => go("#/cart"));
  }

  async function signedIn() {
    if (auth.tokens()) return true;
    return signIn();
  }

  async function ordersView() {
    const show = screen();
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
    } catch (e) { if (!(e instanceof Stale)) explain(e); }
  }

  async function favoritesView() {
    const show = screen();
    if (!(await signedIn())) return;
    const mine = await api(`/api/v1/stores/${storeId}/favorites`, { signed: true });
    const products = await Promise.all(mine.product_ids.map((id) => api(`/api/v1/stores/${storeId}/products/${id}`).catch(() => null)));
    const found = products.filter(Boolean);
    show(el("h2", {}, _("Favorites")), found.length ? el("section", { class: "grid", id: "favorites" }, found.map(productCard))
      : el("p", { class: "muted" }, _("Nothing here yet: tap ♡ on a product to keep it.")));
    telegram.back(() => go("#/"));
  }

  // A product picture with every stored width in srcset; `sizes` says how wide it is drawn, so
  // a phone downloads the 320 px file and a laptop's product page the 640 px one.
  function picture(p, sizes, width, alt) {
    if (!p.image_url) return null;
    const images = p.images || [];
    const attrs = { loading: "lazy", decoding: "async", alt, width, height: width, class: "picture" };
    if (images.length) {
      attrs.sizes = sizes;
      attrs.srcset = images.map((i) => `${i.url} ${i.width}w`).join(", ");
    }
    attrs.src = images.length ? images[Math.min(1, images.length - 1)].url : p.image_url;
    return el("img", attrs);
  }

  function productCard(p) {
    const from = Math.min(...p.variants.map((v) => v.price_cents));
    const inStock = p.variants.some((v) => v.stock > 0);
    return el("article", { class: "card product", "data-product": p.id },
      picture(p, CARD_SIZES, 160, ""),
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
    const show = screen();
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
      picture(p, PAGE_SIZES, 320, p.name),
      el("p", {}, p.description),
      el("ul", { class: "variants" }, p.variants.map((v) => el("li", {},
        el("span", {}, `${v.name} · ${money(v.price_cents, currency)}`),
        v.stock > 0 ? el("button", { onclick: () => { cart.add(v.id, 1); haptic(); toast(_("Added to cart")); } }, _("Add"))
                    : el("span", { class: "muted" }, _("out of stock"), " ", el("button", { class: "watch", onclick: (event) => busy(event.currentTarget, async () => {
                        if (!(await signedIn())) return;
                        try {
                          await api(`/api/v1/stores/${storeId}/variants/${v.id}/stock-alert`, { method: "PUT", signed: true });
                          toast(_("We will tell you when it is back."));
                        } catch (e) { explain(e); }
                      }) }, _("Tell me when it is back"))))))),
      reviewList, reviewForm);
    telegram.back(() => history.back());
    telegram.main(_("🛒 Cart"), () => go("#/cart"));
  }

  async function cartView() {
    const show = screen();
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
    const show = screen();
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
    const show = screen();
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
    const show = screen();
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
        const typed = address.value.trim();
        const point = via === "location" || via === "map";
        // A point fills an empty field; a typed address is kept (the point only places it) and
        // the street found there is offered, never swapped in silently.
        if (point && !typed) address.value = q.address_text;
        state.address = { text: point && typed ? typed : q.address_text, lat: q.lat, lng: q.lng };
        address.removeAttribute("aria-invalid");
        quote.className = "quote ok";
        quote.textContent = _("We deliver there: {fee} delivery, about {minutes} min.", { fee: money(q.fee_cents, currency), minutes: q.eta_minutes })
          + (via === "location" ? " " + _("Using your location: {address}. Edit the address above to deliver elsewhere.", { address: q.address_text }) : "")
          + (via === "map" ? " " + _("The point on the map is at: {address}.", { address: q.address_text }) : "");
        if (point && typed && typed !== q.address_text) {
          quote.append(" ", el("button", { type: "button", id: "use-found-address", onclick: (e) => {
            address.value = q.address_text; state.address.text = q.address_text; e.target.remove();
          } }, _("Use “{address}” instead", { address: q.address_text })));
        }
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
    const saved = await api("/api/v1/me/addresses", { signed: true }).catch(() => ({ items: [] }));
    const chooseSaved = (a) => {
      address.value = a.text; details.value = a.details;
      check(a.lat !== null ? { text: a.text, lat: a.lat, lng: a.lng } : { text: a.text }, "saved");
    };
    const savedPick = saved.items.length ? el("select", { name: "saved", id: "saved-address", onchange: () => {
      const a = saved.items.find((x) => String(x.id) === savedPick.value);
      if (a) chooseSaved(a);
    } }, el("option", { value: "" }, _("Another address")),
      saved.items.map((a) => el("option", { value: a.id, selected: a.is_default }, (a.label ? a.label + " · " : "") + a.text))) : null;
    const remember = el("input", { type: "checkbox", name: "remember", id: "remember" });
    const note = el("textarea", { name: "note", id: "note", maxlength: 500, rows: 2, placeholder: _("For example: ring twice") });
    const mapBox = el("div", { id: "address-map", class: "map", hidden: true });
    const pickOnMap = el("button", { type: "button", id: "pick-on-map", "aria-expanded": "false", onclick: () => openMap() }, _("🗺 Pick on the map"));
    async function openMap() {
      mapBox.hidden = false;
      pickOnMap.setAttribute("aria-expanded", "true");
      if (state.map) return;
      try { await loadLeaflet(); } catch (e) {
        mapBox.replaceChildren(el("p", { class: "muted" }, _("The map could not load. Type the address instead.")));
        return;
      }
      const here = state.address && state.address.lat !== null && state.address.lat !== undefined
        ? [state.address.lat, state.address.lng] : [cfg.store.lat || 0, cfg.store.lng || 0];
      // Without tiles (blocked or offline) the map is blank but taps still pick a point.
      const map = L.map(mapBox, { keyboard: true }).setView(here, 15);
      L.tileLayer(cfg.map_tile_url, { maxZoom: 19, attribution: "© OpenStreetMap" }).addTo(map);
      const marker = L.marker(here, { draggable: true, title: _("Delivery point") }).addTo(map);
      const pick = (at) => { marker.setLatLng(at); check({ lat: at.lat, lng: at.lng }, "map"); };
      map.on("click", (e) => pick(e.latlng));
      marker.on("dragend", () => pick(marker.getLatLng()));
      state.map = map;
    }
    const slot = el("select", { name: "slot", id: "slot", onchange: () => reprice() }, el("option", { value: "" }, _("As soon as possible")),
      slots.items.map((s) => el("option", { value: s.id }, _("{time} · {count} places left", { time: when(s.starts_at), count: s.remaining }))));
    const payment = el("select", { name: "payment", id: "payment" },
      el("option", { value: "cash" }, _("Cash on delivery")), el("option", { value: "card" }, _("Card on delivery")),
      el("option", { value: "crypto" }, _("Crypto")));
    const coin = el("select", { name: "coin", id: "coin" }, COINS.map(([value, label]) => el("option", { value }, label)));
    const coinLabel = el("label", { for: "coin", hidden: true }, _("Coin"), coin);
    payment.onchange = () => { coinLabel.hidden = payment.value !== "crypto"; };
    const promo = el("input", { name: "promo", id: "promo", placeholder: _("Promo code"), autocomplete: "off", onchange: () => reprice() });
    const wallet = el("input", { type: "checkbox", name: "wallet", id: "wallet", onchange: () => reprice() });
    const walletLabel = el("label", { for: "wallet", class: "check", hidden: true }, wallet, el("span", { id: "wallet-text" }));
    const birth = priced.age_restricted && !me.date_of_birth_given ? el("input", { name: "dob", id: "dob", type: "date", required: true }) : null;
    const placeButton = el("button", { type: "submit", id: "place-order", class: "primary" }, _("✅ Place order"));
    const key = sessionStorage.getItem("checkout-key") || crypto.randomUUID();
    sessionStorage.setItem("checkout-key", key);
    const body = () => ({ store_id: storeId, items, payment_method: payment.value,
      crypto_asset: payment.value === "crypto" ? coin.value : null, promo_code: promo.value.trim() || null,
      slot_id: slot.value ? Number(slot.value) : null, wallet_cents: wallet.checked ? state.balance : 0,
      address: { ...state.address, details: details.value }, note: note.value.trim() });

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
        const sent = body();
        const order = await api("/api/v1/orders", { method: "POST", signed: true, headers: { "Idempotency-Key": key }, body: sent });
        if (remember.checked) {  // best effort: the order is placed either way
          await api("/api/v1/me/addresses", { method: "POST", signed: true, body: { text: sent.address.text, details: sent.address.details,
            lat: sent.address.lat, lng: sent.address.lng } }).catch(() => {});
        }
        sessionStorage.removeItem("checkout-key");
        cart.set([]);
        haptic("success");
        go(`#/order/${order.id}`);
      } catch (e) { msg.error(e); }
    };
    form.onsubmit = (event) => { event.preventDefault(); busy(placeButton, place); };
    form.append(...[
      savedPick ? el("label", { for: "saved-address" }, _("Saved addresses"), savedPick) : null,
      el("label", { for: "address" }, _("Address"), address), el("label", { for: "details" }, _("Flat, floor, door code"), details),
      el("div", { class: "actions" }, locate, pickOnMap), mapBox, quote,
      el("label", { for: "remember", class: "check" }, remember, _("Save this address")),
      el("label", { for: "note" }, _("Note for the driver"), note),
      el("label", { for: "slot" }, _("When?"), slot), el("label", { for: "payment" }, _("How will you pay?"), payment), coinLabel,
      el("label", { for: "promo" }, _("Promo code"), promo), walletLabel,
      birth ? el("label", { for: "dob" }, _("Date of birth (18+ items)"), birth) : null,
      summary, msg.node, placeButton].filter(Boolean));
    show(el("h2", {}, _("Delivery")), form);
    const preferred = saved.items.find((a) => a.is_default);
    if (preferred) chooseSaved(preferred); else await reprice();
    telegram.back(() => go("#/cart"));
    telegram.main(_("✅ Place order"), () => placeButton.click());
  }

  const COINS = [["BTC", "Bitcoin (BTC)"], ["ETH", "Ether (ETH)"], ["USDT_ERC20", "USDT (ERC-20)"],
    ["USDC_ERC20", "USDC (ERC-20)"], ["USDT_TRC20", "USDT (TRC-20)"]];
  const PAY = {
    awaiting: _("Waiting for your payment."),
    confirming: _("Payment seen, waiting for confirmations."),
    paid: _("Paid. Thank you!"),
    overpaid: _("Paid, with more than needed: we will contact you about the difference."),
    underpaid: _("Not fully paid in time: we will contact you about what you sent."),
    expired: _("The time to pay is over."),
  };
  /* The invoice with its QR code; its status refreshes until it is settled. */
  async function invoicePanel(id, box) {
    let p;
    try { p = await api(`/api/v1/orders/${id}/payment`, { signed: true }); } catch (e) { return; }
    if (!box.isConnected) return;  // the customer left the page
    const open = ["awaiting", "confirming"].includes(p.status);
    box.dataset.status = p.status;
    box.replaceChildren(
      el("h3", {}, _("Pay {amount} {asset}", { amount: p.amount, asset: p.asset.replace("_", " ") })),
      open ? el("img", { id: "invoice-qr", src: p.qr_svg, alt: p.uri, width: 220, height: 220 }) : null,
      el("p", {}, el("code", { id: "invoice-address" }, p.address)),
      open ? el("p", {}, el("a", { href: p.uri, id: "invoice-link" }, _("Open in a wallet app"))) : null,
      el("p", { id: "invoice-status", class: "status" }, PAY[p.status] + (p.status === "confirming"
        ? " " + _("{count} of {required} confirmations.", { count: p.confirmations, required: p.required_confirmations }) : "")),
      open && p.expires_at ? el("p", { class: "muted" }, _("Pay before {time}.", { time: when(p.expires_at) })) : null);
    if (open) setTimeout(() => { if (box.isConnected) invoicePanel(id, box); }, 15000);
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
    const show = screen();
    const order = await api(`/api/v1/orders/${id}`, { signed: true });
    const invoice = order.payment_method === "crypto" ? el("section", { class: "card invoice", id: "invoice", "aria-live": "polite" }) : null;
    show(el("article", { class: "card order", "data-status": order.status },
      el("h2", {}, order.number),
      el("p", { id: "order-status", class: "status" }, STATUS[order.status]),
      order.eta_minutes && ["assigned", "picked_up"].includes(order.status)
        ? el("p", {}, _("Arrives in about {minutes} min.", { minutes: order.eta_minutes })) : null,
      el("ul", { class: "lines" }, order.items.map((i) => el("li", {}, `${i.name} × ${i.quantity}`))),
      el("p", { class: "total" }, _("Total: {amount}", { amount: money(order.total_cents, order.currency) })),
      prescriptionPanel(order),
      order.proof_photo_url ? el("figure", { class: "proof", id: "proof-photo" },
        el("img", { src: order.proof_photo_url, alt: _("Photo taken at delivery"), width: "320", loading: "lazy" }),
        el("figcaption", {}, _("Photo taken at delivery"))) : null,
      el("ol", { class: "timeline" }, timeline(order).map(([at, what]) => el("li", {}, `${when(at)} — ${what}`)))), invoice);
    if (invoice) await invoicePanel(order.id, invoice);
    telegram.back(() => go("#/"));
    telegram.main("", null);
  }

  let leaflet = null;
  function loadLeaflet() {
    if (window.L) return Promise.resolve();
    leaflet = leaflet || new Promise((resolve, reject) => {
      document.head.append(el("link", { rel: "stylesheet", href: "/static/vendor/leaflet/leaflet.css" }));
      const script = el("script", { src: "/static/vendor/leaflet/leaflet.js" });
      script.onload = () => resolve();
      script.onerror = () => { leaflet = null; reject(new Error("leaflet")); };
      document.head.append(script);
    });
    return leaflet;
  }

  async function addressesView() {
    const show = screen();
    if (!(await signedIn())) return;
    const list = el("ul", { class: "lines", id: "my-addresses" });
    const draw = (items) => list.replaceChildren(...(items.length ? items.map((a) => {
      const makeDefault = el("button", { type: "button", "data-default": a.id, onclick: () => busy(makeDefault, async () => {
        try { draw((await api(`/api/v1/me/addresses/${a.id}/default`, { method: "PUT", signed: true })).items); } catch (e) { explain(e); }
      }) }, _("Make default"));
      const remove = el("button", { type: "button", "data-delete": a.id, "aria-label": _("Delete {address}", { address: a.text }), onclick: () => busy(remove, async () => {
        try { draw((await api(`/api/v1/me/addresses/${a.id}`, { method: "DELETE", signed: true })).items); } catch (e) { explain(e); }
      }) }, _("Delete"));
      return el("li", { class: "card", "data-address": a.id },
        el("strong", {}, a.label || a.text), a.label ? el("span", {}, " · " + a.text) : null,
        a.details ? el("p", { class: "muted" }, a.details) : null,
        a.is_default ? el("p", { class: "tag", "data-is-default": "" }, _("Default")) : makeDefault, remove);
    }) : [el("li", { class: "muted" }, _("No saved addresses yet."))]));
    const text = el("input", { name: "text", id: "new-address", autocomplete: "street-address", required: true });
    const details = el("input", { name: "details", id: "new-details" });
    const label = el("input", { name: "label", id: "new-label", placeholder: _("Home, work…") });
    const add = el("button", { type: "submit", class: "primary" }, _("Save address"));
    const form = el("form", { id: "address-form", novalidate: true });
    const msg = messageArea(() => form, { text: "new-address", details: "new-details", label: "new-label" });
    form.onsubmit = (event) => {
      event.preventDefault();
      busy(add, async () => {
        try {
          await api("/api/v1/me/addresses", { method: "POST", signed: true, body: { text: text.value, details: details.value, label: label.value } });
          form.reset();
          msg.show(_("The address is saved."), "ok");
          draw((await api("/api/v1/me/addresses", { signed: true })).items);
        } catch (e) { msg.error(e); }
      });
    };
    form.append(el("label", { for: "new-address" }, _("Address"), text), el("label", { for: "new-details" }, _("Flat, floor, door code"), details),
      el("label", { for: "new-label" }, _("Name (optional)"), label), msg.node, add);
    draw((await api("/api/v1/me/addresses", { signed: true })).items);
    show(el("h2", {}, _("My addresses")), list, el("h3", {}, _("Add an address")), form);
    telegram.back(() => go("#/"));
    telegram.main("", null);
  }

  async function walletView() {
    const show = screen();
    if (!(await signedIn())) return;
    const [wallet, referral] = await Promise.all([
      api(`/api/v1/me/wallet?store_id=${storeId}`, { signed: true }),
      api("/api/v1/me/referral", { signed: true }),
    ]);
    const KINDS = { cashback: _("Cashback"), referral: _("Referral reward"), payment: _("Paid for an order"), refund: _("Refund"), adjustment: _("Correction"), topup: _("Top-up"), crypto_deposit: _("Crypto deposit") };
    const rows = wallet.transactions.map((t) => el("li", { "data-tx": t.id },
      el("span", {}, `${when(t.created_at)} · ${KINDS[t.kind] || t.kind}`), " ",
      el("strong", { class: t.amount_cents < 0 ? "minus" : "plus" }, (t.amount_cents > 0 ? "+" : "") + money(t.amount_cents, wallet.currency))));
    const link = el("input", { id: "referral-link", readonly: true, value: referral.link });
    const copy = el("button", { type: "button", id: "copy-link", onclick: async () => {
      try { await navigator.clipboard.writeText(referral.link); toast(_("Link copied")); } catch (e) { link.select(); }
    } }, _("Copy link"));
    show(el("h2", {}, _("My wallet")),
      el("p", { class: "total", id: "wallet-balance" }, _("Balance: {amount}", { amount: money(wallet.balance_cents, wallet.currency) })),
      rows.length ? el("ul", { class: "lines", id: "wallet-history" }, rows) : el("p", { class: "muted" }, _("No wallet movements yet.")),
      el("h2", {}, _("Invite friends")),
      el("p", {}, _("Your referral code"), " ", el("strong", { id: "referral-code" }, referral.code)),
      el("label", { for: "referral-link" }, _("Your invitation link"), link), copy,
      referral.qr_svg ? el("img", { id: "referral-qr", alt: _("QR code of your invitation link"), width: 160, height: 160,
        src: referral.qr_svg }) : null,
      el("p", { id: "referral-stats" }, _("Friends invited: {count} · rewards earned: {amount}", { count: referral.invited, amount: money(referral.rewards_cents, wallet.currency) })));
    telegram.back(() => go("#/"));
    telegram.main("", null);
  }

  function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

  async function route() {
    routes += 1;
    const [path, search] = location.hash.slice(1).split("?");
    const params = Object.fromEntries(new URLSearchParams(search || ""));
    try {
      if (path.startsWith("/product/")) await product(path.split("/")[2]);
      else if (path === "/cart") await cartView();
      else if (path === "/checkout") await checkout();
      else if (path.startsWith("/order/")) await orderView(path.split("/")[2]);
      else if (path === "/orders") await ordersView();
      else if (path === "/favorites") await favoritesView();
      else if (path === "/addresses") await addressesView();
      else if (path === "/wallet") await walletView();
      else await catalog(params);
    } catch (e) { if (!(e instanceof Stale)) explain(e); }
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

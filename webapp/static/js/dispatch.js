/* The dispatch Mini App: the store's order board by status with filters and search, order
   detail with its timeline, and the same actions as the bot; live without reloading.
   Live events patch the cards and the open order in place: a chosen driver, a typed cancel
   reason, focus and scroll stay as the dispatcher left them. */
(() => {
  "use strict";
  const { _, api, auth, money, when, el, toast, explain, messageArea, busy, live, haptic, telegram, STATUS, timeline } = window.App;
  const RX_STATE = {
    required: _("⏳ Waiting for the customer's prescription"), submitted: _("⏳ Waiting for prescription review"),
    approved: _("✅ Prescription approved"), rejected: _("❌ Prescription rejected"),
  };
  const view = document.getElementById("view");
  const OPEN = ["pending", "confirmed", "ready", "assigned", "picked_up", "returning"];
  const state = { store: null, filter: "", q: "", selected: null, shown: null };
  const parts = {};

  function layout() {
    parts.filters = el("nav", { class: "chips", "aria-label": _("Filter by status") });
    parts.search = el("input", { type: "search", name: "q", placeholder: _("Order number or address"), "aria-label": _("Order number or address"),
      onkeydown: (e) => { if (e.key === "Enter") { state.q = e.target.value; refresh().catch(explain); } } });
    parts.columns = el("section", { class: "board" });
    parts.panel = el("aside", { id: "detail", "aria-live": "polite" });
    view.replaceChildren(parts.filters, parts.search, el("div", { class: "dispatch" }, parts.columns, parts.panel));
    drawFilters();
  }

  function drawFilters() {
    const chip = (status, label) => el("a", { href: "#", class: state.filter === status ? "active" : "", "data-status": status || null,
      "aria-current": state.filter === status ? "true" : null,
      onclick: (e) => { e.preventDefault(); state.filter = status; drawFilters(); parts.columns.replaceChildren(); refresh().catch(explain); } }, label);
    parts.filters.replaceChildren(chip("", _("All open")), ...OPEN.map((s) => chip(s, STATUS[s])));
  }

  function column(status) {
    let col = parts.columns.querySelector(`[data-column="${status}"]`);
    if (!col) {
      col = el("div", { class: "column", "data-column": status }, el("h3", {}), el("div", { class: "cards" }));
      parts.columns.append(col);
    }
    return col;
  }

  function fillCard(card, o) {
    card.dataset.sig = JSON.stringify([o.status, o.total_cents, o.address_text, o.number, o.run_position]);
    card.dataset.status = o.status;
    card.replaceChildren(el("strong", {}, o.number), el("span", {}, money(o.total_cents, o.currency)),
      el("span", { class: "muted" }, o.address_text),
      o.run_position ? el("span", { class: "tag run", "data-run": o.run_id }, _("Run stop {position}", { position: o.run_position })) : "");
  }

  /* Reconcile the board with the list: add, move, update and drop cards; nothing else moves. */
  function patchBoard(list) {
    // Returning orders are rare: their column appears once one exists (and then stays put).
    const statuses = state.filter ? [state.filter] : OPEN.filter((s) => s !== "returning"
      || list.items.some((o) => o.status === s) || parts.columns.querySelector(`[data-column="${s}"]`));
    const seen = new Set();
    for (const status of statuses) {
      const col = column(status);
      const holder = col.querySelector(".cards");
      const mine = list.items.filter((o) => o.status === status);
      col.querySelector("h3").textContent = `${STATUS[status]} (${mine.length})`;
      mine.forEach((o, index) => {
        seen.add(String(o.id));
        let card = parts.columns.querySelector(`[data-order-id="${o.id}"]`);
        if (!card) {
          card = el("button", { type: "button", class: "card order-card", "data-order": o.number, "data-order-id": o.id,
            onclick: () => open(o.id, true).catch(explain) });
          fillCard(card, o);
        } else if (card.dataset.sig !== JSON.stringify([o.status, o.total_cents, o.address_text, o.number, o.run_position])) {
          fillCard(card, o);
        }
        card.classList.toggle("selected", state.selected === o.id);
        card.setAttribute("aria-pressed", state.selected === o.id ? "true" : "false");
        if (holder.children[index] !== card) holder.insertBefore(card, holder.children[index] || null);
      });
    }
    for (const card of parts.columns.querySelectorAll("[data-order-id]")) {
      if (!seen.has(card.dataset.orderId)) card.remove();
    }
  }

  async function refresh() {
    const query = new URLSearchParams();
    (state.filter ? [state.filter] : OPEN).forEach((s) => query.append("status", s));
    if (state.q) query.set("q", state.q);
    patchBoard(await api(`/api/v1/staff/stores/${state.store}/orders?${query}`, { signed: true }));
  }

  async function act(button, id, path, body) {
    const shown = state.shown;
    await busy(button, async () => {
      try {
        await api(`/api/v1/staff/orders/${id}/${path}`, { method: "POST", signed: true, body });
        haptic("success");
        shown.message.show(_("Done."), "ok");
      } catch (e) {
        shown.message.error(e);
      }
    });
    await Promise.all([refresh(), open(id, false)]).catch(explain);
  }

  /* The drivers list keeps the dispatcher's choice across refreshes; it never picks one. */
  async function refreshDrivers(shown) {
    const drivers = await api(`/api/v1/staff/stores/${state.store}/drivers?on_shift=1&order_id=${shown.id}`, { signed: true });
    const pick = shown.pick;
    const chosen = pick.value;
    const label = (d) => _("{name} · {distance} · {count} in hand", { name: d.name,
      distance: d.distance_km === null ? "—" : d.distance_km + " km", count: d.active_orders });
    const wanted = [["", _("Choose a driver")], ...drivers.items.map((d) => [String(d.id), label(d)])];
    const current = [...pick.options].map((o) => [o.value, o.textContent]);
    if (JSON.stringify(current) !== JSON.stringify(wanted)) {
      pick.replaceChildren(...wanted.map(([value, text]) => el("option", { value }, text)));
    }
    const still = drivers.items.some((d) => String(d.id) === chosen);
    pick.value = still ? chosen : "";
    if (chosen && !still) shown.message.show(_("The driver you chose is no longer on shift. Choose another one."), "error");
    shown.assign.disabled = !pick.value;
    shown.noDrivers.hidden = drivers.items.length > 0;
  }

  function buildActions(order, shown, previous) {
    const actions = el("div", { class: "actions" });
    const move = (status, label) => {
      const button = el("button", { type: "button", "data-action": status, onclick: () => act(button, order.id, "status", { status }) }, label);
      return button;
    };
    if (order.status === "pending") actions.append(move("confirmed", _("✅ Confirm")));
    if (order.status === "confirmed") actions.append(move("ready", _("📦 Ready")));
    if (order.status === "ready") {
      shown.pick = el("select", { name: "driver", id: "driver-pick", onchange: () => { shown.assign.disabled = !shown.pick.value; } },
        el("option", { value: "" }, _("Choose a driver")));
      shown.assign = el("button", { type: "button", "data-action": "assign", disabled: true,
        onclick: () => {
          if (!shown.pick.value) { shown.message.show(_("Choose a driver first."), "error"); return; }
          act(shown.assign, order.id, "assign", { driver_id: Number(shown.pick.value) });
        } }, _("🚚 Assign driver"));
      shown.noDrivers = el("p", { class: "muted", hidden: true }, _("No driver is on shift."));
      actions.append(el("label", { for: "driver-pick", class: "sr-only" }, _("Driver")), shown.pick, shown.assign, shown.noDrivers);
      // Or one run: this order and the ticked ready ones to the chosen driver; the route orders them.
      shown.runPick = el("fieldset", { class: "run-pick", hidden: true }, el("legend", {}, _("🧺 Run with other orders")));
      shown.runGo = el("button", { type: "button", "data-action": "run", hidden: true, onclick: () => giveRun(order, shown) }, _("🧺 Run with other orders"));
      actions.append(shown.runPick, shown.runGo);
    }
    if (order.status === "returning") {
      // Coming back: received (stock back, refunds) or out again for a second attempt.
      actions.append(move("returned", _("📥 Received back")), move("ready", _("🔁 Deliver again")));
    }
    if (!["delivered", "cancelled", "returning", "returned"].includes(order.status)) {
      // A reason typed before the order moved on is kept.
      shown.reason = el("input", { name: "reason", id: "cancel-reason", placeholder: _("Reason"), value: previous && previous.reason ? previous.reason.value : "" });
      const cancel = el("button", { type: "button", class: "danger", "data-action": "cancel",
        onclick: () => act(cancel, order.id, "status", { status: "cancelled", reason: shown.reason.value || _("Other reason") }) }, _("✖ Cancel"));
      actions.append(el("label", { for: "cancel-reason", class: "sr-only" }, _("Reason")), shown.reason, cancel);
    }
    return actions;
  }

  /* The store's other ready orders to tick for a run (kept ticked across refreshes). */
  async function refreshRunChoices(shown) {
    const ready = await api(`/api/v1/staff/stores/${state.store}/orders?status=ready&per_page=20`, { signed: true });
    const ticked = new Set([...shown.runPick.querySelectorAll("input:checked")].map((i) => i.value));
    const others = ready.items.filter((o) => o.id !== shown.id);
    shown.runPick.replaceChildren(shown.runPick.firstChild, ...others.map((o) => el("label", {},
      el("input", { type: "checkbox", name: "run-order", value: String(o.id), checked: ticked.has(String(o.id)) || null }),
      ` ${o.number} · ${o.address_text}`)));
    shown.runPick.hidden = shown.runGo.hidden = others.length === 0;
  }

  async function giveRun(order, shown) {
    if (!shown.pick.value) { shown.message.show(_("Choose a driver first."), "error"); return; }
    const order_ids = [order.id, ...[...shown.runPick.querySelectorAll("input:checked")].map((i) => Number(i.value))];
    await busy(shown.runGo, async () => {
      try {
        const run = await api("/api/v1/staff/runs", { method: "POST", signed: true, body: { driver_id: Number(shown.pick.value), order_ids } });
        haptic("success");
        shown.message.show(_("Run assigned: {count} stops", { count: run.stops.length }), "ok");
      } catch (e) {
        shown.message.error(e);
      }
    });
    await Promise.all([refresh(), open(order.id, false)]).catch(explain);
  }

  /* Show an order, or patch the one shown: its facts are redrawn, its controls are kept
     while its status is the same. */
  async function open(id, chosen) {
    if (chosen) {
      state.selected = id;
      for (const card of parts.columns.querySelectorAll("[data-order-id]")) {
        const mine = card.dataset.orderId === String(id);
        card.classList.toggle("selected", mine);
        card.setAttribute("aria-pressed", mine ? "true" : "false");
      }
    }
    const order = await api(`/api/v1/staff/orders/${id}`, { signed: true });
    if (state.selected !== id) return;  // another order was opened meanwhile
    const previous = state.shown && state.shown.id === id ? state.shown : null;
    const facts = [
      el("h2", {}, `${order.number} · ${STATUS[order.status]}`),
      el("p", {}, order.address_text + (order.address_details ? ", " + order.address_details : "")),
      order.note ? el("p", { class: "note", "data-note": "" }, _("Note for the driver: {note}", { note: order.note })) : null,
      order.requires_id_check ? el("p", { class: "tag" }, _("⚠ ID check at handover (age-restricted items)")) : null,
      RX_STATE[order.prescription_state] ? el("p", { class: "tag rx", "data-rx": order.prescription_state }, RX_STATE[order.prescription_state]) : null,
      order.cold_chain ? el("p", { class: "tag cold" }, _("❄ Keep cold: a driver with a cooler only")) : null,
      order.run_position ? el("p", { class: "tag run", "data-run": order.run_id }, _("Run stop {position}", { position: order.run_position })
        + (order.eta_minutes ? " · " + _("about {minutes} min", { minutes: order.eta_minutes }) : "")) : null,
      // Auto-dispatch: who is being asked now, and until when (the dispatcher may still assign).
      order.offer ? el("p", { class: "tag offer", "data-offer": order.offer.driver_id },
        _("Offered to {name}, answer by {time}", { name: order.offer.driver_name, time: when(order.offer.expires_at) })) : null,
      el("ul", { class: "lines" }, order.items.map((i) => el("li", {}, `${i.name} × ${i.quantity}`))),
      el("p", { class: "total" }, money(order.total_cents, order.currency)),
      el("ol", { class: "timeline" }, timeline(order).map(([at, what]) => el("li", {}, `${when(at)} — ${what}`))),
    ].filter(Boolean);
    if (previous && previous.status === order.status) {
      previous.facts.replaceChildren(...facts);
      if (previous.pick) await Promise.all([refreshDrivers(previous), refreshRunChoices(previous)]);
    } else {
      const shown = { id, status: order.status, facts: el("div", { class: "facts" }, ...facts) };
      shown.message = previous ? previous.message : messageArea(() => parts.panel);
      const actions = buildActions(order, shown, previous);
      const article = el("article", { class: "card", "data-detail": order.number, "data-status": order.status },
        shown.facts, actions, shown.message.node);
      parts.panel.replaceChildren(article);
      state.shown = shown;
      if (!previous) shown.message.clear();
      if (shown.pick) await Promise.all([refreshDrivers(shown), refreshRunChoices(shown)]);
    }
    const article = parts.panel.querySelector("article");
    article.dataset.status = order.status;
    if (chosen && window.matchMedia("(max-width: 760px)").matches) parts.panel.scrollIntoView({ block: "start" });
  }

  async function start() {
    if (!(await window.App.staffSignIn(view))) return;
    const me = await api("/api/v1/me", { signed: true });
    if (!me.stores.length) { view.replaceChildren(el("p", {}, _("This bot is for pharmacy staff: ask your manager for a link."))); return; }
    state.store = me.stores[0];
    layout();
    await refresh();
    let pending = null;
    const touched = new Set();
    live((frame) => {
      const payload = frame.payload || {};
      if (frame.type === "ORDER_CREATED") toast(_("New order {number}", { number: payload.number }));
      if (frame.type.startsWith("ORDER_")) touched.add(payload.order_id);
      if (frame.type === "DISPATCH_NO_DRIVER") toast(_("⚠ No driver took order {number}: assign it yourself.", { number: payload.number }));
      if (frame.type.startsWith("DISPATCH_")) touched.add(payload.order_id);
      if (frame.type.startsWith("DRIVER_")) touched.add("drivers");
      clearTimeout(pending);
      pending = setTimeout(() => {
        const batch = new Set(touched);
        touched.clear();
        const work = [];
        if ([...batch].some((x) => x !== "drivers")) work.push(refresh());
        if (state.shown && (batch.has(state.shown.id) || (batch.has("drivers") && state.shown.pick) || (state.shown.pick && batch.size))) {
          work.push(open(state.shown.id, false));
        }
        Promise.all(work).catch(explain);
      }, 150);
    }, (s) => document.body.setAttribute("data-live", s));
  }
  telegram.back(null);
  start().catch(explain);
})();

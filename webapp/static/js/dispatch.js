/* The dispatch Mini App: the store's order board by status with filters and search, order
   detail with its timeline, and the same actions as the bot; live without reloading. */
(() => {
  "use strict";
  const { _, api, auth, money, when, el, toast, explain, live, haptic, telegram, STATUS, timeline } = window.App;
  const view = document.getElementById("view");
  const OPEN = ["pending", "confirmed", "ready", "assigned", "picked_up"];
  const state = { store: null, filter: "", q: "", selected: null };

  async function board() {
    const query = new URLSearchParams();
    (state.filter ? [state.filter] : OPEN).forEach((s) => query.append("status", s));
    if (state.q) query.set("q", state.q);
    const list = await api(`/api/v1/staff/stores/${state.store}/orders?${query}`, { signed: true });
    const filters = el("nav", { class: "chips" },
      el("a", { href: "#", class: state.filter ? "" : "active", onclick: (e) => { e.preventDefault(); state.filter = ""; board(); } }, _("All open")),
      OPEN.map((s) => el("a", { href: "#", class: state.filter === s ? "active" : "", "data-status": s,
        onclick: (e) => { e.preventDefault(); state.filter = s; board(); } }, STATUS[s])));
    const search = el("input", { type: "search", placeholder: _("Order number or address"), value: state.q,
      onkeydown: (e) => { if (e.key === "Enter") { state.q = e.target.value; board(); } } });
    const columns = el("section", { class: "board" }, (state.filter ? [state.filter] : OPEN).map((status) => {
      const mine = list.items.filter((o) => o.status === status);
      return el("div", { class: "column", "data-column": status },
        el("h3", {}, `${STATUS[status]} (${mine.length})`),
        mine.map((o) => el("button", { class: "card order-card", "data-order": o.number, onclick: () => detail(o.id) },
          el("strong", {}, o.number), el("span", {}, money(o.total_cents, o.currency)),
          el("span", { class: "muted" }, o.address_text))));
    }));
    const panel = el("aside", { id: "detail" });
    view.replaceChildren(filters, search, columns, panel);
    if (state.selected) await detail(state.selected);
  }

  async function act(id, path, body) {
    try {
      await api(`/api/v1/staff/orders/${id}/${path}`, { method: "POST", signed: true, body });
      haptic("success");
      await board();
    } catch (e) { explain(e); }
  }

  async function detail(id) {
    state.selected = id;
    const order = await api(`/api/v1/staff/orders/${id}`, { signed: true });
    const panel = document.getElementById("detail");
    const actions = el("div", { class: "actions" });
    const move = (status, label) => el("button", { "data-action": status, onclick: () => act(id, "status", { status }) }, label);
    if (order.status === "pending") actions.append(move("confirmed", _("✅ Confirm")));
    if (order.status === "confirmed") actions.append(move("ready", _("📦 Ready")));
    if (order.status === "ready") {
      const drivers = await api(`/api/v1/staff/stores/${state.store}/drivers?on_shift=1&order_id=${id}`, { signed: true });
      const pick = el("select", { name: "driver" }, drivers.items.map((d) => el("option", { value: d.id },
        _("{name} · {distance} · {count} in hand", { name: d.name, distance: d.distance_km === null ? "—" : d.distance_km + " km", count: d.active_orders }))));
      actions.append(pick, el("button", { "data-action": "assign", disabled: !drivers.items.length,
        onclick: () => act(id, "assign", { driver_id: Number(pick.value) }) }, _("🚚 Assign driver")));
      if (!drivers.items.length) actions.append(el("p", { class: "muted" }, _("No driver is on shift.")));
    }
    if (!["delivered", "cancelled"].includes(order.status)) {
      const reason = el("input", { name: "reason", placeholder: _("Reason") });
      actions.append(reason, el("button", { class: "danger", "data-action": "cancel",
        onclick: () => act(id, "status", { status: "cancelled", reason: reason.value || _("Other reason") }) }, _("✖ Cancel")));
    }
    panel.replaceChildren(el("article", { class: "card", "data-detail": order.number, "data-status": order.status },
      el("h2", {}, `${order.number} · ${STATUS[order.status]}`),
      el("p", {}, order.address_text + (order.address_details ? ", " + order.address_details : "")),
      order.requires_id_check ? el("p", { class: "tag" }, _("⚠ ID check at handover (age-restricted items)")) : null,
      el("ul", { class: "lines" }, order.items.map((i) => el("li", {}, `${i.name} × ${i.quantity}`))),
      el("p", { class: "total" }, money(order.total_cents, order.currency)),
      el("ol", { class: "timeline" }, timeline(order).map(([at, what]) => el("li", {}, `${when(at)} — ${what}`))),
      actions));
  }

  async function start() {
    if (!(await window.App.staffSignIn(view))) return;
    const me = await api("/api/v1/me", { signed: true });
    if (!me.stores.length) { view.replaceChildren(el("p", {}, _("This bot is for pharmacy staff: ask your manager for a link."))); return; }
    state.store = me.stores[0];
    await board();
    let pending = null;
    live((frame) => {
      if (!frame.type.startsWith("ORDER_")) return;
      if (frame.type === "ORDER_CREATED") toast(_("New order {number}", { number: frame.payload.number }));
      clearTimeout(pending);
      pending = setTimeout(() => board().catch(explain), 150);
    }, (s) => document.body.setAttribute("data-live", s));
  }
  telegram.back(null);
  start().catch(explain);
})();

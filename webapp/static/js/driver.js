/* The driver Mini App: shift, current and next deliveries with a map link, Picked up /
   ID checked / Delivered (with the proof photo and the cash taken), and location from the
   browser. */
(() => {
  "use strict";
  const { _, api, money, when, el, toast, explain, busy, live, haptic, STATUS } = window.App;
  const view = document.getElementById("view");
  let watching = null;
  let lastSent = 0;

  async function render() {
    const [me, mine, offered] = await Promise.all([
      api("/api/v1/driver/me", { signed: true }),
      api("/api/v1/driver/orders", { signed: true }),
      api("/api/v1/driver/offers", { signed: true }),
    ]);
    // Auto-dispatch offers: take the order or pass it on before the time runs out.
    const offers = offered.items.map((f) => {
      const answer = (action, label, cls) => {
        const button = el("button", { "data-action": `offer-${action}`, class: cls || null, onclick: () => busy(button, () => answerOffer(f, action)) }, label);
        return button;
      };
      return el("article", { class: "card offer", "data-offer": f.id },
        el("h3", {}, _("🚚 Can you take order {number}?", { number: f.number })),
        el("p", {}, f.address_text),
        el("p", {}, money(f.total_cents, f.currency)),
        f.cold_chain ? el("p", { class: "tag cold" }, _("❄ Keep cold: a driver with a cooler only")) : null,
        el("p", { class: "muted" }, _("Answer by {time}.", { time: when(f.expires_at) })),
        el("div", { class: "actions" }, answer("accept", _("✅ Accept"), "primary"), answer("decline", _("✖ Decline"))));
    });
    const shift = el("button", { id: "shift", class: me.on_shift ? "" : "primary", onclick: () => busy(shift, () => toggleShift(me.on_shift)) },
      me.on_shift ? _("⏹ End shift") : _("▶ Start shift"));
    const share = el("button", { id: "share-location", onclick: shareLocation }, watching === null ? _("📍 Share live location") : _("Sharing location"));
    const cards = mine.items.map((o) => {
      const actions = el("div", { class: "actions" });
      const map = o.lat !== null ? el("a", { class: "button", target: "_blank", rel: "noopener",
        href: `https://www.google.com/maps/dir/?api=1&destination=${o.lat},${o.lng}` }, _("🧭 Navigate")) : null;
      const guarded = (action, label, work, cls) => {
        const button = el("button", { "data-action": action, class: cls || null, onclick: () => busy(button, work) }, label);
        return button;
      };
      if (o.status === "assigned") actions.append(guarded("picked_up", _("📦 Picked up"), () => move(o, "picked_up")));
      if (o.status === "picked_up") {
        if (o.cold_chain && !o.kept_cold) {
          actions.append(guarded("kept_cold", _("❄ Kept cold"), () => keptCold(o), "primary"));
        } else if (o.requires_id_check && !o.id_checked) {
          // What the document shows: its type and year of birth (never its number).
          const doc = el("select", { name: "document", "aria-label": _("🪪 Check ID") },
            el("option", { value: "id_card" }, _("🪪 ID card")), el("option", { value: "passport" }, _("🛂 Passport")),
            el("option", { value: "driving_licence" }, _("🚗 Driving licence")), el("option", { value: "residence_permit" }, _("📄 Residence permit")));
          const year = el("input", { name: "birth_year", inputmode: "numeric", maxlength: "4", placeholder: "1990", "aria-label": _("🪪 Check ID") });
          actions.append(doc, year, guarded("id_check", _("🪪 Check ID"), () => idCheck(o, doc, year)));
        } else {
          const cash = o.payment_method === "cash" ? el("input", { name: "cash", inputmode: "decimal", "aria-label": _("Enter the cash you collected."), placeholder: money(o.total_cents, o.currency) }) : null;
          // The proof-of-delivery photo, from the camera; the store may require it.
          const snap = el("input", { type: "file", name: "proof", accept: "image/*", capture: "environment", "aria-label": _("📷 Proof photo") });
          actions.append(el("label", {}, _("📷 Proof photo"), snap), cash || "", guarded("delivered", _("✅ Delivered"), () => deliver(o, snap, cash), "primary"));
        }
        // Could not deliver: the order goes back to the pharmacy with the reason.
        const why = el("select", { name: "refusal", "aria-label": _("🚫 Cannot hand over") },
          el("option", { value: "customer_absent" }, _("Nobody there")), el("option", { value: "no_id" }, _("No valid ID")),
          el("option", { value: "underage" }, _("Under age")), el("option", { value: "customer_refused" }, _("Customer refused")));
        actions.append(why, guarded("refuse", _("🚫 Cannot hand over"), () => refuse(o, why)));
      }
      return el("article", { class: "card", "data-order": o.number, "data-status": o.status },
        el("h3", {}, `${o.number} · ${STATUS[o.status]}`),
        // A run's stops come in route order: which stop this is, and when the customer expects it.
        o.run_position ? el("p", { class: "tag run", "data-run-stop": o.run_position }, _("Run stop {position}", { position: o.run_position })
          + (o.eta_minutes ? " · " + _("about {minutes} min", { minutes: o.eta_minutes }) : "")) : null,
        el("p", {}, o.address_text + (o.address_details ? ", " + o.address_details : "")),
        o.note ? el("p", { class: "note", "data-note": "" }, _("Note for the driver: {note}", { note: o.note })) : null,
        el("p", {}, `${money(o.total_cents, o.currency)} · ${o.payment_method}`),
        o.requires_id_check ? el("p", { class: "tag" }, _("⚠ ID check at handover (age-restricted items)")) : null,
        o.cold_chain ? el("p", { class: "tag cold" }, o.kept_cold ? _("❄ Kept cold: confirmed") : _("❄ Keep cold until handover.")) : null,
        map, actions);
    });
    view.replaceChildren(el("div", { class: "actions" }, shift, share), ...offers,
      cards.length ? el("section", {}, cards) : el("p", { class: "muted" }, _("No deliveries right now.")));
  }

  async function toggleShift(onShift) {
    try { await api("/api/v1/driver/shift", { method: "POST", signed: true, body: { action: onShift ? "end" : "start" } }); haptic("success"); await render(); }
    catch (e) { explain(e); }
  }

  async function answerOffer(offer, action) {
    try { await api(`/api/v1/staff/offers/${offer.id}/${action}`, { method: "POST", signed: true }); haptic("success"); await render(); }
    catch (e) { explain(e); await render(); }
  }

  async function refuse(order, why) {
    try { await api(`/api/v1/staff/orders/${order.id}/refuse-handover`, { method: "POST", signed: true, body: { reason: why.value } }); haptic("success"); await render(); }
    catch (e) { explain(e); }
  }

  async function keptCold(order) {
    try { await api(`/api/v1/driver/orders/${order.id}/kept-cold`, { method: "POST", signed: true }); haptic("success"); await render(); }
    catch (e) { explain(e); }
  }

  async function idCheck(order, doc, year) {
    const body = { document_type: doc.value, birth_year: Number(year.value) };
    try { await api(`/api/v1/staff/orders/${order.id}/id-check`, { method: "POST", signed: true, body }); haptic("success"); await render(); }
    catch (e) { explain(e); }
  }

  async function deliver(order, snap, cashInput) {
    const file = snap.files && snap.files[0];
    if (file) {
      const form = new FormData();
      form.append("file", file);
      try { await api(`/api/v1/staff/orders/${order.id}/proof`, { method: "POST", signed: true, body: form }); }
      catch (e) { explain(e); return; }
    }
    await move(order, "delivered", cashInput);
  }

  async function move(order, status, cashInput) {
    const body = { status };
    if (cashInput) {
      const amount = Math.round(parseFloat((cashInput.value || "").replace(",", ".")) * 100);
      if (!Number.isFinite(amount)) { toast(_("Enter the cash you collected."), "error"); return; }
      body.cash_collected_cents = amount;
    }
    try { await api(`/api/v1/staff/orders/${order.id}/status`, { method: "POST", signed: true, body }); haptic("success"); await render(); }
    catch (e) { explain(e); }
  }

  function shareLocation() {
    if (!navigator.geolocation) { toast(_("We could not get your location."), "error"); return; }
    if (watching !== null) return;
    watching = navigator.geolocation.watchPosition(async (pos) => {
      if (Date.now() - lastSent < 15000) return;  // a fix every 15 s is plenty
      lastSent = Date.now();
      try { await api("/api/v1/driver/location", { method: "POST", signed: true, body: { lat: pos.coords.latitude, lng: pos.coords.longitude } }); }
      catch (e) { explain(e); }
    }, () => toast(_("We could not get your location."), "error"), { enableHighAccuracy: true });
    render();
  }

  async function start() {
    if (!(await window.App.staffSignIn(view))) return;
    await render();
    live(() => render().catch(explain));
  }
  start().catch(explain);
})();

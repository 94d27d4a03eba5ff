/* The server-rendered catalog and product pages come alive for the cart: "Add" puts the
   variant in the same browser cart the shop uses; the badge shows the count. */
(() => {
  "use strict";
  const { cfg, _, toast, saved, haptic } = window.App;
  const key = "cart:" + cfg.store.id;
  const badge = document.getElementById("cart-count");
  const render = () => { if (badge) badge.textContent = String(saved.get(key, []).reduce((n, i) => n + i.quantity, 0)); };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-variant]");
    if (!button) return;
    const id = Number(button.dataset.addVariant);
    const items = saved.get(key, []);
    const line = items.find((i) => i.variant_id === id);
    if (line) line.quantity += 1; else items.push({ variant_id: id, quantity: 1 });
    saved.set(key, items);
    render();
    haptic();
    toast(_("Added to cart"));
  });
  window.addEventListener("storage", render);
  render();
})();

/* Sign-in for the staff Mini Apps: initData inside Telegram, e-mail + password elsewhere. */
(() => {
  "use strict";
  const { _, api, auth, el, explain, messageArea, busy } = window.App;
  window.App.staffSignIn = async (view) => {
    try { if (await auth.ensure()) return true; } catch (e) { explain(e); }
    const email = el("input", { type: "email", name: "email", id: "email", autocomplete: "username", placeholder: "you@pharmacy" });
    const password = el("input", { type: "password", name: "password", id: "password", autocomplete: "current-password" });
    const button = el("button", { type: "submit", class: "primary" }, _("Sign in"));
    const form = el("form", { id: "staff-sign-in", novalidate: true });
    const msg = messageArea(() => form);
    return new Promise((resolve) => {
      form.onsubmit = (event) => {
        event.preventDefault();
        busy(button, async () => {
          try {
            auth.save(await api("/api/v1/auth/login", { method: "POST", body: { email: email.value, password: password.value } }));
            resolve(true);
          } catch (e) { msg.error(e); }
        });
      };
      form.append(el("label", { for: "email" }, _("E-mail"), email), el("label", { for: "password" }, _("Password"), password), msg.node, button);
      view.replaceChildren(el("h2", {}, _("Staff sign-in")), form);
    });
  };
})();

/* Sign-in for the staff Mini Apps: initData inside Telegram, e-mail + password elsewhere. */
(() => {
  "use strict";
  const { _, api, auth, el, explain } = window.App;
  window.App.staffSignIn = async (view) => {
    try { if (await auth.ensure()) return true; } catch (e) { explain(e); }
    const email = el("input", { type: "email", name: "email", autocomplete: "username", placeholder: "you@pharmacy" });
    const password = el("input", { type: "password", name: "password", autocomplete: "current-password" });
    return new Promise((resolve) => {
      const button = el("button", { class: "primary", onclick: async () => {
        try {
          auth.save(await api("/api/v1/auth/login", { method: "POST", body: { email: email.value, password: password.value } }));
          resolve(true);
        } catch (e) { explain(e); }
      } }, _("Sign in"));
      view.replaceChildren(el("h2", {}, _("Staff sign-in")), email, password, button);
    });
  };
})();

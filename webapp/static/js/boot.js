/* Loads Telegram's Mini App script (our vendored copy, never telegram.org) only when the page
   runs inside Telegram, before the page's own scripts that read window.Telegram. A plain
   browser neither downloads nor waits for it. */
(() => {
  "use strict";
  let stored = null;
  try { stored = sessionStorage.getItem("__telegram__initParams"); } catch (e) { /* private mode */ }
  const inside = /tgWebApp/.test(location.hash + location.search) || (stored && stored !== "{}")
    || window.TelegramWebviewProxy !== undefined || (window.external && "notify" in window.external)
    || (window.parent !== window && /(^|\.)telegram\.org$/.test(document.referrer ? new URL(document.referrer).hostname : ""));
  if (inside) document.write('<script src="/static/vendor/telegram-web-app/telegram-web-app.js"><\/script>');
})();

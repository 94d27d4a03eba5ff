// The session replay page: fetch the recording's rrweb events and hand them to the vendored
// rrweb-player.
(function () {
  "use strict";
  var box = document.getElementById("replay");
  if (!box) return;
  fetch(box.getAttribute("data-events"), { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (events) {
      box.textContent = "";
      if (!events.length || !window.rrwebPlayer) { box.textContent = "This recording is empty."; return; }
      window.replayer = new window.rrwebPlayer({ target: box, props: { events: events, autoPlay: false, width: 800, height: 500 } });
      box.setAttribute("data-ready", String(events.length));
    })
    .catch(function () { box.textContent = "The recording could not be loaded."; });
})();

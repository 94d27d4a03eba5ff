// The live order board: the store's events over /ws move cards between status columns.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.WebSocket) return;
  var live = document.getElementById("live");
  var store = Number(board.dataset.store);
  function column(status) { return board.querySelector('[data-column="' + status + '"]'); }
  function recount() {
    board.querySelectorAll("[data-column]").forEach(function (col) {
      col.querySelector("[data-count]").textContent = col.querySelectorAll(".ticket").length;
    });
  }
  function place(p, status) {
    var card = board.querySelector('[data-order="' + p.order_id + '"]');
    if (!card) {
      card = document.createElement("a");
      card.className = "card ticket";
      card.dataset.order = p.order_id;
      card.href = board.dataset.base + p.order_id;
      var title = document.createElement("b");
      title.textContent = p.number;
      card.appendChild(title);
      if (p.total_cents !== undefined) {
        var money = new Intl.NumberFormat(board.dataset.locale || "en", {style: "currency", currency: p.currency});
        card.appendChild(document.createTextNode(" · " + money.format(p.total_cents / 100)));
      }
    }
    var target = column(status);
    if (target) target.insertBefore(card, target.children[1] || null); else card.remove();
    card.classList.add("fresh");
    recount();
  }
  var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  socket.onopen = function () { socket.send(JSON.stringify({type: "auth", token: board.dataset.token})); };
  socket.onmessage = function (message) {
    var data = JSON.parse(message.data);
    if (data.type === "welcome") { live.textContent = "live"; live.dataset.state = "live"; return; }
    if (!data.payload || data.payload.store_id !== store) return;
    if (data.type === "ORDER_CREATED") place(data.payload, data.payload.status || "pending");
    if (data.type === "ORDER_STATUS_CHANGED") place(data.payload, data.payload.to);
  };
  socket.onclose = function () { live.textContent = "offline: reload the page"; live.dataset.state = "offline"; };
})();

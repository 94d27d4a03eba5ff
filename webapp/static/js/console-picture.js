// The product picture form: a phone photo is often bigger than the console accepts in one
// request, so a big picture is scaled down in the browser first (the server still checks,
// cleans and resizes whatever arrives). Without canvas support the form posts as it is.
(function () {
  "use strict";
  var LIMIT = 900 * 1024, SIDE = 2000;
  document.querySelectorAll("form[data-picture-upload]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      var file = input && input.files && input.files[0];
      if (!file || file.size <= LIMIT || !window.createImageBitmap || !window.fetch) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.setAttribute("aria-busy", "true"); }
      // Smaller and a little more compressed each round until it fits (a detailed photo at
      // 2000 px can still be over the limit).
      function shrink(bitmap, side, quality, round) {
        var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return new Promise(function (done) { canvas.toBlob(done, "image/jpeg", quality); }).then(function (blob) {
          if (blob.size <= LIMIT || round >= 6) return blob;
          return shrink(bitmap, Math.round(Math.max(canvas.width, canvas.height) * 0.75), Math.max(0.6, quality - 0.1), round + 1);
        });
      }
      createImageBitmap(file).then(function (bitmap) {
        return shrink(bitmap, SIDE, 0.9, 0);
      }).then(function (blob) {
        var body = new FormData(form);
        body.set("file", blob, "picture.jpg");
        return fetch(form.action, { method: "POST", body: body, credentials: "same-origin" });
      }).then(function (response) { return response.text(); }).then(function (html) {
        document.open(); document.write(html); document.close();
      }).catch(function () { form.submit(); });  // not decodable here: let the server say why
    });
  });
})();

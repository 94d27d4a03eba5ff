// The console's little script: the store switcher submits on change, and an upload shows
// its progress (a big CSV import takes a few seconds).
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { if (select.value) select.form.submit(); });
  });
  // Prescription viewer: a range input scales the image inside its scrolling frame.
  document.querySelectorAll("input[data-zoom-target]").forEach(function (input) {
    var image = document.getElementById(input.getAttribute("data-zoom-target"));
    if (!image) return;
    input.addEventListener("input", function () {
      image.style.width = (100 * Number(input.value)) + "%";
    });
  });
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      event.preventDefault();
      var bar = form.querySelector("progress");
      var button = form.querySelector("button[type=submit]");
      if (bar) bar.hidden = false;
      if (button) { button.disabled = true; button.textContent = "Importing…"; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.onprogress = function (e) { if (bar && e.lengthComputable) bar.value = Math.round(90 * e.loaded / e.total); };
      xhr.onload = function () {
        if (bar) bar.value = 100;
        document.open(); document.write(xhr.responseText); document.close();
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(new FormData(form));
    });
  });
})();

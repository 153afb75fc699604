/*
 * congso — small comforts on the dossier pages; every page works without this file.
 * - "Copy the reference number": buttons with data-copy-target="<element id>" are shown
 *   and copy that element's text to the clipboard, then say so (data-copied-text).
 * - A form's submit button marked data-prevent-double-submit is disabled once the form is
 *   sent (the server makes one dossier anyway: the form carries a one-time token).
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied-text") || label;
        button.setAttribute("data-state", "copied");
        window.setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-state");
        }, 3000);
      });
    });
  });

  document.querySelectorAll("[data-prevent-double-submit]").forEach(function (button) {
    var form = button.form;
    if (!form) {
      return;
    }
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      }, 0);
    });
  });
})();

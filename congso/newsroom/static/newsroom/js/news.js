/*
 * News item: the "Copy link" and "Print" buttons. Loaded with defer; no inline script
 * (the Content-Security-Policy forbids it).
 *
 * Without JavaScript the page still works: the item's address is printed beside the share
 * links (select and copy it), the copy button stays hidden, and "Print" is a link to the
 * print view (?print=1).
 *
 * [data-copy-link="URL"]  button: copies URL, then says so in [data-copy-status]
 *                         (role="status", read out by screen readers) using the text in
 *                         its data-copied attribute.
 * [data-print]            link or button: opens the browser's print dialog.
 */
(function () {
  "use strict";

  function announce(message) {
    var status = document.querySelector("[data-copy-status]");
    if (status) {
      status.textContent = "";
      // A new text node each time, so the same message is announced again.
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(field);
    return ok;
  }

  function copy(button) {
    var text = button.getAttribute("data-copy-link");
    var done = function () {
      announce(button.getAttribute("data-copied") || "");
      button.setAttribute("data-state", "copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        if (copyWithSelection(text)) {
          done();
        }
      });
    } else if (copyWithSelection(text)) {
      done();
    }
  }

  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (control) {
      control.hidden = false;
      control.addEventListener("click", function (event) {
        if (typeof window.print === "function") {
          event.preventDefault();
          window.print();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();

/*
 * Text size control: A− (87.5 %), A (100 %), A+ (125 %).
 *
 * Loaded in <head> WITHOUT defer. The first part runs before the page is painted and puts
 * the reader's saved choice on <html> as a class (fs-small / fs-large); every size in
 * site.css is in rem, so all text follows. The buttons are wired once the document is
 * parsed. The control is rendered with the `hidden` attribute and only shown here, so
 * readers without JavaScript never see buttons that do nothing.
 *
 * The choice is kept in localStorage under "congso-font-size": "small", "default" or
 * "large". No inline script is needed (the Content-Security-Policy forbids it).
 */
(function () {
  "use strict";

  var KEY = "congso-font-size";
  var CLASSES = { small: "fs-small", large: "fs-large" };
  var SIZES = ["small", "default", "large"];
  var root = document.documentElement;

  function normalise(value) {
    return SIZES.indexOf(value) === -1 ? "default" : value;
  }

  function load() {
    try {
      return normalise(window.localStorage.getItem(KEY));
    } catch (error) {
      return "default"; // storage blocked: every page starts at the default size
    }
  }

  function save(size) {
    try {
      window.localStorage.setItem(KEY, size);
    } catch (error) {
      // Storage blocked (private mode, policy): the choice holds for this page only.
    }
  }

  function apply(size) {
    root.classList.remove(CLASSES.small, CLASSES.large);
    if (CLASSES[size]) {
      root.classList.add(CLASSES[size]);
    }
  }

  var current = load();
  apply(current);

  function updateButtons() {
    var buttons = document.querySelectorAll("[data-font-size-control] button[data-font-size]");
    Array.prototype.forEach.call(buttons, function (button) {
      var pressed = button.getAttribute("data-font-size") === current;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  }

  function choose(size) {
    current = normalise(size);
    apply(current);
    save(current);
    updateButtons();
  }

  function wire() {
    var groups = document.querySelectorAll("[data-font-size-control]");
    Array.prototype.forEach.call(groups, function (group) {
      group.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-font-size]");
        if (button && group.contains(button)) {
          choose(button.getAttribute("data-font-size"));
        }
      });
      group.hidden = false;
    });
    updateButtons();
  }

  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      current = normalise(event.newValue);
      apply(current);
      updateButtons();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();

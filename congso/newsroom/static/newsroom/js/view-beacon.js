/* View counter beacon (congso.newsroom.viewcounter): once the item page has loaded, POST
   to the address in data-view-beacon. Runs from cached pages too; sends no cookie-bound
   token and changes nothing on the page. */
(function () {
  "use strict";
  var el = document.querySelector("[data-view-beacon]");
  if (!el) return;
  var url = el.getAttribute("data-view-beacon");
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    if (window.fetch) {
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: true }).catch(
        function () {}
      );
    }
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send, { once: true });
})();

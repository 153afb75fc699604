/* View counter beacon (congso.newsroom.viewcounter): once the item page has loaded, POST
   to the address in data-view-beacon. Runs from cached pages too and sends no cookie-bound
   token. The answer, {"views": N}, is the item's count now: it replaces the number in
   [data-view-count], formatted for the page's language (3.028 / 3,028), since a cached
   copy of the page shows the count of when it was stored. */
(function () {
  "use strict";
  var el = document.querySelector("[data-view-beacon]");
  if (!el) return;
  var url = el.getAttribute("data-view-beacon");
  function show(data) {
    var target = document.querySelector("[data-view-count]");
    if (!target || !data || typeof data.views !== "number") return;
    var lang = document.documentElement.lang || "vi";
    target.textContent = new Intl.NumberFormat(lang).format(data.views);
  }
  function send() {
    if (window.fetch) {
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: true })
        .then(function (response) {
          return response.status === 200 ? response.json() : null;
        })
        .then(show)
        .catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    }
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send, { once: true });
})();

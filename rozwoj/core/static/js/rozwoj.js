// Rozwój's own behaviour, loaded on every page. The Content-Security-Policy allows scripts only from our static
// files (no inline <script>, no on…= or hx-on attributes, no eval), so every behaviour lives here, attached by
// data- attributes.
(function () {
  "use strict";

  // A search box inside a form (e.g. the organisation field's search) filters as one types; Enter must not
  // submit the surrounding form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest && event.target.closest("[data-enter-does-not-submit]")) {
      event.preventDefault();
    }
  });
})();

/* Starts Swagger UI (npm swagger-ui-dist, served from this site) with the settings embedded as
   #swagger-settings; no inline script, so the Content-Security-Policy needs no exception. */
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("swagger-settings");
    if (!source || typeof SwaggerUIBundle === "undefined") { return; }
    var config = JSON.parse(source.textContent);
    config.dom_id = "#swagger-ui";
    config.presets = [SwaggerUIBundle.presets.apis];
    window.ui = SwaggerUIBundle(config);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

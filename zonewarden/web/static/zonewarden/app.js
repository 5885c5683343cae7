// ZoneWarden pages work without JavaScript; htmx (loaded before this file) edits matrix rows
// in place. This file only tells the user when an htmx request could not be answered, so a
// failed save is never silent. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function say(text) {
    var area = document.getElementById("messages");
    if (!area) {
      return;
    }
    var p = document.createElement("p");
    p.className = "message message-error";
    p.textContent = text;
    area.replaceChildren(p);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    say("The server could not do this (HTTP " + status + "); nothing was changed. Reload the page and try again.");
  });

  document.addEventListener("htmx:sendError", function () {
    say("The server could not be reached; nothing was saved. Check the connection and try again.");
  });
})();

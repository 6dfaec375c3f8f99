// "N is editing this briefing": while a change page is open it says so to the server every
// 20 seconds (the server forgets after 60), and shows who else has the page open. A
// warning, not a lock, like WordPress's post locks.
"use strict";
(function () {
  const INTERVAL = 20000;

  function token() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function start(banner) {
    const url = banner.dataset.presenceUrl;
    async function beat() {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token());
      try {
        const response = await fetch(url, {method: "POST", body: body, credentials: "same-origin"});
        if (!response.ok) return;
        const data = await response.json();
        banner.textContent = data.message;
        // The strip is the list around the message: hidden while nobody else is here.
        banner.closest(".presence").hidden = !data.message;
      } catch (error) {
        // Offline for a moment: the next beat tries again.
      }
    }
    beat();
    setInterval(beat, INTERVAL);
    window.addEventListener("pagehide", function () {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token());
      body.append("leave", "1");
      navigator.sendBeacon(url, body);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-presence-url]").forEach(start);
  });
})();

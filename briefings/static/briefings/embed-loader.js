// Newsroom live widget loader, for partner pages: sizes every
// <iframe data-newsroom-embed> to the height its widget reports, so the widget never
// scrolls inside the page. Include it once, anywhere on the page, with the iframe snippet.
(function () {
  "use strict";

  if (window.newsroomEmbedLoader) return;
  window.newsroomEmbedLoader = true;

  window.addEventListener("message", function (event) {
    const data = event.data;
    if (!data || data.type !== "newsroom:embed-height") return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height <= 0 || height > 100000) return;
    const frames = document.querySelectorAll("iframe[data-newsroom-embed]");
    for (const frame of frames) {
      // Only the widget's own document may size its frame, not whatever it navigated to.
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, window.location.href).origin !== event.origin) continue;
      frame.style.height = height + "px";
    }
  });
})();

// The live widget, inside a partner's iframe: tell the partner's page how tall the widget
// is whenever that changes (a new update, a narrower window), so that embed-loader.js can
// size the iframe to it. The height is no secret: any page framing the widget may read it.
(function () {
  "use strict";

  const widget = document.querySelector(".embed");
  if (!widget || window.parent === window) return;
  let reported = 0;

  function report() {
    const height = Math.ceil(widget.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    window.parent.postMessage({ type: "newsroom:embed-height", height: height }, "*");
  }

  if (window.ResizeObserver) new ResizeObserver(report).observe(widget);
  window.addEventListener("load", report);
  report();
})();

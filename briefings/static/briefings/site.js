// Progressive enhancements for every public page; the pages work without them.
(function () {
  "use strict";

  // A "Copy link" button on each update, next to its time (which is the permalink anyway).
  // Added by script, so readers without JavaScript never see a button that does nothing.
  function addCopyLink(article) {
    const permalink = article.querySelector("a.update__time");
    const meta = article.querySelector(".update__meta");
    if (!permalink || !meta || meta.querySelector(".copy-link") || !navigator.clipboard) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "Copy link";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(permalink.href);
        button.textContent = "Link copied";
      } catch (error) {
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = "Copy link"; }, 2500);
    });
    meta.append(button);
  }

  document.querySelectorAll("article.update").forEach(addCopyLink);

  // The update stream's filters: collapsed in the HTML so a phone shows results first,
  // opened where the screen has room for both (the same width as the CSS's two columns).
  const filters = document.querySelector("details.filters");
  if (filters && window.matchMedia("(min-width: 48rem)").matches) filters.open = true;
  // Updates that live.js inserts later get the button too.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.matches("article.update")) addCopyLink(node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

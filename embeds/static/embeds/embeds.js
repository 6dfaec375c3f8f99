// Embedded posts and videos (embeds/): a card asks its provider for nothing until the
// reader chooses "Load content from …"; then the provider's embed page is framed in the
// card. Without script the card stays a link to the post.
(function () {
  "use strict";

  function addButton(card) {
    if (card.querySelector(".embed-card__load") || card.querySelector("iframe")) return;
    const provider = card.dataset.embedProvider;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "embed-card__load";
    button.textContent = `Load content from ${provider}`;
    const note = document.createElement("p");
    note.className = "embed-card__note";
    note.textContent = `${provider} will see that you are reading this and may set cookies.`;
    card.append(button, note);
  }

  function load(card) {
    const src = card.dataset.embedSrc || "";
    if (!src.startsWith("https://")) return;
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = `${card.dataset.embedProvider} content`;
    frame.className = `embed-frame embed-frame--${card.dataset.embedShape || "post"}`;
    // Our pages send no referrer across sites; YouTube refuses to play without the origin.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.allow = "fullscreen; picture-in-picture; encrypted-media";
    frame.setAttribute(
      "sandbox",
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation",
    );
    card.querySelector(".embed-card__load")?.remove();
    card.querySelector(".embed-card__note")?.remove();
    card.classList.add("embed-card--loaded");
    card.append(frame);
  }

  function bind(root) {
    root.querySelectorAll(".embed-card[data-embed-src]").forEach(addButton);
  }

  // One listener for the page: cards that live.js inserts later work without binding.
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".embed-card__load");
    if (button) load(button.closest(".embed-card"));
  });
  bind(document);
  // Updates the live poller inserts (or replaces, when edited) get their buttons too.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) {
          if (node.matches(".embed-card[data-embed-src]")) addButton(node);
          else bind(node);
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

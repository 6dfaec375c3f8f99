// Live briefing: poll live.json, show new and edited updates without a reload.
//
// New updates go straight into the stream when the reader is at the top of it; further
// down, they wait behind an "N new updates" button (and "(N)" in the tab title), so the
// text being read never moves. A polite live region announces them. Polling slows down
// while the tab is hidden, backs off after errors, and stops when coverage ends.
(function () {
  "use strict";

  const stream = document.querySelector("[data-live-url]");
  if (!stream || !window.fetch) return;

  const url = stream.dataset.liveUrl;
  const baseSeconds = Math.max(1, parseFloat(stream.dataset.pollSeconds) || 12);
  const button = stream.querySelector(".new-updates");
  const status = stream.querySelector(".live-status");
  const refresh = stream.querySelector(".refresh");
  const title = document.title;
  let cursor = stream.dataset.cursor || "0";
  let failures = 0;
  let timer = null;
  let waiting = []; // updates held back while the reader is further down the page

  function delay() {
    const hidden = document.visibilityState === "hidden" ? 4 : 1;
    const backoff = Math.min(2 ** failures, 16);
    const jitter = 0.75 + Math.random() * 0.5; // readers must not poll in lockstep
    return baseSeconds * hidden * backoff * jitter * 1000;
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms === undefined ? delay() : ms);
  }

  function readerAtTop() {
    return stream.getBoundingClientRect().top > -100;
  }

  function fromHTML(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // The day of an update's stamp in the briefing's zone: its datetime attribute starts
  // with it ("2024-11-13T07:24:00+00:00"), as the server rendered it.
  function dayOf(element) {
    return (element.querySelector("time")?.getAttribute("datetime") || "").slice(0, 10);
  }

  // A new day's first update gets a divider, like the ones the server draws between days.
  function divide(element) {
    const day = dayOf(element);
    const previous = element.previousElementSibling;
    if (!day || (previous && previous.matches(".day-divider"))) return;
    const next = element.nextElementSibling;
    const nextDay = next && next.matches(".day-divider")
      ? next.querySelector("time")?.getAttribute("datetime")
      : next && dayOf(next);
    if (nextDay === day) {
      if (next.matches(".day-divider")) next.after(element); // under its own day's divider
      return;
    }
    const label = (element.querySelector("time")?.getAttribute("title") || day).split(",")[0];
    const divider = document.createElement("h3");
    divider.className = "day-divider";
    const time = document.createElement("time");
    time.setAttribute("datetime", day);
    time.textContent = `Today, ${label}`;
    divider.append(time);
    element.before(divider);
  }

  // "Last updated" at the top of the briefing follows the newest update.
  function touch(element) {
    const stamp = element.querySelector(".update__time time");
    const updated = document.querySelector(".briefing__updated time");
    if (stamp && updated && Date.parse(stamp.getAttribute("datetime")) > Date.parse(updated.getAttribute("datetime"))) {
      updated.replaceWith(stamp.cloneNode(true));
    }
  }

  // Newest first, the original entry last: where a new update belongs in the stream.
  function insert(update) {
    const element = fromHTML(update.html);
    element.dataset.postedAt = update.posted_at;
    touch(element);
    const articles = stream.querySelectorAll("article.update:not(.update--original)");
    for (const other of articles) {
      const otherTime = other.querySelector("time")?.getAttribute("datetime") || "";
      if (!update.is_original_entry && Date.parse(otherTime) <= Date.parse(update.posted_at)) {
        const divider = other.previousElementSibling;
        (divider && divider.matches(".day-divider") ? divider : other).before(element);
        divide(element);
        return;
      }
    }
    const original = stream.querySelector("article.update--original");
    if (original && !update.is_original_entry) original.before(element);
    else stream.append(element);
  }

  function apply(update) {
    const existing = document.getElementById(update.anchor);
    if (existing) {
      existing.replaceWith(fromHTML(update.html)); // edited, or corrected
      return false;
    }
    insert(update);
    return true;
  }

  function announce(count) {
    if (!count) return;
    status.textContent = count === 1 ? "1 new update" : `${count} new updates`;
  }

  function showWaiting() {
    const count = waiting.length;
    button.hidden = count === 0;
    button.textContent = count === 1 ? "Show 1 new update" : `Show ${count} new updates`;
    document.title = count ? `(${count}) ${title}` : title;
  }

  function release(moveFocus) {
    const count = waiting.filter(apply).length;
    waiting = [];
    showWaiting();
    announce(count);
    const first = stream.querySelector("article.update");
    if (first && moveFocus) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "start" });
    }
  }

  function receive(data) {
    for (const id of data.removed) {
      document.querySelector(`[data-update-id="${id}"]`)?.remove();
      waiting = waiting.filter((update) => update.id !== id);
    }
    let added = 0;
    for (const update of data.updates) {
      const known = document.getElementById(update.anchor);
      if (known || readerAtTop()) {
        if (apply(update)) added += 1;
      } else {
        waiting = waiting.filter((other) => other.id !== update.id);
        waiting.push(update);
      }
    }
    if (added && waiting.length === 0) announce(added);
    if (waiting.length) {
      showWaiting();
      announce(waiting.length);
    }
    cursor = data.cursor;
    if (data.reload) {
      status.textContent = "Many updates arrived: refresh the page to see them.";
      status.classList.remove("visually-hidden");
      return false;
    }
    if (!data.live) {
      status.textContent = "Coverage of this story has ended.";
      status.classList.remove("visually-hidden");
      if (refresh) refresh.hidden = true;
      return false;
    }
    return true;
  }

  async function poll() {
    try {
      const response = await fetch(`${url}?after=${encodeURIComponent(cursor)}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      failures = 0;
      if (receive(await response.json())) schedule();
    } catch (error) {
      failures += 1;
      schedule();
    }
  }

  button.addEventListener("click", () => release(true));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") schedule(1000);
  });
  window.addEventListener("scroll", () => {
    if (waiting.length && readerAtTop()) release(false);
  }, { passive: true });
  if (refresh) refresh.hidden = true; // the script keeps the page fresh; without it, the link does
  schedule();
})();

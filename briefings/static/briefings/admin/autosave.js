// An update being written is kept in this browser (localStorage) until it is saved: after a
// reload, a crash or a refused post the text comes back, and the editor is told so, with a
// button to discard it. Forms opt in with data-autosave="<key>" (on the form, or on an
// element inside it): one key per briefing's quick post, per update, per briefing's new
// update. A success message of the admin carries data-autosave-saved="<key>" once the text
// under that key is saved (briefings/admin/base.py, autosave_saved), and the copy is dropped.
//
// Also here, because they guard the same text: a size check before submitting (a post
// larger than the server accepts is refused before it leaves, the text stays), Esc in the
// quick post form, which cancels it (with an undo), and signing out: the copies are this
// user's unsaved text, which the next person at a shared computer must not find, so
// signing out removes them, after asking when there are any.
"use strict";
(function () {
  const PREFIX = "newsroom-draft:";
  const DELAY = 400; // ms after the last keystroke
  let signingOut = false; // then nothing is kept again, not even as the page goes away

  function user() {
    const meta = document.querySelector("meta[name=newsroom-autosave-user]");
    return meta ? meta.content : "";
  }

  function storageKey(key) {
    return PREFIX + user() + ":" + key;
  }

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(storageKey(key)) || "null");
    } catch (error) {
      return null; // storage disabled, or something else's value
    }
  }

  function write(key, value) {
    try {
      localStorage.setItem(storageKey(key), JSON.stringify(value));
      return true;
    } catch (error) {
      return false; // over the browser's quota (about 5 MB), or storage disabled
    }
  }

  function forget(key) {
    try {
      localStorage.removeItem(storageKey(key));
    } catch (error) {
      // storage disabled: nothing was kept
    }
  }

  const TEXT_TYPES = ["text", "search", "url", "email", "tel", "number", "date", "time"];

  // The fields whose text is kept: what the editor types, and the version the form was
  // loaded with (restored with the text, so that saving an old copy over someone else's
  // newer save is refused by the server, not done silently).
  function fields(form) {
    return Array.from(form.elements).filter(function (el) {
      if (!el.name || el.disabled || el.name.includes("__prefix__")) return false;
      if (el.name.startsWith("initial-") || el.name === "csrfmiddlewaretoken") return false;
      if (el.tagName === "TEXTAREA") return !el.readOnly;
      if (el.tagName !== "INPUT") return false;
      if (el.type === "hidden") return el.name === "loaded_version";
      return TEXT_TYPES.includes(el.type) && !el.readOnly;
    });
  }

  function values(form) {
    const found = {};
    fields(form).forEach(function (el) {
      found[el.name] = el.value;
    });
    return found;
  }

  function apply(form, stored) {
    fields(form).forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(stored, el.name)) el.value = stored[el.name];
    });
  }

  function same(a, b) {
    const keys = new Set(Object.keys(a).concat(Object.keys(b)));
    for (const key of keys) {
      if ((a[key] || "") !== (b[key] || "")) return false;
    }
    return true;
  }

  function clock(ms) {
    const when = new Date(ms);
    const time = when.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", hour12: false});
    const today = new Date().toDateString() === when.toDateString();
    return today ? time : when.toLocaleDateString([], {day: "numeric", month: "short"}) + ", " + time;
  }

  function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  // How many bytes of form data the server counts against DATA_UPLOAD_MAX_MEMORY_SIZE:
  // the whole urlencoded body, or the fields (not the files) of a multipart one.
  function payloadBytes(form, submitter) {
    const data = new FormData(form, submitter || undefined);
    if (form.enctype === "multipart/form-data") {
      let total = 0;
      for (const [name, value] of data.entries()) {
        if (typeof value === "string") total += new Blob([name, value]).size;
      }
      return total;
    }
    return new Blob([new URLSearchParams(data).toString()]).size;
  }

  function notice(form, kind) {
    let box = form.querySelector(".autosave-notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "autosave-notice";
      box.setAttribute("role", "status");
      const anchor = form.querySelector("[data-error-summary]") || form.querySelector("fieldset");
      if (anchor) anchor.before(box);
      else form.prepend(box);
    }
    box.dataset.kind = kind;
    box.replaceChildren();
    return box;
  }

  function say(box, text, buttonLabel, onClick) {
    const p = document.createElement("p");
    p.textContent = text + " ";
    if (buttonLabel) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = buttonLabel;
      button.addEventListener("click", onClick);
      p.append(button);
    }
    box.append(p);
  }

  function attach(form, key) {
    const baseline = values(form); // what the page came with
    let timer = null;
    let warnedQuota = false;

    function save() {
      clearTimeout(timer);
      if (signingOut) return;
      const current = values(form);
      if (same(current, baseline)) {
        forget(key);
        return;
      }
      if (!write(key, {savedAt: Date.now(), values: current}) && !warnedQuota) {
        warnedQuota = true;
        say(
          notice(form, "warning"),
          "This text is too long to keep in this browser: it stays in the form, but a reload would lose it.",
        );
      }
    }

    function discard() {
      apply(form, baseline);
      forget(key);
      const box = form.querySelector(".autosave-notice");
      if (box) box.remove();
    }

    const stored = read(key);
    if (stored && stored.values && !same(stored.values, values(form))) {
      apply(form, stored.values);
      say(
        notice(form, "restored"),
        "Restored what you were writing here (kept in this browser at " + clock(stored.savedAt) +
          "). It is not saved yet.",
        "Discard it",
        discard,
      );
    }

    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    });
    form.addEventListener("change", save);
    window.addEventListener("pagehide", save);

    form.addEventListener("submit", function (event) {
      save(); // the copy stays until the server says the text is saved
      const limit = Number(form.dataset.maxBytes || 0);
      if (!limit) return;
      const size = payloadBytes(form, event.submitter);
      if (size > limit) {
        event.preventDefault();
        say(
          notice(form, "error"),
          "Not posted: this is " + megabytes(size) + ", and an update may have " +
            megabytes(limit) + " at most. Shorten it or split it into several updates; " +
            "your text is still here.",
        );
        form.querySelector(".autosave-notice").scrollIntoView({block: "center"});
      }
    });

    if (form.matches("[data-quick-post]")) {
      form.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || event.defaultPrevented) return;
        const target = event.target;
        // Esc closes an autocomplete's or a suggestion list's menu first.
        if (target.closest(".select2-container") || target.hasAttribute("list")) return;
        event.preventDefault();
        cancel();
      });
    }

    function cancel() {
      const cancelUrl = form.dataset.autosaveCancel;
      if (cancelUrl) {
        save(); // leaving the page: the text stays in this browser
        window.location.assign(cancelUrl);
        return;
      }
      const typed = values(form);
      if (same(typed, baseline)) return;
      apply(form, baseline);
      forget(key);
      say(notice(form, "cancelled"), "Cancelled: the form is empty again.", "Undo", function () {
        apply(form, typed);
        save();
        form.querySelector(".autosave-notice").remove();
        const body = form.querySelector("textarea");
        if (body) body.focus();
      });
    }
  }

  function keptKeys() {
    const mine = PREFIX + user() + ":";
    try {
      return Object.keys(localStorage).filter(function (key) {
        return key.startsWith(mine);
      });
    } catch (error) {
      return [];
    }
  }

  function guardSignOut(form) {
    form.addEventListener("submit", function (event) {
      // What is being typed on this page is written first, so that it is counted.
      document.querySelectorAll("form[data-autosave-attached]").forEach(function (f) {
        f.dispatchEvent(new Event("change"));
      });
      const kept = keptKeys();
      if (!kept.length) return;
      const forms = kept.length === 1 ? "one form" : kept.length + " forms";
      const leave = window.confirm(
        "You have text that is not saved yet in " + forms + ", kept only in this browser. " +
          "Signing out removes it, so that nobody else using this computer can read it. Sign out?",
      );
      if (!leave) {
        event.preventDefault();
        return;
      }
      signingOut = true;
      kept.forEach(function (key) {
        try {
          localStorage.removeItem(key);
        } catch (error) {
          // storage disabled: nothing was kept
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const signOut = document.getElementById("logout-form");
    if (signOut) guardSignOut(signOut);
    document.querySelectorAll("[data-autosave-saved]").forEach(function (message) {
      forget(message.dataset.autosaveSaved);
    });
    document.querySelectorAll("[data-autosave]").forEach(function (marker) {
      const form = marker.tagName === "FORM" ? marker : marker.closest("form");
      if (!form || form.dataset.autosaveAttached) return;
      form.dataset.autosaveAttached = "1";
      if (marker !== form) {
        if (marker.dataset.maxBytes) form.dataset.maxBytes = marker.dataset.maxBytes;
      }
      attach(form, marker.dataset.autosave);
    });
    // A collapsed section ("Advanced") with an error in it is opened: Django's stays shut.
    document.querySelectorAll("details").forEach(function (details) {
      if (details.querySelector(".errorlist")) details.open = true;
    });
    // Errors listed at the top of a form: focus the list; a link to a field in a collapsed
    // section opens the section first.
    const summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        const link = event.target.closest("a[href^='#']");
        if (!link) return;
        const target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        const details = target.closest("details");
        if (details) details.open = true;
        target.scrollIntoView({block: "center"});
        target.focus();
      });
    }
  });
})();

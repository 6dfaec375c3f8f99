// The "Post update" form: Ctrl+Enter (Cmd+Enter on a Mac) in any of its fields submits it
// with its first button — Publish for editors, Save as draft for contributors.
"use strict";
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-quick-post]").forEach(function (form) {
      form.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
        event.preventDefault();
        const button = form.querySelector("input[type=submit].default");
        if (button) form.requestSubmit(button);
      });
    });
  });
})();

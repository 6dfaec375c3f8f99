// Suggest existing tags for the comma-separated tag input (django-taggit has no admin
// autocomplete). A <datalist> only matches the whole input, so each suggestion is offered
// as the tags already typed plus the suggested one.
"use strict";
(function () {
  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    let timer = null;
    let lastQuery = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const value = input.value;
        const cut = value.lastIndexOf(",");
        const typed = value.slice(0, cut + 1);
        const query = value.slice(cut + 1).trim();
        if (!query || query === lastQuery) return;
        lastQuery = query;
        const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
        const response = await fetch(url, {credentials: "same-origin"});
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(...data.results.map(function (name) {
          const option = document.createElement("option");
          const quoted = name.includes(",") || name.includes(" ") ? '"' + name + '"' : name;
          option.value = (typed ? typed + " " : "") + quoted;
          return option;
        }));
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  });
})();

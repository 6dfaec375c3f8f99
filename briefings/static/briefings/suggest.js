// The update stream's actor, source and briefing fields: names offered as the reader types,
// from /updates/suggest.json into each field's <datalist>. Without this script the fields
// still take a name or an address (slug); the page never lists every entry.
(function () {
  "use strict";

  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const endpoint = input.dataset.suggest;
    if (!list || !endpoint) return;
    let timer = null;
    let asked = "";
    let controller = null;

    async function suggest() {
      const typed = input.value.trim();
      if (typed === asked || typed.length < 2) return;
      asked = typed;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${endpoint}&q=${encodeURIComponent(typed)}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const { results } = await response.json();
        list.replaceChildren(
          ...results.map(({ value, label }) => {
            const option = document.createElement("option");
            option.value = value;
            option.label = label;
            option.textContent = label;
            return option;
          })
        );
      } catch (error) {
        // Aborted by a newer keystroke, or offline: the field still takes what is typed.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
  }

  document.querySelectorAll("input[data-suggest][list]").forEach(attach);
})();

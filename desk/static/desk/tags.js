// Suggest existing tags for the last comma-separated entry of a tag input.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-tag-suggestions]").forEach((input) => {
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const parts = input.value.split(",");
        const last = parts.pop().trim();
        if (!last) return;
        const url = new URL(input.dataset.tagSuggestions, window.location.origin);
        url.searchParams.set("q", last);
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const { tags } = await response.json();
        const prefix = parts.map((p) => p.trim()).filter(Boolean).join(", ");
        list.replaceChildren(...tags.map((name) => {
          const option = document.createElement("option");
          option.value = prefix ? `${prefix}, ${name}` : name;
          return option;
        }));
      }, 150);
    });
  });
});

// The story form (change_form.html): Ctrl/Cmd+S saves, and the panels under
// the text remember whether they were open (in this browser).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("article_form");
  if (!form) return;

  const save = form.querySelector("[data-testid=save]");
  document.addEventListener("keydown", (event) => {
    const ctrlS = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s";
    if (!ctrlS) return;
    event.preventDefault();
    if (save) form.requestSubmit(save);
  });

  const KEY = "newsroom-story-panels";
  let open = {};
  try {
    open = JSON.parse(localStorage.getItem(KEY) || "{}");
  } catch {
    open = {};
  }
  for (const details of document.querySelectorAll(".story-editor details")) {
    const name = details.dataset.remember || details.querySelector("summary [id]")?.id;
    if (!name) continue;
    const group = details.closest(".inline-group");
    const items = group ? group.querySelectorAll(".has_original").length : 0;
    const heading = details.querySelector("summary h2");
    if (items && heading) heading.append(` · ${items}`);
    if (name in open) details.open = open[name];
    details.addEventListener("toggle", () => {
      open[name] = details.open;
      try {
        localStorage.setItem(KEY, JSON.stringify(open));
      } catch {
        // private browsing: the panels just do not remember
      }
    });
  }
});

// Widgets that scripts build (the body's editor, the admin's autocomplete
// boxes) and the inline tables' unlabelled corner cells get names for
// screen readers, from the labels the page already shows.
const labelText = (id) => {
  const label = id && document.querySelector(`label[for="${id}"]`);
  return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
};
const nameWidgets = () => {
  for (const editor of document.querySelectorAll(".tiptap[contenteditable]:not([aria-label])")) {
    const source = editor.closest(".prose-editor")?.querySelector("textarea");
    editor.setAttribute("aria-label", labelText(source?.id) || "Text");
  }
  for (const box of document.querySelectorAll(".select2-selection[role=combobox]:not([aria-label])")) {
    const select = box.closest(".select2")?.previousElementSibling;
    const name = select?.getAttribute("aria-label") || labelText(select?.id);
    if (!name) continue;
    box.setAttribute("aria-label", name);
    box.querySelector(".select2-selection__rendered")?.setAttribute("aria-label", name);
  }
  for (const cell of document.querySelectorAll(".tabular thead th")) {
    if (cell.textContent.trim()) continue;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = cell.classList.contains("original") ? "Saved item" : "Remove";
    cell.append(hidden);
  }
};
document.addEventListener("DOMContentLoaded", () => {
  nameWidgets();
  new MutationObserver(nameWidgets).observe(document.body, { childList: true, subtree: true });
});

// Autosave of the story form: every few seconds what the writer typed (if it
// changed) goes to their autosaved draft (articles/admin/autosave.py). The
// story itself changes only on Save.
"use strict";
// Admin scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("[data-autosave-url]");
  const form = document.getElementById("article_form");
  if (!status || !form) return;
  const url = status.dataset.autosaveUrl;
  const FIELDS = status.dataset.autosaveFields.split(" ");
  const EVERY_MS = 4000;

  const typed = () => {
    const values = {};
    for (const name of FIELDS) values[name] = form.elements[name]?.value ?? "";
    return values;
  };
  const payload = (values) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.append(name, value);
    data.append("base_version", form.elements.base_version?.value ?? "");
    // When this was typed: the server keeps the latest, whatever arrives last.
    data.append("typed_at", Math.round(performance.timeOrigin + performance.now()));
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    return data;
  };
  const show = (text, problem = false) => {
    status.textContent = text;
    status.classList.toggle("conflict", problem);
  };

  let sent = JSON.stringify(typed()); // an untouched form is not a draft
  let saving = false;
  let submitting = false;
  form.addEventListener("submit", () => {
    submitting = true;
  });

  const autosave = async () => {
    const values = typed();
    const key = JSON.stringify(values);
    if (submitting || saving || key === sent) return;
    saving = true;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: payload(values),
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      });
      const answer = await response.json();
      if (!response.ok) {
        show(answer.error || "Autosave failed: save the story to keep your changes.", true);
        return;
      }
      sent = key;
      if (answer.conflict) {
        show(`Draft kept at ${answer.saved_at}. ${answer.conflict}`, true);
      } else {
        show(`Unsaved changes kept as a draft at ${answer.saved_at}.`);
      }
    } catch {
      show("Autosave cannot reach the server: keep this tab open and save.", true);
    } finally {
      saving = false;
    }
  };
  setInterval(autosave, EVERY_MS);
  // Leaving the page: what was typed since the last draft goes too.
  window.addEventListener("pagehide", () => {
    const values = typed();
    if (!submitting && JSON.stringify(values) !== sent) {
      navigator.sendBeacon(url, payload(values));
    }
  });
});

// Autosave of the story form: every few seconds what the writer typed (if it
// changed) goes to their autosaved draft (desk/admin/autosave.py). The story
// itself changes only on Save. The panel's status line always says where the
// typing is: "Saved 12:04", "Unsaved changes", "Unsaved changes · draft kept
// 12:05", or "Offline: kept in this browser" (localStorage, sent to the
// server as soon as it answers again, from this page or the next one).
"use strict";
// Admin scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
  const config = document.querySelector("[data-autosave-url]");
  const status = document.querySelector("[data-save-status]");
  const form = document.getElementById("article_form");
  if (!config || !status || !form) return;
  const url = config.dataset.autosaveUrl;
  const draftKey = config.dataset.draftKey;
  const FIELDS = config.dataset.autosaveFields.split(" ");
  const EVERY_MS = 4000;
  const now = () => Math.round(performance.timeOrigin + performance.now());
  const clock = () => new Date().toTimeString().slice(0, 5);

  const typed = () => {
    const values = {};
    for (const name of FIELDS) values[name] = form.elements[name]?.value ?? "";
    return values;
  };
  const payload = (values, typedAt, baseVersion) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.append(name, value);
    data.append("base_version", baseVersion);
    // When this was typed: the server keeps the latest, whatever arrives last.
    data.append("typed_at", typedAt);
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    return data;
  };
  const show = (text, kind = "") => {
    status.textContent = text;
    status.className = `save-status ${kind}`.trim();
  };
  const keepHere = (values) => {
    try {
      const draft = { values, typedAt: now(), baseVersion: form.elements.base_version?.value ?? "" };
      localStorage.setItem(draftKey, JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  };
  const send = (data) =>
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
    });

  const saved = JSON.stringify(typed()); // what the story holds
  let sent = saved; // an untouched form is not a draft
  let draftAt = "";
  let saving = false;
  let submitting = false;
  let offline = false;
  form.addEventListener("submit", () => {
    submitting = true;
  });

  // Typing offline on an earlier visit: send it now, then offer it back.
  const pending = (() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey) || "null");
    } catch {
      return null;
    }
  })();
  if (pending && pending.values) {
    send(payload(pending.values, pending.typedAt, pending.baseVersion))
      .then((response) => {
        if (!response.ok) return;
        localStorage.removeItem(draftKey);
        status.textContent = "What you typed offline is back on the server: ";
        const link = document.createElement("a");
        link.href = "?restore-autosave=1";
        link.textContent = "restore it";
        status.append(link);
      })
      .catch(() => show("Offline: kept in this browser", "offline"));
  }

  // The status line follows the typing.
  setInterval(() => {
    if (submitting || offline || status.querySelector("a")) return;
    const key = JSON.stringify(typed());
    if (key === saved) return;
    if (key === sent && draftAt) show(`Unsaved changes · draft kept ${draftAt}`);
    else if (!status.classList.contains("conflict")) show("Unsaved changes");
  }, 1000);

  const autosave = async () => {
    const values = typed();
    const key = JSON.stringify(values);
    if (submitting || saving || key === sent) return;
    saving = true;
    try {
      const response = await send(payload(values, now(), form.elements.base_version?.value ?? ""));
      const answer = await response.json();
      if (!response.ok) {
        show(answer.error || "Autosave failed: save the story to keep your changes.", "conflict");
        return;
      }
      sent = key;
      offline = false;
      localStorage.removeItem(draftKey);
      draftAt = answer.saved_at;
      if (answer.conflict) show(`Draft kept at ${answer.saved_at}. ${answer.conflict}`, "conflict");
      else show(`Unsaved changes · draft kept ${answer.saved_at}`);
    } catch {
      offline = true;
      if (keepHere(values)) show(`Offline: kept in this browser (${clock()})`, "offline");
      else show("Offline, and this browser cannot keep a copy: keep this tab open.", "offline");
    } finally {
      saving = false;
    }
  };
  setInterval(autosave, EVERY_MS);
  window.addEventListener("online", autosave);
  // Leaving the page: what was typed since the last draft goes too.
  window.addEventListener("pagehide", () => {
    const values = typed();
    if (!submitting && JSON.stringify(values) !== sent) {
      navigator.sendBeacon(url, payload(values, now(), form.elements.base_version?.value ?? ""));
    }
  });
});

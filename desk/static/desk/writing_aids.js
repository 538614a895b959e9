// Writing aids in the story form, worked out as the writer types: a word
// count and reading time, the headline's length against what search engines
// show, and warnings for a lead photo without alt text and for body headings
// out of order. The server runs the same checks when the story is published
// (articles/writing_checks.py) and trusts nothing counted here.
"use strict";
// Admin scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("[data-writing-aids]");
  const form = document.getElementById("article_form");
  const headline = document.getElementById("id_headline");
  const body = document.getElementById("id_body");
  const leadPhoto = document.getElementById("id_lead_photo");
  if (!panel || !form || !headline || !body) return;
  const shown = Number(panel.dataset.headlineShown) || 70;
  const WORDS_PER_MINUTE = 230;
  // Gallery photos' alt texts by photo id, as the page gave them and as the
  // photo picker's results add them.
  const galleryAlts = JSON.parse(panel.dataset.galleryAlts || "{}");
  // The chosen lead photo's alt text: "" when it has none, null for no photo.
  let leadAlt = leadPhoto && leadPhoto.value ? panel.dataset.leadAlt ?? null : null;

  // The body's HTML parsed inert (DOMParser runs no script and loads nothing).
  const bodyDocument = () => new DOMParser().parseFromString(body.value, "text/html");

  const countWords = (text) =>
    (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || []).length;

  const headingProblems = (root) => {
    const problems = [];
    let previous = 1;
    root.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach((heading) => {
      const level = Number(heading.tagName[1]);
      const text = heading.textContent.trim().replace(/\s+/g, " ").slice(0, 60);
      if (level === 1) {
        problems.push(
          `The body has a level-1 heading (“${text}”); the headline is the page's only one: use level 2.`,
        );
      } else if (level > previous + 1) {
        problems.push(
          `The heading “${text}” is level ${level} after level ${previous} (the headline is level 1): use level ${previous + 1}.`,
        );
      }
      previous = level;
    });
    return problems;
  };

  const line = (text, warning = false) => {
    const element = document.createElement(warning ? "li" : "span");
    element.textContent = text;
    if (warning) element.className = "warning";
    return element;
  };

  const update = () => {
    const doc = bodyDocument();
    const words = countWords(doc.body.textContent || "");
    const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
    const length = [...headline.value].length;
    const warnings = [];
    if (length > shown) {
      warnings.push(
        `The headline has ${length} characters; search engines show about the first ${shown}.`,
      );
    }
    if (leadAlt !== null && !leadAlt.trim()) {
      warnings.push("The lead photo has no alt text: add it in the photo library, or the story cannot be published.");
    }
    const galleryPhotos = document.querySelectorAll(
      'select[name^="gallery-"][name$="-photo"]',
    );
    galleryPhotos.forEach((select, index) => {
      const alt = galleryAlts[select.value];
      if (select.value && alt !== undefined && !alt.trim()) {
        warnings.push(
          `Gallery photo ${index + 1} has no alt text: add it in the photo library, or the story cannot be published.`,
        );
      }
    });
    warnings.push(...headingProblems(doc.body));

    const summary = document.createElement("p");
    summary.append(
      line(`${words} ${words === 1 ? "word" : "words"} · ${minutes} min read`),
      document.createTextNode(" · "),
      line(`Headline: ${length}/${shown} characters`),
    );
    summary.dataset.testid = "writing-summary";
    const list = document.createElement("ul");
    list.dataset.testid = "writing-warnings";
    list.append(...warnings.map((warning) => line(warning, true)));
    panel.replaceChildren(summary, ...(warnings.length ? [list] : []));
    panel.hidden = false;
  };

  form.addEventListener("input", update);
  const $ = window.django && window.django.jQuery;
  if ($ && leadPhoto) {
    // The photo picker's results carry each photo's alt text.
    $(leadPhoto).on("select2:select", (event) => {
      leadAlt = event.params.data.alt ?? "";
      update();
    });
    $(leadPhoto).on("change", () => {
      if (!leadPhoto.value) leadAlt = null;
      update();
    });
  }
  if ($) {
    $(document).on("select2:select", 'select[name^="gallery-"]', (event) => {
      galleryAlts[event.params.data.id] = event.params.data.alt ?? "";
      update();
    });
  }
  update();
});

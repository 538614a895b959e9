// The photo picker window: a chosen (or just uploaded) photo goes to the
// story form's editor that opened it (desk/static/desk/body_elements.js).
"use strict";
(function () {
  function send(data) {
    if (window.opener) {
      window.opener.postMessage(
        { type: "newsroom:photo", photo: data },
        window.location.origin,
      );
      window.close();
    }
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".photo-choice");
    if (!button) return;
    send({
      id: button.dataset.photo,
      thumb: button.dataset.thumb,
      alt: button.dataset.alt,
      caption: button.dataset.caption,
      credit: button.dataset.credit,
    });
  });
  document.addEventListener("DOMContentLoaded", () => {
    const picker = document.querySelector(".photo-picker[data-chosen]");
    const chosen = picker && picker.dataset.chosen;
    const button = chosen && document.querySelector(`.photo-choice[data-photo="${chosen}"]`);
    if (button) button.click(); // just uploaded: use it
  });
})();

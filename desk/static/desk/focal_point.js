// The photo form's focal point: a click on the preview sets the two fraction
// inputs (which stay usable from the keyboard), and the marker follows them.
"use strict";
// Admin scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector("[data-focal-picker]");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!picker || !across || !down) return;
  const image = picker.querySelector("img");
  const marker = picker.querySelector(".focal-marker");

  const place = () => {
    const x = Math.min(Math.max(parseFloat(across.value) || 0, 0), 1);
    const y = Math.min(Math.max(parseFloat(down.value) || 0, 0), 1);
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
  };

  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const round = (value) => Math.round(Math.min(Math.max(value, 0), 1) * 1000) / 1000;
    across.value = round((event.clientX - box.left) / box.width);
    down.value = round((event.clientY - box.top) / box.height);
    place();
  });
  across.addEventListener("input", place);
  down.addEventListener("input", place);
});

// A quoted video's player loads only when the reader presses play: until
// then the page asks its provider for nothing (articles/embeds.py).
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest(".embed-play");
  if (!button) return;
  const holder = button.closest("[data-embed-player]");
  const source = holder.dataset.embedPlayer;
  const frame = document.createElement("iframe");
  frame.src = `${source}${source.includes("?") ? "&" : "?"}autoplay=1`;
  frame.title = holder.dataset.embedTitle;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.className = "embed-frame";
  holder.replaceChildren(frame);
  frame.focus();
});

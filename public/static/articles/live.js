// An open live story learns of new updates without reloading: it asks the
// story's JSON (cached, answered 304 while nothing changed) every few
// seconds and offers "N new updates" rather than moving the page. Without
// this script the page is complete; reloading shows the same.
"use strict";
(() => {
  const live = document.querySelector("[data-live-url]");
  if (!live) return;
  const stream = live.querySelector("[data-live-stream]");
  const notice = live.querySelector(".live-new");
  const button = notice.querySelector("button");
  const every = Math.max(Number(live.dataset.pollSeconds) || 15, 1) * 1000;
  let waiting = [];

  const poll = async () => {
    let data;
    try {
      const response = await fetch(live.dataset.liveUrl, {
        cache: "no-cache", // revalidate: the page cache answers 304 if unchanged
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      data = await response.json();
    } catch {
      return; // offline for a moment: ask again next time
    }
    // The newest updates this page does not show yet, newest first.
    waiting = [];
    for (const update of data.updates) {
      if (document.getElementById(`update-${update.id}`)) break;
      waiting.push(update);
    }
    if (waiting.length) {
      button.textContent = `${waiting.length} new update${waiting.length === 1 ? "" : "s"}`;
      notice.hidden = false;
    }
    if (data.ended) clearInterval(timer);
  };

  button.addEventListener("click", () => {
    // The server rendered and escaped each update's HTML.
    const html = waiting.map((update) => update.html).join("");
    stream.insertAdjacentHTML("afterbegin", html);
    waiting = [];
    notice.hidden = true;
    const first = stream.firstElementChild;
    if (first) {
      first.tabIndex = -1;
      first.focus();
    }
  });

  const timer = setInterval(poll, every);
})();

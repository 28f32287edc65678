// Import progress: size the bar from aria-valuenow, poll the batch's status JSON while the job
// runs, and reload once it finishes so the result (or the dry run) shows.
(function () {
  function paint(bar, percent) {
    bar.setAttribute("aria-valuenow", String(percent));
    const fill = bar.querySelector("span");
    if (fill) fill.style.width = percent + "%";
  }
  document.querySelectorAll(".progress[aria-valuenow]").forEach((bar) => paint(bar, Number(bar.getAttribute("aria-valuenow"))));

  const box = document.querySelector("[data-import-status]");
  if (!box) return;
  const url = box.getAttribute("data-import-status");
  const bar = box.querySelector(".progress");
  const label = box.querySelector(".js-import-label");
  const count = box.querySelector(".js-import-count");
  const percentText = box.querySelector(".js-import-percent");

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      const percent = state.active ? state.percent : 100;
      paint(bar, percent);
      label.textContent = state.label;
      count.textContent = state.rows_done.toLocaleString() + " / " + state.total_rows.toLocaleString();
      percentText.textContent = percent + "%";
      if (!state.active) {
        setTimeout(() => window.location.reload(), 400);
        return;
      }
    } catch (error) {
      // A hiccup (server restart, network): keep polling, a little slower.
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();

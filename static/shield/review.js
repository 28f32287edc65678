// Review queue: keyboard shortcuts, panels, row selection, bulk progress (copy buttons: app.js).
// Loaded with defer on the queue pages only; every page still works without it.
(() => {
  "use strict";

  const isTyping = (el) =>
    !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

  const focusPanel = (details) => {
    const field = details.querySelector("[data-panel-focus]") || details.querySelector("input, select, textarea, button");
    if (field) field.focus();
  };

  let submitting = false;
  document.addEventListener("submit", (event) => {
    // One decision per keypress: a held-down key must not send the form twice.
    if (submitting && event.target.closest(".decide-bar")) event.preventDefault();
    if (event.target.closest(".decide-bar")) submitting = true;
  });

  document.addEventListener("keydown", (event) => {
    // Enter on a select that asks for it sends its form (a select alone never submits).
    if (event.key === "Enter" && event.target.matches && event.target.matches("select[data-submit-on-enter]")) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      const open = document.querySelector("details.decide-panel[open]");
      if (open) {
        open.open = false;
        open.querySelector("summary").focus();
        event.preventDefault();
      }
      return;
    }
    if (isTyping(event.target) || event.repeat || event.key.length !== 1) return;
    const target = document.querySelector(`[data-shortcut="${event.key.toLowerCase()}"]`);
    if (!target || target.disabled || submitting) return;
    event.preventDefault();
    if (target.tagName === "SUMMARY") {
      const details = target.parentElement;
      document.querySelectorAll("details.decide-panel[open]").forEach((d) => { if (d !== details) d.open = false; });
      details.open = true;
      focusPanel(details);
    } else {
      target.click();
    }
  });

  document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (details.matches && details.matches("details.decide-panel") && details.open) focusPanel(details);
  }, true);

  document.addEventListener("change", (event) => {
    if (event.target.id === "select-page") {
      document.querySelectorAll(".row-check").forEach((box) => { box.checked = event.target.checked; });
    }
    if (event.target.classList.contains("js-autosubmit-select")) event.target.form.submit();
  });

  const start = () => {
    const open = document.querySelector("details.decide-panel[open]");
    if (open) {
      const error = open.querySelector(".errorlist");
      focusPanel(open);
      if (error) error.scrollIntoView({ block: "center" });
    } else {
      const first = document.querySelector("[data-initial-focus]");
      if (first) first.focus();
    }

    const progress = document.querySelector("[data-poll-url]");
    if (progress) {
      const bar = progress.querySelector("progress");
      const poll = () => {
        fetch(progress.dataset.pollUrl, { credentials: "same-origin" })
          .then((response) => response.json())
          .then((job) => {
            bar.max = job.total || 1;
            bar.value = job.done + job.skipped;
            for (const key of ["status_label", "done", "total", "skipped"]) {
              const field = progress.querySelector(`[data-field="${key}"]`);
              if (field) field.textContent = job[key];
            }
            if (!job.finished) setTimeout(poll, 1000);
          })
          .catch(() => setTimeout(poll, 3000));
      };
      poll();
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

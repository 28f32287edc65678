// Complaint page: refresh the evidence-pack panel while its job runs, then show the download.
(() => {
  const poll = () => {
    const panel = document.querySelector(".pack[data-poll-url]");
    if (!panel) return;
    fetch(panel.dataset.pollUrl, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        panel.outerHTML = html;
        setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 5000));
  };
  document.addEventListener("DOMContentLoaded", () => setTimeout(poll, 800));
})();

// 待平台取消: say how many ticked orders the one confirm button will mark as cancelled on the
// platform. The page works without it (the server reports the count after confirming).
(() => {
  "use strict";

  const update = () => {
    const form = document.getElementById("to-cancel-form");
    const label = form && form.querySelector("[data-selected-count]");
    if (!label) return;
    const n = form.querySelectorAll(".row-check:checked").length;
    label.textContent = label.dataset.template.replace("__N__", String(n));
    form.querySelector("#confirm-selected").disabled = n === 0;
  };

  // After review.js has ticked or cleared the page's boxes for #select-page.
  document.addEventListener("change", () => setTimeout(update, 0));
  document.addEventListener("DOMContentLoaded", update);
})();

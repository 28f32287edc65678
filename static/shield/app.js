// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form.js-autosubmit");
  if (form) form.submit();
});

// 复制 buttons next to a once-shown value (an API token, an invitation link): hidden until this
// script runs, so a page without scripts shows just the value to select by hand.
for (const button of document.querySelectorAll(".js-copy")) button.hidden = false;

function selectText(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

async function copyText(element) {
  const text = element.textContent.trim();
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or plain http on another host): the older copy command may still work.
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest(".js-copy");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyTarget);
  const status = button.parentElement.querySelector(".copy-status");
  if (!source || !status) return;
  const copied = await copyText(source);
  status.classList.toggle("copy-failed", !copied);
  status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed;
  if (!copied) selectText(source);
});

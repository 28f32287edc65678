// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form.js-autosubmit");
  if (form) form.submit();
});

// Copy buttons, on every page: ``data-copy`` carries the text (an order number in a list),
// ``data-copy-target`` names the element that shows it (a once-shown API token or link, with a
// ``.copy-status`` beside the button that says 已复制). Buttons marked ``js-copy`` are hidden
// until this script runs: without scripts the page shows just the value to select by hand.
for (const button of document.querySelectorAll(".js-copy")) button.hidden = false;

function selectText(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission, or plain http on another host: the older copy command may still work.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy], [data-copy-target]");
  if (!button) return;
  const source = button.dataset.copyTarget ? document.getElementById(button.dataset.copyTarget) : null;
  const text = source ? source.textContent.trim() : button.dataset.copy;
  const copied = await copyText(text);
  button.focus(); // the fallback's textarea took the focus: give it back to the keyboard user
  const status = button.parentElement.querySelector(".copy-status");
  if (status) {
    status.classList.toggle("copy-failed", !copied);
    status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed;
    if (!copied && source) selectText(source); // ready for Ctrl+C
  } else if (copied) {
    const label = button.textContent;
    button.textContent = "✓";
    setTimeout(() => { button.textContent = label; }, 1200);
  }
});

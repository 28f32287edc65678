// Complaint pages.
// - The complaint page: refresh the evidence-pack panel while its job runs, then show the download.
// - Naming orders: "select all" (every listed order, or one buyer's), with real checkboxes and buttons.
// - One upload of several files: a type select beside each chosen file, posted as file_kinds in
//   the files' order (without this script every file takes the upload's type).
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

  const selectAll = (table) => {
    const boxes = () => [...table.querySelectorAll('input[name="orders"]')];
    const all = table.querySelector("[data-select-all]");
    const count = document.querySelector("[data-selected-count]");
    const refresh = () => {
      const ticked = boxes().filter((box) => box.checked).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
      if (count) count.textContent = count.dataset.template.replace("{n}", ticked);
    };
    all.addEventListener("change", () => {
      boxes().forEach((box) => (box.checked = all.checked));
      refresh();
    });
    table.addEventListener("change", (event) => event.target.name === "orders" && refresh());
    document.querySelectorAll("[data-select-buyer]").forEach((button) => {
      button.addEventListener("click", () => {
        const own = boxes().filter((box) => box.dataset.buyer === button.dataset.selectBuyer);
        const tick = !own.every((box) => box.checked);
        own.forEach((box) => (box.checked = tick));
        refresh();
      });
    });
    document.querySelectorAll("[data-select-tools]").forEach((tools) => (tools.hidden = false));
    refresh();
  };

  const kindPerFile = (form) => {
    const input = form.querySelector('input[type="file"][name="files"]');
    const kind = form.querySelector("select[data-kind-default]");
    if (!input || !kind) return;
    const list = document.createElement("fieldset");
    list.className = "file-kinds";
    list.hidden = true;
    input.closest("div").after(list);
    input.addEventListener("change", () => {
      list.replaceChildren();
      const files = [...input.files];
      list.hidden = files.length === 0;
      // Each file shows its own type: the upload-wide one would only repeat the first.
      kind.closest("div").classList.toggle("kind-per-file", files.length > 0);
      if (!files.length) return;
      const legend = document.createElement("legend");
      legend.textContent = kind.dataset.kindDefault;
      list.append(legend);
      files.forEach((file, i) => {
        const row = document.createElement("div");
        const label = document.createElement("label");
        const select = kind.cloneNode(true);
        select.name = "file_kinds";
        select.id = `${input.id}-kind-${i}`;
        select.removeAttribute("data-kind-default");
        select.value = kind.value;
        label.htmlFor = select.id;
        label.textContent = file.name;
        row.append(label, select);
        list.append(row);
      });
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    setTimeout(poll, 800);
    document.querySelectorAll("table[data-orders]").forEach(selectAll);
    document.querySelectorAll("form[enctype='multipart/form-data']").forEach(kindPerFile);
  });
})();

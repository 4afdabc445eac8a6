// Why each part is here: STYLES.md, "site.js".
(() => {
  for (const a of document.querySelectorAll(".cite__link[aria-label]")) a.title = a.getAttribute("aria-label").replace(/^[^:]*: /, "");
  const D = "tooltip--dismissed", A = "md-tooltip2--active";
  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector(".md-header__menu");
  const place = (tip) => {
    const host = document.querySelector(`[aria-describedby~="${tip.id}"]`), inner = tip.firstElementChild;
    if (!host || !inner) return;
    const { left, right } = inner.getBoundingClientRect(), h = tip.offsetHeight, y = tip.offsetTop;
    const boxes = [...document.querySelectorAll(".help-summary, .care-card, .admonition.warning, .admonition.danger")]
      .filter((b) => !b.contains(host)).map((b) => b.getBoundingClientRect());
    const covers = (top) => boxes.some((b) => top < b.bottom + scrollY + 4 && b.top + scrollY - 4 < top + h
      && left < b.right && b.left < right);
    tip.classList.toggle("tooltip--above", covers(y) && !covers(y - h - host.offsetHeight - 16));
  };
  new MutationObserver((records) => {
    for (const { target, oldValue } of records) {
      if (target.classList.contains(A) && !oldValue.includes(A)) requestAnimationFrame(() => place(target));
    }
  }).observe(document.body, { subtree: true, attributeFilter: ["class"], attributeOldValue: true });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      for (const tip of document.querySelectorAll("." + A)) tip.classList.add(D);
      if (drawer?.checked) {
        drawer.click();
        menu?.focus();
      }
    }
  });
  menu?.addEventListener("click", () => drawer.click());
  drawer?.addEventListener("change", () => {
    menu?.setAttribute("aria-expanded", drawer.checked);
    if (drawer.checked && document.activeElement === menu) document.querySelector(".md-sidebar--primary a[href]")?.focus();
  });
  const reveal = (event) => {
    const host = event.target.closest?.("[aria-describedby]");
    for (const id of host ? host.getAttribute("aria-describedby").split(" ") : []) {
      document.getElementById(id)?.classList.remove(D);
    }
  };
  document.addEventListener("focusin", reveal);
  document.addEventListener("mouseover", reveal);
  let shown = true;
  const marker = (event) => event.target.closest?.(".cite__link");
  document.addEventListener("pointerdown", (event) => {
    const link = marker(event);
    shown = event.pointerType !== "touch" || !link || document.activeElement === link;
  });
  document.addEventListener("click", (event) => {
    const link = marker(event);
    if (!shown && link) {
      event.preventDefault();
      link.focus();
    }
    shown = true;
  });
})();

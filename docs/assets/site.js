// Why each part is here: STYLES.md, "site.js".
(() => {
  for (const a of document.querySelectorAll(".cite__link[aria-label]")) a.title = a.getAttribute("aria-label").replace(/^[^:]*: /, "");
  const D = "tooltip--dismissed", A = "md-tooltip2--active";
  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector(".md-header__menu");
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

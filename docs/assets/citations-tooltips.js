// Citation tooltips (Material's content.tooltips). Escape hides open ones until pointer or focus returns
// (WCAG 1.4.13); on touch, a first tap on a marker shows its source in place, a second follows the link.
(() => {
  const DISMISSED = "tooltip--dismissed";
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const tooltip of document.querySelectorAll(".md-tooltip2--active")) {
      tooltip.classList.add(DISMISSED);
    }
  });
  const reveal = (event) => {
    const host = event.target instanceof Element ? event.target.closest("[aria-describedby]") : null;
    if (!host) return;
    for (const id of host.getAttribute("aria-describedby").split(/\s+/)) {
      document.getElementById(id)?.classList.remove(DISMISSED);
    }
  };
  document.addEventListener("focusin", reveal);
  document.addEventListener("mouseover", reveal);
  let shown = true;
  const marker = (event) => (event.target instanceof Element ? event.target.closest(".cite__link") : null);
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

// Citation markers show their source in Material's tooltip on hover and keyboard focus
// (features: content.tooltips). WCAG 1.4.13 asks that such content can be dismissed without moving
// the pointer or focus: Escape hides every open tooltip (citations.css: .tooltip--dismissed) until
// the pointer or focus comes to its element again.
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
})();

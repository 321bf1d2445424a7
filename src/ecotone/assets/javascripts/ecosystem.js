/* Ecosystem map filters: highlight the spaces of one mode or topic, the lines to
 * them and the organizations in them; everything else fades. A button fits the
 * whole map to the page (it is drawn at its own size, so labels stay legible).
 *
 * The map works without this script: the form is `hidden` in the HTML and
 * every node is drawn and linked. Only the ecosystem page loads this script,
 * and Material's instant navigation runs it again each time a reader arrives
 * there: it sets itself up once, and then on each page Material's `document$`
 * emits, doing nothing where there is no map. */
(() => {
  "use strict";
  if (window.ecotoneMap) return;
  window.ecotoneMap = true;

  const DIMMED_NODE = "eco-map__node--dimmed";
  const DIMMED_EDGE = "eco-map__edge--dimmed";

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  function highlight(form, map) {
    const mode = form.elements.mode.value;
    const topic = form.elements.topic.value;
    const filtering = Boolean(mode || topic);
    const spaces = new Set();
    for (const node of map.querySelectorAll("a[data-kind='space']")) {
      const matches =
        (!mode || node.dataset.mode === mode) &&
        (!topic || words(node.dataset.topics).includes(topic));
      if (matches) spaces.add(node.dataset.id);
    }
    const organizations = new Set();
    for (const edge of map.querySelectorAll("line[data-space]")) {
      const shown = !filtering || spaces.has(edge.dataset.space);
      edge.classList.toggle(DIMMED_EDGE, !shown);
      if (shown) organizations.add(edge.dataset.organization);
    }
    for (const node of map.querySelectorAll("a[data-kind]")) {
      const shown =
        !filtering ||
        (node.dataset.kind === "space"
          ? spaces.has(node.dataset.id)
          : organizations.has(node.dataset.id) ||
            (Boolean(topic) && !mode && words(node.dataset.topics).includes(topic)));
      node.classList.toggle(DIMMED_NODE, !shown);
    }
    const count = form.querySelector("output");
    if (count) {
      count.textContent = filtering
        ? `${spaces.size} ${spaces.size === 1 ? "space" : "spaces"} highlighted`
        : "";
    }
  }

  /** A large map opens on its middle, where most of the network is, rather than
   * on its empty top left corner; one that is larger in one direction only (a
   * small map on a phone) opens at its top left, with whole names on its edge. */
  function centre(frame) {
    if (!frame) return;
    const large =
      frame.scrollWidth > 1.5 * frame.clientWidth && frame.scrollHeight > 1.5 * frame.clientHeight;
    if (!large) return;
    frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
    frame.scrollTop = (frame.scrollHeight - frame.clientHeight) / 2;
  }

  function setUpMap() {
    const form = document.querySelector(".eco-map-filters");
    const map = document.querySelector(".eco-map");
    // Arriving through instant navigation, the page may be announced twice.
    if (!form || !map || form.dataset.ready) return;
    form.dataset.ready = "true";
    form.hidden = false;
    centre(map.closest(".eco-map-frame"));
    form.addEventListener("change", () => highlight(form, map));
    const fit = form.querySelector(".eco-map-filters__fit");
    if (fit) {
      fit.addEventListener("click", () => {
        const fitted = map.classList.toggle("eco-map--fit");
        fit.setAttribute("aria-pressed", String(fitted));
      });
    }
    form.addEventListener("submit", (event) => event.preventDefault());
    highlight(form, map);
  }

  if (window.document$) {
    window.document$.subscribe(setUpMap);
  } else {
    document.addEventListener("DOMContentLoaded", setUpMap);
  }
})();

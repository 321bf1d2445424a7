/* Marketplace filters: narrow the space cards, and keep the filters in the
 * URL so that a filtered view can be shared and the back button restores the
 * previous one.
 *
 * The page works without this script: the filter form is `hidden` in the HTML
 * and every card is listed. Material's instant navigation swaps pages without
 * reloading scripts, so set-up runs on each page its `document$` emits and
 * does nothing where there is no marketplace. */
(() => {
  "use strict";

  // Form control name -> URL query key. Material's search opens itself for a
  // `q` in the URL (its search deep link), so the text box travels as `text`.
  const URL_KEYS = {
    q: "text",
    mode: "mode",
    level: "level",
    status: "status",
    topic: "topic",
    org: "org",
    open: "open",
  };

  // Listeners of the previous marketplace page, removed when a page changes.
  let previousPage = new AbortController();

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function idList(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  /** What a card is filtered on, read once per page. */
  function cardFacts(card) {
    const data = card.dataset;
    return {
      card,
      text: card.textContent.toLowerCase(),
      mode: data.mode,
      level: data.level,
      status: data.status,
      topics: idList(data.topics),
      orgs: idList(data.orgs),
      open: data.open === "true",
    };
  }

  /** The form's values by control name; an unticked checkbox is "". */
  function formState(form) {
    const state = {};
    for (const name of Object.keys(URL_KEYS)) {
      const control = form.elements[name];
      if (control.type === "checkbox") {
        state[name] = control.checked ? control.value : "";
      } else {
        state[name] = control.value.trim();
      }
    }
    return state;
  }

  function showStateInForm(form, params) {
    for (const [name, key] of Object.entries(URL_KEYS)) {
      const control = form.elements[name];
      const value = params.get(key) || "";
      if (control.type === "checkbox") {
        control.checked = value === control.value;
      } else {
        control.value = value;
        // A value a select does not offer leaves it blank: show "any".
        if (control.value !== value) control.value = "";
      }
    }
  }

  /** The current address with the filters in its query; other keys stay. */
  function addressFor(state) {
    const params = new URLSearchParams(location.search);
    for (const [name, key] of Object.entries(URL_KEYS)) {
      params.delete(key);
      if (state[name]) params.set(key, state[name]);
    }
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "") + location.hash;
  }

  function matches(facts, state, searchWords) {
    return (
      (!state.mode || facts.mode === state.mode) &&
      (!state.level || facts.level === state.level) &&
      (!state.status || facts.status === state.status) &&
      (!state.topic || facts.topics.includes(state.topic)) &&
      (!state.org || facts.orgs.includes(state.org)) &&
      (!state.open || facts.open) &&
      searchWords.every((word) => facts.text.includes(word))
    );
  }

  function countText(shown, total) {
    const noun = total === 1 ? "space" : "spaces";
    return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
  }

  function setUpMarketplace() {
    previousPage.abort();
    previousPage = new AbortController();
    const form = document.querySelector("form.eco-filters");
    const list = document.querySelector("ul.eco-cards");
    if (!form || !list) return;
    const count = document.querySelector(".eco-count");
    const cards = Array.from(list.querySelectorAll("li.eco-card"), cardFacts);
    const pagePath = location.pathname;

    function narrowCards() {
      const state = formState(form);
      const searchWords = words(state.q);
      let shown = 0;
      for (const facts of cards) {
        const match = matches(facts, state, searchWords);
        facts.card.hidden = !match;
        if (match) shown += 1;
      }
      if (count) count.textContent = countText(shown, cards.length);
      return state;
    }

    function record(historyMethod) {
      const address = addressFor(narrowCards());
      if (address === location.pathname + location.search + location.hash) return;
      // Typing replaces the entry and keeps Material's scroll state with it.
      const state = historyMethod === "replaceState" ? history.state : null;
      history[historyMethod](state, "", address);
    }

    const listen = { signal: previousPage.signal };
    form.addEventListener(
      "input",
      (event) => {
        if (event.target.name === "q") record("replaceState");
      },
      listen,
    );
    form.addEventListener(
      "change",
      (event) => {
        if (event.target.name !== "q") record("pushState");
      },
      listen,
    );
    // Enter in the text box would submit the form and reload the page.
    form.addEventListener("submit", (event) => event.preventDefault(), listen);
    window.addEventListener(
      "popstate",
      () => {
        // Leaving the page: Material's instant navigation replaces it soon.
        if (location.pathname !== pagePath) return;
        showStateInForm(form, new URLSearchParams(location.search));
        narrowCards();
      },
      listen,
    );

    showStateInForm(form, new URLSearchParams(location.search));
    narrowCards();
    form.hidden = false;
  }

  if (window.document$) {
    window.document$.subscribe(setUpMarketplace);
  } else {
    setUpMarketplace();
  }
})();

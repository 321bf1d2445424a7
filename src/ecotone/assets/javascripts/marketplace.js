/* Marketplace cards and filters: draw the space cards from the page's card
 * data, narrow them with the filter form, and keep the filters in the URL so
 * that a filtered view can be shared and the back button restores the
 * previous one.
 *
 * Without JavaScript the page lists every space as a plain link with its host
 * (in a `noscript`, which costs a browser running scripts nothing), and a
 * style in it hides the form and the cards. The page's HTML holds the form and
 * the first cards, so nothing moves when this script takes over: the cards
 * come from the JSON file the card list's `data-cards` names (relative to the
 * page), the filters run on that data, and only the first cards that match
 * are drawn, as the template draws them, more as the reader scrolls or presses
 * "Show more": a directory of thousands of spaces stays quick to open and to
 * filter. On a phone, all but the text box and the checkbox fold away behind
 * "More filters".
 *
 * The data is partners' text: it reaches the page only as text nodes
 * (`textContent`), never as markup. Its links are computed by the build.
 *
 * Only the marketplace loads this script, and Material's instant navigation
 * runs it again each time a reader arrives there: it sets itself up once, and
 * then on each page Material's `document$` emits, doing nothing where there is
 * no marketplace. */
(() => {
  "use strict";
  if (window.ecotoneMarketplace) return;
  window.ecotoneMarketplace = true;

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

  // Cards drawn at first and at each "Show more": a screen or two of them. The
  // page's HTML holds as many (render/marketplace.py's CARDS_AT_A_TIME).
  const CARDS_AT_A_TIME = 12;

  // Card data by address: the request, and once it has come, the data itself,
  // kept across Material's instant navigation so that coming back draws the
  // cards at once.
  const requests = new Map();
  const loadedCards = new Map();

  // Listeners of the previous marketplace page, removed when a page changes.
  let previousPage = new AbortController();

  // How many cards were drawn, and how far down the reader was, on each
  // marketplace address when last clicked on: coming back to it through the
  // history draws as many and scrolls back. Material restores the scroll
  // position too, but before the cards are drawn, so it lands short.
  const leftAt = new Map();
  let cameThroughHistory = false;
  window.addEventListener("popstate", () => {
    cameThroughHistory = true;
  });

  // -- The card data ---------------------------------------------------------

  function loadCards(address) {
    if (!requests.has(address)) {
      const request = fetch(address)
        .then((response) => {
          if (!response.ok) throw new Error(`${address}: ${response.status}`);
          return response.json();
        })
        .then((data) => {
          loadedCards.set(address, withSearchFacts(data));
          return loadedCards.get(address);
        });
      // A failed request is asked again on the next visit.
      request.catch(() => requests.delete(address));
      requests.set(address, request);
    }
    return requests.get(address);
  }

  /** The address of the page's card data; none where there is no marketplace. */
  function cardsAddress() {
    const cards = document.querySelector("ul.eco-cards[data-cards]");
    return cards ? new URL(cards.dataset.cards, location.href).href : null;
  }

  /** The badges a card shows, in order: [kind, value, text]. The build gives
   * the words for every value its schema allows. */
  function badges(card, labels) {
    const shown = [
      ["status", card.status, labels.status[card.status]],
      ["mode", card.mode, labels.mode[card.mode]],
    ];
    if (card.level) shown.push(["level", card.level, labels.level[card.level]]);
    if (card.open) shown.push(["open", "true", "Open to new partners"]);
    return shown;
  }

  /** Every text a card shows, as drawn by `cardElement`: the text box
   * matches anywhere in it. */
  function cardText(card, data) {
    const texts = [card.title, ...badges(card, data.labels).map((badge) => badge[2])];
    if (card.topic) texts.push(card.topic);
    texts.push(card.aim, "Host", data.organizations[card.host].name);
    if (card.participants.length) {
      texts.push("Participants");
      for (const participant of card.participants) {
        texts.push(data.organizations[participant.organization].name);
        if (participant.invited) texts.push("(invited)");
      }
    }
    if (card.seeks.length) texts.push("Seeks", ...card.seeks);
    texts.push("Term", card.term, ...card.topics);
    return texts.join("\n");
  }

  /** The data, each card with what the filters read, computed once. */
  function withSearchFacts(data) {
    const facts = data.cards.map((card) => ({
      card,
      text: cardText(card, data).toLowerCase(),
      organizations: [card.host, ...card.participants.map((p) => p.organization)],
    }));
    return { ...data, facts };
  }

  // -- Drawing a card --------------------------------------------------------
  // The templates' markup (the badges and topics of _macros.html), class for
  // class, so that ecotone.css lays the cards out as the site's other pages.
  // Addresses come from the build, computed from identifiers; partners' text
  // only ever becomes `textContent`.

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    const anchor = element("a", "", text);
    anchor.setAttribute("href", href);
    return anchor;
  }

  /** The build names every organization a card names; one the directory does not
   * have (any more) has no page, and shows as plain text. */
  function organizationLink(data, id) {
    const organization = data.organizations[id];
    if (!organization.href) {
      const missing = element("span", "eco-missing", organization.name);
      missing.title = "Not in the directory";
      return missing;
    }
    return link(organization.href, organization.name);
  }

  function inlineList(items) {
    const list = element("ul", "eco-inline");
    for (const children of items) {
      const item = element("li");
      item.append(...children);
      list.append(item);
    }
    return list;
  }

  function participantItem(data, participant) {
    const children = [organizationLink(data, participant.organization)];
    if (participant.invited) children.push(" ", element("span", "eco-invited", "(invited)"));
    return children;
  }

  function facts(card, data) {
    const list = element("dl", "eco-card__facts");
    const add = (term, ...details) => {
      const detail = element("dd");
      detail.append(...details);
      list.append(element("dt", "", term), detail);
    };
    add("Host", organizationLink(data, card.host));
    if (card.participants.length) {
      add("Participants", inlineList(card.participants.map((p) => participantItem(data, p))));
    }
    if (card.seeks.length) add("Seeks", inlineList(card.seeks.map((seek) => [seek])));
    add("Term", card.term);
    return list;
  }

  function cardElement(card, data) {
    const item = element("li", "eco-card");
    const title = element("h2", "eco-card__title");
    title.append(link(card.href, card.title));
    const badgeLine = element("p", "eco-badges");
    for (const [kind, value, text] of badges(card, data.labels)) {
      const classes = `eco-badge eco-badge--${kind} eco-badge--${kind}-${value}`;
      badgeLine.append(element("span", classes, text));
    }
    item.append(title, badgeLine);
    if (card.topic) item.append(element("p", "eco-card__topic eco-text", card.topic));
    item.append(element("p", "eco-card__aim eco-text", card.aim), facts(card, data));
    if (card.topics.length) {
      const topics = element("ul", "eco-topics");
      topics.setAttribute("aria-label", "Topics");
      topics.append(...card.topics.map((topic) => element("li", "", topic)));
      item.append(topics);
    }
    return item;
  }

  // -- Filters and the URL ---------------------------------------------------

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
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
    const card = facts.card;
    return (
      (!state.mode || card.mode === state.mode) &&
      (!state.level || card.level === state.level) &&
      (!state.status || card.status === state.status) &&
      (!state.topic || card.topics.includes(state.topic)) &&
      (!state.org || facts.organizations.includes(state.org)) &&
      (!state.open || card.open) &&
      searchWords.every((word) => facts.text.includes(word))
    );
  }

  /** The fold's button: how many of its filters are set. */
  function foldText(state) {
    const set = ["mode", "level", "status", "topic", "org"].filter((name) => state[name]).length;
    return set ? `More filters (${set} set)` : "More filters";
  }

  function countText(shown, total) {
    const noun = total === 1 ? "space" : "spaces";
    return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
  }

  // -- The page --------------------------------------------------------------

  /** Draw the cards from `data`, as deep as the reader had drawn them when
   * `returning`, and reveal them and the form. */
  function startMarketplace(page, data, signal, returning) {
    const { form, cards, count, more } = page;
    const moreButton = more.querySelector("button");
    const fold = form.querySelector(".eco-filters__toggle");
    let matching = [];
    let drawn = 0;

    /** Draw the next cards that match; the first of them, if any. */
    function drawMore() {
      const end = Math.min(drawn + CARDS_AT_A_TIME, matching.length);
      const fragment = document.createDocumentFragment();
      for (const facts of matching.slice(drawn, end)) {
        fragment.append(cardElement(facts.card, data));
      }
      const first = fragment.firstElementChild;
      cards.append(fragment);
      drawn = end;
      const left = matching.length - drawn;
      more.hidden = left === 0;
      moreButton.textContent = `Show ${Math.min(left, CARDS_AT_A_TIME)} more`;
      return first;
    }

    function narrowCards() {
      const state = formState(form);
      const searchWords = words(state.q);
      matching = data.facts.filter((facts) => matches(facts, state, searchWords));
      cards.replaceChildren();
      drawn = 0;
      drawMore();
      count.textContent = countText(matching.length, data.facts.length);
      if (fold) fold.textContent = foldText(state);
      return state;
    }

    function record(historyMethod) {
      const address = addressFor(narrowCards());
      if (address === location.pathname + location.search + location.hash) return;
      // Typing replaces the entry and keeps Material's scroll state with it.
      const state = historyMethod === "replaceState" ? history.state : null;
      history[historyMethod](state, "", address);
    }

    const listen = { signal };
    document.addEventListener(
      "click",
      () => leftAt.set(location.href, { drawn, offset: window.scrollY }),
      { capture: true, signal },
    );
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
    const pagePath = location.pathname;
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
    if (fold) {
      fold.addEventListener(
        "click",
        () => {
          const open = form.classList.toggle("eco-filters--open");
          fold.setAttribute("aria-expanded", String(open));
        },
        listen,
      );
    }
    // A keyboard user lands on the first new card, not back on the button.
    moreButton.addEventListener(
      "click",
      () => drawMore()?.querySelector("a")?.focus({ preventScroll: true }),
      listen,
    );
    // Scrolling near the end of the cards draws more. Observing anew after
    // drawing asks again, in case the new cards did not fill the screen. Not
    // while the button has the focus: its reader chooses when to draw, and
    // lands on the first new card.
    const nearTheEnd = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting) || more.hidden) return;
        if (document.activeElement === moreButton) return;
        drawMore();
        nearTheEnd.unobserve(more);
        nearTheEnd.observe(more);
      },
      { rootMargin: "0px 0px 100% 0px" },
    );
    nearTheEnd.observe(more);
    signal.addEventListener("abort", () => nearTheEnd.disconnect());

    showStateInForm(form, new URLSearchParams(location.search));
    narrowCards();
    form.dataset.ready = "true";
    if (returning) {
      while (drawn < Math.min(returning.drawn, matching.length)) drawMore();
      window.scrollTo(0, returning.offset);
    }
  }

  function setUpMarketplace() {
    // Instant navigation parses a page as a browser without scripts does, so
    // the noscript arrives as markup, whose style would hide the cards: back
    // to the text a browser running scripts keeps there.
    const noscript = document.querySelector(".eco-marketplace noscript");
    if (noscript?.firstElementChild) noscript.textContent = noscript.innerHTML;
    previousPage.abort();
    previousPage = new AbortController();
    const signal = previousPage.signal;
    const page = {
      form: document.querySelector("form.eco-filters"),
      cards: document.querySelector("ul.eco-cards[data-cards]"),
      count: document.querySelector(".eco-count"),
      more: document.querySelector(".eco-more"),
    };
    const returning = cameThroughHistory ? leftAt.get(location.href) : undefined;
    cameThroughHistory = false;
    if (Object.values(page).some((part) => !part)) return;
    const address = cardsAddress();
    const loaded = loadedCards.get(address);
    if (loaded) {
      startMarketplace(page, loaded, signal, returning);
      return;
    }
    loadCards(address).then(
      (data) => {
        if (!signal.aborted) startMarketplace(page, data, signal, returning);
      },
      () => {
        if (!signal.aborted) showPlainList(page);
      },
    );
  }

  /** Where the card data cannot be had, the plain list of every space that the
   * page holds for readers without scripts, in place of the first cards. */
  function showPlainList(page) {
    const noscript = document.querySelector(".eco-marketplace noscript");
    if (!noscript) return;
    page.cards.replaceChildren();
    const parsed = new DOMParser().parseFromString(noscript.textContent, "text/html");
    noscript.replaceWith(...parsed.body.childNodes);
  }

  // Ask for the cards at once, while the theme is still setting up the page.
  const firstAddress = cardsAddress();
  if (firstAddress) loadCards(firstAddress);

  if (window.document$) {
    window.document$.subscribe(setUpMarketplace);
  } else {
    setUpMarketplace();
  }
})();

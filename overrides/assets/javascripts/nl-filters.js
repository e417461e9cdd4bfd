/* Filters of the practices page (theme × size × country × edition) and of the
 * directory of collectivities (country × type × interest).
 * Without JavaScript the page lists everything; with it,
 * checkboxes filter the cards (OR within a facet, AND across facets), each
 * choice shows how many practices it would give, the selection lives in the
 * address (?theme=…&size=…), so it can be shared, reloaded and undone with Back. */
(function () {
  "use strict";
  var form = document.getElementById("nl-filters");
  if (!form) return;
  // The items to filter (the practices' cards, or the directory's: data-items) and
  // the facets, named by the checkboxes (theme, size… or country, type, interest).
  var selector = form.getAttribute("data-items") || ".nl-cards .nl-card";
  var cards = Array.prototype.slice.call(document.querySelectorAll(selector));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".nl-group"));
  var panel = document.getElementById("nl-filters-panel");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var counter = document.getElementById("nl-count");
  var everything = counter.textContent;  // "11 practices": said while no filter is chosen
  var FACETS = [];
  boxes.forEach(function (box) { if (FACETS.indexOf(box.name) < 0) FACETS.push(box.name); });

  function values(card, facet) {
    return (card.getAttribute("data-" + facet) || "").split(" ");
  }

  function selection() {
    var chosen = {};
    FACETS.forEach(function (facet) { chosen[facet] = []; });
    boxes.forEach(function (box) { if (box.checked) chosen[box.name].push(box.value); });
    return chosen;
  }

  function matches(card, chosen, except) {
    return FACETS.every(function (facet) {
      if (facet === except || !chosen[facet].length) return true;
      var own = values(card, facet);
      return chosen[facet].some(function (value) { return own.indexOf(value) >= 0; });
    });
  }

  function apply() {
    var chosen = selection(), shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, chosen);
      card.hidden = !visible;
      if (visible) shown++;
    });
    groups.forEach(function (group) {  // a heading with nothing left under it goes too
      group.hidden = !group.querySelector(".nl-card:not([hidden])");
    });
    form.querySelectorAll(".nl-filters__count").forEach(function (count) {
      var facet = count.getAttribute("data-facet"), value = count.getAttribute("data-value");
      var n = cards.filter(function (card) {
        return matches(card, chosen, facet) && values(card, facet).indexOf(value) >= 0;
      }).length;
      count.textContent = "(" + n + ")";
    });
    var key = shown === 0 ? "data-none" : shown === 1 ? "data-one" : "data-many";
    var filtered = boxes.some(function (box) { return box.checked; });
    counter.textContent = filtered ? form.getAttribute(key).replace("{n}", shown) : everything;
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
    apply();
    syncSwitcher();
  }

  function toAddress() {
    var params = new URLSearchParams();
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    var query = params.toString();
    window.history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
    syncSwitcher();
  }

  function syncSwitcher() {  // the same selection in the other language
    document.querySelectorAll("a.nl-switcher__link").forEach(function (link) {
      var url = new URL(link.href);
      url.search = window.location.search;
      link.href = url.toString();
    });
  }

  form.hidden = false;
  if (panel) {
    panel.hidden = false;
    // Folded on a phone, where the filters would fill the first screen; open elsewhere,
    // and whenever a filter is chosen (from the address).
    panel.open = window.matchMedia("(min-width: 45em)").matches || window.location.search.length > 1;
  }
  form.addEventListener("change", function () { apply(); toAddress(); });
  document.getElementById("nl-filters-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    apply();
    toAddress();
    boxes[0].focus();
  });
  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();

/* Search of the newsletter: its own index (search/nl-index.json, built by
 * newsletter/site/search.py), queries normalised the way the index was built:
 * Korean words lose their particles and endings (주민들이 -> 주민), French words
 * their accents, case and plural (Énergies -> energie); terms match by prefix.
 * `?q=…` in the address opens the search with its results. */
(function () {
  "use strict";
  var form = document.querySelector("form.nl-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var panel = document.getElementById("nl-results");
  var status = panel.querySelector("[role=status]");
  var list = panel.querySelector("ol");
  var root = form.getAttribute("data-root").replace(/\/?$/, "/");
  var index = null, terms = null, loading = null;

  var HANGUL = /[\uac00-\ud7a3]/;
  var STOP = ("a au aux avec ce ces cet cette dans de des du elle en et il ils je la le les leur " +
    "leurs lui mais meme ne ni nous on ou par pas plus pour qu que qui sa se ses son sur ta te " +
    "tes ton tu un une vos votre vous d l s n c j m y est sont ont ete etre").split(" ");
  // Particles and endings, longest first: stripped one at a time until a term matches.
  var ENDINGS = ("에서부터 으로부터 했습니다 합니다 입니다 들에게 에게서 한테서 께서는 에서는 에서도 " +
    "으로는 으로도 에게는 에게도 이라는 이라고 이었다 였습니다 이에요 예요 라는 라고 처럼 보다 부터 " +
    "까지 마저 조차 에서 에게 한테 께서 으로 로서 로써 이나 이며 이고 이랑 하고 하는 하여 해서 했다 " +
    "과의 와의 에의 들이 들은 들을 들의 들과 들도 들에 이다 은 는 이 가 을 를 의 에 와 과 도 만 " +
    "로 나 들 요 한 할 히").split(" ");

  function fold(word) {
    var bare = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    if (bare.length > 3 && /[sx]$/.test(bare) && !/ss$/.test(bare)) bare = bare.slice(0, -1);
    return bare;
  }

  function firstAtLeast(word) {
    var low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < word) low = middle + 1; else high = middle;
    }
    return low;
  }

  function matching(word) {  // terms starting with `word`
    var found = [];
    for (var i = firstAtLeast(word); i < terms.length && terms[i].lastIndexOf(word, 0) === 0; i++) {
      found.push(terms[i]);
      if (found.length > 300) break;
    }
    return found;
  }

  function candidates(word) {  // the word, then shorter and shorter stems
    if (!HANGUL.test(word)) {
      var plain = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      return STOP.indexOf(plain) >= 0 ? [] : [plain, fold(word)];
    }
    var forms = [word], current = word, stripped = true;
    while (stripped) {
      stripped = false;
      for (var i = 0; i < ENDINGS.length; i++) {
        var ending = ENDINGS[i];
        if (current.length > ending.length && current.slice(-ending.length) === ending) {
          current = current.slice(0, -ending.length);
          forms.push(current);
          stripped = true;
          break;
        }
      }
    }
    // Administrative suffixes: 창원시 finds 창원특례시, 서초 finds 서초구.
    if (current.length > 2 && /[시구군도]$/.test(current)) forms.push(current.slice(0, -1));
    return forms;
  }

  function parts(word) {  // a compound typed without spaces, cut into indexed terms
    if (!word) return [];
    for (var end = word.length - 1; end > 0; end--) {
      var head = word.slice(0, end);
      if (head.length > 1 && terms[firstAtLeast(head)] === head) {
        var rest = candidates(word.slice(end)).filter(function (form) {
          return form.length > 1 && matching(form).length;
        })[0];
        if (rest) return [head, rest];
        var deeper = parts(word.slice(end));
        if (deeper.length) return [head].concat(deeper);
      }
    }
    return [];
  }

  function scores(word) {  // page -> score, for the longest form of the word that matches
    var forms = candidates(word);
    for (var f = 0; f < forms.length; f++) {
      var found = matching(forms[f]);
      if (!found.length) continue;
      var result = {};
      found.forEach(function (term) {
        var postings = index.terms[term], exact = term === forms[f] ? 2 : 1;
        for (var i = 0; i < postings.length; i += 2) {
          var score = postings[i + 1] * exact;
          result[postings[i]] = Math.max(result[postings[i]] || 0, score);
        }
      });
      return result;
    }
    return null;
  }

  function search(query) {
    var words = query.normalize("NFC").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var perWord = [];
    words.forEach(function (word) {
      var found = scores(word);
      if (found === null && HANGUL.test(word)) {
        parts(word).forEach(function (part) { perWord.push(scores(part)); });
      } else if (found !== null) {
        perWord.push(found);
      }
    });
    perWord = perWord.filter(function (s) { return s !== null; });
    if (!perWord.length) return [];
    var total = {};
    Object.keys(perWord[0]).forEach(function (page) {
      if (perWord.every(function (s) { return page in s; })) {
        total[page] = perWord.reduce(function (sum, s) { return sum + s[page]; }, 0);
      }
    });
    return Object.keys(total).map(Number).sort(function (a, b) {
      return total[b] - total[a] || a - b;
    });
  }

  function load() {  // a script, not a fetch: it also loads from a disk (file://)
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = form.getAttribute("data-index");
        script.onload = function () { resolve(window.nlSearchIndex); };
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function (data) {
        index = data;
        terms = Object.keys(data.terms).sort();
      });
    }
    return loading;
  }

  function label(count) {
    var key = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-many";
    return form.getAttribute(key).replace("{n}", count);
  }

  function show(query) {
    query = query.trim();
    if (!query) { hide(); return; }
    load().then(function () {
      var found = search(query);
      list.textContent = "";
      found.slice(0, 50).forEach(function (page) {
        var doc = index.docs[page];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + doc[0];
        link.textContent = doc[1];
        link.lang = doc[4];
        var about = document.createElement("p");
        about.textContent = doc[2] + " — " + doc[3];
        about.lang = doc[4];
        item.appendChild(link);
        item.appendChild(about);
        list.appendChild(item);
      });
      status.textContent = label(found.length);
      panel.hidden = false;
    });
  }

  function hide() {
    panel.hidden = true;
    list.textContent = "";
    status.textContent = "";
  }

  function remember(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value.trim()); show(input.value); }, 150);
  });
  input.addEventListener("focus", load);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember(input.value.trim());
    show(input.value);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      hide();
      remember("");
      input.focus();
    }
  });
  panel.querySelector("button").addEventListener("click", function () {
    hide();
    remember("");
    input.focus();
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();

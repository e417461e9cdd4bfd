"""The search index of each language, built at build time.

Material's search (lunr) matches words by prefix only: a Korean query typed as
people type it (주민들이, 시민에게) misses pages that say 주민과 or 시민들, and a
French query without accents (energie, ecole) finds nothing. So we index words
the way the browser normalises queries (overrides/assets/javascripts/nl-search.js):

- Korean text is analysed into morphemes with Kiwi (kiwipiepy, its model from
  PyPI, offline): every content morpheme (nouns, proper nouns, stems, numbers,
  Latin words) and every word's stem (the word without its particles and
  endings: 소상공인을 -> 소상공인, 주민들이 -> 주민) becomes a term. The
  browser strips common particles and endings from the query and matches terms
  by prefix, so 도시, 도시의 and 도시에서 find the same pages, and 송파 finds 송파구.
- French text is lower-cased, stripped of accents and of a plural s/x, so that
  energie finds Énergie and villes finds ville.

The index lists practice pages (what readers look for), with weighted fields: title,
collectivity, summary, themes and size, headings, body text; and the directory's pages
of collectivities (name, partners, type and country, interests), so that searching a
city also finds whom to contact there.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import caches
from ..content.editions import Site
from ..content.model import Collectivity, Practice
from ..processes import running

WEIGHTS = {"title": 10, "collectivity": 6, "summary": 4, "topics": 4, "headings": 3, "body": 1}
BODY_BUDGET = 12_000
"""Characters of body text indexed per page: enough for every part a reader searches."""

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_FRENCH_WORD = re.compile(r"[0-9a-z]+")
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<[^>]+>|[#*_`>|\[\]]")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.M)
FRENCH_STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette dans de des du elle en et il ils je la le les leur leurs
lui mais meme ne ni nous on ou par pas plus pour qu que qui sa se ses son sur ta te tes
ton tu un une vos votre vous d l s n c j m y est sont ont a ete etre
""".split())
# Kiwi tags whose morphemes are worth finding: nouns, stems, numbers, foreign words.
_CONTENT_TAGS = ("NNG", "NNP", "NR", "SL", "SN", "SH", "XR", "VV", "VA", "MAG")
# Tags that end a word's stem: particles, endings, suffixes of inflection.
_FUNCTION_PREFIXES = ("J", "E", "XSN", "XSV", "XSA", "VCP", "VCN", "S")


@dataclass(frozen=True)
class IndexedPage:
    url: str
    title: str
    collectivity: str
    summary: str
    lang: str
    """The language of the text (the original, on a page whose translation is pending)."""


@functools.cache
def _combining_marks() -> re.Pattern[str]:
    """Every combining character (`unicodedata.combining`), as one character class. They
    are all in the first two planes (Unicode 15: none past U+1E94A); the other planes are
    not scanned, which would take a tenth of a second."""
    ranges: list[list[int]] = []
    for code in range(0x20000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                    for a, b in ranges) + "]+")


def _bare(text: str) -> str:
    """Lower case, without accents."""
    return _combining_marks().sub("", unicodedata.normalize("NFD", text.lower()))


@functools.lru_cache(maxsize=1 << 16)
def fold_french(word: str) -> str:
    """Énergies -> energie: lower case, no accents, no plural s/x (as the browser does).
    Cached: a corpus has a few thousand distinct words, seen hundreds of thousands of times."""
    bare = _bare(word)
    if len(bare) > 3 and bare[-1] in "sx" and not bare.endswith("ss"):
        bare = bare[:-1]
    return bare


def french_terms(text: str) -> list[str]:
    """The terms of a French text: its words without accents, stop words or plurals.
    Token by token (a word never spans a space), each distinct token seen once."""
    return [term for token in text.lower().split() for term in _token_terms(token)]


@functools.lru_cache(maxsize=1 << 17)
def _token_terms(token: str) -> tuple[str, ...]:
    words = _FRENCH_WORD.findall(_bare(token))
    return tuple(fold_french(w) for w in words if w not in FRENCH_STOP_WORDS and len(w) > 1)


@functools.cache
def _kiwi():  # type: ignore[no-untyped-def]
    from kiwipiepy import Kiwi  # loaded only when there is Korean text to index

    # Words are analysed one at a time (`korean_terms_many`), so no entry of the
    # multi-word dictionary (proper nouns of several words, 12 MB) can match one: without
    # it Kiwi starts in half the time (2.7 → 1.2 s with the analysis of a 2 000-practice
    # corpus's 6 697 words), and gives the same terms for every one of those words.
    return Kiwi(num_workers=2, load_multi_dict=False)


def korean_terms_many(texts: list[str], cache: dict[str, list[str]] | None = None) -> list[list[str]]:
    """Terms of many Korean texts.

    Words are analysed one by one, each distinct word once: a text has its terms
    from the words it is made of, and `cache` (word -> terms) carries the
    analyses over from one build to the next (`TermCache`).
    """
    cache = {} if cache is None else cache
    split = [text.split() for text in texts]
    unknown = sorted({word for words in split for word in words} - cache.keys())
    if unknown:
        for word, tokens in zip(unknown, _kiwi().tokenize(unknown)):
            cache[word] = _korean_terms(word, tokens)
    return [[term for word in words for term in cache[word]] for words in split]


class TermCache:
    """Word analyses kept between builds, in the user's cache folder.

    Kiwi is the slow part of a build (tens of thousands of characters a second);
    most words of a new build were already seen. The cache only memoises a pure
    function of the word, Kiwi's version and the tool (our grouping of Kiwi's tokens
    into terms, `_korean_terms`), so builds stay identical. The file is its hash, then
    the key it was made with and the words as JSON; one that does not match either
    is not read.
    """

    def __init__(self, folder: Path | None = None):
        from kiwipiepy import __version__ as kiwi_version

        base = folder or caches.folder()
        self.file = base / f"korean-terms-{kiwi_version}.json"
        self.key = caches.key("korean terms", kiwi_version)
        self.words: dict[str, list[str]] = {}
        kept = caches.read_checked(self.file)
        try:
            if kept["key"] == self.key:
                self.words = {str(word): [term for term in terms if isinstance(term, str)]
                              for word, terms in kept["words"].items()
                              if isinstance(terms, list)}
        except (TypeError, KeyError, AttributeError):
            self.words = {}
        self.known = len(self.words)

    def save(self) -> None:
        if len(self.words) == self.known:
            return
        caches.write_checked(self.file, {"key": self.key, "words": self.words})


def _korean_terms(text: str, tokens) -> list[str]:  # type: ignore[no-untyped-def]
    """Tokens grouped into words (split at spaces and at punctuation inside a word,
    as in 디지털·스마트도시), then each word's terms."""
    terms: list[str] = []
    word: list = []
    for token in tokens:
        punctuation = token.tag.startswith("S") and token.tag not in ("SL", "SN", "SH")
        if word and (token.start > word[-1].start + word[-1].len or punctuation):
            terms += _word_terms(text, word)
            word = []
        if not punctuation:
            word.append(token)
    if word:
        terms += _word_terms(text, word)
    return terms


def _word_terms(text: str, word: list) -> list[str]:  # type: ignore[no-untyped-def]
    """The content morphemes of one word, and the word without its particles and endings."""
    terms = [t.form.lower() for t in word if t.tag.startswith(_CONTENT_TAGS)]
    content = [t for t in word if not t.tag.startswith(_FUNCTION_PREFIXES)
               or t.tag in ("SL", "SN", "SH")]
    if content:
        stem = text[content[0].start:content[-1].start + content[-1].len].strip().lower()
        if stem and stem not in terms:
            terms.append(stem)
    return [t if _HANGUL.search(t) else fold_french(t) for t in terms
            if _HANGUL.search(t) or t.isalnum()]


def plain_text(markdown: str) -> str:
    return _MARKUP.sub(" ", markdown)


def unknown_korean_words(site: Site, cache: dict[str, list[str]]) -> list[str]:
    """The Korean words that the search indexes of the site need and `cache` lacks."""
    texts = [value for practice in site.practices for lang in ("fr", "ko")
             if practice.text(lang).lang == "ko"
             for value in _fields(practice, lang, site).values()]
    texts += [value for collectivity in site.collectivities
              for value in _collectivity(collectivity, "ko", site)[1].values()]
    return sorted({word for text in texts for word in text.split()} - cache.keys())


def analyse_korean(site: Site, cache: dict[str, list[str]]) -> None:
    """Put in `cache` every Korean word the search indexes of the site need. Kiwi's model
    (half a gigabyte) lives and dies in a process of its own, so that this one, and the
    processes it starts next, never carry it. (A build runs `analyse_words` beside the
    languages' processes instead: `build.build`.)"""
    unknown = unknown_korean_words(site, cache)
    if unknown:
        with running(analyse_words, [unknown], even_one=True) as results:
            cache.update(results()[0])


def analyse_words(words: list[str]) -> dict[str, list[str]]:
    return dict(zip(words, korean_terms_many([word for word in words])))


def build_index(site: Site, lang: str, cache: dict[str, list[str]] | None = None) -> bytes:
    """`search/nl-index.json` of one language: pages, and term -> [page, weight, …]."""
    pages = [_page(practice, lang) for practice in site.practices]
    fields = [_fields(practice, lang, site) for practice in site.practices]
    for collectivity in site.collectivities:  # the directory: whom to contact, and where
        page, words = _collectivity(collectivity, lang, site)
        pages.append(page)
        fields.append(words)
    korean = [i for i, page in enumerate(pages) if page.lang == "ko"]
    korean_texts = [fields[i][name] for i in korean for name in WEIGHTS]
    analysed = iter(korean_terms_many(korean_texts, cache))
    postings: dict[str, list[int]] = defaultdict(list)  # term -> [page, weight, page, …]
    for number, page in enumerate(pages):
        weights: dict[str, int] = {}
        for name, weight in WEIGHTS.items():
            terms = next(analysed) if page.lang == "ko" else french_terms(fields[number][name])
            for term in terms:
                weights[term] = weights.get(term, 0) + weight
        for term, weight in weights.items():  # pages in order: each list comes sorted
            postings[term] += (number, weight)
    index = {
        "docs": [[p.url, p.title, p.collectivity, p.summary, p.lang] for p in pages],
        "terms": dict(sorted(postings.items())),
    }
    # A script rather than JSON: a page opened from a disk (file://) cannot fetch a file,
    # but it can load a script.
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.nlSearchIndex={data};\n".encode("utf-8")


def _page(practice: Practice, lang: str) -> IndexedPage:
    words = practice.text(lang)
    return IndexedPage(f"practices/{practice.slug}/index.html", words.title, words.collectivity,
                       words.summary, words.lang)


def _collectivity(collectivity: Collectivity, lang: str,
                  site: Site) -> tuple[IndexedPage, dict[str, str]]:
    """A collectivity's page of the directory: its name, what it is, where, what it looks
    for, and its partners (a reader who searches a city finds whom to contact there)."""
    from babel import Locale

    kind = next((t.label(lang) for t in site.taxonomy.collectivity_types
                 if t.key == collectivity.type), "")
    country = Locale.parse(lang).territories.get(collectivity.country, collectivity.country)
    interests = [site.taxonomy.theme(key).label(lang) for key in collectivity.interests]
    by_key = {c.key: c for c in site.collectivities}
    partners = [by_key[pair.other(collectivity.key)].name(lang) for pair in site.partnerships
                if collectivity.key in (pair.a, pair.b) and pair.other(collectivity.key) in by_key]
    page = IndexedPage(f"collectivities/{collectivity.key}/index.html", collectivity.name(lang),
                       f"{kind}, {country}", ", ".join(interests), lang)
    return page, {"title": collectivity.name(lang), "collectivity": " ".join(partners),
                  "summary": f"{kind} {country}", "topics": " ".join(interests),
                  "headings": "", "body": ""}


def _fields(practice: Practice, lang: str, site: Site) -> dict[str, str]:
    words = practice.text(lang)
    topics = [site.taxonomy.theme(key).label(lang) for key in practice.themes]
    topics.append(site.taxonomy.size(practice.size).label(lang))
    body = plain_text(words.body)[:BODY_BUDGET]
    return {
        "title": words.title,
        "collectivity": " ".join([words.collectivity, *words.partners]),
        "summary": words.summary,
        "topics": " ".join(topics),
        "headings": " ".join(_HEADING.findall(words.body)),
        "body": body,
    }

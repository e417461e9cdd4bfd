"""The directory of collectivities (issue 12): its rules, with path and line, and the
pages built from it (directory, one page per collectivity, map), read back."""
from __future__ import annotations

import gettext
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import html

import newsletter.i18n
from newsletter.i18n import catalog
from newsletter.content.loading import load
from newsletter.content.model import Problem

from conftest import SITE_URL, run
from directory_content import COLLECTIVITIES, edit, make_directory_tree


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are the English msgids, whatever the catalogs hold today."""
    monkeypatch.setattr(newsletter.i18n, "_messages", gettext.NullTranslations())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_directory_tree(tmp_path / "content")


def line_of(file: Path, fragment: str) -> int:
    for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {file}")


def errors(root: Path) -> list[Problem]:
    return [p for p in load(root, history=False).problems if p.is_error]


def test_the_fixture_is_clean(tree: Path) -> None:
    result = load(tree, history=False)
    assert errors(tree) == []
    content = result.content
    assert [c.key for c in content.collectivities] == sorted(COLLECTIVITIES)
    assert [(p.a, p.b, p.since) for p in content.partnerships] == [
        ("paris-15", "seocho", 2008), ("suwon", "tours", 2019)]
    gumi = next(c for c in content.collectivities if c.key == "gumi")
    assert (gumi.country, gumi.type, gumi.size, gumi.lat, gumi.lon) == (
        "KR", "si", "grande-ville", 36.1195, 128.3446)
    assert gumi.interests == ("energies-renouvelables", "numerique")
    assert gumi.contact.email == "international@gumi.example.org"
    marathon = next(p for p in content.practices if p.slug == "tours-marathon")
    assert (marathon.collectivity_key, marathon.partner_keys) == ("tours", ("suwon",))
    assert content.federation is not None
    assert content.federation.office("ko").email == "bureau@federation.example.org"  # one for both


# -- rules, each with its path and line ----------------------------------------------------

CASES = [
    # (name, file, old, new, fragment of the line where the problem is, says)
    ("partnership-with-an-unknown-collectivity", "collectivities/tours.yml",
     "  suwon: 2019", "  suwn: 2019", "suwn:", 'there is no collectivity "suwn"'),
    ("partnership-suggests-the-close-key", "collectivities/tours.yml",
     "  suwon: 2019", "  suwn: 2019", "suwn:", 'did you mean "suwon"?'),
    ("partnership-with-itself", "collectivities/lyon.yml",
     "interests:", "partnerships: {lyon: 2020}\ninterests:", "partnerships:",
     "not its own partner"),
    ("partnership-year-not-a-year", "collectivities/tours.yml",
     "  suwon: 2019", "  suwon: 19", "suwon:", "four digits"),
    ("latitude-out-of-range", "collectivities/paris-15.yml",
     "  lat: 48.8412", "  lat: 98.8412", "lat:", "between -90 (south) and 90 (north)"),
    ("longitude-out-of-range", "collectivities/paris-15.yml",
     "  lon: 2.3003", "  lon: 200.5", "lon:", "between -180 (west) and 180 (east)"),
    ("latitude-with-a-comma", "collectivities/paris-15.yml",
     "  lat: 48.8412", "  lat: 48,8412", "lat:", "with a dot, not a comma"),
    ("latitude-in-degrees-and-minutes", "collectivities/paris-15.yml",
     "  lat: 48.8412", "  lat: 48°50'N", "lat:", "decimal degrees"),
    ("coordinates-swapped-outside-the-map", "collectivities/lyon.yml",
     "{lat: 45.7640, lon: 4.8357}", "{lat: 4.8357, lon: 45.7640}", "coordinates:",
     "outside the map of metropolitan France"),
    ("korean-city-placed-in-france", "collectivities/gumi.yml",
     "{lat: 36.1195, lon: 128.3446}", "{lat: 47.39, lon: 0.68}", "coordinates:",
     "outside the map of Korea"),
    ("interest-with-an-unknown-theme", "collectivities/gumi.yml",
     "interests: [energies-renouvelables, numerique]",
     "interests:\n  - energie-renouvelable\n  - numerique", "energie-renouvelable",
     'unknown theme "energie-renouvelable"; did you mean "energies-renouvelables"?'),
    ("interest-listed-twice", "collectivities/gumi.yml",
     "interests: [energies-renouvelables, numerique]",
     "interests:\n  - numerique\n  - numerique", "  - numerique\n  - numerique",
     "listed twice"),
    ("unknown-type", "collectivities/gumi.yml", "type: si", "type: sii", "type:",
     'unknown type "sii"; did you mean "si"?'),
    ("type-of-the-other-country", "collectivities/gumi.yml", "type: si", "type: commune",
     "type:", "allowed for KR: si, gu"),
    ("unknown-field", "collectivities/gumi.yml", "population:", "populaton:", "populaton:",
     'unknown field "populaton"; did you mean "population"?'),
    ("country-not-fr-or-kr", "collectivities/gumi.yml", "country: KR", "country: TG",
     "country:", "FR or KR"),
    ("unknown-collectivity-key-in-a-practice", "practices/tours-marathon/fr.md",
     "collectivity_key: tours", "collectivity_key: tour", "collectivity_key:",
     'there is no collectivity "tour"'),
    ("unknown-partner-key-in-a-practice", "practices/seocho-film/ko.md",
     "partner_keys: [paris-15]", "partner_keys:\n  - paris-16", "paris-16",
     'there is no collectivity "paris-16"'),
    ("practice-partner-is-its-own-collectivity", "practices/tours-marathon/fr.md",
     "partner_keys: [suwon]", "partner_keys:\n  - suwon\n  - tours", "  - tours",
     "own collectivity"),
    ("practice-collectivity-in-the-other-country", "practices/tours-marathon/fr.md",
     "collectivity_key: tours", "collectivity_key: seocho", "collectivity_key:",
     "is in KR according to the directory"),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_directory_rule(tree: Path, case: tuple[str, ...]) -> None:
    _name, name, old, new, where, says = case
    file = tree / name
    edit(file, old, new)
    found = errors(tree)
    text = file.read_text(encoding="utf-8")
    line = text[:text.index(where)].count("\n") + 1 + where.count("\n")
    mine = [p for p in found if p.path == name]
    assert [p.line for p in mine] == [line], found
    assert says in mine[0].message, mine[0].message
    assert len(found) == 1, found


def test_a_partnership_given_twice_is_reported_at_its_second_line(tree: Path) -> None:
    file = tree / "collectivities/tours.yml"
    edit(file, "  suwon: 2019\n", "  suwon: 2019\n  suwon: 2019\n")
    first = line_of(file, "suwon: 2019")
    found = errors(tree)
    assert [(p.path, p.line) for p in found] == [("collectivities/tours.yml", first + 1)]
    assert f"given twice (first on line {first})" in found[0].message


def test_a_partnership_declared_on_both_sides_must_agree(tree: Path) -> None:
    edit(tree / "collectivities/suwon.yml", "  tours: 2019", "  tours: 2018")
    found = errors(tree)
    suwon_line = line_of(tree / "collectivities/suwon.yml", "tours: 2018")
    tours_line = line_of(tree / "collectivities/tours.yml", "suwon: 2019")
    assert [(p.path, p.line) for p in found] == [("collectivities/tours.yml", tours_line)]
    assert f"collectivities/suwon.yml (line {suwon_line}) says this partnership began in " \
           "2018, not 2019" in found[0].message
    # Declared on one side only, it is enough.
    edit(tree / "collectivities/suwon.yml", "partnerships:\n  tours: 2018\n", "")
    assert errors(tree) == []
    pairs = load(tree, history=False).content.partnerships
    assert ("suwon", "tours", 2019) in [(p.a, p.b, p.since) for p in pairs]


def test_every_problem_of_a_file_at_once(tree: Path) -> None:
    file = tree / "collectivities/gumi.yml"
    edit(file, "type: si", "type: town")
    edit(file, "lat: 36.1195", "lat: 36,1")
    edit(file, "numerique]", "numerik]")
    edit(tree / "collectivities/tours.yml", "  suwon: 2019", "  suwon: 2019\n  nowhere: 2020")
    found = errors(tree)
    assert [(p.path, p.line) for p in found] == [
        ("collectivities/gumi.yml", line_of(file, "type:")),
        ("collectivities/gumi.yml", line_of(file, "coordinates:")),
        ("collectivities/gumi.yml", line_of(file, "interests:")),
        ("collectivities/tours.yml", line_of(tree / "collectivities/tours.yml", "nowhere"))]


def test_missing_fields_are_named(tree: Path) -> None:
    (tree / "collectivities/gumi.yml").write_text("names:\n  fr: Ville de Gumi\n", encoding="utf-8")
    found = errors(tree)
    assert all(p.path == "collectivities/gumi.yml" for p in found)
    messages = " ".join(p.message for p in found)
    for field in ("names.ko", "country", "type", "population", "coordinates"):
        assert f'"{field}" is missing' in messages, messages


def test_file_names_of_the_directory(tree: Path) -> None:
    folder = tree / "collectivities"
    (folder / "gumi.yml").rename(folder / "Gumi.yml")
    (folder / "lyon.yml").rename(folder / "lyon.yaml")
    (folder / "notes.txt").write_text("à faire", encoding="utf-8")
    (folder / "seoul").mkdir()
    found = {p.path: p.message for p in errors(tree)}
    assert '"Gumi.yml" is not a valid key' in found["collectivities/Gumi.yml"]
    assert "lyon.yml" in found["collectivities/lyon.yaml"]
    assert "one file <key>.yml per collectivity" in found["collectivities/notes.txt"]
    assert "not a folder" in found["collectivities/seoul"]


@pytest.mark.parametrize(("name", "expected"), [
    ("aux.yml", '"aux" is a name that Windows reserves for devices'),
    ("COM1.yml", '"com1" is a name that Windows reserves for devices'),
    ("lpt9.yml", '"lpt9" is a name that Windows reserves for devices'),
    ("nul.yml", '"nul" is a name that Windows reserves for devices'),
    ("Gumi.yml", '"Gumi.yml" is not a valid key: use lowercase ASCII letters'),
    ("-gumi.yml", '"-gumi.yml" is not a valid key'),
    ("gumi--si.yml", '"gumi--si.yml" is not a valid key'),
    ("gumi" + "-si" * 30 + ".yml", "is 94 characters long; a key has at most 80"),
])
def test_a_directory_key_follows_the_slug_rules(tree: Path, name: str, expected: str) -> None:
    """The same rule as a practice's slug (`check_slug`), at the file."""
    folder = tree / "collectivities"
    (folder / "gumi.yml").rename(folder / name)
    found = [p for p in errors(tree) if p.path == f"collectivities/{name}"]
    assert len(found) == 1 and found[0].line is None, found
    assert expected in found[0].message, found[0].message


def test_a_key_that_is_a_slug_is_accepted(tree: Path) -> None:
    folder = tree / "collectivities"
    for key in ("auxerre", "com10", "con-ville", "a" * 80):
        (folder / f"{key}.yml").write_text((folder / "lyon.yml").read_text(encoding="utf-8")
                                           .replace("lyon", key), encoding="utf-8")
    assert not [p for p in errors(tree) if "key" in p.message or "Windows" in p.message]


def test_no_directory_is_fine_but_a_key_needs_one(tmp_path: Path) -> None:
    import shutil

    from directory_content import CORPUS
    root = tmp_path / "content"
    shutil.copytree(CORPUS / "base", root)
    assert errors(root) == []
    assert load(root, history=False).content.collectivities == ()
    edit(root / "practices/tours-marathon/fr.md", "country: FR\n",
         "country: FR\ncollectivity_key: tours\n")
    (found,) = errors(root)
    assert found.path == "practices/tours-marathon/fr.md"
    assert found.line == line_of(root / found.path, "collectivity_key")
    assert "the directory (collectivities/) is empty" in found.message


def test_the_federation_office_needs_a_way_to_write(tree: Path) -> None:
    (tree / "federation.yml").write_text("office:\n  names: {fr: Bureau, ko: 사무국}\n",
                                         encoding="utf-8")
    (found,) = errors(tree)
    assert (found.path, found.line) == ("federation.yml", 1)
    assert "an email or a url" in found.message


def test_plain_text_fields_refuse_direction_overrides(tree: Path) -> None:
    edit(tree / "collectivities/lyon.yml", "  fr: Ville de Lyon", "  fr: Ville de \u202eLyon")
    (found,) = errors(tree)
    assert (found.path, found.line) == ("collectivities/lyon.yml", 2)
    assert "U+202E" in found.message


def test_check_prints_path_and_line(tree: Path) -> None:
    edit(tree / "collectivities/gumi.yml", "type: si", "type: sii")
    result = run("check", cwd=tree)
    assert result.returncode == 1
    line = line_of(tree / "collectivities/gumi.yml", "type:")
    assert result.stdout.startswith(f"collectivities/gumi.yml:{line}: "), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# -- the built pages -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_directory_tree(tmp_path_factory.mktemp("directory") / "content")
    # A name with markup, escaped everywhere it is shown.
    edit(root / "collectivities/lyon.yml", "  fr: Ville de Lyon", "  fr: Ville de <b>Lyon</b> & co")
    out = root.parent / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=root)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path / "index.html").read_bytes())


def resolves(site: Path, path: str, href: str) -> Path:
    """The file an internal link of the page at `path` leads to."""
    target = (site / path / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def name_of(site: Path, path: str, href: str) -> str:
    """The key or slug of the page an internal link leads to (it must exist)."""
    target = resolves(site, path, href)
    assert target.is_file(), href
    return target.parent.name


def test_every_page_of_the_directory_in_both_languages(built: Path) -> None:
    for lang in ("fr", "ko"):
        assert (built / lang / "collectivities" / "index.html").is_file()
        assert (built / lang / "map" / "index.html").is_file()
        for key in COLLECTIVITIES:
            doc = page(built, f"{lang}/collectivities/{key}")
            assert doc.get("lang") == lang
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}ko/collectivities/gumi/" in sitemap and f"{SITE_URL}fr/map/" in sitemap
    ET.fromstring(sitemap)


def test_directory_page_lists_and_filters_every_collectivity(built: Path) -> None:
    for lang in ("fr", "ko"):
        doc = page(built, f"{lang}/collectivities")
        cards = doc.cssselect(".nl-group .nl-place")
        assert len(cards) == len(COLLECTIVITIES)
        gumi = next(c for c in cards if resolves(built, f"{lang}/collectivities",
                                                 c.cssselect("h3 a")[0].get("href")).parent.name == "gumi")
        assert (gumi.get("data-country"), gumi.get("data-type"), gumi.get("data-interest")) == (
            "KR", "si", "energies-renouvelables numerique")
        form = doc.cssselect("form#nl-filters")[0]
        assert form.get("data-items") == ".nl-group .nl-place"
        names = {box.get("name") for box in form.cssselect("input[type=checkbox]")}
        assert names == {"country", "type", "interest"}
        for card in cards:
            href = card.cssselect("h3 a")[0].get("href")
            assert resolves(built, f"{lang}/collectivities", href).is_file(), href


def test_the_nav_leads_to_the_directory_and_the_map(built: Path) -> None:
    for lang in ("fr", "ko"):
        gettext = catalog(lang).gettext
        links = {a.text_content().strip(): a.get("href")
                 for a in page(built, f"{lang}/practices").cssselect(".md-nav a")}
        for title, target in ((gettext("Directory of local governments"), "collectivities"),
                              (gettext("Map of partnerships"), "map")):
            assert resolves(built, f"{lang}/practices", links[title]).parent.name == target


def suggestions(site: Path, lang: str, key: str) -> list[html.HtmlElement]:
    return page(site, f"{lang}/collectivities/{key}").cssselect("ol.nl-suggestions > li")


def test_suggested_practices_rank_and_say_why(built: Path) -> None:
    for lang in ("fr", "ko"):
        items = suggestions(built, lang, "gumi")
        slugs = [name_of(built, f"{lang}/collectivities/gumi",
                         item.cssselect(".nl-card__title a")[0].get("href")) for item in items]
        # Renewable energy, same size; digital, same size; renewable energy, a small town.
        # Never the draft (nantes-brouillon), never a Korean practice (seocho-film).
        assert slugs == ["lyon-solaire", "tours-marathon", "belvallon-solaire"]
        same = catalog(lang).gettext("same size")
        renewable = "énergies renouvelables" if lang == "fr" else "재생에너지"
        why = [item.cssselect(".nl-suggestion__why")[0].text_content() for item in items]
        # labels may hold "et" themselves ("numérique et ville intelligente"): ";" between them
        joined = f"{same}\u202f; {renewable}" if lang == "fr" else f"{same}, {renewable}"
        assert why[0].endswith(joined), why  # no "·" inside labels either
        assert why[2].endswith(renewable) and same not in why[2]
        for item in items:
            for link in item.cssselect("a[href]"):
                href = link.get("href")
                if not href.startswith(("mailto:", "http")):
                    assert resolves(built, f"{lang}/collectivities/gumi", href).is_file(), href


def test_each_suggestion_says_whom_to_contact(built: Path) -> None:
    items = suggestions(built, "fr", "gumi")
    contacts = [[a.get("href") for a in item.cssselect(".nl-suggestion__contact a")]
                for item in items]
    # The practice's own link or address, else the federation's office.
    assert contacts[0][0] == "https://www.example.org/lyon-solaire"
    assert contacts[1][0] == "mailto:sports@tours.example.org"
    assert contacts[2] == ["mailto:bureau@federation.example.org"]
    assert "Secrétariat de la fédération" in items[2].text_content()
    assert "연합 사무국" in suggestions(built, "ko", "gumi")[2].text_content()


def test_a_french_collectivity_gets_korean_practices(built: Path) -> None:
    items = suggestions(built, "fr", "tours")  # interests: culture, santé
    assert [name_of(built, "fr/collectivities/tours", i.cssselect(".nl-card__title a")[0].get("href"))
            for i in items] == ["seocho-film"]
    assert page(built, "fr/collectivities/lyon").cssselect("ol.nl-suggestions") == []


def test_collectivity_page_lists_its_practices_and_both_sides_of_its_partnerships(built: Path) -> None:
    for lang in ("fr", "ko"):
        tours = page(built, f"{lang}/collectivities/tours")
        own = [a.get("href") for a in tours.cssselect("#nl-own-practices + .nl-cards h3 a")]
        assert [name_of(built, f"{lang}/collectivities/tours", h) for h in own] == ["tours-marathon"]
        (line,) = tours.cssselect("ul.nl-partnerships li")
        links = [a.get("href") for a in line.cssselect("a")]
        assert [resolves(built, f"{lang}/collectivities/tours", h).parent.name for h in links] == [
            "tours", "suwon"]
        assert "2019" in line.text_content()
        suwon = page(built, f"{lang}/collectivities/suwon")
        assert "2019" in suwon.cssselect("ul.nl-partnerships li")[0].text_content()
        partner = [a.get("href") for a in suwon.cssselect("#nl-as-partner + .nl-cards h4 a")]
        assert [name_of(built, f"{lang}/collectivities/suwon", h) for h in partner] == [
            "tours-marathon"]


def test_a_practice_links_to_its_collectivity(built: Path) -> None:
    doc = page(built, "ko/practices/seocho-film")
    (link,) = [a for a in doc.cssselect(".nl-facts dd a") if "collectivities" in a.get("href")]
    assert resolves(built, "ko/practices/seocho-film", link.get("href")).parent.name == "seocho"


def test_names_are_escaped_on_every_page(built: Path) -> None:
    for path in ("fr/collectivities", "fr/collectivities/lyon", "fr/map"):
        source = (built / path / "index.html").read_text(encoding="utf-8")
        doc = html.fromstring(source)
        assert not doc.cssselect("b"), path
        assert "Ville de &lt;b&gt;Lyon&lt;/b&gt; &amp; co" in source, path


def test_map_page_shows_the_collectivities_with_practices_and_their_partners(built: Path) -> None:
    for lang in ("fr", "ko"):
        doc = page(built, f"{lang}/map")
        places = doc.cssselect("svg.nl-map a.nl-map__place")
        with_practices = [a for a in places
                          if "nl-map__point--empty" not in a.cssselect("circle")[0].get("class")]
        keys = {resolves(built, f"{lang}/map", a.get("href")).parent.name for a in with_practices}
        assert keys == {"tours", "lyon", "seocho"}  # the published practices' collectivities
        partners = {resolves(built, f"{lang}/map", a.get("href")).parent.name for a in places}
        assert partners - keys == {"suwon", "paris-15"}
        assert len(doc.cssselect("svg.nl-map path.nl-map__link")) == 2
        for a in places:
            assert resolves(built, f"{lang}/map", a.get("href")).is_file()
        # The list alternative: the same collectivities, with their partnerships.
        listed = {resolves(built, f"{lang}/map", a.get("href")).parent.name
                  for a in doc.cssselect("ul.nl-map-list > li > a")}
        assert listed == partners
        # Inline: nothing loaded from another host.
        assert not doc.cssselect("svg.nl-map [href^='http'], svg.nl-map image, svg.nl-map script")


def test_without_a_directory_there_are_no_directory_pages(tmp_path: Path) -> None:
    import shutil

    from directory_content import CORPUS
    root = tmp_path / "content"
    shutil.copytree(CORPUS / "base", root)
    out = tmp_path / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=root)
    assert result.returncode == 0, result.stderr
    assert not (out / "fr" / "collectivities").exists() and not (out / "ko" / "map").exists()
    texts = [a.text_content().strip() for a in page(out, "fr").cssselect(".md-nav a")]
    assert catalog("fr").gettext("Map of partnerships") not in texts
    assert not re.search(r"collectivities", (out / "fr" / "index.html").read_text("utf-8"))


def search_index(site: Path, lang: str) -> dict:
    script = (site / lang / "search" / "nl-index.js").read_text(encoding="utf-8")
    return __import__("json").loads(script.removeprefix("window.nlSearchIndex=").rstrip(";\n"))


def test_searching_a_collectivity_finds_its_page_in_the_directory(built: Path) -> None:
    for lang, word in (("fr", "suwon"), ("ko", "수원")):
        index = search_index(built, lang)
        docs = index["docs"]
        pages = {docs[number][0] for term, postings in index["terms"].items()
                 if term.startswith(word) for number in postings[::2]}
        assert "collectivities/suwon/index.html" in pages, lang
        assert "collectivities/tours/index.html" in pages, lang  # its partner
        for url, title, about, summary, text_lang in docs:
            assert (built / lang / url).is_file(), url  # every result leads to a page
        lyon = next(doc for doc in docs if doc[0] == "collectivities/lyon/index.html")
        if lang == "fr":  # shown with textContent by the search script: kept as written
            assert lyon[1] == "Ville de <b>Lyon</b> & co"


def test_a_population_that_differs_from_the_directory_is_warned_about_at_its_line(
        tree: Path) -> None:
    edit(tree / "collectivities/tours.yml", "population: 137000", "population: 138500")
    problems = load(tree, history=False).problems
    assert [p for p in problems if p.is_error] == []
    warned = [p for p in problems if "differs from the one of" in p.message]
    practice = tree / "practices/tours-marathon/fr.md"
    assert [(p.path, p.line) for p in warned] == [
        ("practices/tours-marathon/fr.md", line_of(practice, "population:"))]
    where = f"collectivities/tours.yml:{line_of(tree / 'collectivities/tours.yml', 'population:')}"
    assert "137000" in warned[0].message and "138500" in warned[0].message
    assert where in warned[0].message


@pytest.mark.parametrize("written", ["0", "9" * 5000, "[137000]", "{a: 1}", "١٣٧٠٠٠", "-137000"])
def test_an_odd_population_in_the_directory_is_its_file_s_error_only(tree: Path,
                                                                     written: str) -> None:
    edit(tree / "collectivities/tours.yml", "population: 137000", f"population: {written}")
    problems = load(tree, history=False).problems
    assert problems and {p.path for p in problems if p.is_error} == {"collectivities/tours.yml"}
    assert not [p for p in problems if "differs from the one of" in p.message]


def test_the_directory_s_korean_words_are_analysed_before_the_indexes(tree: Path) -> None:
    """Else each build's Korean index would load Kiwi again, and never keep what it learnt."""
    import datetime as dt

    from newsletter.content.editions import collect
    from newsletter.site.search import analyse_korean

    site = collect(load(tree, history=False).content, dt.date(2026, 11, 28), False)
    words: dict[str, list[str]] = {}
    analyse_korean(site, words)
    names = {word for c in site.collectivities for word in c.name("ko").split()}
    assert names and names <= words.keys()


def test_contact_names_are_given_per_language_with_the_original_as_fallback(built: Path) -> None:
    """Korean readers see the Korean name of Tours's office; French readers of Gumi's page
    see its Korean name, marked as Korean (the file gives no French one)."""
    def contact(lang: str, key: str) -> html.HtmlElement:
        page = html.fromstring((built / lang / "collectivities" / key / "index.html").read_bytes())
        return next(dd for dt, dd in zip(page.iter("dt"), page.iter("dd"))
                    if dt.text_content() == catalog(lang).gettext("Contact")).find("span")

    assert contact("ko", "tours").text_content() == "국제관계 담당 부서"
    assert contact("ko", "tours").get("lang") is None
    assert contact("fr", "tours").text_content() == "Direction des relations internationales"
    assert contact("fr", "gumi").text_content() == "구미시 국제교류 담당 부서"
    assert contact("fr", "gumi").get("lang") == "ko"

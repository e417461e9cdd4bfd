#!/usr/bin/env python3
"""Deterministic synthetic content for benchmarking the newsletter builder.

    python bench/make_corpus.py OUT N [--seed S]

Writes, into OUT (which must not exist or be empty), a content tree in the layout
of the content contract: taxonomy.yml (a copy of the project's), 20 editions
(2017-s1 ... 2026-s2, the last one a draft) and N practices in French and
Korean, spread evenly over the editions.

Texts are assembled from a bank of parallel French/Korean sentence templates about
local-government practices (`corpus_bank.json`, beside this file: names, topics, sentences); the choice of templates, names and figures depends
only on N and the seed (one random.Random, no clock, no hash()), so the same N
and seed give byte-identical trees. Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

TAXONOMY = Path(__file__).resolve().parent.parent / "taxonomy.yml"

FIRST_YEAR = 2017
YEARS = 10
DRAFT_PUBLISHED = "2099-12-15"

FR_MIN, FR_MAX = 400, 770        # words of a French practice body
KO_MIN, KO_MAX = 250, 450        # eojeol of a Korean practice body
EDITO_MIN, EDITO_MAX = 120, 200  # words (eojeol) of an edito, in each language

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# -- small helpers ------------------------------------------------------------------

def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_str(v) for v in values) + "]"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def de(phrase: str) -> str:
    """"la ville" -> "de la ville", "le comté" -> "du comté", "les x" -> "des x"."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def a(phrase: str) -> str:
    """"la ville" -> "à la ville", "le comté" -> "au comté"."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


_VOWELS = "aeiouyàâäéèêëîïôöûùüœh"


def de_name(name: str) -> str:
    """"de Lyon", "d’Orléans", "de Yuseong" (a Korean initial y is a consonant)."""
    return ("d’" if name[:1].lower() in "aeiouàâéèêîôûœ" else "de ") + name


def article(gender: str, noun: str, definite: bool) -> str:
    if definite:
        if noun[:1].lower() in _VOWELS:
            return "l’" + noun
        return ("la " if gender == "f" else "le ") + noun
    return ("une " if gender == "f" else "un ") + noun


def fr_num(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def ko_num(n: int) -> str:
    return f"{n:,}"


def ko_amount(n: int) -> str:
    """450000 -> "45만", 350000000 -> "3억 5천만", 1500 -> "1,500"."""
    if n < 10000:
        return ko_num(n)
    eok, rest = divmod(n, 10 ** 8)
    man, rest = divmod(rest, 10 ** 4)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man // 1000}천만" if man % 1000 == 0 else f"{man:,}만")
    if rest >= 1000:
        parts.append(f"{rest // 1000}천")
    return " ".join(parts)


_JOSA = {
    "은": ("은", "는"), "는": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"),
    "을": ("을", "를"), "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와"),
    "으로": ("으로", "로"), "로": ("으로", "로"), "이며": ("이며", "며"),
    "이다": ("이다", "다"), "이라는": ("이라는", "라는"), "이나": ("이나", "나"),
}


def josa(word: str, particle: str) -> str:
    """The form of a Korean particle that fits the last syllable of `word`."""
    with_coda, without_coda = _JOSA[particle]
    last = ""
    for char in reversed(word):
        if char.isalnum():
            last = char
            break
    if "\uac00" <= last <= "\ud7a3":
        coda = (ord(last) - 0xAC00) % 28
        has, rieul = coda != 0, coda == 8
    elif last.isdigit():
        has, rieul = last in "013678", last in "178"
    else:
        has, rieul = False, False
    if with_coda == "으로":
        return without_coda if (not has or rieul) else with_coda
    return with_coda if has else without_coda


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]+))?\}")


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {key} and {key:particle}; {Key} capitalises; KeyError when a key is absent."""
    def replace(match: re.Match[str]) -> str:
        key, particle = match.group(1), match.group(2)
        if key in values:
            value = values[key]
        else:
            lower = key[:1].lower() + key[1:]
            if lower == key or lower not in values:
                raise KeyError(key)
            value = cap(values[lower])
        return value + josa(value, particle) if particle else value
    return _FIELD.sub(replace, template)


# A whitespace-separated token with at least one letter or digit ("##", "-", ":" are not words).
_WORD = re.compile(r"[^\s\w]*\w\S*")


def count_words(text: str) -> int:
    """Words of a French text, eojeol of a Korean one."""
    return len(_WORD.findall(text))


def hangul(text: str) -> int:
    return sum(1 for char in text if "\uac00" <= char <= "\ud7a3")


# -- the taxonomy -----------------------------------------------------------------

def read_taxonomy(text: str) -> dict[str, dict[str, dict[str, str]]]:
    """The two levels of taxonomy.yml that matter here: {section: {key: {fr, ko}}}."""
    result: dict[str, dict[str, dict[str, str]]] = {}
    section = key = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        name, _, rest = line.strip().partition(":")
        if indent == 0:
            section, key = name, None
            result[section] = {}
        elif indent == 2 and section is not None:
            key = name
            result[section][key] = {}
        elif indent == 4 and section is not None and key is not None and name in ("fr", "ko"):
            result[section][key][name] = rest.strip().strip('"')
    return result


# -- the bank of names and sentences (bench/corpus_bank.json) ---------------------

def _tuples(value):
    """The bank as the generator reads it: pairs and other lists of plain values as tuples."""
    if isinstance(value, list):
        items = [_tuples(v) for v in value]
        return tuple(items) if all(not isinstance(v, (list, tuple, dict)) for v in value) else items
    if isinstance(value, dict):
        return {key: _tuples(v) for key, v in value.items()}
    return value


BANK = {name: _tuples(value) for name, value in json.loads(
    (Path(__file__).resolve().parent / "corpus_bank.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")}
FR_COMMUNES, FR_METROPOLES, FR_TERRITORIES = BANK["FR_COMMUNES"], BANK["FR_METROPOLES"], BANK["FR_TERRITORIES"]
KR_COMMUNES, KR_DISTRICTS = BANK["KR_COMMUNES"], BANK["KR_DISTRICTS"]
KR_METROPOLES, KR_PROVINCES = BANK["KR_METROPOLES"], BANK["KR_PROVINCES"]
POPULATION, STATUS_POPULATION = BANK["POPULATION"], BANK["STATUS_POPULATION"]
TOPICS, GENERIC_TOPIC = BANK["TOPICS"], BANK["GENERIC_TOPIC"]
SERVICES, GENERIC_SERVICE = BANK["SERVICES"], BANK["GENERIC_SERVICE"]
GOALS, THEME_GOALS, MONTHS_FR = BANK["GOALS"], BANK["THEME_GOALS"], BANK["MONTHS_FR"]
TITLES, SUMMARY_FIRST, SUMMARY_SECOND = BANK["TITLES"], BANK["SUMMARY_FIRST"], BANK["SUMMARY_SECOND"]
HEADINGS, SECTION_ORDER = BANK["HEADINGS"], BANK["SECTION_ORDER"]
SENTENCES, GENERIC_SENTENCES = BANK["SENTENCES"], BANK["GENERIC_SENTENCES"]
THEME_SENTENCES, LISTS, LINK_TITLES = BANK["THEME_SENTENCES"], BANK["LISTS"], BANK["LINK_TITLES"]
EDITO_OPENINGS, EDITO_MIDDLE, EDITO_CLOSINGS = (BANK["EDITO_OPENINGS"], BANK["EDITO_MIDDLE"],
                                                BANK["EDITO_CLOSINGS"])


# -- collectivities ---------------------------------------------------------------


def _collectivity(country: str, kind: str, slug: str, fr_coll: str, ko_coll: str,
                  fr_subj: str, fr_short: str, fr_loc: str, ko_short: str,
                  band: str | None) -> dict[str, str | None]:
    return {"country": country, "kind": kind, "slug": slug, "fr_coll": fr_coll,
            "ko_coll": ko_coll, "fr_subj": fr_subj, "fr_short": fr_short, "fr_loc": fr_loc,
            "ko_short": ko_short, "band": band}


def collectivities() -> dict[tuple[str, str], list[dict[str, str | None]]]:
    """(country, kind) -> collectivities; kind is a band name or a status size key."""
    table: dict[tuple[str, str], list[dict[str, str | None]]] = {}
    for band, names in FR_COMMUNES.items():
        table[("FR", band)] = [
            _collectivity("FR", band, slugify(fr), "Ville " + de_name(fr), ko + "시",
                          "la ville " + de_name(fr), "la ville", "à " + fr, "시", band)
            for fr, ko in names]
    table[("FR", "metropole")] = [
        _collectivity("FR", "metropole", "metropole-" + slugify(fr), "Métropole " + de_name(fr),
                      ko + " 메트로폴", "la métropole " + de_name(fr), "la métropole",
                      "dans la métropole " + de_name(fr), "메트로폴", None)
        for fr, ko in FR_METROPOLES]
    table[("FR", "departement-region")] = [
        _collectivity("FR", "departement-region", slug, fr, ko, cap_lower(fr),
                      "la région" if fr.startswith("Région") else "le département", where,
                      "레지옹" if fr.startswith("Région") else "데파르트망", None)
        for fr, ko, where, slug in FR_TERRITORIES]
    for band, names in KR_COMMUNES.items():
        rows = []
        for fr, ko, suffix in names:
            if suffix == "시":
                rows.append(_collectivity("KR", band, slugify(fr), "Ville " + de_name(fr), ko + "시",
                                          "la ville " + de_name(fr), "la ville", "à " + fr,
                                          "시", band))
            else:
                rows.append(_collectivity("KR", band, slugify(fr), "Comté " + de_name(fr),
                                          ko + "군", "le comté " + de_name(fr), "le comté",
                                          "dans le comté " + de_name(fr), "군", band))
        table[("KR", band)] = rows
    table[("KR", "grande")] += [
        _collectivity("KR", "grande", slugify(city + "-" + fr),
                      f"Arrondissement {de_name(fr)} ({city})", f"{ko_city} {ko}",
                      "l’arrondissement " + de_name(fr), "l’arrondissement",
                      "dans l’arrondissement " + de_name(fr), "구", "grande")
        for fr, ko, city, ko_city in KR_DISTRICTS]
    table[("KR", "metropole")] = [
        _collectivity("KR", "metropole", slug, fr, ko, cap_lower(fr),
                      "la ville" if fr.startswith("Ville de ") else "la métropole",
                      "à " + fr.rsplit(" ", 1)[-1].removeprefix("d’"), "시", None)
        for fr, ko, slug in KR_METROPOLES]
    table[("KR", "departement-region")] = [
        _collectivity("KR", "departement-region", slug, fr, ko, cap_lower(fr), "la province",
                      "dans " + cap_lower(fr), "도", None)
        for fr, ko, slug in KR_PROVINCES]
    return table


def cap_lower(name: str) -> str:
    """"Département de la Gironde" -> "le département de la Gironde"."""
    lowered = name[:1].lower() + name[1:]
    feminine = lowered.startswith(("région", "ville", "province", "métropole"))
    return ("la " if feminine else "le ") + lowered


# -- generation -------------------------------------------------------------------

def edition_ids() -> list[str]:
    return [f"{year}-s{half}" for year in range(FIRST_YEAR, FIRST_YEAR + YEARS) for half in (1, 2)]


def published(edition: str, last: bool) -> str:
    if last:
        return DRAFT_PUBLISHED
    year, half = edition.split("-s")
    return f"{year}-07-04" if half == "1" else f"{year}-12-15"


def practice_date(rng: random.Random, edition: str) -> dt.date:
    year, half = int(edition[:4]), edition[-1]
    if half == "1":
        start, end = dt.date(year - 1, 7, 1), dt.date(year, 6, 30)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year, 11, 30)
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def money(rng: random.Random, country: str, low: int, high: int) -> tuple[str, str]:
    """A rounded amount between low and high euros (or its order of magnitude in won)."""
    if country == "FR":
        step = 5000 if high > 100000 else 1000 if high > 5000 else 50 if high > 1000 else 5
        value = max(step, rng.randint(low // step, high // step) * step)
        return f"{fr_num(value)} euros", ko_amount(value) + (" 유로" if value >= 10000 else "유로")
    won = rng.randint(low // 10, high // 10) * 10 * 1500  # roughly the exchange rate
    step = 10 ** 7 if won >= 10 ** 8 else (10 ** 5 if won >= 10 ** 6 else 10 ** 4)
    won = max(step, round(won / step) * step)
    if won >= 10 ** 8:
        fr = f"{fr_num(won // 10 ** 6)} millions de wons"
    else:
        fr = f"{fr_num(won)} wons"
    return fr, ko_amount(won) + " 원"


def values_for(rng: random.Random, coll: dict, topic: tuple, partner: dict | None,
               service: tuple, year: int, pop: int, goal: tuple[str, str]) -> tuple[dict, dict]:
    """The placeholders of the templates, in French and in Korean."""
    slug, gender, noun, ko_topic = topic
    other_fr = coll["country"] == "FR"
    n = rng.randint(12, 480) * 10
    n3 = rng.randint(15, 250) * 10
    k = rng.randint(3, 15)
    nums = {
        "year": str(year), "year0": str(year - 1), "year1": str(year + 1),
        "m": str(rng.randint(3, 18)), "staff": str(rng.randint(2, 12)),
        "sessions": str(rng.randint(12, 140)), "quartiers": str(rng.randint(2, 9)),
        "pct": str(rng.randint(12, 48)), "pct2": str(rng.randint(72, 97)),
        "k": str(k), "k0": str(rng.randint(1, k - 1)), "ratio": str(rng.randint(3, 6)),
        "jobs": str(rng.randint(2, 25)),
    }
    nums["n3"] = fr_num(n3)
    month = rng.randint(1, 12)
    budget = money(rng, coll["country"], 20000, 2500000)
    budget2 = money(rng, coll["country"], 5000, 90000)
    grant = money(rng, coll["country"], 200, 3000)
    unit = money(rng, coll["country"], 15, 400)
    fr = dict(nums)
    fr.update({
        "subj": coll["fr_subj"], "le": coll["fr_short"], "du": de(coll["fr_short"]),
        "au": a(coll["fr_short"]), "loc": coll["fr_loc"],
        "topic": article(gender, noun, True), "un_topic": article(gender, noun, False),
        "du_topic": de(article(gender, noun, True)), "e": "e" if gender == "f" else "",
        "partner": partner["fr_subj"] if partner else "le tissu associatif local",
        "service": service[1], "au_service": a(service[1]), "month": MONTHS_FR[month - 1],
        "n": fr_num(n), "n2": fr_num(rng.randint(8, 160)), "pop": fr_num(pop),
        "budget": budget[0], "budget2": budget2[0], "grant": grant[0], "unit": unit[0],
        "other_adj": "coréennes" if other_fr else "françaises",
        "other_adjm": "coréens" if other_fr else "français",
        "from_other": "de Corée" if other_fr else "de France",
        "other_lang": "le coréen" if other_fr else "le français",
        "goal": goal[0], "de_goal": de_name(goal[0]),
    })
    ko = dict(nums)
    ko.update({
        "name": coll["ko_coll"], "short": coll["ko_short"], "topic": ko_topic,
        "partner": partner["ko_coll"] if partner else "지역 시민단체",
        "service": service[2], "month": f"{month}월",
        "n": ko_num(n), "n3": ko_num(n3), "n2": ko_num(int(fr["n2"].replace(" ", ""))), "pop": ko_num(pop),
        "budget": budget[1], "budget2": budget2[1], "grant": grant[1], "unit": unit[1],
        "other_ko": "한국" if other_fr else "프랑스",
        "other_lang": "한국어" if other_fr else "프랑스어",
        "goal": goal[1], "goalnoun": goal[1].removesuffix("기") + "는 일",
    })
    if partner:
        fr["partner_city"] = partner["fr_subj"]
        ko["partner_city"] = partner["ko_coll"]
    return fr, ko


def fill_pair(pair: tuple[str, str], fr: dict, ko: dict) -> tuple[str, str] | None:
    try:
        return fill(pair[0], fr), fill(pair[1], ko)
    except KeyError:
        return None


class Body:
    """Sections of parallel French and Korean text, with running word counts.

    A section holds its sentences with their rank in the template bank, so that
    they are rendered in a sensible order (a context opens with the
    collectivity, results start with the first year...), whatever the order
    they were drawn in.
    """

    def __init__(self) -> None:
        # (heading, [(rank, sentence)], list block or None, paragraph lengths)
        self.sections: list[list] = []
        self.fr = self.ko = 0

    @staticmethod
    def count(pair: tuple[str, str]) -> tuple[int, int]:
        return count_words(pair[0]), count_words(pair[1])

    def add_counts(self, pair: tuple[str, str]) -> None:
        fr, ko = self.count(pair)
        self.fr += fr
        self.ko += ko

    def render(self) -> tuple[str, str]:
        out: tuple[list[str], list[str]] = ([], [])
        for heading, sentences, listing, lengths in self.sections:
            for lang in (0, 1):
                out[lang].append(f"## {heading[lang]}")
            ordered = [pair for _rank, pair in sorted(sentences, key=lambda item: item[0])]
            paragraphs = []
            for length in lengths:
                if not ordered:
                    break
                paragraphs.append(ordered[:length])
                ordered = ordered[length:]
            if ordered:
                paragraphs.append(ordered)
            for number, paragraph in enumerate(paragraphs):
                for lang in (0, 1):
                    out[lang].append(" ".join(pair[lang] for pair in paragraph))
                if number == 0 and listing:
                    intro, items = listing
                    out[0].append(intro[0])
                    out[1].append(intro[1])
                    out[0].append("\n".join(
                        f"- {item[0]}{' ;' if i < len(items) - 1 else '.'}"
                        for i, item in enumerate(items)))
                    out[1].append("\n".join(
                        f"- {item[1]}{'.' if item[1].endswith('다') else ''}" for item in items))
        return "\n\n".join(out[0]) + "\n", "\n\n".join(out[1]) + "\n"


def make_body(rng: random.Random, fr: dict, ko: dict, themes: list[str]) -> tuple[str, str]:
    for _attempt in range(40):
        body = _try_body(rng, fr, ko, themes)
        if body is not None:
            return body
    raise RuntimeError("could not assemble a body within the word limits")


def _try_body(rng: random.Random, fr: dict, ko: dict,
              themes: list[str]) -> tuple[str, str] | None:
    count = rng.choice((2, 3, 3, 4, 4))
    chosen = ["context"] + rng.sample(SECTION_ORDER[1:], count - 1)
    if "implementation" not in chosen and "results" not in chosen:
        chosen[-1] = rng.choice(("implementation", "results"))
    chosen.sort(key=SECTION_ORDER.index)

    # (rank, template): the section's own templates first, in bank order; the
    # theme's context sentences right after the opening one; generic ones last.
    pools: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    for name in chosen:
        pool = [(float(rank), pair) for rank, pair in enumerate(SENTENCES[name])]
        if name == "context":
            pool += [(2.5, pair) for theme in themes for pair in THEME_SENTENCES.get(theme, [])]
        rng.shuffle(pool)
        pools[name] = pool
    generic = [(100.0 + rank, pair) for rank, pair in enumerate(GENERIC_SENTENCES)]
    rng.shuffle(generic)

    def next_sentence(name: str) -> tuple[float, tuple[str, str]] | None:
        for pool in (pools[name], generic):
            while pool:
                rank, template = pool.pop()
                filled = fill_pair(template, fr, ko)
                if filled is not None:
                    return rank, filled
        return None

    body = Body()
    for name in chosen:
        heading = rng.choice(HEADINGS[name])
        body.add_counts(heading)
        sentences = [s for s in (next_sentence(name), next_sentence(name)) if s]
        for _rank, sentence in sentences:
            body.add_counts(sentence)
        listing = None
        if name in LISTS and rng.random() < 0.7:
            intros, items = LISTS[name]
            intro = fill_pair(rng.choice(intros), fr, ko)
            picked = [p for p in (fill_pair(item, fr, ko) for item in
                                  rng.sample(items, min(len(items), rng.randint(3, 5)))) if p]
            if intro and picked:
                body.add_counts(intro)
                for item in picked:
                    body.add_counts(item)
                listing = (intro, picked)
        lengths = [rng.randint(2, 5) for _ in range(12)]
        body.sections.append([heading, sentences, listing, lengths])

    target = rng.randint(FR_MIN + 30, FR_MAX - 30)
    misses = 0
    while (body.fr < target or body.ko < KO_MIN + 5) and misses < 12:
        index = rng.randrange(len(chosen))
        drawn = next_sentence(chosen[index])
        if drawn is None:
            break
        fr_words, ko_words = body.count(drawn[1])
        if body.fr + fr_words > FR_MAX or body.ko + ko_words > KO_MAX:
            misses += 1
            continue
        body.fr += fr_words
        body.ko += ko_words
        body.sections[index][1].append(drawn)

    fr_text, ko_text = body.render()
    if not (FR_MIN <= count_words(fr_text) <= FR_MAX and KO_MIN <= count_words(ko_text) <= KO_MAX):
        return None
    return fr_text, ko_text


def front_matter(fields: list[tuple[str, object]]) -> str:
    lines = ["---"]
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, (int, dt.date)):  # dates unquoted, as editors write them
            lines.append(f"{key}: {value}")
        elif isinstance(value, str):
            lines.append(f"{key}: {yaml_str(value)}")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            lines.append(f"{key}: {yaml_list(value)}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {yaml_str(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for entry in value:
                first = True
                for k, v in entry.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {yaml_str(v)}")
                    first = False
        else:  # pragma: no cover
            raise TypeError(key)
    lines.append("---")
    return "\n".join(lines) + "\n"


def pick_collectivity(rng: random.Random, table: dict, country: str, statuses: bool) -> dict:
    roll = rng.random()
    if statuses and roll < 0.20:
        kind = "metropole" if roll < 0.10 else "departement-region"
    else:
        kind = rng.choices(("petite", "moyenne", "grande"), weights=(25, 35, 40))[0]
    return rng.choice(table[(country, kind)])


def make_practice(rng: random.Random, index: int, edition: str, table: dict,
                  theme_keys: list[str], statuses: bool) -> tuple[str, dict[str, str], dict]:
    korean_source = rng.random() < 0.25
    country = "KR" if korean_source else "FR"
    coll = pick_collectivity(rng, table, country, statuses)
    kind = coll["kind"]
    if kind in POPULATION:
        low, high = POPULATION[kind]
        pop = rng.randint(low, high)
        pop = pop - pop % (100 if pop >= 10000 else 10)
        population, size = pop, None
    else:
        low, high = STATUS_POPULATION[kind]
        pop = rng.randint(low // 1000, high // 1000) * 1000
        population, size = None, kind

    themes = rng.sample(theme_keys, rng.choices((1, 2, 3), weights=(35, 45, 20))[0])
    topic = rng.choice(TOPICS.get(themes[0], [GENERIC_TOPIC]))
    service = SERVICES.get(themes[0], GENERIC_SERVICE)
    date = practice_date(rng, edition)
    goal = rng.choice(GOALS)
    if themes[0] in THEME_GOALS and rng.random() < 0.6:
        goal = THEME_GOALS[themes[0]]

    partners: list[dict] = []
    for _ in range(rng.choices((0, 1, 2), weights=(40, 40, 20))[0]):
        other = "FR" if (country == "KR") == (rng.random() < 0.75) else "KR"
        candidate = rng.choice(table[(other, rng.choice(("moyenne", "grande", "metropole")))])
        if candidate["slug"] != coll["slug"] and candidate not in partners:
            partners.append(candidate)

    fr, ko = values_for(rng, coll, topic, partners[0] if partners else None, service,
                        date.year, pop, goal)
    title = fill_pair(rng.choice(TITLES), fr, ko)
    first = fill_pair(rng.choice(SUMMARY_FIRST), fr, ko)
    second = None
    if rng.random() < 0.6:
        second = fill_pair(rng.choice(SUMMARY_SECOND), fr, ko)
    summary = (first[0] + (" " + second[0] if second else ""),
               first[1] + (" " + second[1] if second else ""))
    body_fr, body_ko = make_body(rng, fr, ko, themes)

    contact = None
    if rng.random() < 0.5:
        name = service[0] if country == "FR" else f"{coll['ko_coll']} {service[2]}"
        contact = {"name": name,
                   "email": f"{service[3]}.{coll['slug']}@example.org",
                   "url": f"https://www.example.org/{coll['slug']}/{topic[0]}"}
    links = None
    if rng.random() < 0.3:
        links = []
        for entry in rng.sample(LINK_TITLES, rng.randint(1, 2)):
            text = entry[0] if country == "FR" else entry[1]
            links.append({"title": text.format(year=date.year),
                          "url": f"https://www.example.org/{coll['slug']}/{topic[0]}/"
                                 f"{entry[2].format(year=date.year)}"})

    slug = f"{coll['slug']}-{topic[0]}-{index + 1}"
    assert SLUG.match(slug), slug
    structural: list[tuple[str, object]] = [
        ("country", country), ("population", population), ("size", size),
        ("themes", themes), ("edition", edition), ("date", date),
        ("contact", contact), ("links", links)]
    words = {"fr": [("title", title[0]), ("summary", summary[0]),
                    ("collectivity", coll["fr_coll"]),
                    ("partners", [p["fr_coll"] for p in partners] or None)],
             "ko": [("title", title[1]), ("summary", summary[1]),
                    ("collectivity", coll["ko_coll"]),
                    ("partners", [p["ko_coll"] for p in partners] or None)]}
    files: dict[str, str] = {}
    missing = rng.random() < 0.08
    if korean_source:
        files["ko.md"] = front_matter([("source", "ko")] + words["ko"] + structural) + "\n" + body_ko
        if not missing:
            files["fr.md"] = front_matter(words["fr"]) + "\n" + body_fr
    else:
        files["fr.md"] = front_matter(words["fr"] + structural) + "\n" + body_fr
        if not missing:
            files["ko.md"] = front_matter(words["ko"]) + "\n" + body_ko
    summary_info = {"edition": edition, "fr_subj": coll["fr_subj"], "ko_coll": coll["ko_coll"],
                    "themes": themes, "fr_words": count_words(body_fr),
                    "ko_words": count_words(body_ko)}
    return slug, files, summary_info


def make_edito(rng: random.Random, edition: str, practices: list[dict],
               taxonomy: dict) -> tuple[str, str]:
    year, half = edition.split("-s")
    values_fr = {"year": year, "half": "premier" if half == "1" else "second"}
    values_ko = {"year": year, "half_ko": "상반기" if half == "1" else "하반기"}
    if practices:
        values_fr["count"] = values_ko["count"] = str(len(practices))
        seen: list[dict] = []
        for practice in practices:
            if practice["fr_subj"] not in [p["fr_subj"] for p in seen]:
                seen.append(practice)
        names = rng.sample(seen, min(3, len(seen)))
        fr_names = [de(p["fr_subj"]) for p in names]
        values_fr["names_fr"] = (", ".join(fr_names[:-1]) + " et " + fr_names[-1]
                                 if len(fr_names) > 1 else fr_names[0])
        values_ko["names_ko"] = ", ".join(p["ko_coll"] for p in names)
        themes = sorted({t for p in practices for t in p["themes"]})
        labels = taxonomy.get("themes", {})
        if len(themes) >= 2 and all(t in labels for t in themes):
            first, last = rng.sample(themes, 2)
            values_fr["theme_a"], values_fr["theme_b"] = labels[first]["fr"], labels[last]["fr"]
            values_ko["theme_a_ko"], values_ko["theme_b_ko"] = labels[first]["ko"], labels[last]["ko"]
    best: tuple[int, tuple[str, str]] | None = None
    for _attempt in range(200):
        paragraphs = []
        for pool, low, high in ((EDITO_OPENINGS, 1, 3), (EDITO_MIDDLE, 2, 4),
                                (EDITO_CLOSINGS, 1, 3)):
            # in the bank's order: a greeting first, "Dans ce numéro" before its comments
            indexes = sorted(rng.sample(range(len(pool)), rng.randint(low, high)))
            picked = [fill_pair(pool[i], values_fr, values_ko) for i in indexes]
            paragraphs.append([p for p in picked if p])
        fr_text = "\n\n".join(" ".join(s[0] for s in para) for para in paragraphs if para) + "\n"
        ko_text = "\n\n".join(" ".join(s[1] for s in para) for para in paragraphs if para) + "\n"
        fr_words, ko_words = count_words(fr_text), count_words(ko_text)
        miss = (max(0, EDITO_MIN - fr_words) + max(0, fr_words - EDITO_MAX) +
                max(0, EDITO_MIN - ko_words) + max(0, ko_words - EDITO_MAX))
        if best is None or miss < best[0]:
            best = (miss, (fr_text, ko_text))
        if miss == 0:
            break
    assert best is not None
    return best[1]


def generate(out: Path, n: int, seed: int) -> dict[str, int]:
    taxonomy_text = TAXONOMY.read_bytes()
    taxonomy = read_taxonomy(taxonomy_text.decode("utf-8"))
    theme_keys = list(taxonomy.get("themes", {})) or list(TOPICS)
    sizes = taxonomy.get("sizes", {})
    statuses = "metropole" in sizes and "departement-region" in sizes
    table = collectivities()
    rng = random.Random(seed)
    editions = edition_ids()

    written: dict[str, str] = {}
    infos: list[dict] = []
    for index in range(n):
        edition = editions[index * len(editions) // n]
        slug, files, info = make_practice(rng, index, edition, table, theme_keys, statuses)
        infos.append(info)
        for name, text in files.items():
            written[f"practices/{slug}/{name}"] = text
    for position, edition in enumerate(editions):
        last = position == len(editions) - 1
        year, half = edition.split("-s")
        fr_title = f"Lettre des bonnes pratiques — {'1er' if half == '1' else '2e'} semestre {year}"
        ko_title = f"우수사례 뉴스레터 — {year}년 {'상반기' if half == '1' else '하반기'}호"
        date = published(edition, last)
        fr_body, ko_body = make_edito(rng, edition, [i for i in infos if i["edition"] == edition],
                                      taxonomy)
        written[f"editions/{edition}/fr.md"] = (
            front_matter([("title", fr_title), ("published", dt.date.fromisoformat(date))]) + "\n" + fr_body)
        written[f"editions/{edition}/ko.md"] = (
            front_matter([("title", ko_title), ("published", dt.date.fromisoformat(date))]) + "\n" + ko_body)

    out.mkdir(parents=True, exist_ok=True)
    (out / "taxonomy.yml").write_bytes(taxonomy_text)
    korean = hangul(taxonomy_text.decode("utf-8"))
    folders: set[str] = set()
    for path in sorted(written):
        target = out / path
        if path.rpartition("/")[0] not in folders:
            folders.add(path.rpartition("/")[0])
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(written[path].encode("utf-8"))
        korean += hangul(written[path])
    stats = {"practices": n, "editions": len(editions), "files": len(written) + 1,
             "korean": korean}
    if infos:
        stats.update(fr_min=min(i["fr_words"] for i in infos),
                     fr_max=max(i["fr_words"] for i in infos),
                     ko_min=min(i["ko_words"] for i in infos),
                     ko_max=max(i["ko_words"] for i in infos))
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_corpus.py",
        description="Write a deterministic synthetic content tree (practices, editions, "
                    "taxonomy.yml) for benchmarking the newsletter builder.")
    parser.add_argument("out", type=Path, metavar="OUT",
                        help="output folder (must not exist, or be empty)")
    parser.add_argument("n", type=int, metavar="N", help="number of practices")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    arguments = parser.parse_args(argv)
    if arguments.n < 0:
        parser.error("N must be zero or more")
    out: Path = arguments.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"make_corpus.py: {out} exists and is not an empty folder; refusing to write "
              "into it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    stats = generate(out, arguments.n, arguments.seed)
    seconds = time.perf_counter() - started
    sizes = ""
    if "fr_min" in stats:
        sizes = (f", French bodies {stats['fr_min']}-{stats['fr_max']} words, Korean bodies "
                 f"{stats['ko_min']}-{stats['ko_max']} eojeol")
    print(f"make_corpus: {stats['practices']} practices, {stats['editions']} editions, "
          f"{stats['files']} files, {stats['korean']} Korean characters{sizes}, "
          f"{seconds:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

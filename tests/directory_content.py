"""A content tree with a directory of collectivities, owned by the tests (issue 12):
tests/corpus/base plus collectivity types, two more themes, five collectivities, a
federation office and a few practices chosen for the matching.

    tours (FR, commune, 137 000)        partner of suwon since 2019; has a practice
    paris-15 (FR, arrondissement)       partner of seocho since 2008; no practice
    lyon (FR, commune, 520 000)         has the renewable-energy practice "lyon-solaire"
    seocho (KR, gu, 415 000)            has a practice (seocho-film)
    gumi (KR, si, 410 000)              interested in renewable energy and digital; no practice
    suwon (KR, si, 1 190 000)           no practice

Practices of France on renewable energy: lyon-solaire (grande ville, 2026-s1),
belvallon-solaire (petite ville, 2026-s1), nantes-brouillon (grande ville, in the draft
edition 2099-s1). tours-marathon is on sport and digital.
"""
from __future__ import annotations

import shutil
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

TYPES = """
  energies-renouvelables: {fr: Énergies renouvelables, ko: 재생에너지}
  environnement: {fr: Environnement, ko: 환경}
"""

COLLECTIVITY_TYPES = """
collectivity_types:
  commune: {fr: Commune, ko: 코뮌, country: FR}
  arrondissement: {fr: Arrondissement municipal, ko: 아롱디스망, country: FR}
  region: {fr: Région, ko: 레지옹, country: FR, size: departement-region}
  si: {fr: Ville (si), ko: 시, country: KR}
  gu: {fr: Arrondissement autonome (gu), ko: 자치구, country: KR}
"""

COLLECTIVITIES = {
    "tours": """\
names:
  fr: Ville de Tours
  ko: 투르시
country: FR
type: commune
population: 137000
coordinates: {lat: 47.3941, lon: 0.6848}
partnerships:
  suwon: 2019
interests: [culture, sante]
contact:
  name: Direction des relations internationales
  names:
    ko: 국제관계 담당 부서
  email: international@tours.example.org
""",
    "paris-15": """\
names:
  fr: Mairie du 15e arrondissement de Paris
  ko: 파리 15구
country: FR
type: arrondissement
population: 233000
coordinates:
  lat: 48.8412
  lon: 2.3003
partnerships:
  seocho: 2008
interests: [sante]
""",
    "lyon": """\
names:
  fr: Ville de Lyon
  ko: 리옹시
country: FR
type: commune
population: 520000
coordinates: {lat: 45.7640, lon: 4.8357}
interests: [numerique]
""",
    "seocho": """\
names:
  fr: Arrondissement de Seocho (Séoul)
  ko: 서울특별시 서초구
country: KR
type: gu
population: 415000
coordinates: {lat: 37.4837, lon: 127.0324}
interests: [sport, energies-renouvelables]
""",
    "gumi": """\
names:
  fr: Ville de Gumi
  ko: 구미시
country: KR
type: si
population: 410000
coordinates: {lat: 36.1195, lon: 128.3446}
interests: [energies-renouvelables, numerique]
contact:
  name: 구미시 국제교류 담당 부서
  email: international@gumi.example.org
""",
    "suwon": """\
names:
  fr: Ville de Suwon
  ko: 수원시
country: KR
type: si
population: 1190000
coordinates: {lat: 37.2636, lon: 127.0286}
partnerships:
  tours: 2019
interests: [sport]
""",
}

FEDERATION = """\
# The older form: one office for both sides.
publishers:
  - names: {fr: Fédération d’essai, ko: 시험 연합}
    address: 1 place de l’Essai, 37000 Tours, France
office:
  names:
    fr: Secrétariat de la fédération
    ko: 연합 사무국
  email: bureau@federation.example.org
"""

DRAFT_EDITION = """\
---
title: Lettre des bonnes pratiques — 1er semestre 2099
published: 2099-01-10
---

Édito à venir.
"""


def practice(title: str, collectivity: str, key: str | None, population: int, themes: str,
             edition: str = "2026-s1", date: str = "2021-03-01", contact: str = "") -> str:
    own = f"collectivity_key: {key}\n" if key else ""
    return f"""\
---
title: {title}
summary: Un résumé de la pratique.
collectivity: {collectivity}
country: FR
{own}population: {population}
themes: {themes}
edition: {edition}
date: {date}
{contact}---

Texte.
"""


PRACTICES = {
    "lyon-solaire": practice("Du solaire sur les écoles", "Ville de Lyon", "lyon", 520000,
                             "[energies-renouvelables, environnement]", date="2021-02-01",
                             contact="contact:\n  url: https://www.example.org/lyon-solaire\n"),
    "belvallon-solaire": practice("Un toit solaire communal", "Commune de Belvallon", None,
                                  8400, "[energies-renouvelables]", date="2021-06-01"),
    "nantes-brouillon": practice("Un parc éolien citoyen", "Ville de Nantes", None, 300000,
                                 "[energies-renouvelables, numerique]", edition="2099-s1"),
}


def make_directory_tree(target: Path) -> Path:
    """tests/corpus/base with the directory (see the module's docstring)."""
    shutil.copytree(CORPUS / "base", target)
    taxonomy = (target / "taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = taxonomy.replace("sizes:\n", TYPES.lstrip("\n") + "sizes:\n", 1)
    (target / "taxonomy.yml").write_text(taxonomy + COLLECTIVITY_TYPES, encoding="utf-8")
    (target / "collectivities").mkdir()
    for key, text in COLLECTIVITIES.items():
        (target / "collectivities" / f"{key}.yml").write_text(text, encoding="utf-8")
    (target / "federation.yml").write_text(FEDERATION, encoding="utf-8")
    edit(target / "practices/tours-marathon/fr.md", "country: FR\n",
         "country: FR\ncollectivity_key: tours\npartner_keys: [suwon]\n")
    edit(target / "practices/seocho-film/ko.md", "country: KR\n",
         "country: KR\ncollectivity_key: seocho\npartner_keys: [paris-15]\n")
    (target / "editions/2099-s1").mkdir()
    (target / "editions/2099-s1/fr.md").write_text(DRAFT_EDITION, encoding="utf-8")
    (target / "editions/2099-s1/ko.md").write_text(
        DRAFT_EDITION.replace("Lettre des bonnes pratiques — 1er semestre 2099",
                              "우수사례 뉴스레터 — 2099년 상반기호"), encoding="utf-8")
    for slug, text in PRACTICES.items():
        (target / "practices" / slug).mkdir()
        (target / "practices" / slug / "fr.md").write_text(text, encoding="utf-8")
    return target


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")

#!/usr/bin/env python3
"""Deterministic synthetic content for benchmarking the newsletter builder.

    python bench/make_corpus.py OUT N [--seed S]

Writes, into OUT (which must not exist or be empty), a content tree in the layout
of the content contract: taxonomy.yml (a copy of the project's), 20 editions
(2017-s1 ... 2026-s2, the last one a draft) and N practices in French and
Korean, spread evenly over the editions.

Texts are assembled from a bank of parallel French/Korean sentence templates about
local-government practices; the choice of templates, names and figures depends
only on N and the seed (one random.Random, no clock, no hash()), so the same N
and seed give byte-identical trees. Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
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


# -- collectivities ---------------------------------------------------------------

# (French name, Korean name); the band gives the population range.
FR_COMMUNES = {
    "grande": [
        ("Tours", "투르"), ("Lyon", "리옹"), ("Nantes", "낭트"), ("Bordeaux", "보르도"),
        ("Lille", "릴"), ("Strasbourg", "스트라스부르"), ("Montpellier", "몽펠리에"),
        ("Rennes", "렌"), ("Grenoble", "그르노블"), ("Dijon", "디종"), ("Angers", "앙제"),
        ("Nancy", "낭시"), ("Metz", "메스"), ("Rouen", "루앙"), ("Brest", "브레스트"),
        ("Toulouse", "툴루즈"), ("Marseille", "마르세유"), ("Nice", "니스"),
        ("Amiens", "아미앵"), ("Limoges", "리모주"), ("Clermont-Ferrand", "클레르몽페랑"),
        ("Orléans", "오를레앙"), ("Besançon", "브장송"), ("Perpignan", "페르피냥"),
        ("Caen", "캉"), ("Nîmes", "님"), ("Villeurbanne", "빌뢰르반"), ("Annecy", "안시"),
    ],
    "moyenne": [
        ("Poitiers", "푸아티에"), ("Issy-les-Moulineaux", "이시레물리노"),
        ("La Rochelle", "라로셸"), ("Colmar", "콜마르"), ("Chambéry", "샹베리"),
        ("Vannes", "반"), ("Quimper", "캥페르"), ("Albi", "알비"), ("Valence", "발랑스"),
        ("Saint-Malo", "생말로"), ("Belfort", "벨포르"), ("Troyes", "트루아"),
        ("Avignon", "아비뇽"), ("Bayonne", "바욘"), ("Arles", "아를"),
        ("Cherbourg-en-Cotentin", "셰르부르앙코탕탱"), ("Chartres", "샤르트르"),
        ("Blois", "블루아"), ("Laval", "라발"), ("Lorient", "로리앙"),
        ("Saint-Nazaire", "생나제르"), ("Niort", "니오르"), ("Angoulême", "앙굴렘"),
        ("Millau", "미요"),
    ],
    "petite": [
        ("Amboise", "앙부아즈"), ("Cluny", "클뤼니"), ("Honfleur", "옹플뢰르"),
        ("Obernai", "오베르네"), ("Uzès", "위제스"), ("Collioure", "콜리우르"),
        ("Dinan", "디낭"), ("Loches", "로슈"), ("Figeac", "피자크"),
        ("Sarlat-la-Canéda", "사를라라카네다"), ("Chinon", "시농"), ("Riom", "리옴"),
        ("Paimpol", "팽폴"), ("Guérande", "게랑드"), ("Ribeauvillé", "리보빌레"),
        ("Vitré", "비트레"),
    ],
}
FR_METROPOLES = [
    ("Lyon", "리옹"), ("Bordeaux", "보르도"), ("Lille", "릴"), ("Nantes", "낭트"),
    ("Rennes", "렌"), ("Strasbourg", "스트라스부르"), ("Montpellier", "몽펠리에"),
    ("Grenoble", "그르노블"), ("Toulouse", "툴루즈"), ("Nice", "니스"), ("Rouen", "루앙"),
    ("Brest", "브레스트"), ("Nancy", "낭시"), ("Metz", "메스"), ("Tours", "투르"),
    ("Orléans", "오를레앙"), ("Dijon", "디종"), ("Clermont-Ferrand", "클레르몽페랑"),
    ("Saint-Étienne", "생테티엔"),
]
# (name, Korean name, French "where", slug)
FR_TERRITORIES = [
    ("Département de la Gironde", "지롱드 데파르트망", "en Gironde", "gironde"),
    ("Département du Finistère", "피니스테르 데파르트망", "dans le Finistère", "finistere"),
    ("Département de l’Isère", "이제르 데파르트망", "en Isère", "isere"),
    ("Département de l’Hérault", "에로 데파르트망", "dans l’Hérault", "herault"),
    ("Département du Nord", "노르 데파르트망", "dans le Nord", "nord"),
    ("Département de la Loire-Atlantique", "루아르아틀랑티크 데파르트망", "en Loire-Atlantique",
     "loire-atlantique"),
    ("Département d’Indre-et-Loire", "앵드르에루아르 데파르트망", "en Indre-et-Loire",
     "indre-et-loire"),
    ("Département de la Savoie", "사부아 데파르트망", "en Savoie", "savoie"),
    ("Département du Gard", "가르 데파르트망", "dans le Gard", "gard"),
    ("Département de la Vendée", "방데 데파르트망", "en Vendée", "vendee"),
    ("Département du Morbihan", "모르비앙 데파르트망", "dans le Morbihan", "morbihan"),
    ("Région Bretagne", "브르타뉴 레지옹", "en Bretagne", "bretagne"),
    ("Région Occitanie", "옥시타니 레지옹", "en Occitanie", "occitanie"),
    ("Région Grand Est", "그랑테스트 레지옹", "dans le Grand Est", "grand-est"),
    ("Région Normandie", "노르망디 레지옹", "en Normandie", "normandie"),
    ("Région Centre-Val de Loire", "상트르발드루아르 레지옹", "en Centre-Val de Loire",
     "centre-val-de-loire"),
]

# (romanised name, Korean name without suffix, suffix 시 or 군)
KR_COMMUNES = {
    "grande": [
        ("Suwon", "수원", "시"), ("Changwon", "창원", "시"), ("Goyang", "고양", "시"),
        ("Yongin", "용인", "시"), ("Seongnam", "성남", "시"), ("Cheongju", "청주", "시"),
        ("Jeonju", "전주", "시"), ("Cheonan", "천안", "시"), ("Gimhae", "김해", "시"),
        ("Pohang", "포항", "시"), ("Gumi", "구미", "시"), ("Wonju", "원주", "시"),
        ("Chuncheon", "춘천", "시"), ("Gangneung", "강릉", "시"), ("Gyeongju", "경주", "시"),
        ("Yeosu", "여수", "시"), ("Suncheon", "순천", "시"), ("Mokpo", "목포", "시"),
        ("Andong", "안동", "시"), ("Gunsan", "군산", "시"), ("Iksan", "익산", "시"),
        ("Yangpyeong", "양평", "군"),
    ],
    "moyenne": [
        ("Gongju", "공주", "시"), ("Namwon", "남원", "시"), ("Tongyeong", "통영", "시"),
        ("Jecheon", "제천", "시"), ("Jeongeup", "정읍", "시"), ("Yeongju", "영주", "시"),
        ("Sokcho", "속초", "시"), ("Boryeong", "보령", "시"), ("Gimje", "김제", "시"),
        ("Miryang", "밀양", "시"), ("Damyang", "담양", "군"), ("Hadong", "하동", "군"),
        ("Gochang", "고창", "군"), ("Hongcheon", "홍천", "군"), ("Danyang", "단양", "군"),
    ],
    "petite": [
        ("Ulleung", "울릉", "군"), ("Yeongyang", "영양", "군"), ("Jangsu", "장수", "군"),
        ("Muju", "무주", "군"), ("Yanggu", "양구", "군"), ("Hwacheon", "화천", "군"),
        ("Gurye", "구례", "군"), ("Cheongsong", "청송", "군"),
    ],
}
# (romanised district, Korean district, romanised city, Korean city)
KR_DISTRICTS = [
    ("Yangcheon", "양천구", "Séoul", "서울특별시"), ("Seocho", "서초구", "Séoul", "서울특별시"),
    ("Guro", "구로구", "Séoul", "서울특별시"), ("Mapo", "마포구", "Séoul", "서울특별시"),
    ("Jongno", "종로구", "Séoul", "서울특별시"), ("Seongbuk", "성북구", "Séoul", "서울특별시"),
    ("Nowon", "노원구", "Séoul", "서울특별시"), ("Gangdong", "강동구", "Séoul", "서울특별시"),
    ("Eunpyeong", "은평구", "Séoul", "서울특별시"), ("Gwanak", "관악구", "Séoul", "서울특별시"),
    ("Seongdong", "성동구", "Séoul", "서울특별시"),
    ("Haeundae", "해운대구", "Busan", "부산광역시"), ("Busanjin", "부산진구", "Busan", "부산광역시"),
    ("Suseong", "수성구", "Daegu", "대구광역시"), ("Bupyeong", "부평구", "Incheon", "인천광역시"),
    ("Yuseong", "유성구", "Daejeon", "대전광역시"),
]
# (French name, Korean name, slug)
KR_METROPOLES = [
    ("Ville de Séoul", "서울특별시", "seoul"),
    ("Ville métropolitaine de Busan", "부산광역시", "busan"),
    ("Ville métropolitaine de Daegu", "대구광역시", "daegu"),
    ("Ville métropolitaine d’Incheon", "인천광역시", "incheon"),
    ("Ville métropolitaine de Gwangju", "광주광역시", "gwangju"),
    ("Ville métropolitaine de Daejeon", "대전광역시", "daejeon"),
    ("Ville métropolitaine d’Ulsan", "울산광역시", "ulsan"),
    ("Ville de Sejong", "세종특별자치시", "sejong"),
]
KR_PROVINCES = [
    ("Province du Gyeonggi", "경기도", "gyeonggi"),
    ("Province du Gangwon", "강원특별자치도", "gangwon"),
    ("Province du Chungcheong du Nord", "충청북도", "chungbuk"),
    ("Province du Chungcheong du Sud", "충청남도", "chungnam"),
    ("Province du Jeolla du Sud", "전라남도", "jeonnam"),
    ("Province du Gyeongsang du Nord", "경상북도", "gyeongbuk"),
    ("Province du Gyeongsang du Sud", "경상남도", "gyeongnam"),
    ("Province de Jeju", "제주특별자치도", "jeju"),
]

POPULATION = {"petite": (1800, 19999), "moyenne": (20000, 99999), "grande": (100000, 880000)}
STATUS_POPULATION = {"metropole": (250000, 2900000), "departement-region": (300000, 3400000)}


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


# -- topics, services -------------------------------------------------------------

# theme key -> [(slug, gender, French noun, Korean noun)]
TOPICS = {
    "numerique": [
        ("marathon-numerique", "m", "marathon numérique", "온라인 마라톤"),
        ("guichet-numerique", "m", "guichet numérique unique", "온라인 통합 민원창구"),
        ("mediation-numerique", "f", "médiation numérique de proximité", "찾아가는 디지털 교육"),
        ("donnees-ouvertes", "m", "portail de données ouvertes", "공공데이터 개방 포털"),
        ("capteurs-connectes", "m", "réseau de capteurs connectés", "스마트 센서망"),
    ],
    "sante": [
        ("vaccination-mobile", "m", "centre de vaccination mobile", "이동식 예방접종센터"),
        ("teleconsultation", "m", "service de téléconsultation", "원격 건강상담 서비스"),
        ("film-antibacterien", "m", "film antibactérien dans les transports", "대중교통 항균 필름"),
        ("sante-seniors", "m", "programme de prévention pour les seniors", "어르신 건강관리 사업"),
    ],
    "solidarite": [
        ("epicerie-solidaire", "f", "épicerie solidaire mobile", "이동식 나눔 식료품점"),
        ("portage-repas", "m", "portage de repas aux seniors", "어르신 도시락 배달"),
        ("colocation-solidaire", "f", "colocation intergénérationnelle", "세대 공감 셰어하우스"),
        ("banque-alimentaire", "f", "banque alimentaire de quartier", "동네 푸드뱅크"),
    ],
    "culture": [
        ("festival-en-ligne", "m", "festival en ligne", "온라인 축제"),
        ("bibliotheque-mobile", "f", "bibliothèque mobile", "찾아가는 이동 도서관"),
        ("residence-artistes", "f", "résidence d’artistes croisée", "예술가 교환 레지던시"),
        ("musee-hors-les-murs", "m", "musée hors les murs", "찾아가는 박물관"),
    ],
    "sport": [
        ("course-connectee", "f", "course connectée", "비대면 달리기 대회"),
        ("parcours-sport-sante", "m", "parcours sport-santé", "생활체육 건강 코스"),
        ("savoir-nager", "m", "programme « savoir nager »", "어린이 생존수영 교육"),
        ("sport-au-pied-des-immeubles", "m", "sport au pied des immeubles", "찾아가는 동네 체육교실"),
    ],
    "commerce-local": [
        ("repas-prepayes", "m", "dispositif de repas prépayés", "선결제 식사 캠페인"),
        ("marche-en-ligne", "f", "place de marché en ligne", "온라인 골목시장"),
        ("monnaie-locale", "f", "monnaie locale numérique", "모바일 지역화폐"),
        ("boutiques-ephemeres", "f", "boutique éphémère en centre-ville", "도심 팝업 상점"),
    ],
    "energies-renouvelables": [
        ("solaire-toitures", "m", "programme de solaire en toiture", "지붕 태양광 사업"),
        ("reseau-chaleur", "m", "réseau de chaleur biomasse", "바이오매스 지역난방"),
        ("cooperative-energie", "f", "coopérative citoyenne d’énergie", "시민 햇빛발전 협동조합"),
        ("eolien-participatif", "m", "parc éolien participatif", "주민 참여형 풍력단지"),
    ],
    "environnement": [
        ("foret-urbaine", "f", "forêt urbaine", "도시숲"),
        ("zero-dechet", "m", "plan zéro déchet", "제로 웨이스트 계획"),
        ("ilots-fraicheur", "m", "réseau d’îlots de fraîcheur", "도심 무더위 쉼터"),
        ("velos-partages", "m", "service de vélos partagés", "공공자전거 서비스"),
    ],
    "agriculture-urbaine": [
        ("potagers-scolaires", "m", "concours de potagers scolaires", "학교 텃밭 경진대회"),
        ("jardins-partages", "m", "réseau de jardins partagés", "공동체 텃밭"),
        ("ferme-sur-les-toits", "f", "ferme sur les toits", "옥상 농장"),
        ("circuit-court", "m", "marché de producteurs en circuit court", "로컬푸드 직매장"),
    ],
    "logement": [
        ("renovation-energetique", "f", "rénovation énergétique des logements",
         "주택 에너지 효율 개선 사업"),
        ("habitat-participatif", "m", "habitat participatif", "공동체 주택"),
        ("logement-jeunes", "m", "logement pour jeunes actifs", "청년 임대주택"),
        ("logements-vacants", "m", "plan de remise en location des logements vacants",
         "빈집 정비 사업"),
    ],
    "jeunesse-education": [
        ("echanges-scolaires", "m", "échange scolaire en ligne", "온라인 학교 교류"),
        ("conseil-des-jeunes", "m", "conseil municipal des jeunes", "청소년 의회"),
        ("soutien-scolaire", "m", "soutien scolaire gratuit", "무료 학습 지원"),
        ("forum-des-metiers", "m", "forum des métiers", "진로 체험 박람회"),
    ],
    "cooperation": [
        ("visioconference-maires", "f", "rencontre des maires par visioconférence",
         "단체장 화상회의"),
        ("jumelage-numerique", "m", "jumelage numérique", "온라인 자매결연 교류"),
        ("echange-agents", "m", "échange d’agents territoriaux", "공무원 상호 파견"),
        ("affiches-tourisme", "f", "campagne d’affichage croisée", "상호 홍보 캠페인"),
    ],
    "tourisme": [
        ("visite-virtuelle", "f", "visite virtuelle du patrimoine", "문화유산 가상 투어"),
        ("itineraire-velo", "m", "itinéraire touristique à vélo", "자전거 관광 코스"),
        ("tourisme-numerique", "m", "office de tourisme numérique", "스마트 관광안내소"),
        ("route-gastronomie", "f", "route de la gastronomie locale", "지역 미식 여행길"),
    ],
}
GENERIC_TOPIC = ("projet-local", "m", "projet local", "지역 사업")

# theme key -> (French name, French name in a sentence, Korean name, slug)
SERVICES = {
    "numerique": ("Direction du numérique", "la direction du numérique", "스마트도시과",
                  "numerique"),
    "sante": ("Direction de la santé publique", "la direction de la santé publique",
              "보건정책과", "sante-publique"),
    "solidarite": ("Centre communal d’action sociale", "le centre communal d’action sociale",
                   "복지정책과", "action-sociale"),
    "culture": ("Service culture et patrimoine", "le service culture et patrimoine",
                "문화예술과", "culture"),
    "sport": ("Service des sports", "le service des sports", "체육진흥과", "sports"),
    "commerce-local": ("Direction du développement économique",
                       "la direction du développement économique", "지역경제과",
                       "developpement-economique"),
    "energies-renouvelables": ("Direction de la transition énergétique",
                               "la direction de la transition énergétique", "에너지정책과",
                               "transition-energetique"),
    "environnement": ("Service environnement et climat", "le service environnement et climat",
                      "기후환경과", "environnement"),
    "agriculture-urbaine": ("Service des espaces verts", "le service des espaces verts",
                            "도시농업과", "espaces-verts"),
    "logement": ("Service de l’habitat", "le service de l’habitat", "주택정책과", "habitat"),
    "jeunesse-education": ("Service enfance-jeunesse", "le service enfance-jeunesse",
                           "청소년교육과", "enfance-jeunesse"),
    "cooperation": ("Service des relations internationales",
                    "le service des relations internationales", "국제교류과",
                    "relations-internationales"),
    "tourisme": ("Office de tourisme", "l’office de tourisme", "관광진흥과", "tourisme"),
}
GENERIC_SERVICE = ("Direction générale des services", "la direction générale des services",
                   "기획예산과", "direction-generale")

GOALS = [
    ("rapprocher le service public des habitants", "공공서비스를 주민 곁으로 가져가기"),
    ("soutenir les habitants les plus fragiles", "도움이 필요한 주민을 돕기"),
    ("renforcer le lien social", "사회적 유대를 강화하기"),
    ("préparer la transition écologique", "생태 전환을 준비하기"),
    ("faire vivre les partenariats internationaux", "국제 협력 관계를 이어 가기"),
    ("dynamiser l’économie locale", "지역 경제를 활성화하기"),
    ("associer les habitants aux décisions", "주민의 정책 참여를 넓히기"),
    ("mieux accueillir les familles", "가족 친화적인 환경을 조성하기"),
]

THEME_GOALS = {
    "numerique": ("réduire la fracture numérique", "디지털 격차를 줄이기"),
    "sante": ("protéger la santé des habitants", "주민의 건강을 지키기"),
    "solidarite": ("lutter contre l’isolement des personnes âgées", "어르신의 고립을 예방하기"),
    "culture": ("rendre la culture accessible à tous", "누구나 문화를 누리게 하기"),
    "sport": ("encourager la pratique sportive", "생활체육 참여를 늘리기"),
    "commerce-local": ("soutenir les commerces de proximité", "골목상권을 지원하기"),
    "energies-renouvelables": ("produire une énergie locale et renouvelable",
                               "지역에서 재생에너지를 생산하기"),
    "environnement": ("adapter la ville au changement climatique", "도시를 기후변화에 대비시키기"),
    "agriculture-urbaine": ("rapprocher les enfants de l’agriculture",
                            "아이들이 농업을 가까이 접하게 하기"),
    "logement": ("faciliter l’accès au logement", "주민의 주거 안정을 돕기"),
    "jeunesse-education": ("donner la parole aux jeunes", "청소년의 목소리를 정책에 반영하기"),
    "cooperation": ("maintenir le lien avec les villes partenaires", "협력 도시와의 교류를 유지하기"),
    "tourisme": ("relancer l’activité touristique", "관광을 활성화하기"),
}

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]


# -- sentence bank: (French, Korean) ----------------------------------------------

TITLES = [
    ("{Un_topic} pour {goal}", "{goal} 위한 {topic}"),
    ("{Un_topic} {loc}", "{name}의 {topic}"),
    ("{Subj} lance {un_topic}", "{name}, {topic} 도입"),
    ("{Un_topic} imaginé{e} avec les habitants", "주민과 함께 만든 {topic}"),
    ("{Un_topic} au service des habitants", "주민을 위한 {topic}"),
]

SUMMARY_FIRST = [
    ("{Subj} a mis en place {un_topic} pour {goal}.",
     "{name:은} {goal} 위해 {topic:을} 도입했습니다."),
    ("Depuis {year}, {subj} propose {un_topic} afin {de_goal}.",
     "{name:은} {year}년부터 {goal} 위해 {topic:을} 운영하고 있습니다."),
    ("Avec {un_topic}, {subj} cherche à {goal}.",
     "{name:은} {topic:을} 통해 {goalnoun:을} 꾀하고 있습니다."),
]
SUMMARY_SECOND = [
    ("En {year}, plus de {n} personnes en ont bénéficié.",
     "{year}년에는 {n}명이 넘는 주민이 혜택을 받았습니다."),
    ("Le projet associe {partner_city}.", "이 사업에는 {partner_city:이} 함께합니다."),
    ("Une démarche simple, peu coûteuse et facile à reproduire.",
     "간단하고 비용이 적게 들어 다른 지역에서도 쉽게 도입할 수 있는 사례입니다."),
    ("Les habitants ont été associés à chaque étape.", "모든 단계에 주민들이 참여했습니다."),
]

HEADINGS = {
    "context": [("Contexte", "추진 배경"), ("Pourquoi ce projet ?", "왜 이 사업인가?"),
                ("Un besoin identifié sur le terrain", "현장에서 확인한 필요")],
    "objectives": [("Objectifs", "목표"), ("Ce que le projet veut changer", "사업이 바꾸고자 하는 것")],
    "implementation": [("Mise en œuvre", "추진 내용"), ("Comment ça marche", "운영 방식"),
                       ("Organisation du dispositif", "사업 운영 체계")],
    "partners": [("Partenaires et gouvernance", "협력 체계"),
                 ("Une démarche partenariale", "함께하는 협력 기관")],
    "budget": [("Financement", "예산과 재원"), ("Moyens mobilisés", "투입 자원")],
    "results": [("Résultats", "성과"), ("Premier bilan", "첫 성과"), ("Ce qui a changé", "달라진 점")],
    "lessons": [("Enseignements", "시사점"), ("Ce que l’on peut en retenir", "배울 점")],
    "outlook": [("Perspectives", "향후 계획"), ("Et maintenant ?", "앞으로의 과제")],
}
SECTION_ORDER = ["context", "objectives", "implementation", "partners", "budget", "results",
                 "lessons", "outlook"]

SENTENCES = {
    "context": [
        ("{Subj} compte environ {pop} habitants et cherche depuis plusieurs années à rapprocher les services publics de la population.",
         "{name:은} 인구 약 {pop}명의 지방정부로, 수년 전부터 공공서비스와 주민 사이의 거리를 좁히기 위해 노력해 왔습니다."),
        ("Le territoire connaît depuis dix ans une évolution rapide de sa population, avec davantage de jeunes ménages et de personnes seules.",
         "이 지역은 지난 10년 동안 젊은 가구와 1인 가구가 늘어나는 등 인구 구성이 빠르게 변해 왔습니다."),
        ("Pendant la crise sanitaire, de nombreux habitants ont vu leurs habitudes bouleversées et leurs liens sociaux fragilisés.",
         "코로나19 유행 기간에 많은 주민들이 일상의 큰 변화를 겪었고 사회적 관계도 약해졌습니다."),
        ("Plusieurs quartiers prioritaires cumulaient des difficultés sociales, économiques et d’accès aux services.",
         "여러 취약 지역에서는 사회적, 경제적 어려움과 함께 공공서비스 접근성 문제가 겹쳐 있었습니다."),
        ("Les services constataient que l’information circulait mal entre les acteurs du territoire.",
         "담당 부서들은 지역 주체들 사이에 정보가 원활하게 공유되지 않는다는 문제를 확인했습니다."),
        ("Les élus ont fait le constat que les dispositifs existants ne répondaient plus aux besoins des familles, des jeunes et des personnes âgées.",
         "지방정부는 기존 제도가 가정, 청년, 어르신의 필요를 더 이상 충분히 충족하지 못한다는 점을 확인했습니다."),
        ("En {year0}, une enquête menée auprès de {n3} habitants a montré une forte attente dans ce domaine.",
         "{year0}년 주민 {n3}명을 대상으로 실시한 설문조사에서 이 분야에 대한 높은 기대가 확인되었습니다."),
        ("Le projet est né d’une demande exprimée par les conseils de quartier et par plusieurs associations locales.",
         "이 사업은 주민자치회와 여러 지역 단체가 제기한 요구에서 출발했습니다."),
        ("Les contraintes budgétaires obligeaient par ailleurs {le} à chercher des solutions simples et peu coûteuses.",
         "또한 재정 여건이 어려워지면서 {short:은} 간단하고 비용이 적게 드는 해법을 찾아야 했습니다."),
        ("L’idée était de s’appuyer sur les ressources existantes plutôt que de créer une nouvelle structure.",
         "새로운 조직을 만들기보다 기존 자원을 활용하자는 것이 기본 구상이었습니다."),
        ("{Le} a tiré parti d’expériences menées par des collectivités {other_adj}, présentées lors d’une réunion de Cités Unies France.",
         "{short:은} 프랑스 지방정부연합(Cités Unies France) 회의에서 소개된 {other_ko} 지방정부들의 경험을 참고했습니다."),
        ("La coopération avec {partner_city} a joué un rôle décisif dans le lancement de la démarche.",
         "{partner_city:과}의 협력은 사업을 시작하는 데 결정적인 역할을 했습니다."),
        ("Avant {year}, aucune action coordonnée n’existait à l’échelle {du}.",
         "{year}년 이전에는 {short} 차원의 체계적인 사업이 없었습니다."),
        ("{Topic} répond aussi aux engagements pris par {le} en faveur de la transition écologique et de la cohésion sociale.",
         "{topic:은} {short:이} 약속한 생태 전환과 사회 통합 목표에도 부합합니다."),
    ],
    "objectives": [
        ("L’objectif principal est de rendre le service accessible à tous les habitants, quel que soit leur quartier ou leur âge.",
         "가장 큰 목표는 사는 곳이나 나이와 관계없이 모든 주민이 서비스를 이용할 수 있도록 하는 것입니다."),
        ("{Le} souhaite toucher au moins {n} personnes d’ici {year1}.",
         "{short:은} {year1}년까지 최소 {n}명에게 혜택이 돌아가도록 하는 것을 목표로 합니다."),
        ("Il s’agit également de renforcer la participation des habitants aux décisions qui les concernent.",
         "또한 주민들이 자신과 관련된 결정에 더 적극적으로 참여하도록 하는 것도 중요한 목표입니다."),
        ("Le projet vise aussi à soutenir l’économie locale et à maintenir l’emploi sur le territoire.",
         "이 사업은 지역 경제를 살리고 지역의 일자리를 지키는 데에도 목적이 있습니다."),
        ("{Topic} doit aussi servir de laboratoire pour d’autres politiques publiques de la collectivité.",
         "{topic:은} 다른 공공 정책을 위한 시범 사업의 역할도 합니다."),
        ("Les élus ont fixé trois priorités : la simplicité, la proximité et l’évaluation régulière des résultats.",
         "지방정부는 간편성, 근접성, 정기적인 성과 평가라는 세 가지 원칙을 세웠습니다."),
        ("Une attention particulière est portée aux personnes âgées, aux familles monoparentales et aux jeunes sans emploi.",
         "특히 어르신, 한부모 가정, 구직 청년에게 각별한 관심을 기울입니다."),
        ("La démarche cherche enfin à faire connaître le territoire au-delà de ses frontières, notamment auprès des partenaires {other_adjm}.",
         "마지막으로 이 사업은 특히 {other_ko}의 협력 지방정부들에 지역을 널리 알리는 것을 목표로 합니다."),
        ("Le dispositif doit rester simple à utiliser, pour les habitants comme pour les agents.",
         "주민과 공무원 모두가 쉽게 이용할 수 있도록 제도를 단순하게 설계하는 것이 중요합니다."),
        ("Il s’agit de passer d’une logique de guichet à une logique d’accompagnement.",
         "창구에서 기다리는 행정에서 주민을 찾아가 돕는 행정으로 바꾸는 것이 핵심입니다."),
        ("Chaque action est évaluée au regard de son utilité concrète pour la vie quotidienne des habitants.",
         "모든 활동은 주민의 일상생활에 실제로 얼마나 도움이 되는지를 기준으로 평가됩니다."),
    ],
    "implementation": [
        ("Le projet a été lancé en {month} {year} après {m} mois de préparation.",
         "사업은 {m}개월의 준비 기간을 거쳐 {year}년 {month}에 시작되었습니다."),
        ("Une équipe de {staff} agents, rattachée {au_service}, pilote l’ensemble du dispositif.",
         "{service} 소속 직원 {staff}명으로 구성된 전담팀이 사업 전반을 맡고 있습니다."),
        ("Les habitants peuvent s’inscrire en ligne, par téléphone ou directement à l’accueil de la mairie.",
         "주민들은 온라인, 전화 또는 청사 민원실에서 직접 신청할 수 있습니다."),
        ("{k} sites répartis dans les quartiers accueillent les activités chaque semaine.",
         "지역 곳곳에 있는 {k}곳의 거점에서 매주 프로그램이 운영됩니다."),
        ("Des réunions publiques ont permis de présenter le projet et de recueillir les suggestions des habitants.",
         "주민설명회를 열어 사업을 소개하고 주민들의 의견을 수렴했습니다."),
        ("Les associations locales ont été associées dès la conception, ce qui a facilité la mobilisation des bénévoles.",
         "기획 단계부터 지역 단체들이 참여하여 자원봉사자를 모으기가 한결 쉬웠습니다."),
        ("Un comité de suivi réunit tous les trimestres les élus, les services et les partenaires.",
         "분기마다 의원, 담당 부서, 협력 기관이 참여하는 점검 회의가 열립니다."),
        ("{Le} a également formé {n2} bénévoles pour accompagner les publics les plus éloignés.",
         "{short:은} 도움이 가장 필요한 주민들을 지원하기 위해 자원봉사자 {n2}명을 교육했습니다."),
        ("Les supports de communication ont été traduits en plusieurs langues, dont {other_lang} et l’anglais.",
         "홍보물은 {other_lang:과} 영어를 포함한 여러 언어로 번역되었습니다."),
        ("Une première phase expérimentale a concerné {quartiers} quartiers avant d’être étendue à tout le territoire.",
         "처음에는 {quartiers}개 동네에서 시범 운영한 뒤 전 지역으로 확대했습니다."),
        ("Chaque participant reçoit un guide pratique et peut contacter un référent en cas de besoin.",
         "참가자 모두에게 안내서를 나누어 주며, 필요하면 담당자에게 언제든지 문의할 수 있습니다."),
        ("Les outils numériques ont été choisis pour leur simplicité et leur faible coût de maintenance.",
         "디지털 도구는 사용하기 쉽고 유지 비용이 적게 드는 것을 기준으로 선정했습니다."),
        ("Le calendrier a été adapté aux contraintes des familles, avec des créneaux le soir et le week-end.",
         "가정의 사정을 고려하여 저녁과 주말에도 프로그램을 운영하도록 일정을 조정했습니다."),
        ("{sessions} séances ont été organisées au cours de la première année.",
         "첫해에만 {sessions}회의 프로그램이 진행되었습니다."),
    ],
    "partners": [
        ("Le projet associe {service}, les associations de quartier et plusieurs entreprises locales.",
         "이 사업에는 {service}, 주민 단체, 여러 지역 기업이 함께 참여합니다."),
        ("{Partner} apporte son expertise technique et participe au comité de pilotage.",
         "{partner:은} 기술 자문을 제공하고 운영위원회에 참여합니다."),
        ("Une convention signée en {year} fixe le rôle de chacun et les engagements financiers.",
         "{year}년에 체결한 협약에서 각 기관의 역할과 재정 분담을 정했습니다."),
        ("Les universités du territoire accompagnent l’évaluation scientifique du projet.",
         "지역 대학들이 사업의 학술 평가를 지원하고 있습니다."),
        ("Les habitants sont représentés au sein d’un comité consultatif qui se réunit deux fois par an.",
         "주민들은 연 2회 열리는 자문위원회를 통해 의견을 냅니다."),
        ("La coopération avec {partner_city} s’appuie sur un accord d’amitié signé il y a plusieurs années.",
         "{partner_city:과}의 협력은 수년 전에 맺은 우호협력 협정을 바탕으로 합니다."),
        ("Les échanges entre techniciens se font principalement par visioconférence, avec l’aide d’interprètes.",
         "실무자 간 교류는 주로 통역사의 도움을 받아 화상회의로 이루어집니다."),
        ("L’État et les collectivités voisines cofinancent une partie des investissements.",
         "국가와 인근 지방정부가 투자비의 일부를 함께 부담합니다."),
        ("Les agents ont suivi une formation commune avec leurs homologues {other_adjm}.",
         "담당 공무원들은 {other_ko} 측 실무자들과 함께 공동 교육을 받았습니다."),
        ("Une charte de partenariat précise les engagements de chacun en matière de données personnelles.",
         "협력 헌장에는 개인정보 보호에 관한 각 기관의 책임이 명시되어 있습니다."),
    ],
    "budget": [
        ("Le budget global s’élève à {budget} sur {m} mois.",
         "전체 예산은 {m}개월 동안 {budget}입니다."),
        ("Environ {pct} % du coût est pris en charge par des subventions publiques.",
         "비용의 약 {pct}%는 국가 보조금과 공모 사업비로 충당됩니다."),
        ("Les dépenses portent principalement sur le matériel, la communication et la formation.",
         "예산은 주로 장비, 홍보, 교육에 쓰였습니다."),
        ("Le fonctionnement courant mobilise l’équivalent de {staff} postes à temps plein.",
         "일상적인 운영에는 전일제 직원 {staff}명에 해당하는 인력이 투입됩니다."),
        ("Les partenaires privés ont contribué à hauteur de {budget2}.",
         "민간 협력 기관들은 {budget2:을} 지원했습니다."),
        ("Rapporté au nombre de bénéficiaires, le coût reste modeste, autour de {unit} par personne.",
         "수혜자 1인당 비용은 약 {unit:으로} 크지 않습니다."),
        ("Une partie des économies réalisées est réinvestie dans le projet.",
         "절감한 비용의 일부는 다시 사업에 투자됩니다."),
        ("Le budget participatif a permis aux habitants de choisir eux-mêmes une partie des investissements.",
         "주민참여예산을 통해 주민들이 투자 항목의 일부를 직접 결정했습니다."),
    ],
    "results": [
        ("Dès la première année, plus de {n} habitants ont participé.",
         "첫해에만 {n}명이 넘는 주민이 참여했습니다."),
        ("Le taux de satisfaction mesuré par un questionnaire atteint {pct2} %.",
         "설문조사로 측정한 만족도는 {pct2}%에 이릅니다."),
        ("Les habitants soulignent la simplicité des démarches et la disponibilité des agents.",
         "주민들은 절차가 간편하고 담당 공무원을 쉽게 만날 수 있다는 점을 높이 평가합니다."),
        ("Au total, {sessions} actions ont été menées et {k} nouveaux partenaires ont rejoint le projet.",
         "모두 {sessions}건의 활동이 이루어졌으며 {k}곳의 새로운 협력 기관이 사업에 합류했습니다."),
        ("La participation des jeunes, d’abord faible, a nettement augmenté la deuxième année.",
         "처음에는 저조했던 청년층의 참여도 두 번째 해에는 크게 늘었습니다."),
        ("Le coût total pour la collectivité s’élève à environ {budget}, dont une partie financée par l’État.",
         "지방정부가 부담한 총비용은 약 {budget:이며}, 그중 일부는 국비로 충당했습니다."),
        ("Les difficultés rencontrées ont surtout concerné la coordination entre les services.",
         "추진 과정에서 겪은 어려움은 주로 부서 간 협조에 관한 것이었습니다."),
        ("La presse locale et les réseaux sociaux ont largement relayé l’initiative.",
         "지역 언론과 사회관계망서비스(SNS)에서도 이 사업을 널리 소개했습니다."),
        ("Une évaluation indépendante, publiée en {year1}, confirme l’intérêt de l’expérience.",
         "{year1}년에 발표된 외부 평가에서도 이 사업의 효과가 확인되었습니다."),
        ("Le projet a été récompensé par un prix national de l’innovation publique en {year1}.",
         "이 사업은 {year1}년 공공혁신 분야 전국 단위 상을 받았습니다."),
        ("Plusieurs collectivités voisines ont déjà demandé à s’inspirer de la démarche.",
         "인근의 여러 지방정부가 이미 이 사업을 벤치마킹하고 싶다는 뜻을 밝혔습니다."),
        ("Les premiers résultats ont convaincu les élus de pérenniser le dispositif.",
         "첫 성과를 확인한 지방정부는 이 사업을 계속 이어 가기로 했습니다."),
    ],
    "lessons": [
        ("L’expérience montre qu’un projet simple, bien expliqué, mobilise davantage qu’un dispositif complexe.",
         "이번 경험은 복잡한 제도보다 잘 설명된 단순한 사업이 더 많은 참여를 이끌어 낸다는 점을 보여 줍니다."),
        ("La confiance entre les services et les associations s’est construite pas à pas.",
         "담당 부서와 지역 단체 사이의 신뢰는 한 걸음씩 쌓였습니다."),
        ("Le soutien constant des élus a été déterminant pour surmonter les obstacles.",
         "어려움을 이겨 내는 데에는 지방정부 지도부의 꾸준한 지원이 결정적이었습니다."),
        ("Il faut prévoir du temps pour la concertation, surtout au démarrage.",
         "특히 초기에는 의견을 모으는 데 충분한 시간을 들여야 합니다."),
        ("La traduction et l’interprétariat doivent être anticipés dans toute coopération internationale.",
         "국제 협력에서는 번역과 통역을 미리 준비해야 합니다."),
        ("Un suivi régulier des indicateurs permet d’ajuster le projet en cours de route.",
         "지표를 정기적으로 점검하면 사업을 추진하면서 방향을 조정할 수 있습니다."),
        ("Les petites collectivités peuvent s’en inspirer, à condition d’adapter l’échelle.",
         "규모에 맞게 조정한다면 작은 지방정부도 이 사례를 참고할 수 있습니다."),
        ("Impliquer les jeunes dès la conception renforce l’adhésion au projet.",
         "기획 단계부터 청년들이 참여하면 사업에 대한 공감대가 넓어집니다."),
    ],
    "outlook": [
        ("{Le} prévoit d’étendre le dispositif à l’ensemble du territoire d’ici {year1}.",
         "{short:은} {year1}년까지 이 사업을 전 지역으로 확대할 계획입니다."),
        ("Une deuxième phase, plus ambitieuse, est à l’étude avec {partner}.",
         "{partner:과} 함께 더 큰 규모의 2단계 사업을 검토하고 있습니다."),
        ("{Le} souhaite partager son expérience avec des collectivités {other_adj} intéressées.",
         "{short:은} 관심 있는 {other_ko} 지방정부와 경험을 나누고자 합니다."),
        ("Les habitants seront associés à l’évaluation de la prochaine étape.",
         "다음 단계의 평가에는 주민들도 참여하게 됩니다."),
        ("Il reste à consolider le financement à long terme, qui dépend encore en partie de subventions.",
         "아직 일부를 보조금에 의존하고 있는 만큼 장기적인 재원을 안정적으로 확보하는 것이 과제로 남아 있습니다."),
        ("Un guide méthodologique sera publié pour aider d’autres villes à reproduire l’expérience.",
         "다른 도시들이 이 사례를 도입할 수 있도록 운영 안내서를 발간할 예정입니다."),
        ("{Le} envisage aussi de lancer un échange d’agents avec une ville partenaire.",
         "{short:은} 협력 도시와의 공무원 교류도 추진할 계획입니다."),
        ("Les leçons tirées de cette expérience nourriront le prochain plan de mandat.",
         "이번 경험에서 얻은 교훈은 다음 중장기 계획에 반영될 것입니다."),
        ("À moyen terme, l’objectif est de confier l’animation du projet à une association d’habitants.",
         "중기적으로는 주민 단체가 사업을 자율적으로 운영하도록 하는 것이 목표입니다."),
        ("Les services étudient enfin la possibilité d’ouvrir le dispositif aux communes voisines.",
         "담당 부서는 인근 지방정부에도 이 사업을 개방하는 방안을 검토하고 있습니다."),
        ("Pour en savoir plus, les collectivités intéressées peuvent contacter {service}.",
         "더 자세한 내용이 궁금한 지방정부는 {service:으로} 문의하시기 바랍니다."),
    ],
}

GENERIC_SENTENCES = [
    ("Les habitants ont répondu présent, bien au-delà des prévisions initiales.",
     "주민들의 참여는 당초 예상을 크게 웃돌았습니다."),
    ("Cette initiative s’inscrit dans la politique de proximité menée par {le} depuis {year0}.",
     "이 사업은 {short:이} {year0}년부터 추진해 온 생활밀착형 정책의 하나입니다."),
    ("Le projet repose sur une idée simple : partir des besoins exprimés par les habitants.",
     "이 사업은 주민이 말하는 필요에서 출발한다는 단순한 생각에 바탕을 두고 있습니다."),
    ("Les agents se sont fortement investis, souvent au-delà de leurs missions habituelles.",
     "담당 공무원들은 평소 업무 이상으로 열정적으로 참여했습니다."),
    ("Les familles apprécient particulièrement la souplesse des horaires.",
     "가정들은 특히 유연한 운영 시간을 높이 평가합니다."),
    ("Le projet a aussi renforcé les liens entre générations.",
     "이 사업은 세대 간 유대도 강화했습니다."),
    ("Les retours des usagers sont recueillis chaque mois et publiés en ligne.",
     "이용자 의견은 매달 수집하여 온라인으로 공개합니다."),
    ("La démarche a été présentée aux partenaires {other_adjm} lors d’une rencontre en ligne.",
     "이 사업은 온라인 회의에서 {other_ko}의 협력 지방정부들에 소개되었습니다."),
    ("Les écoles du territoire ont été associées à plusieurs étapes du projet.",
     "지역 학교들도 사업의 여러 단계에 참여했습니다."),
    ("Le dispositif a dû être adapté à plusieurs reprises pour tenir compte des contraintes sanitaires.",
     "방역 상황에 맞추어 운영 방식을 여러 차례 조정해야 했습니다."),
    ("Le bouche-à-oreille a joué un rôle important dans la diffusion du projet.",
     "사업이 알려지는 데에는 주민들 사이의 입소문이 큰 역할을 했습니다."),
    ("Les commerçants du centre-ville se sont associés spontanément à l’initiative.",
     "도심 상인들도 자발적으로 이 사업에 동참했습니다."),
    ("Les personnes âgées, souvent isolées, ont trouvé dans le projet un nouveau lieu de rencontre.",
     "홀로 지내는 경우가 많은 어르신들은 이 사업을 통해 새로운 만남의 장을 얻었습니다."),
    ("Les données collectées restent la propriété de la collectivité et ne sont pas revendues.",
     "수집한 데이터는 지방정부가 관리하며 외부에 판매하지 않습니다."),
    ("Les services ont veillé à ce que le projet reste accessible aux personnes handicapées.",
     "담당 부서는 장애인도 불편 없이 이용할 수 있도록 세심하게 준비했습니다."),
    ("Chaque étape a fait l’objet d’un compte rendu diffusé aux partenaires.",
     "단계마다 결과 보고서를 작성하여 협력 기관들과 공유했습니다."),
    ("{Topic} a reçu un accueil très favorable de la part des habitants.",
     "{topic:은} 주민들로부터 매우 좋은 반응을 얻었습니다."),
    ("Les élus de l’opposition ont également soutenu la démarche.",
     "야당 의원들도 이 사업을 지지했습니다."),
    ("La communication s’est appuyée sur le journal local, le site internet et les réseaux sociaux.",
     "소식지, 누리집, 사회관계망서비스(SNS)를 통해 사업을 홍보했습니다."),
    ("Le projet a créé {jobs} emplois, principalement occupés par des habitants du territoire.",
     "이 사업으로 일자리 {jobs}개가 생겼으며, 대부분 지역 주민이 채용되었습니다."),
    ("Les participants ont eux-mêmes proposé plusieurs améliorations.",
     "참가자들이 직접 여러 가지 개선 방안을 제안했습니다."),
]

THEME_SENTENCES = {
    "numerique": [
        ("La crise sanitaire a accéléré le recours aux outils numériques, mais une partie des habitants reste éloignée d’internet.",
         "코로나19로 디지털 도구의 활용이 빨라졌지만 여전히 많은 주민이 인터넷 사용에 어려움을 겪고 있습니다."),
        ("Près d’un habitant sur {ratio} déclare avoir besoin d’aide pour effectuer ses démarches en ligne.",
         "주민 {ratio}명 가운데 1명은 온라인 민원 처리에 도움이 필요하다고 답했습니다."),
    ],
    "sante": [
        ("L’épidémie a mis en lumière les inégalités d’accès aux soins entre les quartiers.",
         "감염병 유행으로 지역 간 의료 접근성의 격차가 드러났습니다."),
        ("Les centres de santé publics ont été fortement sollicités pendant plusieurs mois.",
         "공공 보건소는 여러 달 동안 큰 부담을 안고 운영되었습니다."),
    ],
    "solidarite": [
        ("Le nombre de foyers sollicitant une aide alimentaire a fortement augmenté depuis {year0}.",
         "{year0}년 이후 먹거리 지원을 요청하는 가구가 크게 늘었습니다."),
        ("L’isolement des personnes âgées est devenu une préoccupation majeure des services sociaux.",
         "어르신들의 고립 문제는 복지 부서의 가장 큰 관심사가 되었습니다."),
    ],
    "culture": [
        ("La fermeture des salles de spectacle a privé les artistes de leur public pendant de longs mois.",
         "공연장이 문을 닫으면서 예술가들은 오랫동안 관객을 만나지 못했습니다."),
        ("La collectivité souhaitait rendre la culture accessible aux habitants qui fréquentent peu les équipements culturels.",
         "지방정부는 문화시설을 자주 찾지 않는 주민들도 문화를 누릴 수 있도록 하고자 했습니다."),
    ],
    "sport": [
        ("La pratique sportive des enfants a nettement reculé pendant les périodes de confinement.",
         "봉쇄 기간에 어린이들의 신체 활동이 눈에 띄게 줄었습니다."),
        ("Les clubs sportifs locaux ont perdu une partie de leurs adhérents.",
         "지역 체육 동호회들은 회원의 상당수를 잃었습니다."),
    ],
    "commerce-local": [
        ("Les petits commerces du centre-ville ont subi une forte baisse de fréquentation.",
         "도심의 소상공인들은 손님이 크게 줄어 어려움을 겪었습니다."),
        ("La concurrence des grandes plateformes de vente en ligne fragilise les commerces de proximité.",
         "대형 온라인 쇼핑몰과의 경쟁으로 골목상권이 위협받고 있습니다."),
        ("Les commerces participants ont vu leur chiffre d’affaires progresser de {pct} % en moyenne.",
         "참여 상점들의 매출은 평균 {pct}% 늘었습니다."),
    ],
    "energies-renouvelables": [
        ("{Le} a pris l’engagement d’atteindre la neutralité carbone avant 2050.",
         "{short:은} 2050년 이전에 탄소중립을 달성하겠다고 약속했습니다."),
        ("La hausse des prix de l’énergie pèse lourdement sur le budget des ménages et des entreprises.",
         "에너지 가격 상승은 가계와 기업에 큰 부담이 되고 있습니다."),
        ("À terme, {le} veut réduire de {pct} % la consommation d’énergie des équipements concernés.",
         "{short:은} 장기적으로 관련 시설의 에너지 소비를 {pct}% 줄이는 것을 목표로 하고 있습니다."),
    ],
    "environnement": [
        ("Les épisodes de canicule se multiplient et touchent en priorité les quartiers les plus denses.",
         "폭염이 잦아지면서 인구가 밀집한 지역이 가장 큰 피해를 입고 있습니다."),
        ("La réduction des déchets figure parmi les priorités du plan climat adopté en {year0}.",
         "쓰레기 감량은 {year0}년에 수립한 기후 계획의 핵심 과제 가운데 하나입니다."),
    ],
    "agriculture-urbaine": [
        ("Beaucoup d’enfants ignorent d’où viennent les fruits et légumes servis à la cantine.",
         "많은 아이들이 급식에 나오는 과일과 채소가 어디에서 오는지 모릅니다."),
        ("Les friches et les toits inutilisés représentent un potentiel important pour produire en ville.",
         "방치된 빈터와 옥상은 도시에서 먹거리를 생산할 수 있는 큰 잠재력을 지니고 있습니다."),
    ],
    "logement": [
        ("Le prix des loyers a augmenté plus vite que les revenus des jeunes ménages.",
         "임대료가 젊은 가구의 소득보다 빠르게 올랐습니다."),
        ("Une part importante des logements date d’avant 1975 et consomme beaucoup d’énergie.",
         "주택의 상당수가 1975년 이전에 지어져 에너지 소비가 많습니다."),
    ],
    "jeunesse-education": [
        ("Les fermetures d’écoles ont creusé les écarts entre élèves.",
         "학교가 문을 닫으면서 학생들 사이의 학습 격차가 커졌습니다."),
        ("Les jeunes du territoire expriment le besoin d’être davantage écoutés par les institutions.",
         "지역 청소년들은 공공기관이 자신들의 목소리에 더 귀 기울여 주기를 바랍니다."),
    ],
    "cooperation": [
        ("Les déplacements internationaux ont été suspendus, mais les partenaires ont voulu maintenir le lien.",
         "해외 방문은 중단되었지만 협력 도시들은 교류를 이어 가고자 했습니다."),
        ("Le partenariat avec {partner_city} existe depuis plus de {k} ans.",
         "{partner_city:과}의 교류는 {k}년 넘게 이어져 왔습니다."),
    ],
    "tourisme": [
        ("La fréquentation touristique a chuté de plus de moitié pendant la crise sanitaire.",
         "코로나19 기간에 관광객 수가 절반 이상 줄었습니다."),
        ("Le territoire veut attirer de nouveaux visiteurs, notamment venus {from_other}.",
         "이 지역은 특히 {other_ko}에서 오는 새로운 방문객을 유치하고자 합니다."),
    ],
}

LISTS = {
    "objectives": (
        [("Le projet poursuit plusieurs objectifs :", "이 사업의 목표는 다음과 같습니다."),
         ("Concrètement, {le} s’est fixé des objectifs précis :",
          "{short:은} 다음과 같은 구체적인 목표를 세웠습니다.")],
        [("faciliter l’accès de tous au service", "모든 주민이 서비스를 쉽게 이용하도록 합니다"),
         ("soutenir l’économie locale", "지역 경제를 지원합니다"),
         ("réduire l’empreinte carbone des activités", "활동 과정의 탄소 배출을 줄입니다"),
         ("créer du lien entre les habitants", "주민 사이의 유대를 만듭니다"),
         ("valoriser les initiatives des associations", "지역 단체의 활동을 널리 알립니다"),
         ("évaluer l’impact social du projet", "사업의 사회적 효과를 평가합니다"),
         ("toucher {n} habitants d’ici {year1}", "{year1}년까지 주민 {n}명의 참여를 이끌어 냅니다")],
    ),
    "implementation": (
        [("Le dispositif repose sur plusieurs actions complémentaires :", "주요 추진 내용은 다음과 같습니다."),
         ("Concrètement, {topic} s’organise ainsi :", "구체적인 운영 방식은 다음과 같습니다."),
         ("Plusieurs outils ont été mis en place :", "이를 위해 다음과 같은 수단을 마련했습니다.")],
        [("une plateforme en ligne pour s’inscrire et suivre les activités",
          "온라인 플랫폼을 통해 신청하고 진행 상황을 확인할 수 있도록 했습니다"),
         ("des permanences hebdomadaires dans les maisons de quartier",
          "동네 주민센터에서 매주 상담 창구를 운영합니다"),
         ("un accompagnement individuel pour les personnes qui en ont besoin",
          "도움이 필요한 주민에게는 일대일 지원을 제공합니다"),
         ("une campagne d’information dans les écoles, les marchés et les transports en commun",
          "학교, 시장, 대중교통에서 홍보 캠페인을 펼쳤습니다"),
         ("un partenariat avec les commerçants et les associations du territoire",
          "지역 상인 및 단체와 협력 관계를 맺었습니다"),
         ("une aide financière plafonnée à {grant} par foyer",
          "가구당 최대 {grant}의 재정 지원을 제공합니다"),
         ("un numéro de téléphone unique, ouvert du lundi au samedi",
          "월요일부터 토요일까지 운영하는 전용 전화번호를 개설했습니다"),
         ("des ateliers de formation pour les agents et les bénévoles",
          "공무원과 자원봉사자를 위한 교육 과정을 운영합니다"),
         ("un tableau de bord public qui présente les résultats chaque mois",
          "매달 성과를 공개하는 온라인 현황판을 운영합니다"),
         ("des visites sur le terrain avec les élus et les habitants",
          "의원과 주민이 함께하는 현장 방문을 실시합니다")],
    ),
    "results": (
        [("Le bilan fait apparaître plusieurs effets positifs :",
          "사업은 다음과 같은 긍정적인 효과를 가져왔습니다."),
         ("Quelques chiffres clés :", "주요 성과는 다음과 같습니다.")],
        [("{n} participants, dont une majorité de femmes et de seniors",
          "참가자 {n}명, 그중 절반 이상이 여성과 어르신"),
         ("{pct2} % des usagers se déclarent satisfaits ou très satisfaits",
          "이용자의 {pct2}%가 만족 또는 매우 만족한다고 답했습니다"),
         ("{k} quartiers couverts, contre {k0} au lancement",
          "사업 초기 {k0}개에서 {k}개 동네로 대상 지역 확대"),
         ("une baisse sensible des coûts de fonctionnement", "운영 비용이 눈에 띄게 줄었습니다"),
         ("de nouveaux liens entre habitants, associations et services publics",
          "주민, 단체, 공공기관 사이에 새로운 관계가 생겼습니다"),
         ("une meilleure visibilité du territoire auprès des partenaires étrangers",
          "해외 협력 도시들 사이에서 지역의 인지도가 높아졌습니다"),
         ("{n2} bénévoles mobilisés tout au long de l’année",
          "1년 내내 자원봉사자 {n2}명이 활동했습니다"),
         ("des économies estimées à {budget2} par an", "연간 약 {budget2}의 비용 절감")],
    ),
    "lessons": (
        [("Plusieurs enseignements peuvent être tirés :",
          "이번 사업을 통해 다음과 같은 점을 확인했습니다.")],
        [("un calendrier régulier évite que le projet ne s’essouffle",
          "정기적인 일정이 있어야 사업이 흐지부지되지 않습니다"),
         ("la communication doit s’adresser à chaque public dans sa langue",
          "홍보는 대상별로 알맞은 언어로 해야 합니다"),
         ("les agents de terrain sont les meilleurs relais auprès des habitants",
          "현장 공무원이 주민과 소통하는 가장 좋은 통로입니다"),
         ("l’évaluation doit être prévue dès le départ", "평가 계획은 처음부터 세워 두어야 합니다"),
         ("le numérique complète l’accueil physique sans le remplacer",
          "디지털 서비스는 대면 창구를 대체하기보다 보완합니다"),
         ("les partenariats internationaux enrichissent les politiques locales",
          "국제 협력은 지역 정책을 더 풍부하게 만듭니다")],
    ),
}

LINK_TITLES = [
    ("Présentation du projet sur le site de la collectivité", "지방정부 누리집의 사업 소개",
     "presentation"),
    ("Bilan {year}", "{year}년 사업 결과 보고서", "bilan-{year}"),
    ("Délibération du conseil ({year})", "의회 의결 자료 ({year})", "deliberation-{year}"),
    ("Vidéo de présentation", "소개 영상", "video"),
    ("Compte rendu de la réunion du groupe-pays Corée ({year})",
     "프랑스 지방정부연합 한국 국가그룹 회의 자료 ({year})", "groupe-pays-coree-{year}"),
]

EDITO_OPENINGS = [
    ("Chères lectrices, chers lecteurs, voici le {half} numéro de l’année de la lettre des bonnes pratiques.",
     "독자 여러분, 안녕하십니까? 올해 {half_ko} 우수사례 뉴스레터를 여러분께 전해 드립니다."),
    ("Depuis plusieurs années, les échanges entre collectivités françaises et coréennes se multiplient, bien au-delà des seules grandes villes.",
     "지난 몇 년 동안 한국과 프랑스 지방정부 사이의 교류는 대도시뿐 아니라 중소도시까지 크게 늘어났습니다."),
    ("Ce numéro de la lettre rassemble {count} pratiques venues de collectivités françaises et coréennes de toutes tailles.",
     "이번 호에서는 규모가 서로 다른 한국과 프랑스 지방정부들의 우수사례 {count}건을 한데 모아 소개해 드립니다."),
    ("Chaque semestre, cette lettre fait connaître des initiatives locales qui peuvent inspirer d’autres territoires.",
     "이 뉴스레터는 반기마다 다른 지역에도 좋은 영감을 줄 수 있는 지방정부의 사업들을 꾸준히 소개해 오고 있습니다."),
    ("Les collectivités des deux pays n’ont jamais cessé d’apprendre les unes des autres, même lorsque les voyages étaient impossibles.",
     "두 나라의 지방정부들은 서로 오갈 수 없었던 어려운 시기에도 서로에게서 배우는 일을 결코 멈추지 않았습니다."),
    ("En {year}, la coopération décentralisée franco-coréenne a continué de se réinventer.",
     "{year}년에도 한국과 프랑스의 지방정부 간 협력은 새로운 모습으로 계속해서 발전해 왔습니다."),
    ("Ce {half} numéro de l’année fait la part belle aux projets menés au plus près des habitants.",
     "올해 {half_ko} 이번 호는 주민의 삶과 가장 가까운 곳에서 추진된 사업들에 특별히 초점을 맞추었습니다."),
]
EDITO_MIDDLE = [
    ("Dans ce numéro, vous découvrirez notamment les expériences {names_fr}.",
     "이번 호에서는 특히 {names_ko}의 소중한 경험을 만나 보실 수 있습니다."),
    ("Les thèmes abordés vont de « {theme_a} » à « {theme_b} ».",
     "이번 호에서 다루는 분야는 {theme_a_ko}부터 {theme_b_ko}까지 매우 다양합니다."),
    ("Ces pratiques montrent qu’il n’est pas nécessaire de disposer de grands moyens pour innover au service des habitants.",
     "이 사례들은 주민을 위한 혁신에 반드시 많은 예산이 필요한 것은 아니라는 사실을 잘 보여 주고 있습니다."),
    ("Petites communes, villes moyennes et métropoles y trouveront des idées à adapter à leur échelle.",
     "소도시와 중소도시, 대도시 모두 각자의 규모에 맞게 활용할 수 있는 아이디어를 이번 호에서 찾으실 수 있을 것입니다."),
    ("Plusieurs fiches témoignent de partenariats anciens qui ont su se renouveler.",
     "여러 사례는 오랜 교류 관계도 새로운 방식으로 얼마든지 거듭날 수 있다는 것을 보여 주고 있습니다."),
    ("Plusieurs de ces pratiques ont été présentées lors des réunions du groupe-pays Corée de Cités Unies France.",
     "이 가운데 여러 사례는 프랑스 지방정부연합(Cités Unies France) 한국 국가그룹 회의에서 이미 소개된 바 있습니다."),
    ("Toutes partent d’un même constat : les meilleures idées naissent souvent au plus près des habitants.",
     "이 사례들은 모두 가장 좋은 아이디어가 주민과 가장 가까운 곳에서 나오는 경우가 많다는 같은 생각에서 출발했습니다."),
    ("Certaines ont été conçues en pleine crise sanitaire, d’autres prolongent des coopérations engagées depuis longtemps.",
     "어떤 사례는 코로나19 위기 한가운데에서 만들어졌고, 또 어떤 사례는 오래전부터 이어져 온 협력을 한층 발전시킨 것입니다."),
    ("Ces expériences ont un point commun : de la méthode, de la confiance et l’envie d’apprendre les uns des autres.",
     "이 사례들에는 공통점이 있습니다. 체계적인 방법과 신뢰, 그리고 서로에게서 배우려는 의지가 바로 그것입니다."),
]
EDITO_CLOSINGS = [
    ("Les versions française et coréenne de chaque fiche sont relues par les collectivités concernées.",
     "각 사례의 한국어판과 프랑스어판은 해당 지방정부의 검토를 거쳐 발행됩니다."),
    ("Le prochain numéro paraîtra au semestre suivant ; d’ici là, bonne lecture.",
     "다음 호는 다음 반기에 발행될 예정입니다. 그때까지 이번 호를 즐겁게 읽어 주시기 바랍니다."),
    ("Chaque fiche est publiée en français et en coréen ; n’hésitez pas à contacter les services mentionnés pour aller plus loin.",
     "모든 사례는 한국어와 프랑스어로 함께 발행됩니다. 더 알고 싶은 내용이 있다면 각 사례에 안내된 담당 부서에 언제든지 문의해 주시기 바랍니다."),
    ("Si votre collectivité a, elle aussi, une expérience à partager, écrivez-nous : la prochaine fiche pourrait être la vôtre.",
     "여러분의 지방정부에도 나누고 싶은 경험이 있다면 언제든지 알려 주십시오. 다음 호에 소개될 사례의 주인공은 바로 여러분의 지방정부가 될 수 있습니다."),
    ("Nous remercions chaleureusement les collectivités qui ont partagé leurs pratiques pour ce numéro.",
     "이번 호를 위해 소중한 경험을 기꺼이 나누어 주신 모든 지방정부에 진심으로 깊이 감사드립니다."),
    ("Bonne lecture à toutes et à tous.", "독자 여러분 모두 즐겁고 유익한 시간 되시기 바랍니다."),
]


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

"""Word documents for the tests of issue 20, made with python-docx as a contributor would:
the blank fiche that the build offers, opened and filled in (its table's right-hand
boxes typed, theme boxes checked with ☒, text typed under its headings, with a list, a
table, bold, italics and links, a photo in its table of photos with a description); and
a free-form document (a report with a title, headings and paragraphs)."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image

from newsletter.content.loading import load

FRENCH = {
    "fields": {
        "Titre": "Des vélos prêtés aux collégiens pour aller à l’école",
        "Résumé": "La Ville de Tours prête pour l’année scolaire un vélo et un casque à chaque "
                  "collégien qui le demande, avec un atelier d’entretien dans chaque collège.",
        "Collectivité": "Ville de Tours",
        "Population": "137 000 habitants",
        "Collectivités partenaires": ["Ville de Suwon"],
        "Date": "02/03/2026",
        "Contact\u00a0: service": "Direction de la mobilité",
        "Contact\u00a0: e-mail": "mobilite@tours.example.org",
        "Contact\u00a0: page web": "https://www.example.org/tours-velo",
        "Liens": ["Présentation du projet — https://www.example.org/velo-ecole"],
    },
    "themes": ["Sport", "Jeunesse et éducation"],
    "country": "France",
    "sections": {
        "Contexte": ["Les collégiens de Tours habitent pour la plupart à moins de cinq "
                     "kilomètres de leur établissement, mais très peu viennent à vélo."],
        "Mise en œuvre": ["La Ville a acheté 400 vélos et les prête pour l’année :"],
        "Résultats et enseignements": ["En un an, la part des trajets à vélo est passée de 3 % "
                                       "à 11 %."],
    },
    "list": ["un vélo et un casque par élève inscrit ;", "un atelier d’entretien mensuel ;",
             "un parcours encadré les premiers jours."],
    "table": [["Année", "Vélos prêtés", "Collèges"], ["2026", "400", "6"]],
    "photo": "Des collégiens rangent leurs vélos devant le collège Jean-Moulin",
    "rich": ("Important", " : le prêt est ", "gratuit", ", voir ", "le règlement", "."),
}
KOREAN = {
    "fields": {
        "제목": "어르신과 함께 가꾸는 옥상 텃밭",
        "요약": "서초구는 구청과 주민센터 옥상에 텃밭을 만들어 어르신과 어린이가 함께 채소를 "
                "기르고, 수확물을 지역 푸드뱅크에 나눕니다.",
        "지방정부": "서울특별시 서초구",
        "인구": "415,000명",
        "협력 지방정부": ["파리 15구"],
        "일자": "2025. 4. 7.",
        "연락처: 담당 부서": "서초구청 도시농업 담당 부서",
        "연락처: 이메일": "farm@seocho.example.org",
        "관련 링크": ["사업 소개 — https://www.example.org/seocho-rooftop"],
    },
    "themes": ["도시농업", "복지·나눔"],
    "country": "대한민국",
    "sections": {
        "추진 배경": ["서초구에는 혼자 사는 어르신이 많고, 아이들은 흙을 만질 기회가 적습니다."],
        "추진 내용": ["구는 2025년 봄 옥상 텃밭 12곳을 만들었습니다."],
        "성과와 시사점": ["첫해에 어르신 180명과 어린이 240명이 참여했습니다."],
    },
    "list": ["주 2회 함께 물 주기", "월 1회 수확 나눔 행사", "텃밭 강사 파견"],
    "table": [["구분", "텃밭 수", "참여자"], ["2025년", "12곳", "420명"]],
    "photo": "옥상 텃밭에서 상추를 수확하는 어르신과 어린이들",
    "rich": ("참가비", "는 ", "무료", "이며, 자세한 내용은 ", "운영 규정", "을 참고하십시오."),
}


def blank_fiche(lang: str, content: Path) -> bytes:
    """The fiche the build offers in `<lang>/submit/` for this content."""
    from newsletter.content.editions import collect, today
    from newsletter.letters import fiche

    loaded = load(content, history=False).content
    site = collect(loaded, today(), include_drafts=False)
    return fiche.blank(site.taxonomy, lang, site.office(lang), site.next_edition,
                       dt.date(2026, 11, 20))


def photo(path: Path, colour: tuple[int, int, int] = (40, 120, 60)) -> Path:
    Image.new("RGB", (640, 420), colour).save(path, "JPEG", quality=85)
    return path


def filled_fiche(lang: str, content: Path, target: Path, texts: dict | None = None) -> Path:
    """The blank fiche filled in as a contributor does, saved at `target`."""
    texts = texts or (KOREAN if lang == "ko" else FRENCH)
    document = docx.Document(io.BytesIO(blank_fiche(lang, content)))
    fields, _photos = document.tables[0], document.tables[-1]
    for row in fields.rows:
        label = row.cells[0].paragraphs[0].text
        cell = row.cells[1]
        if label in texts["fields"]:
            value = texts["fields"][label]
            for index, line in enumerate(value if isinstance(value, list) else [value]):
                (cell.paragraphs[0] if index == 0 else cell.add_paragraph()).add_run(line)
        for paragraph in cell.paragraphs:  # check a box as people do: ☐ typed over as ☒
            label_text = paragraph.text[2:]
            if label_text in texts["themes"] or label_text == texts["country"]:
                for run in paragraph.runs:
                    run.text = run.text.replace("☐", "☒")
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    for heading in headings:
        lines = texts["sections"].get(heading.text, [])
        anchor = _after_explanation(heading)
        for line in lines:
            paragraph = anchor.insert_paragraph_before(line)
        if heading is headings[1]:
            _rich(document, anchor, texts)
    picture = photo(target.with_suffix(".jpg"))
    cell = _photos.rows[1].cells
    cell[0].paragraphs[0].add_run().add_picture(str(picture), width=docx.shared.Cm(5))
    cell[1].paragraphs[0].add_run(texts["photo"])
    document.save(target)
    return target


def _after_explanation(heading: Paragraph) -> Paragraph:
    """The empty paragraph the fiche leaves under a heading's explanation."""
    element = heading._p.getnext().getnext()  # noqa: SLF001
    return Paragraph(element, heading._parent)  # noqa: SLF001


def _rich(document, anchor: Paragraph, texts: dict) -> None:
    """A list, a paragraph with bold, italics and a link, and a table, before `anchor`."""
    for item in texts["list"]:
        anchor.insert_paragraph_before(item, style="List Bullet")
    bold, before, italic, middle, link, after = texts["rich"]
    paragraph = anchor.insert_paragraph_before("")
    paragraph.add_run(bold).bold = True
    paragraph.add_run(before)
    paragraph.add_run(italic).italic = True
    paragraph.add_run(middle)
    hyperlink(paragraph, "https://www.example.org/reglement", link)
    paragraph.add_run(after)
    rows = texts["table"]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(value)
    anchor._p.addprevious(table._tbl)  # noqa: SLF001


def hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK,
                                                   is_external=True))
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)  # noqa: SLF001


def free_document(target: Path) -> Path:
    """A report as a mairie writes one, not on the fiche."""
    document = docx.Document()
    document.add_heading("Jardins partagés au pied des immeubles", level=0)
    document.add_paragraph("Note de la direction des espaces verts, mars 2026.")
    document.add_heading("Origine du projet", level=1)
    document.add_paragraph("Les habitants du quartier des Fontaines demandaient des espaces "
                           "verts à cultiver eux-mêmes.")
    document.add_heading("Déroulement", level=1)
    for item in ("appel à candidatures auprès des locataires", "six parcelles de 20 m²",
                 "une convention avec le bailleur social"):
        document.add_paragraph(item, style="List Number")
    paragraph = document.add_paragraph("Voir aussi ")
    hyperlink(paragraph, "https://www.example.org/jardins", "la page du projet")
    document.add_heading("Bilan", level=1)
    document.add_paragraph("Quarante familles cultivent aujourd’hui les parcelles.")
    document.save(target)
    return target

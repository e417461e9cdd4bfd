"""Issue 19: each edition's e-mail says who sends it and how to leave, in its language.

The footer of both versions (HTML and text) names the publishers and their postal
addresses, the office that readers of the e-mail's language write to (a `mailto:` link),
the licence, the "about" page (absolute) and, when federation.yml names one, the mailing
tool's unsubscribe merge tag as a plain link. The HTML declares a light colour scheme, has
a padded preheader that says more than the subject, and puts the Windows Korean font
first. Checked on the tests' sample, built once for the run (`sample_site`), and on the
same content rendered with other merge tags.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import SAMPLE, SITE_URL, run

LANGS = ("fr", "ko")
EDITION = "2026-s1"
FEDERATION = yaml.safe_load((SAMPLE / "federation.yml").read_text(encoding="utf-8"))
UNSUBSCRIBE_LABEL = {"fr": "Se désabonner", "ko": "수신 거부"}
ZWNJ_NBSP = "\u200c\u00a0"


def _mail(site: Path, lang: str, edition: str = EDITION) -> tuple[str, str]:
    folder = site / lang / "editions" / edition
    return (folder / "email.html").read_text(encoding="utf-8"), \
        (folder / "email.txt").read_text(encoding="utf-8")


def _footer(html: str):  # type: ignore[no-untyped-def]
    [cell] = lxml_html.fromstring(html).xpath("//td[contains(@class, 'footer')]")
    return cell


def test_the_footer_names_publishers_addresses_office_licence_and_about(sample_site: Path) -> None:
    for lang in LANGS:
        html, _text = _mail(sample_site, lang)
        footer = _footer(html)
        words = " ".join(footer.text_content().split())
        for publisher in FEDERATION["publishers"]:
            assert publisher["names"][lang] in words, (lang, publisher["names"][lang])
            assert publisher["address"] in words
        # The other language's names are not there (the e-mail is in one language).
        other = "ko" if lang == "fr" else "fr"
        assert FEDERATION["publishers"][1]["names"][other] not in words
        # The Korean address keeps its language in the French e-mail.
        korean = footer.xpath("//span[@lang='ko']")
        assert [" ".join(s.text_content().split()) for s in korean] == (
            [FEDERATION["publishers"][1]["address"]] if lang == "fr" else [])
        # Readers write to the office of their side.
        office = FEDERATION["offices"][lang]
        assert office["names"][lang] in words
        [mailto] = footer.xpath("//a[starts-with(@href, 'mailto:')]")
        assert mailto.get("href") == f"mailto:{office['email']}"
        assert mailto.text_content() == office["email"]
        # Every licence, linked to its text; the "about" page, absolute.
        for licence in FEDERATION["licences"]:
            [link] = footer.xpath(f"//a[@href='{licence['url']}']")
            assert link.text_content() == licence["names"][lang]
        [about] = footer.xpath(f"//a[@href='{SITE_URL}{lang}/about/']")
        assert about.text_content() == {"fr": "À propos de la lettre", "ko": "발행 정보"}[lang]


def test_the_unsubscribe_merge_tag_is_a_plain_link(sample_site: Path) -> None:
    assert FEDERATION["unsubscribe"] == "*|UNSUB|*"
    for lang in LANGS:
        html, text = _mail(sample_site, lang)
        # Literally, unescaped, as the mailing tool looks for it.
        assert html.count('href="*|UNSUB|*"') == 1
        [link] = _footer(html).xpath("//a[@href='*|UNSUB|*']")
        assert link.text_content() == UNSUBSCRIBE_LABEL[lang]
        assert "*|UNSUB|*" in text


@pytest.fixture(scope="module")
def site_and_edition():  # type: ignore[no-untyped-def]
    from newsletter.content.editions import collect
    from newsletter.content.loading import load

    loaded = load(SAMPLE, history=False)
    assert loaded.content is not None, loaded.problems
    site = collect(loaded.content, dt.date(2026, 11, 28), False)
    return site, site.edition(EDITION)


@pytest.mark.parametrize("tag", ["*|UNSUB|*", "{{ unsubscribe }}", "$%unsubscribe%$", None])
def test_each_mailing_tool_s_tag_survives_and_none_leaves_no_link(site_and_edition,  # type: ignore[no-untyped-def]
                                                                  tag: str | None) -> None:
    """Mailchimp's, Brevo's and Stibee's tags reach the HTML as written (through MJML and
    css-inline) and the text version; without a tag, there is no unsubscribe line."""
    from newsletter.letters.email import render_email

    site, edition = site_and_edition
    site = dataclasses.replace(site, federation=dataclasses.replace(site.federation,
                                                                    unsubscribe=tag))
    for lang in LANGS:
        mail = render_email(site, edition, lang, SITE_URL, 1, None)
        if tag:
            assert f'href="{tag}"' in mail.html
            assert mail.text.rstrip().endswith(tag)
        else:
            assert UNSUBSCRIBE_LABEL[lang] not in mail.html + mail.text
            assert "UNSUB" not in mail.html.upper() + mail.text.upper()
            assert mail.text.rstrip().endswith(f"{SITE_URL}{lang}/about/")
            assert len(_footer(mail.html).xpath("//a[@href]")) >= 4  # the rest stays


def test_a_script_address_as_unsubscribe_tag_is_refused(content: Path) -> None:
    """The tag becomes a link's address in e-mails that are pages of the site too."""
    federation = content / "federation.yml"
    federation.write_text(federation.read_text(encoding="utf-8").replace(
        'unsubscribe: "*|UNSUB|*"', 'unsubscribe: "JavaScript:alert(1)"'), encoding="utf-8")
    result = run("check", "--lang", "ko", cwd=content)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(federation.read_text(encoding="utf-8").splitlines(),
                                           1) if text.startswith("unsubscribe:"))
    assert f"federation.yml:{line}:" in result.stdout + result.stderr
    assert '"JavaScript:" 주소는 쓸 수 없습니다' in result.stdout + result.stderr


def test_the_email_declares_a_light_colour_scheme(sample_site: Path) -> None:
    for lang in LANGS:
        html, _text = _mail(sample_site, lang)
        tree = lxml_html.fromstring(html)
        metas = {m.get("name"): m.get("content") for m in tree.xpath("//head/meta[@name]")}
        assert metas["color-scheme"] == "light" and metas["supported-color-schemes"] == "light"
        # On the root element: where the clients that read the property read it (caniemail).
        assert "color-scheme: light" in tree.get("style")
        assert tree.xpath("//style") == []


def test_the_preheader_says_more_than_the_subject_then_is_padded(sample_site: Path) -> None:
    expected = {"fr": ("1er\u00a0semestre 2026 · N°\u00a01 — 6 pratiques\u00a0: ",
                       "Issy-les-Moulineaux et Guro"),
                "ko": ("2026년 상반기 · 제1호 — 사례 6건: ", "이시레물리노시와 구로구")}
    for lang in LANGS:
        html, _text = _mail(sample_site, lang)
        body = lxml_html.fromstring(html).body
        hidden = body[0]  # the first thing in the body, before any visible text
        style = hidden.get("style").replace(" ", "")
        assert "display:none" in style and "max-height:0px" in style and "opacity:0" in style
        preheader = hidden.text_content()
        words, padding = preheader.split(ZWNJ_NBSP, 1)
        head, first_title = expected[lang]
        assert words.startswith(head + first_title), words
        assert len(words) <= 150
        subject = lxml_html.fromstring(html).findtext(".//title")
        assert words != subject and subject not in words
        # Padded, as e-mail developers do, so that no client pulls body text into it.
        assert (ZWNJ_NBSP + padding).count(ZWNJ_NBSP) >= 60
        assert (ZWNJ_NBSP + padding).replace(ZWNJ_NBSP, "") == ""
        assert "&nbsp;" in html.split(first_title, 1)[1][:200]  # written as entities


def test_the_korean_font_stack_starts_with_malgun_gothic(sample_site: Path) -> None:
    html, _text = _mail(sample_site, "ko")
    stacks = set(re.findall(r"font-family: ([^;\"]+)", html))
    assert stacks and all(s.startswith("'Malgun Gothic', '맑은 고딕', ") for s in stacks), stacks
    [stack] = stacks
    assert stack.index("Apple SD Gothic Neo") < stack.index("Noto Sans CJK KR")
    # Outlook's fallback, on each text block.
    assert html.count("mso-font-alt: 'Malgun Gothic'") == html.count("font-family: 'Malgun")
    french, _text = _mail(sample_site, "fr")
    assert "Malgun" not in french and "mso-font-alt" not in french


def test_the_sample_s_emails_stay_under_gmail_s_limit(sample_site: Path) -> None:
    for lang in LANGS:
        for edition in ("2026-s1", "2026-s2"):
            size = len((sample_site / lang / "editions" / edition / "email.html").read_bytes())
            assert size < 102 * 1024, (lang, edition, size)


def test_the_text_version_ends_with_the_same_footer(sample_site: Path) -> None:
    labels = {"fr": ("La lettre est publiée conjointement par\u00a0:", "Écrivez-nous\u00a0: ",
                     "À propos de la lettre\u00a0: ", "Se désabonner\u00a0: "),
              "ko": ("이 뉴스레터의 발행처는 다음과 같습니다.", "문의처: ", "발행 정보: ", "수신 거부: ")}
    for lang in LANGS:
        _html, text = _mail(sample_site, lang)
        assert text.endswith("\n") and "<" not in text.replace(f"<{SITE_URL}", "")
        published, write, about, unsubscribe = labels[lang]
        tail = text.rstrip("\n").split("\n")[-8:]
        publishers = FEDERATION["publishers"]
        office = FEDERATION["offices"][lang]
        assert tail[:3] == [published] + [f"- {p['names'][lang]}, {p['address']}"
                                          for p in publishers]
        assert tail[3] == ""
        assert tail[4] == f"{write}{office['names'][lang]}, {office['email']}"
        for licence in FEDERATION["licences"]:
            assert licence["names"][lang] in tail[5]
        assert tail[6:] == [f"{about}{SITE_URL}{lang}/about/", f"{unsubscribe}*|UNSUB|*"]

"""The body pipeline (Markdown -> sanitised HTML), with fixed cases and random ones."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsletter.content import markup

IMAGES = {"photo.png", "plan.svg"}
_UNSAFE_ELEMENTS = {"script", "style", "iframe", "object", "embed", "svg", "math", "base",
                    "link", "meta", "form", "input", "button", "textarea", "template",
                    "noscript", "frame", "frameset", "applet", "video", "audio", "source"}

TAGS = ["script", "img", "a", "svg", "math", "iframe", "textarea", "noscript", "style", "p",
        "h2", "details", "summary", "table", "td", "object", "embed", "form", "button",
        "input", "image", "use", "animate", "set", "mglyph", "mtext", "xmp", "template",
        "select", "option", "base", "link", "meta", "span", "div", "code", "pre"]
ATTRIBUTES = ["onclick", "onerror", "onload", "onfocus", "href", "src", "srcset", "style",
              "ping", "formaction", "action", "xlink:href", "id", "class", "autofocus",
              "tabindex", "background", "poster", "data", "title", "lang", "width", "height",
              "alt", "open", "dir", "name", "target"]
VALUES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
          "&#106;avascript:alert(1)", "&#x6A;avascript&colon;alert(1)", " javascript:alert(1)",
          "data:text/html,<script>alert(1)</script>", "data:image/png;base64,AAAA",
          "vbscript:msgbox(1)", "https://evil.example/x.png", "//evil.example/x.png",
          "/\\evil.example/x.png", "\\\\evil.example\\x.png", "photo.png", "plan.svg",
          "../autre/photo.png", "/photo.png", "background-image:url(https://evil.example)",
          "alert(1)", "x\" onerror=\"alert(1)", "x' onerror='alert(1)", "#ancre",
          "mailto:a@example.org", "tel:+33100000000", "https://example.org/ok", "100"]
WRAPPERS = ["<!--{}-->", "<!-->{}-->", "<!--{}--!>", "<![CDATA[{}]]>", "`{}`", "```\n{}\n```",
            "    {}", "> {}", "- {}", "## {}", "**{}**", "{}"]


@st.composite
def raw_tag(draw) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)),
                               max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    text = " ".join(f"{name}={quote}{value}{quote}" if quote or " " not in value
                    else f'{name}="{value}"' for name, value in attributes)
    inner = draw(st.sampled_from(["", "x", "<img src=x onerror=alert(1)>",
                                  f"</{tag}><img src=x onerror=alert(2)>", "</textarea><svg onload=alert(3)>"]))
    closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "/>"]))
    return f"<{tag} {text}>{inner}{closing}"


@st.composite
def markdown_construct(draw) -> str:
    url = draw(st.sampled_from(VALUES))
    name = draw(st.sampled_from(ATTRIBUTES))
    value = draw(st.sampled_from(VALUES)).replace("}", "")
    return draw(st.sampled_from([
        f"[lien]({url})", f"![image]({url})", f"<{url}>", f"[lien][r]\n\n[r]: {url}",
        f"## Titre {{: {name}=\"{value}\" }}", f"Paragraphe\n{{: {name}='{value}' }}",
        f"[lien](https://example.org){{: {name}=\"{value}\" }}",
        f"![image](photo.png){{: {name}=\"{value}\" }}",
        "| a | b |\n|:-:|--:|\n| 1 | 2 |", "!!! note \"Titre\"\n    Texte",
        f"<div markdown=\"1\">\n[x]({url})\n</div>", "Texte avec javascript: en prose",
    ]))


fragment = st.one_of(
    raw_tag(), markdown_construct(),
    st.builds(lambda wrapper, inner: wrapper.replace("{}", inner),
              st.sampled_from(WRAPPERS), st.one_of(raw_tag(), markdown_construct())),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
body = st.builds(lambda parts, joiner: joiner.join(parts),
                 st.lists(fragment, min_size=1, max_size=6),
                 st.sampled_from(["\n", "\n\n", " ", ""]))


def browser_scheme(url: str) -> str:
    """The scheme a browser reads in `url` (WHATWG URL: leading and trailing controls and
    spaces stripped, tabs and line breaks removed anywhere), or "" for a relative URL."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match[1].lower() if match else ""


def unsafe_parts(html: str) -> list[str]:
    """What, in HTML parsed as a browser does, could run code or load from elsewhere."""
    tree = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>")
    found = []
    for node in tree.body.traverse(include_text=False) if tree.body else ():
        if node.tag in _UNSAFE_ELEMENTS:
            found.append(f"<{node.tag}>")
        for name, value in (node.attributes or {}).items():
            value = value or ""
            if name.startswith("on") or name in ("style", "srcset", "ping", "formaction",
                                                 "action", "background", "poster", "data"):
                found.append(f"{name}= on <{node.tag}>")
            if name in ("href", "src", "xlink:href"):
                scheme = browser_scheme(value)
                if scheme not in ("", "http", "https", "mailto", "tel"):
                    found.append(f"{name}={value!r}")
            if name == "src" and value not in IMAGES:
                found.append(f"<img src={value!r}>")
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_no_body_yields_script_events_or_foreign_loads(text: str) -> None:
    html = markup.to_html(text, IMAGES)
    assert unsafe_parts(html) == [], (text, html)
    with_base = markup.to_html(text, IMAGES, base="https://lettre.example.org/fr/practices/x/")
    assert unsafe_parts(with_base.replace("https://lettre.example.org/fr/practices/x/", "")) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_check_reports_whatever_the_sanitiser_removes(text: str) -> None:
    html = markup.convert(text)
    removed = markup.removals(html, IMAGES)
    kept_all = markup.elements(markup.sanitise(html, IMAGES)) == markup.elements(html)
    assert (removed == []) == kept_all, (text, removed)
    if not markup.might_hold_removals(text):
        assert removed == [], text


def test_safe_markdown_goes_through_unchanged() -> None:
    text = ("## Contexte\n\nUn **texte** avec un [lien](https://example.org), "
            "une ![image](photo.png) et `<script>` en code.\n\n"
            "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n!!! note \"À retenir\"\n    Encadré.\n")
    html = markup.convert(text)
    assert markup.removals(html, IMAGES) == []
    clean = markup.sanitise(html, IMAGES)
    assert '<img alt="image" src="photo.png">' in clean or 'src="photo.png"' in clean
    assert "&lt;script&gt;" in clean and 'align="center"' in clean
    assert 'class="admonition note"' in clean and 'id="contexte"' in clean


def test_relative_links_become_absolute_for_feeds() -> None:
    html = markup.to_html("[autre](../autre/) ![plan](photo.png) [haut](#contexte)", IMAGES,
                          base="https://lettre.example.org/fr/practices/x/")
    assert 'href="https://lettre.example.org/fr/practices/autre/"' in html
    assert 'src="https://lettre.example.org/fr/practices/x/photo.png"' in html
    assert 'href="https://lettre.example.org/fr/practices/x/#contexte"' in html


def test_image_names_stay_in_the_page_folder() -> None:
    assert markup.image_name("photo.png") == "photo.png"
    assert markup.image_name("images/photo%201.png") == "images/photo 1.png"
    for outside in ("../x.png", "/x.png", "//h/x.png", "https://h/x.png", "/\\h/x.png",
                    "data:image/png;base64,AA", "a/../../x.png", "x.png?v=1"):
        assert markup.image_name(outside) is None, outside

"""What an SVG image may hold: opened on its own, an SVG is a document of the site's origin,
so it may run code or load files like a page. An allowlist, not a denylist: SVG shapes,
text, gradients, clips and masks, references inside the file only, the inert metadata that
drawing programs add (Inkscape, Sodipodi, RDF); anything else is refused with what to do.

Refused: any element of another namespace (an XHTML <script>, <iframe> or <img>), scripts,
animations (SMIL <set>/<animate> can rewrite a link into javascript:), <foreignObject>,
processing instructions (an xml-stylesheet loads a file), a DTD or entities, event
attributes, references to another file or site (href, src, url() — CSS escapes undone
first), a <use> of something that itself holds a <use> (10 bytes can then draw 10⁸ shapes),
and files of more than 50 000 elements.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from ..i18n import _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
INERT_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/AdobeIllustrator/10.0/",
})
"""What drawing programs add, which browsers ignore."""
ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "use", "symbol",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "style", "switch", "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix",
    "feMerge", "feMergeNode", "feFlood", "feComposite", "feDropShadow",
})
MAX_ELEMENTS = 50_000
_PROCESSING_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DANGEROUS_CSS = re.compile(r"@import|expression\s*\(|behavior\s*:|-moz-binding|image-set\s*\(",
                            re.I)
_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)


def css_text(value: str) -> str:
    """CSS as a browser reads it: escapes undone (`\\75 rl(` is `url(`), comments gone."""
    def unescape(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match[2]
    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(unescape, value))


def _loads_elsewhere(css: str) -> str | None:
    """What a piece of CSS (or an attribute value holding url()) loads, or None."""
    text = css_text(css)
    if _DANGEROUS_CSS.search(text):
        return text.strip()[:80]
    for _quote, target in _URL.findall(text):
        if not target.strip().startswith("#"):
            return target.strip()[:80]
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG is unsafe to publish, as a message, or None."""
    advice = _("export it again as plain shapes, or save it as PNG")
    if _PROCESSING_INSTRUCTION.search(data):
        return _("this SVG image holds a processing instruction (<?…?>), which can load a "
                 "file from elsewhere; {advice}").format(advice=advice)
    try:
        root = defused_fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError):
        return _("this SVG file cannot be read safely (it is malformed, or declares a DTD or "
                 "entities); {advice}").format(advice=advice)
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        return _("this SVG image holds {count} elements, more than a page can draw in "
                 "reasonable time ({limit}); save it as PNG").format(count=len(elements),
                                                                       limit=MAX_ELEMENTS)
    for element in elements:
        problem = _element_problem(element, advice)
        if problem:
            return problem
    return _use_problem(elements, advice)


def _element_problem(element: ElementTree.Element, advice: str) -> str | None:
    namespace, _brace, tag = str(element.tag).rpartition("}")
    namespace = namespace.lstrip("{")
    if namespace in INERT_NAMESPACES:
        return None
    if namespace != SVG or tag not in ELEMENTS:
        return _("this SVG image holds a <{tag}> element, which an image does not need and "
                 "which could run code or load content on the site; {advice}").format(
                     tag=tag, advice=advice)
    for attribute, value in element.attrib.items():
        space, _brace, local = attribute.rpartition("}")
        if space.lstrip("{") in INERT_NAMESPACES:
            continue
        if local.lower().startswith("on"):
            return _("this SVG image holds the attribute {name}=, which runs code; "
                     "{advice}").format(name=local.lower(), advice=advice)
        if local in ("href", "src") and not value.strip().startswith("#"):
            return _("this SVG image loads \"{value}\" from elsewhere, which the "
                     "newsletter never does; {advice}").format(value=value[:80], advice=advice)
        target = _loads_elsewhere(value) if ("url" in value.lower() or "\\" in value or
                                             local == "style") else None
        if target:
            return _("this SVG image loads \"{value}\" from elsewhere, which the "
                     "newsletter never does; {advice}").format(value=target, advice=advice)
    if tag == "style":
        target = _loads_elsewhere(element.text or "")
        if target:
            return _("this SVG image loads \"{value}\" from elsewhere, which the "
                     "newsletter never does; {advice}").format(value=target, advice=advice)
    return None


def _use_problem(elements: list[ElementTree.Element], advice: str) -> str | None:
    """A <use> of an element that holds a <use>: each level multiplies the shapes."""
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    use = f"{{{SVG}}}use"
    for element in elements:
        if element.tag != use:
            continue
        reference = (element.get("href") or element.get(f"{{{XLINK}}}href") or "").strip()
        target = by_id.get(reference[1:])
        if target is not None and any(child.tag == use for child in target.iter()):
            return _("this SVG image repeats shapes that repeat shapes (<use> inside what "
                     "<use> reuses), which can make millions of them; {advice}").format(
                         advice=advice)
    return None

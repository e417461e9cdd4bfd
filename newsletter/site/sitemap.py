"""`sitemap.xml` at the site's root: every public page, with its translations as
reciprocal hreflang alternates."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from .page import PageRef

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap(pages: list[PageRef], site_url: str) -> bytes:
    """`pages` of every language; a page is listed with the pages of the same url."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    base = site_url.rstrip("/") + "/"
    by_url: dict[str, list[PageRef]] = {}
    for page in pages:
        if page.public:
            by_url.setdefault(page.url, []).append(page)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in sorted(by_url):
        versions = sorted(by_url[url], key=lambda p: p.lang)
        for page in versions:
            entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = base + page.site_path
            for version in versions:
                ET.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate",
                              hreflang=version.lang, href=base + version.site_path)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

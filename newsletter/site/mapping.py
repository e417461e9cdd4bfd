"""The map of partner collectivities: inline SVG markup, made at build time.

Two insets side by side, each a frame with a caption: metropolitan France, and the
Korean peninsula (South Korea, with North Korea greyed and unlabelled). Each inset has
its own equirectangular projection, longitudes scaled by the cosine of its middle
latitude; both span the same latitudes and height, so they happen to share a scale.
Collectivities are circles (one colour per country) wrapped in links to their pages;
partnerships are quadratic Bézier curves between two circles, which may go from one
inset to the other.

The outlines come from `data/outlines.json` (Natural Earth via world-atlas, see
`data/OUTLINES.md`), read once. The markup references nothing outside itself (no
script, style element, font or image), every text and attribute value is escaped,
ids are prefixed, and the same arguments give the same bytes: coordinates are
rounded to tenths and formatted by hand.

Styling hooks (classes) for the site's CSS; presentation attributes give a readable
map without it:

    nl-map                     the root <svg>
    nl-map__frame              an inset's frame (a <rect>, light sea fill)
    nl-map__caption            an inset's caption
    nl-map__land               a country's outline, with nl-map__land--fr, --kr, --kp
    nl-map__link               a partnership curve
    nl-map__place              the <a> around a point and its label, with --fr / --kr
    nl-map__point              a circle, with nl-map__point--fr / --kr, and
                               nl-map__point--empty when the collectivity has no practice
    nl-map__label              a point's visible name
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from .map_labels import CAPTION_SIZE, FONT_SIZE, POINT_RADIUS, place_labels, spread
from .projection import INSETS, VIEW_HEIGHT, VIEW_WIDTH, coordinate, land_path

COUNTRIES = ("FR", "KR")

# -- layout, in viewBox units ------------------------------------------------------------
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans KR', sans-serif"

# Presentation attributes, so that the map reads without the site's CSS.
COLOURS = {
    "sea": "#f3f7fa",
    "frame": "#9aa7b4",
    "caption": "#33404d",
    "land": "#e3e8de",
    "land_stroke": "#8c9a86",
    "land_kp": "#eeeeee",
    "land_kp_stroke": "#c4c4c4",
    "point_FR": "#1d4f91",
    "point_KR": "#c0392b",
    "link": "#6c4f8f",
    "label": "#1f2933",
}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_ID_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


@dataclass(frozen=True)
class MapPoint:
    """A collectivity on the map."""

    key: str            # collectivity key, e.g. "tours"; unique on a map
    label: str          # plain text name in the page's language (escaped here)
    lat: float
    lon: float
    country: str        # "FR" or "KR": the inset the point is drawn in
    href: str           # relative link to the collectivity's page
    has_practices: bool = True


@dataclass(frozen=True)
class MapLink:
    """A partnership between two collectivities, drawn as a curve."""

    a: str              # key of a MapPoint
    b: str              # key of a MapPoint
    label: str          # plain text, e.g. "Tours — Suwon (2008)"


# -- validation ----------------------------------------------------------------------------

def _check_href(point: MapPoint) -> None:
    """Only relative links: no scheme, no other host, nothing a browser would rewrite."""
    href = point.href
    if (not href or any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in href)
            or "\\" in href or href.startswith("//") or _SCHEME.match(href)):
        raise ValueError(f"map point {point.key!r}: href {href!r} is not a relative link")


def _check(points: Sequence[MapPoint], links: Sequence[MapLink], id_prefix: str,
           inset_titles: Mapping[str, str]) -> None:
    if not _ID_PREFIX.match(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} must be a letter then letters, digits, - or _")
    missing = [c for c in COUNTRIES if c not in inset_titles]
    if missing:
        raise ValueError(f"inset_titles lacks a caption for {', '.join(missing)}")
    keys: set[str] = set()
    for point in points:
        if point.key in keys:
            raise ValueError(f"two map points have the key {point.key!r}")
        keys.add(point.key)
        if point.country not in INSETS:
            raise ValueError(f"map point {point.key!r}: country {point.country!r} "
                             f"is not one of {', '.join(COUNTRIES)}")
        inset = INSETS[point.country]
        if not inset.contains(point.lat, point.lon):
            raise ValueError(
                f"map point {point.key!r} ({point.label}) at lat {point.lat}, lon {point.lon} "
                f"is outside the {point.country} inset ({inset.describe()}): "
                f"check its coordinates (latitude first) and its country")
        _check_href(point)
    for link in links:
        for end in (link.a, link.b):
            if end not in keys:
                raise ValueError(f"map link {link.label!r}: no map point has the key {end!r}")
        if link.a == link.b:
            raise ValueError(f"map link {link.label!r} joins {link.a!r} to itself")


# -- rendering -----------------------------------------------------------------------------

def _attr(value: str) -> str:
    return escape(value, quote=True)


def _curve(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A quadratic Bézier bowing upwards by a quarter of its length, kept in the viewBox."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    nx, ny = (dy / length, -dx / length) if length else (0.0, -1.0)
    if ny > 0 or (ny == 0 and nx > 0):      # the normal pointing up (or left)
        nx, ny = -nx, -ny
    bow = 0.25 * length
    cx = min(max((x1 + x2) / 2 + nx * bow, 0.0), VIEW_WIDTH)
    cy = min(max((y1 + y2) / 2 + ny * bow, 0.0), VIEW_HEIGHT)
    return f"M{coordinate(x1)} {coordinate(y1)}Q{coordinate(cx)} {coordinate(cy)} {coordinate(x2)} {coordinate(y2)}"


def render_map(points: Sequence[MapPoint], links: Sequence[MapLink], title: str,
               description: str, lang: str, *, inset_titles: Mapping[str, str],
               id_prefix: str = "nl-map") -> str:
    """Inline SVG markup of the map: France and the Korean peninsula side by side.

    points: the collectivities, each drawn in the inset of its `country` ("FR" or
        "KR") as a circle in a link (`<a href>`, named by its label) to `href`, which
        must be relative; the label is drawn beside the point unless it would collide
        with another label or point (points with practices are labelled first, then
        in the given order, which is also the keyboard order).
    links: partnerships, drawn as curves between their two points, under the points.
    title, description: the map's accessible name and description (<title>, <desc>).
    lang: the language of the texts, set on the root element.
    inset_titles: the captions of the insets, by country: {"FR": ..., "KR": ...}.
    id_prefix: prefix of the two ids used (`<prefix>-title`, `<prefix>-desc`); change
        it when a page holds more than one map.

    Raises ValueError for a point outside its country's inset (a swapped latitude and
    longitude, say), an unknown country, a duplicate key, a non-relative href, a link
    to an unknown key, or a missing caption.
    """
    _check(points, links, id_prefix, inset_titles)
    at = spread({p.key: INSETS[p.country].project(p.lon, p.lat) for p in points})
    labels = place_labels(points, at, inset_titles)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    c = COLOURS
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="nl-map" '
        f'viewBox="0 0 {coordinate(VIEW_WIDTH)} {coordinate(VIEW_HEIGHT)}" role="group" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" lang="{_attr(lang)}" '
        f'font-family="{_attr(FONT_FAMILY)}">',
        f'<title id="{title_id}">{_attr(title)}</title>',
        f'<desc id="{desc_id}">{_attr(description)}</desc>',
    ]
    for inset in INSETS.values():
        out.append(
            f'<g class="nl-map__inset nl-map__inset--{inset.country.lower()}">'
            f'<rect class="nl-map__frame" x="{coordinate(inset.x)}" y="{coordinate(inset.y)}" '
            f'width="{coordinate(inset.width)}" height="{coordinate(inset.height)}" fill="{c["sea"]}" '
            f'stroke="{c["frame"]}" stroke-width="1"/>')
        for region in inset.regions:
            greyed = region == "KP"
            out.append(
                f'<path class="nl-map__land nl-map__land--{region.lower()}" '
                f'fill="{c["land_kp"] if greyed else c["land"]}" '
                f'stroke="{c["land_kp_stroke"] if greyed else c["land_stroke"]}" '
                f'stroke-width="0.7" stroke-linejoin="round" fill-rule="evenodd" '
                f'd="{land_path(region)}"/>')
        out.append(
            f'<text class="nl-map__caption" x="{coordinate(inset.x + 8)}" '
            f'y="{coordinate(inset.y + 8 + CAPTION_SIZE)}" font-size="{coordinate(CAPTION_SIZE)}" '
            f'font-weight="bold" fill="{c["caption"]}">'
            f'{_attr(inset_titles[inset.country])}</text></g>')
    if links:
        out.append(f'<g class="nl-map__links" fill="none" stroke="{c["link"]}" '
                   f'stroke-width="1.4" stroke-opacity="0.75" stroke-linecap="round">')
        for link in links:
            out.append(f'<path class="nl-map__link" d="{_curve(at[link.a], at[link.b])}">'
                       f'<title>{_attr(link.label)}</title></path>')
        out.append("</g>")
    out.append('<g class="nl-map__places">')
    for point in points:
        x, y = at[point.key]
        country = point.country.lower()
        colour = c["point_" + point.country]
        empty = "" if point.has_practices else " nl-map__point--empty"
        fill = colour if point.has_practices else "#ffffff"
        stroke = "#ffffff" if point.has_practices else colour
        label = _attr(point.label)
        out.append(
            f'<a class="nl-map__place nl-map__place--{country}" href="{_attr(point.href)}" '
            f'aria-label="{label}"><title>{label}</title>'
            f'<circle class="nl-map__point nl-map__point--{country}{empty}" '
            f'cx="{coordinate(x)}" cy="{coordinate(y)}" r="{coordinate(POINT_RADIUS)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>')
        if point.key in labels:
            placed = labels[point.key]
            if placed.leader is not None:  # a label away from its point, in a crowd
                lx, ly = placed.leader
                length = max(math.hypot(lx - x, ly - y), 1e-6)
                sx, sy = x + (lx - x) / length * POINT_RADIUS, y + (ly - y) / length * POINT_RADIUS
                out.append(
                    f'<line class="nl-map__leader" x1="{coordinate(sx)}" y1="{coordinate(sy)}" '
                    f'x2="{coordinate(placed.leader[0])}" y2="{coordinate(placed.leader[1])}" '
                    f'stroke="{c["label"]}" stroke-width="0.8"/>')
            out.append(
                f'<text class="nl-map__label" x="{coordinate(placed.x)}" y="{coordinate(placed.y)}" '
                f'text-anchor="{placed.anchor}" font-size="{coordinate(FONT_SIZE)}" '
                f'fill="{c["label"]}" stroke="#ffffff" stroke-width="5" stroke-linejoin="round" '
                f'paint-order="stroke">{label}</text>')
        out.append("</a>")
    out.append("</g></svg>")
    return "\n".join(out) + "\n"

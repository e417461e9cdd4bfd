"""The map's geometry: each country's box (`content.geography`) projected into a framed
inset of the viewBox, the outlines of `data/outlines.json` as SVG paths, and numbers
written as stable text (rounded to tenths, formatted by hand: the same map, the same bytes).
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.geography import MAP_BOUNDS, Bounds

OUTLINES = Path(__file__).resolve().parent.parent / "data" / "outlines.json"
MARGIN = 8.0
GAP = 16.0
INSET_HEIGHT = 480.0


@dataclass(frozen=True)
class Inset:
    """One framed map: a country's box (`content.geography`) projected into a rectangle
    of the viewBox."""

    bounds: Bounds
    regions: tuple[str, ...]        # outlines drawn in it, bottom first
    x: float                        # the frame's top left corner, in viewBox units
    y: float

    @property
    def country(self) -> str:
        return self.bounds.country

    @property
    def kx(self) -> float:
        """Length of a degree of longitude relative to one of latitude, mid-inset."""
        return math.cos(math.radians((self.bounds.lat_min + self.bounds.lat_max) / 2))

    @property
    def scale(self) -> float:
        """viewBox units per degree of latitude."""
        return INSET_HEIGHT / (self.bounds.lat_max - self.bounds.lat_min)

    @property
    def width(self) -> float:
        return (self.bounds.lon_max - self.bounds.lon_min) * self.kx * self.scale

    @property
    def height(self) -> float:
        return INSET_HEIGHT

    def contains(self, lat: float, lon: float) -> bool:
        return self.bounds.contains(lat, lon)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """viewBox coordinates of a position."""
        box = self.bounds
        return (self.x + (lon - box.lon_min) * self.kx * self.scale,
                self.y + (box.lat_max - lat) * self.scale)

    def describe(self) -> str:
        box = self.bounds
        return f"lat {box.lat_min:g} to {box.lat_max:g}, lon {box.lon_min:g} to {box.lon_max:g}"


def _layout() -> tuple[Inset, Inset]:
    france = Inset(MAP_BOUNDS["FR"], ("FR",), MARGIN, MARGIN)
    korea = Inset(MAP_BOUNDS["KR"], ("KP", "KR"), france.x + france.width + GAP, MARGIN)
    return france, korea


INSETS: dict[str, Inset] = {inset.country: inset for inset in _layout()}
VIEW_WIDTH = max(i.x + i.width for i in INSETS.values()) + MARGIN
VIEW_HEIGHT = max(i.y + i.height for i in INSETS.values()) + MARGIN


# -- number formatting: tenths, by hand, so that output is stable -------------------------

def tenths(value: float) -> int:
    return math.floor(value * 10 + 0.5)


def number_text(tenths: int) -> str:
    """A number of tenths as compact decimal text: 125 -> "12.5", -30 -> "-3", 0 -> "0"."""
    whole, tenth = divmod(abs(tenths), 10)
    text = str(whole) if tenth == 0 else f"{whole}.{tenth}"
    return "-" + text if tenths < 0 else text


def coordinate(value: float) -> str:
    return number_text(tenths(value))


def pair_text(dx: int, dy: int) -> str:
    """Two numbers of a path, separated only when the second has no minus sign."""
    second = number_text(dy)
    return number_text(dx) + ("" if second.startswith("-") else " ") + second


# -- outlines ------------------------------------------------------------------------------

@functools.cache
def load_outlines() -> dict:
    """The outlines file: {"source", "licence", "method", "regions": {code: [ring, ...]}}."""
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


def ring_path(ring: Sequence[Sequence[float]], inset: Inset) -> str:
    """A closed subpath, relative after its first position; "" when it collapses."""
    positions: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = inset.project(lon, lat)
        position = (tenths(x), tenths(y))
        if not positions or positions[-1] != position:
            positions.append(position)
    if len(positions) > 1 and positions[0] == positions[-1]:
        positions.pop()
    if len(positions) < 3:
        return ""
    parts = ["M" + pair_text(*positions[0]), "l"]
    for (x1, y1), (x2, y2) in zip(positions, positions[1:]):
        step = pair_text(x2 - x1, y2 - y1)
        if len(parts) > 2 and not step.startswith("-"):
            parts.append(" ")
        parts.append(step)
    parts.append("z")
    return "".join(parts)


@functools.cache
def land_path(region: str) -> str:
    """The `d` of a region's outline in its inset (cached: it depends on nothing else)."""
    inset = INSETS["FR"] if region == "FR" else INSETS["KR"]
    rings = load_outlines()["regions"][region]
    return "".join(ring_path(ring, inset) for ring in rings)

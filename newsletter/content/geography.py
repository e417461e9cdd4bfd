"""Where the collectivities of each country may lie: the box of the country's map.

A fact of the content, not of the drawing: `check` refuses a position outside its
country's box (latitude and longitude swapped, a sign lost), and the map (`site.mapping`)
projects each box into its frame.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bounds:
    """A longitude/latitude box, in decimal degrees."""

    country: str
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the position is in the box (False for NaN)."""
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max


MAP_BOUNDS: dict[str, Bounds] = {
    "FR": Bounds("FR", -5.5, 10.0, 41.0, 51.5),   # metropolitan France
    "KR": Bounds("KR", 123.5, 131.5, 32.8, 43.3),  # Korea
}

#!/usr/bin/env python3
"""Rewrite newsletter/data/outlines.json from the npm package `world-atlas`.

    cd /tmp && npm pack world-atlas && mkdir wa && tar xzf world-atlas-*.tgz -C wa
    python bench/make_outlines.py /tmp/wa/package [--tolerance DEG] [--out PATH]

Reads `countries-10m.json` (Natural Earth 1:10m Admin 0 countries, public domain, as
TopoJSON; the 1:50m file has only ~170 positions for South Korea's mainland, too
coarse for its west and south coasts) and keeps three regions, by ISO 3166-1
numeric id:

- FR (250): metropolitan France only: the polygons whose every point lies in the
  box 6°W–10°E, 41°N–52°N (mainland and Corsica; overseas territories are left out);
- KR (410): South Korea;
- KP (408): North Korea (drawn greyed on the map, to show the whole peninsula).

The TopoJSON is decoded here (standard library only, no network): each arc is
delta-encoded and quantized, so its positions are the running sums of its deltas,
then scaled and translated by the topology's `transform`; a ring is the chain of its
arcs, where an index `~i` (that is `-i - 1`) means arc `i` reversed, and each arc
after the first drops its first position (the previous arc's last one).

Simplification is Ramer–Douglas–Peucker on each *arc*, before rings are assembled,
with the arc's end points kept: a border shared by two countries (the one between
KR and KP) is simplified once, so the two outlines still meet exactly. Distances
are measured in degrees with longitudes scaled by cos(latitude) of the region, so
the tolerance is about the same on the ground in both directions. Rings left with
fewer than 4 positions, or smaller than MIN_AREA_KM2, are dropped (islets that
would be a speck at the map's scale). Coordinates are rounded to 3 decimals
(about 100 m), and consecutive duplicates after rounding are removed.

Output: {"source", "licence", "method", "regions": {"FR": [ring, ...], ...}} where
a ring is a closed list of [lon, lat] (first position == last position). Rings are
outer boundaries or holes (the only hole, Llivia, is under MIN_AREA_KM2); draw them
with fill-rule="evenodd".
The same input and options give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "newsletter" / "data" / "outlines.json"
SOURCE_FILE = "countries-10m.json"

REGIONS = {"FR": "250", "KR": "410", "KP": "408"}
# (min lon, min lat, max lon, max lat): polygons outside this box are not metropolitan France.
METROPOLITAN_FRANCE = (-6.0, 41.0, 10.0, 52.0)
# Latitude at which longitudes are scaled for distances and areas, per region.
REFERENCE_LAT = {"FR": 46.5, "KR": 37.5, "KP": 37.5}
DEFAULT_TOLERANCE = 0.008   # degrees of latitude, about 0.9 km (under half a pixel on the map)
MIN_AREA_KM2 = 40.0
KM_PER_DEGREE = 111.32
DECIMALS = 3

Point = tuple[float, float]


# -- TopoJSON decoding ------------------------------------------------------------------

def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc of the topology, as absolute [lon, lat] positions."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:           # not quantized: positions are absolute already
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        positions: list[Point] = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            positions.append((x * sx + tx, y * sy + ty))
        arcs.append(positions)
    return arcs


def ring_of(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """The ring made by chaining arcs; `~i` is arc i reversed."""
    ring: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's polygons, each a list of rings of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    raise ValueError(f"unexpected geometry type {geometry['type']!r}")


# -- simplification ---------------------------------------------------------------------

def rdp(points: list[Point], tolerance: float, kx: float) -> list[Point]:
    """Ramer–Douglas–Peucker, end points kept; x distances are scaled by kx.

    Iterative (a stack of spans) so that long arcs do not hit the recursion limit.
    A closed arc (first == last) is split at the position farthest from its start.
    """
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        x0, y0 = points[0]
        far = max(range(1, len(points) - 1),
                  key=lambda i: ((points[i][0] - x0) * kx) ** 2 + (points[i][1] - y0) ** 2)
        return rdp(points[:far + 1], tolerance, kx)[:-1] + rdp(points[far:], tolerance, kx)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first][0] * kx, points[first][1]
        bx, by = points[last][0] * kx, points[last][1]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i][0] * kx, points[i][1]
            if length == 0.0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dx * (ay - py) - dy * (ax - px)) / length
            if distance > worst:
                worst, worst_index = distance, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, kept in zip(points, keep) if kept]


def area_km2(ring: list[Point], reference_lat: float) -> float:
    """Absolute area of a ring (shoelace formula on a local equirectangular plane)."""
    kx = math.cos(math.radians(reference_lat))
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += x1 * kx * y2 - x2 * kx * y1
    return abs(total) / 2 * KM_PER_DEGREE ** 2


def in_box(ring: list[Point], box: tuple[float, float, float, float]) -> bool:
    return all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in ring)


def rounded(ring: list[Point]) -> list[list[float]]:
    """Positions rounded to DECIMALS, consecutive duplicates removed, ring closed."""
    out: list[list[float]] = []
    for x, y in ring:
        position = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != position:
            out.append(position)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


# -- assembly -----------------------------------------------------------------------------

def extract(topology: dict, tolerance: float) -> dict[str, list[list[list[float]]]]:
    arcs = decode_arcs(topology)
    geometries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    # Simplify each arc once, so that shared borders stay shared. An arc used by two
    # regions is simplified with the first region's scale (KR and KP share theirs).
    simplified: dict[int, list[Point]] = {}
    regions: dict[str, list[list[list[float]]]] = {}
    for code, iso in REGIONS.items():
        geometry = geometries.get(iso)
        if geometry is None:
            raise SystemExit(f"{SOURCE_FILE} has no country with id {iso} ({code})")
        kx = math.cos(math.radians(REFERENCE_LAT[code]))
        rings: list[list[list[float]]] = []
        for polygon in polygons_of(geometry):
            full = [ring_of(indexes, arcs) for indexes in polygon]
            if code == "FR" and not in_box(full[0], METROPOLITAN_FRANCE):
                continue
            for indexes in polygon:
                for index in indexes:
                    i = index if index >= 0 else ~index
                    if i not in simplified:
                        simplified[i] = rdp(arcs[i], tolerance, kx)
                ring = rounded(ring_of(indexes, simplified))
                if len(ring) < 4 or area_km2([tuple(p) for p in ring[:-1]],
                                             REFERENCE_LAT[code]) < MIN_AREA_KM2:
                    continue
                rings.append(ring)
        # Largest ring first (mainland, then islands): a stable, readable order.
        rings.sort(key=lambda r: (-area_km2([tuple(p) for p in r[:-1]], REFERENCE_LAT[code]), r))
        regions[code] = rings
    return regions


def dump(document: dict) -> str:
    """JSON with one ring per line: small, stable and readable in a diff."""
    head = {k: v for k, v in document.items() if k != "regions"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "regions": {')
    codes = list(document["regions"])
    for n, code in enumerate(codes):
        rings = document["regions"][code]
        lines.append(f"    {json.dumps(code)}: [")
        for m, ring in enumerate(rings):
            comma = "," if m < len(rings) - 1 else ""
            lines.append("      " + json.dumps(ring, separators=(",", ":")) + comma)
        lines.append("    ]" + ("," if n < len(codes) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas tarball (its package/ folder)")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                        help=f"RDP tolerance in degrees of latitude (default {DEFAULT_TOLERANCE})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    manifest = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((args.package / SOURCE_FILE).read_text(encoding="utf-8"))
    regions = extract(topology, args.tolerance)
    document = {
        "source": (f"Natural Earth 1:10m Admin 0 countries (v4.1.0), via the npm package "
                   f"world-atlas {manifest['version']}, file {SOURCE_FILE}"),
        "licence": ("Natural Earth data: public domain (naturalearthdata.com/about/terms-of-use); "
                    "world-atlas packaging: ISC licence, Michael Bostock"),
        "method": (f"bench/make_outlines.py: TopoJSON decoded, arcs simplified with "
                   f"Ramer-Douglas-Peucker (tolerance {args.tolerance} deg), rings under "
                   f"{MIN_AREA_KM2:g} km2 dropped, coordinates rounded to {DECIMALS} decimals"),
        "regions": regions,
    }
    text = dump(document)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    counts = ", ".join(f"{code}: {len(rings)} rings, {sum(len(r) for r in rings)} positions"
                       for code, rings in regions.items())
    print(f"{args.out}: {len(text.encode())} bytes ({counts})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

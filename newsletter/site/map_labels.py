"""Where the map's points and labels go: points that would overlap are spread apart so
that each stays visible and clickable, and every collectivity with practices gets a
readable label — beside its point when there is room, else further away on a leader
line (a crowded cluster such as Seoul's). Points without practices (partners) are
labelled when there is room.

Coordinates are viewBox units; boxes are (x0, y0, x1, y1). Pure functions: the same
points give the same places.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .projection import INSETS

FONT_SIZE = 11.0
CAPTION_SIZE = 13.0
POINT_RADIUS = 4.5
LABEL_GAP = 3.0
ASCENT, DESCENT = 0.78 * FONT_SIZE, 0.24 * FONT_SIZE
Box = tuple[float, float, float, float]
Position = tuple[float, float]


class Labelled(Protocol):
    key: str
    label: str
    country: str
    has_practices: bool


@dataclass(frozen=True)
class Label:
    """A label: its anchor (x, baseline y, text-anchor) and, when it stands away from its
    point, the end of its leader line on the label's side."""

    x: float
    y: float
    anchor: str
    leader: Position | None = None


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Rough advance width of a text: CJK and other wide characters take a full em."""
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            em += 1.0
        elif unicodedata.combining(char):
            continue
        elif char in "il.,'’ |!:;":
            em += 0.3
        elif char.isupper() or char in "mwMW":
            em += 0.72
        else:
            em += 0.56
    return em * size


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def spread(at: Mapping[str, Position], rounds: int = 60) -> dict[str, Position]:
    """The points moved apart, as little as needed, until no two circles overlap (a town
    3 units from another, a district inside its city): each pair closer than two radii
    plus a gap is pushed apart along the line between them (or sideways, by key order,
    when they coincide)."""
    moved = dict(at)
    keys = sorted(moved)
    least = 2 * POINT_RADIUS + 1.5
    for _round in range(rounds):
        settled = True
        for index, first in enumerate(keys):
            for second in keys[index + 1:]:
                (x1, y1), (x2, y2) = moved[first], moved[second]
                distance = math.hypot(x2 - x1, y2 - y1)
                if distance >= least - 1e-6:
                    continue
                settled = False
                ux, uy = ((x2 - x1) / distance, (y2 - y1) / distance) if distance > 1e-6 else (1.0, 0.0)
                push = (least - distance) / 2 + 0.01
                moved[first] = (x1 - ux * push, y1 - uy * push)
                moved[second] = (x2 + ux * push, y2 + uy * push)
        if settled:
            break
    return moved


def _box(x: float, y: float, anchor: str, width: float) -> Box:
    x0 = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (x0 - 1, y - ASCENT - 1, x0 + width + 1, y + DESCENT + 1)


def _beside(x: float, y: float) -> list[tuple[float, float, str]]:
    """Right, left, above, below the point, then the four corners."""
    d = POINT_RADIUS + LABEL_GAP
    middle = y + ASCENT / 2 - 1
    return [(x + d, middle, "start"), (x - d, middle, "end"), (x, y - d - DESCENT, "middle"),
            (x, y + d + ASCENT, "middle"), (x + d * 0.8, y - d * 0.8, "start"),
            (x - d * 0.8, y - d * 0.8, "end"), (x + d * 0.8, y + d + ASCENT * 0.6, "start"),
            (x - d * 0.8, y + d + ASCENT * 0.6, "end")]


def _away(x: float, y: float) -> list[tuple[float, float, str, Position]]:
    """Further and further from the point, all around it, each with its leader's end."""
    found = []
    for distance in range(18, 190, 12):
        for step in range(16):
            angle = math.pi * 2 * step / 16
            lx, ly = x + distance * math.cos(angle), y - distance * math.sin(angle)
            anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 \
                else "middle"
            baseline = ly + ASCENT / 2 - 1
            end = (lx, ly) if anchor != "middle" else \
                (lx, ly + ASCENT / 2 + 1 if math.sin(angle) > 0 else ly - ASCENT / 2 - 1)
            found.append((lx, baseline, anchor, end))
    return found


def place_labels(points: Sequence[Labelled], at: Mapping[str, Position],
                 inset_titles: Mapping[str, str]) -> dict[str, Label]:
    """Where each label goes. Points with practices first, then the others in the given
    order; each takes the first place, beside its point and then further away on a
    leader line, that stays in its inset's frame (clear of the caption) and overlaps
    neither a placed label nor a point. A point with practices always gets one; another
    point only when it has room beside it."""
    r = POINT_RADIUS
    points_boxes = {key: (x - r - 1, y - r - 1, x + r + 1, y + r + 1) for key, (x, y) in at.items()}
    obstacles: list[Box] = list(points_boxes.values())
    for inset in INSETS.values():  # the captions
        width = text_width(inset_titles[inset.country], CAPTION_SIZE) * 1.1
        obstacles.append((inset.x, inset.y, inset.x + 12 + width, inset.y + CAPTION_SIZE + 12))
    placed: dict[str, Label] = {}
    order = sorted(range(len(points)), key=lambda i: (not points[i].has_practices, i))
    for i in order:
        point = points[i]
        x, y = at[point.key]
        inset = INSETS[point.country]
        width = text_width(point.label)
        own = points_boxes[point.key]

        def free(box: Box) -> bool:
            inside = (box[0] >= inset.x + 2 and box[2] <= inset.x + inset.width - 2
                      and box[1] >= inset.y + 2 and box[3] <= inset.y + inset.height - 2)
            return inside and not any(overlaps(box, o) for o in obstacles if o != own)

        label = next((Label(tx, ty, anchor) for tx, ty, anchor in _beside(x, y)
                      if free(_box(tx, ty, anchor, width))), None)
        if label is None and point.has_practices:
            label = next((Label(tx, ty, anchor, end) for tx, ty, anchor, end in _away(x, y)
                          if free(_box(tx, ty, anchor, width))), None)
        if label is not None:
            placed[point.key] = label
            obstacles.append(_box(label.x, label.y, label.anchor, width))
    return placed

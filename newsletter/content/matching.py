"""Suggested practices: what the other country has done on the themes a collectivity
looks for.

A collectivity of the directory declares its interests (theme keys). The practices
suggested to it are the published practices of the other country whose themes meet
those interests (except those it took part in as a partner: it knows them), ranked by:

1. theme overlap: more shared themes first;
2. size: the collectivity's own size band first ("même taille" / "비슷한 규모");
3. recency: the newest edition first, then the newest practice;

and by slug, so that the order never depends on anything else. Pure functions of
model values: no file, no template, no language.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Collectivity, Practice


@dataclass(frozen=True)
class Suggestion:
    """A practice suggested to a collectivity, and why."""

    practice: Practice
    themes: tuple[str, ...]
    """The practice's themes that the collectivity is interested in, in the practice's order."""
    same_size: bool
    """The practice's size band is the collectivity's."""


def suggest(collectivity: Collectivity, practices: Iterable[Practice],
            published: Mapping[str, dt.date]) -> list[Suggestion]:
    """Every practice worth suggesting to `collectivity`, best first.

    `published`: the publication date of each published edition, by id; a practice
    of any other edition (a draft shown in a preview) is never suggested.
    """
    interests = set(collectivity.interests)
    found = []
    for practice in practices:
        if practice.country == collectivity.country or practice.edition not in published \
                or collectivity.key in practice.partner_keys:
            continue  # its own country's, a draft, or one it took part in
        shared = tuple(key for key in practice.themes if key in interests)
        if shared:
            found.append(Suggestion(practice, shared, collectivity.size is not None
                                    and practice.size == collectivity.size))
    found.sort(key=lambda s: s.practice.slug)
    found.sort(key=lambda s: (len(s.themes), s.same_size, published[s.practice.edition],
                              s.practice.date), reverse=True)
    return found


def unmet_interests(collectivity: Collectivity, suggestions: Iterable[Suggestion]) -> tuple[str, ...]:
    """The collectivity's interests that no suggested practice meets, in its order."""
    met = {key for suggestion in suggestions for key in suggestion.themes}
    return tuple(key for key in collectivity.interests if key not in met)

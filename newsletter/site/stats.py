"""Statistics: how many practices per theme, size, country and edition, as charts.

The charts are drawn at build time as inline SVG (no chart library, nothing
loaded from another host): horizontal bars, each with its label written above
it and its number written at its end, so that a chart reads without colour.
The same numbers go into an HTML table on the page (templates/stats.html.j2).
Pure functions: nothing here reads or writes files.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from babel import Locale
from markupsafe import Markup

from .. import i18n
from ..content import typography
from ..content.editions import Site
from ..i18n import N_

CHART_KEYS: tuple[str, ...] = ("themes", "sizes", "countries", "editions")
"""The charts of the page, in display order."""

COUNTRIES: tuple[str, ...] = ("FR", "KR")
"""Always shown, even with no practice: the newsletter is an exchange between the two."""


@dataclass(frozen=True)
class Bar:
    """One row of a chart."""

    label: str
    """Plain text."""
    count: int
    lang: str | None = None
    """The label's language when it is not the page's (then marked with `lang`)."""


@dataclass(frozen=True)
class Chart:
    key: str
    """themes, sizes, countries or editions: also the base of the chart's ids."""
    title: str
    """Plain text, in the page's language."""
    bars: tuple[Bar, ...]
    svg: Markup
    """The chart as an inline <svg> element, ready to put into a page."""


# Drawing, in SVG user units (px at scale 1). The chart is narrow enough
# (about 320 units, or the longest label) to show at full size in the content
# column of a 360 px screen: a label above its bar rather than beside it keeps
# the text at its real size instead of shrinking it with the whole drawing.
FONT_SIZE = 14
MIN_WIDTH = 320
PAD = 2
LABEL_GAP = 12
"""Between the column of labels and the bars' common baseline."""
BAR_ROOM = 200
"""The longest bar."""
BAR_TOP = 6
BAR_HEIGHT = 20
ROW_HEIGHT = 32
TEXT_BASELINE = BAR_TOP + 15
COUNT_GAP = 6
TEXT_COLOUR = "#1f1f1f"
BAR_COLOUR = "#3f51b5"
BAR_OUTLINE = "#1a237e"


def charts(site: Site, lang: str) -> list[Chart]:
    """The statistics page's charts for readers of `lang`.

    A practice counts once in each of its themes; sizes and themes are those in
    use, in the taxonomy's order; editions go from the oldest to the newest.
    """
    gettext = i18n.catalog(lang).gettext
    practices = site.practices
    territories = Locale.parse(lang).territories

    themes = tuple(Bar(site.taxonomy.theme(key).label(lang), len(site.with_theme(key)))
                   for key in site.themes_in_use)
    sizes = tuple(Bar(site.taxonomy.size(key).label(lang), len(site.with_size(key)))
                  for key in site.sizes_in_use)
    codes = list(COUNTRIES) + sorted({p.country for p in practices} - set(COUNTRIES))
    countries = tuple(Bar(territories.get(code, code), sum(p.country == code for p in practices))
                      for code in codes)
    editions = tuple(Bar(i18n.half_year_label(e.year, e.half, lang), len(site.in_edition(e.id)))
                     for e in reversed(site.editions))

    titles = {
        "themes": gettext(N_("Practices by theme")),
        "sizes": gettext(N_("Practices by size of local government")),
        "countries": gettext(N_("Practices by country")),
        "editions": gettext(N_("Practices by edition")),
    }
    bars = {"themes": themes, "sizes": sizes, "countries": countries, "editions": editions}
    return [Chart(key, titles[key], bars[key], svg(key, titles[key], bars[key], lang))
            for key in CHART_KEYS]


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """An estimate of the width of `text` in the system fonts, on the generous side.

    Hangul and other wide (CJK) characters take about 1 em; Latin letters about
    0.55 em (capitals more), digits 0.56 em, spaces and narrow punctuation about 0.3 em.
    """
    return sum(_char_width(c) for c in text) * font_size


def _char_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char.isspace() or char in ".,:;'’()[]!|·-/":
        return 0.34
    if char.isdigit():
        return 0.56
    if char.isupper() or char in "mwMW@%&—":
        return 0.72
    return 0.55


def svg(key: str, title: str, bars: tuple[Bar, ...], lang: str) -> Markup:
    """A horizontal bar chart: the labels in one column, every bar from one baseline
    after it, the number at the end of each bar."""
    counts = [i18n.format_number(bar.count, lang) for bar in bars]
    count_space = max((text_width(c) for c in counts), default=0) + COUNT_GAP
    label_column = math.ceil(max((text_width(bar.label) for bar in bars), default=0))
    baseline = PAD + label_column + LABEL_GAP
    width = math.ceil(max(MIN_WIDTH, baseline + BAR_ROOM + count_space + PAD))
    height = max(len(bars), 1) * ROW_HEIGHT
    longest = max((bar.count for bar in bars), default=0)
    title_id, desc_id = f"nl-chart-{key}-title", f"nl-chart-{key}-desc"
    summary = typography.semicolon(lang).join(f"{bar.label}{typography.colon(lang)}{count}"
                                              for bar, count in zip(bars, counts))

    lines = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" class="nl-chart__svg nl-chart__svg--{}"'
               ' viewBox="0 0 {} {}" width="{}" height="{}"'
               ' style="background:#fff"'
               ' role="img" aria-labelledby="{}" aria-describedby="{}"'
               ' font-size="{}" fill="{}">').format(
            key, width, height, width, height, title_id, desc_id, FONT_SIZE, TEXT_COLOUR),
        Markup('<title id="{}">{}</title>').format(title_id, title),
        Markup('<desc id="{}">{}</desc>').format(desc_id, summary),
        Markup('<line class="nl-chart__axis" x1="{0}" y1="0" x2="{0}" y2="{1}" stroke="{2}"'
               ' stroke-width="1"/>').format(baseline, height, BAR_OUTLINE),
    ]
    for row, (bar, count) in enumerate(zip(bars, counts)):
        top = row * ROW_HEIGHT
        length = 0.0 if longest == 0 else max(2.0, BAR_ROOM * bar.count / longest)
        length = round(length, 1)
        lang_attr = Markup(' lang="{}"').format(bar.lang) if bar.lang and bar.lang != lang else ""
        lines.append(Markup(
            '<g class="nl-chart__row">'
            '<text x="{}" y="{}"{}>{}</text>'
            '<rect class="nl-chart__bar" x="{}" y="{}" width="{}" height="{}"'
            ' fill="{}" stroke="{}" stroke-width="1"/>'
            '<text class="nl-chart__count" x="{}" y="{}">{}</text>'
            '</g>').format(
            PAD, top + TEXT_BASELINE, lang_attr, bar.label,
            baseline, top + BAR_TOP, _number(length), BAR_HEIGHT, BAR_COLOUR, BAR_OUTLINE,
            _number(baseline + length + COUNT_GAP), top + TEXT_BASELINE, count))
    lines.append(Markup("</svg>"))
    # One element per line and no blank line: the chart stays one HTML block in Markdown.
    return Markup("\n").join(lines)


def _number(value: float) -> str:
    """Coordinates without a trailing ".0", for a stable, compact output."""
    return f"{value:g}" if value != int(value) else str(int(value))


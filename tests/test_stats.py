"""The statistics page: SVG bar charts per theme, size, country and edition, and their tables."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import markdown
import pytest
from lxml import etree, html

from conftest import SAMPLE
from newsletter import i18n
from newsletter.content import typography
from newsletter.site import pages, stats
from newsletter.content.editions import Site, collect
from newsletter.content.loading import load
from newsletter.content.model import LANGUAGES, Term

SVG = "{http://www.w3.org/2000/svg}"
HANGUL = re.compile("[가-힣]")


@pytest.fixture(scope="module")
def site() -> Site:
    loaded = load(SAMPLE)
    assert loaded.content is not None and not loaded.errors
    return collect(loaded.content, dt.date(2026, 11, 28), False)


def parse(svg: str) -> etree._Element:
    return etree.fromstring(str(svg))


def svg_of(chart: stats.Chart) -> etree._Element:
    return parse(chart.svg)


def by_key(site: Site, lang: str) -> dict[str, stats.Chart]:
    return {chart.key: chart for chart in stats.charts(site, lang)}


def render(site: Site, lang: str, **values: object) -> str:
    template = pages.environment(lang).get_template("stats.html.j2")
    return template.render(**pages._Context(site, lang).globals("stats/"),
                           charts=stats.charts(site, lang), **values)


def test_four_charts_per_language(site: Site) -> None:
    for lang in LANGUAGES:
        charts = stats.charts(site, lang)
        assert [c.key for c in charts] == ["themes", "sizes", "countries", "editions"]
        assert all(c.title and c.bars for c in charts)


def test_titles_go_through_the_catalog(site: Site) -> None:
    for lang in LANGUAGES:
        gettext = i18n.catalog(lang).gettext
        assert by_key(site, lang)["themes"].title == gettext("Practices by theme")
        assert by_key(site, lang)["sizes"].title == gettext("Practices by size of local government")
        assert by_key(site, lang)["countries"].title == gettext("Practices by country")
        assert by_key(site, lang)["editions"].title == gettext("Practices by edition")


def test_a_practice_counts_once_in_each_of_its_themes(site: Site) -> None:
    for lang in LANGUAGES:
        bars = by_key(site, lang)["themes"].bars
        assert [b.label for b in bars] == [site.taxonomy.theme(k).label(lang)
                                           for k in site.themes_in_use]
        for key, bar in zip(site.themes_in_use, bars):
            assert bar.count == sum(key in p.themes for p in site.practices) > 0
        assert sum(b.count for b in bars) == sum(len(p.themes) for p in site.practices)
    cooperation = site.taxonomy.theme("cooperation").label("fr")
    assert dict((b.label, b.count) for b in by_key(site, "fr")["themes"].bars)[cooperation] == 6


def test_sizes_countries_and_editions(site: Site) -> None:
    for lang in LANGUAGES:
        charts = by_key(site, lang)
        sizes = charts["sizes"].bars
        assert [b.label for b in sizes] == [site.taxonomy.size(k).label(lang)
                                            for k in site.sizes_in_use]
        assert [b.count for b in sizes] == [len(site.with_size(k)) for k in site.sizes_in_use]
        assert sum(b.count for b in sizes) == len(site.practices)

        countries = charts["countries"].bars
        assert [b.count for b in countries] == [
            sum(p.country == code for p in site.practices) for code in ("FR", "KR")]
        assert sum(b.count for b in countries) == len(site.practices)

        editions = charts["editions"].bars
        oldest_first = sorted(site.editions, key=lambda e: e.published)
        assert [b.label for b in editions] == [
            i18n.half_year_label(e.year, e.half, lang) for e in oldest_first]
        assert [b.count for b in editions] == [len(site.in_edition(e.id)) for e in oldest_first]
    assert [b.label for b in by_key(site, "fr")["countries"].bars] == ["France", "Corée du Sud"]
    assert [b.label for b in by_key(site, "ko")["countries"].bars] == ["프랑스", "대한민국"]
    assert [b.label for b in by_key(site, "fr")["editions"].bars] == [
        "1er semestre 2026", "2e semestre 2026"]
    assert [b.label for b in by_key(site, "ko")["editions"].bars] == [
        "2026년 상반기", "2026년 하반기"]


def test_svg_is_an_accessible_image_with_its_numbers(site: Site) -> None:
    for lang in LANGUAGES:
        for chart in stats.charts(site, lang):
            root = svg_of(chart)
            assert root.tag == f"{SVG}svg"
            assert root.get("role") == "img"
            title_id = root.get("aria-labelledby")
            assert title_id == f"nl-chart-{chart.key}-title"
            title = root.find(f"{SVG}title")
            assert title is not None and title.get("id") == title_id
            assert title.text == chart.title
            desc = root.find(f"{SVG}desc")
            assert desc is not None and root.get("aria-describedby") == desc.get("id")
            for bar in chart.bars:
                assert f"{bar.label}{typography.colon(lang)}{bar.count}" in desc.text
            assert len(root.findall(f".//{SVG}rect")) == len(chart.bars)
            texts = [t.text for t in root.iter(f"{SVG}text")]
            assert texts == [s for bar in chart.bars
                             for s in (bar.label, i18n.format_number(bar.count, lang))]


def test_labels_in_one_column_bars_from_one_baseline_text_never_shrinks(site: Site) -> None:
    for lang in LANGUAGES:
        for chart in stats.charts(site, lang):
            root = svg_of(chart)
            _, _, width, height = (float(v) for v in root.get("viewBox").split())
            # Drawn at its own size (the figure scrolls on a phone): the text keeps 13 px.
            assert root.get("width") == f"{width:g}" and "max-width" not in root.get("style", "")
            assert int(root.get("font-size")) >= 13
            assert not any(t.get("font-size") for t in root.iter(f"{SVG}text"))
            bars = list(root.iter(f"{SVG}rect"))
            baseline = {float(r.get("x")) for r in bars}
            assert len(baseline) == 1, "every bar starts from the same baseline"
            labels = [t for t in root.iter(f"{SVG}text") if t.get("class") != "nl-chart__count"]
            assert len({t.get("x") for t in labels}) == 1, "the labels are one column"
            for label in (b.label for b in chart.bars):
                assert stats.text_width(label) < min(baseline)
            for count in root.iter(f"{SVG}text"):
                if count.get("class") == "nl-chart__count":
                    assert float(count.get("x")) + stats.text_width(count.text) <= width
            assert all(float(r.get("y")) + float(r.get("height")) <= height
                       for r in root.iter(f"{SVG}rect"))


def test_bar_lengths_are_proportional_to_the_counts(site: Site) -> None:
    chart = by_key(site, "fr")["themes"]
    widths = [float(r.get("width")) for r in svg_of(chart).iter(f"{SVG}rect")]
    counts = [b.count for b in chart.bars]
    unit = max(widths) / max(counts)
    for count, width in zip(counts, widths):
        assert width == pytest.approx(count * unit, abs=0.1)


def test_labels_are_in_the_page_language(site: Site) -> None:
    ko = "".join(t.text for t in svg_of(by_key(site, "ko")["themes"]).iter(f"{SVG}text"))
    fr = "".join(t.text for t in svg_of(by_key(site, "fr")["themes"]).iter(f"{SVG}text"))
    assert "체육" in ko and "Sport" not in ko
    assert "Sport" in fr and not HANGUL.search(fr)
    for lang in LANGUAGES:
        assert all(bar.lang is None for chart in stats.charts(site, lang) for bar in chart.bars)


def test_a_long_korean_label_widens_its_chart() -> None:
    label = "특별시·광역시·메트로폴·도·데파르트망·레지옹·특별자치시"
    hangul = len(HANGUL.findall(label))
    chart = stats.svg("sizes", "규모별 사례", (stats.Bar(label, 3), stats.Bar("도", 1)), "ko")
    width = float(parse(chart).get("viewBox").split()[2])
    assert width >= stats.text_width(label) >= hangul * stats.FONT_SIZE > stats.MIN_WIDTH


def test_output_is_deterministic(site: Site) -> None:
    for lang in LANGUAGES:
        first, second = stats.charts(site, lang), stats.charts(site, lang)
        assert first == second
        assert [str(c.svg) for c in first] == [str(c.svg) for c in second]
    ids = [svg_of(c).find(f"{SVG}title").get("id") for c in stats.charts(site, "fr")]
    assert len(set(ids)) == len(ids)


def test_labels_are_escaped(site: Site) -> None:
    tricky = 'Sport <b>"&</b>'
    themes = tuple(Term(t.key, {**t.labels, "fr": tricky}) if t.key == "sport" else t
                   for t in site.taxonomy.themes)
    changed = dataclasses.replace(site, taxonomy=dataclasses.replace(site.taxonomy, themes=themes))
    chart = by_key(changed, "fr")["themes"]
    root = svg_of(chart)
    assert tricky in [t.text for t in root.iter(f"{SVG}text")]
    assert root.find(f".//{SVG}b") is None
    page = html.fromstring(f"<div>{render(changed, 'fr')}</div>")
    assert tricky in [th.text_content() for th in page.cssselect("table tbody th")]
    assert not page.xpath("//b")


def test_empty_counts_draw_no_bar() -> None:
    chart = parse(stats.svg("editions", "t", (stats.Bar("a", 0), stats.Bar("b", 0)), "fr"))
    assert [r.get("width") for r in chart.iter(f"{SVG}rect")] == ["0", "0"]


def test_page_has_a_table_per_chart_matching_the_bars(site: Site) -> None:
    for lang in LANGUAGES:
        body = render(site, lang, total=len(site.practices))
        fragment = html.fromstring(f"<div>{body}</div>")
        gettext = i18n.catalog(lang)
        assert fragment.cssselect("h1")[0].text_content() == gettext.gettext("Statistics")
        assert fragment.cssselect("p.nl-count")[0].text_content() == gettext.ngettext(
            "%(num)d practice", "%(num)d practices", len(site.practices)) % {
            "num": len(site.practices)}
        charts = stats.charts(site, lang)
        tables = fragment.cssselect("table.nl-chart-table")
        figures = fragment.cssselect("figure.nl-chart")
        assert len(tables) == len(figures) == len(charts)
        for chart, table, figure in zip(charts, tables, figures):
            assert fragment.get_element_by_id(f"nl-stats-{chart.key}").text_content() == chart.title
            # One visible caption: the heading; the table's is for screen readers.
            assert len(figure.cssselect("figcaption")) == (chart.key == "themes")
            assert len(figure.xpath(".//*[local-name()='svg']")) == 1
            caption = table.cssselect("caption")[0]
            assert caption.text_content() == chart.title
            assert "nl-visually-hidden" in caption.get("class")
            assert [th.get("scope") for th in table.cssselect("thead th")] == ["col", "col"]
            rows = [(tr.cssselect("th")[0].text_content(), tr.cssselect("td")[0].text_content())
                    for tr in table.cssselect("tbody tr")]
            assert rows == [(b.label, i18n.format_number(b.count, lang)) for b in chart.bars]
            assert all(th.get("scope") == "row" for th in table.cssselect("tbody th"))


def test_page_without_total_counts_the_practices(site: Site) -> None:
    assert render(site, "ko") == render(site, "ko", total=len(site.practices))


def test_page_html_blocks_hold_no_blank_line(site: Site) -> None:
    """The house rule of templates/_macros.j2: Markdown must see each HTML block whole."""
    for lang in LANGUAGES:
        body = render(site, lang)
        blocks = [block for block in body.strip().split("\n\n")]
        assert all(block.strip() and block == block.strip("\n") for block in blocks)
        for block in blocks:
            tag = re.match(r"<([a-z0-9]+)", block)
            assert tag, block[:80]
            assert block.rstrip().endswith(f"</{tag.group(1)}>"), block[-80:]


def test_markdown_passes_the_charts_through_untouched(site: Site) -> None:
    """The extensions of mkdocs.yml leave the SVG and the tables as they are."""
    for lang in LANGUAGES:
        converted = markdown.markdown(render(site, lang),
                                      extensions=["toc", "admonition", "attr_list", "md_in_html",
                                                  "tables"])
        fragment = html.fromstring(f"<div>{converted}</div>")
        charts = stats.charts(site, lang)
        svgs = fragment.xpath("//*[local-name()='svg']")
        assert len(svgs) == len(charts)
        for chart, svg in zip(charts, svgs):
            assert len(svg.xpath(".//*[local-name()='rect']")) == len(chart.bars)
        assert len(fragment.cssselect("table.nl-chart-table tbody tr")) == sum(
            len(c.bars) for c in charts)
        assert "<p><svg" not in converted and "<p><g" not in converted

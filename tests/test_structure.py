"""What `check` accepts, the PDF lays out (issue 16): nesting bounded at its line, tables
laid out as browsers show them, Typst bounded in time and memory.

The property test feeds generated Markdown and HTML bodies (tables with any spans, lists,
quotes, inline elements, nested at random depths) through `check`'s body checks, then
every accepted one through the real PDF maker in its real caller (a child process with
limits): at least 500 bodies per run."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE
from newsletter.content import markup, structure
from newsletter.letters import artifacts, making, pdf, pdf_data
from newsletter.content.bodies import check_body
from newsletter.content.editions import collect
from newsletter.content.loading import load
from newsletter.content.reading import Document


def _layout(*groups: list[list[tuple[int, int]]]) -> list[list[tuple[int | None, int, int]]]:
    layout = structure.lay_out(list(groups))
    return [[(cell.index, cell.colspan, cell.rowspan) for cell in row] for row in layout.rows]


def test_a_word_pasted_colspan_is_clamped_to_the_table() -> None:
    layout = structure.lay_out([[[(5, 1)], [(1, 1), (1, 1)]]])
    assert layout.columns == 2
    assert [(c.colspan, c.clamped) for c in layout.rows[0]] == [(2, True)]


def test_rowspans_stop_at_their_group_and_leave_room_below() -> None:
    head = [[(1, 3), (1, 1)]]
    body = [[(1, 1), (1, 1)], [(1, 1)]]
    assert _layout(head, body) == [[(0, 1, 1), (1, 1, 1)], [(2, 1, 1), (3, 1, 1)],
                                   [(4, 1, 1), (None, 1, 1)]]


def test_short_rows_get_empty_cells_so_that_typst_keeps_the_rows() -> None:
    # Without fillers, Typst would pull the next row's cells into the short row.
    assert _layout([[(1, 1), (1, 1), (1, 1)], [(1, 1)], [(3, 1)]]) == [
        [(0, 1, 1), (1, 1, 1), (2, 1, 1)], [(3, 1, 1), (None, 1, 1), (None, 1, 1)],
        [(4, 3, 1)]]


def test_a_rowspan_of_zero_reaches_the_end_of_its_group() -> None:
    assert _layout([[(1, 0), (1, 1)], [(1, 1)], [(1, 1)]]) == [
        [(0, 1, 3), (1, 1, 1)], [(2, 1, 1)], [(3, 1, 1)]]


def test_a_cell_does_not_overlap_one_from_above() -> None:
    rows = _layout([[(1, 1), (1, 2)], [(2, 1)]])
    assert rows == [[(0, 1, 1), (1, 1, 2)], [(2, 1, 1)]]


def test_huge_spans_cost_no_more_than_small_ones() -> None:
    started = time.process_time()
    layout = structure.lay_out([[[(9999, 9999)] * 200] * 2000])
    assert time.process_time() - started < 5
    assert layout.wanted > structure.MAX_COLUMNS and layout.columns == structure.MAX_COLUMNS


spans = st.tuples(st.integers(0, 12), st.integers(0, 12))
groups = st.lists(st.lists(st.lists(spans, max_size=6), min_size=1, max_size=5),
                  min_size=1, max_size=3)


@given(groups)
@settings(max_examples=300, deadline=None)
def test_every_row_fills_the_table_exactly_without_overlap(table) -> None:
    layout = structure.lay_out(table)
    covered: dict[tuple[int, int], int] = {}
    for number, row in enumerate(layout.rows):
        column = 0
        for cell in row:
            while (number, column) in covered:
                column += 1
            assert cell.colspan >= 1 and cell.rowspan >= 1
            assert column + cell.colspan <= layout.columns
            for r in range(number, number + cell.rowspan):
                for c in range(column, column + cell.colspan):
                    assert (r, c) not in covered  # no two cells overlap
                    covered[(r, c)] = 1
            column += cell.colspan
        while (number, column) in covered:
            column += 1
        assert column == layout.columns  # the row is full: Typst places the next row below
    rows = len(layout.rows)
    assert all(r < rows for r, _c in covered)


# -- check, then the PDF ----------------------------------------------------------------

WORDS = ["Texte", "한국어 문장입니다", "coopération décentralisée", "**gras**", "_italique_",
         "[lien](https://www.example.org/a)", "`code`", "<mark>marqué</mark>", "지방정부"]
SPAN_VALUES = ["1", "2", "3", "0", "9", "40", "99", "9999", "-1", "x", "²"]


def _wrap_html(tag: str, inner: str) -> str:
    return f"<{tag}>{inner}</{tag}>"


@st.composite
def table(draw, inner: st.SearchStrategy[str]) -> str:
    rows = []
    for _row in range(draw(st.integers(1, 4))):
        cells = []
        for _cell in range(draw(st.integers(0, 4))):
            tag = draw(st.sampled_from(["td", "th"]))
            attributes = ""
            if draw(st.booleans()):
                attributes += f' colspan="{draw(st.sampled_from(SPAN_VALUES))}"'
            if draw(st.booleans()):
                attributes += f' rowspan="{draw(st.sampled_from(SPAN_VALUES))}"'
            cells.append(f"<{tag}{attributes}>{draw(inner)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if draw(st.booleans()):
        return "<table><thead>" + rows[0] + "</thead><tbody>" + "".join(rows[1:]) + \
            "</tbody></table>"
    return "<table>" + "".join(rows) + "</table>"


def _markdown_quote(inner: str) -> str:
    return "\n".join("> " + line for line in inner.split("\n"))


def _markdown_list(inner: str) -> str:
    lines = inner.split("\n")
    return "- " + lines[0] + "".join("\n    " + line for line in lines[1:]) + "\n- suite"


leaf = st.sampled_from(WORDS)


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    html_wrap = st.tuples(st.sampled_from(["em", "strong", "span", "div", "blockquote",
                                           "small", "sup"]), inner).map(lambda t: _wrap_html(*t))
    html_list = st.tuples(st.sampled_from(["ul", "ol"]), st.lists(inner, min_size=1, max_size=3)
                          ).map(lambda t: f"<{t[0]}>" + "".join(f"<li>{x}</li>" for x in t[1])
                                + f"</{t[0]}>")
    repeated = st.tuples(st.sampled_from(["blockquote", "em", "div", "ul", "table"]),
                         st.integers(2, 20), inner).map(_repeat)
    return st.one_of(html_wrap, html_list, table(inner), repeated,
                     inner.map(_markdown_quote), inner.map(_markdown_list),
                     st.lists(inner, min_size=2, max_size=3).map("\n\n".join))


def _repeat(spec: tuple[str, int, str]) -> str:
    tag, times, inner = spec
    opening = {"ul": "<ul><li>", "table": "<table><tr><td>"}.get(tag, f"<{tag}>")
    closing = {"ul": "</li></ul>", "table": "</td></tr></table>"}.get(tag, f"</{tag}>")
    return opening * times + inner + closing * times


bodies = st.recursive(leaf, _extend, max_leaves=12)


@pytest.fixture(scope="module")
def edition_data():
    loaded = load(SAMPLE, history=False)
    site = collect(loaded.content, dt.date(2026, 11, 28), False)
    edition = site.editions[-1]
    data = {lang: pdf_data.document(site, edition, lang, "https://lettre.example.org/", 1)
            for lang in ("fr", "ko")}
    fonts = pdf.find_fonts(os.environ.get(artifacts.FONT_DIRS))
    if fonts is None:
        pytest.fail("the Korean font is missing: apt-get install fonts-noto-cjk")
    return data, fonts


def test_whatever_check_accepts_the_pdf_lays_out(edition_data) -> None:
    data, fonts = edition_data
    seen = {"generated": 0, "accepted": 0}

    @given(st.lists(bodies, min_size=25, max_size=25), st.sampled_from(["fr", "ko"]))
    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    def through_check_then_the_pdf(generated: list[str], lang: str) -> None:
        document = data[lang]
        accepted = []
        for number, body in enumerate(generated):
            text = Document(path=f"practices/p{number}/{lang}.md", fields={}, lines={},
                            body=body, body_line=10)
            if not any(problem.is_error for problem in check_body(text, set()).problems):
                accepted.append(body)
        seen["generated"] += len(generated)
        seen["accepted"] += len(accepted)
        template = document["practices"][0]
        practices = [{**template, "body": pdf_data.body_tree(markup.to_html(body), {}, lang)}
                     for body in accepted]
        # The real caller: a child process, stopped past its limits (which must not be hit);
        # strict: what PDF/UA and PDF/A ask for holds too (no fallback without them).
        making.in_child(pdf.compile_pdf, {**document, "practices": practices},
                        SAMPLE / "practices", fonts, True,
                        limits=making.Limits(seconds=120, megabytes=2500))

    through_check_then_the_pdf()
    assert seen["generated"] >= 500 and seen["accepted"] >= 150, seen


def test_a_deep_body_refused_by_check_at_its_line() -> None:
    body = "Intro\n\n" + "<table><tr><td>" * 5 + "x" + "</td></tr></table>" * 5
    document = Document(path="p/fr.md", fields={}, lines={}, body=body, body_line=12)
    problems = check_body(document, set()).problems
    assert [(p.line, p.is_error) for p in problems] == [(14, True)]
    assert "5" in problems[0].message and "3" in problems[0].message


def test_limits_stop_a_child_that_holds_too_much_memory() -> None:
    def hog() -> int:
        block = bytearray(400_000_000)
        time.sleep(5)
        return len(block)

    started = time.monotonic()
    with pytest.raises(making.LimitExceeded) as stopped:
        making.in_child(hog, limits=making.Limits(seconds=60, megabytes=200))
    assert stopped.value.kind == "megabytes" and time.monotonic() - started < 5


def test_limits_stop_a_child_that_runs_too_long() -> None:
    with pytest.raises(making.LimitExceeded) as stopped:
        making.in_child(time.sleep, 30, limits=making.Limits(seconds=0.5, megabytes=2000))
    assert stopped.value.kind == "seconds"


def test_a_build_past_the_limits_names_the_edition_and_the_heaviest_practice(
        content: Path, tmp_path: Path) -> None:
    from conftest import run

    out = tmp_path / "site"
    result = run("build", "--out", str(out), cwd=content,
                 env={"NEWSLETTER_PDF_MEGABYTES": "30"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Mo de mémoire" in result.stderr and "practices/" in result.stderr
    assert "2026-s1 (fr)" in result.stderr or "2026-s2 (fr)" in result.stderr
    assert not out.exists()


markdown_only = st.text(st.sampled_from(list("> \t\n-*_1.x한é#`|")), max_size=400)


@given(markdown_only)
@settings(max_examples=500, deadline=None)
def test_a_body_that_might_not_nest_stays_within_the_limits(body: str) -> None:
    """`check` looks into a body without HTML, links or attribute lists only when
    `structure.might_nest` says so: when it does not, no limit can be reached."""
    if structure.might_nest(body):
        return
    html = markup.to_html(body)
    assert structure.nesting(html).beyond() == {}
    assert all(structure.table_layout(table).wanted <= structure.MAX_COLUMNS
               for table in (structure.parse(html).css("table") if structure.parse(html) else []))


def test_a_markdown_table_too_wide_for_the_pdf_is_refused() -> None:
    row = "|" + "|".join(["x"] * 50) + "|"
    body = "Intro\n\n" + row + "\n|" + "|".join(["-"] * 50) + "|\n" + row
    document = Document(path="p/fr.md", fields={}, lines={}, body=body, body_line=7)
    problems = check_body(document, set()).problems
    # Markdown sees a table once its separator line is there.
    assert [(p.line, p.is_error) for p in problems] == [(10, True)], problems

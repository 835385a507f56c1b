"""The charts are accessible SVG (role, title, description) with their numbers as a table, and escape what
authors typed."""

import pytest
from defusedxml import ElementTree
from django.template.loader import render_to_string
from django.utils import translation

from rozwoj.surveys import charts
from rozwoj.surveys.stats import OptionCount

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _parsed(chart):
    root = ElementTree.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root, title.text, desc.text


def test_horizontal_bars_have_a_title_a_description_with_the_numbers_and_bars_in_proportion():
    rows = [OptionCount("a", "Tak", 3, 75.0), OptionCount("b", "Nie", 1, 25.0)]
    chart = charts.horizontal_bars("Czy polecisz?", rows, base=4)
    root, title, desc = _parsed(chart)
    assert title == "Czy polecisz?"
    assert "Tak: 3 (75%)" in desc
    assert "Nie: 1 (25%)" in desc
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == 3 * widths[1]
    assert chart.table.rows == [["Tak", "3", "75%"], ["Nie", "1", "25%"]]


def test_stacked_bars_split_each_row_by_the_points_of_the_scale():
    chart = charts.stacked_bars(
        "Ocena", [("Treść", [0, 1, 3]), ("Prowadzenie", [2, 2, 0])], ["źle", "średnio", "dobrze"]
    )
    root, _title, desc = _parsed(chart)
    assert "Treść — źle: 0 (0%), średnio: 1 (25%), dobrze: 3 (75%)" in desc
    assert chart.table.headers == ["", "źle", "średnio", "dobrze", "Responses"]
    assert chart.table.rows[1] == ["Prowadzenie", "2 (50%)", "2 (50%)", "0 (0%)", "4"]


def test_before_and_after_shows_each_waves_share_of_every_point():
    chart = charts.before_after("Wiedza", ["1", "2"], [3, 1], [1, 3], ("Przed", "Po"))
    _root, _title, desc = _parsed(chart)
    assert "Przed (4 responses) compared with Po (4 responses)" in desc
    assert chart.table.rows == [["1", "3 (75%)", "1 (25%)"], ["2", "1 (25%)", "3 (75%)"]]


def test_what_authors_typed_is_escaped_in_the_svg_and_the_table():
    evil = '<script>alert("x")</script>'
    chart = charts.horizontal_bars(evil, [OptionCount("a", evil, 1, 100.0)], base=1)
    assert "<script>" not in str(chart.svg)
    _parsed(chart)  # still well-formed XML
    html = render_to_string("surveys/results/_chart.html", {"chart": chart})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<th scope="row">' in html

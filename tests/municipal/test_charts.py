"""Charts carry a title and a text alternative with every value, hidden ones in words."""

from circles.municipal import charts


def test_a_bar_chart_reads_out_every_value():
    svg = charts.bar_chart("c", "Nye medlemmer", ["Trøjborg", "Risskov"], [12, None], "under 5")
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Nye medlemmer</title>' in svg
    assert "Trøjborg: 12; Risskov: under 5" in svg
    assert 'class="bar hidden"' in svg


def test_a_line_breaks_where_a_value_is_hidden():
    svg = charts.line_chart("l", "Tjek-ind", ["jan", "feb", "mar", "apr"], [5, 7, None, 9], "-")
    assert svg.count("<polyline") == 2
    assert "mar: -" in svg


def test_fifty_circles_are_not_all_named_under_the_bars():
    labels = [f"Cirkel {i}" for i in range(50)]
    svg = charts.bar_chart("b", "Medlemmer", labels, list(range(50)), "-")
    assert svg.count('class="label"') == 10  # every fifth, so that they fit at 14 px
    assert "Cirkel 49: 49" in svg  # but all are in the text alternative

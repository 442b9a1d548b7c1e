"""CSV downloads open as columns in Danish Excel: semicolons, decimal commas and a BOM."""

from circles.core.spreadsheet import to_csv

ROWS = [["Cirkel", "Andel (%)", "Tjek-ind"], ["Trøjborg", 5.95, 12], ["=1+1", 0.5, 1234]]


def test_danish_excel_gets_semicolons_decimal_commas_and_a_byte_order_mark():
    assert to_csv(ROWS, "da") == (
        "\ufeffCirkel;Andel (%);Tjek-ind\r\nTrøjborg;5,95;12\r\n'=1+1;0,5;1234\r\n"
    )


def test_english_excel_gets_commas_and_decimal_points():
    assert to_csv(ROWS, "en") == (
        "\ufeffCirkel,Andel (%),Tjek-ind\r\nTrøjborg,5.95,12\r\n'=1+1,0.5,1234\r\n"
    )


def test_without_a_language_plain_csv_as_before():
    assert to_csv(ROWS).startswith("Cirkel,Andel (%),Tjek-ind\r\n")

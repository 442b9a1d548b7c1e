"""Each page tells the browser (and a screen reader) the language it is written in."""

import re


def html_lang(page: str) -> str:
    return re.search(r'<html lang="(\w+)"', page).group(1)


def test_staff_login_in_english_says_lang_en(client):
    page = client.get("/staff/login", headers={"Accept-Language": "en"}).get_data(True)
    assert html_lang(page) == "en"


def test_staff_login_in_danish_says_lang_da(client):
    page = client.get("/staff/login", headers={"Accept-Language": "da"}).get_data(True)
    assert html_lang(page) == "da"

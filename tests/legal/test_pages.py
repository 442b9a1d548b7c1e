"""The public duties as plain pages: the privacy notice and the accessibility statement, in
Danish and English, naming the operator; and "forgot your password" on the staff page."""

import re
import time

import pytest

from tests.accounts.test_getting_back_in import arrived
from tests.factories import make_user

AARHUS = {
    "CIRCLES_OPERATOR_NAME": "Aarhus Kommune, Sundhed og Omsorg",
    "CIRCLES_OPERATOR_EMAIL": "circles@aarhus.dk",
    "CIRCLES_OPERATOR_PHONE": "89 40 20 00",
    "CIRCLES_DPO_EMAIL": "databeskyttelse@aarhus.dk",
    "CIRCLES_WAS_URL": "https://www.was.digst.dk/circles-aarhus-dk",
}


@pytest.fixture
def aarhus_runs_it(app, monkeypatch):
    for key, value in AARHUS.items():
        monkeypatch.setitem(app.config, key, value)


def test_the_privacy_notice_says_what_why_how_long_and_whom_to_ask(client, aarhus_runs_it):
    page = client.get("/privacy", headers={"Accept-Language": "da"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script" not in html  # it works without JavaScript
    assert '<html lang="da">' in html
    for words in (
        "Hvilke oplysninger",
        "Hvorfor",
        "Hvor længe",
        "Aarhus Kommune, Sundhed og Omsorg",
    ):
        assert words in html
    assert 'href="mailto:databeskyttelse@aarhus.dk"' in html
    assert 'href="tel:89402000"' in html
    assert "Datatilsynet" in html


def test_the_privacy_notice_in_english_when_asked(client, aarhus_runs_it):
    html = client.get("/privacy?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "How we look after your information" in html
    assert "For how long" in html
    assert 'href="/privacy?lang=da"' in html  # and back to Danish


def test_the_accessibility_statement_links_the_was_tool_and_gives_phone_and_email(
    client, aarhus_runs_it
):
    html = client.get("/accessibility?lang=da").get_data(as_text=True)
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert 'href="https://www.was.digst.dk/circles-aarhus-dk"' in html
    assert "89 40 20 00" in html and "mailto:circles@aarhus.dk" in html
    english = client.get("/accessibility?lang=en").get_data(as_text=True)
    assert "<h1>Accessibility statement</h1>" in english


def test_settings_left_empty_are_said_plainly_not_hidden(client):
    html = client.get("/accessibility?lang=da").get_data(as_text=True)
    assert "CIRCLES_WAS_URL" in html and "CIRCLES_OPERATOR_PHONE" in html


def test_an_unknown_language_falls_back_to_the_readers(client):
    html = client.get("/privacy?lang=sv", headers={"Accept-Language": "en"}).get_data(True)
    assert '<html lang="en">' in html


def test_the_staff_and_organizer_pages_link_both_in_their_footer(client):
    for path in ("/staff/login", "/staff/forgot"):
        html = client.get(path, headers={"Accept-Language": "da"}).get_data(as_text=True)
        assert 'href="/privacy?lang=da"' in html
        assert '<a href="/accessibility?lang=da">Tilgængelighedserklæring</a>' in html


def forgot(client, email: str):
    page = client.get("/staff/forgot").get_data(True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/staff/forgot", data={"email": email, "csrf_token": token})


def test_an_organizer_asks_for_a_reset_link_on_the_staff_page(client, mail_settings):
    make_user(name="Mette Organizer", email="mette@example.dk")
    assert 'href="/staff/forgot"' in client.get("/staff/login").get_data(True)
    known = forgot(client, "mette@example.dk")
    unknown = forgot(client, "nobody@example.dk")
    assert known.status_code == unknown.status_code == 200
    assert "Hvis der findes en konto" in known.get_data(True)
    assert "Hvis der findes en konto" in unknown.get_data(True)
    arrived(mail_settings.received)
    time.sleep(0.3)
    assert [to for to, _ in mail_settings.received] == [["mette@example.dk"]]


def test_the_staff_reset_form_without_its_csrf_token_sends_nothing(client, mail_settings):
    make_user(email="mette@example.dk")
    refused = client.post("/staff/forgot", data={"email": "mette@example.dk"})
    assert refused.status_code == 422
    time.sleep(0.3)
    assert mail_settings.received == []

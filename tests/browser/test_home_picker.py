"""Mette places Inger's home on the map from the member's page, and sets Trøjborg's area."""

from playwright.sync_api import expect

from circles.accounts import services as accounts
from circles.config import PROJECT_DIR
from circles.extensions import db
from tests.browser.conftest import check_screen
from tests.factories import PASSWORD, make_circle, make_member

TILES = "https://tiles.aarhus.example/{z}/{x}/{y}.png"
TILE = (PROJECT_DIR / "pwa" / "icons" / "icon-192.png").read_bytes()


def test_mette_taps_the_map_where_inger_lives_and_saves_it(
    ctx, app, monkeypatch, page, context, live_server
):
    monkeypatch.setitem(app.config, "CIRCLES_TILE_URL", TILES)
    context.route(
        "https://tiles.aarhus.example/**",
        lambda route: route.fulfill(status=200, body=TILE, content_type="image/png"),
    )
    circle = make_circle(name="Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette", email="mette@example.dk")
    inger = make_member(circle, name="Inger Holm", home=None)
    accounts.place_home(inger, postcode="8000")
    db.session.commit()
    page.goto(f"{live_server}/staff/login?next=/organize/")
    page.get_by_label("E-mail").fill(mette.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trøjborg")

    page.goto(f"{live_server}/organize/circles/{circle.id}/area")
    check_screen(page, "organize-area")
    page.get_by_label("Postnumre").fill("8000 8200")
    page.get_by_role("button", name="Gem området").click()
    expect(page.get_by_text("Postnumre nu: 8000 Aarhus C, 8200 Aarhus N")).to_be_visible()

    page.goto(f"{live_server}/organize/circles/{circle.id}/members/{inger.id}")
    expect(page.get_by_text("Vi kender kun postnummeret.")).to_be_visible()
    expect(page.locator("#map .leaflet-tile-loaded").first).to_be_visible()
    check_screen(page, "organize-member-map")
    page.locator("#map").click(position={"x": 120, "y": 90})
    expect(page.locator("#home-latitude")).not_to_have_value("")
    page.get_by_role("button", name="Gem, hvor personen bor").click()
    expect(page.get_by_text("Hjemmet er sat som et punkt af en arrangør.")).to_be_visible()
    db.session.refresh(inger)
    assert inger.location_source == "map" and inger.postcode == "8000"
    assert 55 < inger.latitude < 57 and 9 < inger.longitude < 11

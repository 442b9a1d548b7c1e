"""The map beside the list: only when a tile server is configured, tiles only from that server."""

from playwright.sync_api import expect

from circles.config import PROJECT_DIR
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member, make_request

TILES = "https://tiles.aarhus.example/{z}/{x}/{y}.png"
TILE = (PROJECT_DIR / "pwa" / "icons" / "icon-192.png").read_bytes()


def test_member_opens_the_map_of_nearby_requests(ctx, app, monkeypatch, open_app, context):
    monkeypatch.setitem(app.config, "CIRCLES_TILE_URL", TILES)
    circle = make_circle()
    member, neighbour = make_member(circle), make_member(circle, name="Inge Madsen")
    make_request(neighbour, circle, category="garden", description="Hækken skal klippes")
    tiles = []
    context.route(
        "https://tiles.aarhus.example/**",
        lambda route: (
            tiles.append(route.request.url)
            or route.fulfill(status=200, body=TILE, content_type="image/png")
        ),
    )
    page = open_app("#/signin")
    sign_in(page, member.email)
    open_app("#/nearby")
    button = page.get_by_role("button", name="Vis på et kort")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert tiles == []
    button.click()
    # The request stands in its ~500 m square, not at the neighbour's home.
    expect(page.locator("#map .leaflet-tile-loaded").first).to_be_visible()
    expect(page.locator("#map .leaflet-marker-icon[title='Have']")).to_have_count(1)
    expect(page.get_by_role("button", name="Skjul kortet")).to_have_attribute(
        "aria-expanded", "true"
    )
    assert tiles and all(url.startswith("https://tiles.aarhus.example/") for url in tiles)
    check_screen(page, "nearby-map")

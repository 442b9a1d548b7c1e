"""The map beside the list: only when a tile server is configured, tiles only from that server."""

import pytest
from playwright.sync_api import expect

from circles.config import PROJECT_DIR
from tests.browser import fake_api
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member

TILES = "https://tiles.aarhus.example/{z}/{x}/{y}.png"
TILE = (PROJECT_DIR / "pwa" / "icons" / "icon-192.png").read_bytes()


@pytest.mark.browser_context_args(service_workers="block")
def test_member_opens_the_map_of_nearby_requests(ctx, app, monkeypatch, open_app, context):
    monkeypatch.setitem(app.config, "CIRCLES_TILE_URL", TILES)
    circle = make_circle()
    member, neighbour = make_member(circle), make_member(circle, name="Inge Madsen")
    world = fake_api.World()
    world.people[neighbour.id] = fake_api.Person(neighbour.id, neighbour.name, "", "")
    world.requests[1] = {
        "id": 1,
        "requester_id": neighbour.id,
        "status": "open",
        "category": "garden",
        "category_label": "Have",
        "description": "Hækken skal klippes",
        "latitude": 56.172,
        "longitude": 10.208,
    }
    fake_api.install(context, world, fake_api.Person(member.id, member.name, "", ""))
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
    expect(page.locator("#map .leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_role("button", name="Skjul kortet")).to_have_attribute(
        "aria-expanded", "true"
    )
    assert tiles and all(url.startswith("https://tiles.aarhus.example/") for url in tiles)
    check_screen(page, "nearby-map")

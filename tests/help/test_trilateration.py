"""A hostile member tries to find Karen's and Jonas's homes by moving her own and reading distances.

Eva registers with coordinates in Trøjborg and joins the open circle at once. As a helper she
moves her home again and again and reads the distance of Karen's request in the nearby list; as
a requester she moves, posts a request and reads Jonas's distance, score and place among the
suggestions. An estimator (least squares on a grid, then finer) turns what she read into a
point. Shown distances come from coarse cells only, so the best she can do is Karen's cell:
her estimate stays at least 200 m from the door, and two homes in one cell give her exactly the
same answers.
"""

import math
import random

import pytest

from circles.extensions import db
from circles.help.models import HelpRequest
from tests.factories import make_circle, make_member, make_offer, make_request

TROJBORG = (56.1722, 10.2080)
# Homes chosen away from the middle of their ~500 m cell: the cell is all a stranger may learn.
KAREN = (56.1748, 10.2155)
KAREN_SAME_CELL = (56.1703, 10.2088)
JONAS = (56.1697, 10.1992)
JONAS_SAME_CELL = (56.1655, 10.1978)
MOVES = 200
M_PER_DEG_LAT = 111_320


def metres(a, b) -> float:
    """Flat-earth metres between two points, good to a fraction of a percent over a few km."""
    dlon = (b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return M_PER_DEG_LAT * math.hypot(b[0] - a[0], dlon)


def spots(count: int, seed: int) -> list[tuple[float, float]]:
    """Where Eva pretends to live: scattered within 1.2 km of Trøjborg's centre."""
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        north, east = rng.uniform(-1200, 1200), rng.uniform(-1200, 1200)
        if math.hypot(north, east) <= 1200:
            lat = TROJBORG[0] + north / M_PER_DEG_LAT
            lon = TROJBORG[1] + east / (M_PER_DEG_LAT * math.cos(math.radians(TROJBORG[0])))
            found.append((round(lat, 6), round(lon, 6)))
    return found


def estimate(readings: list[tuple[tuple[float, float], float]]) -> tuple[float, float]:
    """The point whose distances to Eva's spots best fit the distances she read (least squares),
    searched on a 25 m grid over 4 km square, then on a 2 m grid around the best."""

    def misfit(point):
        return sum((metres(point, spot) / 1000 - km) ** 2 for spot, km in readings)

    def search(centre, half_m, step_m):
        best, best_fit = centre, math.inf
        lat_step = step_m / M_PER_DEG_LAT
        lon_step = lat_step / math.cos(math.radians(centre[0]))
        steps = int(half_m / step_m)
        for i in range(-steps, steps + 1):
            for j in range(-steps, steps + 1):
                point = (centre[0] + i * lat_step, centre[1] + j * lon_step)
                fit = misfit(point)
                if fit < best_fit:
                    best, best_fit = point, fit
        return best

    rough = search(TROJBORG, 2000, 25)
    return search(rough, 40, 2)


def register_eva(client, circle, at):
    """Eva, born 1950, signs up with coordinates in Trøjborg and joins the open circle."""
    eva = {
        "name": "Eva Ny",
        "email": "eva@example.dk",
        "password": "a good long password",
        "birth_date": "1950-03-03",
        "latitude": at[0],
        "longitude": at[1],
    }
    assert client.post("/api/v1/auth/register", json=eva).status_code == 201
    assert client.post(f"/api/v1/circles/{circle.id}/join", json={}).status_code in (200, 201)
    assert client.patch("/api/v1/me", json={"travel_km": 5}).status_code == 200


def move(client, at):
    response = client.patch("/api/v1/me", json={"latitude": at[0], "longitude": at[1]})
    assert response.status_code == 200, response.get_json()


def as_helper(client, request_id: int, moves: list) -> list:
    """Eva moves, then reads the nearby list: Karen's request's distance and map square."""
    transcript = []
    for at in moves:
        move(client, at)
        listed = client.get("/api/v1/requests?near=1").get_json()
        mine = [r for r in listed if r["id"] == request_id]
        transcript.append(
            (at, mine[0]["distance_km"], mine[0]["latitude"], mine[0]["longitude"])
            if mine
            else (at, None, None, None)
        )
    return transcript


def as_requester(client, helper_id: int, moves: list) -> list:
    """Eva moves, asks for shopping afresh and reads Jonas's distance, score and place."""
    transcript, previous = [], None
    for at in moves:
        move(client, at)
        if previous:
            client.patch(f"/api/v1/requests/{previous}", json={"status": "cancelled"})
        posted = client.post("/api/v1/requests", json={"category": "shopping"})
        assert posted.status_code == 201, posted.get_json()
        previous = posted.get_json()["id"]
        ranked = client.get(f"/api/v1/requests/{previous}/suggestions").get_json()
        place = [i for i, s in enumerate(ranked) if s["helper_id"] == helper_id]
        found = ranked[place[0]] if place else {}
        transcript.append(
            (at, found.get("distance_km"), found.get("score"), place[0] if place else None)
        )
    return transcript


@pytest.fixture
def trojborg(app, ctx, monkeypatch):
    """Trøjborg with Karen, who asks for shopping, and Jonas, who offers it, plus a neighbour.

    The daily limit on moving one's home slows an attacker down; the coarse cells are what stop
    her. The limit is lifted here so that she can play the whole attack at once."""
    monkeypatch.setitem(app.config, "CIRCLES_LOCATION_CHANGES_PER_DAY", 100_000)
    circle = make_circle(centre=TROJBORG)
    karen = make_member(circle, name="Karen Jensen", home=KAREN)
    jonas = make_member(circle, name="Jonas Berg", home=JONAS)
    make_offer(jonas, "shopping", max_km=5)
    make_member(circle, name="Søren Østergård", home=(56.1731, 10.2050))
    return circle, karen, jonas, make_request(karen, circle)


def move_home(person, request, at):
    """Karen (or Jonas) lives elsewhere in the same cell: the database changes, nothing else."""
    person.latitude, person.longitude = at
    if request is not None:
        request.latitude, request.longitude = at
    db.session.commit()


def test_eva_cannot_find_karens_home_from_the_nearby_list(trojborg, app):
    circle, karen, _, request = trojborg
    eva = app.test_client()
    moves = spots(MOVES, seed=14)
    register_eva(eva, circle, moves[0])
    transcript = as_helper(eva, request.id, moves)
    readings = [(at, km) for at, km, *_ in transcript if km is not None]
    assert len(readings) >= 150  # she saw the request nearly every time
    guess = estimate(readings)
    assert metres(guess, KAREN) >= 200, f"Karen's home found within {metres(guess, KAREN):.0f} m"


def test_eva_cannot_find_jonass_home_from_suggestions(trojborg, app):
    circle, _, jonas, _ = trojborg
    eva = app.test_client()
    moves = spots(MOVES, seed=41)
    register_eva(eva, circle, moves[0])
    transcript = as_requester(eva, jonas.id, moves)
    readings = [(at, km) for at, km, *_ in transcript if km is not None]
    assert len(readings) >= 150
    guess = estimate(readings)
    assert metres(guess, JONAS) >= 200, f"Jonas's home found within {metres(guess, JONAS):.0f} m"


def test_two_homes_in_one_cell_give_eva_exactly_the_same_answers(trojborg, app):
    circle, karen, jonas, request = trojborg
    moves = spots(40, seed=7)
    eva = app.test_client()
    register_eva(eva, circle, moves[0])
    first = (as_helper(eva, request.id, moves), as_requester(eva, jonas.id, moves))
    assert metres(KAREN, KAREN_SAME_CELL) > 400 and metres(JONAS, JONAS_SAME_CELL) > 400
    move_home(karen, db.session.get(HelpRequest, request.id), KAREN_SAME_CELL)
    move_home(jonas, None, JONAS_SAME_CELL)
    second = (as_helper(eva, request.id, moves), as_requester(eva, jonas.id, moves))
    assert first == second


def test_moving_home_is_limited_to_a_few_times_a_day(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "CIRCLES_LOCATION_CHANGES_PER_DAY", 3)
    circle = make_circle(centre=TROJBORG)
    eva = app.test_client()
    moves = spots(6, seed=3)
    register_eva(eva, circle, moves[0])
    for at in moves[1:4]:
        move(eva, at)
    refused = eva.patch("/api/v1/me", json={"latitude": moves[4][0], "longitude": moves[4][1]})
    assert refused.status_code == 429
    assert "flytte" in refused.get_json()["message"]
    assert int(refused.headers["Retry-After"]) > 0
    # Other changes to the profile go through; so does saying the same place again.
    assert eva.patch("/api/v1/me", json={"travel_km": 2}).status_code == 200
    same = eva.patch("/api/v1/me", json={"latitude": moves[3][0], "longitude": moves[3][1]})
    assert same.status_code == 200

"""Query budgets for helping: the nearby list and the suggestions cost the same however many
requests, helpers and past help there are, and whatever the page size."""

import pytest

from tests.factories import (
    HOME,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    near,
)


@pytest.fixture
def circle(ctx):
    return make_circle(radius_km=12)


def neighbours_asking(circle, count: int, start: int = 0) -> list:
    """count neighbours within a kilometre of Trøjborg, each with an open shopping request."""
    asked = []
    for n in range(start, start + count):
        person = make_member(circle, name=f"Nabo {n}", home=near(HOME, 100 + 20 * n))
        asked.append(make_request(person, circle, radius_km=5))
    return asked


def helpers_offering(circle, count: int, start: int = 0) -> list:
    """count helpers within a kilometre of Trøjborg, each offering to shop."""
    helpers = []
    for n in range(start, start + count):
        helper = make_member(
            circle, role="helper", name=f"Hjælper {n}", home=near(HOME, 150 + 20 * n)
        )
        make_offer(helper, "shopping", max_km=5)
        helpers.append(helper)
    return helpers


def past_help(requests, helper) -> None:
    """The helper has done each of these requests."""
    for request in requests:
        request.status = "done"
        make_match(request, helper, status="done")


def test_jonas_sees_30_requests_nearby_in_as_few_statements_as_3(circle, make_client, statements):
    jonas = make_member(circle, role="helper", name="Jonas Berg", home=HOME, postcode="8000")
    make_offer(jonas, "shopping", max_km=5)
    phone = make_client(jonas)
    phone.get("/api/v1/me")  # his visit is noted once; the budget is for what follows
    neighbours_asking(circle, 3)
    with statements() as few:
        short = phone.get("/api/v1/requests?near=1&page_size=3")
    past_help(neighbours_asking(circle, 20, start=3), jonas)  # years of help he has done
    neighbours_asking(circle, 22, start=23)
    for n in range(5):  # neighbours who gave only their postcode: the list names it instead
        person = make_member(
            circle, name=f"Postnabo {n}", home=near(HOME, 2000), postcode="8000",
            place_name="Aarhus C", location_source="postcode",
        )  # fmt: skip
        make_request(person, circle, radius_km=5)
    with statements() as many:
        long = phone.get("/api/v1/requests?near=1&page_size=30")
    assert len(short.get_json()) == 3 and len(long.get_json()) == 30
    areas = [r["area"] for r in long.get_json() if r["distance_km"] is None]
    assert areas == ["8000 Aarhus C"] * 5
    # Measured: 3 for a page of 3 and for a page of 30 after 20 done requests (his sign-in,
    # how far he goes, and the requests near him or of his postcode with their circles and
    # where their askers live).
    assert len(many) == len(few) <= 3, "\n".join(many)


def test_karen_sees_30_suggested_helpers_in_as_few_statements_as_3(circle, make_client, statements):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    request_id = make_request(karen, circle, radius_km=5).id
    phone = make_client(karen)
    phone.get("/api/v1/me")
    helpers_offering(circle, 3)
    with statements() as few:
        short = phone.get(f"/api/v1/requests/{request_id}/suggestions?page_size=3")
    helpers = helpers_offering(circle, 30, start=3)
    past_help(neighbours_asking(circle, 10), helpers[0])
    with statements() as many:
        long = phone.get(f"/api/v1/requests/{request_id}/suggestions?page_size=30")
    assert len(short.get_json()) == 3 and len(long.get_json()) == 30
    # Measured: 4 (her sign-in, the request, her matches on it, the helpers in one statement
    # for both ways of being near: the box and her postcode).
    assert len(many) == len(few) <= 4, "\n".join(many)
    assert not many.written_per_run, "\n".join(many.written_per_run)


def helped_by(helper, person, circle, count: int, status: str = "accepted") -> None:
    """The helper has taken on count of the person's requests."""
    for n in range(count):
        make_match(make_request(person, circle, description=f"Indkøb {n}"), helper, status=status)


def test_jonas_opens_his_matches_in_as_few_statements_after_years_of_help(
    circle, make_client, statements
):
    jonas = make_member(circle, role="helper", name="Jonas Berg", home=HOME)
    mette = make_member(circle, role="helper", name="Mette Holm", home=near(HOME, 300))
    phone = make_client(jonas)
    phone.get("/api/v1/me")
    past_help(neighbours_asking(circle, 2), jonas)
    helped_by(mette, jonas, circle, 1)
    with statements() as few:
        short = phone.get("/api/v1/matches?page_size=3")
    past_help(neighbours_asking(circle, 20, start=2), jonas)  # years of help he has given
    helped_by(mette, jonas, circle, 10)  # and had
    with statements() as many:
        long = phone.get("/api/v1/matches?page_size=30")
    assert len(short.get_json()) == 3 and len(long.get_json()) == 30
    assert '"total": 33' in long.headers["X-Pagination"]
    # Measured: 4 (the caller, the page with its requests and people, the count(), blocks).
    assert len(many) == len(few) <= 4, "\n".join(many)
    assert any("LIMIT" in sql.upper() for sql in many), "the page is cut in SQL"


def test_jonas_pages_through_his_matches_newest_first_without_repeats(circle, make_client):
    jonas = make_member(circle, role="helper", name="Jonas Berg", home=HOME)
    mette = make_member(circle, role="helper", name="Mette Holm", home=near(HOME, 300))
    past_help(neighbours_asking(circle, 7), jonas)
    helped_by(mette, jonas, circle, 5)
    phone = make_client(jonas)
    pages = [phone.get(f"/api/v1/matches?page={n}&page_size=5") for n in (1, 2, 3)]
    ids = [m["id"] for answer in pages for m in answer.get_json()]
    assert [len(answer.get_json()) for answer in pages] == [5, 5, 2]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 12
    sides = [m["my_side"] for answer in pages for m in answer.get_json()]
    assert sides.count("helper") == 7 and sides.count("requester") == 5

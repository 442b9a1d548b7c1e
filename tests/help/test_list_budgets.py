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
    jonas = make_member(circle, role="helper", name="Jonas Berg", home=HOME)
    make_offer(jonas, "shopping", max_km=5)
    phone = make_client(jonas)
    phone.get("/api/v1/me")  # his visit is noted once; the budget is for what follows
    neighbours_asking(circle, 3)
    with statements() as few:
        short = phone.get("/api/v1/requests?near=1&page_size=3")
    past_help(neighbours_asking(circle, 20, start=3), jonas)  # years of help he has done
    neighbours_asking(circle, 30, start=23)
    with statements() as many:
        long = phone.get("/api/v1/requests?near=1&page_size=30")
    assert len(short.get_json()) == 3 and len(long.get_json()) == 30
    # Measured: 6 for a page of 3 and for a page of 30 after 20 done requests.
    assert len(many) == len(few) <= 6, "\n".join(many)


def test_karen_sees_30_suggested_helpers_in_as_few_statements_as_3(circle, make_client, statements):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    request = make_request(karen, circle, radius_km=5)
    phone = make_client(karen)
    phone.get("/api/v1/me")
    helpers_offering(circle, 3)
    with statements() as few:
        short = phone.get(f"/api/v1/requests/{request.id}/suggestions?page_size=3")
    helpers = helpers_offering(circle, 30, start=3)
    past_help(neighbours_asking(circle, 10), helpers[0])
    with statements() as many:
        long = phone.get(f"/api/v1/requests/{request.id}/suggestions?page_size=30")
    assert len(short.get_json()) == 3 and len(long.get_json()) == 30
    assert len(many) == len(few) <= 5, "\n".join(many)

"""Stories of a hostile page borrowing a member's cookies: without the CSRF token, nothing."""

from circles.help.models import Offer
from tests.conftest import FreshContextClient
from tests.factories import PASSWORD, make_circle, make_member

OFFER = {"category": "repairs"}


def signed_in_remembered(app, user) -> FreshContextClient:
    """A browser that signed in with "remember me", without the test client's CSRF help."""
    browser = FreshContextClient(app, app.response_class, use_cookies=True)
    token = browser.get("/api/v1/auth/csrf").get_json()["csrf_token"]
    login = {"email": user.email, "password": PASSWORD, "remember": True}
    response = browser.post("/api/v1/auth/login", json=login, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.get_json()
    return browser


def test_a_forged_post_riding_on_the_remember_cookie_alone_is_refused(app, ctx):
    karen = make_member(make_circle(), name="Karen Jensen")
    browser = signed_in_remembered(app, karen)
    # The session cookie has gone (browser closed); only the remember cookie is left.
    browser.delete_cookie("session")
    forged = browser.post("/api/v1/offers", json=OFFER)
    assert forged.status_code == 400, forged.get_json()
    assert Offer.query.count() == 0
    # The same cookie still signs her in: the missing token is what stopped the forgery.
    browser.delete_cookie("session")
    assert browser.get("/api/v1/me").status_code == 200


def test_a_junk_bearer_header_does_not_excuse_a_cookie_from_the_csrf_token(app, ctx):
    karen = make_member(make_circle(), name="Karen Jensen")
    browser = signed_in_remembered(app, karen)
    forged = browser.post("/api/v1/offers", json=OFFER, headers={"Authorization": "Bearer junk"})
    assert forged.status_code == 400, forged.get_json()
    assert Offer.query.count() == 0


def test_a_phone_app_with_only_its_bearer_token_needs_no_csrf_token(app, ctx):
    karen = make_member(make_circle(), name="Karen Jensen")
    phone = FreshContextClient(app, app.response_class, use_cookies=False)
    issued = phone.post(
        "/api/v1/auth/tokens", json={"email": karen.email, "password": PASSWORD, "name": "Phone"}
    )
    assert issued.status_code == 201, issued.get_json()
    bearer = {"Authorization": f"Bearer {issued.get_json()['token']}"}
    created = phone.post("/api/v1/offers", json=OFFER, headers=bearer)
    assert created.status_code == 201, created.get_json()

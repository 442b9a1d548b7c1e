"""The demo's mutual help: Mette asks and Jonas helps; Karen and Søren are regulars."""

from circles.db import transaction
from circles.demo.data import DEMO_PASSWORD, load_demo
from circles.help.models import HelpRequest, Match, Offer


def signed_in(app, email):
    client = app.test_client()
    response = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200
    return client


def test_two_demo_members_go_through_the_whole_flow(app, ctx):
    for _ in range(2):  # safe to run twice, as the CLI does: each run its own transaction
        with transaction():
            load_demo()
    assert HelpRequest.query.count() == 5 and Match.query.count() == 2 and Offer.query.count() == 5
    mette = signed_in(app, "mette@circles.example")
    jonas = signed_in(app, "jonas@circles.example")
    mine = mette.get("/api/v1/requests").get_json()
    request = next(r for r in mine if r["status"] == "open" and r["category"] == "shopping")
    assert request["id"] in [r["id"] for r in jonas.get("/api/v1/requests?near=1").get_json()]
    ranked = mette.get(f"/api/v1/requests/{request['id']}/suggestions").get_json()
    first = ranked[0]
    assert first["first_name"] == "Jonas"
    assert any("tilbyder hjælp med" in reason for reason in first["reasons"])
    match = mette.post(
        "/api/v1/matches", json={"request_id": request["id"], "helper_id": first["helper_id"]}
    ).get_json()
    accepted = jonas.post(f"/api/v1/matches/{match['id']}/accept").get_json()
    assert accepted["other"]["name"] == "Mette Organizer"
    assert jonas.post(f"/api/v1/matches/{match['id']}/done").status_code == 200
    thanks = mette.post(f"/api/v1/matches/{match['id']}/thanks", json={"note": "Tak, Jonas!"})
    assert thanks.status_code == 200
    karen = signed_in(app, "karen@circles.example")
    regulars = karen.get("/api/v1/me/relationships").get_json()
    assert [(r["person"]["name"], r["times"]) for r in regulars] == [("Søren Ærø Østergård", 2)]

"""A member agrees to short loneliness check-ins, answers them, sees their own, and can stop."""

from tests.factories import make_circle, make_member

ANSWERS = {
    "companionship": "often",
    "left_out": "some_of_the_time",
    "isolated": "hardly_ever",
    "lonely_direct": "often",
}


def consenting(make_client, circle):
    member = make_member(circle)
    client = make_client(member)
    assert client.patch("/api/v1/me", json={"checkin_consent": True}).status_code == 200
    return member, client


def test_member_who_consented_checks_in_and_sees_the_scores(make_client):
    circle = make_circle()
    _, client = consenting(make_client, circle)
    created = client.post("/api/v1/checkins", json=ANSWERS)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["companionship"], body["left_out"], body["isolated"]) == (3, 2, 1)
    assert body["total"] == 6 and body["lonely_direct"] == 3
    assert body["circle_id"] == circle.id
    mine = client.get("/api/v1/me/checkins").get_json()
    assert [c["id"] for c in mine] == [body["id"]]


def test_without_consent_a_check_in_is_refused(make_client):
    client = make_client(make_member(make_circle()))
    response = client.post("/api/v1/checkins", json=ANSWERS)
    assert response.status_code == 403


def test_consent_is_shown_and_can_be_withdrawn(make_client):
    _, client = consenting(make_client, make_circle())
    assert client.get("/api/v1/me").get_json()["checkin_consent_at"]
    withdrawn = client.patch("/api/v1/me", json={"checkin_consent": False}).get_json()
    assert withdrawn["checkin_consent_at"] is None
    assert client.post("/api/v1/checkins", json=ANSWERS).status_code == 403


def test_a_bad_answer_is_named(make_client):
    _, client = consenting(make_client, make_circle())
    response = client.post("/api/v1/checkins", json={**ANSWERS, "isolated": "always"})
    assert response.status_code == 422
    assert "isolated" in response.get_json()["errors"]["json"]
    missing = client.post("/api/v1/checkins", json={"companionship": "often"})
    assert set(missing.get_json()["errors"]["json"]) == {"left_out", "isolated", "lonely_direct"}


def test_a_check_in_belongs_to_one_of_my_circles(make_client):
    _, client = consenting(make_client, make_circle())
    other = make_circle("Risskov")
    assert (
        client.post("/api/v1/checkins", json={**ANSWERS, "circle_id": other.id}).status_code == 404
    )


def test_others_check_ins_are_not_mine(make_client):
    circle = make_circle()
    _, client = consenting(make_client, circle)
    client.post("/api/v1/checkins", json=ANSWERS)
    _, other = consenting(make_client, circle)
    assert other.get("/api/v1/me/checkins").get_json() == []


def test_questions_come_in_danish_and_english(client):
    danish = client.get("/api/v1/checkins/questions", headers={"Accept-Language": "da"})
    english = client.get("/api/v1/checkins/questions", headers={"Accept-Language": "en"})
    assert danish.get_json()[3]["text"] == "Hvor ofte føler du dig ensom?"
    assert english.get_json()[3]["text"] == "How often do you feel lonely?"
    assert [a["score"] for a in english.get_json()[0]["answers"]] == [1, 2, 3]

"""Stories of getting back in: a forgotten password, a code by SMS, a new password in Settings."""

import re
import time
from datetime import timedelta

from sqlalchemy import select

from circles.accounts.models import ApiToken, OneTimeSecret, User
from circles.extensions import db
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "min nye lange adgangskode"
INGER_MOBILE = 4520123456


def arrived(outbox: list, count: int = 1, timeout: float = 10) -> list:
    """What the local server holds once count messages arrived (they are sent in the background)."""
    deadline = time.monotonic() + timeout
    while len(outbox) < count:
        assert time.monotonic() < deadline, f"only {len(outbox)} of {count} arrived"
        time.sleep(0.05)
    return outbox


def reset_token(message) -> str:
    """The token in the link of a reset email."""
    return re.search(r"#/reset/([\w-]+)", message.get_content()).group(1)


def signs_in(client, email: str, password: str) -> int:
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}
    ).status_code


def test_karen_forgets_her_password_and_chooses_a_new_one_from_the_emailed_link(
    client, mail_settings
):
    make_user(name="Karen Jensen", email="karen@example.dk")
    asked = client.post("/api/v1/auth/password-reset", json={"email": " Karen@Example.dk "})
    assert asked.status_code == 202
    [(recipients, message)] = arrived(mail_settings.received)
    assert recipients == ["karen@example.dk"]
    assert message["Subject"] == "Circles: vælg en ny adgangskode"
    assert "https://circles.example.dk/#/reset/" in message.get_content()
    assert "60 minutter" in message.get_content()

    body = {"token": reset_token(message), "password": NEW_PASSWORD}
    chosen = client.post("/api/v1/auth/password-reset/confirm", json=body)
    assert chosen.status_code == 200, chosen.get_json()
    assert client.get("/api/v1/me").get_json()["name"] == "Karen Jensen"
    assert signs_in(client, "karen@example.dk", PASSWORD) == 401
    assert signs_in(client, "karen@example.dk", NEW_PASSWORD) == 200


def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(client, mail_settings):
    make_user(email="karen@example.dk")
    known = client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
    unknown = client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.dk"})
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    arrived(mail_settings.received)
    time.sleep(0.3)  # a mail to nobody would have had time to arrive too
    assert [to for to, _ in mail_settings.received] == [["karen@example.dk"]]


def test_a_reset_link_works_once_and_only_its_hash_is_kept(client, mail_settings):
    make_user(email="karen@example.dk")
    client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
    token = reset_token(arrived(mail_settings.received)[0][1])
    assert token not in db.session.scalar(select(OneTimeSecret.secret_hash))
    body = {"token": token, "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/password-reset/confirm", json=body).status_code == 200
    again = client.post("/api/v1/auth/password-reset/confirm", json={**body, "password": "x" * 9})
    assert again.status_code == 422
    assert "token" in again.get_json()["errors"]["json"]


def test_a_reset_link_older_than_an_hour_is_refused(client, mail_settings):
    make_user(email="karen@example.dk")
    client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
    token = reset_token(arrived(mail_settings.received)[0][1])
    secret = db.session.scalar(select(OneTimeSecret))
    secret.expires_at = secret.created_at - timedelta(seconds=1)
    db.session.commit()
    body = {"token": token, "password": NEW_PASSWORD}
    refused = client.post("/api/v1/auth/password-reset/confirm", json=body)
    assert refused.status_code == 422
    assert "en time" in refused.get_json()["errors"]["json"]["token"][0]


def test_only_the_newest_reset_link_works(client, mail_settings):
    make_user(email="karen@example.dk")
    for count in (1, 2):  # the second asked for once the first arrived: they go in the background
        client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
        arrived(mail_settings.received, count)
    first, second = (reset_token(m) for _, m in mail_settings.received)
    old = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": first, "password": NEW_PASSWORD}
    )
    assert old.status_code == 422
    new = {"token": second, "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/password-reset/confirm", json=new).status_code == 200


def test_a_reset_ends_the_phone_app_tokens_karen_had(client, mail_settings):
    make_user(email="karen@example.dk")
    made = client.post(
        "/api/v1/auth/tokens", json={"email": "karen@example.dk", "password": PASSWORD}
    )
    old_token = {"Authorization": f"Bearer {made.get_json()['token']}"}
    client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
    token = reset_token(arrived(mail_settings.received)[0][1])
    client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD}
    )
    phone_app = client.application.test_client()  # no session cookie: only the token counts
    assert phone_app.get("/api/v1/me", headers=old_token).status_code == 401


def test_reset_links_are_limited_per_account_and_per_address(client, mail_settings):
    make_user(email="karen@example.dk")
    answers = [
        client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"}).status_code
        for _ in range(6)
    ]
    # Five answers an hour for one address, wherever they are asked from; the sixth is 429.
    assert answers == [202] * 5 + [429]
    time.sleep(0.3)
    # And three emails an hour to one account, however many answers said "sent".
    assert len(arrived(mail_settings.received, 3)) == 3


def test_a_suspended_account_gets_no_reset_link(client, mail_settings):
    make_user(email="karen@example.dk", active=False)
    assert (
        client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"}).status_code
        == 202
    )
    time.sleep(0.3)
    assert mail_settings.received == []


def test_inger_signs_in_with_a_code_by_sms(client, sms_settings):
    make_user(name="Inger Madsen", email=None, phone="20 12 34 56")
    asked = client.post("/api/v1/auth/sms-code", json={"phone": "+45 20123456"})
    assert asked.status_code == 202
    [text] = arrived(sms_settings.sent) and sms_settings.texts_to(INGER_MOBILE)
    code = re.search(r"\b(\d{6})\b", text).group(1)
    assert "10 minutter" in text
    signed = client.post("/api/v1/auth/sms-code/confirm", json={"phone": "20123456", "code": code})
    assert signed.status_code == 200, signed.get_json()
    assert client.get("/api/v1/me").get_json()["name"] == "Inger Madsen"
    # A code works once.
    again = client.post("/api/v1/auth/sms-code/confirm", json={"phone": "20123456", "code": code})
    assert again.status_code == 422


def test_an_unknown_number_gets_the_same_answer_and_no_sms(client, sms_settings):
    make_user(name="Inger Madsen", email=None, phone="20123456")
    known = client.post("/api/v1/auth/sms-code", json={"phone": "20123456"})
    unknown = client.post("/api/v1/auth/sms-code", json={"phone": "20999999"})
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    arrived(sms_settings.sent)
    time.sleep(0.3)
    assert len(sms_settings.sent) == 1


def test_five_wrong_tries_wear_the_code_out(client, sms_settings):
    make_user(name="Inger Madsen", email=None, phone="20123456")
    client.post("/api/v1/auth/sms-code", json={"phone": "20123456"})
    arrived(sms_settings.sent)
    code = re.search(r"\b(\d{6})\b", sms_settings.texts_to(INGER_MOBILE)[0]).group(1)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        tried = client.post(
            "/api/v1/auth/sms-code/confirm", json={"phone": "20123456", "code": wrong}
        )
        assert tried.status_code == 422
    right = client.post("/api/v1/auth/sms-code/confirm", json={"phone": "20123456", "code": code})
    assert right.status_code == 422
    assert "for mange gange" in right.get_json()["errors"]["json"]["code"][0]
    assert client.get("/api/v1/me").status_code == 401


def test_a_code_older_than_ten_minutes_is_refused(client, sms_settings):
    make_user(name="Inger Madsen", email=None, phone="20123456")
    client.post("/api/v1/auth/sms-code", json={"phone": "20123456"})
    arrived(sms_settings.sent)
    code = re.search(r"\b(\d{6})\b", sms_settings.texts_to(INGER_MOBILE)[0]).group(1)
    secret = db.session.scalar(select(OneTimeSecret))
    assert secret.expires_at - secret.created_at == timedelta(minutes=10)
    secret.expires_at = secret.created_at
    db.session.commit()
    old = client.post("/api/v1/auth/sms-code/confirm", json={"phone": "20123456", "code": code})
    assert old.status_code == 422


def test_karen_changes_her_password_and_her_other_sign_ins_end(client, make_client):
    karen = make_user(email="karen@example.dk")
    tokens = [
        client.post(
            "/api/v1/auth/tokens", json={"email": karen.email, "password": PASSWORD, "name": name}
        ).get_json()["token"]
        for name in ("tablet", "phone")
    ]
    tablet, phone = ({"Authorization": f"Bearer {t}"} for t in tokens)
    changed = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "password": NEW_PASSWORD},
        headers=phone,
    )
    assert changed.status_code == 204, changed.get_json()
    assert client.get("/api/v1/me", headers=phone).status_code == 200  # the one asking stays
    assert client.get("/api/v1/me", headers=tablet).status_code == 401
    assert signs_in(client, karen.email, NEW_PASSWORD) == 200


def test_a_wrong_current_password_changes_nothing_and_says_so(make_client):
    karen = make_user(email="karen@example.dk")
    signed_in = make_client(karen)
    refused = signed_in.post(
        "/api/v1/me/password", json={"current_password": "not it at all", "password": NEW_PASSWORD}
    )
    assert refused.status_code == 403
    assert "nuværende adgangskode" in refused.get_json()["message"]
    assert signs_in(signed_in, karen.email, PASSWORD) == 200


def test_a_too_short_new_password_names_the_field(make_client):
    signed_in = make_client(make_user(email="karen@example.dk"))
    refused = signed_in.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "password": "kort"}
    )
    assert refused.status_code == 422
    assert "password" in refused.get_json()["errors"]["json"]


def test_nobody_can_change_a_password_without_signing_in(client):
    tried = client.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert tried.status_code == 401
    assert db.session.scalar(select(ApiToken)) is None
    assert db.session.scalar(select(User)) is None

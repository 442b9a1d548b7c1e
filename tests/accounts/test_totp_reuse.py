"""Mette's six digits open the desk once: someone who saw them, or replays her request, does not."""

import time

import pyotp
import pytest
from sqlalchemy import update

from circles.accounts import two_factor
from circles.accounts.models import User
from circles.extensions import db
from tests.accounts.test_two_factor import enrolled_secret, login, two_factor_on  # noqa: F401
from tests.factories import make_circle, make_member
from tests.races import RACERS, postgres_only, race


def next_code(secret: str) -> str:
    """The code her app shows in the next 30 seconds (accepted, as clocks drift)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_a_shoulder_surfer_cannot_use_the_code_mette_just_typed(app, ctx, two_factor_on):  # noqa: F811
    mette = make_member(make_circle(), role="organizer", name="Mette Mikkelsen")
    secret = enrolled_secret(app.test_client(), mette)
    code = next_code(secret)
    assert login(app.test_client(), mette, code=code).status_code == 200
    replayed = login(app.test_client(), mette, code=code)
    assert replayed.status_code == 401
    wrong = login(app.test_client(), mette, code="000000").get_json()["message"]
    assert replayed.get_json()["message"] == wrong  # told plainly, as any wrong code
    assert replayed.get_json()["second_factor"] == "code"
    older = pyotp.TOTP(secret).now()  # the one she enrolled with: at or before, so refused too
    assert login(app.test_client(), mette, code=older).status_code == 401


def test_the_code_used_to_enrol_does_not_sign_in_a_second_time(app, ctx, two_factor_on):  # noqa: F811
    mette = make_member(make_circle(), role="organizer", name="Mette Mikkelsen")
    secret = enrolled_secret(app.test_client(), mette)
    again = login(app.test_client(), mette, code=pyotp.TOTP(secret).now())
    assert again.status_code == 401


@pytest.fixture
def enrolled_mette(app, ctx, real_commits):
    postgres_only(app)
    mette = make_member(make_circle(), role="organizer", name="Mette Mikkelsen")
    secret = two_factor.pending_secret(mette, app.config["SECRET_KEY"])
    mette.totp_secret = secret
    mette.totp_enabled_at = mette.created_at
    db.session.commit()
    return mette.id, secret


def test_the_same_code_sent_twice_at_once_signs_in_once(app, enrolled_mette):
    mette_id, secret = enrolled_mette
    key = app.config["SECRET_KEY"]

    def submit(code):
        def work():
            return two_factor.check(db.session.get(User, mette_id), code, key)

        return work

    for trial in range(20):
        db.session.execute(update(User).where(User.id == mette_id).values(totp_last_step=None))
        db.session.commit()
        code = pyotp.TOTP(secret).now()
        outcomes = race(app, [submit(code) for _ in range(RACERS)])
        assert outcomes.count(True) == 1, f"trial {trial}: {outcomes}"
        assert outcomes.count(False) == RACERS - 1, f"trial {trial}: {outcomes}"

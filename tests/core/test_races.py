"""Mette's phone sends her request ten times at once with one Idempotency-Key: one request."""

import pytest
from sqlalchemy import func, select

from circles.core.models import IdempotencyRecord
from circles.extensions import db
from circles.help.models import HelpRequest
from tests.factories import HOME, make_circle, make_member
from tests.races import RACERS, TRIALS, postgres_only, race

SHOPPING = {"category": "shopping", "description": "Mælk, rugbrød og kaffe"}


@pytest.fixture
def mettes_phones(app, make_client, real_commits):
    """Ten signed-in clients of Mette (8000 Aarhus C), as many retries in flight."""
    postgres_only(app)
    mette = make_member(make_circle(), name="Mette Hansen", home=HOME, postcode="8000")
    return mette.id, [make_client(mette) for _ in range(RACERS)]


def _send(phone, key: str):
    def work():
        answer = phone.post("/api/v1/requests", json=SHOPPING, headers={"Idempotency-Key": key})
        return answer.status_code, answer.get_json().get("id")

    return work


def test_ten_retries_with_one_key_at_once_create_one_request_and_one_record(app, mettes_phones):
    mette_id, phones = mettes_phones
    for trial in range(TRIALS):
        key = f"shopping-{trial}"
        outcomes = race(app, [_send(phone, key) for phone in phones])
        assert {status for status, _ in outcomes} == {201}, f"trial {trial}: {outcomes}"
        assert len({request_id for _, request_id in outcomes}) == 1, f"trial {trial}: {outcomes}"
        records = db.session.scalar(
            select(func.count(IdempotencyRecord.id)).where(
                IdempotencyRecord.user_id == mette_id, IdempotencyRecord.key == key
            )
        )
        assert records == 1, f"trial {trial}: {records} records for one key"
        created = db.session.scalar(select(func.count(HelpRequest.id)))
        assert created == trial + 1, f"trial {trial}: {created} requests in {trial + 1} trials"

"""Inger's sign-in card is shown to ten phones at once: it signs in one of them, once."""

import pytest
from sqlalchemy import func, select, update

from circles.accounts import cards
from circles.accounts.models import SignInCard
from circles.core.errors import Invalid
from circles.extensions import db
from tests.factories import make_circle, make_member
from tests.races import RACERS, TRIALS, postgres_only, race


@pytest.fixture
def ingers_card(app, ctx, real_commits):
    """Inger (8000 Aarhus C, no smartphone of her own) and the card Mette printed for her."""
    postgres_only(app)
    circle = make_circle(name="Frederiksbjerg", centre=(56.1496, 10.2045))
    mette = make_member(circle, role="organizer", name="Mette")
    inger = make_member(circle, name="Inger Holm", email=None, home=(56.1490, 10.2040))
    inger.password_hash = None  # cards are only for members without a password
    card, code = cards.issue(mette, circle.id, inger.id)
    db.session.commit()
    return card.id, code, inger.id


def _redeem(code: str):
    return lambda: cards.redeem(code).user_id


def test_ten_phones_show_ingers_card_at_once_and_one_is_signed_in(app, ingers_card):
    card_id, code, inger_id = ingers_card
    for trial in range(TRIALS):
        db.session.execute(update(SignInCard).values(used_at=None))
        db.session.commit()
        outcomes = race(app, [_redeem(code) for _ in range(RACERS)])
        assert outcomes.count(inger_id) == 1, f"trial {trial}: {outcomes}"
        refused = [o for o in outcomes if o != inger_id]
        assert all(isinstance(o, Invalid) and o.key == "card.used" for o in refused), refused
    used = db.session.scalar(select(func.count()).where(SignInCard.used_at.is_not(None)))
    assert used == 1

"""Søren has gone quiet: the circle's organizers all ring him at once, and one call is logged."""

from datetime import date

import pytest
from sqlalchemy import delete, func, select, update

from circles.accounts.models import User
from circles.core.errors import Conflict
from circles.extensions import db
from circles.organizing import outreach
from circles.organizing.models import Call, OutreachItem
from tests.factories import make_circle, make_member
from tests.races import RACERS, TRIALS, postgres_only, race

TODAY = date(2026, 12, 7)


@pytest.fixture
def quiet_soren(app, ctx, real_commits):
    """Søren in 8200 Aarhus N on Trøjborg's list, and ten organizers who see it."""
    postgres_only(app)
    circle = make_circle(name="Trøjborg")
    soren = make_member(circle, name="Søren Ærø Østergård", postcode="8200")
    organizers = [
        make_member(circle, role="organizer", name=f"Arrangør {n}") for n in range(RACERS)
    ]
    item = outreach.add(circle.id, "quiet_member", f"quiet:{soren.id}", member_id=soren.id)
    db.session.commit()
    return item.id, [o.id for o in organizers]


def _call(organizer_id: int, item_id: int):
    def work():
        organizer = db.session.get(User, organizer_id)
        return outreach.mark_called(
            organizer, item_id, "Han har det godt, kommer torsdag.", TODAY
        ).id

    return work


def test_ten_organizers_tick_soren_off_at_once_and_one_call_is_logged(app, quiet_soren):
    item_id, organizers = quiet_soren
    for trial in range(TRIALS):
        db.session.execute(delete(Call))
        db.session.execute(update(OutreachItem).values(called_at=None, called_by_id=None))
        db.session.commit()
        outcomes = race(app, [_call(o, item_id) for o in organizers])
        assert outcomes.count(item_id) == 1, f"trial {trial}: {outcomes}"
        refused = [o for o in outcomes if o != item_id]
        assert all(isinstance(o, Conflict) for o in refused), refused
        calls = db.session.scalar(
            select(func.count(Call.id)).where(Call.outreach_item_id == item_id)
        )
        assert calls == 1, f"trial {trial}: {calls} calls logged"

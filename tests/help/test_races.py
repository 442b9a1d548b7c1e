"""Karen asks for a lift and ten neighbours answer at the same moment: one of them drives."""

import pytest
from sqlalchemy import delete, func, select, update

from circles.accounts.models import User
from circles.core.errors import Conflict
from circles.extensions import db
from circles.help import matches
from circles.help.models import HelpRequest, Match
from circles.notify.models import Notification
from tests.factories import make_circle, make_match, make_member, make_request
from tests.races import RACERS, TRIALS, postgres_only, race


@pytest.fixture
def ten_answers(app, ctx, real_commits):
    """Karen's request in 8200 Aarhus N with ten open proposals: invitations and volunteers."""
    postgres_only(app)
    circle = make_circle(name="Aarhus N", centre=(56.1855, 10.1820))
    karen = make_member(circle, name="Karen Jensen", postcode="8200", home=(56.1855, 10.1820))
    request = make_request(karen, circle, category="transport", description="Til lægen tirsdag")
    proposals = []
    for n in range(RACERS):
        helper = make_member(circle, name=f"Nabo {n}", home=(56.1860, 10.1830))
        origin = "invite" if n % 2 == 0 else "volunteer"
        match = make_match(request, helper, origin=origin)
        # An invitation is answered by its helper, a volunteer by Karen.
        proposals.append((match.id, helper.id if origin == "invite" else karen.id))
    return request.id, proposals


def _reopen(request_id: int) -> None:
    """Back to the start: the request open, every proposal waiting for its answer."""
    db.session.execute(
        update(HelpRequest).where(HelpRequest.id == request_id).values(status="open")
    )
    db.session.execute(
        update(Match)
        .where(Match.request_id == request_id)
        .values(status="proposed", accepted_at=None, cancel_reason=None)
    )
    db.session.execute(delete(Notification))
    db.session.commit()


def _accept(match_id: int, actor_id: int):
    def work():
        return matches.accept(db.session.get(User, actor_id), db.session.get(Match, match_id)).id

    return work


def test_ten_neighbours_say_yes_at_once_and_exactly_one_drives_karen(app, ten_answers):
    request_id, proposals = ten_answers
    for trial in range(TRIALS):
        _reopen(request_id)
        outcomes = race(app, [_accept(match_id, actor) for match_id, actor in proposals])
        won = [o for o in outcomes if isinstance(o, int)]
        assert len(won) == 1, f"trial {trial}: {outcomes}"
        assert all(isinstance(o, Conflict) for o in outcomes if o not in won), outcomes
        db.session.expire_all()
        accepted = db.session.scalar(
            select(func.count(Match.id)).where(
                Match.request_id == request_id, Match.status == "accepted"
            )
        )
        assert accepted == 1, f"trial {trial}: {accepted} accepted matches"
        assert db.session.get(HelpRequest, request_id).status == "matched"

"""Query budgets of the lists: a page costs the same few statements at 6 rows and at 36."""

from datetime import timedelta
from uuid import uuid4

import pytest

from circles.accounts.models import User
from circles.core.models import AuditEntry
from circles.core.types import utcnow
from circles.events.models import Booking, Proposal
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership.models import Membership, MunicipalStaff
from circles.organizing.models import Call, OutreachItem, Report
from tests.factories import make_circle, make_event, make_member

BUDGET = 7  # the caller, a check of their right, the page, the count, and a little batching
# An event's proposals first find the event and whether the caller took part or organizes.
BUDGETS = {"proposals": 9}


def people(circle, count: int) -> list[User]:
    """count members of the circle, made in bulk."""
    found = [
        User(name=f"Medlem {uuid4().hex[:6]}", email=f"{uuid4().hex}@example.dk")
        for _ in range(count)
    ]
    db.session.add_all(found)
    db.session.add_all(Membership(user=p, circle=circle, status="active") for p in found)
    db.session.flush()
    return found


def rows_for(case: str, world: dict, count: int) -> None:
    """count more rows of what the case's list shows."""
    circle, mette, karen, now = world["circle"], world["mette"], world["karen"], utcnow()
    members = people(circle, count)
    if case == "calls":
        rows = [
            Call(circle_id=circle.id, member_id=p.id, organizer_id=mette.id, note="Hej")
            for p in members
        ]
    elif case in ("audit", "on_my_behalf"):
        rows = [
            AuditEntry(
                actor_id=mette.id, action="request.posted", circle_id=circle.id, subject_id=karen.id
            )
            for _ in members
        ]
    elif case in ("my_reports", "circle_reports"):
        rows = [
            Report(circle_id=circle.id, reporter_id=karen.id, reported_user_id=p.id, reason="rude")
            for p in members
        ]
    elif case == "outreach":
        rows = [
            OutreachItem(
                circle_id=circle.id, reason="quiet_member", member_id=p.id, dedupe_key=uuid4().hex
            )
            for p in members
        ]
    elif case == "bookings":
        rows = [
            Booking(
                event_id=world["event"].id, occurrence_start=world["event"].starts_at, user_id=p.id
            )
            for p in members
        ]
    elif case in ("proposals", "my_proposals", "staff_proposals"):
        rows = [
            Proposal(event_id=world["event"].id, author_id=karen.id, text="Flere bænke")
            for _ in members
        ]
    elif case == "requests":
        rows = [
            HelpRequest(
                circle_id=circle.id,
                requester_id=karen.id,
                created_by_id=karen.id,
                category="shopping",
                description="Mælk",
                latitude=56.17,
                longitude=10.2,
            )
            for _ in members
        ]
    else:  # memberships and member search list the people themselves
        rows = []
    db.session.add_all(rows)
    db.session.commit()
    del now


CASES = {
    "memberships": ("mette", "/api/v1/circles/{circle}/memberships"),
    "member_search": ("mette", "/api/v1/circles/{circle}/members?q=medlem"),
    "calls": ("mette", "/api/v1/circles/{circle}/calls"),
    "audit": ("mette", "/api/v1/circles/{circle}/audit"),
    "on_my_behalf": ("karen", "/api/v1/me/on-my-behalf"),
    "my_reports": ("karen", "/api/v1/me/reports"),
    "circle_reports": ("mette", "/api/v1/circles/{circle}/reports"),
    "outreach": ("mette", "/api/v1/circles/{circle}/outreach"),
    "bookings": ("mette", "/api/v1/events/{event}/bookings"),
    "proposals": ("mette", "/api/v1/events/{event}/proposals"),
    "my_proposals": ("karen", "/api/v1/proposals/mine"),
    "staff_proposals": ("anne", "/api/v1/proposals"),
    "requests": ("karen", "/api/v1/requests"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_page_of_each_list_costs_the_same_at_6_and_36_rows(case, make_client, ctx, statements):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    karen = make_member(circle, name="Karen")
    anne = make_member(circle, name="Anne Kommune")
    db.session.add(MunicipalStaff(user=anne, municipality_id=circle.municipality_id))
    event = make_event(
        circle, mette, kind="conversation", title="Middagssamtale", starts_in=timedelta(days=2)
    )
    world = {"circle": circle, "mette": mette, "karen": karen, "event": event}
    who, address = CASES[case]
    url = address.format(circle=circle.id, event=event.id)
    url += "&" if "?" in url else "?"
    client = make_client({"mette": mette, "karen": karen, "anne": anne}[who])
    client.get("/api/v1/me")  # the first visit notes activity; the budget is for the list

    def cost(size: int = 5) -> tuple[int, list[str]]:
        """The statements a page of size rows costs (per-row lookups would grow with size)."""
        with statements() as sent:
            answer = client.get(f"{url}page_size={size}")
        assert answer.status_code == 200, answer.get_json()
        assert len(answer.get_json()) == size
        return len(sent), sent

    rows_for(case, world, 6)
    few, _ = cost()
    rows_for(case, world, 30)
    many, sent = cost()
    short, _ = cost(size=2)
    assert few == many == short <= BUDGETS.get(case, BUDGET), "\n".join(sent)

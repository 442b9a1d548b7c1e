"""Demo data for the organizer pages: Trøjborg's vetted helpers, a member who only phones, a
report, the outreach list and calls with a follow-up due today. Safe to load twice."""

from datetime import date, timedelta

from sqlalchemy import select

from circles.accounts.models import User
from circles.accounts.services import place_home
from circles.core import audit
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership.models import Circle, Membership
from circles.organizing import outreach
from circles.organizing.models import Call, Report

INGER_PHONE = "86 12 34 56"


def _membership(user: User, circle: Circle) -> Membership | None:
    return db.session.scalar(select(Membership).filter_by(user_id=user.id, circle_id=circle.id))


def _vet(people: dict, circle: Circle, organizer: User, today: date) -> None:
    """Jonas vetted last spring; Søren's check runs out in three weeks."""
    for email, met, expires in (
        ("jonas@circles.example", today - timedelta(days=200), today + timedelta(days=530)),
        ("soren@circles.example", today - timedelta(days=709), today + timedelta(days=21)),
    ):
        membership = _membership(people[email], circle)
        if membership is not None and membership.vetted_on is None:
            membership.role = "helper" if membership.role == "member" else membership.role
            membership.vetted_on, membership.vetting_expires_on = met, expires
            membership.references_checked, membership.vetted_by_id = True, organizer.id


def _phone_member(circle: Circle, organizer: User) -> User:
    """Inger Holm has no smartphone: Mette registered her and asks for help on her behalf."""
    inger = db.session.scalar(select(User).filter_by(phone=INGER_PHONE))
    if inger is not None:
        return inger
    inger = User(
        name="Inger Holm",
        phone=INGER_PHONE,
        address="Tordenskjoldsgade 12",
        birth_date=date(1938, 4, 2),
        contact_channels=["phone"],
        language="da",
    )
    place_home(inger, postcode="8000", latitude=56.1712, longitude=10.2069)
    db.session.add(inger)
    db.session.add(
        Membership(user=inger, circle=circle, status="active", decided_by_id=organizer.id)
    )
    db.session.flush()
    audit.record(organizer, "member.registered", circle_id=circle.id, subject=inger)
    request = HelpRequest(
        circle_id=circle.id,
        requester_id=inger.id,
        created_by_id=organizer.id,
        category="transport",
        description="Kørsel til øjenlægen torsdag formiddag.",
        latitude=inger.latitude,
        longitude=inger.longitude,
        location_source=inger.location_source,
    )
    db.session.add(request)
    db.session.flush()
    audit.record(organizer, "request.posted", circle_id=circle.id, subject=inger, target=request)
    db.session.add(
        Call(
            circle_id=circle.id,
            member_id=inger.id,
            organizer_id=organizer.id,
            direction="in",
            note="Inger ringede: skal til øjenlægen. Ring og hør, om hun har fået en chauffør.",
            follow_up_on=date.today(),
        )
    )
    return inger


def load(people: dict, circle: Circle) -> str:
    """Add the organizer's demo to Trøjborg; what Mette finds at /organize/."""
    organizer = people["mette@circles.example"]
    _vet(people, circle, organizer, date.today())
    inger = _phone_member(circle, organizer)
    if not db.session.scalar(select(Report).filter_by(circle_id=circle.id)):
        poul = User(name="Poul Pågående", phone="86 99 00 11", birth_date=date(1949, 2, 3))
        place_home(poul, postcode="8000", latitude=56.1730, longitude=10.2101)
        db.session.add(Membership(user=poul, circle=circle, status="active"))
        db.session.flush()
        db.session.add(
            Report(
                circle_id=circle.id,
                reporter_id=people["karen@circles.example"].id,
                reported_user_id=poul.id,
                reason="unwanted_contact",
                text="Hun har ringet mange gange om aftenen, efter jeg sagde nej tak.",
            )
        )
    db.session.flush()
    outreach.add(circle.id, "quiet_member", "demo:quiet-inger", member_id=inger.id)
    karen_it = db.session.scalar(
        select(HelpRequest).filter_by(requester_id=people["karen@circles.example"].id,
                                      category="it_help")
    )  # fmt: skip
    if karen_it is not None:
        outreach.add(
            circle.id, "unanswered_request", "demo:karen-it", member_id=karen_it.requester_id,
            target=karen_it,
        )  # fmt: skip
    return (
        "Organizing: mette@ runs Trøjborg at /organize/: Inger Holm has no smartphone, "
        "a call to follow up today, Søren's vetting runs out soon, and one open report."
    )

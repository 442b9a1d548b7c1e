"""Posting a request for help, and telling the helpers in its reach.

The API and the organizer pages both post through post_request, so a request made at the
phone desk reaches helpers as one made in the app does; the widening job calls announce.
"""

from sqlalchemy import select, union

from circles.accounts.models import User
from circles.core import geo
from circles.extensions import db
from circles.help import distances, nearness, requests
from circles.help.models import HelpRequest, Offer
from circles.membership.models import Membership
from circles.notify import notifications


def post_request(author: User, fields: dict) -> HelpRequest:
    """Post a request (for oneself, or as an organizer for a member); helpers in reach hear now.

    Written in the caller's transaction, notifications included: all of it lands, or none.
    """
    request = requests.create_request(author, fields)
    announce(request)
    return request


def announce(request: HelpRequest) -> int:
    """Members with an active offer of this kind within the request's radius hear of it.

    Everyone in reach who has not heard yet, not only those the last widening brought in:
    people who joined or made their offer since hear too. The dedupe key makes it once per
    person and request, however often the radius moves or the job runs. A helper known only by
    postcode is in reach when they share the requester's postcode (their centre says nothing
    of distance). Returns how many heard now.
    """
    requester = request.requester
    # The circle's members whose home squares lie in reach, from the membership index alone
    # (as suggestions find them), and where either end is only a postcode's centre, those
    # who share the requester's postcode: sharing it is what counts.
    members = select(Membership.user_id).where(
        Membership.circle_id == request.circle_id, Membership.status == "active"
    )
    reach = nearness.parameters(request.latitude, request.longitude, request.radius_km)
    near = [members.where(nearness.square_box(Membership, reach))]
    if requester.postcode:
        sharing = distances.sharing_postcode(requester.postcode, distances.exact(request))
        near.append(members.join(User, User.id == Membership.user_id).where(sharing))
    offering = (
        select(Offer.id)
        .where(Offer.user_id == User.id, Offer.category == request.category, Offer.active.is_(True))
        .exists()
    )
    people = db.session.scalars(
        select(User).where(
            User.id.in_(union(*near)), User.id != request.requester_id, User.active, offering
        )
    ).all()
    hidden = requests.blocked_ids(request.requester_id)
    told = 0
    for person in people:
        if person.id in hidden or not _in_reach(request, requester, person):
            continue
        told += _tell(request, requester, person) is not None
    return told


def _in_reach(request: HelpRequest, requester: User, person: User) -> bool:
    exact = distances.exact(request) and distances.exact(person)
    if not exact and person.postcode and person.postcode == requester.postcode:
        return True
    return distances.between(request, person) <= request.radius_km


def _tell(request: HelpRequest, requester: User, person: User):
    """One notification: with a rounded distance, or, when none can be known, the area."""
    common = {
        "link": "#/requests?near=1",
        "dedupe_key": f"request:{request.id}:reach",
        "category": requests.category_phrase(request.category),
    }
    km = distances.shown_km(request, person, distances.between(request, person))
    if km is not None:
        return notifications.notify(person, "help.nearby", km=geo.rounded_km(km), **common)
    place = distances.area_of(requester) or request.circle.name
    return notifications.notify(person, "help.nearby_area", place=place, **common)

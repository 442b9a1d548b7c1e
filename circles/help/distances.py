"""What may be said of how far apart two people live: a distance, or only a postcode.

A home known only by its postcode is the postal district's centre, which can lie kilometres
from the street (8000's lies in the bay). Distances still rank people, but none is ever shown
or written when either end is such a centre: the postcode's name is said instead.
"""

from collections.abc import Callable

from sqlalchemy import and_

from circles.accounts.models import User
from circles.core import geo
from circles.help.models import HelpRequest


def exact(point: User | HelpRequest) -> bool:
    """Whether the person's home, or the request's place, is more than a postcode's centre."""
    return point.location_source != "postcode"


def between(request: HelpRequest, person: User) -> float:
    """How far the person lives from the request's place, between their grid squares
    (geo.coarse_km): homes never count, so who is told, listed or shown what leaks no more."""
    return from_place(request)(person)


def from_place(request: HelpRequest) -> Callable[[User], float]:
    """between(request, person) for many people (a list of helpers to rank)."""
    km_from = geo.coarse_km_from(request.latitude, request.longitude)
    return lambda person: km_from(person.latitude, person.longitude)


def sharing_postcode(postcode, centres_only: bool):
    """SQL: the people who share the postcode in the way that counts. When the other end's own
    place is exact, only those placed at the postcode's centre (centres_only): for the rest
    their squares say how near they are; when it is only the centre, everyone in it."""
    same = User.postcode == postcode
    return and_(User.location_source == "postcode", same) if centres_only else same


def shown_km(request: HelpRequest, person: User, km: float) -> float | None:
    """The distance between the request and the person if it may be shown, else None."""
    return km if exact(request) and exact(person) else None


def area_of(person: User) -> str | None:
    """Where the person lives, as much as a postcode tells: '8000 Aarhus C', or None."""
    if not person.postcode:
        return None
    return f"{person.postcode} {person.place_name or ''}".strip()

"""A circle's area, and whether a person lives in it: by postcode, polygon or radius."""

from circles.accounts.models import User
from circles.core import geo
from circles.core.errors import Invalid
from circles.membership.models import Circle


def covers(circle: Circle, user: User) -> bool:
    """Whether the person lives in the circle's area.

    The area is the union of the circle's postcodes, its polygon and the radius around its
    centre. A person known only by postcode is inside when the postcode is one of the circle's:
    the postcode's centre (8000's lies in the bay) says nothing of their street. That centre
    still counts against polygon and radius, as it always did.
    """
    if user.postcode and user.postcode in (circle.area_postcodes or []):
        return True
    if not user.has_location:
        return False
    if circle.area_polygon and geo.in_area(user.latitude, user.longitude, circle.area_polygon):
        return True
    km = geo.distance_km(user.latitude, user.longitude, circle.latitude, circle.longitude)
    return km <= circle.radius_km


def clean_postcodes(postcodes: list[str]) -> list[str]:
    """Known Danish postcodes, each once, in order; an unknown one is refused by name."""
    cleaned = []
    for postcode in postcodes:
        postcode = postcode.strip()
        if geo.postcode_place(postcode) is None:
            raise Invalid("error.unknown_postcode", field="postcodes", postcode=postcode)
        if postcode not in cleaned:
            cleaned.append(postcode)
    return cleaned

"""The organizers' pages at /organize/: server-rendered forms in the staff pages' look.

An organizer runs the circle from here for members who only use the phone. Each page
calls the same services as the API; each feature has its own module of routes below.
"""

# Each module adds its routes to the blueprint; importing them here registers them.
from circles.organizing.pages import area, calls, carry, desk, helpers  # noqa: F401
from circles.organizing.pages.common import organize

__all__ = ["organize"]

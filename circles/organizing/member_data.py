"""Organizers and a member's data: correcting details, the phone tree as CSV, and deleting the
account of a member who has no password (they asked on the phone); each act logged."""

from circles.accounts import erasure
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core import audit, spreadsheet
from circles.core.errors import Forbidden
from circles.membership import circles
from circles.membership.models import Membership
from circles.organizing import desk, former

# What an organizer may correct: how to reach and find the member, nothing they chose themselves.
CORRECTABLE = ("name", "phone", "address", "postcode", "birth_date")
# Fan-out of the phone tree: each person calls at most this many.
CALLS_EACH = 3


def correct(organizer: User, circle_id: int, user_id: int, changes: dict, finder=None) -> dict:
    """Correct a member's details; the member sees which fields in "Done for me". The member's
    card (former.member_card) as the organizer sees it."""
    membership = desk.member(organizer, circle_id, user_id)
    person = membership.user
    before = {field: getattr(person, field) for field in CORRECTABLE}
    accounts.update_profile(person, {k: v for k, v in changes.items() if k in CORRECTABLE}, finder)
    changed = [field for field in CORRECTABLE if getattr(person, field) != before[field]]
    if changed:
        # Which fields, not their values: the log must not become a second copy of them.
        audit.record(
            organizer, "member.corrected", circle_id=circle_id, subject=person, fields=changed
        )
    return former.member_card(membership)


def erase_member(organizer: User, circle_id: int, user_id: int) -> str:
    """Delete the account of a member without a password, who asked an organizer to."""
    person = desk.member(organizer, circle_id, user_id).user
    if person.password_hash:
        raise Forbidden("account.only_phone_members")
    audit.record(organizer, "account.erased", circle_id=circle_id, subject=person)
    return erasure.erase(person, organizer, logged=True)


def phone_tree(organizer: User, circle_id: int) -> list[tuple[Membership, list[Membership]]]:
    """Who calls whom: organizers first, then by name; each calls the next CALLS_EACH down."""
    circle = circles.organized_circle(organizer, circle_id)
    people = [m for m in circles.memberships_of(circle, "active")]
    people.sort(key=lambda m: (m.role != "organizer", m.user.name.lower(), m.id))
    return [
        (m, people[CALLS_EACH * i + 1 : CALLS_EACH * i + 1 + CALLS_EACH])
        for i, m in enumerate(people)
    ]


def phone_tree_csv(organizer: User, circle_id: int, headings: list[str]) -> str:
    """The phone tree as CSV: name, phone, and whom they call; nothing more, no cell a formula."""
    rows = [headings]
    for caller, callees in phone_tree(organizer, circle_id):
        calls = "; ".join(m.user.name for m in callees)
        rows.append([caller.user.name, caller.user.phone or "", calls])
    return spreadsheet.to_csv(rows)

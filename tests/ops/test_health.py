"""The operator asks whether a server lives and can serve, and reads its metrics."""

from circles.extensions import db
from tests.factories import make_circle, make_member


def test_a_fresh_server_is_alive_and_ready_with_no_scheduler_yet(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {
        "database": "ok",
        "redis": "not used",
        "scheduler": "not started",
    }


def test_a_scheduler_that_stopped_keeping_time_is_reported_late(client, app):
    from circles.core.models import scheduler_jobs

    db.session.execute(
        scheduler_jobs.insert().values(id="help_widen", next_run_time=1.0, job_state=b"")
    )
    db.session.commit()
    ready = client.get("/readyz")
    assert ready.status_code == 200  # the web keeps serving members meanwhile
    assert ready.get_json()["checks"]["scheduler"] == "late"


def test_every_answer_carries_a_request_id_and_keeps_a_well_formed_one(client):
    mine = client.get("/healthz")
    assert len(mine.headers["X-Request-ID"]) == 32
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-abc-12345"})
    assert given.headers["X-Request-ID"] == "proxy-abc-12345"
    forged = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert forged.headers["X-Request-ID"] != "<script>alert(1)</script>"


def test_metrics_count_requests_by_route_pattern_and_never_by_path(client, make_client):
    karen = make_member(make_circle())
    make_client(karen).get(f"/api/v1/users/{karen.id}")
    client.get("/api/v1/categories")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'circles_requests_total{method="GET",route="/api/v1/categories",status="200"}' in text
    assert f"/api/v1/users/{karen.id}" not in text
    assert "circles_request_seconds_bucket" in text
    assert "circles_deliveries" in text


def test_metrics_are_for_this_machine_or_the_configured_token(app, client):
    elsewhere = {"REMOTE_ADDR": "198.51.100.7"}
    assert client.get("/metrics", environ_base=elsewhere).status_code == 404
    app.config["CIRCLES_METRICS_TOKEN"] = "scrape-secret"
    try:
        assert client.get("/metrics").status_code == 404  # loopback alone no longer enough
        auth = {"Authorization": "Bearer scrape-secret"}
        assert client.get("/metrics", headers=auth, environ_base=elsewhere).status_code == 200
    finally:
        app.config["CIRCLES_METRICS_TOKEN"] = ""

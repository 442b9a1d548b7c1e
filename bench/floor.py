"""The floor and the naive baselines: a bare Flask app, served by the same gunicorn as Circles.

    GET /                                   {"ok": true}: what any Flask JSON answer costs
    GET /naive/suggestions/<request id>     the query a competent engineer writes first
    GET /naive/nearby/<user id>             the same for the open requests near a helper

The naive ones read DATABASE_URL with plain SQLAlchemy (no auth, no ORM, no scoring): the
circle's active members (or the open requests of the helper's circles), each distance in
Python, the nearest 20 within reach.
"""

import math
import os

from flask import Flask, jsonify
from sqlalchemy import create_engine, text

from circles.config import database_url

app = Flask(__name__)
engine = create_engine(database_url(os.environ.get("DATABASE_URL", "sqlite://")))

CANDIDATES = text(
    "SELECT u.id, u.latitude, u.longitude FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE m.circle_id = :circle AND m.status = 'active' AND u.id != :requester "
    "AND u.latitude IS NOT NULL"
)
REQUEST = text(
    "SELECT circle_id, requester_id, latitude, longitude, radius_km FROM help_requests "
    "WHERE id = :id"
)
HELPER = text("SELECT latitude, longitude, travel_km FROM users WHERE id = :id")
OPEN_NEAR = text(
    "SELECT r.id, r.latitude, r.longitude FROM help_requests r JOIN memberships m "
    "ON m.circle_id = r.circle_id AND m.user_id = :id AND m.status = 'active' "
    "WHERE r.status = 'open' AND r.requester_id != :id"
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The haversine distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    half = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(half))


@app.get("/")
def floor():
    """Nothing but a JSON answer."""
    return jsonify(ok=True)


@app.get("/naive/suggestions/<int:request_id>")
def naive_suggestions(request_id: int):
    """The circle's active members within the request's reach, nearest first."""
    with engine.connect() as connection:
        circle, requester, lat, lon, radius = connection.execute(REQUEST, {"id": request_id}).one()
        rows = connection.execute(CANDIDATES, {"circle": circle, "requester": requester}).all()
    found = sorted((km(lat, lon, la, lo), i) for i, la, lo in rows)
    return jsonify([{"id": i, "km": round(d, 1)} for d, i in found if d <= radius][:20])


@app.get("/naive/nearby/<int:user_id>")
def naive_nearby(user_id: int):
    """The open requests in the helper's circles within their reach, nearest first."""
    with engine.connect() as connection:
        lat, lon, reach = connection.execute(HELPER, {"id": user_id}).one()
        rows = connection.execute(OPEN_NEAR, {"id": user_id}).all()
    found = sorted((km(lat, lon, la, lo), i) for i, la, lo in rows)
    return jsonify([{"id": i, "km": round(d, 1)} for d, i in found if d <= reach][:20])

"""What every database session of the app is set to, whoever built the app."""

import pytest
from sqlalchemy import text

from circles import create_app
from circles.extensions import db


def test_postgresql_sessions_never_compile_plans_to_machine_code(app, database_url):
    """Suggestions at national size spent 40 of 45 ms compiling a plan (JIT) that then ran
    in 5: short queries over big tables must not cross jit_above_cost into compiling."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no JIT")
    with app.app_context():
        assert db.session.execute(text("SHOW jit")).scalar() == "off"


def test_engine_options_given_by_hand_still_get_no_jit():
    """Tests and tools that set their own engine options (the outage tests do) keep them."""
    built = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1/x",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False},
        }
    )
    options = built.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options == {"pool_pre_ping": False, "connect_args": {"options": "-c jit=off"}}

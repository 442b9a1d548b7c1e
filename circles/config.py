"""Settings from the environment: DATABASE_URL, SECRET_KEY and CIRCLES_* for the rest."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import orjson

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def database_url(url: str) -> str:
    """Point postgres URLs at psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def pool_size(url: str) -> dict:
    """PostgreSQL connections per worker process: one per thread (CIRCLES_THREADS, as in
    gunicorn.conf.py), since a thread holds one for its request, and 2 more at peaks, rather
    than SQLAlchemy's 5 + 10 whatever the threads; SQLite keeps SQLAlchemy's own pool."""
    if not url.startswith(("postgres://", "postgresql")):
        return {}
    threads = int(env("THREADS", "4"))
    return {
        "pool_size": int(env("DB_POOL_SIZE", str(threads))),
        "max_overflow": int(env("DB_MAX_OVERFLOW", "2")),
    }


def without_jit(settings: dict) -> None:
    """PostgreSQL sessions run without JIT, whatever else the engine options say.

    PostgreSQL compiles a plan to machine code once its estimated cost passes jit_above_cost,
    which our short queries over millions of rows reach: compiling took 40 ms to save a few
    (suggestions for a request at national size: 45 ms with JIT, 5 without)."""
    if settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = settings.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options["connect_args"] = {"options": "-c jit=off", **options.get("connect_args", {})}


def secret_key(instance_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def vapid_private_key(instance_dir: Path) -> str:
    """The Web Push (VAPID) private key, PEM: from the environment, else made once in instance/."""
    if os.environ.get("CIRCLES_VAPID_PRIVATE_KEY"):
        return os.environ["CIRCLES_VAPID_PRIVATE_KEY"]
    key_file = instance_dir / "vapid_private_key.pem"
    if not key_file.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        instance_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_bytes(pem)
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def env(name: str, default: str) -> str:
    """A CIRCLES_* setting."""
    return os.environ.get(f"CIRCLES_{name}", default)


def load(instance_dir: Path) -> dict:
    """The whole configuration, read from the environment at app creation."""
    default_db = f"sqlite:///{instance_dir / 'circles.sqlite'}"
    return {
        "SECRET_KEY": secret_key(instance_dir),
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL", default_db)),
        # hide_parameters: an error's text in a log never carries a member's data.
        # No pool_pre_ping: db.ping_if_rested pings only connections that rested in the pool.
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "hide_parameters": True,
            # JSON columns (free times, experiences, texts) are read on most requests:
            # orjson parses them several times faster than the json module.
            "json_deserializer": orjson.loads,
            **pool_size(os.environ.get("DATABASE_URL", default_db)),
        },
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env("SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": env("SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_DURATION": timedelta(days=int(env("REMEMBER_DAYS", "30"))),
        # Sessions (see accounts.sessions): remembered ones last days, others hours since last
        # use; organizers', staff's and admins' end after this many idle minutes.
        "CIRCLES_REMEMBER_DAYS": int(env("REMEMBER_DAYS", "30")),
        "CIRCLES_SESSION_HOURS": float(env("SESSION_HOURS", "12")),
        "CIRCLES_PRIVILEGED_IDLE_MINUTES": float(env("PRIVILEGED_IDLE_MINUTES", "30")),
        # Bearer tokens expire after this many days, or after this many days unused.
        "CIRCLES_TOKEN_DAYS": int(env("TOKEN_DAYS", "365")),
        "CIRCLES_TOKEN_IDLE_DAYS": int(env("TOKEN_IDLE_DAYS", "90")),
        # Organizers, staff and admins sign in with a second factor (TOTP) unless turned off.
        "CIRCLES_REQUIRE_2FA": env("REQUIRE_2FA", "1") == "1",
        "WTF_CSRF_TIME_LIMIT": None,  # no time limits: a slow reader must not lose a form
        # Uploads up to MAX_CONTENT_LENGTH, JSON up to CIRCLES_MAX_JSON_BYTES; more is a 413.
        "MAX_CONTENT_LENGTH": int(env("MAX_UPLOAD_BYTES", str(2 * 1024 * 1024))),
        "CIRCLES_MAX_JSON_BYTES": int(env("MAX_JSON_BYTES", str(1024 * 1024))),
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_KEY_PREFIX": env("RATELIMIT_KEY_PREFIX", "circles"),
        # Only a 429 says when to try again (see core.api); other answers carry no limit headers.
        "RATELIMIT_HEADERS_ENABLED": False,
        # Every sign-in route (password, card, token) shares these, per address and per account.
        "CIRCLES_LOGIN_RATE_LIMIT": env("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "CIRCLES_ACCOUNT_RATE_LIMIT": env("ACCOUNT_RATE_LIMIT", "10 per minute;30 per hour"),
        # Reset links and SMS codes asked for one email or number, from anywhere.
        "CIRCLES_RECOVERY_RATE_LIMIT": env("RECOVERY_RATE_LIMIT", "5 per hour"),
        "CIRCLES_GEOCODER": env("GEOCODER", "none"),  # "nominatim" turns on street addresses
        "CIRCLES_GEOCODER_URL": env("GEOCODER_URL", "https://nominatim.openstreetmap.org"),
        "CIRCLES_GEOCODER_USER_AGENT": env("GEOCODER_USER_AGENT", "circles"),
        "CIRCLES_DEFAULT_TIMEZONE": env("DEFAULT_TIMEZONE", "Europe/Copenhagen"),
        "CIRCLES_DEFAULT_LANGUAGE": env("DEFAULT_LANGUAGE", "da"),
        "CIRCLES_TILE_URL": env("TILE_URL", ""),  # e.g. a municipality's own tile server
        "CIRCLES_TILE_ATTRIBUTION": env("TILE_ATTRIBUTION", "© OpenStreetMap"),
        "CIRCLES_MATCH_RADIUS_STEPS_KM": env("MATCH_RADIUS_STEPS_KM", "2,5,10"),
        # How often a member may move her home in 24 hours (each move is a new vantage point).
        "CIRCLES_LOCATION_CHANGES_PER_DAY": int(env("LOCATION_CHANGES_PER_DAY", "3")),
        # Days organizers still see a former member's contact details; then the name only.
        "CIRCLES_FORMER_MEMBER_CONTACT_DAYS": int(env("FORMER_MEMBER_CONTACT_DAYS", "90")),
        # Sign-in cards one organizer may print in 24 hours (each is a key to an account).
        "CIRCLES_CARDS_PER_DAY": int(env("CARDS_PER_DAY", "20")),
        "CIRCLES_MATCH_WIDEN_AFTER_HOURS": float(env("MATCH_WIDEN_AFTER_HOURS", "6")),
        "CIRCLES_ESCALATE_AFTER_HOURS": float(env("ESCALATE_AFTER_HOURS", "24")),
        "CIRCLES_JSON_LOGS": env("JSON_LOGS", "1") == "1",
        "CIRCLES_LOG_LEVEL": env("LOG_LEVEL", "INFO"),
        "CIRCLES_METRICS_TOKEN": env("METRICS_TOKEN", ""),  # empty: /metrics from this machine only
        "CIRCLES_BASE_URL": env("BASE_URL", "http://127.0.0.1:5000"),
        "CIRCLES_SMTP_HOST": env("SMTP_HOST", ""),  # no host: no email
        "CIRCLES_SMTP_PORT": int(env("SMTP_PORT", "587")),
        "CIRCLES_SMTP_USER": env("SMTP_USER", ""),
        "CIRCLES_SMTP_PASSWORD": env("SMTP_PASSWORD", ""),
        "CIRCLES_SMTP_STARTTLS": env("SMTP_STARTTLS", "1") == "1",
        "CIRCLES_SMTP_FROM": env("SMTP_FROM", "Circles <circles@localhost>"),
        "CIRCLES_VAPID_PRIVATE_KEY": vapid_private_key(instance_dir),
        "CIRCLES_VAPID_SUBJECT": env("VAPID_SUBJECT", "mailto:circles@localhost"),
        "CIRCLES_SMS_URL": env("SMS_URL", ""),  # e.g. https://gatewayapi.com; no URL: no SMS
        "CIRCLES_SMS_TOKEN": env("SMS_TOKEN", ""),
        "CIRCLES_SMS_SENDER": env("SMS_SENDER", "Circles"),
        "CIRCLES_SMS_WEBHOOK_SECRET": env("SMS_WEBHOOK_SECRET", ""),
        # A keyword on a shared short code comes first in every answer ("CIRKEL ja"): dropped.
        "CIRCLES_SMS_KEYWORD": env("SMS_KEYWORD", ""),
        "CIRCLES_SMS_MONTHLY_CAP_PER_CIRCLE": int(env("SMS_MONTHLY_CAP_PER_CIRCLE", "500")),
        # A key claimed this long ago and still unfinished was left by a call that died.
        "CIRCLES_IDEMPOTENCY_TAKEOVER_SECONDS": float(env("IDEMPOTENCY_TAKEOVER_SECONDS", "60")),
        # Who runs this Circles, for the privacy notice and the accessibility statement.
        "CIRCLES_OPERATOR_NAME": env("OPERATOR_NAME", ""),
        "CIRCLES_OPERATOR_EMAIL": env("OPERATOR_EMAIL", ""),
        "CIRCLES_OPERATOR_PHONE": env("OPERATOR_PHONE", ""),
        "CIRCLES_DPO_EMAIL": env("DPO_EMAIL", ""),
        "CIRCLES_WAS_URL": env("WAS_URL", ""),  # the statement made in the state's WAS tool
        "CIRCLES_QUIET_AFTER_DAYS": int(env("QUIET_AFTER_DAYS", "30")),
        # Retention, in days (0 keeps for ever): see the README's retention table.
        "CIRCLES_RETAIN_IDEMPOTENCY_DAYS": int(env("RETAIN_IDEMPOTENCY_DAYS", "7")),
        "CIRCLES_RETAIN_NOTIFICATIONS_DAYS": int(env("RETAIN_NOTIFICATIONS_DAYS", "365")),
        "CIRCLES_RETAIN_DELIVERIES_DAYS": int(env("RETAIN_DELIVERIES_DAYS", "90")),
        "CIRCLES_RETAIN_CALL_NOTES_DAYS": int(env("RETAIN_CALL_NOTES_DAYS", "730")),
        "CIRCLES_RETAIN_HANDLED_REPORTS_DAYS": int(env("RETAIN_HANDLED_REPORTS_DAYS", "730")),
        "CIRCLES_RETAIN_EXPIRED_SIGN_INS_DAYS": int(env("RETAIN_EXPIRED_SIGN_INS_DAYS", "30")),
        "CIRCLES_RETAIN_FORMER_MEMBERSHIPS_DAYS": int(env("RETAIN_FORMER_MEMBERSHIPS_DAYS", "730")),
        "CIRCLES_RETAIN_CHECKIN_ANSWERS_YEARS": int(env("RETAIN_CHECKIN_ANSWERS_YEARS", "2")),
        # Tests shrink every job's interval (0.01: five minutes become three seconds).
        "CIRCLES_SCHEDULER_INTERVAL_SCALE": float(env("SCHEDULER_INTERVAL_SCALE", "1")),
        # Tests pin the scheduler's "now" (ISO 8601 with offset); empty means the clock.
        "CIRCLES_SCHEDULER_NOW": env("SCHEDULER_NOW", ""),
        "CIRCLES_PWA_DIR": env("PWA_DIR", str(PROJECT_DIR / "pwa")),
        "CIRCLES_NODE_MODULES": env("NODE_MODULES", str(PROJECT_DIR / "node_modules")),
        "API_TITLE": "Circles",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
        "API_SPEC_OPTIONS": {
            "components": {
                "securitySchemes": {
                    "session": {"type": "apiKey", "in": "cookie", "name": "session"},
                    "bearer": {"type": "http", "scheme": "bearer"},
                }
            }
        },
    }

"""Two app servers behind nginx, one PostgreSQL, Redis: Karen's morning crosses both, unharmed.

As in production on two machines: two gunicorn processes on two ports with the same secret,
the same database and the same Redis, behind a reverse proxy from Debian's packages that
sends each request to either. Sessions, their end, rate limits and idempotency keys must
hold whichever server answers.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests

from circles.config import PROJECT_DIR
from circles.extensions import db
from circles.help.models import HelpRequest
from tests.factories import PASSWORD, make_circle, make_member

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_URL = "redis://127.0.0.1:6379"

NGINX_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream circles {{ server 127.0.0.1:{a}; server 127.0.0.1:{b}; }}
    server {{
        listen 127.0.0.1:{port};
        location /metrics {{ return 404; }}
        location / {{
            proxy_pass http://circles;
            proxy_set_header Host $host;
            proxy_set_header X-Request-ID $request_id;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str) -> None:
    for _ in range(150):
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


@pytest.fixture
def two_servers(app, database_url, real_commits, tmp_path):
    """Base URLs of nginx, server A and server B."""
    if not database_url.startswith("postgresql"):
        pytest.skip("several servers share one PostgreSQL")
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/test installs Debian's nginx-light")
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "two-servers-secret",
        "CIRCLES_RATELIMIT_STORAGE_URI": REDIS_URL,
        "CIRCLES_RATELIMIT_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex}",
        "CIRCLES_LOGIN_RATE_LIMIT": "5 per minute",
    }
    a, b, port = free_port(), free_port(), free_port()
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{p}",
                "--workers",
                "1",
                "--threads",
                "2",
                "wsgi:app",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in (a, b)
    ]
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=tmp_path, a=a, b=b, port=port))
    proxy = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for p in (a, b, port):
            wait_until_up(f"http://127.0.0.1:{p}/healthz")
        yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{a}", f"http://127.0.0.1:{b}"
    finally:
        for process in (proxy, *servers):
            process.send_signal(signal.SIGTERM)
        for process in (proxy, *servers):
            process.wait(timeout=30)


def signed_in_phone(base: str, email: str) -> requests.Session:
    phone = requests.Session()
    answer = phone.post(f"{base}/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    phone.headers["X-CSRF-Token"] = phone.get(f"{base}/api/v1/auth/csrf").json()["csrf_token"]
    return phone


def test_karens_morning_crosses_both_servers(two_servers, ctx):
    proxy, server_a, server_b = two_servers
    karen = make_member(make_circle(), email="karen@example.dk")
    db.session.commit()

    phone = signed_in_phone(server_a, karen.email)  # signed in on A ...
    assert phone.get(f"{server_b}/api/v1/me").json()["email"] == karen.email  # ... known on B

    upstreams = {phone.get(f"{proxy}/api/v1/me").headers["X-Upstream"] for _ in range(6)}
    assert len(upstreams) == 2, "nginx should send Karen's requests to both servers"

    # The same ask sent to A and retried on B is one request.
    ask = {"category": "shopping", "description": "Mælk og rugbrød"}
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = phone.post(f"{server_a}/api/v1/requests", json=ask, headers=key)
    again = phone.post(f"{server_b}/api/v1/requests", json=ask, headers=key)
    assert first.status_code == 201, first.text
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    db.session.rollback()
    assert HelpRequest.query.filter_by(requester_id=karen.id).count() == 1

    # Signing out on B ends the session on A too: a copied cookie is worth nothing.
    stolen = dict(phone.cookies)
    assert phone.post(f"{server_b}/api/v1/auth/logout").status_code in (200, 204)
    thief = requests.Session()
    thief.cookies.update(stolen)
    assert thief.get(f"{server_a}/api/v1/me").status_code == 401


def test_password_guesses_count_once_across_both_servers(two_servers, ctx):
    proxy, server_a, server_b = two_servers
    make_member(make_circle(), email="inger@example.dk")
    db.session.commit()
    wrong = {"email": "inger@example.dk", "password": "not it"}
    answers = [
        requests.post(f"{server}/api/v1/auth/login", json=wrong).status_code
        for server in (server_a, server_b, server_a, server_b, server_a, server_b, proxy)
    ]
    assert answers[:5] == [401] * 5
    assert answers[5:] == [429, 429], answers

"""Sign-in limits shared between processes through Redis, as in production with several workers."""

import subprocess
import sys
import uuid

import pytest
import redis

REDIS_URL = "redis://127.0.0.1:6379"

# One worker process: a fresh app on the shared database, three failed sign-ins, status codes out.
WORKER = """
import sys
from circles import create_app
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "RATELIMIT_STORAGE_URI": sys.argv[2],
                  "RATELIMIT_KEY_PREFIX": sys.argv[3], "CIRCLES_LOGIN_RATE_LIMIT": "4 per minute"})
client = app.test_client()
codes = [client.post("/api/v1/auth/login", json={"email": "a@b.dk", "password": "x"}).status_code
         for _ in range(3)]
print(" ".join(map(str, codes)))
"""


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


def run_worker(database_url: str, storage: str, prefix: str) -> list[int]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, database_url, storage, prefix],
        capture_output=True,
        text=True,
        check=True,
        env={"SECRET_KEY": "x", "PATH": ""},
    )
    return [int(code) for code in done.stdout.split()]


def test_two_processes_share_the_sign_in_limit_through_redis(app, real_commits, redis_url):
    prefix = f"circles-test-{uuid.uuid4().hex}"
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    assert run_worker(database, redis_url, prefix) == [401, 401, 401]
    assert run_worker(database, redis_url, prefix) == [401, 429, 429]


def test_with_the_memory_store_each_process_counts_alone(app, real_commits):
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    assert run_worker(database, "memory://", "p") == [401, 401, 401]
    assert run_worker(database, "memory://", "p") == [401, 401, 401]

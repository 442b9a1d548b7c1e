"""Members keep asking for help while workers are killed and PostgreSQL restarts: no word is lost.

A real gunicorn serves a private PostgreSQL cluster made for this test (the machine's own
server is never restarted). Twenty members post requests through their phones' outbox
discipline: each request keeps its Idempotency-Key and is retried until it is answered.
Meanwhile a worker is killed, PostgreSQL restarts, and another worker is killed.
Afterwards every acknowledged request is there exactly once, every other one at most once,
and every key, tried once more, is answered: none is stuck "in progress".
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from circles.config import PROJECT_DIR

PG_BIN = Path("/usr/lib/postgresql/15/bin")
MEMBERS = 20
LOAD_SECONDS = 25
ENOUGH = 150  # acknowledged asks, at the least, for the figures to mean something
pytestmark = pytest.mark.skipif(
    not PG_BIN.exists() or os.geteuid() != 0,
    reason="needs PostgreSQL 15's server binaries, and root to run them as postgres",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command: str) -> None:
    """Run a PostgreSQL tool as its own user: the server refuses to run as root.

    No pipes: the server pg_ctl starts would hold them open, and we would wait for ever.
    """
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class Cluster:
    """A throwaway PostgreSQL server in a folder of its own, on a port of its own."""

    def __init__(self):
        # Under /tmp itself: pytest's own folders are closed to the postgres user.
        self.folder, self.port = Path(tempfile.mkdtemp(prefix="circles-pg-")) / "data", free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def create(self) -> None:
        self.folder.mkdir(mode=0o700)
        postgres = pwd.getpwnam("postgres")
        for folder in (self.folder.parent, self.folder):
            os.chown(folder, postgres.pw_uid, postgres.pw_gid)
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.folder), "-A", "trust", "-U", "postgres")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        log = str(self.folder.parent / "server.log")
        as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-l", log, "-o", options, "-w", "start"
        )

    def restart(self) -> None:
        """An abrupt restart: connections drop mid-transaction, as in a crash."""
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-m", "immediate", "stop")
        self.start()

    def destroy(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.folder),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.folder.parent, ignore_errors=True)


def environment(cluster: Cluster, tmp_path: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "SECRET_KEY": "fault-test",
        "CIRCLES_JSON_LOGS": "1",
        "CIRCLES_LOGIN_RATE_LIMIT": "10000 per minute",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


SEED = """
from circles import create_app
from circles.db import transaction
from tests.factories import make_circle, make_member, PASSWORD
app = create_app()
with app.app_context(), transaction():
    circle = make_circle()
    for n in range({members}):
        make_member(circle, email=f"member{{n}}@example.dk", name=f"Medlem {{n}}")
"""


def seed(env: dict) -> None:
    subprocess.run(
        [sys.executable, "-c", SEED.format(members=MEMBERS)],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


class Member(threading.Thread):
    """A phone that asks for help every half second and retries each ask until answered."""

    def __init__(self, base: str, number: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.base, self.number, self.stop = base, number, stop
        self.acknowledged: list[str] = []
        self.unanswered: list[str] = []
        self.failed_tries = 0  # answers lost to the faults: proof that they hit someone
        self.token = None

    def sign_in(self) -> None:
        from tests.factories import PASSWORD

        while self.token is None and not self.stop.is_set():
            try:
                answer = requests.post(
                    f"{self.base}/api/v1/auth/tokens",
                    json={"email": f"member{self.number}@example.dk", "password": PASSWORD},
                    timeout=10,
                )
                if answer.status_code == 201:
                    self.token = answer.json()["token"]
            except requests.RequestException:
                time.sleep(0.5)

    def ask(self, key: str) -> bool:
        """One try; True once the server acknowledged it."""
        try:
            answer = requests.post(
                f"{self.base}/api/v1/requests",
                json={"category": "shopping", "description": f"Indkøb {key}"},
                headers={"Authorization": f"Bearer {self.token}", "Idempotency-Key": key},
                timeout=10,
            )
        except requests.RequestException:
            return False
        return answer.status_code in (200, 201)

    def run(self) -> None:
        self.sign_in()
        while not self.stop.is_set():
            key = uuid.uuid4().hex
            answered = False
            for attempt in range(20):
                answered = self.ask(key)
                self.failed_tries += not answered
                if answered or self.stop.is_set():
                    break
                time.sleep(min(0.2 * 2**attempt, 2))
            (self.acknowledged if answered else self.unanswered).append(key)
            time.sleep(0.5)


def test_killed_workers_and_a_restarted_database_lose_no_acknowledged_request(tmp_path):
    cluster = Cluster()
    cluster.create()
    server = None
    try:
        env = environment(cluster, tmp_path)
        flask(env, "db", "upgrade")
        seed(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "wsgi:app",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        stop = threading.Event()
        members = [Member(base, n, stop) for n in range(MEMBERS)]
        for member in members:
            member.start()

        time.sleep(LOAD_SECONDS / 5)
        kill_a_worker(server.pid)
        time.sleep(LOAD_SECONDS / 5)
        cluster.restart()
        time.sleep(LOAD_SECONDS / 5)
        kill_a_worker(server.pid)
        # Keep the members going until enough asks went through (a busy machine is slower).
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            time.sleep(2)
            if sum(len(member.acknowledged) for member in members) >= ENOUGH:
                break
        stop.set()
        for member in members:
            member.join(timeout=60)

        acknowledged = [key for member in members for key in member.acknowledged]
        unanswered = [(member, key) for member in members for key in member.unanswered]
        assert len(acknowledged) >= ENOUGH, "the load was too light to mean anything"
        failed = sum(member.failed_tries for member in members)
        assert failed > 0, "no request met a fault: the test proved nothing"
        rows = count_rows(cluster.url)
        assert all(rows.get(key) == 1 for key in acknowledged), (
            "an acknowledged ask is lost or doubled"
        )
        assert all(rows.get(key, 0) <= 1 for _, key in unanswered)
        # Every key answers once the faults are over: none is stuck "in progress".
        for member, key in unanswered:
            assert member.ask(key), f"key {key} is stuck"
        rows = count_rows(cluster.url)
        assert all(rows.get(key) == 1 for _, key in unanswered)
        print(
            f"\nfaults: {len(acknowledged)} acknowledged, {failed} tries failed and were retried,"
            f" {len(unanswered)} retried after the faults, 0 lost, 0 doubled"
        )
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        cluster.destroy()


def kill_a_worker(master_pid: int) -> None:
    """SIGKILL one of gunicorn's workers, as the kernel's OOM killer would."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    os.kill(int(children[0]), signal.SIGKILL)


def count_rows(url: str) -> dict[str, int]:
    """How many requests carry each key in their text."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT description FROM help_requests")).scalars().all()
    engine.dispose()
    counts: dict[str, int] = {}
    for description in rows:
        key = description.removeprefix("Indkøb ")
        counts[key] = counts.get(key, 0) + 1
    return counts

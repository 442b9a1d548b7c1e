"""What the HTTP benchmarks share: gunicorn serving Circles or the floor, its CPU, sign-ins, wrk."""

import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from circles.accounts.services import secret_hash
from circles.config import database_url as driver_url

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
TICK = os.sysconf("SC_CLK_TCK")
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_national"


@contextmanager
def served(target: str, port: int, database_url: str, **settings: str):
    """gunicorn with the production config (gunicorn.conf.py) serving target on port."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CIRCLES_BIND": f"127.0.0.1:{port}",
        "SECRET_KEY": "bench-secret-key",
        **settings,
    }
    command = [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), target]
    log = open(tempfile.mktemp(prefix="bench-gunicorn-", suffix=".log"), "w")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_for(port, process, log.name)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def wait_for(port: int, process, log: str, seconds: float = 60) -> None:
    """Until the server answers on port (any status), or fail with its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {Path(log).read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {port}: {Path(log).read_text()[-2000:]}")


def workers(master: int) -> list[int]:
    """The process ids of the master's workers."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time used so far by the processes."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def sign_in(database_url: str, user_ids: list[int]) -> dict[int, str]:
    """A bearer token for each member ("bench-<id>"), made if missing; id -> token."""
    now = datetime.now(UTC)
    engine = create_engine(driver_url(database_url))
    with engine.begin() as connection:
        have = {
            row[0]
            for row in connection.execute(
                text("SELECT user_id FROM api_tokens WHERE name = 'bench' AND revoked_at IS NULL")
            )
        }
        missing = [
            {
                "user_id": u,
                "hash": secret_hash(f"bench-{u}"),
                "now": now,
                "end": now + timedelta(365),
            }
            for u in set(user_ids) - have
        ]
        if missing:
            connection.execute(
                text(
                    "INSERT INTO api_tokens (user_id, token_hash, name, created_at, last_used_at,"
                    " expires_at) VALUES (:user_id, :hash, 'bench', :now, :now, :end)"
                ),
                missing,
            )
    engine.dispose()
    return {u: f"bench-{u}" for u in user_ids}


def query(database_url: str, sql: str, **params) -> list:
    """Rows of one read."""
    engine = create_engine(driver_url(database_url))
    with engine.connect() as connection:
        rows = connection.execute(text(sql), params).all()
    engine.dispose()
    return rows


LUA = """
local cases = {%s}
local i = 0
request = function()
  i = i %% #cases + 1
  local c = cases[i]
  if c[2] == "" then return wrk.format("GET", c[1]) end
  return wrk.format("GET", c[1], {["Authorization"] = "Bearer " .. c[2]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk(port: int, cases: list[tuple[str, str]], connections: int, seconds: float) -> dict:
    """Run wrk against (path, token) cases in turn; requests, errors and latency percentiles."""
    listed = ", ".join(f'{{"{path}", "{token}"}}' for path, token in cases)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % listed)
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{round(seconds)}s",
               "--timeout", "10s", "-s", script.name, f"http://127.0.0.1:{port}"]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    found = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", output)
    if not found:
        raise RuntimeError(f"wrk said: {output}")
    requests, errors, bad, p50, p95, p99 = found.groups()
    return {
        "requests": int(requests), "errors": int(errors), "bad_status": int(bad),
        "p50": float(p50), "p95": float(p95), "p99": float(p99), "seconds": seconds,
    }  # fmt: skip


def measure(process, port: int, cases, seconds: float, warmup: float = 2) -> dict:
    """Warm up, then 1 and 16 connections: latency of each, and server CPU per request."""
    wrk(port, cases, 1, warmup)
    pids = workers(process.pid)
    before = cpu_seconds(pids)
    one = wrk(port, cases, 1, seconds)
    sixteen = wrk(port, cases, 16, seconds)
    cpu = cpu_seconds(pids) - before
    served_ = one["requests"] + sixteen["requests"]
    return {"one": one, "sixteen": sixteen, "cpu_ms": 1000 * cpu / max(1, served_)}

"""200 signed-in members using the app at once, with a real app's pauses, for a bounded time.

    python bench/load.py                           # 200 members, 5 minutes, bench_national
    python bench/load.py --seconds 60 --users 200  # a shorter run

Circles runs under gunicorn with the production settings (gunicorn.conf.py) on loopback only.
Each member is a thread with its own keep-alive connection (Python's http.client: at a
request every few seconds per member the client's cost is small) that waits --think seconds
(5 to 20, evenly) between actions, as a person reading a screen does. Actions, by weight:
the home screen (me, unread count and events: 3 reads) 30%, events 15%, my requests (helpers:
those near me) 15%, the inbox 10%; writes: asking for help 10%, booking or cancelling a place
on an event 10%, a message in a thread (members with an accepted match; the others ask for
help instead) 10%. Printed: per request kind the count, errors (no answer, or a 5xx),
refusals (4xx) and p50/p95/p99; reads and writes overall; the load average before and after.
At most 1,000 members and one hour.
"""

import argparse
import http.client
import json
import random
import statistics
import threading
import time
from collections import Counter
from urllib.parse import urlencode

import serving  # bench/, first on the path of a script run from it

MOST_USERS, LONGEST = 1_000, 3_600


class Member(threading.Thread):
    """One signed-in person using the app until the deadline."""

    def __init__(self, port, member, deadline, think, seed, results, refusals):
        super().__init__(daemon=True)
        user_id, token, helper, self.circle = member
        self.refusals = refusals
        self.port, self.user_id, self.helper = port, user_id, helper
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.deadline, self.think, self.results = deadline, think, results
        self.rng = random.Random(seed)
        self.connection = None
        self.events = []
        self.thread = None  # an accepted match of mine, found when reading my matches

    def call(self, kind: str, name: str, method: str, path: str, body=None):
        """One request, timed and noted; the JSON answer, or None."""
        started = time.perf_counter()
        status = 0
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            data = json.dumps(body) if body is not None else None
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
            payload = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
        milliseconds = (time.perf_counter() - started) * 1000
        self.results.append((kind, name, status, milliseconds))
        if 400 <= status < 500:
            key = json.loads(payload).get("key") if payload.startswith(b"{") else None
            self.refusals.append(f"{name} {status} {key}")
        if 200 <= status < 300 and payload:
            return json.loads(payload)
        return None

    def run(self):
        time.sleep(self.rng.uniform(0, self.think[1]))  # people do not all start together
        actions = [self.home] * 30 + [self.browse_events] * 15 + [self.my_requests] * 15
        actions += [self.inbox] * 10 + [self.ask] * 10 + [self.book] * 10 + [self.write] * 10
        while time.monotonic() < self.deadline:
            self.rng.choice(actions)()
            time.sleep(self.rng.uniform(*self.think))

    def home(self):
        self.call("read", "GET /me", "GET", "/api/v1/me")
        self.call("read", "GET /notifications/unread", "GET", "/api/v1/notifications/unread")
        self.browse_events()

    def browse_events(self):
        self.events = self.call("read", "GET /events", "GET", "/api/v1/events") or self.events

    def my_requests(self):
        if self.helper:
            self.call("read", "GET /requests?near=1", "GET", "/api/v1/requests?near=1")
        else:
            self.call("read", "GET /requests", "GET", "/api/v1/requests")
        matches = self.call("read", "GET /matches", "GET", "/api/v1/matches") or []
        accepted = [m["id"] for m in matches if m.get("status") == "accepted"]
        self.thread = accepted[0] if accepted else self.thread

    def inbox(self):
        self.call("read", "GET /notifications", "GET", "/api/v1/notifications")

    def ask(self):
        category = self.rng.choice(["shopping", "transport", "garden", "phone_chat"])
        body = {"category": category, "description": "Kan nogen hjælpe?", "circle_id": self.circle}
        self.call("write", "POST /requests", "POST", "/api/v1/requests", body)

    def book(self):
        if not self.events:
            return self.browse_events()
        event = self.rng.choice(self.events)
        start = event["occurrence_start"]
        path = f"/api/v1/events/{event['id']}/rsvp"
        if event.get("my_status") in ("going", "waiting"):
            query = urlencode({"occurrence_start": start})
            self.call("write", "DELETE /rsvp", "DELETE", f"{path}?{query}")
            event["my_status"] = None
        else:
            self.call("write", "POST /rsvp", "POST", path, {"occurrence_start": start})
            event["my_status"] = "going"

    def write(self):
        if self.thread is None:
            return self.ask()
        body = {"body": "Tak, vi ses på torsdag."}
        path = f"/api/v1/matches/{self.thread}/messages"
        self.call("write", "POST /messages", "POST", path, body)


def who(url: str, users: int) -> list[tuple[int, str, bool, int]]:
    """The members: a third with an accepted match (they write in threads), a third helpers,
    a third anyone signed in; (id, token, is a helper, the circle they ask in)."""
    third = users // 3
    threads = serving.query(
        url,
        "SELECT DISTINCT r.requester_id FROM matches m JOIN help_requests r ON r.id = m.request_id"
        " WHERE m.status = 'accepted' ORDER BY r.requester_id LIMIT :n",
        n=third,
    )
    helpers = serving.query(
        url,
        "SELECT DISTINCT user_id FROM memberships WHERE role = 'helper' AND status = 'active'"
        " ORDER BY user_id DESC LIMIT :n",
        n=third,
    )
    chosen = {row[0]: False for row in threads} | {row[0]: True for row in helpers}
    others = serving.query(
        url, "SELECT user_id FROM api_tokens WHERE name = 'bench' ORDER BY user_id LIMIT :n",
        n=users,
    )  # fmt: skip
    for (user_id,) in others:
        if len(chosen) >= users:
            break
        chosen.setdefault(user_id, False)
    tokens = serving.sign_in(url, list(chosen))
    circles = dict(
        serving.query(
            url,
            "SELECT user_id, min(circle_id) FROM memberships WHERE status = 'active'"
            f" AND user_id IN ({','.join(map(str, chosen))}) GROUP BY user_id",
        )
    )
    return [(u, tokens[u], helper, circles[u]) for u, helper in chosen.items()]


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (0 when there is nothing)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(results: list, seconds: float) -> None:
    """The table: per request kind, then reads and writes overall."""
    print(f"{'request':<28} {'count':>6} {'errors':>6} {'4xx':>5} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8}")  # fmt: skip
    groups = {}
    for kind, name, status, ms in results:
        groups.setdefault((kind, name), []).append((status, ms))
    for kind in ("read", "write"):
        for (k, name), rows in sorted(groups.items()):
            if k == kind:
                line(name, rows)
        line(f"all {kind}s", [(s, ms) for k, _, s, ms in results if k == kind])
    print(f"{len(results)} requests in {seconds:.0f} s: {len(results) / seconds:.1f} per second")


def line(name: str, rows: list) -> None:
    """One row of the table."""
    times = [ms for _, ms in rows]
    errors = sum(1 for status, _ in rows if status == 0 or status >= 500)
    refused = sum(1 for status, _ in rows if 400 <= status < 500)
    print(f"{name:<28} {len(rows):>6} {errors:>6} {refused:>5} {percentile(times, 50):>8.1f} "
          f"{percentile(times, 95):>8.1f} {percentile(times, 99):>8.1f}")  # fmt: skip


def main() -> None:
    """Serve Circles, let the members loose until the time is up, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=serving.DEFAULT_URL)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--think", default="5,20", help="seconds between actions: least,most")
    parser.add_argument("--port", type=int, default=5820)
    args = parser.parse_args()
    users, seconds = min(args.users, MOST_USERS), min(args.seconds, LONGEST)
    think = tuple(float(s) for s in args.think.split(","))
    members = who(args.database_url, users)
    results: list = []
    refusals: list = []
    with serving.served("wsgi:app", args.port, args.database_url) as server:
        print(f"{len(members)} members for {seconds} s, thinking {think[0]:g}-{think[1]:g} s; "
              f"load average before: {serving.load_average()}", flush=True)  # fmt: skip
        pids = serving.workers(server.pid)
        cpu = serving.cpu_seconds(pids)
        deadline = time.monotonic() + seconds
        threads = [
            Member(args.port, member, deadline, think, n, results, refusals)
            for n, member in enumerate(members)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + 35)
        elapsed = time.monotonic() - started
        cpu = serving.cpu_seconds(pids) - cpu
        print(f"load average after: {serving.load_average()}; server CPU {cpu:.1f} s "
              f"({100 * cpu / elapsed:.0f}% of one core)", flush=True)  # fmt: skip
    report(list(results), elapsed)
    for refusal, count in Counter(refusals).most_common():
        print(f"refused: {refusal} x {count}")


if __name__ == "__main__":
    main()

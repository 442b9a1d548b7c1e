"""What users wait for: each API read over HTTP, under gunicorn, beside a bare Flask floor.

    python bench/national.py --database-url postgresql://postgres@127.0.0.1:5432/bench_national
    python bench/endpoints.py                        # that database, 10 s per run
    python bench/endpoints.py --seconds 5 --only me,events

Circles runs under gunicorn with the production settings (gunicorn.conf.py: 2 workers x 4
threads), and so does bench/floor.py, a bare Flask app answering {"ok": true}: the least any
request can cost here. wrk (Debian's, a C client, so the load generator stays cheap) drives
each endpoint for --seconds at 1 connection, then at 16, each request signed in with a bearer
token as one of many real members of the built country (rotating through them). Printed per
endpoint: the server's CPU per request (the workers' user + system time over the requests of
both runs, read from /proc: less sensitive to a loaded machine than latency), that as a
multiple of the floor's, and p50/p95/p99 latency at 1 and at 16 connections, with errors.
"""

import argparse

import serving  # bench/, first on the path of a script run from it

NOTIFICATIONS = "/api/v1/notifications"


def cases(url: str, sample: int) -> dict[str, list[tuple[str, str]]]:
    """Each endpoint's (path, token) list: realistic members for each."""
    members = [
        row[0] for row in serving.query(url, "SELECT user_id FROM api_tokens WHERE name = 'bench'")
    ]
    members.sort()
    big_inbox = serving.query(
        url,
        "SELECT user_id FROM notifications GROUP BY user_id ORDER BY count(*) DESC LIMIT 1",
    )[0][0]
    members = [m for m in members if m != big_inbox][:sample]
    placed = serving.query(
        url,
        f"SELECT id, postcode FROM users WHERE id IN ({','.join(map(str, members))})",
    )
    helpers = [
        row[0]
        for row in serving.query(
            url,
            "SELECT DISTINCT m.user_id FROM memberships m JOIN offers o ON o.user_id = m.user_id"
            " WHERE m.role = 'helper' AND m.status = 'active' ORDER BY m.user_id LIMIT :n",
            n=sample,
        )
    ]
    asking = serving.query(
        url,
        "SELECT id, requester_id FROM help_requests WHERE status = 'open' ORDER BY id LIMIT :n",
        n=sample,
    )
    tokens = serving.sign_in(
        url, members + helpers + [r for _, r in asking] + [big_inbox]
    )  # fmt: skip
    return {
        "categories": [("/api/v1/categories", tokens[m]) for m in members],
        "circles?postcode": [(f"/api/v1/circles?postcode={p}", tokens[m]) for m, p in placed],
        "requests?near=1": [("/api/v1/requests?near=1", tokens[h]) for h in helpers],
        "suggestions": [(f"/api/v1/requests/{i}/suggestions", tokens[r]) for i, r in asking],
        "events": [("/api/v1/events", tokens[m]) for m in members],
        "notifications 10": [(NOTIFICATIONS, tokens[m]) for m in members],
        "notifications 5000": [(NOTIFICATIONS, tokens[big_inbox])],
        "me": [("/api/v1/me", tokens[m]) for m in members],
        # Helpers have the longest history (several done matches each); members a couple.
        "matches": [("/api/v1/matches", tokens[p]) for p in helpers + members],
    }


HEADER = (
    f"{'endpoint':<20} {'CPU ms/req':>10} {'x floor':>8} {'p50/p95/p99 ms @1':>21} "
    f"{'p50/p95/p99 ms @16':>22} {'req/s @16':>9} {'errors':>6}"
)


def row(name: str, result: dict, floor_cpu: float) -> str:
    """One line of the table."""
    one, sixteen = result["one"], result["sixteen"]
    latency = "{p50:>6.1f} {p95:>6.1f} {p99:>7.1f}"
    errors = sum(r["errors"] + r["bad_status"] for r in (one, sixteen))
    return (
        f"{name:<20} {result['cpu_ms']:>10.2f} {result['cpu_ms'] / floor_cpu:>8.1f} "
        f"{latency.format(**one):>21} {latency.format(**sixteen):>22} "
        f"{sixteen['requests'] / sixteen['seconds']:>9.0f} {errors:>6}"
    )


def main() -> None:
    """Serve the floor and Circles in turn, measure each endpoint, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=serving.DEFAULT_URL)
    parser.add_argument("--seconds", type=int, default=10, help="per run (1 and 16 conns)")
    parser.add_argument("--members", type=int, default=100, help="members to rotate through")
    parser.add_argument("--only", default="", help="endpoints, comma-separated")
    parser.add_argument("--port", type=int, default=5810)
    args = parser.parse_args()
    url, port = args.database_url, args.port
    chosen = cases(url, args.members)
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only.split(",")}
    print(f"load average at start: {serving.load_average()}", flush=True)
    print(HEADER, flush=True)
    with serving.served("bench.floor:app", port + 1, url) as floor:
        result = serving.measure(floor, port + 1, [("/", "")], args.seconds)
    floor_cpu = result["cpu_ms"]
    print(row("floor (bare Flask)", result, floor_cpu), flush=True)
    with serving.served("wsgi:app", port, url) as circles:
        for name, endpoint in chosen.items():
            print(row(name, serving.measure(circles, port, endpoint, args.seconds), floor_cpu),
                  flush=True)  # fmt: skip
    print(f"load average at end: {serving.load_average()}")


if __name__ == "__main__":
    main()

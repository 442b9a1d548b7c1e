"""Matching over HTTP: the suggestions and nearby endpoints beside the query one writes first.

    python bench/national.py --database-url postgresql://postgres@127.0.0.1:5432/bench_national
    python bench/matching.py                   # that database, 10 s per run
    python bench/matching.py --seconds 5 --database-url sqlite:////abs/path/national.sqlite

Both sides are timed the same way, over HTTP under the same gunicorn (gunicorn.conf.py), by
wrk at 1 and at 16 connections, rotating through --cases open requests (as their requesters)
and helpers with a standing offer:

- the endpoints, GET /api/v1/requests/<id>/suggestions and GET /api/v1/requests?near=1,
  signed in with a bearer token;
- the naive baselines in bench/floor.py: the query a competent engineer writes first (join
  the circle's active members to their homes; for a helper, the open requests of their
  circles), every distance in Python, the nearest 20 within reach. No sign-in, no ORM, no
  scoring.

What the fast path adds over the naive one, and pays for: the sign-in (token and user in one
round trip), who may see the request, blocks both ways and people already asked left out, the
nearest 60 people and the nearest 60 who offer this kind of help (the circle's members inside
a bounding box or sharing the requester's postcode), each one's offers, open commitments,
invitations this week, thanks and help done together, a score with its reasons in words,
distances between ~500 m squares (never a home), and names. Printed: CPU per request
(workers' user + system time from /proc) and p50/p95/p99 at 1 and at 16 connections, and the
load average.
"""

import argparse

import serving  # bench/, first on the path of a script run from it

HEADER = (
    f"{'query':<22} {'CPU ms/req':>10} {'p50/p95/p99 ms @1':>21} {'p50/p95/p99 ms @16':>22} "
    f"{'errors':>6}"
)


def cases(url: str, count: int) -> dict[str, list]:
    """(path, token) for the endpoints and the naive queries, on the same requests and helpers."""
    asking = serving.query(
        url,
        "SELECT id, requester_id FROM help_requests WHERE status = 'open' ORDER BY id LIMIT :n",
        n=count,
    )
    helpers = [
        row[0]
        for row in serving.query(
            url,
            "SELECT DISTINCT m.user_id FROM memberships m JOIN offers o ON o.user_id = m.user_id"
            " WHERE m.role = 'helper' AND m.status = 'active' ORDER BY m.user_id LIMIT :n",
            n=count,
        )
    ]
    tokens = serving.sign_in(url, [r for _, r in asking] + helpers)
    return {
        "suggestions": [(f"/api/v1/requests/{i}/suggestions", tokens[r]) for i, r in asking],
        "suggestions, naive": [(f"/naive/suggestions/{i}", "") for i, _ in asking],
        "nearby": [("/api/v1/requests?near=1", tokens[h]) for h in helpers],
        "nearby, naive": [(f"/naive/nearby/{h}", "") for h in helpers],
    }


def row(name: str, result: dict) -> str:
    """One line of the table."""
    one, sixteen = result["one"], result["sixteen"]
    latency = "{p50:>6.1f} {p95:>6.1f} {p99:>7.1f}"
    errors = sum(r["errors"] + r["bad_status"] for r in (one, sixteen))
    return (
        f"{name:<22} {result['cpu_ms']:>10.2f} {latency.format(**one):>21} "
        f"{latency.format(**sixteen):>22} {errors:>6}"
    )


def main() -> None:
    """Measure both sides of each query and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=serving.DEFAULT_URL)
    parser.add_argument("--seconds", type=int, default=10, help="per run (1 and 16 conns)")
    parser.add_argument("--cases", type=int, default=100, help="requests and helpers")
    parser.add_argument("--port", type=int, default=5830)
    args = parser.parse_args()
    url, port = args.database_url, args.port
    chosen = cases(url, args.cases)
    members = serving.query(url, "SELECT count(*) FROM users")[0][0]
    print(f"{members:,} members; load average at start: {serving.load_average()}", flush=True)
    print(HEADER, flush=True)
    results = {}
    with serving.served("wsgi:app", port, url) as circles:
        for name in ("suggestions", "nearby"):
            results[name] = serving.measure(circles, port, chosen[name], args.seconds)
    with serving.served("bench.floor:app", port + 1, url) as floor:
        for name in ("suggestions, naive", "nearby, naive"):
            results[name] = serving.measure(floor, port + 1, chosen[name], args.seconds)
    for name in ("suggestions", "suggestions, naive", "nearby", "nearby, naive"):
        print(row(name, results[name]), flush=True)
    print(f"load average at end: {serving.load_average()}")


if __name__ == "__main__":
    main()

"""Workers share protected tables through Redis: one worker works a year out, the others read it,
and what they publish is exactly what they would have worked out themselves."""

import json
import random
import subprocess
import sys
import uuid

import redis

from circles.municipal import disclosure
from circles.municipal.dashboard import SharedStore
from circles.municipal.disclosure import Disclosure

REDIS = "redis://127.0.0.1:6379/0"


def municipality(seed: int) -> Disclosure:
    """A random seeded municipality's year: circles x finished months, step by step, with totals."""
    chance = random.Random(seed)
    months = [f"2026-{m:02d}" for m in range(1, 7)]
    circles = [f"circle {i}" for i in range(6)]
    table = Disclosure()
    for c in circles:
        for m in months:
            table.add(("new", c, m), chance.choice([0, 1, 2, 3, 4, 6, 9, 14, 30]), step=m)
    for m in months:
        table.add(("new", "all", m), sum(table.values[("new", c, m)] for c in circles), step=m)
        table.relate(("new", "all", m), [("new", c, m) for c in circles])
    return table


def answer(table: Disclosure) -> tuple:
    return sorted(table.primary, key=repr), sorted(table.suppressed, key=repr)


def test_a_second_worker_reads_the_first_workers_protection_and_publishes_the_same_cells():
    seed = uuid.uuid4().int % 10**9  # a table no earlier run has left in Redis
    worked_out = municipality(seed)
    worked_out.protect()  # no shared store: worked out here
    disclosure.CACHE.clear()

    store = SharedStore(REDIS)
    first = municipality(seed)
    first.protect(store)
    name = disclosure.shared_name(first._content())
    assert store.get(name) is not None
    assert answer(first) == answer(worked_out)

    # A second worker (another process, other hash seeds) finds the same name and reads it.
    script = (
        "import json, sys\n"
        "sys.path.insert(0, 'tests/municipal')\n"
        "from test_shared_protection import municipality, REDIS\n"
        "from circles.municipal import disclosure\n"
        "from circles.municipal.dashboard import SharedStore\n"
        f"t = municipality({seed})\n"
        "t._infer_steps()\n"
        "print(disclosure.shared_name(t._content()))\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert other.stdout.strip() == name

    # What is read from the store is what the worker publishes: the same cells hidden.
    disclosure.CACHE.clear()
    second = municipality(seed)
    second.protect(store)
    assert answer(second) == answer(worked_out)
    assert json.loads(store.get(name)) == json.loads(json.dumps(answer(worked_out)))


def test_a_worker_whose_redis_is_down_works_the_table_out_itself():
    seed = uuid.uuid4().int % 10**9
    worked_out = municipality(seed)
    worked_out.protect()
    disclosure.CACHE.clear()
    nowhere = SharedStore("redis://127.0.0.1:1/0")
    table = municipality(seed)
    table.protect(nowhere)
    assert answer(table) == answer(worked_out)


def test_an_answer_kept_by_other_code_is_never_read():
    seed = uuid.uuid4().int % 10**9
    table = municipality(seed)
    table._infer_steps()
    name = disclosure.shared_name(table._content())
    assert disclosure.CODE in name
    stale = f"circles:disclosure:0000000000000000:{name.rsplit(':', 1)[1]}"
    client = redis.Redis.from_url(REDIS)
    client.set(stale, json.dumps([[], []]), ex=60)  # an older rule showed everything
    disclosure.CACHE.clear()
    table.protect(SharedStore(REDIS))
    assert table.suppressed  # worked out under this code's rules, not read from the old key

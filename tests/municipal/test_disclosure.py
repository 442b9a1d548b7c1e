"""No count under 5 can be read off the dashboard, nor worked out from differences of figures."""

import random

from circles.municipal.disclosure import THRESHOLD, Disclosure


def grid(values: dict[tuple[str, str], int]) -> Disclosure:
    """Circles x months with row, column and grand totals, as the dashboard shows them."""
    table = Disclosure()
    rows = sorted({r for r, _ in values})
    cols = sorted({c for _, c in values})
    for key, value in values.items():
        table.add(key, value)
    for r in rows:
        table.add((r, "all"), sum(values[r, c] for c in cols))
        table.relate((r, "all"), [(r, c) for c in cols])
    for c in cols:
        table.add(("all", c), sum(values[r, c] for r in rows))
        table.relate(("all", c), [(r, c) for r in rows])
    table.add(("all", "all"), sum(values.values()))
    table.relate(("all", "all"), [(r, "all") for r in rows])
    table.relate(("all", "all"), [("all", c) for c in cols])
    return table


def worked_out(table: Disclosure) -> dict:
    """An attacker: solve every sum with one unknown, again and again, and try all differences."""
    known = {k: table.values[k] for k in table.values if table.shown(k)}
    changed = True
    while changed:
        changed = False
        for total, parts in table.relations:
            unknown = [k for k in (total, *parts) if k not in known]
            if len(unknown) == 1:
                rest = sum(known[p] for p in parts if p in known)
                (key,) = unknown
                known[key] = known[total] - rest if key != total else rest
                changed = True
    shown = [k for k in table.values if table.shown(k)]
    for a in shown:  # every difference of two shown figures, tested against every hidden cell
        for b in shown:
            difference = table.values[a] - table.values[b]
            for hidden in table.values:
                if hidden in known or not table.sensitive(hidden):
                    continue
                if difference == table.values[hidden] and is_their_difference(table, a, b, hidden):
                    known[hidden] = difference
    return {k: v for k, v in known.items() if not table.shown(k)}


def is_their_difference(table, a, b, hidden) -> bool:
    """Whether a sum says a = b + hidden (so a - b gives hidden away)."""
    return any(total == a and set(parts) == {b, hidden} for total, parts in table.relations)


def test_every_count_under_five_is_hidden():
    table = grid({("A", "jan"): 3, ("A", "feb"): 12, ("B", "jan"): 20, ("B", "feb"): 0})
    table.protect()
    assert table.value(("A", "jan")) is None
    assert table.value(("B", "feb")) is None
    assert all(table.value(k) is None for k in table.values if table.values[k] < THRESHOLD)


def test_a_total_minus_its_parts_gives_nothing_away():
    table = grid({("A", "jan"): 3, ("A", "feb"): 12, ("B", "jan"): 20, ("B", "feb"): 30})
    table.protect()
    # the row total minus february would be january's 3: so one more cell is hidden in each sum
    assert table.value(("A", "jan")) is None
    assert table.value(("A", "feb")) is None or table.value(("A", "all")) is None
    assert table.value(("all", "jan")) is None or table.value(("B", "jan")) is None
    assert all(not table.sensitive(k) for k in worked_out(table))
    assert table.label(("A", "jan")) == "fewer_than_5"
    assert "hidden" in {table.label(k) for k in table.suppressed}


def test_matched_against_requested_gives_nothing_away():
    table = Disclosure()
    table.add("requested", 40)
    table.add("matched", 37)
    table.add("not matched", 3, shown=False)
    table.relate("requested", ["matched", "not matched"])
    table.protect()
    assert table.value("requested") is None or table.value("matched") is None
    assert "not matched" not in worked_out(table)


def test_bounds_give_nothing_away():
    # Two hidden "fewer than 5" that add up to 8 must both be 4; nor can hidden zeros add to 0.
    table = Disclosure()
    for key, value in {"all": 30, "a": 4, "b": 4, "c": 22}.items():
        table.add(key, value)
    table.relate("all", ["a", "b", "c"])
    table.protect()
    assert table.disclosed() == set()
    assert table.value("c") is None
    # a hidden cell of 5 or more next to one "fewer than 5" that add up to 5 would pin both
    edge = Disclosure()
    for key, value in {"all": 17, "a": 0, "b": 5, "c": 12}.items():
        edge.add(key, value)
    edge.relate("all", ["a", "b", "c"])
    edge.protect()
    assert edge.disclosed() == set()
    zeros = Disclosure()
    for key, value in {"all": 9, "a": 0, "b": 0, "c": 9}.items():
        zeros.add(key, value)
    zeros.relate("all", ["a", "b", "c"])
    zeros.protect()
    assert zeros.disclosed() == set() and zeros.value("c") is None


def test_combining_sums_gives_nothing_away():
    # Hiding one more cell in each row and column is not enough when a cell is on no cycle.
    table = grid(
        {
            ("A", "jan"): 2, ("A", "feb"): 3, ("A", "mar"): 50,
            ("B", "jan"): 60, ("B", "feb"): 70, ("B", "mar"): 80,
            ("C", "jan"): 90, ("C", "feb"): 100, ("C", "mar"): 1,
        }
    )  # fmt: skip
    table.protect()
    assert table.disclosed() == set()
    assert all(not table.sensitive(k) for k in worked_out(table))


def test_large_counts_stay_shown():
    table = grid({("A", "jan"): 30, ("A", "feb"): 12, ("B", "jan"): 20, ("B", "feb"): 9})
    assert table.protect() == set()
    assert table.value(("all", "all")) == 71


def test_random_tables_never_give_a_small_count_away():
    chance = random.Random(6)
    for _ in range(60):
        rows, cols = chance.randint(1, 5), chance.randint(1, 5)
        values = {
            (f"r{r}", f"c{c}"): chance.choice([0, 1, 2, 4, 5, 7, 12, 40])
            for r in range(rows)
            for c in range(cols)
        }
        table = grid(values)
        table.protect()
        assert table.disclosed() == set()
        assert all(not table.sensitive(k) for k in worked_out(table)), values
        assert all(table.value(k) is None for k in values if values[k] < THRESHOLD)

"""Disclosure control for aggregates: no count under 5 can be seen or worked out.

Figures are cells tied by sums (a total and its parts). Primary suppression hides every shown
count under THRESHOLD. Secondary suppression then hides more cells until no small count
(shown-and-hidden, or an implicit difference such as "requests not matched") can be worked out
from the shown ones: not by one sum, not by combining several sums (linear algebra over the
hidden cells), and not from bounds (hidden small counts lie in 0..4, so two of them adding up
to 8, or several adding up to 0, would be given away; a cell hidden to protect another is
labelled so, and known to be 5 or more).

A reader may also know a count from elsewhere (another published table): such a cell is added
as known, is never hidden, and is treated as shown when working out what follows.

Which queries can see which cells is decided by the caller: the dashboard protects one fixed
frame per calendar year and answers every period from it (see dashboard.py), so that no two
answers are ever protected differently.

Over time a frame grows (a month ends, a quarter, a year). Each cell may carry a step (the
month after which its value is final); protect() then replays the steps in order, each time
protecting the cells published by then with everything shown at an earlier step counted as
known. So what was shown last month stays shown, and the union of every answer ever given is
one protected table: nothing shown at one step and hidden at a later one can be played off.
"""

import hashlib
import json
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from pathlib import Path

THRESHOLD = 5
INF = float("inf")
PRIME = 2**61 - 1
# Protected tables by their content: the same counts and sums always give the same answer, and a
# past year's tables never change, so a process keeps the last few rather than work them out
# again (a few seconds for 50 circles).
CACHE: OrderedDict = OrderedDict()
CACHE_SIZE = 64
# The rules themselves: a shared answer worked out by other code is never read.
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def shared_name(content: tuple) -> str:
    """The name a protected table is kept under in a shared store."""
    values, implicit, known, relations, steps = content
    # sets print in an order that differs between processes: sorted, they print the same
    canonical = (values, sorted(implicit, key=repr), sorted(known, key=repr), relations, steps)
    digest = hashlib.sha256(repr(canonical).encode()).hexdigest()
    return f"circles:disclosure:{CODE}:{digest}"


def _key(cell):
    """A cell key back from JSON (tuples come back as lists)."""
    return tuple(_key(x) for x in cell) if isinstance(cell, list) else cell


class Disclosure:
    """A set of counts and the sums that tie them; protect() decides what may be shown."""

    def __init__(self) -> None:
        self.values: dict[Hashable, int] = {}
        self.implicit: set[Hashable] = set()  # never published, but derivable (a difference)
        self.known: set[Hashable] = set()  # never published here, but known from elsewhere
        self.relations: list[tuple[Hashable, tuple[Hashable, ...]]] = []
        self.suppressed: set[Hashable] = set()
        self.primary: set[Hashable] = set()
        self._touching: dict[Hashable, list] | None = None  # see touching
        self.steps: dict[Hashable, str] = {}  # cell -> from which step on it is published

    def add(
        self,
        key: Hashable,
        value: int,
        shown: bool = True,
        known: bool = False,
        step: str | None = None,
    ) -> None:
        """A count; shown=False for one that is never published but follows from others;
        known=True for one a reader knows from elsewhere (never hidden, counted as shown);
        step: from when on it is published (a month like 2026-03), None for the last step."""
        self.values[key] = int(value)
        if step is not None:
            self.steps[key] = step
        if known:
            self.known.add(key)
        elif not shown:
            self.implicit.add(key)

    def relate(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """total == sum(parts)."""
        parts = tuple(parts)
        assert self.values[total] == sum(self.values[p] for p in parts), (total, parts)
        self.relations.append((total, parts))
        self._touching = None

    @property
    def touching(self) -> dict[Hashable, list]:
        """Each cell's sums (those it is the total or a part of), indexed when first asked for:
        a table whose protection is kept already (most views) never asks, and indexing a year's
        thousands of sums as they were tied cost a fifth of the dashboard's time."""
        if self._touching is None:
            self._touching = {}
            for total, parts in self.relations:
                for key in (total, *parts):
                    self._touching.setdefault(key, []).append((total, parts))
        return self._touching

    def sensitive(self, key: Hashable) -> bool:
        """A count too small to be known."""
        return self.values[key] < THRESHOLD

    def shown(self, key: Hashable) -> bool:
        """Whether the count is published as a number (or known to readers anyway)."""
        return key in self.known or (key not in self.implicit and key not in self.suppressed)

    def hideable(self, key: Hashable) -> bool:
        """Shown here and not known from elsewhere: hiding it would help."""
        return self.shown(key) and key not in self.known

    def label(self, key: Hashable) -> str | None:
        """None for a shown cell; "fewer_than_5" or "hidden" (to protect another) otherwise."""
        if self.shown(key):
            return None
        return "fewer_than_5" if key in self.primary else "hidden"

    def value(self, key: Hashable) -> int | None:
        """The published number, or None where it is hidden."""
        return self.values[key] if self.shown(key) else None

    def protect(self, shared=None) -> set[Hashable]:
        """Suppress small counts (step by step, when cells have steps); returns the hidden.

        shared: a store with get(name) and set(name, text) that other processes see too (Redis):
        the answer is kept there under a digest of the table's content and of this module's
        code, so one worker's work serves the others, and a changed rule never reads an old one.
        """
        self._infer_steps()
        content = self._content()
        if content in CACHE:
            CACHE.move_to_end(content)
            self.primary, self.suppressed = (set(x) for x in CACHE[content])
            return self.suppressed
        name = shared_name(content) if shared is not None else None
        found = shared.get(name) if shared is not None else None
        if found is not None:
            primary, suppressed = json.loads(found)
            self.primary = {_key(k) for k in primary}
            self.suppressed = {_key(k) for k in suppressed}
            self._remember(content)
            return self.suppressed
        steps = sorted(set(self.steps.values()))
        shown_before: set[Hashable] = set()
        hidden_before: set[Hashable] = set()
        for step in steps[:-1]:  # cells without a step come at the last one
            earlier = self._as_of(step, shown_before)
            # what was hidden stays hidden: each step only decides about its new cells
            earlier._protect_all(hidden_before)
            shown_before = {k for k in earlier.values if earlier.shown(k)} - self.implicit
            hidden_before = set(earlier.suppressed)
        known, self.known = self.known, self.known | shown_before
        try:
            self._protect_all(hidden_before)
        finally:
            self.known = known
        self._remember(content)
        if shared is not None:
            shared.set(
                name,
                json.dumps([sorted(self.primary, key=repr), sorted(self.suppressed, key=repr)]),
            )
        return self.suppressed

    def _remember(self, content: tuple) -> None:
        CACHE[content] = (frozenset(self.primary), frozenset(self.suppressed))
        while len(CACHE) > CACHE_SIZE:
            CACHE.popitem(last=False)

    def _content(self) -> tuple:
        """Everything protect() depends on, as one hashable value."""
        return (
            tuple(sorted(self.values.items(), key=repr)),
            frozenset(self.implicit),
            frozenset(self.known),
            tuple(self.relations),
            tuple(sorted(self.steps.items(), key=repr)),
        )

    def _infer_steps(self) -> None:
        """A cell given no step comes with the first sum whose other cells all have come (an
        implicit difference, say), else at the last step; known cells are there from the start."""
        if not self.steps:
            return
        last = max(self.steps.values())
        for key in self.values:
            if key in self.steps or key in self.known:
                continue
            arrivals = []
            for total, parts in self.touching.get(key, ()):
                others = [k for k in (total, *parts) if k != key and k not in self.known]
                if all(k in self.steps for k in others):
                    arrivals.append(max((self.steps[k] for k in others), default=last))
            self.steps[key] = min(arrivals, default=last)

    def _as_of(self, step: str, shown_before: set) -> "Disclosure":
        """The cells published by this step and their sums; those shown before count as known."""
        table = Disclosure()
        present = {k for k in self.steps if self.steps[k] <= step} | self.known
        for key in present:
            table.add(key, self.values[key], key not in self.implicit, key in self.known)
            if key in shown_before:
                table.known.add(key)
        for total, parts in self.relations:
            if total in present and all(p in present for p in parts):
                table.relate(total, parts)
        return table

    def _protect_all(self, hidden_before: set = frozenset()) -> set[Hashable]:
        """Suppress small counts, then whatever else is needed; returns the suppressed cells."""
        self.primary = {
            k
            for k in self.values
            if k not in self.implicit and k not in self.known and self.sensitive(k)
        }
        self.suppressed = self.primary | {k for k in hidden_before if self.hideable(k)}
        while exposed := self.disclosed():
            before = len(self.suppressed)
            for key in sorted(exposed, key=repr):
                self._hide_one_more(key)
            if len(self.suppressed) == before and not self._hide_any_more():
                # Nothing left to hide that would help: fail closed, show no number at all.
                self.suppressed = {
                    k for k in self.values if k not in self.implicit and k not in self.known
                }
                break
        return self.suppressed

    def disclosed(self) -> set[Hashable]:
        """The small counts a reader could work out exactly from what is shown."""
        equations = list(self._equations())
        found = {k for k in self._pinned(equations) if self.sensitive(k) and k not in self.known}
        if found:  # the cheap test first: the elimination only when no single sum gives one away
            return found
        found = self._determined(equations)
        return {k for k in found if self.sensitive(k) and k not in self.known}

    def _bounds(self, key: Hashable) -> tuple[float, float]:
        # What a reader knows: "fewer than 5" means 0-4; a cell hidden to protect another is
        # labelled so, hence 5 or more; an implicit difference is only known to be >= 0.
        if key in self.implicit:
            return 0, INF
        return (0, THRESHOLD - 1) if key in self.primary else (THRESHOLD, INF)

    def _equations(self):
        """Each sum over the unknown cells: ({cell: +-1}, constant)."""
        for total, parts in self.relations:
            terms, constant = {}, 0
            for key, sign in ((total, 1), *((p, -1) for p in parts)):
                if self.shown(key):
                    constant -= sign * self.values[key]
                else:
                    terms[key] = terms.get(key, 0) + sign
            terms = {k: s for k, s in terms.items() if s}
            if terms:
                yield terms, constant

    def _determined(self, equations) -> set[Hashable]:
        """Unknown cells fixed by the sums together (their unit vector is in the row space).

        Gaussian elimination over the integers modulo a 61-bit prime rather than fractions:
        many times faster, and the same answer unless the prime divides one of the (small)
        determinants involved, which for sums of +-1 does not happen in practice.
        """
        pivots: dict[Hashable, dict] = {}
        for terms, _ in equations:
            row = {k: v % PRIME for k, v in terms.items()}
            # Pivot rows are zero in each other's pivot columns, so one pass clears them all.
            for col in [c for c in row if c in pivots]:
                factor = row[col]
                for k, v in pivots[col].items():
                    row[k] = (row.get(k, 0) - factor * v) % PRIME
            row = {k: v for k, v in row.items() if v}
            if not row:
                continue
            col = min(row, key=repr)
            inverse = pow(row[col], -1, PRIME)
            row = {k: v * inverse % PRIME for k, v in row.items()}
            for other in pivots.values():
                factor = other.get(col)
                if factor:
                    for k, v in row.items():
                        other[k] = (other.get(k, 0) - factor * v) % PRIME
                    for k in [k for k, v in other.items() if not v]:
                        del other[k]
            pivots[col] = row
        return {col for col, row in pivots.items() if len(row) == 1}

    def _pinned(self, equations) -> set[Hashable]:
        """Unknown cells that one sum and the readers' bounds leave a single value for."""
        pinned = set()
        for terms, constant in equations:
            # sum(sign * x) == constant, each x within its bounds
            ranges = {k: self._bounds(k) for k in terms}
            low = {k: (lo if s > 0 else -hi) for k, s in terms.items() for lo, hi in [ranges[k]]}
            high = {k: (hi if s > 0 else -lo) for k, s in terms.items() for lo, hi in [ranges[k]]}
            low_sum, high_sum = sum(low.values()), sum(high.values())
            for key, sign in terms.items():
                rest_low, rest_high = low_sum - low[key], high_sum - high[key]
                lo, hi = constant - rest_high, constant - rest_low  # range of sign * x
                if sign < 0:
                    lo, hi = -hi, -lo
                lo, hi = max(lo, ranges[key][0]), min(hi, ranges[key][1])
                if lo == hi:
                    pinned.add(key)
        return pinned

    def _hide_one_more(self, key: Hashable) -> None:
        """Hide the smallest shown part of a sum the exposed cell is in (its total if no part);
        when those are all hidden already, look one sum further, through the hidden cells (the
        cell may follow from a chain of sums, such as a quarter that follows from the members
        at its end)."""
        hidden_alone = False
        for total, parts in self.touching.get(key, ()):
            # A sum in which this is the one unknown gives it away by itself: hide a second
            # cell in each such sum at once (a row's and a column's), not one per round.
            cells = (total, *parts)
            if all(self.shown(c) for c in cells if c != key):
                candidates = [(c == total, c) for c in cells if self.hideable(c)]
                if candidates:
                    best = min(candidates, key=lambda c: (c[0], self.values[c[1]], repr(c[1])))
                    self.suppressed.add(best[1])
                    hidden_alone = True
        if hidden_alone:
            return
        seen, frontier = {key}, [key]
        while frontier:
            candidates = [
                (candidate == total, candidate)
                for cell in frontier
                for total, parts in self.touching.get(cell, ())
                for candidate in (*parts, total)
                if self.hideable(candidate)
            ]
            if candidates:
                rank = min(candidates, key=lambda c: (c[0], self.values[c[1]], repr(c[1])))
                self.suppressed.add(rank[1])
                return
            further = []
            for cell in frontier:
                for total, parts in self.touching.get(cell, ()):
                    for other in (total, *parts):
                        if other not in seen and other not in self.known:
                            seen.add(other)
                            further.append(other)
            frontier = further

    def _hide_any_more(self) -> bool:
        """Last resort: hide the smallest shown cell of any sum that has hidden cells."""
        candidates = [
            key
            for terms, _ in self._equations()
            for total, parts in self.relations
            if set(terms) & {total, *parts}
            for key in (total, *parts)
            if self.hideable(key)
        ]
        if not candidates:
            return False
        self.suppressed.add(min(candidates, key=lambda k: (self.values[k], repr(k))))
        return True

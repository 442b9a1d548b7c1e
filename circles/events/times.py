"""Event times: local wall-clock times across daylight saving, and weekly repetition (RRULE)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from circles.core.errors import Invalid

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
SPOKEN = "EEEE d MMMM HH:mm"  # how a time is written in messages: "torsdag 10 juni 10:00"
RRULE_KEYS = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
# No occurrence lasts longer: one that started this long before a window cannot reach into it.
LONGEST = timedelta(days=1)


def to_utc(value: datetime, zone_name: str, field: str) -> datetime:
    """A time the member typed, as UTC; refused when that wall-clock time is missing or doubled.

    Spring forward: 02:30 does not exist, refused. Autumn back: 02:30 happens twice; without an
    offset that is refused, with one (+02:00 first, +01:00 second) it is placed as written.
    """
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise Invalid("event.year_out_of_range", field=field, first=EARLIEST_YEAR, last=LATEST_YEAR)
    if value.tzinfo is not None and value.utcoffset() == timedelta(0):
        return value.astimezone(UTC)  # an instant in UTC is never ambiguous
    zone = ZoneInfo(zone_name)
    wall = value.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    when = {"time": wall.strftime("%H:%M"), "date": wall.strftime("%d.%m.%Y")}
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise Invalid("event.time_skipped", field=field, **when)
    offsets = [first.utcoffset(), second.utcoffset()]
    if value.tzinfo is None:
        if offsets[0] != offsets[1]:
            first_offset, second_offset = _hours(offsets[0]), _hours(offsets[1])
            raise Invalid(
                "event.time_twice", field=field, first=first_offset, second=second_offset, **when
            )
        return first.astimezone(UTC)
    if value.utcoffset() not in offsets:
        raise Invalid("event.offset_wrong", field=field, offset=_hours(offsets[0]), zone=zone_name)
    return value.astimezone(UTC)


def _hours(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local(moment: datetime, zone_name: str) -> datetime:
    """A UTC moment as naive wall-clock time in the zone (what an RRULE repeats)."""
    return moment.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def check_rrule(text: str | None, starts_at: datetime, zone_name: str) -> str | None:
    """The rule, tidied, if it is a weekly or fortnightly repetition; else 422 naming rrule."""
    if text is None or not text.strip():
        return None
    rule = text.strip().upper().removeprefix("RRULE:")
    try:
        parts = _parts(rule)
    except ValueError:
        raise Invalid("event.rrule_invalid", field="rrule") from None
    if not set(parts) <= RRULE_KEYS or parts.get("FREQ") != "WEEKLY":
        raise Invalid("event.rrule_invalid", field="rrule")
    if parts.get("INTERVAL", "1") not in ("1", "2"):
        raise Invalid("event.rrule_invalid", field="rrule")
    try:
        first = rrulestr(rule, dtstart=local(starts_at, zone_name))[0]
    except (ValueError, IndexError, TypeError):
        raise Invalid("event.rrule_invalid", field="rrule") from None
    if first.year > LATEST_YEAR:
        raise Invalid("event.rrule_invalid", field="rrule")
    return rule


@dataclass
class Slot:
    """One occurrence: its original start (its key), where it is now, and whether it is off."""

    original_start: datetime
    starts_at: datetime
    ends_at: datetime
    cancelled: bool = False


def original_starts(event, start: datetime, end: datetime) -> list[datetime]:
    """The series' own starts (UTC) from start to end, both included."""
    if not event.rrule:
        return [event.starts_at] if start <= event.starts_at <= end else []
    zone = ZoneInfo(event.timezone)
    first, last = local(start, event.timezone), local(end, event.timezone)
    dtstart = _near(event.rrule, local(event.starts_at, event.timezone), first)
    walls = _series(event.rrule, dtstart).between(first, last, inc=True)
    return [wall.replace(tzinfo=zone).astimezone(UTC) for wall in walls]


@lru_cache(maxsize=1024)
def _series(rule: str, dtstart: datetime):
    """The parsed rule from dtstart. Kept: a list of events asks each series several times per
    visit, and _near moves dtstart only once a week. (Without cache=True an rrule keeps no
    state between calls, so threads may share one.)"""
    return rrulestr(rule, dtstart=dtstart)


def _near(rule: str, dtstart: datetime, first: datetime) -> datetime:
    """The series' start moved forward by whole repetitions to the last one before first.

    dateutil walks a rule from its start: a weekly walk begun two years ago cost 100 steps on
    every screen that lists it (3 ms of a 7 ms events list). Whole weeks (times the interval)
    later, in wall-clock time, a weekly rule gives the same starts from there on; a COUNT is
    counted from the real start, so such a rule (which ends anyway) is walked whole."""
    parts = _parts(rule)
    period = timedelta(weeks=int(parts.get("INTERVAL", "1")))
    if "COUNT" in parts or first - dtstart < 2 * period:
        return dtstart
    return dtstart + ((first - dtstart) // period - 1) * period


def _parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";"))


def is_original_start(event, moment: datetime) -> bool:
    """Whether moment is one of the series' own starts."""
    return moment in original_starts(event, moment - timedelta(minutes=1), moment)


def from_exception(exception) -> Slot:
    """The occurrence as a moved or cancelled exception row says."""
    return Slot(
        exception.original_start, exception.starts_at, exception.ends_at, exception.cancelled
    )


def slots(event, exceptions: list, start: datetime, end: datetime) -> list[Slot]:
    """The occurrences overlapping start..end, with moves and cancellations applied, in order."""
    length = event.ends_at - event.starts_at
    moved = {e.original_start: e for e in exceptions}
    found = {}
    for original in original_starts(event, start - length, end):
        exception = moved.get(original)
        if exception is None:
            found[original] = Slot(original, original, original + length)
        else:
            found[original] = from_exception(exception)
    # Moved in from outside the window, if still in the series. Only those that now overlap
    # the window are looked for in the series: a walk's past moves would each walk its rule.
    for exception in exceptions:
        moved_in = from_exception(exception)
        if (
            overlaps(moved_in, start, end)
            and moved_in.original_start not in found
            and is_original_start(event, moved_in.original_start)
        ):
            found[moved_in.original_start] = moved_in
    chosen = [s for s in found.values() if overlaps(s, start, end)]
    return sorted(chosen, key=lambda s: s.starts_at)


def overlaps(slot: Slot, start: datetime, end: datetime) -> bool:
    """Whether the occurrence is under way at some moment from start to end."""
    return slot.ends_at > start and slot.starts_at < end

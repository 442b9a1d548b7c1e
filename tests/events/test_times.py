"""Event times: wall-clock times around the clock changes, and which repetitions are accepted."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from circles.core.errors import Invalid
from circles.events.times import check_rrule, local, original_starts, slots, to_utc

ZONE = "Europe/Copenhagen"


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("2027-06-01T10:00:00", "2027-06-01T08:00:00+00:00"),
        ("2027-06-01T10:00:00+02:00", "2027-06-01T08:00:00+00:00"),
        ("2027-06-01T08:00:00+00:00", "2027-06-01T08:00:00+00:00"),
        ("2027-03-28T03:30:00", "2027-03-28T01:30:00+00:00"),
        ("2027-10-31T02:30:00+02:00", "2027-10-31T00:30:00+00:00"),
        ("2027-10-31T02:30:00+01:00", "2027-10-31T01:30:00+00:00"),
    ],
)
def test_real_local_times_become_utc(written, utc):
    assert to_utc(datetime.fromisoformat(written), ZONE, "starts_at").isoformat() == utc


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("2027-03-28T02:30:00", "event.time_skipped"),
        ("2027-03-28T02:00:00+01:00", "event.time_skipped"),
        ("2027-10-31T02:30:00", "event.time_twice"),
        ("2027-06-01T10:00:00+05:00", "event.offset_wrong"),
        ("1900-06-01T10:00:00+01:00", "event.year_out_of_range"),
    ],
)
def test_missing_doubled_or_odd_times_are_refused_naming_the_field(written, key):
    with pytest.raises(Invalid) as refused:
        to_utc(datetime.fromisoformat(written), ZONE, "starts_at")
    assert refused.value.key == key and refused.value.field == "starts_at"


START = datetime(2027, 3, 14, 9, 0, tzinfo=UTC)  # Sunday 10:00 in winter time


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY", "RRULE:FREQ=WEEKLY;BYDAY=SU", "freq=weekly;interval=2;count=5"]
)
def test_weekly_and_fortnightly_rules_are_accepted(rule):
    assert check_rrule(rule, START, ZONE).startswith("FREQ=WEEKLY")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;INTERVAL=3",
        "FREQ=WEEKLY;BYHOUR=3",
        "weekly",
        "FREQ=WEEKLY;COUNT=0",
        "FREQ=WEEKLY;UNTIL=20200101T000000",
        "FREQ=WEEKLY;BYDAY=XX",
    ],
)
def test_other_rules_are_refused_naming_rrule(rule):
    with pytest.raises(Invalid) as refused:
        check_rrule(rule, START, ZONE)
    assert refused.value.field == "rrule"


def test_a_fortnightly_series_stays_at_ten_oclock_local_across_the_spring_change():
    event = SimpleNamespace(
        starts_at=START,
        ends_at=START.replace(hour=10),
        timezone=ZONE,
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=3",
    )
    found = slots(event, [], START, datetime(2027, 5, 1, tzinfo=UTC))
    assert [s.starts_at.isoformat() for s in found] == [
        "2027-03-14T09:00:00+00:00",
        "2027-03-28T08:00:00+00:00",
        "2027-04-11T08:00:00+00:00",
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=WEEKLY;BYDAY=TU,TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SA;WKST=SU",
        "FREQ=WEEKLY;UNTIL=20271231T235959",
        "FREQ=WEEKLY;COUNT=150",
    ],
)
def test_a_walk_begun_years_ago_lists_the_same_days_as_walking_the_rule_from_its_start(rule):
    """The series is taken up near the window rather than walked from its first week; what
    it gives must be exactly what the whole walk gives, clock changes included."""
    began = datetime(2024, 3, 28, 8, 30, tzinfo=UTC)  # a Thursday, 09:30 in Copenhagen
    walk = SimpleNamespace(rrule=rule, starts_at=began, timezone=ZONE)
    whole = rrulestr(rule, dtstart=local(began, ZONE))
    for days in range(0, 1100, 9):  # windows of every phase, across three years
        window_start = began + timedelta(days=days, hours=days % 24)
        window_end = window_start + timedelta(days=30)
        walls = whole.between(local(window_start, ZONE), local(window_end, ZONE), inc=True)
        expected = [w.replace(tzinfo=ZoneInfo(ZONE)).astimezone(UTC) for w in walls]
        assert original_starts(walk, window_start, window_end) == expected
        assert expected or "COUNT" in rule  # a count of 150 weeks ends before the last ones


def test_a_walks_moves_show_where_they_now_fall_in_the_window():
    """Birgit moves last Thursday's walk to Monday of this week, next Thursday's to the month
    after, and a walk of last year to the day after; a stale move names no walk of the series.
    The week shows Monday's moved walk and Thursday's own, and nothing else."""
    began = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)  # a Thursday, 10:00 in Copenhagen
    walk = SimpleNamespace(
        rrule="FREQ=WEEKLY", starts_at=began, ends_at=began + timedelta(hours=1), timezone=ZONE
    )

    def moved(original, to):
        return SimpleNamespace(
            original_start=original, starts_at=to, ends_at=to + timedelta(hours=1), cancelled=False
        )

    last_thursday, thursday = (
        datetime(2026, 11, 26, 9, tzinfo=UTC),
        datetime(2026, 12, 3, 9, tzinfo=UTC),
    )
    monday = datetime(2026, 11, 30, 9, tzinfo=UTC)
    exceptions = [
        moved(last_thursday, monday),
        moved(thursday + timedelta(days=7), datetime(2027, 1, 12, 9, tzinfo=UTC)),
        moved(datetime(2025, 12, 4, 9, tzinfo=UTC), datetime(2025, 12, 5, 9, tzinfo=UTC)),
        moved(datetime(2026, 12, 1, 9, tzinfo=UTC), datetime(2026, 12, 2, 9, tzinfo=UTC)),
    ]
    week = slots(walk, exceptions, monday - timedelta(hours=9), monday + timedelta(days=7))
    assert [(s.original_start, s.starts_at) for s in week] == [
        (last_thursday, monday),
        (thursday, thursday),
    ]

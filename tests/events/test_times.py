"""Event times: wall-clock times around the clock changes, and which repetitions are accepted."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from circles.core.errors import Invalid
from circles.events.times import check_rrule, slots, to_utc

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

"""Every TIME and DUR form of SPEC 5, under two time zones and across DST changes."""
from __future__ import annotations

import pytest

from cli_support import BERLIN, NEW_YORK, ZONES, snapshot

OFFSET = {BERLIN: "+01:00", NEW_YORK: "-05:00"}  # in force on 20-21 November 2026

# TIME as typed at 07:30 on Sat 21 Nov 2026 → the stored local time (offset: the zone's).
TIME_FORMS = [
    ("now", "2026-11-21T07:30:00"),
    ("02:41", "2026-11-21T02:41:00"),
    ("7:05", "2026-11-21T07:05:00"),
    ("08:00", "2026-11-20T08:00:00"),  # latest occurrence not after now: yesterday's
    ("yesterday 23:10", "2026-11-20T23:10:00"),
    ("2026-11-20 23:10", "2026-11-20T23:10:00"),
    ("2026-11-20T23:10:00", "2026-11-20T23:10:00"),
    ("2026-11-20T23:10", "2026-11-20T23:10:00"),
    ("-45m", "2026-11-21T06:45:00"),
    ("45m ago", "2026-11-21T06:45:00"),
    ("2h ago", "2026-11-21T05:30:00"),
    ("1h30m ago", "2026-11-21T06:00:00"),
]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("text,local", TIME_FORMS)
def test_time_forms_in_the_local_zone(cli, zone, text, local):
    cli.tz = zone
    cli.ok("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    [episode] = cli.entries()["cramps"]
    assert episode["onset"] == local + OFFSET[zone]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("text,onset", [
    ("2026-11-20T23:10:00+05:00", "2026-11-20T23:10:00+05:00"),
    ("2026-11-20T22:10:00Z", "2026-11-20T22:10:00+00:00"),
])
def test_an_explicit_offset_is_kept(cli, zone, text, onset):
    cli.tz = zone
    result = cli.ok("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    assert cli.entries()["cramps"][0]["onset"] == onset
    assert "night of Fri 20 Nov" in result.out  # night assignment uses the local time written


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("text,seconds", [
    ("90", 90), ("90s", 90), ("2m", 120), ("1m30s", 90), ("1:30", 90), (" 45s ", 45), ("10m", 600),
])
def test_duration_forms(cli, zone, text, seconds):
    cli.tz = zone
    cli.ok("log", "cramp", "--leg", "right", "--duration", text)
    assert cli.entries()["cramps"][0]["duration_s"] == seconds


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("text", ["25:00", "tomorrow", "yesterday", "2026-11-31 10:00", "12:60", "45x ago", "soon"])
def test_unreadable_times_are_refused(seeded, zone, text):
    seeded.tz = zone
    before = snapshot(seeded.db)
    result = seeded("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    assert result.code == 65
    assert result.err.startswith("legdiary: onset = ")
    assert f'"{text}"' in result.err
    assert snapshot(seeded.db) == before


@pytest.mark.parametrize("text,rule", [
    ("abc", "must be a duration"), ("1:75", "must be a duration"), ("2m30", "must be a duration"),
    ("0", "1..3600"), ("3601", "1..3600"), ("2h", "1..3600"),
])
def test_bad_durations_are_refused(seeded, text, rule):
    before = snapshot(seeded.db)
    result = seeded("log", "cramp", "--leg", "left", "--duration", text)
    assert result.code == 65
    assert "duration_s" in result.err and rule in result.err
    assert snapshot(seeded.db) == before


# Clocks go back: Berlin 2026-10-25 03:00 CEST → 02:00 CET; New York 2026-11-01 02:00 EDT → 01:00 EST.
FOLD = {BERLIN: ("2026-10-25 02:30", "2026-10-25T02:30:00+02:00", "Sat 24 Oct"),
        NEW_YORK: ("2026-11-01 01:30", "2026-11-01T01:30:00-04:00", "Sat 31 Oct")}
# Clocks go forward: Berlin 2026-03-29 02:00 → 03:00; New York 2026-03-08 02:00 → 03:00.
GAP = {BERLIN: "2026-03-29 02:30", NEW_YORK: "2026-03-08 02:30"}


@pytest.mark.parametrize("zone", ZONES)
def test_a_time_that_happens_twice_is_the_earlier(cli, zone):
    cli.tz = zone
    text, onset, night = FOLD[zone]
    result = cli.ok("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    assert cli.entries()["cramps"][0]["onset"] == onset
    assert f"night of {night}" in result.out


@pytest.mark.parametrize("zone", ZONES)
def test_a_time_skipped_by_dst_is_refused(seeded, zone):
    seeded.tz = zone
    before = snapshot(seeded.db)
    result = seeded("log", "cramp", "--at", GAP[zone], "--leg", "left", "--duration", "60")
    assert result.code == 65
    assert "does not exist" in result.err
    assert snapshot(seeded.db) == before


@pytest.mark.parametrize("zone,now,text,onset", [
    # "2h ago" counts real time back across the change, not wall-clock hours.
    (BERLIN, "2026-10-25T03:30:00", "2h ago", "2026-10-25T02:30:00+02:00"),
    (NEW_YORK, "2026-11-01T02:30:00", "2h ago", "2026-11-01T01:30:00-04:00"),
    (BERLIN, "2026-10-25T03:30:00", "02:30", "2026-10-25T02:30:00+02:00"),
    (NEW_YORK, "2026-11-01T02:30:00", "01:30", "2026-11-01T01:30:00-04:00"),
    # Spring forward: 90 minutes before 03:30 CEST is 01:00 CET.
    (BERLIN, "2026-03-29T03:30:00", "90m ago", "2026-03-29T01:00:00+01:00"),
    (NEW_YORK, "2026-03-08T03:30:00", "90m ago", "2026-03-08T01:00:00-05:00"),
])
def test_relative_times_across_dst(cli, zone, now, text, onset):
    cli.tz, cli.now = zone, now
    cli.ok("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    assert cli.entries()["cramps"][0]["onset"] == onset


# Every form of a clock time around both changes: the stored onset, or None when refused
# as skipped by the clocks going forward.
DST_FORMS = [
    # 01:30 on the night Berlin springs forward: today's 02:30 is still ahead, so HH:MM is
    # yesterday's; 02:30 "yesterday" existed; ISO without offset names the skipped time.
    (BERLIN, "2026-03-29T01:30:00", "02:30", "2026-03-28T02:30:00+01:00"),
    (BERLIN, "2026-03-29T01:30:00", "yesterday 02:30", "2026-03-28T02:30:00+01:00"),
    (BERLIN, "2026-03-29T01:30:00", "2026-03-29T02:30", None),
    (BERLIN, "2026-03-29T01:30:00", "-45m", "2026-03-29T00:45:00+01:00"),
    # After the gap, today's skipped 02:30 is an error, not silently yesterday's.
    (BERLIN, "2026-03-29T04:00:00", "02:30", None),
    (BERLIN, "2026-03-29T04:00:00", "03:10", "2026-03-29T03:10:00+02:00"),
    (BERLIN, "2026-03-29T04:00:00", "-45m", "2026-03-29T03:15:00+02:00"),
    (NEW_YORK, "2026-03-08T01:30:00", "02:30", "2026-03-07T02:30:00-05:00"),
    (NEW_YORK, "2026-03-08T04:00:00", "02:30", None),
    (NEW_YORK, "2026-03-08T04:00:00", "yesterday 02:30", "2026-03-07T02:30:00-05:00"),
    # In the hour that happens twice, a clock time is its earlier occurrence, and "-45m"
    # counts real minutes back across the change.
    (BERLIN, "2026-10-25T02:20:00+01:00", "02:40", "2026-10-25T02:40:00+02:00"),
    (BERLIN, "2026-10-25T02:20:00+01:00", "2026-10-25T02:40", "2026-10-25T02:40:00+02:00"),
    (BERLIN, "2026-10-25T02:20:00+01:00", "-45m", "2026-10-25T02:35:00+02:00"),
    (NEW_YORK, "2026-11-01T01:20:00-05:00", "01:40", "2026-11-01T01:40:00-04:00"),
    (NEW_YORK, "2026-11-01T01:20:00-05:00", "yesterday 01:40", "2026-10-31T01:40:00-04:00"),
]


@pytest.mark.parametrize("zone,now,text,onset", DST_FORMS, ids=[f"{z} {n} {t}" for z, n, t, _ in DST_FORMS])
def test_every_clock_form_across_dst_changes(cli, zone, now, text, onset):
    cli.tz, cli.now = zone, now
    result = cli("log", "cramp", "--at", text, "--leg", "left", "--duration", "60")
    if onset is None:
        assert result.code == 65, result.out
        assert "does not exist" in result.err
        assert not cli.db.exists() or cli.entries()["cramps"] == []
    else:
        assert result.code == 0, result.err
        assert cli.entries()["cramps"][0]["onset"] == onset


@pytest.mark.parametrize("zone", ZONES)
def test_legdiary_now_fixes_the_clock_and_its_offset_is_honoured(cli, zone):
    cli.tz = zone
    cli.now = "2026-11-21T06:30:00Z"
    cli.ok("log", "cramp", "--leg", "left", "--duration", "60")
    expected = {BERLIN: "2026-11-21T07:30:00+01:00", NEW_YORK: "2026-11-21T01:30:00-05:00"}[zone]
    assert cli.entries()["cramps"][0]["onset"] == expected

"""trial: randomised N-of-1 trials through the CLI (SPEC 7) — a whole trial lived day by day
under LEGDIARY_NOW across a DST change, `trial today` against an allocation re-derived here by
an independent MT19937-64, the interim and final status, the JSON, the calendar read back by
the `icalendar` package, stop, list, and refused plans that leave the diary as it was."""
from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from cli_support import snapshot
from mt19937_64 import MT19937_64, allocation

def test_the_reference_generator_is_mt19937_64() -> None:
    # The C++ standard's check: the 10000th output of a default-constructed std::mt19937_64.
    generator = MT19937_64(5489)
    for _ in range(9999):
        generator()
    assert generator() == 9981545732273789042


# K = 4 blocks of 2 × 5 nights, 1 washout night, 2 run-in nights, from Sat 20 March 2027: block 1's
# second period (27–31 March) holds the night the clocks go forward in Berlin (28 March).
SEED = 12345
START = dt.date(2027, 3, 20)
R, K, P, W = 2, 4, 5, 1
NIGHTS = R + 2 * K * P
END = START + dt.timedelta(days=NIGHTS - 1)


def schedule() -> list[dict]:
    """One row per night: phase, block, period, condition, day of period, washout."""
    rows = []
    orders = allocation(SEED, K)
    for i in range(NIGHTS):
        night = START + dt.timedelta(days=i)
        if i < R:
            rows.append({"night": night, "phase": "run-in", "condition": None})
            continue
        j = i - R
        block, period, day = j // (2 * P) + 1, (j % (2 * P)) // P + 1, j % P + 1
        rows.append({"night": night, "phase": "period", "block": block, "period": period, "day": day,
                     "condition": orders[block - 1][period - 1], "washout": day <= W})
    return rows


def cramps_of(row: dict) -> int:
    if row["condition"] is None:
        return 1
    if row["washout"]:
        return 3
    if row["condition"] == "A":
        return 2
    return row["day"] % 2  # B: 0 or 1


def at(day: dt.date, clock: str) -> str:
    return f"{day.isoformat()}T{clock}"


def expected_today(row: dict) -> str:
    if row["condition"] is None:
        index = (row["night"] - START).days + 1
        return f"Today: run-in, night {index} of {R}: live as usual"
    what = "wear your stockings" if row["condition"] == "B" else "no stockings"
    line = f"Today: {what} (day {row['day']} of {P}, period {row['condition']} of block {row['block']} of {K})."
    return line


def plan(cli, *extra: str):
    return cli("trial", "plan", "--exposure", "compression", "--run-in", str(R), "--blocks", str(K), "--period", str(P),
               "--washout", str(W), "--seed", str(SEED), *extra)


def test_a_whole_trial_day_by_day_across_dst(cli) -> None:
    rows = schedule()
    orders = allocation(SEED, K)
    assert "AB" in orders and "BA" in orders

    cli.now = at(START, "08:00:00")
    planned = plan(cli, "--name", "socks in spring")
    assert planned.code == 0, planned.err
    out = planned.out
    # The plan in words: run-in, blocks of two periods, washout, the last night, the weeks.
    assert "Trial 1 planned: compression" in out
    assert "Run-in: 2 nights" in out and "4 blocks" in out and "two periods of 5 nights" in out
    assert "The first night of each period is a washout" in out
    assert "Fri 30 Apr" in out and "42 nights, 6 weeks" in out
    # Fewer than 6 blocks: the smallest p is 2/16.
    assert "no result can reach p < 0.05" in out and "2/16" in out
    # Never the allocation, and what to do first: today is the run-in's first night.
    assert "AB" not in out and "BA" not in out and "stockings (day" not in out
    assert "First: Today: run-in, night 1 of 2" in out

    # The calendar: one all-day event per night with its instruction and an 08:00 alarm.
    import icalendar

    written = cli.ok("trial", "calendar", "-o", "trial.ics")
    assert "trial.ics" in written.err
    path = cli.folder / "trial.ics"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == NIGHTS
    berlin_offset = {True: dt.timedelta(hours=2), False: dt.timedelta(hours=1)}
    for event, row in zip(events, rows):
        night = row["night"]
        assert event["UID"] == f"trial-1-night-{night.isoformat()}@legdiary"
        assert event.decoded("DTSTART") == night
        assert event.decoded("DTEND") == night + dt.timedelta(days=1)
        summary = str(event["SUMMARY"])
        if row["condition"] is None:
            assert "run-in" in summary
        elif row["condition"] == "B":
            assert "wear your stockings" in summary
        else:
            assert "no stockings" in summary
        assert ("washout" in summary) == bool(row.get("washout"))
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        trigger = alarms[0].decoded("TRIGGER")
        summer = night >= dt.date(2027, 3, 28)
        expected = dt.datetime.combine(night, dt.time(8, 0)) - berlin_offset[summer]
        assert trigger.replace(tzinfo=None) == expected, (night, trigger)
    # Stable UIDs: written again, the same events.
    cli.ok("trial", "calendar", "-o", "again.ics", "--remind", "07:15")
    again = icalendar.Calendar.from_ical((cli.folder / "again.ics").read_bytes())
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]

    half = R + 2 * P * 2  # after block 2
    for index, row in enumerate(rows):
        night = row["night"]
        cli.now = at(night, "09:00:00")
        today = cli.ok("trial", "today")
        assert today.out.startswith(expected_today(row)), (night, today.out)
        if row["condition"] is not None:
            assert ("not counted" in today.out) == row["washout"]
            assert ("Tonight counts." in today.out) == (not row["washout"])
        else:
            assert "not counted" in today.out
        as_json = cli.ok("trial", "today", "--json").json()
        assert as_json["date"] == night.isoformat() and as_json["trial"] == 1
        assert as_json["condition"] == row["condition"]
        if row["condition"] is not None:
            assert as_json["block"] == row["block"] and as_json["day_of_period"] == row["day"]
            assert as_json["counted"] == (not row["washout"])

        cli.now = at(night, "21:00:00")
        socks = "8" if row["condition"] == "B" else "0"
        cli.ok("log", "day", "--day", night.isoformat(), "--socks", socks)
        morning = night + dt.timedelta(days=1)
        cli.now = at(morning, "08:00:00")
        for k in range(cramps_of(row)):
            cli.ok("log", "cramp", "--at", f"{morning.isoformat()} 0{4 + k}:30", "--leg", "left", "--duration", "60")
        cli.ok("log", "night", "--night", night.isoformat(), "--sleep-quality", "6")

        if index == half - 1:
            # The morning after block 2: an interim look, blocks 1 and 2 shown, not 3 and 4.
            status = cli.ok("trial", "status")
            assert "Trial 1: compression \u2014 running" in status.out
            assert "INTERIM" in status.out and "do not stop early because of this number" in status.out
            assert "Finished blocks:" in status.out
            lines = status.out.split("Finished blocks:")[1].split("Adherence")[0].splitlines()
            shown = [line.split()[0] for line in lines[2:] if line.strip()]
            assert shown == ["1", "2"], status.out
            assert "proves" not in status.out and "may well be chance" not in status.out
            interim = cli.ok("trial", "status", "--json").json()
            assert interim["result"]["interim"] is True

    cli.now = at(END + dt.timedelta(days=1), "09:00:00")
    assert cli.ok("trial", "today").out.startswith("No trial is running")
    status = cli.ok("trial", "status")
    assert "finished" in status.out and "INTERIM" not in status.out
    assert "proves" not in status.out
    assert "fewer cramps" in status.out and "may well be chance" in status.out  # p = 2/16
    assert "Per block:" in status.out
    result = cli.ok("trial", "status", "--json").json()
    assert set(result) >= {"trial", "schedule", "result"}
    trial = result["trial"]
    assert trial["id"] == 1 and trial["exposure"] == "compression" and trial["seed"] == str(SEED)
    assert trial["allocation"] == orders and trial["status"] == "finished"
    assert trial["start"] == START.isoformat() and trial["end"] == END.isoformat()
    assert trial["name"] == "socks in spring"
    assert [r["condition"] for r in result["schedule"]] == [row["condition"] for row in rows]
    assert [r["washout"] for r in result["schedule"]] == [bool(row.get("washout")) for row in rows]
    assert [r["cramps"] for r in result["schedule"]] == [cramps_of(row) for row in rows]
    numbers = result["result"]
    assert numbers["interim"] is False
    assert numbers["nights_a"] == numbers["nights_b"] == K * (P - W)
    assert numbers["cramps_a"] == 2 * K * (P - W)
    assert numbers["cramps_b"] == K * 2  # days 2..5: 0, 1, 0, 1
    assert numbers["rate_ratio"] == pytest.approx(0.25)
    assert numbers["p_value"] == pytest.approx(2 / 16)
    assert numbers["adherence"]["b"]["adherent"] == K * (P - W)

    listed = cli.ok("trial", "list")
    assert "compression" in listed.out and "2027-03-20" in listed.out and "2027-04-30" in listed.out
    assert "finished" in listed.out


def test_calendar_of_a_tag_trial_is_escaped_and_folded(cli) -> None:
    # The longest tag makes lines over 75 octets; the instructions hold commas and a line
    # break. Read back by `icalendar`, each event's text is exactly `trial today`'s.
    import icalendar

    tag = "compression-socks-and-magnesium-at-night"  # 40 characters, the most a tag may have
    assert len(tag) == 40
    cli.now = "2026-07-01T09:00:00"
    cli.ok("trial", "plan", "--exposure", f"tag:{tag}", "--run-in", "1", "--blocks", "2", "--period", "3",
           "--washout", "1", "--seed", "11")
    cli.ok("trial", "calendar", "-o", "tag.ics")
    raw = (cli.folder / "tag.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "no line was long enough to fold"
    assert b"\\," in raw and b"\\n" in raw  # a comma and a line break, escaped
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert len(events) == 1 + 2 * 2 * 3
    for event in events:
        night = event.decoded("DTSTART")
        cli.now = f"{night.isoformat()}T09:00:00"
        today = cli.ok("trial", "today").out.splitlines()[0]
        description = str(event["DESCRIPTION"])
        assert description.split("\n")[0] == today, (night, description, today)
        assert tag in str(event["SUMMARY"]) or "run-in" in str(event["SUMMARY"])
    assert str(icalendar.Calendar.from_ical(raw)["X-WR-CALNAME"]) == f"legdiary trial 1 (tag:{tag})"


def test_stop_and_list(cli) -> None:
    cli.now = "2026-07-01T09:00:00"
    cli.ok("trial", "plan", "--exposure", "tag:magnesium", "--seed", "18446744073709551615", "--run-in", "0")
    today = cli.ok("trial", "today").out
    assert "log the tag magnesium today" in today or "do not log the tag magnesium" in today
    seed = cli.ok("trial", "status", "--json").json()["trial"]["seed"]
    assert seed == "18446744073709551615"

    cli.now = "2026-07-15T10:00:00"
    before = cli.ok("trial", "status").out
    assert "INTERIM" in before
    stopped = cli.ok("trial", "stop", "--reason", "a heatwave")
    assert "stopped" in stopped.out
    status = cli.ok("trial", "status", "--json").json()
    assert status["trial"]["status"] == "stopped"
    assert status["trial"]["stopped"] == "2026-07-15" and status["trial"]["stop_reason"] == "a heatwave"
    assert all(not r["analysed"] for r in status["schedule"] if r["night"] >= "2026-07-15")
    words = cli.ok("trial", "status").out
    assert "stopped" in words and "INTERIM" not in words and "proves" not in words

    # Nothing left to stop: exit 65, the diary as it was.
    before_db = snapshot(cli.db)
    again = cli("trial", "stop", "--reason", "again")
    assert again.code == 65 and "trial" in again.err
    assert snapshot(cli.db) == before_db

    # A new trial after it, and both listed.
    cli.ok("trial", "plan", "--exposure", "compression", "--start", "2026-07-20")
    listed = cli.ok("trial", "list").out.splitlines()
    assert any("tag:magnesium" in line and "stopped" in line for line in listed)
    assert any("compression" in line and "planned" in line and "2026-07-20" in line for line in listed)
    assert "starts on" in cli.ok("trial", "today").out


def test_no_trial(cli) -> None:
    assert cli.ok("trial", "today").out.startswith("No trial is running")
    assert cli.ok("trial", "today", "--json").json()["trial"] is None
    assert "No trials yet" in cli.ok("trial", "list").out
    missing = cli("trial", "status")
    assert missing.code == 65 and "no trial" in missing.err
    missing = cli("trial", "status", "--id", "3")
    assert missing.code == 65 and 'id = "3"' in missing.err
    calendar = cli("trial", "calendar", "-o", "x.ics")
    assert calendar.code == 65 and not (cli.folder / "x.ics").exists()


@pytest.mark.parametrize(("args", "field", "rule"), [
    (["--blocks", "1"], "blocks", "must be 2..20"),
    (["--blocks", "21"], "blocks", "must be 2..20"),
    (["--period", "2"], "period_nights", "must be 3..28 nights"),
    (["--period", "29"], "period_nights", "must be 3..28 nights"),
    (["--run-in", "-1"], "run_in_nights", "must be 0..28 nights"),
    (["--run-in", "29"], "run_in_nights", "must be 0..28 nights"),
    (["--period", "5", "--washout", "5"], "washout_nights", "must be 0..4 nights"),
    (["--washout", "-1"], "washout_nights", "must be 0.."),
    (["--seed", "-1"], "seed", "must be a whole number in 0..18446744073709551615"),
    (["--seed", "18446744073709551616"], "seed", "must be a whole number in 0..18446744073709551615"),
    (["--seed", "1e3"], "seed", "must be a whole number"),
    (["--start", "2026-11-20"], "start", "must be today (2026-11-21) or later"),
    (["--start", "2026-02-30"], "start", ""),
    (["--exposure", "socks"], "exposure", "must be compression or tag:NAME"),
    (["--name", "x" * 2001], "name", "2000"),
])
def test_bad_plans_are_refused(cli, args, field, rule) -> None:
    cli.ok("init")
    before = snapshot(cli.db)
    command = ["trial", "plan"] + ([] if "--exposure" in args else ["--exposure", "compression"]) + args
    done = cli(*command)
    assert done.code == 65, done.err
    assert f'{field} = "' in done.err and rule in done.err, done.err
    assert snapshot(cli.db) == before


def test_overlapping_plan_is_refused(cli) -> None:
    cli.ok("trial", "plan", "--exposure", "compression", "--start", "2026-11-25")
    before = snapshot(cli.db)
    done = cli("trial", "plan", "--exposure", "tag:walk", "--start", "2026-12-01")
    assert done.code == 65 and 'start = "2026-12-01"' in done.err and "overlap" in done.err
    assert snapshot(cli.db) == before


def test_usage_errors(cli) -> None:
    assert cli("trial").code == 2
    assert cli("trial", "plan").code == 2  # --exposure is required
    assert cli("trial", "stop").code == 2  # --reason is required
    assert cli("trial", "calendar").code == 2  # -o is required
    bad = cli("trial", "calendar", "-o", "x.ics", "--remind", "8am")
    assert bad.code == 65 and 'remind = "8am"' in bad.err

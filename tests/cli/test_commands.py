"""Each command and option of SPEC 5 doing what a person expects."""
from __future__ import annotations

import filecmp
import json
import os
import stat

import pytest

from cli_support import BERLIN, NEW_YORK, ZONES, snapshot

COMMANDS = [["init"], ["log"], ["log", "cramp"], ["log", "night"], ["log", "day"], ["list"], ["delete"],
            ["delete", "cramp"], ["delete", "night"], ["delete", "day"], ["trends"], ["compare"], ["export"],
            ["import"], ["backup"], ["check"], ["report"]]


@pytest.mark.parametrize("command", [[]] + COMMANDS, ids=lambda c: " ".join(c) or "legdiary")
def test_help_on_every_command_with_examples(cli, command):
    result = cli.ok(*command, "--help")
    assert "Usage: legdiary" in result.out
    assert "Example" in result.out
    assert not cli.db.exists()


def test_version(cli):
    assert cli.ok("--version").out.startswith("legdiary ")


# --- where the diary lives ------------------------------------------------------------

def test_default_location_is_under_xdg_data_home_owner_only(cli):
    xdg = cli.folder / "xdg"
    cli.ok("log", "cramp", "--leg", "left", "--duration", "60", LEGDIARY_DB=None, XDG_DATA_HOME=str(xdg))
    path = xdg / "legdiary" / "diary.db"
    assert path.exists()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not cli.db.exists()


def test_default_location_without_xdg_is_under_home(cli):
    cli.ok("init", LEGDIARY_DB=None, XDG_DATA_HOME=None)
    assert (cli.folder / "home" / ".local" / "share" / "legdiary" / "diary.db").exists()


def test_db_option_overrides_legdiary_db(cli):
    other = cli.folder / "sub" / "other.db"
    cli.ok("--db", str(other), "log", "cramp", "--leg", "left", "--duration", "60")
    cli.ok("log", "cramp", "--db", str(other), "--leg", "right", "--duration", "60", "--at", "03:00")
    assert other.exists() and not cli.db.exists()
    assert stat.S_IMODE(os.stat(other.parent).st_mode) == 0o700


# --- init ----------------------------------------------------------------------------

def test_init_creates_and_reports_the_boundary(cli):
    result = cli.ok("init", "--night-boundary", "14")
    assert "created" in result.out and "14:00" in result.out
    again = cli.ok("init", "--night-boundary", "14")
    assert "already exists" in again.out
    assert cli.ok("init").out.startswith("diary already exists")


def test_the_night_boundary_decides_the_night(cli):
    cli.ok("init", "--night-boundary", "14")
    # 13:00 on Sat 21 Nov is before the 14:00 boundary: still the night of Fri 20 Nov.
    cli.now = "2026-11-21T13:30:00"
    assert "night of Fri 20 Nov" in cli.ok("log", "cramp", "--at", "13:00", "--leg", "left", "--duration", "60").out


def test_init_refuses_a_boundary_out_of_range(cli):
    result = cli("init", "--night-boundary", "24")
    assert result.code == 65 and "0..23" in result.err
    assert not cli.db.exists()


# --- log cramp -----------------------------------------------------------------------

@pytest.mark.parametrize("zone", ZONES)
def test_log_cramp_confirms_what_was_stored_and_the_night(cli, zone):
    cli.tz = zone
    result = cli.ok("log", "cramp", "--at", "02:41", "--duration", "90s", "--leg", "left", "--intensity", "7",
                    "--woke", "--note", "after a long walk")
    assert result.out == "cramp 02:41, 1 min 30 s, left calf, intensity 7, woke you \u2192 night of Fri 20 Nov (#1)\n"
    [episode] = cli.entries()["cramps"]
    assert episode == {"id": 1, "onset": episode["onset"], "duration_s": 90, "leg": "left", "muscle": "calf",
                       "intensity": 7, "woke": True, "notes": "after a long walk"}


def test_log_cramp_all_options(cli):
    cli.ok("log", "cramp", "-l", "both", "-m", "foot", "-d", "2m", "-i", "3", "--no-woke", "--at", "45m ago")
    [episode] = cli.entries()["cramps"]
    assert (episode["leg"], episode["muscle"], episode["duration_s"], episode["intensity"], episode["woke"]) == \
        ("both", "foot", 120, 3, False)
    cli.ok("log", "cramp", "-l", "right", "-d", "30")
    second = cli.entries()["cramps"][1]
    assert second["woke"] is None and second["intensity"] is None and second["muscle"] == "calf"


def test_an_evening_cramp_and_a_night_cramp_share_a_night(cli):
    assert "night of Fri 20 Nov" in cli.ok("log", "cramp", "--at", "yesterday 22:00", "-l", "left", "-d", "60").out
    assert "night of Fri 20 Nov" in cli.ok("log", "cramp", "--at", "02:30", "-l", "left", "-d", "60").out
    assert "night of Thu 19 Nov" in cli.ok("log", "cramp", "--at", "yesterday 11:00", "-l", "left", "-d", "60").out


def test_a_long_cramp_is_stored_with_a_warning(cli):
    result = cli.ok("log", "cramp", "--leg", "left", "--duration", "15m")
    assert "15 min" in result.out
    assert "warning" in result.err and "typing slip" in result.err and "delete cramp 1" in result.err
    assert cli.entries()["cramps"][0]["duration_s"] == 900
    assert "warning" not in cli.ok("log", "cramp", "--leg", "right", "--duration", "10m").err


def test_the_same_cramp_twice_is_stored_once(cli):
    args = ("log", "cramp", "--at", "02:41", "--leg", "left", "--duration", "60")
    cli.ok(*args)
    again = cli.ok(*args)
    assert "already in the diary as #1" in again.out
    assert len(cli.entries()["cramps"]) == 1


# --- log night -----------------------------------------------------------------------

@pytest.mark.parametrize("now", ["2026-11-21T07:30:00", "2026-11-21T14:00:00", "2026-11-21T23:30:00"])
def test_log_night_defaults_to_last_night(cli, now):
    cli.now = now
    result = cli.ok("log", "night")
    assert result.out.startswith("night of Fri 20 Nov checked in")
    assert "no cramps logged that night" in result.out
    assert cli.entries()["nights"] == [{"night": "2026-11-20", "bedtime": None, "waketime": None,
                                        "sleep_quality": None, "notes": None}]


@pytest.mark.parametrize("zone", ZONES)
def test_log_night_times_and_a_second_check_in_adds_to_the_first(cli, zone):
    cli.tz = zone
    offset = {BERLIN: "+01:00", NEW_YORK: "-05:00"}[zone]
    cli.ok("log", "cramp", "--at", "02:41", "--leg", "left", "--duration", "60")
    first = cli.ok("log", "night", "--bed", "22:50", "--wake", "07:05")
    assert "bed 22:50, up 07:05" in first.out and "1 cramp logged that night" in first.out
    second = cli.ok("log", "night", "--sleep-quality", "6", "--note", "restless")
    assert "updated" in second.out
    assert cli.entries()["nights"] == [{"night": "2026-11-20", "bedtime": "2026-11-20T22:50:00" + offset,
                                        "waketime": "2026-11-21T07:05:00" + offset, "sleep_quality": 6,
                                        "notes": "restless"}]
    cli.ok("log", "night", "--replace", "--sleep-quality", "4")
    assert cli.entries()["nights"][0]["bedtime"] is None


def test_log_night_for_an_earlier_night_reads_clock_times_as_that_nights(cli):
    cli.ok("log", "night", "--night", "2026-11-10", "--bed", "23:15", "--wake", "06:40", "-q", "7")
    record = cli.entries()["nights"][0]
    assert record["night"] == "2026-11-10"
    assert record["bedtime"] == "2026-11-10T23:15:00+01:00"
    assert record["waketime"] == "2026-11-11T06:40:00+01:00"


# --- log day -------------------------------------------------------------------------

def test_log_day_every_option(cli):
    result = cli.ok("log", "day", "--socks", "9.5", "--class", "20-30", "--length", "knee", "--swelling", "1",
                    "--ankle", "23.5,24", "--calf", "36.5,38", "--standing", "6", "--water", "1.5",
                    "--exercise", "30", "--elevation", "20", "--symptom", "heaviness=4", "--symptom", "aching=2",
                    "--skin-discoloration", "--no-ulcer", "--tag", "magnesium", "--tag", "long-flight",
                    "--note", "hot day")
    assert result.out.startswith("day Sat 21 Nov logged: socks 9.5 h (20-30 mmHg, knee), swelling 1/3")
    [day] = cli.entries()["days"]
    assert day == {
        "day": "2026-11-21", "compression_hours": 9.5, "compression_class": "20-30", "compression_length": "knee",
        "swelling_grade": 1, "ankle_left_cm": 23.5, "ankle_right_cm": 24.0, "calf_left_cm": 36.5,
        "calf_right_cm": 38.0, "standing_hours": 6.0, "water_l": 1.5, "exercise_min": 30, "elevation_min": 20,
        "heaviness": 4, "aching": 2, "throbbing": None, "burning": None, "itching": None, "restless_legs": None,
        "tingling": None, "swelling_feeling": None, "skin_discoloration": True, "ulcer": False,
        "tags": ["long-flight", "magnesium"], "notes": "hot day"}


def test_log_day_adds_to_the_days_log_unless_replaced(cli):
    cli.ok("log", "day", "--socks", "8", "--tag", "magnesium")
    updated = cli.ok("log", "day", "--swelling", "2", "--calf", ",38", "--tag", "walk,heat")
    assert "updated" in updated.out
    [day] = cli.entries()["days"]
    assert (day["compression_hours"], day["swelling_grade"], day["calf_left_cm"], day["calf_right_cm"]) == (8, 2, None, 38)
    assert day["tags"] == ["heat", "magnesium", "walk"]
    cli.ok("log", "day", "--replace", "--socks", "0")
    [day] = cli.entries()["days"]
    assert day["compression_hours"] == 0 and day["swelling_grade"] is None and day["tags"] == []


def test_log_day_for_another_date(cli):
    result = cli.ok("log", "day", "--day", "2026-11-19", "--socks", "0")
    assert "day Thu 19 Nov logged: no socks" in result.out
    assert cli.entries()["days"][0]["day"] == "2026-11-19"


# --- list and delete -----------------------------------------------------------------

def test_list_shows_tables_and_missing_nights(seeded):
    out = seeded.ok("list").out
    assert out.startswith("Nights Sat 7 Nov \u2013 Fri 20 Nov: 1 of 14 recorded, 2 cramps")
    assert "Cramps" in out and "Morning check-ins" in out and "Day logs" in out
    assert "Sat 21 Nov 02:41" in out and "1 min 30 s" in out and "magnesium" in out
    assert "Missing nights" in out and "Thu 19 Nov" in out


def test_list_json_has_the_spec_field_names(seeded):
    entries = seeded.ok("list", "--json").json()
    assert set(entries) == {"cramps", "nights", "days"}
    assert [c["onset"] for c in entries["cramps"]] == ["2026-11-20T23:10:00+01:00", "2026-11-21T02:41:00+01:00"]
    assert set(entries["cramps"][0]) == {"id", "onset", "duration_s", "leg", "muscle", "intensity", "woke", "notes"}
    assert set(entries["nights"][0]) == {"night", "bedtime", "waketime", "sleep_quality", "notes"}
    assert entries["days"][0]["day"] == "2026-11-20"


def test_list_range_options(seeded):
    assert seeded.ok("list", "--from", "2026-11-01", "--to", "2026-11-19", "--json").json() == \
        {"cramps": [], "nights": [], "days": []}
    entries = seeded.ok("list", "--from", "2026-11-20", "--to", "2026-11-20", "--json").json()
    assert len(entries["cramps"]) == 2 and len(entries["days"]) == 1


def test_list_in_the_evening_includes_todays_day_log(cli):
    cli.now = "2026-11-21T21:00:00"
    cli.ok("log", "day", "--socks", "9")
    assert cli.ok("list", "--json").json()["days"][0]["day"] == "2026-11-21"


def test_delete_each_kind(seeded):
    assert seeded.ok("delete", "cramp", "1").out.startswith("deleted cramp #1: Fri 20 Nov 23:10")
    seeded.ok("delete", "night", "2026-11-20")
    seeded.ok("delete", "day", "2026-11-20")
    entries = seeded.entries()
    assert [c["id"] for c in entries["cramps"]] == [2]
    assert entries["nights"] == [] and entries["days"] == []


# --- files ---------------------------------------------------------------------------

def test_import_export_round_trip(seeded, cli_factory=None):
    first = seeded.folder / "first"
    seeded.ok("export", "--format", "csv", "-o", str(first))
    for name in ("cramps.csv", "nights.csv", "days.csv"):
        assert stat.S_IMODE(os.stat(first / name).st_mode) == 0o600
    fresh = seeded.folder / "fresh.db"
    result = seeded.ok("--db", str(fresh), "import", *(str(first / n) for n in ("cramps.csv", "nights.csv", "days.csv")))
    assert "cramps.csv: cramps, 2 rows, 2 cramps added" in result.out
    again = seeded.ok("--db", str(fresh), "import", str(first / "cramps.csv"))
    assert "0 cramps added, 2 already in the diary" in again.out
    second = seeded.folder / "second"
    seeded.ok("--db", str(fresh), "export", "--format", "csv", "-o", str(second))
    for name in ("cramps.csv", "nights.csv", "days.csv"):
        assert filecmp.cmp(first / name, second / name, shallow=False), name
    original = seeded.entries()
    copied = seeded.ok("--db", str(fresh), "list", "--from", "2000-01-01", "--to", "2100-01-01", "--json").json()
    assert copied == original


def test_trials_travel_in_csv_and_json_but_not_fhir(seeded):
    # A stopped trial in the past (as imported) and one planned from the CLI, with the
    # largest seed: trials.csv round-trips byte for byte and the JSON export carries both.
    past = seeded.folder / "past.csv"
    past.write_text("trial,exposure,start,run_in_nights,blocks,period_nights,washout_nights,seed,name,created,"
                    "stopped,stop_reason\n"
                    "1,tag:magnesium,2026-01-05,0,2,3,0,7,\"Mg, evening\",2026-01-04T20:00:00Z,2026-01-08,itchy\n")
    assert "past.csv: trials, 1 row, 1 trial added" in seeded.ok("import", str(past)).out
    seeded.ok("trial", "plan", "--exposure", "compression", "--start", "2027-01-04", "--seed",
              "18446744073709551615", "--name", "stockings")
    first = seeded.folder / "first"
    result = seeded.ok("export", "--format", "csv", "-o", str(first))
    assert "trials.csv" in result.err
    assert stat.S_IMODE(os.stat(first / "trials.csv").st_mode) == 0o600
    rows = (first / "trials.csv").read_text().splitlines()
    assert rows[0] == ("trial,exposure,start,run_in_nights,blocks,period_nights,washout_nights,seed,name,"
                       "hypothesis,created,stopped,stop_reason")
    assert rows[1] == '1,tag:magnesium,2026-01-05,0,2,3,0,7,"Mg, evening",,2026-01-04T20:00:00Z,2026-01-08,itchy'
    assert rows[2].startswith("2,compression,2027-01-04,7,6,7,2,18446744073709551615,stockings,,")
    fresh = seeded.folder / "fresh.db"
    names = ("cramps.csv", "nights.csv", "days.csv", "trials.csv")
    result = seeded.ok("--db", str(fresh), "import", *(str(first / n) for n in names))
    assert "trials.csv: trials, 2 rows, 2 trials added" in result.out
    again = seeded.ok("--db", str(fresh), "import", str(first / "trials.csv"))
    assert "0 trials added, 2 already in the diary" in again.out
    second = seeded.folder / "second"
    seeded.ok("--db", str(fresh), "export", "--format", "csv", "-o", str(second))
    for name in names:
        assert filecmp.cmp(first / name, second / name, shallow=False), name

    exported = seeded.ok("export", "--format", "json").json()
    assert [t["id"] for t in exported["trials"]] == [1, 2]
    assert exported["trials"][0] == {
        "id": 1, "exposure": "tag:magnesium", "start": "2026-01-05", "run_in_nights": 0, "blocks": 2,
        "period_nights": 3, "washout_nights": 0, "seed": "7", "name": "Mg, evening", "hypothesis": None,
        "created": "2026-01-04T20:00:00Z", "stopped": "2026-01-08", "stop_reason": "itchy"}
    assert exported["trials"][1]["seed"] == "18446744073709551615"
    assert seeded.ok("--db", str(fresh), "export", "--format", "json").json() == exported
    status = seeded.ok("trial", "status", "--id", "2", "--json").json()["trial"]
    assert {k: v for k, v in status.items() if k not in ("allocation", "status", "end")} == exported["trials"][1]

    bundle = json.dumps(seeded.ok("export", "--format", "fhir").json())
    assert "magnesium" not in bundle and "18446744073709551615" not in bundle and "Mg, evening" not in bundle


def test_import_of_an_overlapping_trial_is_refused_and_writes_nothing(seeded):
    seeded.ok("trial", "plan", "--exposure", "compression", "--start", "2027-01-04", "--seed", "1")
    before = snapshot(seeded.db)
    bad = seeded.folder / "trials.csv"
    bad.write_text("trial,exposure,start,blocks,seed\n1,compression,2027-02-01,2,5\n2,compression,2030-01-01,21,5\n")
    result = seeded("import", str(bad))
    assert result.code == 65
    assert "line 2: start = \"2027-02-01\"" in result.err and "overlap trial 1's nights" in result.err
    assert "line 3: blocks = \"21\": must be 2..20" in result.err
    assert snapshot(seeded.db) == before


def test_import_goes_on_with_the_next_file_after_a_bad_one(seeded):
    good = seeded.folder / "good.csv"
    good.write_text("night,sleep_quality\n2026-11-18,5\n")
    bad = seeded.folder / "bad.csv"
    bad.write_text("night,sleep_quality\n2026-11-17,12\n")
    result = seeded("import", str(bad), str(good))
    assert result.code == 65
    assert "bad.csv: line 2" in result.err and "not imported" in result.err
    assert "good.csv: nights, 1 row, 1 check-in stored" in result.out
    assert [n["night"] for n in seeded.entries()["nights"]] == ["2026-11-18", "2026-11-20"]


def test_export_json_is_every_entry(seeded, tmp_path):
    printed = seeded.ok("export", "--format", "json").json()
    assert printed == {**seeded.entries(), "trials": []}
    target = tmp_path / "entries.json"
    seeded.ok("export", "--format", "json", "-o", str(target))
    assert json.loads(target.read_text()) == printed
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_backup_is_a_diary_with_the_same_data(seeded):
    copy = seeded.folder / "backups" / "copy.db"
    copy.parent.mkdir()
    result = seeded.ok("backup", str(copy))
    assert "backed up" in result.out
    assert snapshot(copy) == snapshot(seeded.db)
    assert seeded.ok("--db", str(copy), "check").out == "ok\n"
    assert seeded.ok("--db", str(copy), "list", "--json").json() == seeded.ok("list", "--json").json()


def test_check_reports_a_healthy_diary_as_ok(seeded):
    result = seeded.ok("check")
    assert result.out == "ok\n" and result.err == ""

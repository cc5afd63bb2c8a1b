"""Every exit code of SPEC 5, with the diary compared before and after each refused command."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from cli_support import snapshot

USAGE_ERRORS = [
    [],
    ["frob"],
    ["log"],
    ["log", "frob"],
    ["log", "cramp", "--duration", "60"],                      # --leg missing
    ["log", "cramp", "--leg", "left"],                         # --duration missing
    ["log", "cramp", "--leg", "left", "--duration", "60", "--woke", "--no-woke"],
    ["log", "cramp", "--leg", "left", "--duration", "60", "--bogus"],
    ["log", "cramp", "--leg", "left", "--duration", "60", "extra"],
    ["log", "day", "--ulcer", "--no-ulcer"],
    ["list", "--from"],
    ["delete"],
    ["delete", "cramp"],
    ["export", "--format", "xml"],
    ["export", "--format", "csv"],                             # needs -o FOLDER
    ["import"],
    ["backup"],
    ["compare"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda args: " ".join(args) or "nothing")
def test_usage_errors_exit_2_with_a_hint(seeded, args):
    before = snapshot(seeded.db)
    result = seeded(*args)
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.startswith("legdiary: ")
    if args[:1] != ["export"]:
        assert "--help" in result.err
    assert snapshot(seeded.db) == before


INVALID_DATA = [
    (["log", "cramp", "--leg", "middle", "--duration", "60"], ['leg = "middle": must be one of left, right, both']),
    (["log", "cramp", "--leg", "left", "--duration", "60", "--muscle", "neck"], ['muscle = "neck"']),
    (["log", "cramp", "--leg", "left", "--duration", "60", "--intensity", "11"], ['intensity = "11": must be 0..10']),
    (["log", "cramp", "--leg", "left", "--duration", "60", "--intensity", "7.5"], ['intensity = "7.5": must be a whole number']),
    (["log", "cramp", "--leg", "left", "--duration", "60", "--at", "2026-11-21 07:40"], ["onset", "future"]),
    (["log", "cramp", "--leg", "both", "--duration", "60", "--at", "02:41"], ["overlap"]),   # with the 02:41 left cramp
    (["log", "cramp", "--leg", "x", "--duration", "y", "--intensity", "z"],                 # every problem, one line each
     ['leg = "x"', 'duration_s = "y"', 'intensity = "z"']),
    (["log", "cramp", "--leg", "left", "--duration", "60", "--note", "x" * 2001], ["notes"]),
    (["log", "night", "--sleep-quality", "11"], ['sleep_quality = "11"']),
    (["log", "night", "--bed", "07:00", "--wake", "06:00"], ["waketime"]),
    (["log", "night", "--night", "2026-02-30"], ['night = "2026-02-30"']),
    (["log", "day", "--socks", "25"], ['compression_hours = "25"']),
    (["log", "day", "--socks", "nine"], ['compression_hours = "nine": must be a number']),
    (["log", "day", "--class", "10-15"], ['compression_class = "10-15"']),
    (["log", "day", "--length", "ankle"], ['compression_length = "ankle"']),
    (["log", "day", "--swelling", "4"], ['swelling_grade = "4"']),
    (["log", "day", "--calf", "36"], ['calf = "36"']),
    (["log", "day", "--calf", "36,90"], ['calf_right_cm = "90"']),
    (["log", "day", "--ankle", "5,24"], ['ankle_left_cm = "5"']),
    (["log", "day", "--water", "16"], ['water_l = "16"']),
    (["log", "day", "--exercise", "2000"], ['exercise_min = "2000"']),
    (["log", "day", "--symptom", "itchy=3"], ['symptom = "itchy"']),
    (["log", "day", "--symptom", "aching=11"], ['aching = "11"']),
    (["log", "day", "--symptom", "aching"], ['symptom = "aching": must be NAME=SCORE']),
    (["log", "day", "--tag", "Long Flight"], ['tags = "Long Flight"']),
    (["log", "day", "--socks", "x", "--swelling", "y"], ['compression_hours = "x"', 'swelling_grade = "y"']),
    (["delete", "cramp", "99"], ["99"]),
    (["delete", "cramp", "one"], ['id = "one": must be a whole number']),
    (["delete", "night", "2026-11-01"], ["2026-11-01"]),
    (["delete", "day", "2026-11-01"], ["2026-11-01"]),
    (["list", "--from", "2026-11-20", "--to", "2026-11-01"], ["from"]),
    (["list", "--from", "20/11/2026"], ['from = "20/11/2026"']),
    (["trends", "--compare", "socks"], ['exposure = "socks"']),
    (["trends", "--weeks", "0"], ['weeks = "0"']),
    (["compare", "tag:Bad Tag"], ["exposure"]),
    (["init", "--night-boundary", "6"], ['night_boundary_hour = "6"']),   # the diary exists with 12
    (["init", "--night-boundary", "noon"], ['night_boundary_hour = "noon"']),
    # Numbers too large for any integer get the field's own rule, not a crash or "out of range".
    (["log", "cramp", "--leg", "left", "--duration", "60", "--intensity", "12345678901234567890123"],
     ['intensity = "12345678901234567890123": must be 0..10']),
    (["log", "cramp", "--leg", "left", "--duration", "99999999999999999999s"],
     ['duration_s = "99999999999999999999s": must be 1..3600 seconds']),
    (["log", "day", "--exercise", "99999999999999999999", "--water", "1e400"],
     ['exercise_min = "99999999999999999999": must be 0..1440 minutes', 'water_l = "1e400": must be a number in 0..15 litres']),
    (["trends", "--weeks", "99999999999999999999"], ['weeks = "99999999999999999999": must be 1..']),
    (["trends", "--weeks", "1000000"], ['weeks = "1000000": must be 1..']),   # would begin before 1900
    (["delete", "cramp", "999"], ['id = "999": no cramp with this id']),
    (["delete", "cramp", "99999999999999999999"], ['id = "99999999999999999999": must be 1..']),
    (["delete", "night", "2026-11-01"], ['night = "2026-11-01": no check-in for this night']),
    (["delete", "day", "2026-11-01"], ['day = "2026-11-01": no day log for this day']),
    (["list", "--from", "2026-11-20", "--to", "2026-11-01"], ['to = "2026-11-01": must not be before from (2026-11-20)']),
    (["compare", "compression", "--from", "2026-11-20", "--to", "2026-11-01"],
     ['to = "2026-11-01": must not be before from (2026-11-20)']),
]


@pytest.mark.parametrize("args,messages", INVALID_DATA, ids=[" ".join(args)[:60] for args, _ in INVALID_DATA])
def test_invalid_data_exits_65_and_writes_nothing(seeded, args, messages):
    before = snapshot(seeded.db)
    result = seeded(*args)
    assert result.code == 65, result.err
    lines = result.err.strip().splitlines()
    assert all(line.startswith("legdiary: ") for line in lines)
    for message in messages:
        assert message in result.err
    if len(messages) > 1 and all(' = "' in message for message in messages):
        assert len(lines) == len(messages)  # one line per problem
    assert snapshot(seeded.db) == before


def test_a_bad_csv_file_is_refused_whole_with_each_bad_row(seeded):
    bad = seeded.folder / "bad.csv"
    bad.write_text("onset,duration_s,leg\n"
                   "2026-11-10T02:00:00+01:00,60,left\n"
                   "2026-11-11T02:00:00+01:00,0,left\n"
                   "2026-11-12T02:00:00+01:00,60,middle\n")
    before = snapshot(seeded.db)
    result = seeded("import", str(bad))
    assert result.code == 65
    assert "line 3" in result.err and "duration_s" in result.err
    assert "line 4" in result.err and "middle" in result.err
    assert snapshot(seeded.db) == before


def test_a_missing_import_file_exits_66(seeded):
    before = snapshot(seeded.db)
    result = seeded("import", str(seeded.folder / "nowhere.csv"))
    assert result.code == 66
    assert "nowhere.csv" in result.err
    assert snapshot(seeded.db) == before


REFUSED_BEFORE_OPENING = [
    (["list", "--from", "20/11/2026"], 65),
    (["list", "--to", "2026-13-01"], 65),
    (["trends", "--compare", "socks"], 65),
    (["trends", "--from", "2026-11-30", "--to", "2026-11-01"], 65),
    (["compare", "tag:Bad Tag"], 65),
    (["compare", "compression", "--to", "tomorrow"], 65),
    (["log", "cramp", "--leg", "middle", "--duration", "60"], 65),
    (["log", "day", "--socks", "25"], 65),
    (["import", "nowhere.csv", "nor-here.csv"], 66),
    (["import", "home"], 66),  # a folder, not a CSV file
]


@pytest.mark.parametrize("args,code", REFUSED_BEFORE_OPENING, ids=[" ".join(a) for a, _ in REFUSED_BEFORE_OPENING])
def test_a_refused_command_leaves_no_new_diary_behind(cli, args, code):
    result = cli(*args)
    assert result.code == code, result.err
    assert not cli.db.exists()
    assert not cli.db.parent.joinpath("diary.db-wal").exists()


@pytest.mark.parametrize("args", [["check"], ["backup", "copy.db"], ["export", "--format", "json"],
                                  ["delete", "cramp", "1"]])
def test_commands_on_a_missing_diary_exit_66_and_create_nothing(cli, args):
    result = cli(*args)
    assert result.code == 66, result.err
    assert "no diary" in result.err
    assert not cli.db.exists()
    assert not (cli.folder / "copy.db").exists()


def test_a_file_that_is_not_a_diary_exits_74_and_is_left_untouched(cli):
    other = cli.folder / "notes.txt"
    other.write_bytes(b"my shopping list\n" * 100)
    for args in (["list"], ["log", "cramp", "--leg", "left", "--duration", "60"], ["check"]):
        result = cli("--db", str(other), *args)
        assert result.code == 74, result.err
        assert "not a legdiary diary" in result.err
    assert other.read_bytes() == b"my shopping list\n" * 100


def test_another_applications_database_exits_74(cli, tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.executescript("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
    connection.close()
    before = other.read_bytes()
    result = cli("--db", str(other), "list")
    assert result.code == 74
    assert other.read_bytes() == before


def test_a_diary_that_cannot_be_created_exits_74(cli):
    blocker = cli.folder / "afile"
    blocker.write_text("x")
    result = cli("--db", str(blocker / "diary.db"), "log", "cramp", "--leg", "left", "--duration", "60")
    assert result.code == 74


def test_backup_never_overwrites_and_exits_74(seeded):
    target = seeded.folder / "existing.db"
    target.write_bytes(b"keep me")
    result = seeded("backup", str(target))
    assert result.code == 74
    assert "overwrite" in result.err
    assert target.read_bytes() == b"keep me"


def test_a_busy_diary_exits_75_and_writes_nothing(seeded):
    before = snapshot(seeded.db)
    # Another program holds the write lock (and writes nothing: it rolls back).
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        connection = sqlite3.connect(seeded.db, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(30)
        connection.execute("ROLLBACK")
        connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(10)
        started = time.monotonic()
        result = seeded("log", "cramp", "--at", "05:00", "--leg", "left", "--duration", "60")
        assert result.code == 75, result.err
        assert "busy" in result.err
        assert time.monotonic() - started >= 4  # it waited for the lock before giving up
    finally:
        release.set()
        holder.join()
    assert snapshot(seeded.db) == before


def test_errors_are_one_line_each_naming_field_value_and_rule(seeded):
    result = seeded("log", "day", "--socks", "25", "--swelling", "9", "--water", "20")
    assert result.code == 65
    lines = result.err.splitlines()
    assert len(lines) == 3
    for line, (field, value) in zip(lines, [("compression_hours", "25"), ("swelling_grade", "9"), ("water_l", "20")]):
        assert line.startswith(f'legdiary: {field} = "{value}": must be ')

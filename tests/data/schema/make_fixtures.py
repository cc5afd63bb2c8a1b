"""Writes the committed schema fixtures of this folder. Run once per schema version, then
commit the files; never rewrite an old one (files in the wild were written by the old code).

    python3 tests/data/schema/make_fixtures.py --cli build/examples/cli/legdiary v2

* `v1.db` — a diary of schema version 1 (the first), written by the `legdiary` command with a
  fixed clock and zone, holding every field of every kind of entry: each leg and muscle,
  nulls, booleans true/false/unknown, non-ASCII notes, tags, a travel offset, a DST night.
  Its night boundary is 18:00, not the default, so the rule written into the table is
  exercised too. `v1.expected.json` beside it is what `legdiary list --json` gave for it
  then, plus its night boundary hour: every value a later library must still read.
  (`diary_info.created_utc` holds the real time the file was made: SQLite's clock, not
  LEGDIARY_NOW.)
* `v2.db` — schema version 2 (randomised N-of-1 trials, SPEC 7): the same entries as `v1.db`,
  written the same way, plus two trials made with `legdiary trial plan` — one planned on
  2026-10-20, run from 2026-10-21 and stopped with a reason on 2026-11-03, one planned for
  2026-12-01 with the largest seed, 2^64 − 1 (stored as TEXT). `v2.expected.json` adds the
  `trials` table's rows as SQLite returned them.
* `newer.db` — `v1.db` with user_version raised to 99 and a table of a future version
  added, as a newer legdiary would leave it: must be refused and left untouched.
* `foreign.db` — another application's SQLite file (its own application_id, its own
  tables); `foreign-plain.db` — one with no application_id at all. Both refused, untouched.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-21T20:00:00+01:00"

CRAMPS = [
    ["--at", "2026-11-01T02:41:00+01:00", "--leg", "left", "--duration", "90s", "--intensity", "7", "--woke",
     "--note", "Wadenkrampf links — très douloureux 😖, 足がつった"],
    ["--at", "2026-11-01T05:10:30+01:00", "--leg", "right", "--muscle", "foot", "--duration", "1:05",
     "--no-woke"],
    ["--at", "2026-11-02T23:59:59+01:00", "--leg", "both", "--muscle", "toes", "--duration", "1", "--intensity", "0"],
    ["--at", "2026-11-04T03:00:00+05:30", "--leg", "left", "--muscle", "thigh", "--duration", "3600",
     "--intensity", "10", "--woke", "--note", "travel: Mumbai, offset +05:30"],
    ["--at", "2026-11-05T17:57:59+01:00", "--leg", "right", "--muscle", "hamstring", "--duration", "2m",
     "--note", "before the 18:00 boundary: the night before"],
    ["--at", "2026-11-05T18:00:00+01:00", "--leg", "right", "--muscle", "shin", "--duration", "45s"],
    ["--at", "2026-10-25T02:30:00+02:00", "--leg", "left", "--muscle", "other", "--duration", "30",
     "--note", "first 02:30 of the night the clocks went back"],
    ["--at", "2026-10-25T02:30:00+01:00", "--leg", "left", "--duration", "30", "--note", "second 02:30"],
    ["--at", "2026-11-06T01:00:00-12:00", "--leg", "right", "--duration", "600", "--note", "\"quoted\", comma; x"],
    ["--at", "2026-11-07T01:00:00+14:00", "--leg", "right", "--duration", "601", "--note",
     "two\nlines and a tab\there"],
]
NIGHTS = [
    ["--night", "2026-11-01", "--bed", "2026-11-01T22:50:00+01:00", "--wake", "2026-11-02T07:05:00+01:00",
     "--sleep-quality", "6", "--note", "Schlaf unruhig, ängstlich"],
    ["--night", "2026-11-02", "--sleep-quality", "0"],
    ["--night", "2026-11-03"],
    ["--night", "2026-11-04", "--bed", "2026-11-04T23:00:00+05:30", "--wake", "2026-11-05T06:00:00+01:00",
     "--sleep-quality", "10", "--note", "flew home"],
    ["--night", "2026-11-08", "--wake", "2026-11-09T06:30:00+01:00", "--note", "no cramps 🙂"],
]
DAYS = [
    ["--day", "2026-11-01", "--socks", "9.5", "--class", "20-30", "--length", "knee", "--swelling", "1",
     "--ankle", "22.5,23", "--calf", "36.5,37.25", "--standing", "6.5", "--water", "2.25", "--exercise", "30",
     "--elevation", "15", "--symptom", "heaviness=3", "--symptom", "aching=2", "--symptom", "throbbing=1",
     "--symptom", "burning=0", "--symptom", "itching=4", "--symptom", "restless_legs=5", "--symptom",
     "tingling=6", "--symptom", "swelling_feeling=7", "--skin-discoloration", "--no-ulcer",
     "--tag", "magnesium", "--tag", "long-flight,stairs_2", "--note", "Kompressionsstrümpfe Klasse II"],
    ["--day", "2026-11-02", "--socks", "0", "--no-skin-discoloration", "--ulcer", "--swelling", "3",
     "--calf", "34,38", "--class", "40-50", "--length", "pantyhose"],
    ["--day", "2026-11-03", "--tag", "x"],
    ["--day", "2026-11-04", "--socks", "24", "--class", "15-20", "--length", "thigh", "--swelling", "0",
     "--ankle", ",80", "--calf", "10,", "--standing", "0", "--water", "15", "--exercise", "1440",
     "--elevation", "0", "--symptom", "heaviness=10", "--note", "Ünïcödé ✓"],
    ["--day", "2026-11-05", "--class", "30-40", "--swelling", "2", "--water", "0"],
]


TRIALS = [
    ("2026-10-20T09:00:00+02:00",
     ["trial", "plan", "--exposure", "compression", "--start", "2026-10-21", "--run-in", "3", "--blocks", "3",
      "--period", "5", "--washout", "2", "--seed", "83", "--name", "Strümpfe — Versuch 1",
      "--hypothesis", "fewer cramps on stocking days"]),
    ("2026-11-03T08:30:00+01:00", ["trial", "stop", "--reason", "Urlaub; \"quoted\", zwei\nZeilen 🙂"]),
    (NOW, ["trial", "plan", "--exposure", "tag:magnesium", "--start", "2026-12-01", "--run-in", "0", "--blocks",
           "2", "--period", "3", "--washout", "0", "--seed", "18446744073709551615"]),
]


def run(cli: str, db: Path, *args: str, now: str = NOW) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": "Europe/Berlin",
           "LEGDIARY_NOW": now, "HOME": str(db.parent)}
    done = subprocess.run([cli, "--db", str(db), *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"legdiary {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def trial_rows(connection: sqlite3.Connection) -> list[dict[str, object]]:
    connection.row_factory = sqlite3.Row
    rows = [dict(row) for row in connection.execute("SELECT * FROM trials ORDER BY id")]
    connection.row_factory = None
    return rows


def expected_values(cli: str, db: Path, version: int) -> dict[str, object]:
    listing = json.loads(run(cli, db, "list", "--from", "2000-01-01", "--to", "2100-01-01", "--json"))
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == version, "the CLI writes another version"
    nights = {str(id_): night for id_, night in connection.execute("SELECT id, night FROM cramp ORDER BY id")}
    values = {"night_boundary_hour": 18, "schema_version": version, "cramp_nights": nights, "list": listing}
    if version >= 2:
        values["trials"] = trial_rows(connection)
    connection.close()
    return values


def make_version(cli: str, version: int) -> None:
    name = f"v{version}"
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / f"{name}.db"
        run(cli, db, "init", "--night-boundary", "18")
        for args in CRAMPS:
            run(cli, db, "log", "cramp", *args)
        for args in NIGHTS:
            run(cli, db, "log", "night", *args)
        for args in DAYS:
            run(cli, db, "log", "day", *args)
        if version >= 2:
            for now, args in TRIALS:
                run(cli, db, *args, now=now)
        expected = expected_values(cli, db, version)
        assert not Path(f"{db}-wal").exists(), "the diary was left with a WAL file"
        shutil.copyfile(db, HERE / f"{name}.db")
    (HERE / f"{name}.expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")


def make_refused() -> None:
    newer = HERE / "newer.db"
    newer.unlink(missing_ok=True)
    shutil.copyfile(HERE / "v1.db", newer)
    connection = sqlite3.connect(newer, isolation_level=None)
    connection.execute("CREATE TABLE medication (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
    connection.execute("INSERT INTO medication (name) VALUES ('magnesium citrate')")
    connection.execute("PRAGMA user_version = 99")
    connection.close()

    for name, application_id in (("foreign.db", 0x0F055112), ("foreign-plain.db", 0)):
        path = HERE / name
        path.unlink(missing_ok=True)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute("PRAGMA user_version = 3")
        connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO note (body) VALUES ('shopping: compression socks, magnesium')")
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("what", choices=["v1", "v2", "refused"],
                        help="the fixture of the CLI's schema version (vN), or only the refused files")
    args = parser.parse_args()
    if args.what != "refused":
        make_version(args.cli, int(args.what[1:]))
    make_refused()


if __name__ == "__main__":
    main()

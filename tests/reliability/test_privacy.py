"""Health data stays private: everything legdiary creates is owner-only even under a
permissive umask, and error messages do not carry stored entries' content."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import harness_common as common
from harness_common import cli_ok, run_cli

SECRET = "SECRET-Befund-Ünïcödé-4711"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run_with_umask(cli: str, db: Path | None, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = common.environment(db or Path("/nonexistent/diary.db"), **extra)
    if db is None:
        env.pop("LEGDIARY_DB")
    prefix = [cli, "--db", str(db)] if db else [cli]
    return subprocess.run(["sh", "-c", 'umask 000; exec "$@"', "sh", *prefix, *args], env=env,
                          capture_output=True, text=True, timeout=60)


def test_new_diary_folders_sidecars_and_outputs_are_owner_only(cli: str, tmp_path: Path) -> None:
    db = tmp_path / "made" / "by" / "legdiary" / "diary.db"
    # A notebook holding the diary open keeps the -wal and -shm files there to be looked at.
    done = run_with_umask(cli, db, "log", "cramp", "--at", "2026-11-20T02:41:00+01:00", "--leg", "left", "-d", "60",
                          "--note", SECRET)
    assert done.returncode == 0, done.stderr
    notebook = sqlite3.connect(db)
    notebook.execute("SELECT count(*) FROM cramp").fetchone()
    done = run_with_umask(cli, db, "log", "day", "--day", "2026-11-20", "--socks", "8")
    assert done.returncode == 0, done.stderr
    assert mode(db) == 0o600
    for folder in (db.parent, db.parent.parent, db.parent.parent.parent):
        assert mode(folder) == 0o700, folder
    for sidecar in ("-wal", "-shm"):
        assert mode(Path(f"{db}{sidecar}")) == 0o600, sidecar
    notebook.close()

    outputs = tmp_path / "outputs"
    outputs.mkdir()
    assert run_with_umask(cli, db, "backup", str(outputs / "backup.db")).returncode == 0
    assert run_with_umask(cli, db, "backup", str(outputs / "new" / "folder" / "backup.db")).returncode == 0
    assert run_with_umask(cli, db, "export", "--format", "csv", "-o", str(outputs / "csv")).returncode == 0
    assert run_with_umask(cli, db, "export", "--format", "json", "-o", str(outputs / "all.json")).returncode == 0
    assert run_with_umask(cli, db, "export", "--format", "fhir", "-o", str(outputs / "fhir.json")).returncode == 0
    report = run_with_umask(cli, db, "report", "--from", "2026-11-01", "--to", "2026-11-21",
                            "-o", str(outputs / "report.html"))
    assert report.returncode == 0, report.stderr
    for path in outputs.rglob("*"):
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) == 0o600, path
    assert {p.name for p in outputs.rglob("*") if p.is_file()} >= {
        "backup.db", "cramps.csv", "nights.csv", "days.csv", "all.json", "fhir.json", "report.html"}


def test_default_location_is_created_owner_only(cli: str, tmp_path: Path) -> None:
    data_home = tmp_path / "xdg"
    done = run_with_umask(cli, None, "log", "night", "--night", "2026-11-20", XDG_DATA_HOME=str(data_home))
    assert done.returncode == 0, done.stderr
    assert mode(data_home) == 0o700 and mode(data_home / "legdiary") == 0o700
    assert mode(data_home / "legdiary" / "diary.db") == 0o600


def test_errors_do_not_repeat_stored_entries(cli: str, tmp_path: Path) -> None:
    """Refusals name what the user typed, never another entry's notes (which could end up
    in a shared log or a bug report)."""
    db = tmp_path / "diary.db"
    cli_ok(cli, db, "log", "cramp", "--at", "2026-11-20T02:41:00+01:00", "--leg", "left", "-d", "300",
           "--note", SECRET)
    cli_ok(cli, db, "log", "night", "--night", "2026-11-19", "--note", SECRET)
    cli_ok(cli, db, "log", "day", "--day", "2026-11-19", "--note", SECRET, "--tag", "secret-tag")
    overlapping = tmp_path / "overlap.csv"
    overlapping.write_text("onset,duration_s,leg\n2026-11-20T02:42:00+01:00,60,both\n", encoding="utf-8")
    bad_rows = tmp_path / "bad.csv"
    bad_rows.write_text("day,notes\n2026-11-19,fine\n2026-02-30,x\n", encoding="utf-8")
    attempts = [
        ["log", "cramp", "--at", "2026-11-20T02:43:00+01:00", "--leg", "left", "-d", "60"],  # overlap
        ["log", "night", "--night", "2026-11-19", "--bed", "2026-11-20T07:00:00+01:00",
         "--wake", "2026-11-20T06:00:00+01:00"],  # wake before bed, after a stored note
        ["log", "day", "--day", "2026-11-19", "--socks", "25"],
        ["import", str(overlapping)], ["import", str(bad_rows)],
        ["delete", "cramp", "99"], ["backup", str(db)],
    ]
    for command in attempts:
        done = run_cli(cli, db, *command)
        assert done.returncode != 0, command
        assert SECRET not in done.stderr + done.stdout, f"{command[:2]} repeated a stored note: {done.stderr}"
        assert "secret-tag" not in done.stderr, command

    # A damaged file: the check names pages and rows, not their content.
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_schema SET sql = replace(sql, 'night TEXT NOT NULL', 'night TEXT') "
                       "WHERE name = 'cramp'")
    connection.commit()
    connection.close()
    done = run_cli(cli, db, "check")
    assert SECRET not in done.stdout + done.stderr

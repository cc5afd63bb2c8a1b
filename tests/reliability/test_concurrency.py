"""Several CLI loggers and a Python writer at once, readers computing trends in a loop and
backups taken meanwhile: no entry lost or doubled, no "database is locked", every backup a
consistent snapshot (concurrency_harness.py); and the documented restore (docs/reliability.md)."""
from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

import concurrency_harness
import harness_common as common
from crash_harness import log_cramp_command
from harness_common import cli_ok


def test_writers_readers_and_backups_at_once(cli: str, tmp_path: Path, full_run: bool) -> None:
    entries, python_entries, backups = (500, 500, 10) if full_run else (25, 60, 3)
    if common.python_package_problem():
        python_entries = 0  # the harness records why in figures.skipped
    figures = concurrency_harness.run(cli, tmp_path, cli_writers=4, entries=entries,
                                      python_entries=python_entries, backups=backups)
    assert figures.entries_stored == 4 * entries + python_entries
    assert figures.cli_trend_reads > 0 and figures.backups == backups
    if figures.skipped:
        pytest.skip("; ".join(figures.skipped) + " (the CLI part passed)")


def listing(cli: str, db: Path) -> object:
    return json.loads(cli_ok(cli, db, "list", "--from", "2000-01-01", "--to", "2100-01-01", "--json"))


def test_programs_creating_one_diary_at_once_all_succeed(cli: str, tmp_path: Path, full_run: bool) -> None:
    """Five loggers start together on a diary that does not exist yet. Each must log its
    cramp: no "the diary is busy" while another one switches the new file to WAL, and no
    "not a legdiary diary" from seeing the new tables before their application id."""
    rounds, programs = (300, 5) if full_run else (40, 5)
    for round_ in range(rounds):
        db = tmp_path / f"round-{round_}" / "diary.db"
        db.parent.mkdir()
        env = common.environment(db)
        started = [subprocess.Popen(log_cramp_command(cli, db, slot), env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for slot in range(programs)]
        results = [(program.wait(timeout=120), program.stderr.read() if program.stderr else "")
                   for program in started]
        for program in started:
            for stream in (program.stdout, program.stderr):
                if stream:
                    stream.close()
        failed = [f"exit {code}: {error.strip()}" for code, error in results if code != 0]
        assert not failed, f"round {round_}: " + "; ".join(failed)
        assert len(listing(cli, db)["cramps"]) == programs


def test_documented_restore_gives_back_the_backup(cli: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = home / ".local" / "share" / "legdiary" / "diary.db"
    for minute in range(10, 40, 3):
        cli_ok(cli, db, "log", "cramp", "--at", f"2026-11-20T02:{minute}:00+01:00", "--leg", "left", "-d", "60",
               "--note", "vor dem Backup ✓")
    cli_ok(cli, db, "log", "day", "--day", "2026-11-20", "--socks", "8", "--tag", "magnesium")
    backup = tmp_path / "backups" / "diary-2026-11.db"
    cli_ok(cli, db, "backup", str(backup))
    saved = listing(cli, backup)
    cli_ok(cli, db, "delete", "cramp", "1")
    cli_ok(cli, db, "log", "cramp", "--at", "2026-11-20T05:00:00+01:00", "--leg", "right", "-d", "60")

    # The restore of docs/reliability.md: check the backup, move the diary (and any -wal and
    # -shm beside it) aside, copy the backup back with legdiary itself.
    assert cli_ok(cli, backup, "check").strip() == "ok"
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{db}{suffix}")
        if old.exists():
            old.rename(f"{db}.before-restore{suffix}")
    cli_ok(cli, backup, "backup", str(db))

    assert listing(cli, db) == saved
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    assert cli_ok(cli, db, "check").strip() == "ok"
    cli_ok(cli, db, "log", "night", "--night", "2026-11-20")  # and it takes new entries

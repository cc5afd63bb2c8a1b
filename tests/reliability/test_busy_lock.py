"""A writer that cannot get the diary's write lock within the busy timeout fails cleanly
(exit 75 / BusyError) and writes nothing; a shorter lock is waited for; readers are never
held up by a writer (WAL)."""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import harness_common as common
from harness_common import cli_ok, run_cli


@contextmanager
def write_lock(db: Path, seconds: float | None = None) -> Iterator[None]:
    """Holds the diary's write lock from another connection (as another program would);
    released after `seconds` (by a timer), or at the end of the block."""
    holder = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO night (night, sleep_quality) VALUES ('2026-01-01', 1)")  # never committed
    release = threading.Timer(seconds, lambda: holder.execute("ROLLBACK")) if seconds is not None else None
    if release:
        release.start()
    try:
        yield
    finally:
        if release:
            release.join()
        else:
            holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def diary(cli: str, tmp_path: Path) -> Path:
    db = tmp_path / "diary.db"
    cli_ok(cli, db, "log", "cramp", "--at", "2026-11-20T02:41:00+01:00", "--leg", "left", "--duration", "90s")
    cli_ok(cli, db, "log", "day", "--day", "2026-11-20", "--socks", "8", "--tag", "magnesium")
    return db


def test_writers_give_up_after_the_busy_timeout_with_exit_75_and_write_nothing(cli: str, diary: Path,
                                                                              tmp_path: Path) -> None:
    csv = tmp_path / "cramps.csv"
    csv.write_text("onset,duration_s,leg\n2026-11-19T03:00:00+01:00,60,right\n", encoding="utf-8")
    before = common.contents(diary)
    commands = {"log cramp": ["log", "cramp", "--at", "2026-11-20T04:00:00+01:00", "--leg", "right", "-d", "60"],
                "log day": ["log", "day", "--day", "2026-11-19", "--socks", "0"],
                "import": ["import", str(csv)],
                "delete": ["delete", "day", "2026-11-20"]}
    results: dict[str, tuple[int, str, float]] = {}

    def attempt(name: str) -> None:
        began = time.perf_counter()
        done = run_cli(cli, diary, *commands[name])
        results[name] = (done.returncode, done.stderr, time.perf_counter() - began)

    with write_lock(diary):
        threads = [threading.Thread(target=attempt, args=(name,)) for name in commands]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for name, (code, err, seconds) in results.items():
        assert code == 75, f"{name}: exit {code}: {err}"
        assert "busy" in err and "try again" in err, f"{name}: {err}"
        assert "database is locked" not in err
        assert seconds >= 4.5, f"{name} gave up after {seconds:.1f} s, before the 5 s busy timeout"
    assert common.contents(diary) == before
    assert cli_ok(cli, diary, "check").strip() == "ok"


def test_a_writer_waits_for_a_lock_held_shorter_than_the_timeout(cli: str, diary: Path) -> None:
    with write_lock(diary, seconds=1.0):
        done = run_cli(cli, diary, "log", "cramp", "--at", "2026-11-20T04:00:00+01:00", "--leg", "right", "-d", "60")
    assert done.returncode == 0, done.stderr
    assert "2026-11-20T04:00:00+01:00" in common.stored_onsets(diary)


def test_readers_are_not_held_up_by_a_writer_holding_the_lock(cli: str, diary: Path, tmp_path: Path) -> None:
    # Opening an up-to-date diary used to take the write lock, so every reader waited 5 s
    # behind a long write (an import, a notebook's transaction) and then failed with 75.
    with write_lock(diary):
        for command in (["list", "--json"], ["trends", "--json"], ["check"], ["compare", "compression"],
                        ["export", "--format", "json", "-o", str(tmp_path / "all.json")],
                        ["backup", str(tmp_path / "copy.db")]):
            began = time.perf_counter()
            done = run_cli(cli, diary, *command)
            assert done.returncode == 0, f"{command[0]}: exit {done.returncode}: {done.stderr}"
            assert time.perf_counter() - began < 2.5, f"{command[0]} waited for the writer"
    assert len(common.stored_onsets(tmp_path / "copy.db")) == 1


def test_python_writer_gets_busy_error_and_writes_nothing(python_package: None, diary: Path) -> None:
    import datetime as dt

    import legdiary

    before = common.contents(diary)
    with legdiary.Diary(diary, busy_timeout_ms=300) as opened:
        with write_lock(diary):
            began = time.perf_counter()
            with pytest.raises(legdiary.BusyError):
                opened.log_cramp(onset=dt.datetime(2026, 11, 20, 4, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                                 duration=60, leg="right")
            assert 0.25 <= time.perf_counter() - began < 3
            assert opened.trends()["summary"]["cramps"] == 1  # reading goes on meanwhile
    assert common.contents(diary) == before

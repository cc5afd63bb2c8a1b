"""One diary shared by threads: several readers while one writer logs; the GIL is released
around database and analysis work, so the threads really overlap. Threads run in a
ThreadPoolExecutor and the test asks each future for its .result(), so an assertion that
fails inside a thread fails the test (a bare Thread would only print it)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import legdiary
from python_support import CET, fill


def test_readers_and_a_writer_share_one_diary(tmp_path: Path) -> None:
    diary = legdiary.Diary(tmp_path / "shared.db")
    fill(diary, nights=28)
    errors: list[BaseException] = []
    stop = threading.Event()
    reads = [0] * 4

    def writer() -> None:
        try:
            for i in range(60):
                onset = dt.datetime(2026, 10, 10, 0, 0, tzinfo=CET) + dt.timedelta(minutes=2 * i)
                diary.log_cramp(onset=onset, duration=60, leg="left")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            stop.set()

    def reader(k: int) -> None:
        try:
            while not stop.is_set() or reads[k] == 0:
                frame = diary.episodes()
                assert frame["onset_utc"].is_monotonic_increasing
                report = diary.trends()
                assert report["summary"]["cramps"] >= 18
                assert len(diary.cramps()) >= 18
                reads[k] += 1
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert all(count > 0 for count in reads)
    assert len(diary.cramps()) == 18 + 60
    assert diary.check() == []


def test_close_while_another_thread_queries(tmp_path: Path) -> None:
    diary = legdiary.Diary(tmp_path / "closing.db")
    fill(diary, nights=60)
    outcomes: list[str] = []

    def query() -> None:
        for _ in range(50):
            try:
                diary.trends()
                outcomes.append("ok")
            except ValueError as error:
                assert "closed" in str(error)
                outcomes.append("closed")
                return

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(query)
        time.sleep(0.01)
        diary.close()
        future.result(timeout=60)  # re-raises here whatever failed in the thread
    assert outcomes and outcomes[-1] in ("ok", "closed")


def test_an_assertion_that_fails_inside_a_thread_fails_the_test() -> None:
    """The pattern above really reports: a failed assert in the worker reaches pytest."""
    def failing() -> None:
        assert "closed" in "the diary is open"

    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(AssertionError):
        pool.submit(failing).result(timeout=10)


def test_the_gil_is_released_while_the_database_waits(tmp_path: Path) -> None:
    """A write waiting for another connection's lock must not hold the GIL: the main thread
    (pure Python) releases that lock while the write waits, and the write then succeeds. With
    the GIL held, the main thread could not run and the write would end in BusyError."""
    path = tmp_path / "gil.db"
    diary = legdiary.Diary(path, busy_timeout_ms=10_000)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    outcome: list[object] = []
    started = threading.Event()

    def write() -> None:
        started.set()
        try:
            outcome.append(diary.log_cramp(onset=dt.datetime(2026, 11, 1, 3, 0, tzinfo=CET), duration=60, leg="left"))
        except BaseException as error:  # noqa: BLE001
            outcome.append(error)

    thread = threading.Thread(target=write)
    thread.start()
    started.wait()
    time.sleep(0.3)  # the write is now waiting inside SQLite
    ticks = sum(1 for _ in range(100_000))  # Python runs meanwhile
    blocker.execute("ROLLBACK")
    blocker.close()
    thread.join(timeout=30)
    assert ticks == 100_000
    assert len(outcome) == 1 and isinstance(outcome[0], legdiary.AddResult), outcome
    assert len(diary.cramps()) == 1

"""Concurrency harness: several writers and readers on one diary at once.

* W CLI loggers (threads, each running `legdiary log cramp` N times one after another),
  all starting together on a diary that does not exist yet (so they race to create it);
* one Python writer (`python_writer.py`) logging P cramps and rewriting a day log;
* readers in a loop until the writers are done: `legdiary trends --json` (CLI) and a
  notebook-style Python reader (`python_reader.py`: `Diary.trends()` and `episodes()`);
  neither may ever see the number of cramps go down;
* `legdiary backup` taken again and again while all this runs.

Afterwards: every writer exited 0 every time (no "database is locked", no exit 75), every
entry is in the diary exactly once, the file is healthy, and every backup is a consistent
snapshot — healthy, owner-only, holding every entry acknowledged before it began, and for
each one-after-another writer a prefix of what that writer wrote.

    python3 tests/reliability/concurrency_harness.py --cli-writers 4 --entries 500 --python-entries 500
"""
from __future__ import annotations

import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import harness_common as common
from crash_harness import expect, log_cramp_command
from harness_common import run_cli, slot_onset


@dataclass
class Figures:
    cli_writers: int = 0
    python_writers: int = 0
    entries_written: int = 0
    entries_stored: int = 0
    day_log_rewrites: int = 0
    cli_trend_reads: int = 0
    python_trend_reads: int = 0
    backups: int = 0
    slowest_cli_log_seconds: float = 0.0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)


class Acks:
    """Acknowledged slots with the time they were acknowledged."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.at: dict[int, float] = {}
        self.first = threading.Event()

    def add(self, slot: int) -> None:
        with self.lock:
            self.at[slot] = time.monotonic()
        self.first.set()

    def before(self, moment: float) -> set[int]:
        with self.lock:
            return {slot for slot, when in self.at.items() if when < moment}


def run(cli: str, folder: Path, cli_writers: int, entries: int, python_entries: int, backups: int) -> Figures:
    figures = Figures(cli_writers=cli_writers)
    db = folder / "shared.db"
    env = common.python_environment(db)
    stop = folder / "stop"
    acks = Acks()
    failures: list[str] = []
    slowest = [0.0]
    python_slots = range(cli_writers * entries, cli_writers * entries + python_entries)
    day = "2024-06-01"
    if python_entries and (problem := common.python_package_problem()):
        figures.skipped.append(f"Python writer and reader: {problem}")
        python_entries = 0
    figures.python_writers = 1 if python_entries else 0
    start = time.perf_counter()

    def cli_logger(writer: int) -> None:
        for slot in range(writer * entries, (writer + 1) * entries):
            began = time.perf_counter()
            done = subprocess.run(log_cramp_command(cli, db, slot), env=env, capture_output=True, text=True)
            slowest[0] = max(slowest[0], time.perf_counter() - began)
            if done.returncode != 0:
                failures.append(f"CLI writer {writer}, entry {slot}: exit {done.returncode}: {done.stderr.strip()}")
                return
            acks.add(slot)

    writers = [threading.Thread(target=cli_logger, args=(w,)) for w in range(cli_writers)]
    python_writer = None
    python_lines: list[str] = []
    if python_entries:
        python_writer = subprocess.Popen(
            [sys.executable, str(common.PYTHON_WRITER), "--db", str(db), "--first-slot", str(python_slots.start),
             "--count", str(python_entries), "--day-every", "5", "--day", day],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def follow() -> None:
            assert python_writer is not None and python_writer.stdout is not None
            for line in python_writer.stdout:
                python_lines.append(line.strip())
                if line.startswith("cramp"):
                    acks.add(int(line.split()[1]))

        writers.append(threading.Thread(target=follow))
    for thread in writers:
        thread.start()

    acks.first.wait(timeout=60)
    trend_counts: list[int] = []

    def cli_reader() -> None:
        while not stop.exists():
            done = run_cli(cli, db, "trends", "--from", "2024-12-01", "--to", "2025-12-31", "--json")
            if done.returncode != 0:
                failures.append(f"CLI reader: exit {done.returncode}: {done.stderr.strip()}")
                return
            cramps = json.loads(done.stdout)["summary"]["cramps"]
            if trend_counts and cramps < trend_counts[-1]:
                failures.append(f"CLI reader: cramps went down from {trend_counts[-1]} to {cramps}")
            trend_counts.append(cramps)

    backup_files: list[tuple[Path, float]] = []

    def backer() -> None:
        for n in range(backups):
            target = folder / "backups" / f"backup-{n}.db"
            began = time.monotonic()
            done = run_cli(cli, db, "backup", str(target))
            if done.returncode != 0:
                failures.append(f"backup {n}: exit {done.returncode}: {done.stderr.strip()}")
                return
            backup_files.append((target, began))
            time.sleep(0.05)

    readers = [threading.Thread(target=cli_reader), threading.Thread(target=backer)]
    python_reader = None
    if python_entries:
        python_reader = subprocess.Popen([sys.executable, str(common.HERE / "python_reader.py"), "--db", str(db),
                                          "--stop-file", str(stop)], env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
    for thread in readers:
        thread.start()
    for thread in writers:
        thread.join()
    if python_writer is not None:
        python_writer.wait()
        error = python_writer.stderr.read() if python_writer.stderr else ""
        if python_writer.returncode != 0:
            failures.append(f"Python writer: exit {python_writer.returncode}: {error.strip()}")
    stop.touch()
    for thread in readers:
        thread.join()
    if python_reader is not None:
        out, err = python_reader.communicate(timeout=120)
        if python_reader.returncode != 0:
            failures.append(f"Python reader: exit {python_reader.returncode}: {err.strip()}")
        figures.python_trend_reads = out.count("round")
    figures.seconds = time.perf_counter() - start
    expect(not failures, "\n".join(failures))

    # Every entry, exactly once, in a healthy file.
    written = set(range(cli_writers * entries)) | set(python_slots[:python_entries])
    figures.entries_written = len(written)
    stored = common.stored_onsets(db)
    expect(stored == {slot_onset(slot) for slot in written},
           f"{len(written)} entries written, {len(stored)} stored; missing "
           f"{sorted({slot_onset(s) for s in written} - stored)[:5]}")
    expect(common.count(db, "SELECT count(*) FROM cramp") == len(written), "an entry is stored twice")
    figures.entries_stored = len(stored)
    expect(not common.integrity(db), f"integrity_check: {common.integrity(db)}")
    figures.day_log_rewrites = sum(line.startswith("day") for line in python_lines)
    figures.cli_trend_reads = len(trend_counts)
    figures.slowest_cli_log_seconds = round(slowest[0], 3)

    # Every backup is one consistent moment of the diary.
    onset_slot = {slot_onset(slot): slot for slot in written}
    for target, began in backup_files:
        expect(stat.S_IMODE(os.stat(target).st_mode) == 0o600, f"{target.name} is not owner-only")
        expect(not common.integrity(target), f"{target.name}: integrity_check: {common.integrity(target)}")
        slots = {onset_slot[onset] for onset in common.stored_onsets(target)}
        missing = acks.before(began) - slots
        expect(not missing, f"{target.name} lacks entries acknowledged before it began: {sorted(missing)[:5]}")
        for writer in range(cli_writers):
            mine = sorted(slot - writer * entries for slot in slots if writer * entries <= slot < (writer + 1) * entries)
            expect(mine == list(range(len(mine))), f"{target.name}: writer {writer}'s entries are not a prefix")
        if python_entries:
            from crash_harness import check_day_version
            check_day_version(target, day, None, target.name)
    figures.backups = len(backup_files)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli-writers", type=int, default=4)
    parser.add_argument("--entries", type=int, default=500, help="entries per CLI writer")
    parser.add_argument("--python-entries", type=int, default=500, help="entries of the Python writer (0: none)")
    parser.add_argument("--backups", type=int, default=10)
    parser.add_argument("--out", help="write the figures here as JSON too")
    args = parser.parse_args()
    cli = common.cli_binary()
    if not cli:
        parser.error("build legdiary_cli or set LEGDIARY_CLI")
    with tempfile.TemporaryDirectory(prefix="legdiary-concurrency-") as folder:
        figures = run(cli, Path(folder), args.cli_writers, args.entries, args.python_entries, args.backups)
    common.report_figures(asdict(figures) | {"seconds": round(figures.seconds, 1)}, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

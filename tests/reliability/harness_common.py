"""What the reliability harnesses share: finding the binaries, running the real `legdiary`
command, and reading a diary back with Python's own sqlite3 (independent of the library
under test) to check it.

The harnesses are plain scripts as well as pytest helpers: `python3 crash_harness.py
--help`, `python3 concurrency_harness.py --help`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT / "tests" / "support") not in sys.path:  # run as a script, not by pytest
    sys.path.insert(0, str(ROOT / "tests" / "support"))

from common_support import SANITIZER_VARIABLES, binary, cli_binary, cli_environment, table_rows  # noqa: E402,F401

PYTHON_WRITER = HERE / "python_writer.py"
PYTHON_IMPORTER = HERE / "python_importer.py"

ZONE = "Europe/Berlin"
# The diaries' clock: every entry the harnesses write lies before it.
NOW = "2026-11-21T07:30:00+01:00"
FULL_ENV = "LEGDIARY_FULL_RELIABILITY"


def full_run_requested() -> bool:
    return os.environ.get(FULL_ENV, "") not in ("", "0")


def generate_binary() -> str | None:
    return binary("LEGDIARY_GENERATE", "build/bench/legdiary-generate")


def python_package_problem() -> str | None:
    """Why the `legdiary` Python package cannot be used by a subprocess, or None."""
    done = subprocess.run([sys.executable, "-c", "import legdiary; legdiary.Diary"], capture_output=True,
                          text=True, timeout=60)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"the legdiary Python package is not importable ({last}); pip install --no-build-isolation ."
    return None


def environment(db: Path, **extra: str) -> dict[str, str]:
    # Python victims need to find `legdiary` where this process does.
    return cli_environment(db.parent, db, ZONE, NOW, extra=extra,
                           passed=("PYTHONPATH", "VIRTUAL_ENV", "PYENV_VERSION", "LD_LIBRARY_PATH",
                                   *SANITIZER_VARIABLES))


def report_figures(figures: dict[str, Any], out: str | None) -> None:
    """Prints a harness's figures as JSON, and writes them to `out` too when given."""
    text = json.dumps(figures, indent=2)
    print(text)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")


def python_environment(db: Path) -> dict[str, str]:
    """environment() for a Python victim: this folder on its path, before wherever the
    caller's `legdiary` package is (a PYTHONPATH of its own must not hide that)."""
    paths = [str(HERE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return environment(db, PYTHONPATH=os.pathsep.join(paths))


def run_cli(cli: str, db: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, "--db", str(db), *args], env=environment(db, **extra), capture_output=True,
                          text=True, timeout=timeout)


def cli_ok(cli: str, db: Path, *args: str, **extra: str) -> str:
    done = run_cli(cli, db, *args, **extra)
    if done.returncode != 0:
        raise AssertionError(f"legdiary {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


# Every harness entry is a cramp at its own minute, so it is identified by its onset alone
# and never overlaps another. Slot n is n * 3 minutes after the base, lasting 60 s.
BASE = dt.datetime(2025, 1, 1, 0, 0, 0)
OFFSET = "+01:00"


def slot_onset(slot: int) -> str:
    """ISO onset of entry `slot`, in the fixed +01:00 offset (no DST questions)."""
    return (BASE + dt.timedelta(minutes=3 * slot)).strftime("%Y-%m-%dT%H:%M:%S") + OFFSET


def connect(db: Path) -> sqlite3.Connection:
    # Read-write on purpose: after a crash the first reader may have to recover the WAL
    # index, which a read-only connection cannot do.
    connection = sqlite3.connect(str(db), timeout=30, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def integrity(db: Path) -> list[str]:
    """PRAGMA integrity_check and foreign_key_check, as Python's sqlite3 sees them."""
    connection = connect(db)
    try:
        lines = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = [line for line in lines if line != "ok"]
    problems += [f"foreign key: {row}" for row in keys]
    return problems


def stored_onsets(db: Path) -> set[str]:
    connection = connect(db)
    try:
        return {onset for (onset,) in connection.execute("SELECT onset FROM cramp")}
    finally:
        connection.close()


def count(db: Path, sql: str, *parameters: Any) -> int:
    connection = connect(db)
    try:
        return int(connection.execute(sql, parameters).fetchone()[0])
    finally:
        connection.close()


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, plus the identifying pragmas."""
    connection = connect(db)
    try:
        return table_rows(connection, pragmas=("user_version", "application_id"))
    finally:
        connection.close()

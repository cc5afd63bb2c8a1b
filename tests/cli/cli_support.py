"""What the tests of the `legdiary` command-line logger share (their fixtures are in
conftest.py; helpers live here, under a name of their own, so that test folders run
together never import another folder's helpers).

Every test runs the real binary (path in $LEGDIARY_CLI) as a subprocess against a diary in
its own temporary folder, with TZ and LEGDIARY_NOW set, so results do not depend on the
machine's zone or clock. Python's sqlite3 is used read-only, to snapshot a diary's
contents before and after a refused command.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
ZONES = [BERLIN, NEW_YORK]
# Saturday morning, 21 November 2026: "last night" is the night of Fri 20 Nov.
MORNING = "2026-11-21T07:30:00"


def missing_binary(reason: str) -> None:
    """Skips a test whose binary is not built — except under CI=true, where a missing
    binary fails it: a CI run that skipped every CLI test would pass having tested nothing."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing binary fails the run instead of skipping it)")
    pytest.skip(reason)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs `legdiary` with a diary of its own and a fixed zone and clock."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary = binary
        self.folder = folder
        self.db = folder / "diary.db"
        self.tz = BERLIN
        self.now: str | None = MORNING

    def env(self, **extra: str | None) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.folder / "home"),
               "LANG": "C.UTF-8", "TZ": self.tz, "LEGDIARY_DB": str(self.db)}
        if self.now is not None:
            env["LEGDIARY_NOW"] = self.now
        # The sanitizer settings reach the binary under test when it is an ASan build.
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                env[name] = os.environ[name]
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def __call__(self, *args: str, env: dict[str, str] | None = None, **extra: str | None) -> Result:
        done = subprocess.run([self.binary, *args], env=env or self.env(**extra), cwd=self.folder,
                              capture_output=True, text=True, timeout=60)
        return Result(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, **extra: str | None) -> Result:
        result = self(*args, **extra)
        assert result.code == 0, f"legdiary {' '.join(args)} failed ({result.code}): {result.err}"
        return result

    def entries(self, *args: str) -> dict[str, list[dict[str, Any]]]:
        return self.ok("list", "--from", "2000-01-01", "--to", "2100-01-01", "--json", *args).json()


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every row of every table of a diary, read-only; None when there is no file."""
    if not path.exists():
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        contents = {name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                    for name in tables}
        contents["pragma user_version"] = connection.execute("PRAGMA user_version").fetchall()
        return contents
    finally:
        connection.close()

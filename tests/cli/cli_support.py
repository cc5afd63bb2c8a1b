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
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# snapshot and missing_binary: the tests import them from here.
from common_support import cli_environment, missing_binary, snapshot  # noqa: F401

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
ZONES = [BERLIN, NEW_YORK]
# Saturday morning, 21 November 2026: "last night" is the night of Fri 20 Nov.
MORNING = "2026-11-21T07:30:00"


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
        return cli_environment(self.folder / "home", self.db, self.tz, self.now, extra=extra)

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


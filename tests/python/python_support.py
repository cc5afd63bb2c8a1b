"""What the Python package's tests share: time zones, an aware-datetime helper and a
diary filler. (Fixtures are in conftest.py, which also fixes the clock and the zone before
legdiary is imported; helpers live here, under a name of their own, so that test folders
run together never import another folder's helpers.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import legdiary

CET = dt.timezone(dt.timedelta(hours=1))
CEST = dt.timezone(dt.timedelta(hours=2))


def at(year: int, month: int, day: int, hour: int = 2, minute: int = 30, second: int = 0,
       tz: dt.tzinfo = CET) -> dt.datetime:
    """An aware datetime, CET by default."""
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=tz)


def fill(diary: legdiary.Diary, nights: int = 42, first: dt.date = dt.date(2026, 9, 7)) -> None:
    """A few weeks of varied entries: cramps on two of three nights, check-ins, day logs
    with compression on odd days and a tag every fourth day, a calf asymmetry once."""
    for i in range(nights):
        night = first + dt.timedelta(days=i)
        evening = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(3, 10), CET)
        if i % 3:
            diary.log_cramp(onset=evening, duration=45 + i, leg=("left", "right", "both")[i % 3],
                            muscle=legdiary.muscle_names[i % 7], intensity=i % 11,
                            woke=None if i % 5 == 0 else bool(i % 2))
        if i % 7 != 6:
            diary.log_night(night=night, sleep_quality=i % 11)
        diary.log_day(day=night, compression_hours=8.5 if i % 2 else 0.0,
                      swelling_grade=i % 4, calf_left_cm=36.0, calf_right_cm=39.5 if i == 10 else 36.5,
                      aching=i % 10, tags=["magnesium"] if i % 4 == 0 else [])


def jsonable(value: Any) -> Any:
    """A structure the package returns, as the CLI's `--json` prints it: dates as YYYY-MM-DD,
    aware UTC datetimes as YYYY-MM-DDTHH:MM:SSZ, a trial's `seed` as a decimal string."""
    if isinstance(value, dt.datetime):
        assert value.utcoffset() == dt.timedelta(0)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: str(item) if key == "seed" and isinstance(item, int) else jsonable(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


def cli() -> str | None:
    """The `legdiary` command the tests compare with: $LEGDIARY_CLI, else the one on PATH."""
    return os.environ.get("LEGDIARY_CLI") or shutil.which("legdiary")


def cli_json(path: Path, *args: str) -> Any:
    """`legdiary --db PATH ARGS…`'s JSON output; the test is skipped without the command."""
    command = cli()
    if command is None:
        pytest.skip("the legdiary command is not installed")
    done = subprocess.run([command, "--db", str(path), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

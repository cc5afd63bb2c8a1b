"""Shared fixtures. The clock and the local zone are fixed before legdiary is imported, so
"not in the future" checks and naive (local) datetimes behave the same on every machine."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["LEGDIARY_NOW"] = "2026-12-01T12:00:00+01:00"
os.environ["TZ"] = "Europe/Berlin"
time.tzset()

import legdiary  # noqa: E402


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[legdiary.Diary]:
    with legdiary.Diary(tmp_path / "diary.db") as opened:
        yield opened


@pytest.fixture
def local_zone() -> Iterator[object]:
    """Switch the process's local zone inside a test: ``local_zone("America/New_York")``."""
    saved = os.environ.get("TZ")

    def switch(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield switch
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()

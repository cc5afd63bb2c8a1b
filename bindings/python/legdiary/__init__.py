"""legdiary: a nightly leg-cramp and venous-symptom diary, for analysis notebooks.

>>> import legdiary, datetime as dt
>>> with legdiary.Diary(":memory:") as diary:
...     diary.log_cramp(onset=legdiary.parse_time("2026-11-20T02:41+01:00"), duration=90, leg="left")
...     frame = diary.episodes()

See docs/python.md for the full API.
"""

from __future__ import annotations

from ._errors import (
    BusyError,
    Error,
    FileNotFoundError,
    NotFoundError,
    ParseError,
    Problem,
    StorageError,
    ValidationError,
)
from ._core import (
    AddResult,
    CrampEpisode,
    DayLog,
    NightRecord,
    TrendTest,
    compression_class_names,
    compression_length_names,
    leg_names,
    min_trend_weeks,
    muscle_names,
    night_of,
    now,
    parse_date,
    parse_duration,
    parse_time,
    symptom_names,
)
from ._diary import Diary

from ._core import __version__ as __version__  # the VERSION file, compiled in

__all__ = [
    "AddResult",
    "BusyError",
    "CrampEpisode",
    "DayLog",
    "Diary",
    "Error",
    "FileNotFoundError",
    "NightRecord",
    "NotFoundError",
    "ParseError",
    "Problem",
    "StorageError",
    "TrendTest",
    "ValidationError",
    "compression_class_names",
    "compression_length_names",
    "leg_names",
    "min_trend_weeks",
    "muscle_names",
    "night_of",
    "now",
    "parse_date",
    "parse_duration",
    "parse_time",
    "symptom_names",
]

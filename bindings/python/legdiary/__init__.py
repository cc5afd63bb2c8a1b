"""legdiary: a nightly leg-cramp and venous-symptom diary, for analysis notebooks.

>>> import legdiary, datetime as dt
>>> with legdiary.Diary(":memory:") as diary:
...     diary.log_cramp(onset=legdiary.parse_time("2026-11-20T02:41+01:00"), duration=90, leg="left")
...     frame = diary.episodes()

See docs/python.md for the full API.
"""

from __future__ import annotations

import warnings
from typing import Any

from ._errors import (
    ArgumentTypeError,
    BusyError,
    Error,
    InputFileNotFoundError,
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
    pool,
    symptom_names,
)
from ._diary import Diary
from ._types import (
    Alert,
    Comparison,
    FactorRow,
    FactorScreen,
    LegCounts,
    MuscleCounts,
    NightlyRow,
    NightRange,
    SkippedFactor,
    Summary,
    Symptoms,
    Trend,
    TrendDirection,
    TrendReport,
    Trial,
    TrialAdherence,
    TrialAdherenceByCondition,
    TrialAdherenceCounts,
    TrialBlock,
    TrialCondition,
    TrialNight,
    TrialResult,
    TrialStatusName,
    TrialStatusReport,
    TrialToday,
    WeeklyRow,
)

from ._core import __version__ as __version__  # the VERSION file, compiled in

__all__ = [
    "AddResult",
    "Alert",
    "ArgumentTypeError",
    "BusyError",
    "Comparison",
    "CrampEpisode",
    "DayLog",
    "Diary",
    "Error",
    "FactorRow",
    "FactorScreen",
    "InputFileNotFoundError",
    "LegCounts",
    "MuscleCounts",
    "NightRange",
    "NightRecord",
    "NightlyRow",
    "NotFoundError",
    "ParseError",
    "Problem",
    "SkippedFactor",
    "StorageError",
    "Summary",
    "Symptoms",
    "Trend",
    "TrendDirection",
    "TrendReport",
    "TrendTest",
    "Trial",
    "TrialAdherence",
    "TrialAdherenceByCondition",
    "TrialAdherenceCounts",
    "TrialBlock",
    "TrialCondition",
    "TrialNight",
    "TrialResult",
    "TrialStatusName",
    "TrialStatusReport",
    "TrialToday",
    "ValidationError",
    "WeeklyRow",
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
    "pool",
    "symptom_names",
]


def __getattr__(name: str) -> Any:
    # The old name shadowed the builtin under `from legdiary import *`; it stays one release.
    if name == "FileNotFoundError":
        warnings.warn("legdiary.FileNotFoundError is deprecated: use legdiary.InputFileNotFoundError "
                      "(still a builtin FileNotFoundError)", DeprecationWarning, stacklevel=2)
        return InputFileNotFoundError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

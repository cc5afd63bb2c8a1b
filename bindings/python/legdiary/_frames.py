"""pandas frames over the numpy columns of ``_core.Diary.tables`` (which share the C++
buffers). Numeric and instant columns are handed to pandas without a copy; only columns
whose representation changes are computed (nullable masks, booleans, calendar dates)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core


def nullable_int(values: npt.NDArray[Any]) -> pd.arrays.IntegerArray:
    """A nullable integer column over ``values`` (shared, not copied); −1 means missing."""
    return pd.arrays.IntegerArray(values, values < 0)


def nullable_bool(values: npt.NDArray[np.int8]) -> pd.arrays.BooleanArray:
    """A nullable boolean column from 0/1/−1 values."""
    return pd.arrays.BooleanArray(values == 1, values < 0)


def categorical(codes: npt.NDArray[Any], names: tuple[str, ...]) -> pd.Categorical:
    """Names as a categorical from their indexes; −1 means missing."""
    return pd.Categorical.from_codes(codes, categories=list(names))


def episodes_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": columns["id"],
            "night": columns["night"],
            "onset_utc": columns["onset_utc"],
            "offset_minutes": columns["offset_minutes"],
            "duration_s": columns["duration_s"],
            "leg": categorical(columns["leg"], _core.leg_names),
            "muscle": categorical(columns["muscle"], _core.muscle_names),
            "intensity": nullable_int(columns["intensity"]),
            "woke": nullable_bool(columns["woke"]),
        },
        copy=False,
    )


def checkins_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"night": columns["night"], "sleep_quality": nullable_int(columns["sleep_quality"])},
        copy=False,
    )


_REAL_DAY_COLUMNS = (
    "compression_hours",
    "ankle_left_cm",
    "ankle_right_cm",
    "calf_left_cm",
    "calf_right_cm",
    "standing_hours",
    "water_l",
)


def days_frame(columns: dict[str, npt.NDArray[Any]], tags: dict[str, Any]) -> pd.DataFrame:
    data: dict[str, Any] = {"day": columns["day"]}
    data["compression_hours"] = columns["compression_hours"]
    data["compression_class"] = categorical(columns["compression_class"], _core.compression_class_names)
    data["compression_length"] = categorical(columns["compression_length"], _core.compression_length_names)
    data["swelling_grade"] = nullable_int(columns["swelling_grade"])
    for name in _REAL_DAY_COLUMNS[1:]:
        data[name] = columns[name]
    data["exercise_min"] = nullable_int(columns["exercise_min"])
    data["elevation_min"] = nullable_int(columns["elevation_min"])
    for name in _core.symptom_names:
        data[name] = nullable_int(columns[name])
    data["skin_discoloration"] = nullable_bool(columns["skin_discoloration"])
    data["ulcer"] = nullable_bool(columns["ulcer"])
    rows = len(columns["day"])
    for code, name in enumerate(tags["names"]):
        has_tag = np.zeros(rows, dtype=bool)
        has_tag[tags["row"][tags["code"] == code]] = True
        data[f"tag:{name}"] = has_tag
    return pd.DataFrame(data, copy=False)


def nightly_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "night": columns["night"],
            "recorded": columns["recorded"],
            "cramps": columns["cramps"],
            "cramp_seconds": columns["cramp_seconds"],
            "max_intensity": nullable_int(columns["max_intensity"]),
            "rolling7_cramps_per_week": columns["rolling7_cramps_per_week"],
        },
        copy=False,
    )


def weekly_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    return pd.DataFrame(dict(columns), copy=False)

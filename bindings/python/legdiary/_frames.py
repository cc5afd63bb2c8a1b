"""pandas frames over the numpy columns of ``_core.Diary.tables`` (which share the C++
buffers). Numeric and instant columns are handed to pandas without a copy; only columns
whose representation changes are computed (nullable masks, booleans, calendar dates)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._types import TrialNight


def nullable_int(values: npt.NDArray[Any]) -> pd.arrays.IntegerArray:
    """A nullable integer column over ``values`` (shared, not copied); −1 means missing."""
    return pd.arrays.IntegerArray(values, values < 0)


def nullable_bool(values: npt.NDArray[np.int8]) -> pd.arrays.BooleanArray:
    """A nullable boolean column from 0/1/−1 values."""
    return pd.arrays.BooleanArray(values == 1, values < 0)


def categorical(codes: npt.NDArray[Any], names: tuple[str, ...]) -> pd.Categorical:
    """Names as a categorical from their indexes; −1 means missing."""
    return pd.Categorical.from_codes(codes, categories=list(names))


def _field_column(kind: str, never_null: bool, values: npt.NDArray[Any], value_names: tuple[str, ...]) -> Any:
    """A field's column in its pandas form, by the field's kind (the field table's); a
    field that is never null keeps its plain numpy type."""
    if kind == "integer" and not never_null:
        return nullable_int(values)
    if kind == "boolean":
        return nullable_bool(values)
    if kind == "enumeration":
        return categorical(values, value_names)
    return values  # reals (NaN for none) and dates, shared as they are


def _field_columns(entry: str, columns: dict[str, npt.NDArray[Any]], data: dict[str, Any]) -> dict[str, Any]:
    """Every column of ``columns`` that is a field of ``entry`` ("cramp", "night", "day"),
    in the field table's order, added to ``data``."""
    for field in _core.fields[entry]:
        name = field["name"]
        if name in columns:
            data[name] = _field_column(field["kind"], not field["nullable"], columns[name], field["value_names"])
    return data


def episodes_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    data: dict[str, Any] = {name: columns[name] for name in ("id", "night", "onset_utc", "offset_minutes")}
    return pd.DataFrame(_field_columns("cramp", columns, data), copy=False)


def checkins_frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    return pd.DataFrame(_field_columns("night", columns, {}), copy=False)


def days_frame(columns: dict[str, npt.NDArray[Any]], tags: dict[str, Any]) -> pd.DataFrame:
    data = _field_columns("day", columns, {})
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


def trial_schedule_frame(rows: list[TrialNight]) -> pd.DataFrame:
    """A trial's schedule (``trial_status()["schedule"]``), one row per night."""
    def column(name: str) -> list[Any]:
        return [row[name] for row in rows]  # type: ignore[literal-required]

    return pd.DataFrame(
        {
            "night": np.array(column("night"), dtype="datetime64[D]"),
            "phase": pd.Categorical(column("phase"), categories=["run-in", "period"]),
            "block": pd.array(column("block"), dtype="Int8"),
            "period": pd.array(column("period"), dtype="Int8"),
            "condition": pd.Categorical(column("condition"), categories=["A", "B"]),
            "washout": np.array(column("washout"), dtype=bool),
            "recorded": np.array(column("recorded"), dtype=bool),
            "cramps": np.array(column("cramps"), dtype=np.int64),
            "adherence": pd.Categorical(column("adherence"), categories=["adherent", "not adherent", "unknown"]),
            "analysed": np.array(column("analysed"), dtype=bool),
        },
        copy=False,
    )

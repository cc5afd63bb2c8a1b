"""The pandas frames: dtypes, row counts, values equal to the C++ queries, and zero copy
from the library's buffers to numpy to pandas."""

from __future__ import annotations

import datetime as dt
import gc
import types

import numpy as np
import pandas as pd
import pytest

import legdiary
from legdiary import _frames
from python_support import fill

RANGE = (dt.date(2026, 9, 7), dt.date(2026, 10, 18))


@pytest.fixture
def filled(diary: legdiary.Diary) -> legdiary.Diary:
    fill(diary)
    return diary


def is_capsule(obj: object) -> bool:
    return type(obj).__name__ == "PyCapsule"


def test_table_arrays_own_their_buffers_through_capsules(filled: legdiary.Diary) -> None:
    tables = filled.tables(*RANGE)
    for part in ("episodes", "nights", "days"):
        for name, array in tables[part].items():
            assert isinstance(array, np.ndarray), name
            assert is_capsule(array.base), (part, name)
            assert not array.flags.owndata
    assert tables["episodes"]["onset_utc"].dtype == np.dtype("datetime64[ns]")
    assert tables["episodes"]["night"].dtype == np.dtype("datetime64[D]")
    assert tables["days"]["day"].dtype == np.dtype("datetime64[D]")
    assert is_capsule(tables["tags"]["row"].base) and tables["tags"]["names"] == ["magnesium"]


def test_tables_reads_only_the_parts_asked_for(filled: legdiary.Diary) -> None:
    everything = filled.tables(*RANGE)
    assert set(everything) == {"episodes", "nights", "days", "tags"}
    episodes = filled.tables(*RANGE, parts=["episodes"])
    assert set(episodes) == {"episodes"}
    for name, array in everything["episodes"].items():
        assert np.array_equal(episodes["episodes"][name], array), name
    assert set(filled.tables(*RANGE, parts=["nights"])) == {"nights"}
    days = filled.tables(*RANGE, parts=["days"])
    assert set(days) == {"days", "tags"}
    assert days["tags"]["names"] == everything["tags"]["names"]
    assert filled.tables(*RANGE, parts=[]) == {}
    with pytest.raises(ValueError, match="parts: 'cramps' is not a table"):
        filled.tables(*RANGE, parts=["cramps"])


def test_arrays_stay_valid_after_the_diary_and_tables_are_gone(filled: legdiary.Diary) -> None:
    onset = filled.tables(*RANGE)["episodes"]["onset_utc"]
    expected = [np.datetime64(e.onset.astimezone(dt.timezone.utc).replace(tzinfo=None), "ns")
                for e in filled.cramps(*RANGE)]
    filled.close()
    gc.collect()
    assert list(onset) == expected


def test_frames_share_the_library_buffers(filled: legdiary.Diary) -> None:
    columns = filled.tables(*RANGE)["episodes"]
    frame = _frames.episodes_frame(columns)
    for name in ("id", "onset_utc", "offset_minutes", "duration_s"):
        assert np.shares_memory(frame[name].to_numpy(), columns[name]), name
    assert np.shares_memory(frame["intensity"].array._data, columns["intensity"])  # type: ignore[attr-defined]
    days = filled.tables(*RANGE)
    day_frame = _frames.days_frame(days["days"], days["tags"])
    assert np.shares_memory(day_frame["compression_hours"].to_numpy(), days["days"]["compression_hours"])
    nightly = filled.nightly_columns(*RANGE)
    night_frame = _frames.nightly_frame(nightly)
    assert np.shares_memory(night_frame["cramps"].to_numpy(), nightly["cramps"])
    assert np.shares_memory(night_frame["rolling7_cramps_per_week"].to_numpy(), nightly["rolling7_cramps_per_week"])


def test_episodes_frame(filled: legdiary.Diary) -> None:
    frame = filled.episodes(*RANGE)
    episodes = filled.cramps(*RANGE)
    assert len(frame) == len(episodes) == 28
    assert dict(frame.dtypes.astype(str)) == {
        "id": "int64", "night": "datetime64[s]", "onset_utc": "datetime64[ns]", "offset_minutes": "int32",
        "duration_s": "int32", "leg": "category", "muscle": "category", "intensity": "Int8", "woke": "boolean"}
    assert list(frame["id"]) == [e.id for e in episodes]
    utc = [pd.Timestamp(e.onset).tz_convert("UTC").tz_localize(None) for e in episodes]
    assert list(frame["onset_utc"]) == utc
    assert list(frame["offset_minutes"]) == [e.onset.utcoffset() // dt.timedelta(minutes=1)  # type: ignore[operator]
                                             for e in episodes]
    local = frame["onset_utc"] + pd.to_timedelta(frame["offset_minutes"], unit="min")
    assert list(local) == [pd.Timestamp(e.onset.replace(tzinfo=None)) for e in episodes]
    assert list(frame["night"].dt.date) == [filled.night_of(e.onset) for e in episodes]
    assert list(frame["duration_s"]) == [e.duration_s for e in episodes]
    assert list(frame["leg"]) == [e.leg for e in episodes]
    assert list(frame["muscle"]) == [e.muscle for e in episodes]
    assert list(frame["intensity"].astype(object).where(frame["intensity"].notna(), None)) == [
        e.intensity for e in episodes]
    assert list(frame["woke"].astype(object).where(frame["woke"].notna(), None)) == [e.woke for e in episodes]
    assert list(frame["leg"].cat.categories) == list(legdiary.leg_names)


def test_days_frame(filled: legdiary.Diary) -> None:
    frame = filled.days(*RANGE)
    logs = filled.day_logs(*RANGE)
    assert len(frame) == len(logs) == 42
    dtypes = dict(frame.dtypes.astype(str))
    assert dtypes["day"] == "datetime64[s]" and dtypes["compression_hours"] == "float64"
    assert dtypes["compression_class"] == "category" and dtypes["swelling_grade"] == "Int8"
    assert dtypes["exercise_min"] == "Int16" and dtypes["aching"] == "Int8" and dtypes["ulcer"] == "boolean"
    assert dtypes["tag:magnesium"] == "bool"
    assert list(frame["day"].dt.date) == [log.day for log in logs]
    assert list(frame["compression_hours"]) == [log.compression_hours for log in logs]
    assert list(frame["aching"]) == [log.aching for log in logs]
    assert frame["ankle_left_cm"].isna().all()
    assert list(frame["tag:magnesium"]) == ["magnesium" in log.tags for log in logs]


def test_checkins_frame(filled: legdiary.Diary) -> None:
    frame = filled.checkins(*RANGE)
    records = filled.night_records(*RANGE)
    assert len(frame) == len(records) == 36
    assert list(frame["sleep_quality"]) == [r.sleep_quality for r in records]


def test_nightly_frame_equals_the_report(filled: legdiary.Diary) -> None:
    frame = filled.nightly(*RANGE)
    report = filled.trends(*RANGE)["nightly"]
    assert len(frame) == len(report) == 42
    assert dict(frame.dtypes.astype(str)) == {
        "night": "datetime64[s]", "recorded": "bool", "cramps": "int64", "cramp_seconds": "int64",
        "max_intensity": "Int8", "rolling7_cramps_per_week": "float64"}
    for row, expected in zip(frame.itertuples(index=False), report):
        assert row.night.date() == expected["night"]
        assert (bool(row.recorded), row.cramps, row.cramp_seconds) == (
            expected["recorded"], expected["cramps"], expected["cramp_seconds"])
        assert (None if pd.isna(row.max_intensity) else row.max_intensity) == expected["max_intensity"]
        rolling = row.rolling7_cramps_per_week
        assert (None if np.isnan(rolling) else rolling) == expected["rolling7_cramps_per_week"]


def test_weekly_frame_equals_the_report(filled: legdiary.Diary) -> None:
    frame = filled.weekly(*RANGE)
    report = filled.trends(*RANGE)["weekly"]
    assert len(frame) == len(report) == 6
    assert frame["start"].dtype == np.dtype("datetime64[s]")
    for row, expected in zip(frame.to_dict("records"), report):
        assert row["start"].date() == expected["start"]
        assert f"{row['iso_year']}-W{row['iso_week']:02d}" == expected["week"]
        for key in ("recorded_nights", "cramps", "cramp_free_nights", "compression_days"):
            assert row[key] == expected[key], key
        for key in ("cramps_per_week", "mean_intensity", "median_duration_s", "mean_swelling_grade",
                    "mean_compression_hours"):
            value = None if np.isnan(row[key]) else row[key]
            assert value == expected[key], key
        for item in legdiary.symptom_names:
            value = None if np.isnan(row[item]) else row[item]
            assert value == expected["symptoms"][item], item


def test_partial_and_empty_ranges(filled: legdiary.Diary) -> None:
    assert len(filled.episodes(dt.date(2026, 1, 1), dt.date(2026, 1, 31))) == 0
    assert list(filled.episodes(dt.date(2026, 1, 1), dt.date(2026, 1, 31)).columns) == list(
        filled.episodes().columns)
    assert len(filled.nightly(dt.date(2026, 1, 1), dt.date(2026, 1, 31))) == 31
    assert not filled.nightly(dt.date(2026, 1, 1), dt.date(2026, 1, 31))["recorded"].any()
    assert len(filled.episodes()) == len(filled.cramps())


def test_frame_methods_are_typed() -> None:
    for name in ("episodes", "checkins", "days", "nightly", "nights", "weekly"):
        method = getattr(legdiary.Diary, name)
        assert isinstance(method, types.FunctionType)
        assert method.__annotations__["return"] in ("pd.DataFrame", pd.DataFrame)

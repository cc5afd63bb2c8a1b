"""Property tests: any valid entry round-trips exactly; any invalid entry raises and writes
nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legdiary

NOW = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.timezone.utc)  # LEGDIARY_NOW in conftest

offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
local_times = st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2026, 11, 29))
onsets = st.builds(lambda local, tz: local.replace(microsecond=0, tzinfo=tz), local_times, offsets)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
notes = st.none() | texts | st.just("é" * 2000)
scale = st.none() | st.integers(0, 10)
tags = st.sets(st.from_regex(r"[a-z0-9_-]{1,40}", fullmatch=True), max_size=4)


def real(low: float, high: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(low, high, allow_nan=False)


cramps = st.fixed_dictionaries({
    "onset": onsets,
    "duration": st.integers(1, 3600) | st.integers(1, 3600).map(lambda s: dt.timedelta(seconds=s)),
    "leg": st.sampled_from(legdiary.leg_names),
    "muscle": st.sampled_from(legdiary.muscle_names),
    "intensity": scale,
    "woke": st.none() | st.booleans(),
    "notes": notes,
})

days: dict[str, st.SearchStrategy[Any]] = {
    "day": st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    "compression_hours": real(0, 24),
    "compression_class": st.none() | st.sampled_from(legdiary.compression_class_names),
    "compression_length": st.none() | st.sampled_from(legdiary.compression_length_names),
    "swelling_grade": st.none() | st.integers(0, 3),
    "ankle_left_cm": real(10, 80), "ankle_right_cm": real(10, 80),
    "calf_left_cm": real(10, 80), "calf_right_cm": real(10, 80),
    "standing_hours": real(0, 24), "water_l": real(0, 15),
    "exercise_min": st.none() | st.integers(0, 1440), "elevation_min": st.none() | st.integers(0, 1440),
    **{name: scale for name in legdiary.symptom_names},
    "skin_discoloration": st.none() | st.booleans(), "ulcer": st.none() | st.booleans(),
    "tags": tags, "notes": notes,
}
day_logs = st.fixed_dictionaries(days)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cramps)
def test_any_valid_cramp_round_trips(entry: dict[str, Any]) -> None:
    with legdiary.Diary(":memory:") as diary:
        episode = diary.cramp(diary.log_cramp(**entry).id)
        assert episode is not None
        assert episode.onset == entry["onset"]
        assert episode.onset.utcoffset() == entry["onset"].utcoffset()
        assert episode.onset.replace(tzinfo=None) == entry["onset"].replace(tzinfo=None)
        seconds = entry["duration"] if isinstance(entry["duration"], int) else entry["duration"].seconds
        assert episode.duration_s == seconds
        assert (episode.leg, episode.muscle, episode.intensity, episode.woke, episode.notes) == (
            entry["leg"], entry["muscle"], entry["intensity"], entry["woke"], entry["notes"])
        frame = diary.episodes()
        assert len(frame) == 1 and frame["duration_s"][0] == seconds


@SETTINGS
@given(day_logs)
def test_any_valid_day_log_round_trips(entry: dict[str, Any]) -> None:
    with legdiary.Diary(":memory:") as diary:
        returned = diary.log_day(**{**entry, "tags": sorted(entry["tags"])})
        log = diary.day(entry["day"])
        assert log is not None and log == returned
        for name, value in entry.items():
            assert getattr(log, name) == value, name


@SETTINGS
@given(st.dates(dt.date(1900, 1, 1), dt.date(2026, 11, 29)), st.none() | onsets, st.integers(0, 86_400 * 3),
       scale, notes)
def test_any_valid_night_round_trips(night: dt.date, bedtime: dt.datetime | None, sleep_s: int,
                                     quality: int | None, text: str | None) -> None:
    waketime = None if bedtime is None else bedtime + dt.timedelta(seconds=sleep_s + 1)
    with legdiary.Diary(":memory:") as diary:
        returned = diary.log_night(night=night, bedtime=bedtime, waketime=waketime, sleep_quality=quality,
                                   notes=text)
        record = diary.night(night)
        assert record is not None and record == returned
        assert (record.night, record.bedtime, record.waketime, record.sleep_quality, record.notes) == (
            night, bedtime, waketime, quality, text)


invalid_cramp_changes = st.one_of(
    st.fixed_dictionaries({"duration": st.integers(-10_000, 0) | st.integers(3601, 10**9)}),
    st.fixed_dictionaries({"intensity": st.integers(-1000, -1) | st.integers(11, 1000)}),
    st.fixed_dictionaries({"leg": texts.filter(lambda t: t not in legdiary.leg_names)}),
    st.fixed_dictionaries({"muscle": texts.filter(lambda t: t not in legdiary.muscle_names)}),
    st.fixed_dictionaries({"notes": st.text(min_size=2001, max_size=2100)}),
    st.fixed_dictionaries({"onset": st.datetimes(min_value=dt.datetime(2026, 12, 2), max_value=dt.datetime(9000, 1, 1),
                                                 timezones=st.just(dt.timezone.utc))}),
    st.fixed_dictionaries({"onset": st.integers(-24 * 60 + 1, 24 * 60 - 1).filter(lambda m: not -720 <= m <= 840).map(
        lambda m: dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(minutes=m))))}),
)


@SETTINGS
@given(cramps, invalid_cramp_changes)
def test_any_invalid_cramp_raises_and_writes_nothing(entry: dict[str, Any], change: dict[str, Any]) -> None:
    with legdiary.Diary(":memory:") as diary:
        diary.log_day(day=dt.date(2026, 1, 1), aching=2)
        before = (diary.cramps(), diary.day_logs(), diary.extent())
        try:
            diary.log_cramp(**{**entry, **change})
        except legdiary.ValidationError as error:
            assert error.field in {"onset", "duration_s", "intensity", "leg", "muscle", "notes"}
            assert error.problems and error.rule
        else:
            raise AssertionError("accepted an invalid cramp")
        assert (diary.cramps(), diary.day_logs(), diary.extent()) == before


invalid_day_changes = st.one_of(
    *[st.fixed_dictionaries({name: st.floats(high + 0.001, 1e9) | st.floats(-1e9, low - 0.001)})
      for name, low, high in [("compression_hours", 0, 24), ("calf_left_cm", 10, 80), ("water_l", 0, 15),
                              ("standing_hours", 0, 24)]],
    *[st.fixed_dictionaries({name: st.integers(11, 10**6) | st.integers(-10**6, -1)})
      for name in legdiary.symptom_names],
    st.fixed_dictionaries({"exercise_min": st.integers(1441, 10**6)}),
    st.fixed_dictionaries({"tags": st.lists(st.text(min_size=1, max_size=5).filter(
        lambda t: not all(c in "abcdefghijklmnopqrstuvwxyz0123456789_-" for c in t)), min_size=1, max_size=2)}),
)


@SETTINGS
@given(day_logs, invalid_day_changes)
def test_any_invalid_day_log_raises_and_writes_nothing(entry: dict[str, Any], change: dict[str, Any]) -> None:
    with legdiary.Diary(":memory:") as diary:
        diary.log_day(**{**entry, "tags": sorted(entry["tags"])})
        before = diary.day_logs()
        try:
            diary.log_day(**{**entry, "tags": sorted(entry["tags"]), **change})
        except legdiary.ValidationError as error:
            assert error.field in change
        else:
            raise AssertionError("accepted an invalid day log")
        assert diary.day_logs() == before

"""The type casters of bindings/python/src/casters.hpp: date, aware and naive datetime,
timedelta; wrong types raise TypeError, values out of range ValueError, never a crash."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

import legdiary
from python_support import CET, CEST, at


def test_aware_datetime_keeps_local_time_and_offset(diary: legdiary.Diary) -> None:
    onset = dt.datetime(2026, 11, 22, 2, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45)))
    stored = diary.cramp(diary.log_cramp(onset=onset, duration=60, leg="left").id)
    assert stored is not None
    assert stored.onset == onset
    assert stored.onset.utcoffset() == dt.timedelta(hours=5, minutes=45)
    assert stored.onset.replace(tzinfo=None) == onset.replace(tzinfo=None)


@pytest.mark.parametrize("minutes", [-12 * 60, -9 * 60 - 30, 0, 5 * 60 + 45, 14 * 60])
def test_offsets_at_the_limits_round_trip(diary: legdiary.Diary, minutes: int) -> None:
    onset = dt.datetime(2026, 10, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    stored = diary.cramp(diary.log_cramp(onset=onset, duration=60, leg="left").id)
    assert stored is not None and stored.onset.utcoffset() == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("minutes", [-12 * 60 - 1, 14 * 60 + 1, 23 * 60])
def test_offsets_out_of_range_are_refused_naming_the_argument(diary: legdiary.Diary, minutes: int) -> None:
    onset = dt.datetime(2026, 10, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_cramp(onset=onset, duration=60, leg="left")
    assert caught.value.field == "onset"
    assert "offset" in (caught.value.rule or "")
    assert diary.cramps() == []


def test_offset_with_seconds_is_a_value_error(diary: legdiary.Diary) -> None:
    onset = dt.datetime(2026, 10, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(minutes=60, seconds=30)))
    with pytest.raises(ValueError, match="whole number of minutes") as caught:
        diary.log_cramp(onset=onset, duration=60, leg="left")
    assert isinstance(caught.value, legdiary.ValidationError) and caught.value.field == "onset"


def test_zoneinfo_datetimes_use_their_offset_on_each_side_of_dst() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    diary = legdiary.Diary(":memory:")
    summer = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 3, 29, 4, 0, tzinfo=berlin), duration=60,
                                         leg="left").id)
    winter = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 3, 29, 1, 30, tzinfo=berlin), duration=60,
                                         leg="right").id)
    assert summer is not None and winter is not None
    assert summer.onset.utcoffset() == dt.timedelta(hours=2)
    assert winter.onset.utcoffset() == dt.timedelta(hours=1)
    # Ordering is by UTC, night assignment by local time: both belong to night 03-28.
    assert diary.night_of(summer.onset) == diary.night_of(winter.onset) == dt.date(2026, 3, 28)
    # The fold: 02:30 happens twice on 2026-10-25; fold=1 is the second (+01:00).
    second = dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=berlin)
    stored = diary.cramp(diary.log_cramp(onset=second, duration=60, leg="left").id)
    assert stored is not None and stored.onset.utcoffset() == dt.timedelta(hours=1)


def test_naive_datetime_is_local_time(diary: legdiary.Diary) -> None:
    winter = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 1, 10, 3, 0), duration=60, leg="left").id)
    summer = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 7, 10, 3, 0), duration=60, leg="left").id)
    assert winter is not None and summer is not None
    assert winter.onset == dt.datetime(2026, 1, 10, 3, 0, tzinfo=CET)
    assert summer.onset == dt.datetime(2026, 7, 10, 3, 0, tzinfo=CEST)


def test_naive_datetime_in_another_zone(diary: legdiary.Diary, local_zone) -> None:  # type: ignore[no-untyped-def]
    local_zone("America/New_York")
    stored = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 1, 10, 3, 0), duration=60, leg="left").id)
    assert stored is not None and stored.onset.utcoffset() == dt.timedelta(hours=-5)


def test_naive_time_in_the_dst_gap_is_refused_naming_the_argument(diary: legdiary.Diary) -> None:
    with pytest.raises(ValueError, match="does not exist") as caught:
        diary.log_cramp(onset=dt.datetime(2026, 3, 29, 2, 30), duration=60, leg="left")
    assert isinstance(caught.value, legdiary.ParseError)
    assert caught.value.field == "onset"
    with pytest.raises(legdiary.ParseError) as caught:
        diary.log_night(night=dt.date(2026, 3, 28), waketime=dt.datetime(2026, 3, 29, 2, 15))
    assert caught.value.field == "waketime"
    assert diary.cramps() == [] and diary.night_records() == []


def test_naive_time_on_the_dst_fold_takes_the_earlier_instant(diary: legdiary.Diary) -> None:
    stored = diary.cramp(diary.log_cramp(onset=dt.datetime(2026, 10, 25, 2, 30), duration=60, leg="left").id)
    assert stored is not None and stored.onset.utcoffset() == dt.timedelta(hours=2)


def test_sub_seconds_of_instants_are_dropped(diary: legdiary.Diary) -> None:
    stored = diary.cramp(diary.log_cramp(onset=at(2026, 11, 1, 3, 0, 5).replace(microsecond=999_999), duration=60,
                                         leg="left").id)
    assert stored is not None and stored.onset == at(2026, 11, 1, 3, 0, 5)


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(1970, 1, 1), dt.date(2026, 2, 28),
                                 dt.date(2028, 2, 29), dt.date(9999, 12, 31)])
def test_dates_round_trip_from_min_to_max(diary: legdiary.Diary, day: dt.date) -> None:
    diary.log_day(day=day, aching=3)
    log = diary.day(day)
    assert log is not None and log.day == day and type(log.day) is dt.date
    assert diary.extent() == (day, day)


@pytest.mark.parametrize("day", [dt.date.min, dt.date(1399, 12, 31)])
def test_dates_before_boost_calendar_are_value_errors(diary: legdiary.Diary, day: dt.date) -> None:
    with pytest.raises(ValueError, match="out of range"):
        diary.log_day(day=day)


def test_instant_years_are_checked(diary: legdiary.Diary) -> None:
    with pytest.raises(legdiary.ValidationError, match="1900..9999"):
        diary.log_cramp(onset=dt.datetime(1899, 12, 31, 23, 0, tzinfo=dt.timezone.utc), duration=60, leg="left")
    with pytest.raises(ValueError):
        diary.log_cramp(onset=dt.datetime.min.replace(tzinfo=dt.timezone.utc), duration=60, leg="left")
    with pytest.raises(legdiary.ValidationError, match="future"):
        diary.log_cramp(onset=dt.datetime.max.replace(tzinfo=dt.timezone.utc), duration=60, leg="left")


@pytest.mark.parametrize("value", ["2026-11-01", 20261101, dt.datetime(2026, 11, 1), None, 1.5])
def test_wrong_type_for_a_date_is_a_type_error(diary: legdiary.Diary, value: object) -> None:
    with pytest.raises(TypeError):
        diary.log_day(day=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2026-11-01T02:00+01:00", dt.date(2026, 11, 1), 1_700_000_000, None])
def test_wrong_type_for_an_instant_is_a_type_error(diary: legdiary.Diary, value: object) -> None:
    with pytest.raises(TypeError):
        diary.log_cramp(onset=value, duration=60, leg="left")  # type: ignore[arg-type]


def test_durations_as_timedelta_or_seconds(diary: legdiary.Diary) -> None:
    a = diary.cramp(diary.log_cramp(onset=at(2026, 11, 1), duration=dt.timedelta(minutes=1, seconds=30),
                                    leg="left").id)
    b = diary.cramp(diary.log_cramp(onset=at(2026, 11, 2), duration=90, leg="left").id)
    assert a is not None and b is not None
    assert a.duration_s == b.duration_s == 90
    assert a.duration == dt.timedelta(seconds=90)


@pytest.mark.parametrize("value, error", [
    (dt.timedelta(seconds=1.5), ValueError),
    (dt.timedelta(days=-1), ValueError),
    (dt.timedelta(days=999_999_999), ValueError),
    (2**70, ValueError),
    (90.0, TypeError),
    ("90s", TypeError),
    (True, TypeError),
])
def test_bad_durations(diary: legdiary.Diary, value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        diary.log_cramp(onset=at(2026, 11, 1), duration=value, leg="left")  # type: ignore[arg-type]
    assert diary.cramps() == []


def test_parse_duration_returns_whole_second_timedeltas() -> None:
    assert legdiary.parse_duration("1m30s") == dt.timedelta(seconds=90)
    assert legdiary.parse_duration("1:30") == dt.timedelta(seconds=90)
    assert legdiary.parse_duration("2h") == dt.timedelta(hours=2)
    with pytest.raises(legdiary.ParseError) as caught:
        legdiary.parse_duration("soon")
    assert caught.value.field == "duration" and caught.value.value == "soon"


def test_parse_time_forms() -> None:
    now = dt.datetime(2026, 11, 22, 7, 0, tzinfo=CET)
    assert legdiary.parse_time("2026-11-22T02:30:00+01:00") == at(2026, 11, 22, 2, 30)
    assert legdiary.parse_time("02:30", now=now) == at(2026, 11, 22, 2, 30)
    assert legdiary.parse_time("yesterday 23:15", now=now) == at(2026, 11, 21, 23, 15)
    assert legdiary.parse_time("45m ago", now=now) == at(2026, 11, 22, 6, 15)
    assert legdiary.parse_time("now", now=now) == now
    # Without `now`: the clock, here LEGDIARY_NOW.
    assert legdiary.parse_time("now") == dt.datetime(2026, 12, 1, 12, 0, tzinfo=CET)
    assert legdiary.now() == dt.datetime(2026, 12, 1, 12, 0, tzinfo=CET)
    assert legdiary.parse_time("now").tzinfo is not None
    with pytest.raises(legdiary.ParseError):
        legdiary.parse_time("teatime")
    with pytest.raises(TypeError):
        legdiary.parse_time(12)  # type: ignore[arg-type]


def test_parse_date_and_night_of() -> None:
    assert legdiary.parse_date("2026-11-21") == dt.date(2026, 11, 21)
    with pytest.raises(legdiary.ParseError):
        legdiary.parse_date("2026-02-30")
    assert legdiary.night_of(at(2026, 11, 22, 2, 30)) == dt.date(2026, 11, 21)
    assert legdiary.night_of(at(2026, 11, 21, 22, 0)) == dt.date(2026, 11, 21)
    assert legdiary.night_of(at(2026, 11, 22, 2, 30), boundary_hour=0) == dt.date(2026, 11, 22)


def test_output_datetimes_are_aware_with_fixed_offsets(diary: legdiary.Diary) -> None:
    diary.log_night(night=dt.date(2026, 11, 20), bedtime=at(2026, 11, 20, 22, 45),
                    waketime=dt.datetime(2026, 11, 21, 6, 0, tzinfo=dt.timezone.utc))
    record = diary.night(dt.date(2026, 11, 20))
    assert record is not None and record.bedtime is not None and record.waketime is not None
    assert record.bedtime.utcoffset() == dt.timedelta(hours=1)
    assert record.waketime.tzinfo is dt.timezone.utc
    assert diary.now_utc() == dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, 2**70])
def test_integers_beyond_int_are_value_errors_naming_the_field(diary: legdiary.Diary, value: int) -> None:
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_cramp(onset=at(2026, 11, 1), duration=60, leg="left", intensity=value)
    assert (caught.value.field, caught.value.value) == ("intensity", str(value))
    with pytest.raises(ValueError) as caught_day:
        diary.log_day(day=dt.date(2026, 11, 1), aching=value)
    assert isinstance(caught_day.value, legdiary.ValidationError) and caught_day.value.field == "aching"
    assert diary.extent() is None


@pytest.mark.parametrize("value", [True, 5.0, "5"])
def test_bools_floats_and_text_are_not_integers(diary: legdiary.Diary, value: object) -> None:
    with pytest.raises(TypeError):
        diary.log_cramp(onset=at(2026, 11, 1), duration=60, leg="left", intensity=value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        diary.log_night(night=dt.date(2026, 11, 1), sleep_quality=value)  # type: ignore[arg-type]


def test_numpy_scalars_from_frames_are_accepted(diary: legdiary.Diary) -> None:
    import numpy as np

    added = diary.log_cramp(onset=at(2026, 11, 1), duration=np.int32(60), leg="left",  # type: ignore[arg-type]
                            intensity=np.int8(4))  # type: ignore[arg-type]
    diary.log_day(day=dt.date(2026, 11, 1), compression_hours=np.float64(7.5), swelling_grade=np.int64(2),
                  exercise_min=np.int16(30))  # type: ignore[arg-type]
    episode, log = diary.cramp(added.id), diary.day(dt.date(2026, 11, 1))
    assert episode is not None and (episode.duration_s, episode.intensity) == (60, 4)
    assert log is not None and (log.compression_hours, log.swelling_grade, log.exercise_min) == (7.5, 2, 30)

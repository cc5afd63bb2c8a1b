"""One name per thing: the nightly frame is ``nightly()`` (``nights()`` is deprecated), the
input-file error does not shadow the builtin, wrong argument types name the argument, the
report's keys are the typed ones, and ``import legdiary`` leaves pandas alone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, get_type_hints

import pytest

import legdiary
from python_support import CET, fill


def test_nightly_is_the_twin_of_weekly_and_nights_warns(diary: legdiary.Diary) -> None:
    fill(diary, nights=14)
    frame = diary.nightly()
    with pytest.warns(DeprecationWarning, match=r"nightly\(\)"):
        old = diary.nights()
    assert old.equals(frame)
    assert list(frame["night"].dt.date) == [row["night"] for row in diary.trends()["nightly"]]


def test_the_input_file_error_keeps_its_old_name_for_one_release(tmp_path: Path, diary: legdiary.Diary) -> None:
    with pytest.warns(DeprecationWarning, match="InputFileNotFoundError"):
        old = legdiary.FileNotFoundError
    assert old is legdiary.InputFileNotFoundError
    with pytest.raises(FileNotFoundError) as caught:  # the builtin, as before
        diary.import_csv(tmp_path / "nowhere.csv")
    assert isinstance(caught.value, legdiary.InputFileNotFoundError)
    assert isinstance(caught.value, legdiary.Error)
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec("from legdiary import *", namespace)
    assert "FileNotFoundError" not in namespace and "InputFileNotFoundError" in namespace
    with pytest.raises(AttributeError):
        legdiary.NoSuchName  # type: ignore[attr-defined]  # noqa: B018


def test_import_legdiary_does_not_import_pandas_until_a_frame_is_asked_for(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import legdiary\n"
        "assert 'pandas' not in sys.modules, 'import legdiary imported pandas'\n"
        "diary = legdiary.Diary(':memory:')\n"
        "diary.log_cramp(onset=legdiary.parse_time('2026-11-20T02:41+01:00'), duration=90, leg='left')\n"
        "diary.trends()\n"
        "assert 'pandas' not in sys.modules, 'logging or trends imported pandas'\n"
        "frame = diary.episodes()\n"
        "assert 'pandas' in sys.modules and len(frame) == 1\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "LEGDIARY_NOW": "2026-12-01T12:00:00+01:00"}, check=False)
    assert done.returncode == 0, done.stderr


ONSET = dt.datetime(2026, 11, 19, 23, 10, tzinfo=CET)


@pytest.mark.parametrize(("call", "message"), [
    (lambda d: d.log_cramp(onset=ONSET, duration="abc", leg="left"),
     'duration = "abc": must be a number of seconds (an int) or a datetime.timedelta, not str'),
    (lambda d: d.log_cramp(onset=ONSET, duration=90.0, leg="left"),
     'duration = "90.0": must be a number of seconds (an int) or a datetime.timedelta, not float'),
    (lambda d: d.log_cramp(onset="02:30", duration=60, leg="left"),
     'onset = "02:30": must be a datetime.datetime'),
    (lambda d: d.log_cramp(onset=ONSET, duration=60, leg=None), 'leg = "None": must be a str, not None'),
    (lambda d: d.log_night(night=dt.datetime(2026, 11, 18, 23, 0)),
     'night = "datetime.datetime(2026, 11, 18, 23, 0)": must be a datetime.date, not datetime.datetime'),
    (lambda d: d.log_day(day=dt.date(2026, 11, 18), compression_hours="9.5"),
     'compression_hours = "9.5": must be a number (a float or an int), not str'),
    (lambda d: d.log_day(day=dt.date(2026, 11, 18), tags="magnesium"), 'tags = "magnesium": must be a list of str'),
    (lambda d: d.delete_cramp("1 OR 1=1"), 'id = "1 OR 1=1": must be a whole number (an int), not str'),
    (lambda d: d.cramps(start="2026-11-01"), 'start = "2026-11-01": must be a datetime.date, not str'),
])
def test_a_wrong_argument_type_is_refused_naming_the_argument(
        diary: legdiary.Diary, call: Any, message: str) -> None:
    with pytest.raises(legdiary.ArgumentTypeError) as caught:
        call(diary)
    assert message in str(caught.value)
    field = message.split(" = ")[0]
    assert caught.value.field == field
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, legdiary.ValidationError)
    assert diary.extent() is None


def test_the_report_has_exactly_the_typed_keys(diary: legdiary.Diary) -> None:
    fill(diary, nights=35)
    report = diary.trends()

    def keys(cls: type) -> tuple[set[str], set[str]]:
        return set(cls.__required_keys__), set(cls.__optional_keys__)  # type: ignore[attr-defined]

    assert set(report) == set(get_type_hints(legdiary.TrendReport))
    assert set(report["range"]) == {"from", "to"}
    for value, cls in [(report["summary"], legdiary.Summary), (report["trend"], legdiary.Trend),
                       (report["nightly"][0], legdiary.NightlyRow), (report["weekly"][0], legdiary.WeeklyRow),
                       (report["weekly"][0]["symptoms"], legdiary.Symptoms), (report["by_leg"], legdiary.LegCounts),
                       (report["by_muscle"], legdiary.MuscleCounts)]:
        required, optional = keys(cls)
        assert required <= set(value) <= required | optional, cls.__name__
    for comparison in [*report["comparisons"].values(), diary.compare("compression")]:
        required, optional = keys(legdiary.Comparison)
        assert required <= set(comparison) <= required | optional
    assert report["alerts"], "fill() logs a calf asymmetry"
    for alert in report["alerts"]:
        required, optional = keys(legdiary.Alert)
        assert required <= set(alert) <= required | optional
        assert isinstance(alert["day"], dt.date)
    assert len(report["by_hour"]) == 24

"""import_csv / export_csv through the library's csv layer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import legdiary
from python_support import fill


def test_export_import_export_gives_identical_files(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary, nights=20)
    # A planned trial travels too (its plan: trials.csv), with the largest seed and a comma in its name.
    diary.plan_trial("tag:magnesium", start=dt.date.today() + dt.timedelta(days=3), run_in_nights=0, blocks=2,
                     period_nights=3, washout_nights=0, seed=2**64 - 1, name="Mg, evening")
    first = tmp_path / "first"
    diary.export_csv(first)
    assert sorted(p.name for p in first.iterdir()) == ["cramps.csv", "days.csv", "nights.csv", "trials.csv"]
    with legdiary.Diary(tmp_path / "copy.db") as copy:
        results = {name: copy.import_csv(first / f"{name}.csv") for name in ("cramps", "nights", "days", "trials")}
        assert results["trials"].kind == "trials" and results["trials"].trials_added == 1
        assert copy.trials() == diary.trials()
        assert "trials_added=1" in repr(results["trials"])
        again_trials = copy.import_csv(first / "trials.csv")
        assert again_trials.trials_added == 0 and again_trials.trials_already_present == 1
        assert results["cramps"].kind == "cramps" and results["cramps"].cramps_added == len(diary.cramps())
        assert results["nights"].nights_put == len(diary.night_records())
        assert results["days"].days_put == results["days"].rows == 20
        assert "CsvImportResult(kind='days'" in repr(results["days"])
        again = copy.import_csv(first / "cramps.csv")
        assert again.cramps_added == 0 and again.cramps_already_present == len(diary.cramps())
        second = tmp_path / "second"
        copy.export_csv(second)
    for name in ("cramps.csv", "nights.csv", "days.csv", "trials.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_bad_file_is_refused_whole_with_every_problem(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary, nights=3)
    before = (diary.cramps(), diary.night_records(), diary.day_logs())
    bad = tmp_path / "cramps.csv"
    bad.write_text("onset,duration_s,leg\n"
                   "2026-11-01T02:00:00+01:00,60,left\n"
                   "2026-11-02T02:00:00+01:00,0,left\n"
                   "2026-11-03T02:00:00+01:00,60,middle\n")
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.import_csv(bad)
    problems = caught.value.problems
    assert [(p["line"], p["field"]) for p in problems] == [(3, "duration_s"), (4, "leg")]
    assert caught.value.field == "duration_s"
    assert (diary.cramps(), diary.night_records(), diary.day_logs()) == before


def test_malformed_and_missing_files(diary: legdiary.Diary, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text('night,sleep_quality\n2026-11-01,"5\n')
    with pytest.raises(legdiary.ParseError):
        diary.import_csv(broken)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("night,colour\n2026-11-01,red\n")
    with pytest.raises(legdiary.ValidationError):
        diary.import_csv(unknown)
    with pytest.raises(legdiary.InputFileNotFoundError) as caught:
        diary.import_csv(tmp_path / "nowhere.csv")
    assert isinstance(caught.value, FileNotFoundError)
    assert diary.extent() is None
    with pytest.raises(TypeError):
        diary.import_csv(42)  # type: ignore[arg-type]


def test_import_accepts_str_paths(diary: legdiary.Diary, tmp_path: Path) -> None:
    days = tmp_path / "days.csv"
    days.write_text("day,compression_hours,tags\n2026-11-01,8,magnesium;long-flight\n")
    result = diary.import_csv(str(days))
    assert result.kind == "days" and result.days_put == 1
    log = diary.day(dt.date(2026, 11, 1))
    assert log is not None and log.tags == {"magnesium", "long-flight"} and log.compression_hours == 8.0

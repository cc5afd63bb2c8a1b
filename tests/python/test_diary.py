"""Every method of legdiary.Diary, its errors, and that a refused call changes nothing."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sqlite3
import stat
from pathlib import Path

import pytest

import legdiary
from python_support import CET, at, fill


def snapshot(diary: legdiary.Diary) -> tuple[object, ...]:
    return (diary.cramps(), diary.night_records(), diary.day_logs(), diary.extent())


def test_open_creates_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "diary.db"
    with legdiary.Diary(path) as diary:
        assert diary.path == path
        assert diary.night_boundary_hour == 12
        assert diary.check() == []
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_default_path_is_the_clis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGDIARY_DB", str(tmp_path / "env.db"))
    assert legdiary.Diary.default_path() == tmp_path / "env.db"
    with legdiary.Diary() as diary:
        assert diary.path == tmp_path / "env.db"
    monkeypatch.delenv("LEGDIARY_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert legdiary.Diary.default_path() == tmp_path / "xdg" / "legdiary" / "diary.db"


def test_open_options(tmp_path: Path) -> None:
    with legdiary.Diary(tmp_path / "a.db", night_boundary_hour=18) as diary:
        assert diary.night_boundary_hour == 18
        assert diary.night_of(at(2026, 11, 21, 17, 0)) == dt.date(2026, 11, 20)
    # An existing diary keeps its own boundary: opened without one, or with the same one...
    with legdiary.Diary(tmp_path / "a.db") as diary:
        assert diary.night_boundary_hour == 18
    with legdiary.Diary(tmp_path / "a.db", night_boundary_hour=18) as diary:
        assert diary.night_boundary_hour == 18
    # ...and another one is refused, as `legdiary init --night-boundary` refuses it.
    before = (tmp_path / "a.db").read_bytes()
    with pytest.raises(legdiary.ValidationError) as refused:
        legdiary.Diary(tmp_path / "a.db", night_boundary_hour=3)
    assert (refused.value.field, refused.value.value) == ("night_boundary_hour", "3")
    assert "already exists with night boundary 18:00" in str(refused.value)
    assert (tmp_path / "a.db").read_bytes() == before
    with pytest.raises(legdiary.StorageError):
        legdiary.Diary(tmp_path / "missing.db", create=False)
    with pytest.raises(legdiary.ValidationError) as caught:
        legdiary.Diary(tmp_path / "b.db", night_boundary_hour=24)
    assert caught.value.field == "night_boundary_hour"
    assert isinstance(legdiary.Diary.current_schema_version, int)


def test_other_files_are_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    before = other.read_bytes()
    with pytest.raises(legdiary.StorageError, match="another application") as caught:
        legdiary.Diary(other)
    assert isinstance(caught.value, OSError) and isinstance(caught.value, legdiary.Error)
    assert other.read_bytes() == before
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, but long enough to look like a file header" * 10)
    with pytest.raises(legdiary.StorageError, match="not a legdiary diary"):
        legdiary.Diary(text)


def test_context_manager_and_close(tmp_path: Path) -> None:
    with legdiary.Diary(tmp_path / "d.db") as diary:
        assert isinstance(diary, legdiary.Diary) and not diary.closed
        assert repr(diary) == f"<legdiary.Diary {str(tmp_path / 'd.db')!r} night_boundary_hour=12>"
    assert diary.closed and repr(diary) == "<legdiary.Diary (closed)>"
    with pytest.raises(ValueError, match="closed"):
        diary.cramps()
    with pytest.raises(ValueError, match="closed"):
        diary.episodes()
    diary.close()  # twice is fine


def test_objects_outlive_the_diary(tmp_path: Path) -> None:
    diary = legdiary.Diary(tmp_path / "d.db")
    fill(diary, nights=10)
    episodes = diary.cramps()
    tables = diary.tables()
    frame = diary.episodes()
    del diary
    gc.collect()
    assert episodes[0].onset.tzinfo is not None
    assert tables["episodes"]["id"].sum() == frame["id"].sum() > 0


def test_log_cramp_and_read_it_back(diary: legdiary.Diary) -> None:
    result = diary.log_cramp(onset=at(2026, 11, 22, 2, 41), duration=90, leg="left", muscle="foot",
                             intensity=7, woke=True, notes="après le dîner ✓")
    assert result.inserted and result.id > 0
    assert repr(result) == f"AddResult(id={result.id}, inserted=True)"
    episode = diary.cramp(result.id)
    assert episode is not None
    assert (episode.id, episode.onset, episode.duration_s, episode.leg, episode.muscle, episode.intensity,
            episode.woke, episode.notes) == (result.id, at(2026, 11, 22, 2, 41), 90, "left", "foot", 7, True,
                                             "après le dîner ✓")
    assert "CrampEpisode(id=" in repr(episode)
    assert diary.cramp(result.id + 100) is None


def test_identical_cramp_is_stored_once(diary: legdiary.Diary) -> None:
    first = diary.log_cramp(onset=at(2026, 11, 22), duration=60, leg="right")
    again = diary.log_cramp(onset=at(2026, 11, 22), duration=60, leg="right")
    assert not again.inserted and again.id == first.id
    assert len(diary.cramps()) == 1
    a, = diary.cramps()
    assert a.same_entry(a) and a == diary.cramp(first.id)


def test_overlapping_cramp_is_refused_and_nothing_changes(diary: legdiary.Diary) -> None:
    diary.log_cramp(onset=at(2026, 11, 22, 2, 30), duration=120, leg="left")
    before = snapshot(diary)
    with pytest.raises(legdiary.ValidationError, match="overlap") as caught:
        diary.log_cramp(onset=at(2026, 11, 22, 2, 31), duration=60, leg="both")
    assert caught.value.field == "onset"
    assert snapshot(diary) == before
    diary.log_cramp(onset=at(2026, 11, 22, 2, 31), duration=60, leg="right")  # other leg: fine


@pytest.mark.parametrize("kwargs, field", [
    ({"duration": 0}, "duration_s"),
    ({"duration": 3601}, "duration_s"),
    ({"leg": "middle"}, "leg"),
    ({"muscle": "elbow"}, "muscle"),
    ({"intensity": 11}, "intensity"),
    ({"intensity": -1}, "intensity"),
    ({"notes": "x" * 2001}, "notes"),
    ({"notes": "a\x00b"}, "notes"),
    ({"onset": at(2026, 12, 1, 12, 10)}, "onset"),
])
def test_invalid_cramps_are_refused(diary: legdiary.Diary, kwargs: dict[str, object], field: str) -> None:
    fill(diary, nights=5)
    before = snapshot(diary)
    arguments: dict[str, object] = {"onset": at(2026, 11, 22), "duration": 60, "leg": "left", **kwargs}
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_cramp(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.rule and caught.value.value is not None
    assert caught.value.problems[0]["field"] == field
    assert snapshot(diary) == before


def test_several_problems_are_all_listed(diary: legdiary.Diary) -> None:
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_cramp(onset=at(2026, 11, 22), duration=0, leg="left", intensity=12)
    assert [p["field"] for p in caught.value.problems] == ["duration_s", "intensity"]
    assert all(p["line"] is None and p["index"] is None for p in caught.value.problems)


def test_log_night_merges_like_the_cli_or_replaces(diary: legdiary.Diary) -> None:
    night = dt.date(2026, 11, 21)
    first = diary.log_night(night=night, bedtime=at(2026, 11, 21, 22, 30), sleep_quality=6)
    assert first == diary.night(night) and first.waketime is None
    record = diary.log_night(night=night, waketime=at(2026, 11, 22, 6, 45), notes="ok")
    assert record == diary.night(night)
    assert (record.night, record.bedtime, record.waketime, record.sleep_quality, record.notes) == (
        night, at(2026, 11, 21, 22, 30), at(2026, 11, 22, 6, 45), 6, "ok")
    replaced = diary.log_night(night=night, sleep_quality=3, replace=True)
    assert replaced == diary.night(night)
    assert replaced.bedtime is None and replaced.sleep_quality == 3 and replaced.notes is None
    assert diary.night(dt.date(2026, 11, 1)) is None
    assert "NightRecord(night=2026-11-21" in repr(replaced)


def test_log_night_refuses_waketime_before_bedtime(diary: legdiary.Diary) -> None:
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_night(night=dt.date(2026, 11, 21), bedtime=at(2026, 11, 22, 7, 0), waketime=at(2026, 11, 22, 6, 0))
    assert caught.value.field == "waketime"
    assert diary.night_records() == []
    # Merged with the stored bedtime, a new waketime is checked against it too.
    diary.log_night(night=dt.date(2026, 11, 21), bedtime=at(2026, 11, 22, 7, 0))
    before = diary.night_records()
    with pytest.raises(legdiary.ValidationError):
        diary.log_night(night=dt.date(2026, 11, 21), waketime=at(2026, 11, 22, 6, 0))
    assert diary.night_records() == before


def test_log_day_every_field(diary: legdiary.Diary) -> None:
    day = dt.date(2026, 11, 20)
    diary.log_day(day=day, compression_hours=9.5, compression_class="20-30", compression_length="thigh",
                  swelling_grade=2, ankle_left_cm=24.5, ankle_right_cm=25.0, calf_left_cm=36.0, calf_right_cm=37.5,
                  standing_hours=6.0, water_l=1.75, exercise_min=30, elevation_min=20, heaviness=1, aching=2,
                  throbbing=3, burning=4, itching=5, restless_legs=6, tingling=7, swelling_feeling=8,
                  skin_discoloration=False, ulcer=True, tags=["magnesium", "long-flight"], notes="flight")
    log = diary.day(day)
    assert log is not None
    assert diary.log_day(day=day) == log  # nothing given: nothing changes
    assert (log.compression_hours, log.compression_class, log.compression_length, log.swelling_grade) == (
        9.5, "20-30", "thigh", 2)
    assert (log.ankle_left_cm, log.ankle_right_cm, log.calf_left_cm, log.calf_right_cm) == (24.5, 25.0, 36.0, 37.5)
    assert (log.standing_hours, log.water_l, log.exercise_min, log.elevation_min) == (6.0, 1.75, 30, 20)
    assert log.symptoms == dict(zip(legdiary.symptom_names, range(1, 9)))
    assert (log.heaviness, log.swelling_feeling) == (1, 8)
    assert (log.skin_discoloration, log.ulcer, log.tags, log.notes) == (False, True, {"long-flight", "magnesium"},
                                                                        "flight")
    merged = diary.log_day(day=day, aching=0, tags=["stretching"])
    assert merged == diary.day(day)
    assert (merged.aching, merged.compression_hours) == (0, 9.5)
    assert merged.tags == {"long-flight", "magnesium", "stretching"}
    diary.log_day(day=day, replace=True)  # replaces the whole log
    empty = diary.day(day)
    assert empty is not None and empty.compression_hours is None and empty.tags == set()
    assert all(v is None for v in empty.symptoms.values())
    assert repr(empty) == "DayLog(day=2026-11-20)" and empty == diary.day(day) and empty != "DayLog"


@pytest.mark.parametrize("kwargs, field", [
    ({"compression_hours": 25.0}, "compression_hours"),
    ({"compression_hours": float("nan")}, "compression_hours"),
    ({"compression_class": "10-15"}, "compression_class"),
    ({"compression_length": "sock"}, "compression_length"),
    ({"swelling_grade": 4}, "swelling_grade"),
    ({"calf_left_cm": 9.9}, "calf_left_cm"),
    ({"water_l": 16.0}, "water_l"),
    ({"exercise_min": 1441}, "exercise_min"),
    ({"restless_legs": 11}, "restless_legs"),
    ({"tags": ["Magnesium"]}, "tags"),
    ({"tags": ["x" * 41]}, "tags"),
])
def test_invalid_day_logs_are_refused(diary: legdiary.Diary, kwargs: dict[str, object], field: str) -> None:
    fill(diary, nights=3)
    before = snapshot(diary)
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.log_day(day=dt.date(2026, 9, 8), **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert snapshot(diary) == before


def test_keyword_arguments_only(diary: legdiary.Diary) -> None:
    with pytest.raises(TypeError):
        diary.log_cramp(at(2026, 11, 22), 60, "left")  # type: ignore[misc]
    with pytest.raises(TypeError):
        diary.log_day(dt.date(2026, 11, 22))  # type: ignore[misc]
    with pytest.raises(TypeError):
        diary.log_cramp(onset=at(2026, 11, 22), duration=60, leg="left", colour="red")  # type: ignore[call-arg]


def test_range_queries(diary: legdiary.Diary) -> None:
    fill(diary, nights=14)
    assert diary.extent() == (dt.date(2026, 9, 7), dt.date(2026, 9, 20))
    week = diary.cramps(dt.date(2026, 9, 7), dt.date(2026, 9, 13))
    assert [diary.night_of(e.onset) for e in week] == [dt.date(2026, 9, 7) + dt.timedelta(days=i)
                                                        for i in range(7) if i % 3]
    assert [e.onset for e in diary.cramps()] == sorted(e.onset for e in diary.cramps())
    assert len(diary.night_records(dt.date(2026, 9, 7), dt.date(2026, 9, 13))) == 6
    assert [d.day for d in diary.day_logs(start=dt.date(2026, 9, 19))] == [dt.date(2026, 9, 19),
                                                                           dt.date(2026, 9, 20)]
    assert diary.cramps(end=dt.date(2026, 9, 7)) == []
    with pytest.raises(legdiary.ValidationError) as caught:
        diary.cramps(dt.date(2026, 9, 10), dt.date(2026, 9, 9))
    assert caught.value.field == "to"  # the one field name of a reversed range, in every front end


def test_empty_diary(diary: legdiary.Diary) -> None:
    assert diary.extent() is None
    assert diary.cramps() == [] and diary.night_records() == [] and diary.day_logs() == []
    assert len(diary.episodes()) == 0 and len(diary.days()) == 0
    with pytest.raises(legdiary.ValidationError, match="empty"):
        diary.trends()


def test_delete(diary: legdiary.Diary) -> None:
    fill(diary, nights=3)
    episode = diary.cramps()[0]
    diary.delete_cramp(episode.id)
    diary.delete_night(dt.date(2026, 9, 7))
    diary.delete_day(dt.date(2026, 9, 7))
    assert diary.cramp(episode.id) is None
    assert diary.night(dt.date(2026, 9, 7)) is None and diary.day(dt.date(2026, 9, 7)) is None
    before = snapshot(diary)
    for call in (lambda: diary.delete_cramp(episode.id), lambda: diary.delete_night(dt.date(2026, 9, 7)),
                 lambda: diary.delete_day(dt.date(2026, 9, 7))):
        with pytest.raises(legdiary.NotFoundError) as caught:
            call()
        assert isinstance(caught.value, LookupError)
    assert snapshot(diary) == before
    # The library's words, the same as the command line's.
    with pytest.raises(legdiary.NotFoundError, match=f'id = "{episode.id}": no cramp with this id'):
        diary.delete_cramp(episode.id)
    with pytest.raises(legdiary.NotFoundError, match='day = "2026-09-07": no day log for this day'):
        diary.delete_day(dt.date(2026, 9, 7))


def test_backup_and_check(diary: legdiary.Diary, tmp_path: Path) -> None:
    fill(diary, nights=5)
    copy = tmp_path / "copy.db"
    diary.backup(copy)
    with legdiary.Diary(copy) as restored:
        assert snapshot(restored) == snapshot(diary)
        assert restored.check() == []
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    with pytest.raises(legdiary.StorageError, match="overwrite"):
        diary.backup(copy)


def test_busy_diary_raises_busy_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    with legdiary.Diary(path, busy_timeout_ms=50) as diary:
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(legdiary.BusyError) as caught:
                diary.log_cramp(onset=at(2026, 11, 22), duration=60, leg="left")
            assert isinstance(caught.value, legdiary.StorageError) and caught.value.sqlite_code == 5
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert diary.cramps() == []
        diary.log_cramp(onset=at(2026, 11, 22), duration=60, leg="left")


def test_error_classes() -> None:
    assert issubclass(legdiary.ValidationError, ValueError)
    assert issubclass(legdiary.ParseError, legdiary.ValidationError)
    assert issubclass(legdiary.StorageError, OSError)
    assert issubclass(legdiary.BusyError, legdiary.StorageError)
    assert issubclass(legdiary.NotFoundError, LookupError)
    assert issubclass(legdiary.InputFileNotFoundError, FileNotFoundError)
    assert issubclass(legdiary.ArgumentTypeError, legdiary.ValidationError)
    assert issubclass(legdiary.ArgumentTypeError, TypeError)
    for cls in (legdiary.ValidationError, legdiary.StorageError, legdiary.NotFoundError,
                legdiary.InputFileNotFoundError):
        assert issubclass(cls, legdiary.Error)
    error = legdiary.ValidationError("x", [{"field": "f", "value": "v", "rule": "r", "line": 3, "index": None}])
    assert (error.field, error.value, error.rule, str(error)) == ("f", "v", "r", "x")
    assert legdiary.ValidationError("bare").field is None
    assert str(legdiary.StorageError("disk", 10)) == "disk" and legdiary.StorageError("disk", 10).sqlite_code == 10


def test_night_of_uses_the_diarys_boundary(diary: legdiary.Diary) -> None:
    assert diary.night_of(dt.datetime(2026, 11, 22, 2, 30, tzinfo=CET)) == dt.date(2026, 11, 21)
    assert diary.night_of(dt.datetime(2026, 11, 22, 12, 0, tzinfo=CET)) == dt.date(2026, 11, 22)

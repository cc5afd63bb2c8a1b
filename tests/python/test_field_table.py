"""The field table (legdiary/fields.hpp, exposed as ``legdiary._core.fields``) against the
frozen first schema's DDL, which stays literal because files in the wild were written by it;
and the entry classes the table builds: keyword constructors, properties and reprs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import legdiary
from legdiary import _core

TABLES = {"cramp": "cramp", "night": "night", "day": "day"}
SQL_TYPE = {"date": "TEXT", "instant": "TEXT", "text": "TEXT", "enumeration": "TEXT",
            "integer": "INTEGER", "boolean": "INTEGER", "real": "REAL"}
# The smallest valid row of each table, so that one column at a time can be tried.
BASE_ROW = {
    "cramp": {"onset": "2026-11-20T02:41:00+01:00", "onset_utc": int(dt.datetime.fromisoformat("2026-11-20T02:41:00+01:00").timestamp()), "night": "2026-11-19",
              "duration_s": 60, "leg": "left"},
    "night": {"night": "2026-11-19"},
    "day": {"day": "2026-11-19"},
}


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "diary.db"
    legdiary.Diary(path).close()  # a fresh diary of the current schema, made by the library
    con = sqlite3.connect(path, isolation_level=None)
    yield con
    con.close()


def fields(entry: str) -> list[tuple[str, str, bool, bool, float, float, str, tuple[str, ...]]]:
    keys = ("name", "kind", "required", "nullable", "low", "high", "unit", "value_names")
    return [tuple(field[key] for key in keys) for field in _core.fields[entry]]  # type: ignore[misc]


def accepts(con: sqlite3.Connection, entry: str, column: str, value: object) -> bool:
    row = {**BASE_ROW[entry], column: value}
    con.execute("SAVEPOINT probe")
    try:
        con.execute(f"INSERT INTO {TABLES[entry]} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()))
        return True
    except sqlite3.IntegrityError:
        return False
    finally:
        con.execute("ROLLBACK TO probe")
        con.execute("RELEASE probe")


@pytest.mark.parametrize("entry", list(TABLES))
def test_every_field_is_a_column_of_its_type_and_nullability(connection: sqlite3.Connection, entry: str) -> None:
    info = {row[1]: row for row in connection.execute(f"PRAGMA table_info({TABLES[entry]})")}
    for name, kind, required, nullable, *_ in fields(entry):
        if kind == "tag_set":
            tag_columns = {row[1] for row in connection.execute("PRAGMA table_info(day_tag)")}
            assert tag_columns == {"day", "tag"}
            continue
        assert name in info, f"{entry}.{name} has no column in the schema"
        _cid, _name, sql_type, not_null, _default, primary_key = info[name]
        assert sql_type == SQL_TYPE[kind], (entry, name)
        assert bool(not_null or primary_key) == (not nullable), (entry, name)
        if required:
            assert not_null or primary_key, (entry, name)
    stored = {name for name, kind, *_ in fields(entry) if kind != "tag_set"}
    derived = {"cramp": {"id", "onset_utc", "night"}}.get(entry, set())
    assert set(info) == stored | derived, "a column without a field, or a field without a column"


@pytest.mark.parametrize("entry", list(TABLES))
def test_the_schema_enforces_every_bound_and_name_of_the_table(connection: sqlite3.Connection, entry: str) -> None:
    checked = 0
    for name, kind, required, nullable, low, high, _unit, value_names in fields(entry):
        if kind in ("integer", "real"):
            step = 1 if kind == "integer" else 0.25
            cast = int if kind == "integer" else float
            assert accepts(connection, entry, name, cast(low)) and accepts(connection, entry, name, cast(high)), name
            assert not accepts(connection, entry, name, cast(low - step)), name
            assert not accepts(connection, entry, name, cast(high + step)), name
        elif kind == "enumeration":
            assert all(accepts(connection, entry, name, value) for value in value_names), name
            assert not accepts(connection, entry, name, "not-" + value_names[0]), name
        elif kind == "boolean":
            assert accepts(connection, entry, name, 0) and accepts(connection, entry, name, 1)
            assert not accepts(connection, entry, name, 2), name
        elif kind == "text":
            assert accepts(connection, entry, name, "x" * 2000) and not accepts(connection, entry, name, "x" * 2001)
        elif kind == "instant" and not required:
            assert accepts(connection, entry, name, "2026-11-19T22:50:00+01:00")
            assert not accepts(connection, entry, name, "2026-11-19 22:50"), name
        else:
            continue
        assert accepts(connection, entry, name, None) == nullable, name
        checked += 1
    assert checked >= {"cramp": 5, "night": 4, "day": 21}[entry]


def test_the_table_names_every_python_property_of_the_entries() -> None:
    for cls, entry in ((legdiary.CrampEpisode, "cramp"), (legdiary.NightRecord, "night"), (legdiary.DayLog, "day")):
        for name, *_ in fields(entry):
            assert isinstance(getattr(cls, name), property), (cls.__name__, name)


def test_keyword_constructor_makes_the_stored_entry_and_repr_shows_every_value(tmp_path: Path) -> None:
    with legdiary.Diary(tmp_path / "d.db") as diary:
        day = dt.date(2026, 11, 20)
        stored = diary.log_day(day=day, compression_hours=9.5, compression_class="20-30", calf_left_cm=37.5,
                               exercise_min=30, aching=4, ulcer=False, tags=["magnesium", "flight"], notes="x")
        values = {name: getattr(stored, name) for name, *_ in fields("day")}
        made = legdiary.DayLog(**values)
        assert made == stored
        assert repr(made) == ("DayLog(day=2026-11-20, compression_hours=9.5, compression_class='20-30', "
                              "calf_left_cm=37.5, exercise_min=30, aching=4, ulcer=False, "
                              "tags={'flight', 'magnesium'}, notes='x')")
        onset = dt.datetime(2026, 11, 20, 2, 41, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        episode = legdiary.CrampEpisode(onset=onset, duration_s=90, leg="right", woke=True)
        assert (episode.id, episode.muscle, episode.intensity, episode.woke) == (0, "calf", None, True)
        assert repr(episode) == ("CrampEpisode(id=0, onset=2026-11-20T02:41:00+01:00, duration_s=90, leg='right', "
                                 "muscle='calf', woke=True)")
        added = diary.log_cramp(onset=onset, duration=90, leg="right", woke=True)
        assert episode.same_entry(diary.cramp(added.id))
        night = legdiary.NightRecord(night=dt.date(2026, 11, 19), sleep_quality=6)
        assert repr(night) == "NightRecord(night=2026-11-19, sleep_quality=6)"


@pytest.mark.parametrize(("cls", "kwargs", "error", "text"), [
    (legdiary.DayLog, {}, TypeError, "missing required keyword argument: 'day'"),
    (legdiary.DayLog, {"day": dt.date(2026, 1, 1), "calves": 3}, TypeError, "unexpected keyword argument 'calves'"),
    (legdiary.DayLog, {"day": dt.date(2026, 1, 1), "water_l": "2"}, legdiary.ArgumentTypeError, 'water_l = "2": must be a number, not str'),
    (legdiary.DayLog, {"day": dt.date(2026, 1, 1), "tags": "magnesium"}, legdiary.ArgumentTypeError, 'tags = "magnesium": must be an iterable'),
    (legdiary.DayLog, {"day": dt.date(2026, 1, 1), "water_l": 16.0}, legdiary.ValidationError,
     'water_l = "16": must be a number in 0..15 litres'),
    (legdiary.DayLog, {"day": dt.date(2026, 1, 1), "compression_class": "10-15"}, legdiary.ValidationError,
     "compression_class"),
    (legdiary.NightRecord, {"night": dt.date(2026, 1, 1), "sleep_quality": 11}, legdiary.ValidationError,
     'sleep_quality = "11": must be 0..10'),
    (legdiary.CrampEpisode, {"onset": dt.datetime(2026, 1, 1, 3, tzinfo=dt.timezone.utc), "leg": "left"},
     TypeError, "missing required keyword argument: 'duration_s'"),
    (legdiary.CrampEpisode, {"onset": dt.datetime(2026, 1, 1, 3, tzinfo=dt.timezone.utc), "duration_s": 0,
                             "leg": "left"}, legdiary.ValidationError, 'duration_s = "0": must be 1..3600 seconds'),
])
def test_keyword_constructor_refuses_with_the_field_named(cls: type, kwargs: dict[str, object], error: type,
                                                         text: str) -> None:
    with pytest.raises(error) as raised:
        cls(**kwargs)
    assert text in str(raised.value)

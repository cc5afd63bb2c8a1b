"""Committed diaries of every schema version open with the current library with every value
intact; a diary of a newer legdiary, another application's SQLite file and a file that is
not SQLite at all are refused (exit 74 / StorageError) and left byte-for-byte as they were.

The fixtures live in tests/data/schema/ (written by make_fixtures.py there). Tests only ever
open copies: opening a committed file in place would migrate it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import harness_common as common
from harness_common import cli_ok, run_cli

FIXTURES = common.ROOT / "tests" / "data" / "schema"
VERSIONS = ["v1", "v2"]  # add each new schema version's fixture here


def copy_of(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(FIXTURES / name, target)
    return target


def expected(version: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{version}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("version", VERSIONS)
def test_old_schema_opens_with_every_value_intact_cli(cli: str, tmp_path: Path, version: str) -> None:
    db = copy_of(f"{version}.db", tmp_path)
    want = expected(version)
    listing = json.loads(cli_ok(cli, db, "list", "--from", "2000-01-01", "--to", "2100-01-01", "--json"))
    assert listing == want["list"]
    assert cli_ok(cli, db, "check").strip() == "ok"
    connection = common.connect(db)
    try:
        assert connection.execute("SELECT night_boundary_hour FROM diary_info").fetchone()[0] == \
            want["night_boundary_hour"]
        nights = {str(id_): night for id_, night in connection.execute("SELECT id, night FROM cramp")}
        assert nights == want["cramp_nights"]
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x4C674479
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= want["schema_version"]
        # Migrated to the current schema: version 2 added the trials table and its triggers.
        assert connection.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'trials'").fetchone()[0] == 1
        assert connection.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = "
                                  "'trials'").fetchone()[0] == 2
        if "trials" in want:
            connection.row_factory = sqlite3.Row
            rows = [dict(row) for row in connection.execute("SELECT * FROM trials ORDER BY id")]
            connection.row_factory = None
            assert rows == want["trials"]
    finally:
        connection.close()
    # The old diary goes on taking entries under the rules it was made with (boundary 18:00).
    out = cli_ok(cli, db, "log", "cramp", "--at", "2026-11-10T17:00:00+01:00", "--leg", "left", "-d", "60")
    assert "Mon 9 Nov" in out


def iso(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    return value


@pytest.mark.parametrize("version", VERSIONS)
def test_old_schema_opens_with_every_value_intact_python(python_package: None, tmp_path: Path,
                                                         version: str) -> None:
    import legdiary

    db = copy_of(f"{version}.db", tmp_path)
    want = expected(version)
    with legdiary.Diary(db, create=False) as diary:
        assert diary.night_boundary_hour == want["night_boundary_hour"]
        cramps = sorted(diary.cramps(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), key=lambda c: c.id)
        assert [{field: iso(getattr(c, field)) for field in want["list"]["cramps"][0]} for c in cramps] == \
            sorted(want["list"]["cramps"], key=lambda c: c["id"])
        for cramp in cramps:
            assert diary.night_of(cramp.onset).isoformat() == want["cramp_nights"][str(cramp.id)]
        nights = diary.night_records(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        assert [{field: iso(getattr(n, field)) for field in want["list"]["nights"][0]} for n in nights] == \
            want["list"]["nights"]
        days = diary.day_logs(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        assert [{field: iso(getattr(d, field)) for field in want["list"]["days"][0]} for d in days] == \
            want["list"]["days"]


REFUSED = {
    "newer.db": "newer legdiary",
    "foreign.db": "another application",
    "foreign-plain.db": "another application",
    "not-sqlite.db": "not an SQLite database",
}


def refused_copy(name: str, folder: Path) -> Path:
    if name == "not-sqlite.db":
        target = folder / name
        target.write_bytes("onset,duration_s,leg\n2026-11-20T02:41:00+01:00,90,left\n".encode() * 300)
        return target
    return copy_of(name, folder)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_exit_74_and_stay_byte_identical(cli: str, tmp_path: Path, name: str) -> None:
    db = refused_copy(name, tmp_path)
    before = digest(db)
    for command in (["list", "--json"], ["log", "cramp", "--at", "2026-11-20T02:41:00+01:00", "--leg", "left",
                                         "-d", "60"], ["log", "night", "--night", "2026-11-19"], ["init"],
                    ["check"], ["trends"], ["export", "--format", "json", "-o", str(tmp_path / "out.json")],
                    ["backup", str(tmp_path / "copy.db")], ["delete", "cramp", "1"]):
        done = run_cli(cli, db, *command)
        assert done.returncode == 74, f"{command[0]}: exit {done.returncode}: {done.stderr}"
        assert REFUSED[name] in done.stderr and "left untouched" in done.stderr, done.stderr
        assert digest(db) == before, f"{command[0]} changed {name}"
    assert sorted(path.name for path in tmp_path.iterdir()) == [name], "sidecar or output files were left"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_python_storage_error_and_byte_identical(python_package: None, tmp_path: Path,
                                                               name: str) -> None:
    import legdiary

    db = refused_copy(name, tmp_path)
    before = digest(db)
    with pytest.raises(legdiary.StorageError, match=REFUSED[name]):
        legdiary.Diary(db)
    assert digest(db) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]


def test_committed_fixtures_were_never_opened_in_place() -> None:
    leftovers = [path.name for path in FIXTURES.iterdir() if path.name.endswith(("-wal", "-shm", "-journal"))]
    assert not leftovers


def test_every_schema_version_has_its_fixture(cli: str, tmp_path: Path) -> None:
    # A new schema version must come with its fixture (make_fixtures.py), or the migration
    # from it would go untested once a later version exists: one fixture per version.
    cli_ok(cli, tmp_path / "new.db", "init")
    with sqlite3.connect(tmp_path / "new.db") as connection:
        current = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    versions = sorted(expected(version)["schema_version"] for version in VERSIONS)
    assert versions == list(range(1, versions[-1] + 1))
    assert current == versions[-1], f"schema version {current} has no fixture in tests/data/schema"
    assert all((FIXTURES / f"{version}.db").is_file() for version in VERSIONS)

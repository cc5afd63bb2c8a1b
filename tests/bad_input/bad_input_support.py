"""Shared by the bad-input runners: where the corpus is, a seeded diary to copy for each
case, and a read-only snapshot of a diary's every row to compare before and after. (A
module of its own, not a conftest.py: tests/cli's tests import their conftest by name, and
two conftest modules in one pytest run would shadow each other.)

The corpus is data (tests/data/bad/): the runners only load it, so a new case is a new
line in a manifest or a new file, never new test code.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"
ZONE = "Europe/Berlin"
# Saturday morning, 21 November 2026: "last night" is the night of Fri 20 Nov.
NOW = "2026-11-21T07:30:00"

# What every seeded diary holds (the CLI's own commands wrote it).
SEED_COMMANDS = [
    ["log", "cramp", "--at", "yesterday 23:10", "--leg", "right", "--duration", "45s"],
    ["log", "cramp", "--at", "02:41", "--leg", "left", "--duration", "90s", "--intensity", "7", "--woke"],
    ["log", "night", "--bed", "22:50", "--wake", "07:05", "--sleep-quality", "6"],
    ["log", "day", "--day", "2026-11-20", "--socks", "9.5", "--class", "20-30", "--tag", "magnesium"],
]


def load_manifest(name: str) -> list[dict[str, Any]]:
    cases = json.loads((CORPUS / name).read_text(encoding="utf-8"))["cases"]
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), f"{name}: duplicate case ids"
    return cases


def cli_binary() -> str:
    binary = os.environ.get("LEGDIARY_CLI")
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("LEGDIARY_CLI is not set to the built legdiary binary "
                    "(e.g. LEGDIARY_CLI=$PWD/build/examples/cli/legdiary)")
    return binary


def cli_env(folder: Path, db: Path, extra: dict[str, str | None] | None = None) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder / "home"), "LANG": "C.UTF-8",
           "TZ": ZONE, "LEGDIARY_NOW": NOW, "LEGDIARY_DB": str(db)}
    # Sanitizer settings reach the binary under test when it is an ASan build.
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_cli(binary: str, args: list[Any], folder: Path, db: Path,
            extra: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[bytes]:
    argv: list[str | bytes] = [binary]
    for arg in args:
        argv.append(bytes.fromhex(arg["hex"]) if isinstance(arg, dict) else arg)
    return subprocess.run(argv, env=cli_env(folder, db, extra), cwd=folder, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary written by the CLI with SEED_COMMANDS; each case gets a copy."""
    binary = cli_binary()
    folder = tmp_path_factory.mktemp("seed")
    (folder / "home").mkdir()
    db = folder / "diary.db"
    for command in SEED_COMMANDS:
        done = run_cli(binary, command, folder, db)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    # One file, no -wal beside it: the last connection to close checkpointed it.
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return db


@pytest.fixture
def diary_copy(seeded_template: Path, tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    db = tmp_path / "diary.db"
    shutil.copy2(seeded_template, db)
    return db


def snapshot(path: Path) -> dict[str, Any] | None:
    """Every row of every table and the schema of a diary, read-only; None for no file."""
    if not path.exists():
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        contents: dict[str, Any] = {"schema": schema}
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            contents[name] = sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for pragma in ("user_version", "application_id"):
            contents[pragma] = connection.execute(f"PRAGMA {pragma}").fetchall()
        return contents
    finally:
        connection.close()

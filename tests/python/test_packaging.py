"""What `pip install .` puts in place: one SQLite library per process, no Boost at run time,
the `legdiary` command."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import legdiary
import legdiary._core

ROOT = Path(__file__).resolve().parents[2]
# The one place the version is written; CMake, the wheel's metadata and the module read it.
VERSION = (ROOT / "VERSION").read_text(encoding="utf-8").strip()

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and ldd")


@linux_only
def test_one_sqlite_library_in_the_process(tmp_path: Path) -> None:
    """The extension uses the libsqlite3 Python's sqlite3 module uses, never a second copy
    (two copies break POSIX locking and can corrupt a diary used from both)."""
    with legdiary.Diary(tmp_path / "d.db") as diary, sqlite3.connect(tmp_path / "d.db") as connection:
        diary.log_day(day=legdiary.parse_date("2026-11-01"), aching=1)
        assert connection.execute("SELECT count(*) FROM day").fetchone() == (1,)
        maps = Path("/proc/self/maps").read_text().splitlines()
    libraries = {os.path.realpath(line.split()[-1]) for line in maps if "libsqlite3" in line}
    assert len(libraries) == 1, libraries
    assert sqlite3.sqlite_version_info >= (3, 37)  # STRICT tables


@linux_only
def test_the_module_needs_no_boost_at_run_time() -> None:
    if shutil.which("ldd") is None:
        pytest.skip("no ldd")
    needed = subprocess.run(["ldd", legdiary._core.__file__], capture_output=True, text=True, check=True).stdout
    assert "libsqlite3" in needed
    assert "boost" not in needed


def test_the_legdiary_command_is_installed_beside_python(tmp_path: Path) -> None:
    scripts = Path(sys.executable).parent
    command = scripts / "legdiary"
    if not command.exists():
        pytest.skip("the wheel was built without the CLI")
    for args in (["init"], ["check"]):
        done = subprocess.run([str(command), "--db", str(tmp_path / "cli.db"), *args], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, done.stderr
    with legdiary.Diary(tmp_path / "cli.db") as diary:
        assert diary.check() == []


def test_version() -> None:
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", VERSION), VERSION
    assert legdiary.__version__ == VERSION


def test_every_version_a_user_sees_is_the_version_file() -> None:
    """`legdiary.__version__`, the installed distribution's metadata and `legdiary --version`
    all say what VERSION says (CMakeLists.txt and pyproject.toml read it; nothing repeats it)."""
    assert legdiary.__version__ == VERSION
    assert legdiary._core.__version__ == VERSION
    assert importlib.metadata.version("legdiary") == VERSION
    commands = [Path(sys.executable).parent / "legdiary", Path(os.environ.get("LEGDIARY_CLI", "/nonexistent"))]
    found = [command for command in commands if command.exists()]
    if not found:
        pytest.skip("no legdiary command: set LEGDIARY_CLI or build the wheel with the CLI")
    for command in found:
        done = subprocess.run([str(command), "--version"], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == f"legdiary {VERSION}", command

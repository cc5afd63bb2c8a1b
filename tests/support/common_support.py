"""What the test folders share (tests/cli, tests/bad_input, tests/reliability, …): finding
the built binaries, the environment the real `legdiary` command runs in, and a diary's
every row read back with Python's own sqlite3 (independent of the library under test).

Importable from every folder: tests/conftest.py puts this folder on sys.path (and
tests/reliability/harness_common.py does so for the harnesses run as scripts). A folder's
own helpers stay in its `*_support.py`, under a name of their own.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Sanitizer settings reach the binary under test when it is an ASan build.
SANITIZER_VARIABLES = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")


def binary(variable: str, default: str) -> str | None:
    """The executable named by an environment variable, else the one at `default` in the
    default build folder (relative to the source tree); None when it is not executable."""
    path = os.environ.get(variable) or str(ROOT / default)
    return path if os.access(path, os.X_OK) else None


def cli_binary() -> str | None:
    """The `legdiary` command under test: $LEGDIARY_CLI, else build/examples/cli/legdiary."""
    return binary("LEGDIARY_CLI", "build/examples/cli/legdiary")


def missing_binary(reason: str) -> None:
    """Skips a test whose binary is not built — except under CI=true, where a missing binary
    fails it: a CI run that skipped every CLI test would pass having tested nothing."""
    import pytest  # only the test suites call this; the harnesses run as scripts do not

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing binary fails the run instead of skipping it)")
    pytest.skip(reason)


def cli_environment(home: Path, db: Path, zone: str, now: str | None,
                    passed: Iterable[str] = SANITIZER_VARIABLES,
                    extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """A clean environment for the `legdiary` command: PATH, HOME, a UTF-8 locale, the zone,
    the clock (LEGDIARY_NOW, unless `now` is None) and the diary; the `passed` variables of
    this process; then `extra`, where None removes a variable."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", "TZ": zone,
           "LEGDIARY_DB": str(db)}
    if now is not None:
        env["LEGDIARY_NOW"] = now
    for name in passed:
        if name in os.environ:
            env[name] = os.environ[name]
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def table_rows(connection: sqlite3.Connection, pragmas: Iterable[str] = ("user_version",),
               schema: bool = False) -> dict[str, Any]:
    """Every row of every table (sorted, so the order of storage does not count), the
    `pragmas` (keys "pragma NAME") and, with `schema`, the schema itself (key "schema")."""
    contents: dict[str, Any] = {}
    if schema:
        contents["schema"] = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()]
    for name in tables:
        contents[name] = sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
    for pragma in pragmas:
        contents[f"pragma {pragma}"] = connection.execute(f"PRAGMA {pragma}").fetchall()
    return contents


def snapshot(path: Path, pragmas: Iterable[str] = ("user_version",), schema: bool = False) -> dict[str, Any] | None:
    """table_rows() of a diary file through a read-only connection; None when there is no file."""
    if not path.exists():
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return table_rows(connection, pragmas, schema)
    finally:
        connection.close()

"""Shared by the bad-input runners: where the corpus is, a seeded diary to copy for each
case, and a read-only snapshot of a diary's every row to compare before and after. (A
module of its own, not a conftest.py: tests/cli's tests import their conftest by name, and
two conftest modules in one pytest run would shadow each other.)

The corpus is data (tests/data/bad/): the runners only load it, so a new case is a new
line in a manifest or a new file, never new test code.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest

import common_support

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


class BadManifest(ValueError):
    """A corpus case that could not check what it claims to (refused at collection)."""


def _text(value: Any) -> bool:
    """A non-empty string that is not only spaces: `"" in line` passes for any line."""
    return isinstance(value, str) and value.strip() != ""


def check_cli_case(case: dict[str, Any]) -> list[str]:
    """What is wrong with a case of cli/cases.json (empty: nothing)."""
    wrong = []
    if "stored_text" in case:
        if case.get("exit") != 0 or not _text(case["stored_text"]):
            wrong.append("a stored_text case needs exit 0 and a non-empty stored_text")
        if case.get("field") is not None or case.get("rule") is not None:
            wrong.append("a stored_text case must have field and rule null (they would go unchecked)")
        return wrong
    if not _text(case.get("rule")):
        wrong.append("rule must be a non-empty substring of the expected error")
    field = case.get("field")
    if field is not None and not _text(field):
        wrong.append("field must be null or a non-empty name")
    # Exit 65 (invalid data) is reported as `FIELD = "VALUE": RULE`: the case must name the
    # field, unless it says why the product's line for it names none.
    if case.get("exit") == 65 and field is None and not _text(case.get("field_null_because")):
        wrong.append("an exit-65 case must name its field (or give field_null_because)")
    if "field_null_because" in case and (field is not None or case.get("exit") != 65):
        wrong.append("field_null_because is only for an exit-65 case with field null")
    return wrong


def check_python_case(case: dict[str, Any]) -> list[str]:
    """What is wrong with a case of python/cases.json (empty: nothing)."""
    wrong = []
    if case.get("raises") in ("TypeError", "ValueError"):
        # Python's own exceptions carry no field or rule: the message is what is checked.
        if case.get("field") is not None or case.get("rule") is not None:
            wrong.append(f"a {case.get('raises')} case must have field and rule null (they would go unchecked)")
        if not _text(case.get("message")):
            wrong.append("message must be a non-empty substring of the expected exception's text")
    else:
        if not _text(case.get("field")):
            wrong.append("field must be a non-empty name")
        if not _text(case.get("rule")):
            wrong.append("rule must be a non-empty substring of the expected rule")
        if "message" in case:
            wrong.append("message is only checked for TypeError/ValueError cases")
    return wrong


def check_csv_expectation(expect: dict[str, Any]) -> list[str]:
    """What is wrong with a csv/NAME.expect.json (empty: nothing)."""
    if "stored_text" in expect:
        return [] if expect.get("exit") == 0 and _text(expect["stored_text"]) \
            else ["a stored_text file needs exit 0 and a non-empty stored_text"]
    problems = expect.get("problems")
    if not isinstance(problems, list) or not problems:
        return ["a refused file needs at least one expected problem"]
    wrong = []
    for problem in problems:
        if not _text(problem.get("rule")):
            wrong.append(f"{problem}: rule must be a non-empty substring of the expected rule")
        # Only a bad header column has no fixed field name (the column is the value).
        if problem.get("field") is None and problem.get("line") != 1:
            wrong.append(f"{problem}: field may be null only for a header problem (line 1)")
        elif problem.get("field") is not None and not _text(problem["field"]):
            wrong.append(f"{problem}: field must be null or a non-empty name")
    return wrong


def load_manifest(name: str, check: Callable[[dict[str, Any]], list[str]]) -> list[dict[str, Any]]:
    """The cases of a manifest, each passed through `check`; any case it faults fails collection."""
    cases = json.loads((CORPUS / name).read_text(encoding="utf-8"))["cases"]
    ids = [case.get("id") for case in cases]
    assert len(ids) == len(set(ids)), f"{name}: duplicate case ids"
    faults = [f"{case.get('id')}: {fault}" for case in cases for fault in check(case)]
    if faults:
        raise BadManifest(f"{name}: cases that would check nothing:\n  " + "\n  ".join(faults))
    return cases


def cli_binary() -> str:
    binary = common_support.cli_binary()
    if binary is None:
        common_support.missing_binary("no legdiary binary: build the legdiary_cli target, or point LEGDIARY_CLI at it "
                                      "(e.g. LEGDIARY_CLI=$PWD/build/examples/cli/legdiary)")
        raise AssertionError("unreachable")  # missing_binary skips or fails
    return binary


def cli_env(folder: Path, db: Path, extra: dict[str, str | None] | None = None) -> dict[str, str]:
    return common_support.cli_environment(folder / "home", db, ZONE, NOW, extra=extra)


@pytest.fixture
def local_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's zone and clock set to the corpus's, for cases run in process."""
    monkeypatch.setenv("TZ", ZONE)
    monkeypatch.setenv("LEGDIARY_NOW", NOW)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


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
    """Every row of every table, the schema and the version pragmas of a diary, read-only;
    None for no file."""
    return common_support.snapshot(path, pragmas=("user_version", "application_id"), schema=True)

"""SIGKILL the CLI, a Python writer and a large import (by the CLI and by Python's
`Diary.import_csv`) and `legdiary trial plan` at random moments; nothing acknowledged is lost,
nothing is corrupt, an import and a trial plan are all or nothing (crash_harness.py)."""
from __future__ import annotations

import random
from pathlib import Path

import crash_harness


def test_killed_cli_loggers_lose_nothing_acknowledged(cli: str, tmp_path: Path, full_run: bool) -> None:
    figures = crash_harness.crash_cli_logging(cli, tmp_path, 100 if full_run else 12, random.Random(1))
    assert figures.kills >= (100 if full_run else 12)
    assert figures.acknowledged > 0


def test_killed_python_writers_lose_nothing_acknowledged(cli: str, python_package: None, tmp_path: Path,
                                                         full_run: bool) -> None:
    figures = crash_harness.crash_python_logging(cli, tmp_path, 60 if full_run else 4, random.Random(2))
    assert figures.acknowledged > 0


def test_killed_imports_are_all_or_nothing(cli: str, generate: str, tmp_path: Path, full_run: bool) -> None:
    kills = 80 if full_run else 6
    figures = crash_harness.crash_import(cli, generate, tmp_path, kills, random.Random(3),
                                         nights=30000 if full_run else 20000)
    assert figures.kills == kills
    assert figures.extra["import_rows_cramps"] >= 20000


def test_killed_python_imports_are_all_or_nothing(cli: str, generate: str, python_package: None, tmp_path: Path,
                                                   full_run: bool) -> None:
    kills = 40 if full_run else 4
    figures = crash_harness.crash_import(cli, generate, tmp_path, kills, random.Random(4),
                                         nights=30000 if full_run else 20000, victim="python")
    assert figures.kills == kills
    assert figures.extra["import_rows_cramps"] >= 20000
    assert figures.integrity_checks >= kills


def test_killed_trial_plans_are_all_or_nothing(cli: str, tmp_path: Path, full_run: bool) -> None:
    kills = 60 if full_run else 8
    figures = crash_harness.crash_trial_plan(cli, tmp_path, kills, random.Random(5))
    assert figures.kills == kills
    assert figures.integrity_checks == kills
    assert figures.acknowledged >= 6

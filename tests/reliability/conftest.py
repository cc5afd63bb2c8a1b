"""Fixtures of the reliability tests (crash safety, concurrency, busy lock, privacy, backup,
schema fixtures). They drive the real `legdiary` binary ($LEGDIARY_CLI) and, where the
package is installed, Python subprocesses using `legdiary`.

The normal run is short. The full run (over 200 kills, more writers and entries) is asked
for with `LEGDIARY_FULL_RELIABILITY=1` or `pytest tests/reliability --full-reliability`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness_common as common  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--full-reliability", action="store_true", default=False,
                     help=f"run the full crash and concurrency measurements (same as {common.FULL_ENV}=1)")


@pytest.fixture(scope="session")
def full_run(request: pytest.FixtureRequest) -> bool:
    try:
        option = bool(request.config.getoption("--full-reliability"))
    except ValueError:  # this conftest was not loaded early enough to add the option
        option = False
    return option or common.full_run_requested()


from common_support import missing_binary  # noqa: E402


@pytest.fixture(scope="session")
def cli() -> str:
    binary = common.cli_binary()
    if binary is None:
        missing_binary("no legdiary binary: build the legdiary_cli target or set LEGDIARY_CLI")
    return binary


@pytest.fixture(scope="session")
def generate() -> str:
    binary = common.generate_binary()
    if binary is None:
        missing_binary("no legdiary-generate: build the legdiary_generate target or set LEGDIARY_GENERATE")
    return binary


@pytest.fixture(scope="session")
def python_package() -> None:
    problem = common.python_package_problem()
    if problem:
        pytest.skip(problem)

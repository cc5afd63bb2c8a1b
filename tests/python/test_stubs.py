"""The shipped stubs (bindings/python/legdiary/_core.pyi) match the compiled module, and the
package type-checks under mypy --strict."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import legdiary

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_SOURCE = ROOT / "bindings" / "python"
CONFIG = ROOT / "pyproject.toml"


def mypy_env() -> dict[str, str]:
    # The committed stubs are read from the source tree; the module from the installation.
    return {**os.environ, "MYPYPATH": str(PACKAGE_SOURCE)}


@pytest.fixture(scope="module", autouse=True)
def need_mypy() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install .[test])")


def test_the_installed_package_ships_its_stubs_and_py_typed() -> None:
    installed = Path(legdiary.__file__).parent
    assert (installed / "py.typed").exists()
    assert (installed / "_core.pyi").exists()


def test_stubtest_finds_the_stubs_consistent_with_the_module(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "legdiary._core", "--concise", "--mypy-config-file", str(CONFIG),
         "--allowlist", str(PACKAGE_SOURCE / "stubtest-allowlist.txt")],
        capture_output=True, text=True, cwd=tmp_path, env=mypy_env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_committed_stubs_are_the_generated_ones(tmp_path: Path) -> None:
    # The tool's script sits beside this interpreter (.venv/bin), which need not be on PATH.
    search_path = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    if shutil.which("pybind11-stubgen", path=search_path) is None:
        pytest.skip("pybind11-stubgen is not installed")
    committed = PACKAGE_SOURCE / "legdiary" / "_core.pyi"
    copy = tmp_path / "python"
    shutil.copytree(PACKAGE_SOURCE / "tools", copy / "tools")
    (copy / "legdiary").mkdir()
    subprocess.run(["sh", str(copy / "tools" / "generate_stubs.sh")], check=True, capture_output=True, cwd=tmp_path,
                   env={**os.environ, "PATH": search_path})
    assert (copy / "legdiary" / "_core.pyi").read_text() == committed.read_text(), (
        "stale stubs: run bindings/python/tools/generate_stubs.sh after pip install .")


def test_the_package_type_checks_strictly(tmp_path: Path) -> None:
    sample = tmp_path / "usage.py"
    sample.write_text(
        "import datetime as dt\n"
        "import legdiary\n"
        "with legdiary.Diary(':memory:') as diary:\n"
        "    added: legdiary.AddResult = diary.log_cramp(onset=legdiary.now(), duration=60, leg='left')\n"
        "    episode: legdiary.CrampEpisode | None = diary.cramp(added.id)\n"
        "    report: legdiary.TrendReport = diary.trends(dt.date(2026, 1, 1), dt.date(2026, 1, 31))\n"
        "    rate: float | None = report['summary']['cramps_per_week']\n"
        "    night: dt.date = report['nightly'][0]['night']\n"
        "    week: str = report['weekly'][0]['week']\n"
        "    direction: legdiary.TrendDirection = report['trend']['direction']\n"
        "    ratio: float | None = report['comparisons']['compression']['rate_ratio']\n"
        "    first: dt.date = report['range']['from']\n"
        "    calves: int = report['by_muscle']['calf'] + report['by_leg']['left'] + report['by_hour'][2]\n"
        "    kinds: list[str] = [alert['kind'] for alert in report['alerts']]\n"
        "    one: legdiary.Comparison = diary.compare('compression')\n"
        "    n: int = len(diary.episodes()) + len(diary.nightly())\n")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(CONFIG), str(PACKAGE_SOURCE / "legdiary"), str(sample)],
        capture_output=True, text=True, cwd=tmp_path, env=mypy_env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_misspelt_report_key_fails_the_type_check(tmp_path: Path) -> None:
    sample = tmp_path / "misspelt.py"
    sample.write_text(
        "import legdiary\n"
        "with legdiary.Diary(':memory:') as diary:\n"
        "    rate = diary.trends()['summary']['cramps_a_week']\n")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(CONFIG), str(sample)],
        capture_output=True, text=True, cwd=tmp_path, env=mypy_env(), check=False)
    assert done.returncode == 1 and "cramps_a_week" in done.stdout, done.stdout + done.stderr

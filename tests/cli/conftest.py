"""Fixtures of the command-line tests; the helpers they use are in cli_support.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import Cli, missing_binary
from common_support import cli_binary


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    binary = cli_binary()
    if binary is None:
        missing_binary("no legdiary binary: build the legdiary_cli target, or point LEGDIARY_CLI at it "
                       "(e.g. LEGDIARY_CLI=$PWD/build/examples/cli/legdiary)")
        raise AssertionError("unreachable")  # missing_binary skips or fails
    (tmp_path / "home").mkdir()
    return Cli(binary, tmp_path)


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    """A diary with a few entries of each kind (Berlin, Saturday morning)."""
    cli.ok("log", "cramp", "--at", "yesterday 23:10", "--leg", "right", "--duration", "45s")
    cli.ok("log", "cramp", "--at", "02:41", "--leg", "left", "--duration", "90s", "--intensity", "7", "--woke")
    cli.ok("log", "night", "--bed", "22:50", "--wake", "07:05", "--sleep-quality", "6")
    cli.ok("log", "day", "--day", "2026-11-20", "--socks", "9.5", "--class", "20-30", "--tag", "magnesium")
    return cli
